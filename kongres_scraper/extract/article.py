"""Article metadata: title, publication date, author, site name."""
from __future__ import annotations

from dataclasses import dataclass

from .document import Document


@dataclass
class Metadata:
    title: str | None = None
    published: str | None = None  # ISO date
    author: str | None = None
    site: str | None = None


def read_metadata(doc: Document) -> Metadata:
    """Title, published date, author and site name of a page (first version: title only)."""
    return Metadata(title=doc.title)
