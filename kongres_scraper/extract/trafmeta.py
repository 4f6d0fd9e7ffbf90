"""trafilatura's metadata readers, each run only when a field is asked for.

`trafilatura.metadata.extract_metadata` reads every field (title, byline, date through
htmldate, site name, categories, tags, licence) whether or not anyone needs it, on a
re-parsed copy of the page; the byline and date searches are most of its cost. `article.py`
asks trafilatura only for the title, byline and site name, and only for what the page's own
markup did not give (never for a date: see `article.py`), so here each field is
read on first use from the already parsed tree (trafilatura does not change it), in
trafilatura's own order (meta tags and JSON-LD, then the page body) and cleaned as
trafilatura cleans it. The byline search is trafilatura's own made cheap (`byline`: one walk
over the page instead of a copy of it and three XPath searches). A failure inside trafilatura
gives None: the project's own readers are the fallback.
"""
from __future__ import annotations

import copy
import functools
import logging
import re
from functools import cached_property
from html import unescape

import lxml.html

logger = logging.getLogger(__name__)


class TrafilaturaMetadata:
    """Title, author and site name as `trafilatura.metadata.extract_metadata` gives them, lazily."""

    def __init__(self, tree: lxml.html.HtmlElement, url: str) -> None:
        self._tree = tree
        self._url = url

    @cached_property
    def _markup(self):  # -> trafilatura.settings.Document | None
        """What meta tags and JSON-LD say (cheap: no search of the body)."""
        try:
            from trafilatura.metadata import examine_meta, extract_meta_json

            found = examine_meta(self._tree)
            if found.author and " " not in found.author:
                found.author = None  # a single word is a user name, not a byline (as trafilatura does)
            return extract_meta_json(self._tree, found)
        except Exception:
            logger.debug("trafilatura could not read the meta tags of %s", self._url, exc_info=True)
            return None

    @cached_property
    def title(self) -> str | None:
        return self._read("title", "extract_title")

    @cached_property
    def author(self) -> str | None:
        value = getattr(self._markup, "author", None) if self._markup is not None else None
        if not value:
            try:
                value = byline(self._tree)
            except Exception:
                logger.debug("the byline search failed on %s", self._url, exc_info=True)
                return None
        return _clean(value)

    @cached_property
    def sitename(self) -> str | None:
        name = self._read("sitename", "extract_sitename")
        if name:
            name = name.lstrip("@")
            return name.title() if name and "." not in name and not name[0].isupper() else name or None
        try:
            from trafilatura.metadata import META_URL

            match = META_URL.match(self._page_url or "")
            return match[1] if match else None
        except Exception:
            return None

    @cached_property
    def _page_url(self) -> str | None:
        if self._markup is not None and self._markup.url:
            return self._markup.url
        try:
            from trafilatura.metadata import extract_url

            return extract_url(self._tree, self._url)
        except Exception:
            return self._url

    def _read(self, field: str, reader: str) -> str | None:
        """The field from the meta tags, else from trafilatura's search of the page."""
        value = getattr(self._markup, field, None) if self._markup is not None else None
        if not value:
            try:
                import trafilatura.metadata

                value = getattr(trafilatura.metadata, reader)(self._tree)
            except Exception:
                logger.debug("trafilatura's %s failed on %s", reader, self._url, exc_info=True)
                return None
        return _clean(value)


# trafilatura's byline search (`trafilatura.metadata.extract_author`, trafilatura 2.x) without its
# cost: it copies the whole page, deletes comment boxes, dates, figures and sidebars from the copy
# (`AUTHOR_DISCARD_XPATHS`), then runs the three XPath expressions of `AUTHOR_XPATHS`, each testing a
# dozen attributes of every element. Here one walk over the page reads each element's attributes
# once and tests them as those expressions do (their EXSLT regular expressions are the ones below);
# only a byline holding a deleted part (a `<time>` in `Przez Anna Nowak, <time>…</time>`) is copied
# and pruned. `tests/unit/test_trafmeta.py` checks the result against `extract_author` itself.
_BYLINE_TAGS = (
    frozenset({"a", "address", "div", "link", "p", "span", "strong"}),  # AUTHOR_XPATHS[0]
    frozenset({"a", "div", "h3", "h4", "p", "span"}),  # AUTHOR_XPATHS[1]; [2] takes any element
)
_BYLINE_CLASS = (
    re.compile("author-?name|AuthorName|authorName"),
    re.compile("author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name"),
    re.compile("[Aa]uthor|screenname|writer|[Bb]yline"),
)
_BYLINE_ID = (re.compile("author|zuozhe|bianji|xiaobian"), re.compile("[Aa]uthor"))
_BYLINE_CLASS_1 = frozenset({"byline", "username", "byl", "BBL"})
_DISCARD_TAGS = frozenset({"a", "div", "section", "span"})
_DISCARD_ID = re.compile("^comments|comment-?list|ProductReviews")
_DISCARD_CLASS = re.compile(
    "^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|article-(?:share|support)|"
    "print|category|meta-date|meta-reviewer")
