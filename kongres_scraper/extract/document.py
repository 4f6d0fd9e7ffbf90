"""HTML bytes -> a `Document`: decoded text, the page's main content and its lines.

Every extractor reads the *structure of the text* (time lines, labels, person lines,
headings, list items) rather than one theme's CSS classes, so this module's job is to
find the main content on any CMS (WordPress theme, Elementor, an old table layout) and
turn it into an ordered list of `Line`s, with menus, cookie bars, share links, sidebars
and footers removed before anything else looks at the page.
"""
from __future__ import annotations

import copy
import functools
import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from .decoding import decode_html

# Elements that never hold page content.
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "form", "svg", "button", "select", "nav")
# Class or id tokens of boilerplate containers (matched against single tokens, so
# Elementor's `elementor-widget` content wrappers are not mistaken for sidebar widgets).
_BOILERPLATE = re.compile(
    r"^(cookie\S*|cli_\S*|gdpr\S*|share\S*|sharing|social\S*|sidebar\S*|widget-area|\S*breadcrumbs?\S*|\S*crumbs?|"
    r"comments?(-area)?|comment-respond|related(-posts)?|post-navigation|nav-links|navigation|"
    r"screen-reader-text|skip-link|site-header|masthead|site-info|(\S+[-_])?footer([-_]\S+)?|\S*menu\S*|"
    r"elementor-location-header|"
    r"newsletter|search\S*|pagination|page-numbers|tags?-links|cat-links|wp-block-buttons|"
    r"post-tags|print|drukuj|"
    # the same parts named in Polish: header, menus, footer, breadcrumb trail, search, cookie bar,
    # accessibility bar, print/share tools, pagination, "back to the list"
    r"nag[lł][oó]wek([-_]\S+)?|(\S+[-_])?stopka([-_]\S+)?|[sś]cie[zż]ka|okruszki\S*|szukaj\S*|wyszukiwar\S*|"
    r"ciasteczk\S*|wcag\S*|kontrast|czcionka|narz[eę]dzia|udost[eę]pnij\S*|stronicowanie|paginacja|powr[oó]t)$",
    re.I,
)
# Side columns by name (`left`, `prawa-kolumna`, `boczna`): a theme's left column may hold the content
# (`#lewa` on one CMS, a menu on another), so such a column goes only when a sibling column holds more text.
_SIDE = re.compile(
    r"^(left|right|lewa|prawa|(lewa|prawa|boczna)[-_]?(kolumna|szpalta|strona)|(kolumna|szpalta)[-_]?(lewa|prawa|boczna)|"
    r"boczn\S*|\S*[-_]sidebar|secondary|aside)$",
    re.I,
)
_BLOCK_TAGS = {
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "dt", "dd",
    "blockquote", "section", "article", "main", "header", "figure", "figcaption", "ul", "ol",
    "table", "tbody", "dl", "address", "pre", "body", "center",
}
# `descendant-or-self::` from the page's root rather than `//`: the same elements, found faster by libxml2
_CONTENT_SELECTORS = tuple(etree.XPath(xp) for xp in (
    "descendant-or-self::*[contains(concat(' ', normalize-space(@class), ' '), ' entry-content ')]",
    "descendant-or-self::*[contains(concat(' ', normalize-space(@class), ' '), ' elementor-widget-theme-post-content ')]",
    "descendant-or-self::article",
    "descendant-or-self::main",
    "descendant-or-self::*[@role='main']",
    "descendant-or-self::*[@id='content' or @id='main' or @id='tresc' or @id='primary']",
    "descendant-or-self::td[contains(concat(' ', normalize-space(@class), ' '), ' main ')]",
    "descendant-or-self::*[contains(concat(' ', normalize-space(@class), ' '), ' contentpaneopen ')]",
    "descendant-or-self::*[contains(concat(' ', normalize-space(@class), ' '), ' elementor ') and not(ancestor::header) and not(ancestor::footer)]",
))
_WORDPRESS_CONTENT = _CONTENT_SELECTORS[0]  # `.entry-content`
# Spaces within a line (tab, CR, FF, VT, no-break and thin spaces) become one space; a newline stays.
_SPACES = ("\t", "\r", "\f", "\v", "\u00a0", "\u2009", "\u202f")
_SPACE_RUN = re.compile("  +")  # a literal prefix: the regex engine skips to each double space
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")  # a regex scan is C speed; str.translate is not
_ODD_SPACE = re.compile("[\t\r\f\v\u00a0\u2009\u202f\u00ad\u200b\u200c\u200d\u2060\ufeff]")


