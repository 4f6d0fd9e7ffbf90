"""The run report's account of each source: how its pages were found, and why it gave no article."""
from __future__ import annotations

from kongres_scraper.discovery.report import SourceCrawl, first_way, render, settle, settled_ways, summarise


def _fetch(url, role="page", status=200, page_type="article", found_by="links", error=None, about=False):
    return {"url": url, "role": role, "status": status, "page_type": page_type, "found_by": found_by,
            "error": error, "about_congress": about}


def test_pages_are_counted_by_how_they_were_found():
    entry = summarise(SourceCrawl("a", frozenset({"sitemap"}), False, False, 2), [
        _fetch("/", "start", page_type="other", found_by="start"),
        _fetch("/robots.txt", "robots", page_type="robots", found_by="probe"),
        _fetch("/p1", found_by="sitemap", about=True), _fetch("/p2", found_by="sitemap")])
    assert entry["found_by"] == {"sitemap": 2, "start": 1}
    assert (entry["pages"], entry["articles"], entry["about_congress"], entry["why"]) == (3, 2, 1, None)


def test_a_start_page_that_failed():
    entry = summarise(SourceCrawl("b", frozenset(), True, False, 2), [
        _fetch("/", "start", status=None, page_type=None, found_by="start", error="DNSLookupError: no such host")])
    assert entry["why"] == "its pages could not be fetched (DNSLookupError: no such host)"


def test_a_site_forbidding_its_pages():
    entry = summarise(SourceCrawl("c", frozenset(), True, False, 2), [
        _fetch("/", "start", status=None, page_type=None, found_by="start", error="forbidden by robots.txt")])
    assert entry["why"] == "robots.txt forbids its pages"


def test_a_sitemap_of_pages_that_are_no_articles_and_a_cap():
    entry = summarise(SourceCrawl("d", frozenset({"sitemap"}), False, True, 2), [
        _fetch("/", "start", page_type="other", found_by="start"), _fetch("/sklep", page_type="other", found_by="sitemap")])
    assert entry["why"] == "a sitemap gave 2 pages, none an article; stopped at max_pages"


def test_articles_none_about_the_congress():
    entry = summarise(SourceCrawl("e", frozenset({"feed"}), False, False, 2), [_fetch("/p", found_by="feed")])
    assert entry["why"] == "1 articles, none about the congress"


def test_render_gives_one_line_per_source():
    entry = summarise(SourceCrawl("e", frozenset({"feed"}), False, False, 2), [_fetch("/p", found_by="feed", about=True)])
    assert render([entry]) == ["    e: 1 pages (found by: feed 1), 1 articles, 1 about the congress"]


def test_a_url_offered_several_ways_is_found_by_the_most_telling():
    assert first_way({"listing", "sitemap"}) == "sitemap"
    assert first_way({"links", "listing"}) == "listing"
    assert first_way(set()) is None


def test_rows_of_urls_found_several_ways_are_settled_whichever_request_came_first():
    offers = {"https://a.example.org/wpis/": {"listing", "sitemap"}, "https://a.example.org/": {"start"}}
    settled = settled_ways(offers)
    assert settled == {"https://a.example.org/wpis/": "sitemap"}
    rows = [{"url": "https://a.example.org/wpis/", "found_by": "listing"}, {"url": "https://a.example.org/", "found_by": "start"}]
    settle(rows, settled)
    assert [r["found_by"] for r in rows] == ["sitemap", "start"]
