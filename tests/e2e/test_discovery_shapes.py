"""Six sites built differently, crawled from their home pages only: every post is found.

`tests/sites/shapes/` is a wget-style mirror written for this test (fictional hosts and prose),
one discovery shape per host, and `sources.toml` there names only the home pages:

* www.fundacja-mosty.example.org — Yoast sitemap index (robots.txt -> sitemap_index.xml ->
  post-sitemap.xml, post-sitemap2.xml, page-sitemap.xml); the home page links to no post.
* www.centrum-inicjatyw.example.org — WordPress reachable only through its REST API: the home
  page is a script shell announcing `https://api.w.org/`; no sitemap, no feed.
* www.razem-nad-rzeka.example.org — RSS only: `/feed/` and `/feed/?paged=2`, not announced anywhere.
* www.powiat-lesny.example.org — a portal whose news listing is paginated with `?strona=N`; the
  oldest congress post is on page 3; no sitemap, feed or REST API.
* www.blog-soltysa.example.org — a blog whose Atom feed (`/wpisy.atom`) is announced only in <head>.
* www.ug-dolina.example.org — an old municipal CMS in tables: home -> `aktualnosci.html` ->
  `aktualnosci/strona-2.html`, `strona-3.html` (a row of numbers and `»`); the congress posts
  are on listing pages 2 and 3, beyond the link depth if pagination used it up.
"""
from __future__ import annotations

import json
import subprocess

import pandas as pd
import pytest

from helpers import SITES, crawled, paths, run_kongres


SHAPES = SITES / "shapes"


@pytest.fixture(scope="module")
def shapes_crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    tmp = tmp_path_factory.mktemp("shapes")
    out = tmp / "out"
    proc: subprocess.CompletedProcess[str] = run_kongres(
        ["crawl", "--offline-root", str(SHAPES), "--sources", str(SHAPES / "sources.toml"), "--output", str(out), "-q"],
        tmp)
    assert proc.returncode == 0, proc.stderr
    run = next((out / "runs").glob("*/report.json")).parent
    report = json.loads((run / "report.json").read_text(encoding="utf-8"))
    report["text"] = (run / "report.txt").read_text(encoding="utf-8")
    return crawled(out), pd.read_parquet(out / "articles.parquet"), report


def _posts(shapes_crawl, host: str, posts: set[str]) -> None:
    """Every post of the host was fetched, extracted and judged about the congress."""
    log, articles, _ = shapes_crawl
    assert posts <= paths(log, host, ok=True)
    about = {u.split(host, 1)[1] for u in articles.loc[articles["about_congress"], "url"] if host in u}
    assert posts <= about


def _found_by(shapes_crawl, name: str) -> dict[str, int]:
    entry = next(e for e in shapes_crawl[2]["source"]["discovery"] if e["source"] == name)
    assert entry["why"] is None
    return entry["found_by"]


def test_yoast_sitemap_index(shapes_crawl):
    _posts(shapes_crawl, "www.fundacja-mosty.example.org", {
        "/2025/10/sila-wspolnoty-notatki/", "/2024/10/wrocilismy-z-kongresu/", "/2024/09/jedziemy-na-kongres/"})
    assert _found_by(shapes_crawl, "yoast-index")["sitemap"] >= 3


def test_wordpress_reachable_only_through_its_rest_api(shapes_crawl):
    _posts(shapes_crawl, "www.centrum-inicjatyw.example.org", {"/zaproszenie-na-iii-kongres/", "/nasze-wnioski-po-i-kongresie/"})
    assert _found_by(shapes_crawl, "rest-only")["rest"] >= 2


def test_rss_only_site_with_a_paged_feed(shapes_crawl):
    _posts(shapes_crawl, "www.razem-nad-rzeka.example.org", {"/po-iii-kongresie/", "/nasza-prezentacja/", "/relacja-z-ii-kongresu/"})
    assert _found_by(shapes_crawl, "rss-only")["feed"] >= 3


def test_portal_paginated_with_strona(shapes_crawl):
    _posts(shapes_crawl, "www.powiat-lesny.example.org", {"/aktualnosci/starosta-na-kongresie", "/aktualnosci/organizacje-na-i-kongresie"})
    assert {"/aktualnosci?strona=2", "/aktualnosci?strona=3"} <= paths(shapes_crawl[0], "www.powiat-lesny.example.org", ok=True)
    assert _found_by(shapes_crawl, "strona-portal")["listing"] >= 2


def test_atom_feed_announced_in_head(shapes_crawl):
    _posts(shapes_crawl, "www.blog-soltysa.example.org", {"/wpisy/kongres-po-raz-trzeci.html", "/wpisy/soltys-w-warszawie.html"})
    assert "/wpisy/zapisalem-sie.html" in paths(shapes_crawl[0], "www.blog-soltysa.example.org", ok=True)
    assert _found_by(shapes_crawl, "atom-in-head")["feed"] >= 3


def test_old_municipal_cms_with_numbered_listing_pages_in_a_table(shapes_crawl):
    _posts(shapes_crawl, "www.ug-dolina.example.org", {
        "/aktualnosci/412,dolina-na-kongresie.html", "/aktualnosci/366,wojt-na-i-kongresie.html"})
    got = paths(shapes_crawl[0], "www.ug-dolina.example.org", ok=True)
    assert {"/aktualnosci/strona-2.html", "/aktualnosci/strona-3.html"} <= got
    assert _found_by(shapes_crawl, "municipal-table")["listing"] >= 4


def test_crawl_log_says_how_each_page_was_found(shapes_crawl):
    log = shapes_crawl[0].set_index("url")
    assert log.loc["https://www.fundacja-mosty.example.org/2024/10/wrocilismy-z-kongresu/", "found_by"] == "sitemap"
    assert log.loc["https://www.ug-dolina.example.org/aktualnosci/strona-2.html", "found_by"] == "listing"
    assert log.loc["https://www.razem-nad-rzeka.example.org/", "found_by"] == "start"
    assert log.loc["https://www.razem-nad-rzeka.example.org/feed/", "found_by"] == "probe"


def test_the_run_report_lists_how_each_source_found_its_pages(shapes_crawl):
    assert [e["source"] for e in shapes_crawl[2]["source"]["discovery"]] == [
        "yoast-index", "rest-only", "rss-only", "strona-portal", "atom-in-head", "municipal-table", "no-articles"]


def test_a_source_without_articles_says_why(shapes_crawl):
    entry = next(e for e in shapes_crawl[2]["source"]["discovery"] if e["source"] == "no-articles")
    assert (entry["articles"], entry["pages"]) == (0, 3)
    assert entry["why"].startswith("no sitemap, feed, REST API or listing pages; 3 pages reached by in-site links")


def test_report_text_says_how_each_source_found_its_pages(shapes_crawl):
    text = shapes_crawl[2]["text"]
    assert "how each source's pages were found:" in text
    assert "    municipal-table: " in text and "listing " in text
    assert "no-articles: 3 pages (found by: links 2, start 1), 0 articles, 0 about the congress — no sitemap" in text