class NotHTMLError(ValueError):
    """Raised for input that is empty or is not an HTML page."""


@dataclass
class Line:
    """One line of the main content, with the tag of the block it came from."""

    text: str
    tag: str  # h1..h6, li, p, td, div, ... ("br" lines keep their block's tag)
    strong: bool = False  # the whole line is bold / a heading-like label


@dataclass
class Document:
    url: str
    html: str
    tree: lxml.html.HtmlElement  # the whole page (with boilerplate still in place)
    main: lxml.html.HtmlElement  # main content element, boilerplate removed
    title: str | None
    lines: list[Line] = field(default_factory=list)
    # judgements of the whole page several readers ask for (is it a listing, its teasers), made
    # once; a copy with other lines (`dataclasses.replace`) starts with none
    memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def looks_like_html(text: str) -> bool:
    """True when the text is an HTML document or fragment rather than plain text, JSON or XML feed."""
    start = _LEADING_SPACE.match(text).end()  # what `lstrip` would drop, without copying the page
    head = text[start:start + 2048].lower()
    if head.startswith("<?xml") and "<html" not in head:
        return False
    found = _HTML_TAG.search(head)
    if found and found.end() < len(head):
        return True  # most pages: `<!DOCTYPE html>` or `<html` at the top
    return bool(_HTML_TAG.search(head + text[:20000].lower()))


_LEADING_SPACE = re.compile(r"\s*")
_HTML_TAG = re.compile(r"<(!doctype html|html|head|body|div|p|article|table|h[1-6])\b")


def clean_text(text: str) -> str:
    """Collapse whitespace and drop invisible characters.

    Each space character is made a plain space (`str.replace` scans in C) and only runs of two or
    more are rewritten: one regex replacement per word, as a `[ \t…]+` pattern makes, costs more
    than the rest of the page's reading.
    """
    if "  " not in text and _ODD_SPACE.search(text) is None:
        return text.strip()  # already clean inside (most lines other readers pass in)
    text = _INVISIBLE.sub("", text)
    for space in _SPACES:
        text = text.replace(space, " ")
    return _SPACE_RUN.sub(" ", text).strip()


def text_key(text: str) -> str:
    """A name or title for comparison: words only, single spaces, case folded (quotes and dashes ignored)."""
    return re.sub(r"[\W_]+", " ", text).strip().casefold()


def parse_document(raw: bytes | str, url: str) -> Document:
    """Parse a page into a `Document`; raises `NotHTMLError` for empty or non-HTML input."""
    html = decode_html(raw)
    if not html.strip():
        raise NotHTMLError("the page is empty")
    if not looks_like_html(html):
        raise NotHTMLError("the input is not an HTML page")
    try:
        tree = lxml.html.document_fromstring(html.encode("utf-8"), parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise NotHTMLError(f"the page cannot be parsed as HTML: {exc}") from exc
    title = _page_title(tree)
    main = _main_content(tree)
    return Document(url=url, html=html, tree=tree, main=main, title=title, lines=_lines(main))


_OG_TITLE = etree.XPath("//meta[@property='og:title']/@content")
_LINKED_HEADING = etree.XPath(".//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]//a[@href]")
_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
# Element classes chosen inside lxml: lxml.html's own lookup is Python code run each time Python
# touches an element it has not touched yet (over a thousand times a page, all readers together).
# Form fields get no classes of their own, which nothing here uses.
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment, pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity))


