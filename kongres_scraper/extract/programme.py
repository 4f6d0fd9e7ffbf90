"""Programme pages: timetable lines -> sessions and the role-labelled people in them."""
from __future__ import annotations

from .document import Document
from .records import Person, Session


def parse_programme(doc: Document) -> tuple[list[Session], list[Person]]:
    """Sessions and their people from a programme's lines (first version: none)."""
    return [], []
