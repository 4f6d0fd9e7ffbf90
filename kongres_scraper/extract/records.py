"""The shapes of what extraction returns (plain dicts, so they serialise to JSON as they are)."""
from __future__ import annotations

from typing import TypedDict

from ..lexicon import ROLE_CLASS  # noqa: F401 — roles grouped by what the person does: leads, sits on the panel, gives a talk


class Session(TypedDict):
    title: str
    format: str | None  # panel, debata, warsztat, wykład, keynote, przegląd dobrych praktyk, break, registration, None
    day: str | None  # ISO date when the page gives the day
    start: str | None  # "HH:MM"
    end: str | None


class Person(TypedDict, total=False):
    name: str  # nominative, no honorific
    honorific: str | None
    role: str  # moderator, host, panelist, speaker, keynote, guest
    session: str | None  # title of the session the person took part in
    position: str | None
    organizations: list[str]  # nominative
    gender: str | None  # "f", "m" or None
    evidence: str  # the text the fact was read from
    bio: str | None  # a speaker card's short biography


class Mention(TypedDict):
    name: str
    evidence: str


class PageRecord(TypedDict, total=False):
    url: str
    title: str | None
    published: str | None
    author: str | None
    site: str | None
    page_type: str  # programme, speakers, article, other
    about_congress: bool
    edition: int | None
    sessions: list[Session]
    people: list[Person]
    mentions: list[Mention]
    topics: list[str]
    topic_sessions: dict[str, str]  # topic -> title of the session it is written under
    text: str
    text_hash: str


def session(title: str, format: str | None = None, day: str | None = None, start: str | None = None,
            end: str | None = None) -> Session:
    """The one way to make a session record, so every reader fills the same fields."""
    return {"title": " ".join(title.split()), "format": format, "day": day, "start": start, "end": end}


def person(name: str, role: str, *, honorific: str | None = None, session: str | None = None,
           position: str | None = None, organizations: list[str] | None = None, gender: str | None = None,
           evidence: str = "", bio: str | None = None) -> Person:
    """The one way to make a person record: organisations copied and de-duplicated in order,
    a card's bio only when there is one (most readers have none)."""
    record: Person = {
        "name": name, "honorific": honorific, "role": role, "session": session, "position": position,
        "organizations": list(dict.fromkeys(o for o in organizations or [] if o)), "gender": gender,
        "evidence": evidence,
    }
    if bio:
        record["bio"] = bio
    return record


def merge_people(people: list[Person]) -> list[Person]:
    """One entry per (name, role, session): later sources fill in what earlier ones lacked."""
    merged: dict[tuple, Person] = {}
    for p in people:
        key = (p["name"].casefold(), p.get("role"), p.get("session"))
        if key not in merged:
            merged[key] = dict(p)  # type: ignore[assignment]
            continue
        have = merged[key]
        for field in ("honorific", "position", "gender"):
            if not have.get(field) and p.get(field):
                have[field] = p[field]  # type: ignore[literal-required]
        orgs = have.setdefault("organizations", [])
        orgs.extend(o for o in p.get("organizations", []) if o not in orgs)
    return list(merged.values())
