"""Discovery on saved responses, in-process (city-scrapers' `file_response`): one claim per test.

The responses are the files of the small test sites under tests/sites/, served as the
offline handler serves them (`saved_response`), so these are the bytes the crawls in
tests/e2e/ see; here the pure functions of `kongres_scraper.discovery` are asked directly.
"""
from __future__ import annotations

import gzip

import pytest
from helpers import saved_response
from parsel import Selector

from kongres_scraper.discovery import feeds, links, pagination, sitemaps, wp_rest
from kongres_scraper.discovery.classify import classify, page_source


def selector(url: str) -> Selector:
    return Selector(body=saved_response(url).body, type="html")


# ------------------------------------------------------------------------------------ classify


@pytest.mark.parametrize("url, kind", [
    ("https://wpsitemap.example.org/robots.txt", "text"),
    ("https://wpsitemap.example.org/wp-sitemap.xml", "sitemap"),
    ("https://yoast.example.org/post-sitemap.xml.gz", "gzip"),
    ("https://feed.example.org/feed/", "feed"),
    ("https://feed.example.org/atom.xml", "feed"),
    ("https://rest.example.org/wp-json/wp/v2/posts?per_page=100&page=1", "json"),
    ("https://blog.example.org/", "html"),
])
def test_classify_a_saved_response(url: str, kind: str):
    response = saved_response(url)
    assert classify(response.body, response.content_type) == kind


def test_classify_trusts_the_bytes_over_the_header():
    assert classify(b"<?xml version='1.0'?><urlset></urlset>", "text/html") == "sitemap"


def test_classify_sniffs_html_without_a_header():
    assert classify(b"<!-- a comment first --><p>tekst</p>", "") == "html"


def test_page_source_decodes_with_the_header_charset_when_the_page_declares_none():
    assert page_source("<p>zażółć</p>".encode("cp1250"), "text/html; charset=windows-1250") == "<p>zażółć</p>"


def test_page_source_keeps_bytes_that_declare_their_own_charset():
    body = b"<meta charset='utf-8'><p>x</p>"
    assert page_source(body, "text/html; charset=windows-1250") is body


# ------------------------------------------------------------------------------------ sitemaps


def test_robots_txt_names_its_sitemap():
    url = "https://wpsitemap.example.org/robots.txt"
    assert sitemaps.robots_sitemaps(saved_response(url).body, url) == ["https://wpsitemap.example.org/wp-sitemap.xml"]


def test_sitemap_index_lists_its_sitemaps():
    parsed = sitemaps.parse_sitemap(saved_response("https://wpsitemap.example.org/wp-sitemap.xml").body)
    assert parsed.kind == "sitemapindex" and len(parsed.entries) == 4


def test_archive_sitemaps_of_an_index_are_recognised():
    parsed = sitemaps.parse_sitemap(saved_response("https://wpsitemap.example.org/wp-sitemap.xml").body)
    kept = [e.loc for e in parsed.entries if not sitemaps.is_archive_sitemap(e.loc)]
    assert kept == ["https://wpsitemap.example.org/wp-sitemap-posts-post-1.xml",
                    "https://wpsitemap.example.org/wp-sitemap-posts-page-1.xml"]


def test_urlset_entries_carry_their_lastmod():
    parsed = sitemaps.parse_sitemap(saved_response("https://wpsitemap.example.org/wp-sitemap-posts-post-1.xml").body)
    lastmods = {e.loc: e.lastmod for e in parsed.entries}
    assert str(lastmods["https://wpsitemap.example.org/relacja-z-kongresu/"]) == "2024-10-14"


def test_gzipped_sitemap_is_read_after_gunzip():
    body = sitemaps.maybe_gunzip(saved_response("https://yoast.example.org/post-sitemap.xml.gz").body, sitemaps.MAX_SIZE)
    assert [e.loc for e in sitemaps.parse_sitemap(body).entries] == ["https://yoast.example.org/2024/10/kongres-relacja/"]


