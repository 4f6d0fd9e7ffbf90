"""People, roles, affiliations and topics written in Polish prose (news posts, reports)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .document import Document
from .records import Mention, Person, Session


@dataclass
class ProseFindings:
    people: list[Person] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)


def parse_prose(doc: Document, sessions: list[Session]) -> ProseFindings:
    """People in running text and topic lists (first version: none)."""
    return ProseFindings()
