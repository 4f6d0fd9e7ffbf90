"""Page type from content: programme, speakers, article or other.

The crawl log and the articles table say what kind of page each URL was, and a scheduled
crawl reports a layout change when a known programme page stops yielding sessions. The
type is judged from what was found in the content (time-slotted sessions, speaker cards,
dated prose), never from the URL alone: `/ii-krajowy-kongres-wspolpracy-lokalnej/` is a
programme and `/kongres24/` is not, and the URLs do not say so.
"""
from __future__ import annotations

import re

from .document import Document
from .records import Person, Session

_DATE_LINE = re.compile(
    r"\b(\d{1,2}\s+(stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia)\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})\b",
    re.I,
)
_SPEAKERS_HEADING = re.compile(r"\b(prelegen\w*|prelegentki|mówcy|speakers?|eksperci|ekspertki|goście|gości|paneli\w+)\b", re.I)
_TIME = re.compile(r"^\s*\d{1,2}[:.]\d{2}")


def detect_page_type(doc: Document, sessions: list[Session], cards: list[Person], prose_people: list[Person]) -> str:
    """Classify a page by what was found on it: programme, speakers, article or other."""
    timed = [s for s in sessions if s.get("start")]
    topical = [s for s in timed if s.get("format") not in ("break", "registration")]
    time_lines = sum(1 for ln in doc.lines if _TIME.match(ln.text))
    if len(topical) >= 3 or (len(topical) >= 2 and time_lines >= 4):
        return "programme"
    if len(cards) >= 3 or (len(cards) >= 2 and any(_SPEAKERS_HEADING.search(ln.text) and len(ln.text) < 80 for ln in doc.lines[:15])):
        return "speakers"
    if prose_people or _looks_like_post(doc):
        return "article"
    return "other"


def _looks_like_post(doc: Document) -> bool:
    """A dated page of running text: a date near the top and at least two paragraphs of prose."""
    head = doc.lines[:8]
    dated = any(_DATE_LINE.search(ln.text) and len(ln.text) < 60 for ln in head)
    paragraphs = sum(1 for ln in doc.lines if len(ln.text) >= 200)
    return dated and paragraphs >= 2
