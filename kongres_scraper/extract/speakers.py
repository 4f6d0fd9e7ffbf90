"""Speakers pages: speaker cards (photo, honorific + name, affiliation, bio) -> people.

A speakers page (`/prelegenci-iikkwl/`) lists each speaker as a *card*: a photo, a
heading with the (honorific +) name, a short affiliation line and often a bio. Themes
build cards from different markup (WordPress card lists, Elementor image boxes or
heading/text widgets in columns, tables, plain bold paragraphs), so a card is found by
structure, not by CSS class: a name heading (h2–h6, or a bold line) that parses as a
person, and the smallest enclosing element that holds a photo and no other name. The
lines after the name in that element are the affiliation (first short line) and the bio.

At least two cards are needed: one bold name on a news page is an attribution of a quote,
not a speakers list.
"""
from __future__ import annotations

import re

import lxml.html

from .document import Document, _lines, clean_text
from .personline import parse_affiliation, parse_person_line
from .records import Person

_NAME_TAGS = ("h2", "h3", "h4", "h5", "h6", "strong", "b", "dt")
_MAX_NAME_LEN = 160
_MIN_CARDS = 2


def parse_speaker_cards(doc: Document) -> list[Person]:
    """People from speaker cards: name, honorific, organisations, position, bio, gender, evidence."""
    heads = _name_elements(doc.main)
    cards: list[tuple[lxml.html.HtmlElement, lxml.html.HtmlElement]] = []
    for el in heads:
        box = _card_box(el, heads)
        if box is not None:
            cards.append((el, box))
    if len(cards) < _MIN_CARDS:
        return []
    people = [p for el, box in cards if (p := _parse_card(el, box)) is not None]
    return people if len(people) >= _MIN_CARDS else []


def _name_elements(main: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """Headings and bold runs whose text starts with a person's name (outermost only)."""
    found: list[lxml.html.HtmlElement] = []
    for el in main.iter(*_NAME_TAGS):
        text = clean_text(el.text_content())
        if not text or len(text) > _MAX_NAME_LEN or text.endswith(":"):
            continue
        if any(a in found for a in el.iterancestors()):
            continue
        if parse_person_line(text, strict=el.tag in ("strong", "b")) is None:
            continue
        found.append(el)
    return found


def _card_box(el: lxml.html.HtmlElement, heads: list[lxml.html.HtmlElement]) -> lxml.html.HtmlElement | None:
    """The smallest ancestor holding this name and a photo but no other name (None: not a card)."""
    others = [h for h in heads if h is not el]
    box = el
    for anc in el.iterancestors():
        if any(_contains(anc, o) for o in others):
            break
        box = anc
        if anc.xpath(".//img"):
            return anc
    # No photo: a heading followed by its text in its own block still makes a card
    # (text-only speaker lists), a bold run inside a paragraph does not.
    if el.tag.startswith("h") and box is not el:
        return box
    if el.tag in ("strong", "b", "dt") and box is not el and _has_text_after(el, box):
        return box
    return None


def _contains(anc: lxml.html.HtmlElement, el: lxml.html.HtmlElement) -> bool:
    return any(a is anc for a in el.iterancestors())


def _has_text_after(el: lxml.html.HtmlElement, box: lxml.html.HtmlElement) -> bool:
    text = clean_text(box.text_content())
    name = clean_text(el.text_content())
    return len(text) > len(name) + 3


def _parse_card(el: lxml.html.HtmlElement, box: lxml.html.HtmlElement) -> Person | None:
    """One card: the name line, the affiliation line after it, the bio after that."""
    name_text = clean_text(el.text_content())
    lines = [ln.text for ln in _lines(box)]
    # the line holding the name may carry the affiliation too (`<strong>Name</strong>, Org`)
    idx = next((i for i, t in enumerate(lines) if t.startswith(name_text) or name_text.startswith(t)), None)
    head = lines[idx] if idx is not None else name_text
    after = lines[idx + 1:] if idx is not None else []
    pl = parse_person_line(head) or parse_person_line(name_text)
    if pl is None:
        return None
    position, orgs = pl.position, list(pl.organizations)
    evidence = [head]
    bio_lines = after
    if not pl.affiliation and after and _is_affiliation_line(after[0]):
        position, orgs, _places = parse_affiliation(after[0])
        evidence.append(after[0])
        bio_lines = after[1:]
    person: Person = {
        "name": pl.name,
        "honorific": pl.honorific,
        "role": "speaker",
        "session": None,
        "position": position,
        "organizations": orgs,
        "gender": pl.gender,
        "evidence": "\n".join(evidence),
    }
    bio = " ".join(bio_lines).strip()
    if bio:
        person["bio"] = bio  # type: ignore[typeddict-unknown-key]
        if person["gender"] is None:
            from ..normalize.names import gender_from_text

            person["gender"] = gender_from_text(bio[:300])
    return person


def _is_affiliation_line(text: str) -> bool:
    """A short line naming a position or organisation, not the first sentence of a bio."""
    if len(text) > 220:
        return False
    return not re.search(r"\.\s+[A-ZĄĆĘŁŃÓŚŹŻ]", text) and not re.search(r"\b(jest|był|była|pracuje|zajmuje się)\b", text)
