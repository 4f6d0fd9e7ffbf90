"""What a fetched body is, and what of it extraction gets: pure functions of bytes and headers.

The spider (crawl/spider.py) and `kongres reparse` (runs/reparse.py) decide with the same
functions, so a rebuild from the archive takes the decisions the crawl took.
"""
from __future__ import annotations

import re

from w3lib.encoding import html_to_unicode

from .mirror import sniff_content_type
from .sitemaps import is_gzip

#: The request roles whose HTML responses are extracted (the others are probes: robots, sitemap, feed, rest).
PAGE_ROLES = ("start", "listing", "page")

_ROOT = re.compile(rb"<(urlset|sitemapindex|rss|feed|rdf:rdf|html|!doctype html)\b")
_META_CHARSET = re.compile(rb"<meta[^>]+charset", re.I)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def classify(body: bytes, content_type: str) -> str:
    """What a body is: gzip, sitemap, feed, json, html or text/other (content first, header second)."""
    if is_gzip(body):
        return "gzip"
    head = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"{", b"[")):
        return "json"
    if head.startswith(b"<"):
        root = _ROOT.search(head)
        if root:
            name = root.group(1)
            if name in (b"urlset", b"sitemapindex"):
                return "sitemap"
            if name in (b"rss", b"feed", b"rdf:rdf"):
                return "feed"
            return "html"
    ctype = content_type.split(";")[0].strip().lower()
    if ctype in ("text/html", "application/xhtml+xml"):
        return "html"
    if not ctype:
        guessed = sniff_content_type(body).split(";")[0]
        if guessed == "text/html":
            return "html"
    return "text" if ctype.startswith("text/") else "other"


def page_source(body: bytes, content_type: str) -> bytes | str:
    """What to hand to extraction: the bytes, which declare their own encoding in a
    `<meta charset>` or BOM, or, when only the HTTP header names the charset, the text
    decoded with it (a windows-1250 page without a meta tag must not become mojibake).

    The decoding is w3lib's, which Scrapy's `TextResponse.text` uses for the same case.
    """
    declared_in_body = body.startswith(_BOMS) or _META_CHARSET.search(body[:4096])
    if "charset=" in content_type.lower() and not declared_in_body:
        return html_to_unicode(content_type, body)[1]
    return body
