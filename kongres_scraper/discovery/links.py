"""In-site links of a page: listing items and, for sites with nothing better, all links.

Which links are worth following is decided from the URL and the page structure
(`<main>`, `<article>`, navigation elements), never from one theme's CSS classes.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from parsel import Selector

from ..sources import join_url, url_problem
from .pagination import PAGE_PATH, is_pagination_url

# Files and machinery that are never pages with text about the congress.
_ASSET = re.compile(
    r"\.(jpe?g|png|gif|webp|svg|ico|bmp|tiff?|pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|zip|rar|7z|gz|tar|"
    r"mp3|mp4|m4a|avi|mov|wmv|webm|ogg|css|js|json|xml|rss|atom|txt|csv|ics|exe|dmg)$",
    re.I,
)
_MACHINERY = re.compile(
    r"(/wp-(admin|login|content|includes|json)\b|/xmlrpc\.php|/feed/?$|/comments/|/trackback/?$|/cdn-cgi/|"
    r"/(tag|author|autor)/|/embed/?$)",
    re.I,
)
_QUERY_NOISE = re.compile(r"(^|&)(replytocom|share|s|search|ical|format|print|lang|amp|utm_[a-z]+|fbclid|output)=", re.I)

_MAIN = (
    "//main", "//*[@role='main']", "//article/..",
    "//*[@id='content' or @id='main' or @id='primary' or @id='main-content']",
)
_CHROME = "ancestor::nav or ancestor::header or ancestor::footer or ancestor::aside or ancestor::*[@role='navigation']"


def clean_url(base_url: str, href: str) -> str | None:
    """Absolute URL of an href worth fetching as a page, or None."""
    href = (href or "").strip()
    if not href or href.startswith(("#", "mailto:", "javascript:", "tel:", "data:")):
        return None
    url = join_url(base_url, href).split("#", 1)[0]
    if url_problem(url):  # the spider logs it as a malformed link
        return url if url.startswith(("http://", "https://")) else None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return None
    if _ASSET.search(parts.path) or _MACHINERY.search(parts.path) or _QUERY_NOISE.search(parts.query):
        return None
    return url


def item_links(sel: Selector, page_url: str) -> list[str]:
    """Links to the entries of a listing page: links in the main content, outside
    navigation, header, footer and sidebars, other than the pagination."""
    region = None
    for xpath in _MAIN:
        found = sel.xpath(xpath)
        if found:
            region = found
            break
    if region is None:
        anchors = sel.xpath(f"//body//a[@href][not({_CHROME})]")
    else:
        anchors = region.xpath(f".//a[@href][not({_CHROME})]")
    urls = _urls(anchors, page_url, skip_pagination=True)
    # Entries usually live under the listing's own path (/aktualnosci/ -> /aktualnosci/post);
    # when they do, the other links are menus of a layout without semantic elements.
    base = re.sub(r"\.(?:html?|php|aspx?)$", "", PAGE_PATH.sub("", urlsplit(page_url).path)).rstrip("/") + "/"
    under = [u for u in urls if not url_problem(u) and urlsplit(u).path.startswith(base)
             and urlsplit(u).path.rstrip("/") + "/" != base]
    return under if base != "/" and under else urls


def all_links(sel: Selector, page_url: str) -> list[str]:
    """Every link of a page that may lead to a text page (navigation included)."""
    return _urls(sel.xpath("//body//a[@href]"), page_url, skip_pagination=False)


def _urls(anchors: Selector, page_url: str, skip_pagination: bool) -> list[str]:
    here = page_url.split("#", 1)[0]
    out = []
    for anchor in anchors:
        url = clean_url(page_url, anchor.attrib.get("href", ""))
        if not url or url == here:
            continue
        if url_problem(url):  # malformed: kept, for the spider to log
            out.append(url)
            continue
        if skip_pagination and is_pagination_url(url):
            continue
        out.append(url)
    return list(dict.fromkeys(out))
