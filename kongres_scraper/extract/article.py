"""Article metadata: title, publication date, author, site name.

Trafilatura reads titles, bylines and site names well across CMSs, but it guesses dates
(from a copyright footer `© 2024`, from a date in the URL, from the text): a page with no
date of its own must stay undated. So the date comes only from markup that states a
publication date — `article:published_time`, `dc.date` and similar meta, JSON-LD
`datePublished`, `itemprop="datePublished"`, `<time datetime>`, a date cell such as Joomla's
`.createdate` or `dd.published`, Drupal's `field--name-created`, or a date line right under the
title (`12 paź 2024`, `Aktualności 21 lis 2024 | Anna Nowak`). Trafilatura's date search is
not used: its date could only be confirmed by that same markup. A modified date, an event's
date and a © year never are.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from .dates import ABBREVIATED_DATE, NUMERIC_DATE, POLISH_DATE, is_bare_date, parse_date
from .document import Document, clean_text
from .trafmeta import TrafilaturaMetadata


@dataclass
class Metadata:
    title: str | None = None
    published: str | None = None  # ISO date
    author: str | None = None
    site: str | None = None


_META_DATE = (
    "article:published_time", "og:published_time", "og:article:published_time", "datePublished",
    "datepublished", "pubdate", "publishdate", "publish_date", "dc.date.issued", "DC.date.issued",
    "dcterms.created", "sailthru.date", "parsely-pub-date", "date", "dc.date", "dcterms.issued", "dcterms.date",
    "dc.date.created",
)
_META_DATE_KEYS = frozenset(k.lower() for k in _META_DATE)
_DATE_CLASS = re.compile(
    r"^(createdate|create-date|created|date|postdate|published|posted-on|pubdate|submitted|data|data-publikacji|"
    r"data_publikacji|data-dodania|date-display-single|itemDateCreated|create|field--name-(?:created|post-date)|"
    r"views-field-(?:created|post-date)|node__(?:date|created)|"
    r"(post|article|news|entry|blog|item|meta|publish\w*|created?)[-_]+date|date[-_]+(post|published|created|publikacji)|"
    r"\S*post-info\S*type-date)$",
    re.I,
)
_NOT_PUBLISHED = re.compile(r"(updated|modified|edit|event|termin|wydarzeni|zmodyfikowan|aktualizacj)", re.I)
_BYLINE_PREFIX = re.compile(r"^\s*(przez|autor(?:ka)?:?|by|opublikowa\w*\s+przez|napisa\w*\s+przez)\s+", re.I)


def read_metadata(doc: Document) -> Metadata:
    """Title, published date, author and site name of a page."""
    traf = _trafilatura_metadata(doc)
    return Metadata(
        title=_parse_title(doc, traf),
        published=_parse_published(doc),
        author=_parse_author(doc, traf),
        site=_parse_site(doc, traf),
    )


def _trafilatura_metadata(doc: Document) -> TrafilaturaMetadata:
    """Trafilatura's metadata, each field read only when asked for."""
    return TrafilaturaMetadata(doc.tree, doc.url)


def _parse_title(doc: Document, traf) -> str | None:
    """The post's title: the candidate (og:title, h1, parts of <title>) that heads the main content.

    `<title>` often joins the site's name and the post's title in either order
    (`Gmina - Relacja z …`), so the part that reappears in the content wins.
    """
    candidates: list[str] = [doc.title] if doc.title else []
    for t in doc.tree.iter("title"):
        full = clean_text(t.text_content())
        candidates += [full] + [p for p in re.split(r"\s+[–|-]\s+|\s+\|\s+", full) if p]
    heads = {ln.text.casefold() for ln in doc.lines[:6]}
    for c in candidates:
        if c.casefold() in heads:
            return c
    if traf is not None and traf.title:  # asked for only now: trafilatura's title search is not free
        candidates.append(clean_text(traf.title))
        if candidates[-1].casefold() in heads:
            return candidates[-1]
    heading = next((ln.text for ln in doc.lines[:4] if ln.tag in ("h1", "h2") and len(ln.text) > 3), None)
    return heading or (max(candidates, key=len) if candidates else None)


def _parse_published(doc: Document) -> str | None:
    """The post's own publication date from markup; None for an undated page."""
    tree = doc.tree
    for read in (_date_from_meta, _date_from_jsonld, _date_from_itemprop):
        found = read(tree)
        if found:
            return found
    cells = _date_cells(tree)
    if len(set(_stated_dates(tree, cells, in_lists=True))) > 1:
        return None  # a listing of posts, each with its own date: the page itself is undated
    for found in (_date_from_time(tree), _date_from_cells(cells)):
        if found:
            return found
    # trafilatura's date search (htmldate) is not asked: its date would count only when a date element
    # or meta tag of the page states it, and every one of those has been read above
    return _date_from_lines(doc)


