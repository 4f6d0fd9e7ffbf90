"""Extraction: HTML page -> page record, as pure functions with no Scrapy imports.

`extract_page` is the one entry point; the spider, `kongres extract`, re-parsing of
stored pages and the tests all call it, in the manner of web-poet page objects.
"""
from __future__ import annotations

import difflib
import hashlib

from ..normalize import orgs
from . import article, pagetype, programme, prose, relevance, speakers, topics
from .document import Document, NotHTMLError, parse_document, text_key
from .records import PageRecord, Person, Session, merge_people

__all__ = ["extract_page", "extract_document", "NotHTMLError", "PageRecord", "Person"]


def extract_page(raw: bytes | str, url: str) -> PageRecord:
    """Extract the page record of one fetched page (the `kongres extract` JSON contract)."""
    return extract_document(parse_document(raw, url))


def extract_document(doc: Document) -> PageRecord:
    """Extract the page record from an already parsed `Document`."""
    meta = article.read_metadata(doc)
    sessions, programme_people = programme.parse_programme(doc)
    card_people = speakers.parse_speaker_cards(doc, frozenset(p["name"].casefold() for p in programme_people))
    prose_found = prose.parse_prose(doc, sessions)
    people = merge_people(programme_people + card_people + _new_people(prose_found.people, programme_people + card_people))
    defined = orgs.defined_acronyms(doc.text)
    for p in people:
        p["organizations"] = orgs.resolve_acronyms(p.get("organizations", []), defined)
    sessions = sessions + [s for s in prose_found.sessions if not _known_session(s, sessions)]
    page_topics, topic_sessions = topics.parse_topics(doc, sessions)
    page_topics += [t for t in prose_found.topics if t not in page_topics]
    page_type = pagetype.detect_page_type(doc, sessions, card_people, prose_found.people, meta.published)
    published = meta.published
    title, author = meta.title or doc.title, meta.author
    if page_type == "other" and pagetype.is_listing(doc):
        # a listing's title and byline are its first teaser's: the page's own title is its
        # og:title or <title> (`Aktualności – Strona 2 z 3`), and it has no author
        title, author = _own_title(doc) or title, None
        # a listing (or a home page of teasers) is judged by its own words, not its teasers' and it
        # has no date of its own (the dates on it are its posts')
        published = None
        about, edition = relevance.judge(pagetype.own_document(doc), None, listing=True)
    else:
        about, edition = relevance.judge(doc, published)
    text = doc.text
    named = {text_key(p["name"]) for p in people}
    return {
        "url": doc.url,
        "title": title,
        "published": published,
        "author": author,
        "site": meta.site,
        "page_type": page_type,
        "about_congress": about,
        "edition": edition,
        "sessions": sessions,
        "people": people,
        "mentions": [m for m in prose_found.mentions if text_key(m["name"]) not in named],
        "topics": page_topics,
        "topic_sessions": topic_sessions,
        "text": text,
        "text_hash": hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest(),
    }


def _own_title(doc: Document) -> str | None:
    """The page's own title from its head (og:title, else <title>), never from its content."""
    for path in ("//meta[@property='og:title']/@content", "//head/title/text()"):
        for value in doc.tree.xpath(path):
            text = " ".join(str(value).split())
            if text:
                return text
    return None


def _new_people(prose_people: list[Person], structured: list[Person]) -> list[Person]:
    """Prose people not already read from labelled lines (programme, lists, cards read them better)."""
    known = {text_key(p["name"]): p for p in structured}
    for p in prose_people:
        have = known.get(text_key(p["name"]))
        if have is not None and not have.get("session") and p.get("session"):
            have["session"] = p["session"]  # the prose names the session a listed person took part in
    return [p for p in prose_people if text_key(p["name"]) not in known]


def _known_session(session: Session, sessions: list[Session]) -> bool:
    """True when the programme already has this session (titles equal after quotes and spacing)."""
    key = text_key(session["title"])
    return any(have == key or difflib.SequenceMatcher(None, have, key).ratio() >= 0.9
               for have in (text_key(s["title"]) for s in sessions))
