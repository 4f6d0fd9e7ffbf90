"""Speakers pages: speaker cards (photo, honorific + name, affiliation, bio)."""
from __future__ import annotations

from .document import Document
from .records import Person


def parse_speaker_cards(doc: Document) -> list[Person]:
    """People from speaker cards (first version: none)."""
    return []
