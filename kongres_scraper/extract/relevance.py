"""Is a page about the Krajowy Kongres Współpracy Lokalnej, and which edition?"""
from __future__ import annotations

import re

from .document import Document

_NAME = re.compile(r"kongres\w*\s+współpracy\s+lokalnej", re.I)


def judge(doc: Document, published: str | None) -> tuple[bool, int | None]:
    """(about_congress, edition) of a page (first version: the name alone, no edition)."""
    return bool(_NAME.search(doc.text)), None
