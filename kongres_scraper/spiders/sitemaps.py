"""Sitemaps: robots.txt `Sitemap:` lines, sitemap indexes and urlsets, gzip, lastmod.

Sitemaps are the most complete and cheapest list of a WordPress site's posts
(core `wp-sitemap.xml`, Yoast/Rank Math `sitemap_index.xml`), so they come first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

#: Well-known sitemap locations probed, in order, when robots.txt names none.
WELL_KNOWN = ("/wp-sitemap.xml", "/sitemap_index.xml", "/sitemap.xml")

# Archive sitemaps (authors, tags, categories) list listing pages, not posts:
# they add fetches, not facts.
_ARCHIVE_SITEMAP = re.compile(
    r"(wp-sitemap-(users|taxonomies)-|/(author|post_tag|tag|category|format|users?)-sitemap\d*\.xml)", re.I
)


@dataclass(frozen=True)
class SitemapEntry:
    loc: str
    lastmod: date | None


@dataclass(frozen=True)
class ParsedSitemap:
    kind: str  # "sitemapindex" or "urlset"
    entries: list[SitemapEntry]


def robots_sitemaps(robots_body: bytes, base_url: str) -> list[str]:
    """The `Sitemap:` URLs of a robots.txt."""
    return list(dict.fromkeys(sitemap_urls_from_robots(robots_body, base_url=base_url)))


def is_gzip(body: bytes) -> bool:
    return body[:2] == b"\x1f\x8b"


def maybe_gunzip(body: bytes, max_size: int) -> bytes:
    """The body, decompressed when it is a gzip file (`sitemap.xml.gz`)."""
    return gunzip(body, max_size=max_size) if is_gzip(body) else body


def parse_sitemap(body: bytes) -> ParsedSitemap | None:
    """Parse a sitemap or sitemap index; None when the XML is neither."""
    try:
        sitemap = Sitemap(body)
    except Exception:  # lxml raises several kinds on garbage
        return None
    if sitemap.type not in ("sitemapindex", "urlset"):
        return None
    entries = []
    for item in sitemap:
        loc = (item.get("loc") or "").strip()
        if loc:
            entries.append(SitemapEntry(loc, parse_lastmod(item.get("lastmod"))))
    return ParsedSitemap(sitemap.type, entries)


def parse_lastmod(value: str | None) -> date | None:
    """W3C datetime (`2024-10-11`, `2024-10-11T09:30:00+02:00`) -> date, None if unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def is_archive_sitemap(url: str) -> bool:
    """Whether a sub-sitemap lists archive pages (authors, tags, categories) only."""
    return bool(_ARCHIVE_SITEMAP.search(url))
