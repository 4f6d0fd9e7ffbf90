"""Every name in `people` is in the nominative: checked against Morfeusz on the development set.

A first name SGJP knows as a first name must be written in a form SGJP reads as a nominative
(`Andrzej`, not `Andrzeja`; `Paweł`, not `Pawłem`), and a family name SGJP knows must have a
nominative reading too (`Kowalski`, not `Kowalskiego`). Names the dictionary does not know
(most foreign names) cannot be checked this way and pass.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kongres_scraper.extract import extract_page
from kongres_scraper.normalize import morph

SHARED_EVAL = Path(__file__).resolve().parents[3] / "shared" / "eval" / "pages"


def inflected_words(name: str) -> list[str]:
    """The words of a name the dictionary reads only in another case than the nominative: the first
    name (among its first-name readings) and an adjectival family name (`Kowalskiego`). A noun family
    name may be a nominative the dictionary lacks (`Smala` is read only as a case of `Smal`)."""
    words = [w for w in name.split() if not w.endswith(".")]
    bad: list[str] = []
    for k, word in enumerate(words):
        for part in word.split("-"):
            readings = morph.analyse(part)
            if k == 0:
                readings = tuple(r for r in readings if r.is_first_name)
            else:
                readings = tuple(r for r in readings if r.pos == "adj")
            if readings and not any("nom" in r.cases for r in readings):
                bad.append(part)
    return bad


def test_inflected_forms_are_recognised():
    assert inflected_words("Andrzeja Kowalskiego") == ["Andrzeja", "Kowalskiego"]
    assert inflected_words("Pawłem Kowalskim") == ["Pawłem", "Kowalskim"]
    assert inflected_words("Anna Nowak-Zielińska") == []
    assert inflected_words("dr Loïc Blondiaux") == []


@pytest.mark.skipif(not SHARED_EVAL.is_dir(), reason="the development set (../shared/eval) is not beside the project")
def test_every_person_on_the_development_set_is_named_in_the_nominative():
    defects: list[str] = []
    for page in sorted(SHARED_EVAL.glob("*.html")):
        gold = page.with_name(page.name[:-5] + ".gold.json")
        url = json.loads(gold.read_text(encoding="utf-8")).get("url") if gold.exists() else None
        record = extract_page(page.read_bytes(), url or page.as_uri())
        for person in record["people"]:
            bad = inflected_words(person["name"])
            if bad:
                defects.append(f"{page.name}: {person['name']} ({', '.join(bad)})")
    assert not defects, "inflected names in people:\n" + "\n".join(defects)
