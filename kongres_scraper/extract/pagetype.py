"""Page type from content: programme, speakers, article or other.

The crawl log and the articles table say what kind of page each URL was, and a scheduled
crawl reports a layout change when a known programme page stops yielding sessions. The
type is judged from what was found in the content (time-slotted sessions, speaker cards,
dated prose), never from the URL alone: `/ii-krajowy-kongres-wspolpracy-lokalnej/` is a
programme and `/kongres24/` is not, and the URLs do not say so.
"""
from __future__ import annotations

import dataclasses
import re
from urllib.parse import urljoin

from ..lexicon import SPEAKERS_HEADING
from .dates import GENITIVE_MONTHS
from .document import Document, clean_text, lines_without
from .person_records import person_records
from .records import Person, Session

_DATE_LINE = re.compile(
    rf"\b(\d{{1,2}}\s+({'|'.join(GENITIVE_MONTHS)})\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})\b",
    re.I,
)
_SPEAKERS_HEADING = re.compile(rf"\b({SPEAKERS_HEADING})\b", re.I)
_TIME = re.compile(r"^\s*\d{1,2}[:.]\d{2}")


def detect_page_type(doc: Document, sessions: list[Session], cards: list[Person], prose_people: list[Person],
                     published: str | None = None) -> str:
    """Classify a page by what was found on it: programme, speakers, article or other.

    `published` is the page's own publication date (from its markup): a dated page of running
    text is a news post even when it is short.
    """
    timed = [s for s in sessions if s.get("start")]
    topical = [s for s in timed if s.get("format") not in ("break", "registration")]
    time_lines = sum(1 for ln in doc.lines if _TIME.match(ln.text))
    if len(topical) >= 3 or (len(topical) >= 2 and time_lines >= 4):
        return "programme"
    if len(cards) >= 3 or (len(cards) >= 2 and any(_SPEAKERS_HEADING.search(ln.text) and len(ln.text) < 80 for ln in doc.lines[:15])):
        return "speakers"
    if len(cards) >= 2 and records_cover(doc) >= 0.5:
        return "speakers"  # the main content is a set of person records: a speakers page with no heading saying so
    if is_listing(doc):
        return "other"  # a news index: its teasers are other pages' content
    if prose_people or _looks_like_post(doc) or (published and _running_text(doc)):
        return "article"
    return "other"


def records_cover(doc: Document) -> float:
    """Share of the main content's text in repeated person records (name, position, organisation)."""
    total = len(clean_text(doc.main.text_content())) or 1
    return sum(len(clean_text(el.text_content())) for el, _ in person_records(doc.main)) / total


def _running_text(doc: Document) -> bool:
    """Two or more sentences of prose (lines of a dozen words or more), not a form, a contact box or a list of links."""
    return sum(1 for ln in doc.lines if len(ln.text.split()) >= 12) >= 2


# --- listings ------------------------------------------------------------------------------
#
# A listing (a news index, a category or archive page, page N of it) is a column of post
# teasers — a heading linking to the post, a date, a sentence, a "read more" link — often
# with numbered pagination links. It is told by that structure, not by its URL.

_READ_MORE = re.compile(r"^(czytaj\s+(dalej|więcej|całość)|więcej|zobacz\s+więcej|przeczytaj|read\s+more|more|continue\s+reading)\b\W*$", re.I)
_PAGE_WORD = re.compile(r"^\W*(następn\w*|poprzedni\w*|starsze|nowsze|next|previous|prev|older|newer)(\s+(strona|wpisy|posts|page))?\W*$", re.I)
_MIN_TEASERS = 3


def is_listing(doc: Document) -> bool:
    """A page of post teasers: three or more headings linking to other pages (or "read more"
    links), or at least one with numbered pagination links; or a column of dated title links
    (a home page's "latest news") that makes most of the content."""
    if "listing" not in doc.memo:
        doc.memo["listing"] = _is_listing(doc)
    return doc.memo["listing"]