# Every word the class and id tests above look for (a quick first look at each element).
_CLASS_WORDS = re.compile(
    "[Aa]uthor|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name|screenname|writer|[Bb]yl|"
    "BBL|username|[Cc]omment|sidebar|is-hidden|quote|embedly-instagram|article-|print|category|meta-|title|date")
_ID_WORDS = re.compile("[Aa]uthor|zuozhe|bianji|xiaobian|comment|ProductReviews")


@functools.lru_cache(maxsize=4096)
def _class_word(token: str) -> bool:
    """True for a class token holding a word the tests look for (none of them spans two tokens)."""
    return bool(_CLASS_WORDS.search(token))


_BYLINE_MAX = 120  # characters: longer is a paragraph, not a byline


def byline(tree: lxml.html.HtmlElement) -> str | None:
    """The author named by the page's byline markup, exactly as `trafilatura.metadata.extract_author` finds it."""
    from trafilatura.json_metadata import normalize_authors
    from trafilatura.utils import trim

    found, deleted = _byline_markup(tree)
    for candidates in found:
        for el in candidates:
            if el in deleted or any(a in deleted for a in el.iterancestors()):
                continue
            content = trim(" ".join(_pruned_copy(el, deleted).itertext()))
            if content and 2 < len(content) < _BYLINE_MAX:
                return normalize_authors(None, content)
    return None


def _byline_markup(tree: lxml.html.HtmlElement) -> tuple[tuple[list, list, list], set]:
    """What each expression of `AUTHOR_XPATHS` selects, in document order, and what
    `AUTHOR_DISCARD_XPATHS` selects (the parts trafilatura deletes, without what is inside them)."""
    found: tuple[list, list, list] = ([], [], [])
    deleted: set = set()
    rel_me = {r.getparent() for r in tree.iter("rel") if r.text_content() == "me"}  # `rel='me'`: a child <rel>
    for el in tree.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag in ("time", "figure"):
            deleted.add(el)
        items = el.items()
        if not items:
            if tag == "author" or el in rel_me and tag in _BYLINE_TAGS[0]:
                found[0].append(el)
            continue
        cls = ident = itemprop = component = ""
        other = False  # rel, data-testid
        for name, value in items:
            if name == "class":
                cls = value
            elif name == "id":
                ident = value
            elif name == "itemprop":
                itemprop = value
            elif name == "data-component":
                component = value
            elif name in ("rel", "data-testid"):
                other = True
        if not (itemprop or component or other or tag == "author" or el in rel_me
                or cls and any(map(_class_word, cls.split())) or ident and _ID_WORDS.search(ident)):
            continue  # nothing any of the expressions tests for
        attrs = dict(items)
        if tag in _DISCARD_TAGS and el is not tree and (
                ident == "comments" or cls in ("comments", "title", "date") or "Figure" in component
                or _DISCARD_ID.search(ident) or _DISCARD_CLASS.search(cls)):
            deleted.add(el)
        if tag == "author" or tag in _BYLINE_TAGS[0] and (
                attrs.get("rel") == "author" or ident == "author" or cls == "author" or itemprop == "author name"
                or attrs.get("data-testid") in ("AuthorCard", "AuthorURL") or _BYLINE_CLASS[0].search(cls)
                or el in rel_me):
            found[0].append(el)
        if tag in _BYLINE_TAGS[1] and (
                cls in _BYLINE_CLASS_1 or "author" in itemprop or _BYLINE_ID[0].search(ident)
                or _BYLINE_CLASS[1].search(cls)):
            found[1].append(el)
        if "Byline" in component or "author" in itemprop or _BYLINE_ID[1].search(ident) or _BYLINE_CLASS[2].search(cls):
            found[2].append(el)
    return found, deleted


def _pruned_copy(el: lxml.html.HtmlElement, pruned: set) -> lxml.html.HtmlElement:
    """The element as it is in trafilatura's pruned copy of the page: without its deleted parts, their tails kept."""
    if not any(e in pruned for e in el.iterdescendants()):
        return el
    from trafilatura.xml import delete_element

    twin = copy.deepcopy(el)
    gone: set = set()
    doomed = []
    for original, copied in zip(el.iter(), twin.iter()):
        if original in pruned or original.getparent() in gone:
            gone.add(original)
            if original.getparent() not in gone:
                doomed.append(copied)  # the outermost deleted parts, in document order
    for part in doomed:
        delete_element(part)
    return twin


def _clean(value: str | None) -> str | None:
    """Trimmed as trafilatura trims its metadata (entities, spaces, control characters, length)."""
    if not isinstance(value, str):
        return None
    from trafilatura.utils import line_processing

    if len(value) > 10000:
        value = value[:9999] + "…"
    return line_processing(unescape(value)) or None
