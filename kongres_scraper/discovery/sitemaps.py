"""Sitemaps: robots.txt `Sitemap:` lines, sitemap indexes and urlsets, gzip, lastmod.

Sitemaps are the most complete and cheapest list of a WordPress site's posts
(core `wp-sitemap.xml`, Yoast/Rank Math `sitemap_index.xml`), so they come first.
Parsed with lxml as Scrapy's `SitemapSpider` does (recovering, no entities), without
importing Scrapy, so `kongres reparse` and the unit tests need no crawler.
"""
from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass
from datetime import date, datetime
from gzip import GzipFile
from io import BytesIO

import lxml.etree

from ..sources import join_url

#: Largest decompressed sitemap accepted (Scrapy's SITEMAP_MAX_SIZE): the sites' sitemaps are small.
MAX_SIZE = 50 * 1024 * 1024
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
    urls = []
    for line in BytesIO(robots_body):
        if line.lstrip()[:8].lower() == b"sitemap:":
            try:
                urls.append(join_url(base_url, line.partition(b":")[2].strip().decode()))
            except UnicodeDecodeError:
                continue
    return list(dict.fromkeys(urls))


def is_gzip(body: bytes) -> bool:
    return body[:2] == b"\x1f\x8b"


class TooLarge(ValueError):
    """A gzip body that decompresses to more than the allowed size (a gzip bomb)."""


def maybe_gunzip(body: bytes, max_size: int) -> bytes:
    """The body, decompressed when it is a gzip file (`sitemap.xml.gz`).

    As much as can be read is kept (a truncated archive still lists its first URLs);
    more than `max_size` bytes (0: no limit) raises `TooLarge`.
    """
    if not is_gzip(body):
        return body
    stream, out, size = GzipFile(fileobj=BytesIO(body)), BytesIO(), 0
    while True:
        try:
            chunk = stream.read1(65536)
        except (OSError, EOFError, struct.error, zlib.error):
            if out.getbuffer().nbytes:
                break
            raise
        if not chunk:
            break
        size += len(chunk)
        if max_size and size > max_size:
            raise TooLarge(f"decompressed size over {max_size} bytes")
        out.write(chunk)
    return out.getvalue()


def _local_name(elem: lxml.etree._Element) -> str:
    tag = elem.tag
    return tag.partition("}")[2] or tag if isinstance(tag, str) else ""


def parse_sitemap(body: bytes) -> ParsedSitemap | None:
    """Parse a sitemap or sitemap index; None when the XML is neither."""
    try:
        events = lxml.etree.iterparse(BytesIO(body), recover=True, remove_comments=True, resolve_entities=False,
                                      remove_blank_text=True, collect_ids=False, remove_pis=True,
                                      events=("start", "end"))
        _, root = next(events)
        kind = _local_name(root)
        if kind not in ("sitemapindex", "urlset"):
            return None
        entries = []
        for event, elem in events:
            if event != "end" or _local_name(elem) not in ("url", "sitemap"):
                continue
            fields = {_local_name(child): (child.text or "").strip() for child in elem if _local_name(child)}
            elem.clear()
            loc = fields.get("loc", "")
            if loc:
                entries.append(SitemapEntry(loc, parse_lastmod(fields.get("lastmod"))))
    except Exception:  # lxml raises several kinds on garbage
        return None
    return ParsedSitemap(kind, entries)


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
