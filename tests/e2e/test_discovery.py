"""Each discovery path on its own small site under tests/sites/ (one host per path).

The sites are replayed with the offline handler (`--offline-root`); the REST API
case with its `X-WP-TotalPages` header is served by a local http.server on
127.0.0.1 (tests/e2e/wordpress_site.py). Crawls run in a subprocess (Scrapy's reactor runs
once per process) with a guard that records any attempt to reach a non-loopback address.
The discovery functions themselves are tested in-process in tests/unit/test_discovery_units.py.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

import pandas as pd
import pytest
from helpers import SITES, crawled, paths, run_kongres
from wordpress_site import POSTS, WordPress



@pytest.fixture(scope="module")
def site_crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, Path, subprocess.CompletedProcess[str]]:
    tmp = tmp_path_factory.mktemp("sites")
    out = tmp / "out"
    proc = run_kongres(["crawl", "--offline-root", str(SITES), "--sources", str(SITES / "sources.toml"),
                        "--output", str(out), "--allow-empty"], tmp)
    assert proc.returncode == 0, proc.stderr
    return crawled(out), out, proc


def test_wordpress_core_sitemap_from_robots(site_crawl):
    log = site_crawl[0]
    got = paths(log, "wpsitemap.example.org", ok=True)
    assert {"/robots.txt", "/wp-sitemap.xml", "/wp-sitemap-posts-post-1.xml", "/wp-sitemap-posts-page-1.xml"} <= got
    assert {"/relacja-z-kongresu/", "/zapowiedz-kongresu/", "/program/", "/"} <= got
    everything = paths(log, "wpsitemap.example.org")
    assert "/stary-wpis/" not in everything  # lastmod 2019 < since 2020-01-01
    assert "/wp-sitemap-users-1.xml" not in everything  # archive sitemaps add no facts
    assert "/niepodlinkowany/" not in everything  # a sitemap site is not link-crawled
    assert not any(p.startswith("/wp-json/") for p in everything)  # nor asked for its REST API
    assert not (log["host"] == "elsewhere.example.net").any()  # off-host sitemap entry


def test_yoast_index_nested_and_gzipped_sitemaps_without_robots(site_crawl):
    log = site_crawl[0]
    rows = log[log["host"] == "yoast.example.org"].set_index("path")
    assert rows.loc["/robots.txt", "status"] == 404
    assert rows.loc["/wp-sitemap.xml", "status"] == 404  # probed first, absent
    assert rows.loc["/sitemap_index.xml", "status"] == 200
    got = paths(log, "yoast.example.org", ok=True)
    assert {"/post-sitemap.xml.gz", "/page-sitemap.xml", "/archiwum-index.xml", "/archiwum-2023.xml"} <= got
    assert {"/2024/10/kongres-relacja/", "/o-kongresie/", "/2023/09/i-kongres/"} <= got
    assert "/category/aktualnosci/" not in paths(log, "yoast.example.org")
    assert "/sitemap.xml" not in paths(log, "yoast.example.org")  # probing stops at the first sitemap


def test_feeds_paged_category_and_advertised_atom(site_crawl):
    log = site_crawl[0]
    got = paths(log, "feed.example.org", ok=True)
    assert {"/feed/", "/feed/?paged=2", "/category/kongres/feed/", "/atom.xml", "/atom-2.xml"} <= got
    assert {"/wpis-1/", "/wpis-2/", "/wpis-3/", "/wpis-kat/", "/atom-wpis/", "/atom-wpis-2/"} <= got
    everything = paths(log, "feed.example.org")
    assert "/comments/feed/" not in everything
    assert "/kontakt/" not in everything  # a feed site is not link-crawled
    assert not any(p.startswith("/wp-json/") for p in everything)


def test_feed_channel_page_is_a_listing_reaching_older_posts(site_crawl):
    log = site_crawl[0]
    got = paths(log, "joomla.example.org", ok=True)
    assert {"/aktualnosci?format=feed&type=rss", "/aktualnosci", "/aktualnosci?start=5"} <= got
    assert {"/aktualnosci/12-nowy-wpis", "/aktualnosci/7-stary-wpis-o-kongresie"} <= got
    assert "/kontakt" not in paths(log, "joomla.example.org")


def test_listing_pagination_with_strona_and_nastepna(site_crawl):
    log = site_crawl[0]
    got = paths(log, "listing.example.org", ok=True)
    assert {"/aktualnosci/", "/aktualnosci/?strona=2", "/aktualnosci/?strona=3"} <= got
    assert {"/aktualnosci/kongres-zapowiedz", "/aktualnosci/kongres-program",
            "/aktualnosci/kongres-relacja", "/aktualnosci/inny-wpis"} <= got
    everything = paths(log, "listing.example.org")
    assert "/kontakt/" not in everything  # navigation is not a listing entry
    assert not any(p.endswith("/galeria") for p in everything)  # entries are leaves


def test_wordpress_listing_with_numbered_pages(site_crawl):
    log = site_crawl[0]
    got = paths(log, "blog.example.org", ok=True)
    assert {"/", "/page/2/", "/page/3/", "/post-a/", "/post-b/", "/post-c/", "/post-d/"} <= got
    assert "/kontakt/" not in paths(log, "blog.example.org")


def test_links_only_site_is_crawled_within_depth(site_crawl):
    log = site_crawl[0]
    rows = log[log["host"] == "links.example.org"].set_index("path")
    got = paths(log, "links.example.org", ok=True)
    assert {"/", "/kongres/", "/kongres/program/", "/kontakt/"} <= got
    assert "/kongres/program/szczegoly/" not in rows.index  # depth 3 > max_depth 2
    assert "/raport.pdf" not in rows.index
    assert rows.loc["/brak/", "status"] == 404 and rows.loc["/brak/", "error"] == "HTTP 404"
    assert pd.isna(rows.loc["/prywatne/", "status"])
    assert rows.loc["/prywatne/", "error"] == "forbidden by robots.txt"
    assert not (log["host"] == "inna.example.net").any()


def test_rest_api_files_when_no_sitemap_and_no_feed(site_crawl):
    log = site_crawl[0]
    got = paths(log, "rest.example.org", ok=True)
    assert {"/wp-json/wp/v2/posts?per_page=100&page=1", "/wp-json/wp/v2/pages?per_page=100&page=1"} <= got
    assert {"/2024/10/kongres/", "/2024/09/zapowiedz/", "/o-kongresie/"} <= got
    assert "/o-nas/" not in paths(log, "rest.example.org")
    # no X-WP-TotalPages and a short page: no page 2 asked for
    assert "/wp-json/wp/v2/posts?per_page=100&page=2" not in paths(log, "rest.example.org")


def test_every_fetch_is_logged_and_pages_are_extracted(site_crawl):
    log, out, proc = site_crawl
    assert log["url"].is_unique
    html = log[log["page_type"].isin(["programme", "speakers", "article", "other"])]
    assert set(log["page_type"].dropna()) <= {"programme", "speakers", "article", "other",
                                              "robots", "sitemap", "feed", "api"}
    assert {"robots", "sitemap", "feed", "api"} <= set(log["page_type"].dropna())
    articles = pd.read_parquet(out / "articles.parquet")
    assert set(html["url"]) <= set(articles["url"])
    assert set(log.loc[log["status"] == 404, "error"]) == {"HTTP 404"}
    assert log.loc[log["status"] == 200, "content_hash"].str.fullmatch(r"[0-9a-f]{64}").all()
    # progress lines and the closing summary are on stderr
    assert "fetched," in proc.stderr and "crawl finished" in proc.stderr
    assert "crawl_log" in proc.stdout


def test_replayed_fetch_time_is_the_file_mtime(site_crawl):
    log = site_crawl[0]
    row = log[log["url"] == "https://links.example.org/kongres/"].iloc[0]
    mtime = (SITES / "links.example.org/kongres/index.html").stat().st_mtime
    assert abs(row["fetched_at"].timestamp() - int(mtime)) < 1


def test_mirror_without_sources_file_starts_at_each_host(tmp_path: Path):
    import shutil

    root = tmp_path / "mirror"
    shutil.copytree(SITES / "links.example.org", root / "links.example.org")
    out = tmp_path / "out"
    proc = run_kongres(["crawl", "--offline-root", str(root), "--output", str(out), "--allow-empty", "-q"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert {"/", "/kongres/", "/kongres/program/"} <= paths(crawled(out), "links.example.org", ok=True)


def test_failures_are_logged_with_their_reason(tmp_path: Path):
    root = tmp_path / "mirror"
    host = root / "bad.example.org"
    (host / "boom").mkdir(parents=True)
    page = "<html><head><title>{0}</title></head><body><main><a href='/boom/'>x</a> <a href='/pusta/'>y</a> <a href='/dane'>z</a>"
    (host / "index.html").write_text(page.format("Start") + "</main></body></html>", encoding="utf-8")
    (host / "boom" / "index.html").write_text(page.format("Boom") + "</main></body></html>", encoding="utf-8")
    (host / "pusta").mkdir()
    (host / "pusta" / "index.html").write_bytes(b"")
    (host / "dane").write_bytes(bytes(range(256)) * 4)
    out = tmp_path / "out"
    proc = run_kongres(["crawl", "--offline-root", str(root), "--output", str(out), "--allow-empty", "-q"], tmp_path,
                       extra_env={"KONGRES_TEST_BREAK_EXTRACTION": "/boom/"})
    assert proc.returncode == 0, proc.stderr
    rows = crawled(out).set_index("path")
    assert rows.loc["/boom/", "status"] == 200
    assert rows.loc["/boom/", "error"] == "extraction failed: ValueError: broken on purpose"
    assert rows.loc["/pusta/", "error"].startswith("not HTML")
    assert rows.loc["/dane", "error"] == "not HTML: application/octet-stream"
    assert "Traceback" not in proc.stderr


# --------------------------------------------------------------------------- REST API, live


def test_rest_api_pages_by_total_pages_header_live(wordpress_server, tmp_path: Path):
    port = wordpress_server.server_address[1]
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "wp"\nstart_urls = ["http://127.0.0.1:{port}/"]\n', encoding="utf-8")
    out = tmp_path / "out"
    proc = run_kongres(["crawl", "--sources", str(sources), "--output", str(out), "--allow-empty", "-q",
                        "--set", "AUTOTHROTTLE_ENABLED=false", "--set", "DOWNLOAD_DELAY=0"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    requested = [path for path, _agent in WordPress.seen]
    for page in (1, 2, 3):  # pages 2 and 3 known from X-WP-TotalPages, though page 1 was short
        assert f"/wp-json/wp/v2/posts?per_page=100&page={page}" in requested
    assert "/wp-json/wp/v2/posts?per_page=100&page=4" not in requested
    assert "/robots.txt" in requested  # robots.txt obeyed
    assert "/o-nas/" not in requested  # the REST API lists everything: no link crawl
    agents = {agent for _path, agent in WordPress.seen}
    assert all("kongres_scraper/" in a and "+https://" in a for a in agents)
    got = paths(crawled(out), "127.0.0.1", ok=True)
    assert {p for pages in POSTS.values() for p in pages} <= got
    articles = pd.read_parquet(out / "articles.parquet")
    title = articles.loc[articles["url"].str.endswith("/2024/09/post-4/"), "title"].iloc[0]
    assert title.startswith("Współpraca lokalna")  # decoded with the header's windows-1250


def test_http_cache_revalidates_pages_on_the_next_crawl(wordpress_server, tmp_path: Path):
    port = wordpress_server.server_address[1]
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "wp"\nstart_urls = ["http://127.0.0.1:{port}/"]\n', encoding="utf-8")
    fast = ["--set", "AUTOTHROTTLE_ENABLED=false", "--set", "DOWNLOAD_DELAY=0", "--allow-empty", "-q"]
    for run in ("first", "second"):
        proc = run_kongres(["crawl", "--sources", str(sources), "--output", str(tmp_path / run),
                            "--cache", str(tmp_path / "cache"), *fast], tmp_path)
        assert proc.returncode == 0, proc.stderr
    post = "/2024/10/post-1/"
    assert WordPress.revalidated.count(post) == 1  # the second crawl asked "changed since?" and got 304
    for run in ("first", "second"):
        articles = pd.read_parquet(tmp_path / run / "articles.parquet")
        assert articles["url"].str.endswith(post).any()  # a revalidated page still gives its record
