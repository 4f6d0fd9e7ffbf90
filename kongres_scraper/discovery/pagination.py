"""Listing pages: find the links to the next pages of a news listing.

Real listings paginate in many ways: `/page/N/` and `?paged=N` (WordPress),
`?strona=N` (Polish CMSes), `?page=N`, `?start=N` (Joomla); the way *to* the next
page is `rel="next"`, a "Następna"/"Starsze wpisy"/"»" link, or numbered page links.
No theme's CSS classes are assumed.
"""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from parsel import Selector

PAGE_PARAM = re.compile(r"(?:^|&)(?:paged|strona|page|pg|start|limitstart)=(\d+)(?:&|$)", re.I)
PAGE_PATH = re.compile(r"/(?:page|strona)/(\d+)/?$", re.I)

_NEXT_WORDS = re.compile(
    r"^(?:następn[aey](?:\s+stron[ay])?|starsze(?:\s+(?:wpisy|posty|artykuły|aktualności))?|"
    r"wcześniejsze(?:\s+wpisy)?|dalej|next(?:\s+page)?|older(?:\s+(?:posts|entries))?|»|›|>|>>|→)$",
    re.I,
)
_NEXT_LABEL = re.compile(r"(następna strona|next page|starsze wpisy|older posts)", re.I)
_ARROWS = " \t\r\n\xa0«»‹›<>→←"


def is_pagination_url(url: str) -> bool:
    """Whether a URL looks like page N of a listing."""
    parts = urlsplit(url)
    return bool(PAGE_PATH.search(parts.path) or PAGE_PARAM.search(parts.query))


def listing_key(url: str) -> str:
    """The URL of a listing with its page number removed (page 2 and page 5 share a key)."""
    parts = urlsplit(url)
    path = PAGE_PATH.sub("/", parts.path)
    query = PAGE_PARAM.sub("&", parts.query).strip("&")
    return f"{parts.hostname}{path.rstrip('/')}?{query}"


def pagination_links(sel: Selector, page_url: str) -> list[str]:
    """Links from a listing page to its other pages (next and numbered)."""
    found: list[str] = []
    for href in sel.xpath("//link[@rel='next']/@href | //a[contains(concat(' ', normalize-space(@rel), ' '), ' next ')]/@href").getall():
        found.append(urljoin(page_url, href.strip()))
    here_key = listing_key(page_url)
    host = urlsplit(page_url).hostname
    for anchor in sel.xpath("//a[@href]"):
        href = anchor.attrib["href"].strip()
        if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")):
            continue
        url = urljoin(page_url, href).split("#", 1)[0]
        if urlsplit(url).hostname != host:
            continue
        text = " ".join(" ".join(anchor.xpath(".//text()").getall()).split())
        label = " ".join(filter(None, [text, anchor.attrib.get("aria-label", ""), anchor.attrib.get("title", "")]))
        words = text.strip(_ARROWS) or text.strip()
        if _NEXT_WORDS.match(words) or _NEXT_WORDS.match(text.strip()) or _NEXT_LABEL.search(label):
            found.append(url)
        elif re.fullmatch(r"\d{1,4}", words) and is_pagination_url(url) and listing_key(url) == here_key:
            found.append(url)
        elif is_pagination_url(url) and listing_key(url) == here_key and re.search(r"(stron|page)", label, re.I):
            found.append(url)
    here = page_url.split("#", 1)[0]
    return [u for u in dict.fromkeys(found) if u != here]