_METAS = etree.XPath("descendant::meta[@content]")
_CLASSED = etree.XPath("descendant-or-self::*[@class or @id]")


def _date_cells(tree: lxml.html.HtmlElement) -> list:
    """The elements whose class or id names a date (`createdate`, `post-date`), in document order."""
    cells = []
    for el in _CLASSED(tree):
        cls, ident = el.get("class"), el.get("id")
        if any(map(_date_token, cls.split() if cls else ())) or ident and _date_token(ident):
            cells.append(el)
    return cells


@functools.lru_cache(maxsize=8192)
def _date_token(token: str) -> bool:
    return bool(_DATE_CLASS.match(token))


def _stated_dates(tree: lxml.html.HtmlElement, cells: list, in_lists: bool) -> list[str]:
    """Every publication date stated by a `<time>` or a date cell outside footers and sidebars (and lists)."""
    out: list[str] = []
    for t in tree.iter("time"):
        if _outside_footer(t, in_lists) and not _not_published(t):
            iso = _time_date(t)
            if iso:
                out.append(iso)
    for el in cells:
        iso = _cell_date(el, in_lists) if el.tag != "time" else None
        if iso:
            out.append(iso)
    return out


def _not_published(el: lxml.html.HtmlElement) -> bool:
    """True for a date marked as another date: modified (`itemprop="dateModified"`, Joomla's `dd.modified`),
    an event's (`event-date`, `termin`), by its own class or its parent's."""
    itemprop = (el.get("itemprop") or "").lower()
    if itemprop in ("datemodified", "startdate", "enddate"):
        return True
    cls = el.get("class") or ""
    if "publish" in cls or itemprop == "datepublished":
        return False
    parent = el.getparent()
    return _names_other_date(cls) or parent is not None and _names_other_date(parent.get("class") or "")


def _names_other_date(cls: str) -> bool:
    """A class naming another date than the publication (`event-date`, `date-modified`), token by token."""
    return any(map(_other_date_token, cls.split()))


@functools.lru_cache(maxsize=8192)
def _other_date_token(token: str) -> bool:
    return bool(_NOT_PUBLISHED.search(token))  # the words never span a space


def _time_date(t: lxml.html.HtmlElement) -> str | None:
    """The date of a `<time>`: its `datetime` attribute, else its text."""
    return parse_date(t.get("datetime") or "") or parse_date(clean_text(t.text_content()))


def _cell_date(el: lxml.html.HtmlElement, in_lists: bool = False) -> str | None:
    """The date of a date cell (one of `_date_cells`) outside footers that holds a date and nothing else."""
    if not _outside_footer(el, in_lists):
        return None
    text = clean_text(el.text_content())
    return parse_date(text) if text and len(text) <= 60 and is_bare_date(text) else None


def _date_from_meta(tree: lxml.html.HtmlElement) -> str | None:
    """`<meta property="article:published_time">` and the like."""
    for el in _METAS(tree):
        key = el.get("property") or el.get("name") or el.get("itemprop") or ""
        if key.lower() in _META_DATE_KEYS:
            iso = parse_date(el.get("content", ""))
            if iso:
                return iso
    return None


def _date_from_itemprop(tree: lxml.html.HtmlElement) -> str | None:
    """An element marked `itemprop="datePublished"` (schema.org microdata: Joomla 4, many themes)."""
    for el in _ITEMPROP_PUBLISHED(tree):
        if _outside_footer(el):
            iso = parse_date(el.get("content") or el.get("datetime") or "") or parse_date(clean_text(el.text_content()))
            if iso:
                return iso
    return None


def _date_from_jsonld(tree: lxml.html.HtmlElement) -> str | None:
    """`datePublished` of a JSON-LD article."""
    for script in _JSONLD(tree):
        m = re.search(r'"datePublished"\s*:\s*"([^"]+)"', script)
        if m and parse_date(m.group(1)):
            return parse_date(m.group(1))
    return None


def _outside_footer(el: lxml.html.HtmlElement, in_lists: bool = False) -> bool:
    """Not in a footer, sidebar, comment or (unless asked) a list of other posts (`<li><a>…</a> <span class="date">`)."""
    for a in [el, *el.iterancestors()]:
        if a.tag in ("body", "html"):
            break  # body classes (`no-sidebar`, `comments-open`) describe the theme, not the element
        if a.tag == "li" and not in_lists and next(a.iterdescendants("a"), None) is not None:
            return False
        tokens = " ".join(filter(None, [a.get("class"), a.get("id")])).lower().split()
        if a.tag in ("footer", "aside", "nav") or any(_BOX.match(t) for t in tokens):
            return False
    return True