def _is_listing(doc: Document) -> bool:
    teasers = _teaser_links(doc)
    if len(teasers) >= _MIN_TEASERS:
        return True
    if teasers and _paginated(doc):
        return True
    blocks = teaser_blocks(doc)
    if len(blocks) >= 2:
        size = len(" ".join(doc.main.text_content().split())) or 1
        return sum(len(" ".join(b.text_content().split())) for b in blocks) >= 0.5 * size
    return False


def own_document(doc: Document) -> Document:
    """The page without its teasers: what a listing or a home page says in its own words
    (its heading, an introduction), not the summaries of the posts it links to."""
    blocks = teaser_blocks(doc)
    if not blocks:
        return doc
    return dataclasses.replace(doc, lines=lines_without(doc.main, blocks))


_TEASER_MAX = 700  # characters: a teaser is a title, a date and a sentence or two


def teaser_blocks(doc: Document) -> list:
    """The teasers in the main content, outermost first: repeated sibling blocks that each link to
    another page by a title — a linked heading, a "read more" link, or a dated title link — or,
    on a page with pagination links, a lone such block (the last page of a listing)."""
    if "teasers" not in doc.memo:
        doc.memo["teasers"] = _teaser_blocks(doc)
    return doc.memo["teasers"]


def _teaser_blocks(doc: Document) -> list:
    here = _own_url(doc.url, doc.url)
    found: list = []
    for parent in doc.main.iter():
        if not isinstance(parent.tag, str) or len(parent) < 2:
            continue
        groups: dict[tuple[str, str], list] = {}
        for c in parent:
            if isinstance(c.tag, str):
                groups.setdefault((c.tag, c.get("class") or ""), []).append(c)
        for group in groups.values():
            if len(group) < 2:
                continue  # a teaser has a sibling like it
            teasers = [c for c in group if _is_teaser(c, here, doc.url)]
            if len(teasers) >= 2:
                found += teasers
    if not found and _paginated(doc):
        found = [e for e in doc.main.iter() if isinstance(e.tag, str) and e is not doc.main
                 and not _holds_h1(e) and _is_teaser(e, here, doc.url)]
    return [e for e in found if not any(a in found for a in e.iterancestors())]


def _holds_h1(el) -> bool:
    return next(el.iterdescendants("h1"), None) is not None


def _is_teaser(el, here: str, base: str) -> bool:
    text = " ".join(" ".join(el.itertext()).split())  # `2025<br>Jak …` stays two words
    if not text or len(text) > _TEASER_MAX or _holds_h1(el):
        return False
    outs = [a for a in el.iter("a") if _links_out(a, here, base)]
    if not outs:
        return False
    for h in el.iter("h2", "h3", "h4", "h5", "h6"):
        htext = " ".join(h.text_content().split())
        if htext and any(len(" ".join(a.text_content().split())) >= 0.7 * len(htext) for a in h.iter("a") if a in outs):
            return True
    link_texts = [" ".join(a.text_content().split()) for a in outs]
    if any(_READ_MORE.match(t) for t in link_texts):
        return True
    titles = [t for t in link_texts if len(t.split()) >= 3]  # a post's title, not a menu's `Aktualności`
    if not titles:
        return False
    # a dated title link (`<li><a>Title</a> <span>22 września 2025</span> …`), or an item that is all one title link
    return bool(_DATE_LINE.search(text)) or len(titles) == 1 and len(titles[0]) >= 0.8 * len(text)


def _links_out(a, here: str, base: str) -> bool:
    href = (a.get("href") or "").strip()
    return bool(href) and not href.startswith(("#", "mailto:", "javascript:", "tel:")) and _own_url(href, base) != here


def _own_url(href: str, base: str) -> str:
    url = urljoin(base, href.strip()).split("#")[0]
    return url.rstrip("/")


