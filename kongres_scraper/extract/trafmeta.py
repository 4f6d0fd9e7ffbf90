"""trafilatura's metadata readers, each run only when a field is asked for.

`trafilatura.metadata.extract_metadata` reads every field (title, byline, date through
htmldate, site name, categories, tags, licence) whether or not anyone needs it, on a
re-parsed copy of the page; the byline and date searches are most of its cost. `article.py`
asks trafilatura only for what the page's own markup did not give, so here each field is
read on first use from the already parsed tree (trafilatura does not change it), in
trafilatura's own order (meta tags and JSON-LD, then the page body) and cleaned as
trafilatura cleans it. A failure inside trafilatura gives None: the project's own readers
are the fallback.
"""
from __future__ import annotations

import logging
from functools import cached_property
from html import unescape

import lxml.html

logger = logging.getLogger(__name__)
_DATE_CONFIG = {"extensive_search": False, "original_date": True}  # never a footer year or a URL guess


class TrafilaturaMetadata:
    """Title, author, date and site name as `trafilatura.metadata.extract_metadata` gives them, lazily."""

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
        return self._read("author", "extract_author")

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
    def date(self) -> str | None:
        try:
            from trafilatura.metadata import find_date

            return _clean(find_date(self._tree, url=self._page_url, **_DATE_CONFIG))
        except Exception:
            logger.debug("trafilatura found no date on %s", self._url, exc_info=True)
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


def _clean(value: str | None) -> str | None:
    """Trimmed as trafilatura trims its metadata (entities, spaces, control characters, length)."""
    if not isinstance(value, str):
        return None
    from trafilatura.utils import line_processing

    if len(value) > 10000:
        value = value[:9999] + "…"
    return line_processing(unescape(value)) or None
