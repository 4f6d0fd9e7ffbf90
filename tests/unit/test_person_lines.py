"""A page's person-line parser (`PersonLines`) answers exactly what `parse_person_line` does.

It keeps each answer for the page and turns away, without parsing, texts with fewer than
two capitalised name words; both must leave every answer as the plain parser gives it.
"""
from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pytest

from kongres_scraper.extract.document import parse_document
from kongres_scraper.extract.person_records import PersonLines
from kongres_scraper.extract.personline import parse_affiliation, parse_person_line, split_people

PAGES = Path(__file__).parents[1] / "pages"


def _texts() -> list[str]:
    """Every line of the fixture pages, and each part of it as a list of people."""
    texts = []
    for path in sorted(PAGES.glob("*.html")):
        for line in parse_document(path.read_bytes(), f"https://example.org/{path.name}").lines:
            texts.append(line.text)
            texts += split_people(line.text)
    return texts


def _same(a, b) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and asdict(a) == asdict(b))


@pytest.mark.parametrize("strict", [False, True])
def test_same_answers_as_the_parser_on_every_fixture_line(strict):
    parse = PersonLines()
    texts = _texts()
    accepted = 0
    for text in texts:
        expected = parse_person_line(text, strict=strict)
        accepted += expected is not None
        assert _same(parse(text, strict=strict), expected), text
        assert _same(parse(text, strict=strict), expected), text  # asked again: the kept answer
    assert accepted >= 10  # the fixtures do name people


@pytest.mark.parametrize("text", [
    "Prezydent Miasta Lublin Krzysztof Żuk",  # position first, name last
    "dr hab. Anna Nowak",
    "prof. UAM dr hab. Paulina Pospieszna, Uniwersytet Adama Mickiewicza w Poznaniu",
    "Jan KOWALSKI",
    "Pani Anna Lis (jako moderatorka)",
    "Adam D. Rotfeld",
    "- Jan Kowal- ski, Fundacja X",  # a bullet and a word broken at a line end
])
def test_people_are_read_however_written(text):
    assert _same(PersonLines()(text), parse_person_line(text))
    assert PersonLines()(text) is not None


@pytest.mark.parametrize("text", ["przerwa kawowa", "Przerwa kawowa", "", "10:00 – otwarcie", "Moderator:"])
def test_texts_without_two_name_words_are_no_person(text):
    assert PersonLines()(text) is None
    assert parse_person_line(text) is None


def test_affiliation_lists_are_the_callers_own():
    parse = PersonLines()
    text = "Prezes Zarządu Fundacji Rozwoju Demokracji Lokalnej, Warszawa"
    first = parse.affiliation(text)
    assert first == parse_affiliation(text)
    first[1].append("changed")
    assert parse.affiliation(text) == parse_affiliation(text)