def _page_title(tree: lxml.html.HtmlElement) -> str | None:
    """The post's own title: og:title, then the first h1, then <title> without the site suffix."""
    og = [clean_text(v) for v in _OG_TITLE(tree)]
    if og and og[0]:
        return og[0]
    for el in tree.iter("h1"):
        text = clean_text(el.text_content())
        if text:
            return text
    for el in tree.iter("title"):
        text = clean_text(el.text_content())
        if text:
            return re.split(r"\s+[–|-]\s+", text)[0]
    return None


# Breadcrumbs: `Strona główna » Aktualności » Title` — short items joined by », ›, >, / or |, starting at the home page.
_HOME = r"(?:strona\s+główna|strona\s+startowa|start|home|główna|początek)"
_CRUMB_SEP = r"\s*(?:»|›|>|/|\||→|::)\s*"
_BREADCRUMB_TEXT = re.compile(rf"^\s*(?:jesteś\s+tutaj\s*:\s*)?{_HOME}(?:{_CRUMB_SEP}[^»›>/|→]{{1,160}}?)+\s*$", re.I)
_BREADCRUMB_LABEL = re.compile(r"breadcrumb|okruszk|ścieżk|sciezk|jesteś\s+tutaj", re.I)
_CRUMB_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "figure", "article", "section", "main")


def is_breadcrumb_text(text: str) -> bool:
    """`Strona główna » Aktualności » Wójt …`: a trail of short items from the home page."""
    t = clean_text(text)
    return len(t) <= 300 and bool(_BREADCRUMB_TEXT.match(t)) and bool(re.search(_CRUMB_SEP, t))


def _is_breadcrumb(el: lxml.html.HtmlElement, trail_shaped: set) -> bool:
    """A breadcrumb container: labelled as one (aria-label, role), or a small element holding only a trail of links.

    `trail_shaped` holds the elements with a link and no block inside (see `_trail_shaped`).
    """
    if el.tag in ("html", "body"):
        return False
    label = el.get("aria-label")
    if label and _BREADCRUMB_LABEL.search(label) and el.tag in ("nav", "div", "ol", "ul", "p", "span"):
        return True
    return el in trail_shaped and is_breadcrumb_text(el.text_content())


def _trail_shaped(elements: list[lxml.html.HtmlElement]) -> set:
    """Elements holding a link (`a[@href]`) and no block (paragraph, heading, table…) below them.

    One bottom-up pass over the tree's elements (in document order), instead of searching each
    element's subtree.
    """
    linked: set = set()
    blocky: set = set()
    for el in reversed(elements):
        parent = el.getparent()
        if parent is None:
            continue
        if el in linked or el.tag == "a" and el.get("href") is not None:
            linked.add(parent)
        if el in blocky or el.tag in _CRUMB_BLOCKS:
            blocky.add(parent)
    return linked - blocky


def _is_boilerplate(el: lxml.html.HtmlElement, total: _PageLength, trail_shaped: set) -> bool:
    tag, cls, ident = el.tag, el.get("class"), el.get("id")
    kinds = 0
    if cls:
        for token in cls.split():
            kinds |= _token_kind(token)
    if ident:
        kinds |= _token_kind(ident)
    if kinds & _PART:
        return not _holds_the_page(el, total())
    if _is_breadcrumb(el, trail_shaped):
        return True
    if (kinds & _SIDE_COLUMN or tag == "aside" and not _inside_article(el)) and _is_side_column(el):
        return True
    return tag == "footer" or (tag == "header" and not _inside_article(el))


_PART, _SIDE_COLUMN = 1, 2


