"""RSS and Atom feeds: item links, feed pagination, feeds advertised by pages.

A feed lists a site's latest posts only; WordPress serves older ones at
`/feed/?paged=N`, and Atom may link `rel="next"` (RFC 5005), so both are followed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from parsel import Selector

from ..sources import join_url, url_problem

FEED_TYPES = ("application/rss+xml", "application/atom+xml")
_COMMENTS = re.compile(r"(comments?|komentarz)", re.I)
_CATEGORY_FEED = re.compile(r"/(category|kategoria)/[^?#]+/feed/?$", re.I)


@dataclass(frozen=True)
class ParsedFeed:
    items: list[str]
    next_url: str | None
    wordpress: bool
    home: str | None = None  # the HTML page the feed belongs to (often the news listing)


def parse_feed(body: bytes, url: str) -> ParsedFeed | None:
    """Item links of an RSS 1/2 or Atom feed; None when the body is not a feed."""
    try:
        sel = Selector(body=body, type="xml")
    except Exception:
        return None
    sel.remove_namespaces()
    root = sel.xpath("name(/*)").get("")
    if root.lower() not in ("rss", "feed", "rdf"):
        return None
    items = [s.strip() for s in sel.xpath("//item/link/text()").getall()]
    items += sel.xpath("//entry/link[not(@rel) or @rel='alternate']/@href").getall()
    items = [i.strip() for i in items if i and i.strip()]
    next_url = sel.xpath("/*/link[@rel='next']/@href | /rss/channel/link[@rel='next']/@href").get()
    generator = " ".join(sel.xpath("//generator/text() | //generator/@uri").getall()).lower()
    home = (sel.xpath("/rss/channel/link[not(@rel)]/text()").get() or "").strip() or \
        sel.xpath("/feed/link[@rel='alternate' and (not(@type) or contains(@type, 'html'))]/@href").get()
    return ParsedFeed(list(dict.fromkeys(items)), next_url, "wordpress" in generator, home or None)


def wordpress_next_page(feed_url: str) -> str:
    """`…/feed/` -> `…/feed/?paged=2`, `…?paged=2` -> `…?paged=3`."""
    parts = urlsplit(feed_url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    try:
        current = int(query.get("paged", "1"))
    except ValueError:
        current = 1
    query["paged"] = str(current + 1)
    return urlunsplit(parts._replace(query=urlencode(query)))


def looks_like_wordpress_feed(url: str) -> bool:
    return bool(re.search(r"/feed/?$", urlsplit(url).path))


def advertised_feeds(sel: Selector, base_url: str) -> list[str]:
    """Feeds a page advertises with `<link rel="alternate" type="application/rss+xml|atom+xml">`,
    without comment feeds, plus category feed links (`/category/…/feed/`) in its body."""
    found = []
    for link in sel.xpath("//link[contains(concat(' ', normalize-space(@rel), ' '), ' alternate ')]"):
        kind = (link.attrib.get("type") or "").split(";")[0].strip().lower()
        href = (link.attrib.get("href") or "").strip()
        title = link.attrib.get("title") or ""
        if kind in FEED_TYPES and href and not _COMMENTS.search(title) and not _COMMENTS.search(href):
            url = join_url(base_url, href)
            if not url_problem(url):
                found.append(url)
    for href in sel.xpath("//a/@href").getall():
        url = join_url(base_url, href.strip())
        if not url_problem(url) and _CATEGORY_FEED.search(urlsplit(url).path):
            found.append(url)
    return list(dict.fromkeys(u.split("#", 1)[0] for u in found))
