"""Repeated person records, whatever the markup: name, position and organisation in sibling elements.

A speakers grid, a page builder's team widget, Bootstrap cards, a `<dl>`, list items: each
theme writes a person as a small block of fields (a name, a position, an organisation, maybe
a photo and a bio) in elements whose class names nobody here knows. So a set of records is
found the way a reader sees it, by repetition and by content, never by class name:

- siblings of one tag under one parent (or `dt`/`dd` pairs of a `<dl>`), two or more, most of
  which hold exactly one personal name (a first name Morfeusz knows, then a surname) among
  their first fields;
- each record's other short fields name a position (a position word) or an organisation (an
  organisation head noun, an acronym, a company form); a record with neither and no photo is
  no person record (a list of names is read elsewhere, with its label);
- a record with a phone number or an e-mail address is a contact box, not a speaker.

Fields are the record's text nodes in document order, so `<span>Jan Kowalski</span><span>Prezes</span>`
gives two fields however the theme styles them.
"""
from __future__ import annotations

import re
from itertools import islice
from typing import Callable, Iterator

import lxml.html

from ..normalize import orgs
from ..normalize.names import NAME_WORD
from .document import clean_text
from .personline import PersonLine, parse_affiliation, parse_person_line, split_label, split_people
from .records import Person
from .records import person as make_person

_MIN_RECORDS = 2
_SHARE = 0.6  # of the siblings of one tag that must be person records
_MAX_FIELD = 160  # characters: a position or organisation field; longer fields are a bio
_MAX_RECORD_TEXT = 2500
_NAME_WORDS = re.compile(NAME_WORD)
_CONTACT = re.compile(r"@|\btel\.|\btelefon\b|\be-?mail\b|\+48|\b\d{3}[ -]\d{3}[ -]\d{3}\b", re.I)
_SKIP = {"script", "style", "noscript", "template", "tr", "tbody", "thead", "table", "td", "th"}


class PersonLines:
    """`parse_person_line` (and `parse_affiliation`, `split_people`) for one page, each text parsed once.

    Nested blocks, a name heading and the bold run inside it, a card's name line and its
    heading, a card's affiliation line and the same text as a record's field, a label line
    tested as a label and then read all hand the same texts to the parsers; a reader makes
    one of these per page (never shared across pages) and asks it instead.
    """

    def __init__(self) -> None:
        self._parsed: dict[tuple[str, bool], PersonLine | None] = {}
        self._affiliations: dict[str, tuple[str | None, list[str], list[str]]] = {}
        self._lists: dict[str, list[str]] = {}

    def __call__(self, text: str, strict: bool = False) -> PersonLine | None:
        key = (text, strict)
        if key not in self._parsed:
            # a person line holds a name of two capitalised words (`names.NAME_WORD`) at least, wherever it is
            # (after honorifics or after a position); most prose and title lines are told by that alone
            words = _NAME_WORDS.finditer(text)
            named = next(words, None) is not None and next(words, None) is not None
            self._parsed[key] = parse_person_line(text, strict=strict) if named else None
        return self._parsed[key]

    def affiliation(self, text: str) -> tuple[str | None, list[str], list[str]]:
        """`parse_affiliation` of the text: (position, organisations, places), the lists the caller's own."""
        if text not in self._affiliations:
            self._affiliations[text] = parse_affiliation(text)
        position, found, places = self._affiliations[text]
        return position, list(found), list(places)

    def people(self, text: str) -> list[str]:
        """`split_people` of the text: one string per person of a list."""
        if text not in self._lists:
            self._lists[text] = split_people(text)
        return list(self._lists[text])


def person_records(main: lxml.html.HtmlElement, parse: PersonLines | None = None) -> list[tuple[lxml.html.HtmlElement, Person]]:
    """(record element, person) for every repeated person record in the main content, outermost sets only.

    One walk in document order that does not enter a record once taken (nothing inside a
    record is a record of its own set). `parse`: the page's person-line parser, when the
    caller has one.
    """
    records = _Records(parse or PersonLines())
    found: list[tuple[lxml.html.HtmlElement, Person]] = []
    stack = [main]
    while stack:
        parent = stack.pop()
        if isinstance(parent.tag, str) and parent.tag not in _SKIP:
            group = records.definitions(parent) if parent.tag == "dl" else records.siblings(parent)
            if group:
                found += group
                taken = {el for el, _ in group}
                stack.extend(child for child in reversed(parent) if child not in taken)
                continue
        stack.extend(reversed(parent))
    return found