def _teaser_links(doc: Document) -> set[str]:
    """Distinct targets of teaser links in the main content: linked headings (h2–h6) and "read more" links."""
    here = _own_url(doc.url, doc.url)
    found: set[str] = set()
    for h in doc.main.iter("h2", "h3", "h4", "h5", "h6"):
        text = " ".join(h.text_content().split())
        for a in h.iter("a"):
            href = a.get("href") or ""
            link_text = " ".join(a.text_content().split())
            if href and not href.startswith(("#", "mailto:", "javascript:")) and text and len(link_text) >= 0.7 * len(text):
                target = _own_url(href, doc.url)
                if target != here:
                    found.add(target)
    if not found:
        for a in doc.main.iter("a"):
            href = a.get("href") or ""
            if href and not href.startswith(("#", "mailto:", "javascript:")) and _READ_MORE.match(" ".join(a.text_content().split())):
                target = _own_url(href, doc.url)
                if target != here:
                    found.add(target)
    return found


def _paginated(doc: Document) -> bool:
    if "pagination" not in doc.memo:
        doc.memo["pagination"] = _has_pagination(doc.tree)
    return doc.memo["pagination"]


def _has_pagination(tree) -> bool:
    """Numbered page links: an element with two or more page numbers among its children, one of them a link
    (or one linked number and a "next page" link). A post's rel=next/prev links to adjacent posts do not count."""
    return any(_numbers_pages(el) for el in _around_linked_numbers(tree))


def _numbers_pages(el) -> bool:
    """`el` holds page numbers: two or more, one of them a link, or one linked number and a "next page" link."""
    if not isinstance(el.tag, str) or el.tag in ("tr", "tbody", "thead", "table"):
        return False  # a calendar widget's days (cells of a row) are not page numbers
    kids = [c for c in el if isinstance(c.tag, str)]
    if len(kids) < 2:
        return False
    numbers = [c for c in kids if _is_page_number(c)]
    linked = [c for c in numbers if next(c.iter("a"), None) is not None]  # a link or one inside
    return bool(linked) and (len(numbers) >= 2 or any(
        c.tag == "a" and _PAGE_WORD.match(" ".join(c.text_content().split())) for c in kids))


def _around_linked_numbers(tree) -> list:
    """The elements that have a linked page number among their children (a link whose text, or whose
    ancestor's text, is a number): only they can hold pagination, and a page has few of them."""
    found: dict = {}
    for a in tree.iter("a"):
        el = a
        while el is not None:
            text = _short_text(el)
            if text is None or not _NUMBER_OR_NOTHING.fullmatch(text):
                break  # nor is the text of any element around it a number
            parent = el.getparent()
            if parent is not None and _PAGE_NUMBER.fullmatch(text):
                found[parent] = None
            el = parent
    return list(found)


_PAGE_NUMBER = re.compile(r"\s*\d{1,3}\s*")  # `\s` is what `str.split` splits at
_NUMBER_OR_NOTHING = re.compile(r"\s*\d{0,3}\s*")  # an icon's link in `<li>2 <a><img></a></li>`


def _is_page_number(el) -> bool:
    """The element's text is a number of one to three digits (`2`, `<a> 13 </a>`)."""
    text = _short_text(el)
    return text is not None and bool(_PAGE_NUMBER.fullmatch(text))


def _short_text(el) -> str | None:
    """The element's text if it has at most three characters besides spaces, else None.

    The text is read piece by piece and given up on past three characters, never made whole:
    a column or the page body beside the pagination holds all the page's text.
    """
    pieces: list[str] = []
    size = 0
    for piece in el.itertext():
        size += len(piece.strip())  # more than three: too many digits, or words, or spaces between digits
        if size > 3:
            return None
        pieces.append(piece)
    return "".join(pieces)


def _looks_like_post(doc: Document) -> bool:
    """A dated page of running text: a date near the top and at least two paragraphs of prose."""
    head = doc.lines[:8]
    dated = any(_DATE_LINE.search(ln.text) and len(ln.text) < 60 for ln in head)
    paragraphs = sum(1 for ln in doc.lines if len(ln.text) >= 200)
    return dated and paragraphs >= 2