_ITEMPROP_PUBLISHED = etree.XPath("descendant-or-self::*[@itemprop='datePublished'][not(self::meta)]")
_JSONLD = etree.XPath("//script[@type='application/ld+json']/text()")
_WITH_CLASS = etree.XPath("descendant-or-self::*[@class]")
_AUTHOR_MARKUP = etree.XPath("//meta[@name='author']/@content | //*[@rel='author']")
_SITE_NAME = etree.XPath("//meta[@property='og:site_name']/@content")
_BOX = re.compile(r"^(site-footer|footer|footer-\w+|sidebar|sidebar-\w+|widget|widget-area|widget_\w+|comments?|"
                  r"comment-\w+|secondary|related|related-posts)$")


def _date_from_time(tree: lxml.html.HtmlElement) -> str | None:
    """`<time datetime>` outside footers and comments, the one marked published first."""
    times = [t for t in tree.iter("time") if _outside_footer(t)]
    times.sort(key=lambda t: 0 if "publish" in (t.get("class") or "") or t.get("itemprop") == "datePublished" else 1)
    for t in times:
        if _not_published(t):
            continue
        iso = _time_date(t)
        if iso:
            return iso
    return None


def _date_from_cells(cells: list) -> str | None:
    """A date cell or span (`<td class="createdate">18 października 2024</td>`) holding only a date."""
    for el in cells:
        iso = _cell_date(el)
        if iso:
            return iso
    return None


_DIGIT = re.compile(r"\d")
_PUBLISHED_LABEL = re.compile(r"^\s*(opublikowano|data\s+publikacji|dodano|data\s+dodania|utworzono|data)\s*:?\s", re.I)


# Parts of a meta line under the title: `Aktualności | 21.11.2024 | Anna Nowak`.
_META_SEPARATOR = re.compile(r"\s+[|•·]\s+")
_META_PART_WORDS, _META_LINE_WORDS = 4, 12  # words beside the date in one part (a category, an author); in the line


def _date_from_lines(doc: Document) -> str | None:
    """A date line right under the title (`18 października 2024`, `Opublikowano 27 września 2023 przez …`,
    `12 paź 2024`, `Aktualności 21 lis 2024 | Anna Nowak`), unless the markup calls it an event's date."""
    for ln in doc.lines[:5]:
        if len(ln.text) > 120:
            break  # body text has started
        if _DIGIT.search(ln.text) and _is_dateline(ln.text):  # a date has digits
            iso = parse_date(ln.text)
            if iso and not _marked_other_date(doc.tree, ln.text):
                return iso
    return None


def _is_dateline(text: str) -> bool:
    """A line that dates the post: a bare date, a `Opublikowano:` label, a byline with a date, or a short
    meta line of category, date and author whose date is a CMS's (`21 lis 2024`) or stands alone between separators."""
    if is_bare_date(text) or _PUBLISHED_LABEL.match(text) or re.match(r"^\S+(\s\S+){0,3}\s*/\s*(przez|autor)", text, re.I):
        return True
    parts = _META_SEPARATOR.split(text)
    if len(text.split()) > _META_LINE_WORDS or any(len(_undated(p).split()) > _META_PART_WORDS for p in parts):
        return False
    return bool(ABBREVIATED_DATE.search(text)) or (len(parts) > 1 and any(is_bare_date(p) for p in parts))


def _undated(text: str) -> str:
    return ABBREVIATED_DATE.sub("", POLISH_DATE.sub("", NUMERIC_DATE.sub("", text)))


def _marked_other_date(tree: lxml.html.HtmlElement, text: str) -> bool:
    """True when the element holding this line is marked as another date (`event-date`, `termin`, `modified`)."""
    return any(_not_published(el) and clean_text(el.text_content()) == text for el in _WITH_CLASS(tree))


def _parse_author(doc: Document, traf) -> str | None:
    """The byline without `Przez`/`Autor:`."""
    author = traf.author if traf is not None else None
    if not author:
        for el in _AUTHOR_MARKUP(doc.tree):
            author = el if isinstance(el, str) else el.text_content()
            break
    if not author:
        return None
    author = _BYLINE_PREFIX.sub("", clean_text(author))
    return author or None


def _parse_site(doc: Document, traf) -> str | None:
    """og:site_name, trafilatura's site name, or the host."""
    og = _SITE_NAME(doc.tree)
    if og and clean_text(og[0]):
        return clean_text(og[0])
    if traf is not None and traf.sitename and not re.search(r"\.(html?|php|aspx?)$|\s", traf.sitename.strip()):
        return clean_text(traf.sitename)
    host = urlsplit(doc.url).hostname or ""
    return (host[4:] if host.startswith("www.") else host) or None