class _Records:
    """The record readers of one page, with the name test of each field text kept (nested blocks share fields)."""

    def __init__(self, parse: PersonLines) -> None:
        self.parse = parse
        self.names: dict[str, PersonLine | None] = {}

    def name(self, field: str) -> PersonLine | None:
        if field not in self.names:
            self.names[field] = _name_field(field, self.parse)
        return self.names[field]

    def siblings(self, parent: lxml.html.HtmlElement) -> list[tuple[lxml.html.HtmlElement, Person]]:
        """Children of one tag under `parent` that are, most of them, person records.

        A sibling with no name among its first three fields is no record, told without reading
        the rest of it; a set stops being read once too few of its siblings are left to make it one.
        """
        if len(parent) < _MIN_RECORDS:
            return []
        by_tag: dict[str, list[lxml.html.HtmlElement]] = {}
        for child in parent:
            if isinstance(child.tag, str) and child.tag not in _SKIP:
                by_tag.setdefault(child.tag, []).append(child)
        out: list[tuple[lxml.html.HtmlElement, Person]] = []
        for siblings in by_tag.values():
            if len(siblings) < _MIN_RECORDS:
                continue
            need = max(_MIN_RECORDS, _SHARE * len(siblings))
            people = []
            for i, el in enumerate(siblings):
                if len(people) + len(siblings) - i < need:
                    break
                if all(self.name(f) is None for f in islice(_iter_fields(el), 3)):
                    continue
                p = self.person(_fields(el), lambda el=el: _has_photo(el))
                if p:
                    people.append((el, p))
            if len(people) >= need:
                out += people
        return out

    def definitions(self, dl: lxml.html.HtmlElement) -> list[tuple[lxml.html.HtmlElement, Person]]:
        """`<dt>name</dt><dd>position</dd><dd>organisation</dd>` …: each term with the descriptions after it."""
        records: list[tuple[lxml.html.HtmlElement, list[str]]] = []
        for child in dl:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "dt":
                records.append((child, _fields(child)))
            elif child.tag == "dd" and records:
                records[-1][1].extend(_fields(child))
        people = [(el, p) for el, fields in records for p in [self.person(fields, lambda: False)] if p]
        return people if len(people) >= _MIN_RECORDS and len(people) >= _SHARE * len(records) else []

    def person(self, fields: list[str], has_photo: Callable[[], bool]) -> Person | None:
        """The person of one record's fields: one name among the first three, a position or an organisation after it.

        The fields are read for names only as far as needed: none among the first three, or a
        second one anywhere, and the record is none.
        """
        if not fields or sum(len(f) for f in fields) > _MAX_RECORD_TEXT or _CONTACT.search("\n".join(fields)):
            return None  # (no contact pattern spans a line break)
        found: tuple[int, PersonLine] | None = None
        for i, f in enumerate(fields):
            if found is None and i > 2:
                return None
            pl = self.name(f)
            if pl is not None:
                if found is not None:
                    return None
                found = (i, pl)
        if found is None:
            return None
        k, pl = found
        role = next((lab.role for f in fields[:k] + fields[k + 1:k + 3]
                     for lab in [split_label(f)] if lab is not None and lab.role and not lab.rest), None)
        position, organizations = pl.position, list(pl.organizations)
        bio: list[str] = []
        for f in fields[k + 1:]:
            if split_label(f) is not None and not split_label(f).rest:  # type: ignore[union-attr]
                continue
            if len(f) > _MAX_FIELD or bio or (position and organizations) or _is_sentence(f):
                bio.append(f)
                continue
            if not (_names_position(f) or _names_organisation(f)):
                bio.append(f)
                continue
            pos, found_orgs, _places = self.parse.affiliation(f)
            position = ", ".join(x for x in (position, pos) if x) or None
            organizations += [o for o in found_orgs if o not in organizations]
        if not (position or organizations or has_photo()):
            return None
        return make_person(pl.name, role or pl.role or "speaker", honorific=pl.honorific, position=position,
                           organizations=organizations, gender=pl.gender,
                           evidence="\n".join(fields[:k + 3]), bio=" ".join(bio) or None)


def _has_photo(el: lxml.html.HtmlElement) -> bool:
    return next(el.iterdescendants("img"), None) is not None


def _iter_fields(el: lxml.html.HtmlElement) -> Iterator[str]:
    """The text nodes of a record in document order, punctuation-only ones dropped."""
    return (t for t in (clean_text(x).strip(" ,;|–—-") for x in el.itertext()) if _WORD.search(t))


def _fields(el: lxml.html.HtmlElement) -> list[str]:
    return list(_iter_fields(el))


_WORD = re.compile(r"\w")


def _is_sentence(text: str) -> bool:
    """A field of running text (a bio's first sentence), not a position or an organisation."""
    return len(text.split()) > 8 and (";" in text or text.rstrip().endswith("."))


def _name_field(text: str, parse: PersonLines) -> PersonLine | None:
    """A field that is a person's name (honorifics and a short affiliation allowed), never a label."""
    if len(text) > 120 or split_label(text) is not None:
        return None
    pl = parse(text, strict=True)
    return pl if pl is not None and not pl.affiliation else None  # the name in an element of its own


def _names_position(text: str) -> bool:
    """A field naming a position: a position word among its first words (`Prezes Zarządu`, `dyrektorka biura`)."""
    return any(orgs.is_position_word(w.strip(",.()")) for w in text.split()[:4])


def _names_organisation(text: str) -> bool:
    """A field naming an organisation: a head noun (`Fundacja`, `Urząd`), an acronym, or a company form."""
    words = [w.strip(",.()„”\"") for w in text.split()]
    if any(orgs.is_org_head(w) for w in words[:4]):
        return True
    if any(len(w) >= 2 and w.isupper() and w.isalpha() for w in words):
        return True
    return bool(re.search(r"\bsp\.\s*z\s*o\.\s*o\.|\bS\.A\.", text))