def test_gzip_bomb_is_refused():
    with pytest.raises(sitemaps.TooLarge):
        sitemaps.maybe_gunzip(gzip.compress(b"<urlset>" + b" " * 10_000), 1_000)


def test_html_is_no_sitemap():
    assert sitemaps.parse_sitemap(saved_response("https://blog.example.org/").body) is None


# ------------------------------------------------------------------------------------ feeds


def test_rss_feed_items():
    url = "https://feed.example.org/feed/"
    assert feeds.parse_feed(saved_response(url).body, url).items == ["https://feed.example.org/wpis-1/",
                                                                    "https://feed.example.org/wpis-2/"]


def test_rss_feed_names_its_home_page():
    url = "https://feed.example.org/feed/"
    assert feeds.parse_feed(saved_response(url).body, url).home == "https://feed.example.org/"


def test_atom_feed_next_page():
    url = "https://feed.example.org/atom.xml"
    assert feeds.parse_feed(saved_response(url).body, url).next_url == "https://feed.example.org/atom-2.xml"


def test_wordpress_feed_pages_by_paged():
    assert feeds.wordpress_next_page("https://feed.example.org/feed/") == "https://feed.example.org/feed/?paged=2"


def test_pages_advertise_their_feeds():
    assert feeds.advertised_feeds(selector("https://feed.example.org/"), "https://feed.example.org/") == [
        "https://feed.example.org/atom.xml", "https://feed.example.org/category/kongres/feed/"]


# ------------------------------------------------------------------------------------ listings and links


def test_blog_pagination_links():
    assert pagination.pagination_links(selector("https://blog.example.org/"), "https://blog.example.org/") == [
        "https://blog.example.org/page/2/", "https://blog.example.org/page/3/"]


def test_polish_listing_pagination_by_strona():
    url = "https://listing.example.org/aktualnosci/"
    assert pagination.pagination_links(selector(url), url) == ["https://listing.example.org/aktualnosci/?strona=2"]


@pytest.mark.parametrize("url, expected", [
    ("https://blog.example.org/page/3/", True),
    ("https://x.example.org/news?paged=2", True),
    ("https://x.example.org/aktualnosci/?strona=4", True),
    ("https://blog.example.org/post-a/", False),
])
def test_is_pagination_url(url: str, expected: bool):
    assert pagination.is_pagination_url(url) is expected


def test_listing_entries_are_the_posts():
    assert links.item_links(selector("https://blog.example.org/"), "https://blog.example.org/") == [
        "https://blog.example.org/post-a/", "https://blog.example.org/post-b/"]


def test_all_links_of_a_page_skip_files():
    got = links.all_links(selector("https://links.example.org/"), "https://links.example.org/")
    assert "https://links.example.org/kongres/" in got and not any(u.endswith(".pdf") for u in got)


# ------------------------------------------------------------------------------------ WordPress REST API


def test_rest_collection_lists_post_links():
    body = saved_response("https://rest.example.org/wp-json/wp/v2/posts?per_page=100&page=1").body
    assert wp_rest.parse_collection(body) == ["https://rest.example.org/2024/10/kongres/",
                                              "https://rest.example.org/2024/09/zapowiedz/"]


def test_rest_collection_url_of_a_page():
    assert (wp_rest.collection_url("https://rest.example.org/wp-json/", "posts", 2)
            == "https://rest.example.org/wp-json/wp/v2/posts?per_page=100&page=2")


def test_rest_root_defaults_to_wp_json():
    assert wp_rest.api_root(None, "https://rest.example.org/o-nas/") == "https://rest.example.org/wp-json/"


def test_html_is_no_rest_collection():
    assert wp_rest.parse_collection(saved_response("https://blog.example.org/").body) is None


def test_total_pages_header():
    assert wp_rest.total_pages(b"3") == 3
