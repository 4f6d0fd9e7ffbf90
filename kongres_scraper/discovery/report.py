"""How each source's pages were found, and why a source gave no article (the run report's `discovery`).

A crawl of a site nobody here has seen must say what it did there: which of the ways to
find pages (its start page, a sitemap, a feed, the WordPress REST API, listing pages,
in-site links) gave its pages, and — when a source gave no article — why, so that a user
can tell a site that has nothing about the congress from one the crawler could not read.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable

from ..sources import url_key
from .classify import PAGE_ROLES

_ARTICLE_TYPES = ("article", "programme", "speakers")
#: The ways a URL can be found, most telling first: a URL both a sitemap and a listing offered
#: was found by the sitemap (which request reached it first depends on timing; this does not).
WAYS = ("start", "sitemap", "feed", "rest", "listing", "links", "head", "robots", "probe")


def first_way(ways: Iterable[str]) -> str | None:
    """The most telling of the ways a URL was offered (`WAYS` order)."""
    return min(ways, key=lambda w: WAYS.index(w) if w in WAYS else len(WAYS), default=None)


def settled_ways(offers: dict[str, set[str]]) -> dict[str, str]:
    """The `found_by` of each URL (canonical) offered more than one way: the rows of those URLs say
    whichever way requested them first, which depends on timing."""
    return {url: first_way(ways) for url, ways in offers.items() if len(ways) > 1}


def settle(rows: Iterable[dict[str, Any]], settled: dict[str, str]) -> None:
    """Give each crawl_log row the settled way of its URL (in place)."""
    if not settled:
        return
    for row in rows:
        way = settled.get(url_key(row["url"]))  # a malformed link's row keeps its URL as met
        if way:
            row["found_by"] = way
_METHOD_NAMES = {"sitemap": "a sitemap", "feed": "a feed", "rest": "the REST API", "listing": "listing pages"}


@dataclass(frozen=True)
class SourceCrawl:
    """What the spider learnt about one source: the methods that listed pages, and its limits."""

    name: str
    found: frozenset[str]
    links_mode: bool
    capped: bool
    max_depth: int


def summarise(crawl: SourceCrawl, fetches: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The report entry of one source; `fetches` are its crawl_log rows with the request's `role`
    and, for extracted pages, `about_congress`."""
    rows = list(fetches)
    pages = [f for f in rows if f.get("role") in PAGE_ROLES]
    ok = [f for f in pages if f.get("status") == 200 and not f.get("error")]
    articles = [f for f in ok if f.get("page_type") in _ARTICLE_TYPES]
    entry: dict[str, Any] = {
        "source": crawl.name,
        "pages": len(ok),
        "found_by": dict(sorted(Counter(f.get("found_by") or "start" for f in ok).items())),
        "methods": sorted(crawl.found) + (["links"] if crawl.links_mode else []),
        "articles": len(articles),
        "about_congress": sum(1 for f in ok if f.get("about_congress")),
        "capped": crawl.capped,
    }
    entry["why"] = _why(crawl, pages, ok, articles, entry["about_congress"])
    return entry


def _why(crawl: SourceCrawl, pages: list[dict], ok: list[dict], articles: list[dict], about: int) -> str | None:
    """Why the source gave no article (or no article about the congress); None when it gave some."""
    capped = "; stopped at max_pages" if crawl.capped else ""
    if not ok:
        errors = Counter(f.get("error") or f"HTTP {f.get('status')}" for f in pages)
        if not errors:
            return "no page was fetched"
        if set(errors) == {"forbidden by robots.txt"}:
            return "robots.txt forbids its pages"
        start = next((f for f in pages if f.get("found_by") in (None, "start")), None)
        what = (start or pages[0]).get("error") or f"HTTP {(start or pages[0]).get('status')}"
        return f"its pages could not be fetched ({what})"
    if not articles:
        if crawl.links_mode or not crawl.found:
            return (f"no sitemap, feed, REST API or listing pages; {len(ok)} pages reached by in-site links "
                    f"within {crawl.max_depth} hops, none an article{capped}")
        found = ", ".join(_METHOD_NAMES.get(m, m) for m in sorted(crawl.found))
        return f"{found} gave {len(ok)} pages, none an article{capped}"
    if not about:
        return f"{len(articles)} articles, none about the congress"
    return None


def render(entries: list[dict[str, Any]]) -> list[str]:
    """Lines for report.txt: one per source."""
    out = []
    for e in entries:
        how = ", ".join(f"{k} {v}" for k, v in e["found_by"].items()) or "none"
        line = (f"    {e['source']}: {e['pages']} pages (found by: {how}), {e['articles']} articles, "
                f"{e['about_congress']} about the congress")
        if e.get("why"):
            line += f" — {e['why']}"
        out.append(line)
    return out
