"""Listing pages: find the links to the other pages of a news listing.

Real listings paginate in many ways: `/page/N/` and `?paged=N` (WordPress), `?strona=N`
and `strona-N.html` (Polish CMSes), `/page-N`, `?page=N` (Drupal, from 0), `?start=N`
and `?limitstart=N` (Joomla, an offset), `?p=N`; the way *to* the next page is
`rel="next"`, a "Następna"/"Następne"/"Starsze wpisy"/"»" link, or numbered page links —
and an old CMS may use URLs none of these patterns know, so a row of bare numbers whose
URLs differ only in that number is pagination too. No theme's CSS classes are assumed.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from parsel import Selector

from ..sources import join_url, url_problem

# `p=N` is not here: WordPress's plain permalinks are `?p=123`; `?p=2` is found as a row of numbers or a "next" link.
PAGE_PARAM = re.compile(r"(?:^|&)(?:paged|strona|page|pg|start|limitstart|offset)=(\d+)(?:&|$)", re.I)
# `/page/2/`, `/strona/2`, `/page-2`, `/strona-2.html`, `,strona-2.html`, `/page2`
PAGE_PATH = re.compile(r"[/,_-](?:page|strona|str|pagina)[-/_,]?(\d+)(?:\.(?:html?|php|aspx?))?/?$", re.I)

_NEXT_WORDS = re.compile(
    r"^(?:następn[aey](?:\s+(?:stron[ay]|wpisy|aktualności))?|starsze(?:\s+(?:wpisy|posty|artykuły|aktualności))?|"
    r"wcześniejsze(?:\s+wpisy)?|dalej|next(?:\s+page)?|older(?:\s+(?:posts|entries))?|»|›|>|>>|→)$",
    re.I,
)
_NEXT_LABEL = re.compile(r"(następna strona|next page|starsze wpisy|older posts)", re.I)
_ARROWS = " \t\r\n\xa0«»‹›<>→←"
_NUMBER = re.compile(r"\d{1,4}")


def is_pagination_url(url: str) -> bool:
    """Whether a URL looks like page N of a listing."""
    parts = urlsplit(url)
    return bool(PAGE_PATH.search(parts.path) or PAGE_PARAM.search(parts.query))


def listing_key(url: str) -> str:
    """The URL of a listing with its page number removed (page 2 and page 5 share a key)."""
    parts = urlsplit(url)
    path = PAGE_PATH.sub("/", parts.path)
    path = re.sub(r"\.(?:html?|php|aspx?)$", "", path)
    query = PAGE_PARAM.sub("&", parts.query).strip("&")
    return f"{parts.hostname}{path.rstrip('/')}?{query}"


def pagination_links(sel: Selector, page_url: str, numbered_only: bool = False) -> list[str]:
    """Links from a listing page to its other pages (next and numbered).

    `numbered_only` for a page not known to be a listing: a "next" link there may be an
    article's link to the next article, so only page-number URLs and rows of numbers count.
    """
    found: list[str] = []
    for href in sel.xpath("//link[@rel='next']/@href | //a[contains(concat(' ', normalize-space(@rel), ' '), ' next ')]/@href").getall():
        url = join_url(page_url, href.strip())
        if not url_problem(url) and (not numbered_only or is_pagination_url(url)):
            found.append(url)
    here_key = listing_key(page_url)
    host = urlsplit(page_url).hostname
    numbered: list[tuple[int, str]] = []
    for anchor in sel.xpath("//a[@href]"):
        href = anchor.attrib["href"].strip()
        if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")):
            continue
        url = join_url(page_url, href).split("#", 1)[0]
        if url_problem(url) or urlsplit(url).hostname != host:
            continue
        text = " ".join(" ".join(anchor.xpath(".//text()").getall()).split())
        label = " ".join(filter(None, [text, anchor.attrib.get("aria-label", ""), anchor.attrib.get("title", "")]))
        words = text.strip(_ARROWS) or text.strip()
        if _NEXT_WORDS.match(words) or _NEXT_WORDS.match(text.strip()) or _NEXT_LABEL.search(label):
            if not numbered_only or is_pagination_url(url):
                found.append(url)
        elif _NUMBER.fullmatch(words):
            if is_pagination_url(url) and listing_key(url) == here_key:
                found.append(url)
            else:
                numbered.append((int(words), url))
        elif is_pagination_url(url) and listing_key(url) == here_key and re.search(r"(stron|page)", label, re.I):
            found.append(url)
    found += _number_row(numbered)
    here = page_url.split("#", 1)[0]
    return [u for u in dict.fromkeys(found) if u != here]


def _number_row(numbered: list[tuple[int, str]]) -> list[str]:
    """Links of a row of bare page numbers whose URLs differ only in that number (`/lista,2.html`,
    `/lista,3.html`): pagination in a URL scheme no pattern here knows."""
    rows: dict[str, set[tuple[int, str]]] = {}
    for n, url in numbered:
        at = url.rfind(str(n))
        if at >= 0:
            rows.setdefault(url[:at] + "\0" + url[at + len(str(n)):], set()).add((n, url))
    return [url for row in rows.values() if len({n for n, _ in row}) >= 2 for _, url in sorted(row)]
