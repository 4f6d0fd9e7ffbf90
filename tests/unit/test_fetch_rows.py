"""crawl/pipeline.FetchRow: a crawl_log row with its request's role, read as the dict it replaces."""
from __future__ import annotations

from kongres_scraper.crawl.pipeline import FetchRow
from kongres_scraper.crawl.shared import LocalDiscovery
from kongres_scraper.discovery.report import settle, settled_ways


def test_a_fetch_row_reads_as_the_row_with_its_role_and_settles_the_row():
    log = {"url": "https://a.example.org/wpis/", "fetched_at": "2026-12-05T04:00:00Z", "status": 200,
           "page_type": "article", "content_hash": "ab", "error": None, "found_by": "listing"}
    row = FetchRow(log, "page", "a", True)
    assert dict(row) == {**log, "role": "page", "source": "a", "about_congress": True}
    assert row.get("status") == 200 and row["role"] == "page" and row.get("missing") is None
    assert len(row) == len(log) + 3 and "source" in row
    offers: dict = {}
    discovery = LocalDiscovery(offers)
    for via in ("listing", "sitemap", "listing"):
        discovery.offer("https://a.example.org/wpis/", via)
    discovery.offer("https://a.example.org/", "start")
    assert offers == {"https://a.example.org/wpis/": {"listing", "sitemap"}, "https://a.example.org/": {"start"}}
    settle([log, row], settled_ways(offers))
    assert log["found_by"] == row["found_by"] == "sitemap"
