"""Page type from content: programme, speakers, article or other."""
from __future__ import annotations

from .document import Document
from .records import Person, Session


def detect_page_type(doc: Document, sessions: list[Session], cards: list[Person], prose_people: list[Person]) -> str:
    """Classify a page by what was found on it (first version)."""
    if len([s for s in sessions if s.get("start")]) >= 3:
        return "programme"
    if len(cards) >= 3:
        return "speakers"
    return "article" if prose_people else "other"