@functools.lru_cache(maxsize=8192)
def _token_kind(token: str) -> int:
    """What a class or id token names: a part that is not content (`_PART`), a side column, or neither.

    A theme's class names repeat on every page, so each token is judged once.
    """
    return (_PART if _BOILERPLATE.match(token) else 0) | (_SIDE_COLUMN if _SIDE.match(token) else 0)


class _PageLength:
    """The length of the page's text as it is now, cleaned only when first asked for (most pages never ask)."""

    def __init__(self, root: lxml.html.HtmlElement) -> None:
        self._text, self._length = root.text_content(), -1

    def __call__(self) -> int:
        if self._length < 0:
            self._length = len(clean_text(self._text))
        return self._length


def _holds_the_page(el: lxml.html.HtmlElement, total: int) -> bool:
    """A wrapper named like a part (`has-menu`, `menu-open`) that holds the page's heading and most of its text."""
    return next(el.iterdescendants("h1"), None) is not None and len(clean_text(el.text_content())) >= 0.5 * total


def _is_side_column(el: lxml.html.HtmlElement) -> bool:
    """A column beside a sibling that holds more of the page's own (not linked) text."""
    parent = el.getparent()
    if parent is None:
        return False
    mine = _prose_len(el)
    return any(_prose_len(sib) > mine for sib in parent if sib is not el and isinstance(sib.tag, str))


def _prose_len(el: lxml.html.HtmlElement) -> int:
    """Characters of text that are not link text: menus and link lists have next to none."""
    linked = sum(len(clean_text(a.text_content())) for a in el.iter("a") if not any(x.tag == "a" for x in a.iterancestors()))
    return max(0, len(clean_text(el.text_content())) - linked)


def _inside_article(el: lxml.html.HtmlElement) -> bool:
    return any(a.tag in ("article", "main") for a in el.iterancestors())


def _strip_boilerplate(root: lxml.html.HtmlElement) -> None:
    """Drop the page's parts that are not content, in one walk in document order.

    A dropped part's inside is not visited; every other element is judged once, after the
    parts before it have gone (as a side column is judged against what is left beside it).
    """
    for el in list(root.iter(*_DROP_TAGS)):
        _drop(el)
    total = _PageLength(root)
    elements = list(root.iter())  # held, so the walk below meets the same element objects again
    trail_shaped = _trail_shaped(elements)
    stack = list(reversed(root))
    while stack:
        el = stack.pop()
        if not isinstance(el.tag, str):
            continue
        if _is_boilerplate(el, total, trail_shaped):
            _drop(el)
        else:
            stack.extend(reversed(el))


def _drop(el: lxml.html.HtmlElement) -> None:
    """Remove an element but keep its tail text."""
    if el.getparent() is not None:
        el.drop_tree()


