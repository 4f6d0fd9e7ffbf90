"""The cached Morfeusz 2 wrapper: readings, generation, name classes."""
from __future__ import annotations

from kongres_scraper.normalize import morph


def test_morfeusz_is_built_once():
    assert morph.morfeusz() is morph.morfeusz()


def test_first_name_reading_gives_case_and_gender():
    readings = morph.first_name_readings("Bogumiłę")
    assert readings and readings[0].lemma == "Bogumiła"
    assert "acc" in readings[0].cases and readings[0].gender == "f"


def test_capitalised_word_gets_proper_and_common_readings():
    lemmas = {r.lemma for r in morph.analyse("Poznaniu")}
    assert "Poznań" in lemmas and "poznanie" in lemmas


def test_word_in_capitals_is_looked_up_title_cased():
    assert any(r.is_first_name and r.lemma == "Jerzy" for r in morph.analyse("JERZEGO"))


def test_lower_case_lookup_and_unknown_words():
    assert morph.known("fundacji")
    assert not morph.known("Dymydyuk")
    assert morph.analyse("") == ()


def test_inflect_to_nominative():
    assert morph.inflect("rada", "subst", "sg", "nom") == "rada"
    assert morph.inflect("adwokacki", "adj", "sg", "nom", "f") == "adwokacka"


def test_surname_class():
    assert any(r.is_surname and r.lemma == "Stępień" for r in morph.analyse("Stępnia"))


def test_match_case():
    assert morph.match_case("fundacja", "Fundacji") == "Fundacja"
    assert morph.match_case("fundacja", "FUNDACJI") == "FUNDACJA"