def _main_content(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The element that holds the page's own content (after boilerplate removal)."""
    body = tree.find("body")
    root = body if body is not None else tree
    root = copy.deepcopy(root)  # the whole page stays intact in `Document.tree` for the metadata readers
    _strip_boilerplate(root)
    total = _PageLength(root)
    for xp in _CONTENT_SELECTORS:
        sized = [(e, size) for e in xp(root) for size in [len(clean_text(e.text_content()))] if size > 40]
        if not sized:
            continue
        found = [e for e, _ in sized]
        listing = _listing_container(found)
        if listing is not None:
            return listing  # several posts' teasers side by side: the list of them is the content
        if xp is _WORDPRESS_CONTENT:
            # a WordPress post: keep its header (title, date) with the content
            art = next(found[0].iterancestors("article"), None)
            if art is not None:
                return art
        best, size = max(sized, key=lambda found: found[1])
        if size >= 0.2 * total():
            return best
    return _descend(root)


def _descend(el: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The content block of a page no known container marks (`#srodek > #lewa > .artykul`), by structure.

    From the body down, step into the child that holds most of the page's own text — text not in
    links, so menus, link lists and "recent posts" boxes weigh nothing — as long as it keeps the
    page's heading (the title and date stay with the body text, as a post's header does).
    """
    while True:
        kids = [c for c in el if isinstance(c.tag, str)]
        total = _prose_len(el)
        if not kids or total == 0:
            return el
        best = max(kids, key=_prose_len)
        if _prose_len(best) < 0.6 * total:
            return el
        heads = list(el.iterdescendants("h1")) or list(el.iterdescendants("h2"))
        if any(h is not best and best not in h.iterancestors() for h in heads):
            return el
        el = best


def _listing_container(found: list[lxml.html.HtmlElement]) -> lxml.html.HtmlElement | None:
    """The common container of several sibling posts (a news listing), when no one of them dominates.

    On a post page the post holds most of the text (a related-posts teaser is small); on a
    listing the teasers are alike, and taking the largest one would make a teaser the page.
    """
    tops = [e for e in found if not any(a in found for a in e.iterancestors())]
    # teasers head themselves with a link to their post (comments and boxes do not)
    if len(tops) < 2 or sum(1 for e in tops if _LINKED_HEADING(e)) < 2:
        return None
    sizes = sorted((len(clean_text(e.text_content())) for e in tops), reverse=True)
    if sizes[0] >= 0.6 * sum(sizes):
        return None
    common = [a for a in tops[0].iterancestors()]
    for e in tops[1:]:
        mine = set(e.iterancestors())
        common = [a for a in common if a in mine]
    return common[0] if common else None


def lines_without(main: lxml.html.HtmlElement, skip: list[lxml.html.HtmlElement]) -> list[Line]:
    """The lines of `main` leaving out some of its elements (a listing's teasers, to read its own text)."""
    return _lines(main, skip)


def _lines(main: lxml.html.HtmlElement, skip: list[lxml.html.HtmlElement] | None = None) -> list[Line]:
    """Flatten the content into lines: one per block element, split at <br>."""
    skipped = set(skip or ())
    lines: list[Line] = []
    buf: list[str] = []
    line_tag = main.tag if isinstance(main.tag, str) else "div"
    strong_chars = 0

    def flush() -> None:
        nonlocal strong_chars
        if buf:
            text = clean_text("".join(buf))
            if text:
                strong = strong_chars >= max(1, int(0.9 * len(text.replace(" ", ""))))
                lines.append(Line(text=text, tag=line_tag, strong=strong))
            buf.clear()
        strong_chars = 0

    def walk(el: lxml.html.HtmlElement, block_tag: str, in_strong: bool) -> None:
        nonlocal line_tag, strong_chars
        tag = el.tag if isinstance(el.tag, str) else ""
        is_block = tag in _BLOCK_TAGS
        if tag == "br":
            flush()
        if is_block:
            flush()
            if tag not in _WRAPPER_TAGS:
                block_tag = tag
            line_tag = block_tag
        strong = in_strong or tag in ("strong", "b") or tag[:1] == "h" and tag[1:].isdigit()
        if el.text and tag != "br":
            buf.append(el.text)
            if strong:
                strong_chars += len(el.text.replace(" ", "").strip())
        for child in el:
            if not isinstance(child.tag, str):
                if child.tail:
                    buf.append(child.tail)
                continue
            if child in skipped:
                flush()
                continue
            walk(child, block_tag, strong)
            if is_block:
                line_tag = block_tag
            if child.tail:
                if child.tag in _BLOCK_TAGS:
                    flush()
                    line_tag = block_tag
                buf.append(child.tail)
                if strong:
                    strong_chars += len(child.tail.replace(" ", "").strip())
        if is_block:
            flush()

    walk(main, line_tag, False)
    return [ln for ln in lines if not is_breadcrumb_text(ln.text)]


# Blocks that wrap other blocks: their lines take the tag of the block around them.
_WRAPPER_TAGS = frozenset({"div", "section", "article", "main", "ul", "ol", "table", "tbody", "tr", "dl", "body"})
