"""Names: honorifics apart, given/family split, gender, ASCII-folded match key."""
from __future__ import annotations

import pytest

from kongres_scraper.normalize import names


@pytest.mark.parametrize("text,hon,rest", [
    ("prof. UAM dr hab. Paulina Pospieszna", "prof. UAM dr hab.", "Paulina Pospieszna"),
    ("ks. prof. dr hab. Mirosław Kalinowski", "ks. prof. dr hab.", "Mirosław Kalinowski"),
    ("gen. bryg. Cezary Janowski", "gen. bryg.", "Cezary Janowski"),
    ("dr inż. Jan Nowak", "dr inż.", "Jan Nowak"),
    ("prof. JERZY BRALCZYK", "prof.", "JERZY BRALCZYK"),
    ("drugi dzień", None, "drugi dzień"),
    ("Anna Nowak", None, "Anna Nowak"),
])
def test_split_honorific(text, hon, rest):
    assert names.split_honorific(text) == (hon, rest)


def test_post_honorific():
    assert names.post_honorific(", prof. KUL (Dyrektor)") == ("prof. KUL", " (Dyrektor)")


@pytest.mark.parametrize("name,given,family", [
    ("Jan Krzysztof Bielecki", "Jan Krzysztof", "Bielecki"),
    ("Szczepan T. Praśkiewicz", "Szczepan T.", "Praśkiewicz"),
    ("Agnieszka Łukasik-Turecka", "Agnieszka", "Łukasik-Turecka"),
    ("Ursula von der Leyen", "Ursula", "von der Leyen"),
    ("Vincent van Gogh", "Vincent", "van Gogh"),
    ("Jean-Benoit Pilet", "Jean-Benoit", "Pilet"),
])
def test_split_name(name, given, family):
    assert names.split_name(name) == (given, family)


@pytest.mark.parametrize("name,context,gender", [
    ("Paulina Pospieszna", "", "f"),
    ("Jan Kowalski", "", "m"),
    ("Cezary Janowski", "", "m"),
    ("Rikki Dean", "Moderatorka", "f"),
    ("Rikki Dean", "", None),
    ("Iryna Kowalska", "", "f"),
    ("Agnieszka Łukasik-Turecka", "Dyrektor", "f"),
])
def test_guess_gender(name, context, gender):
    assert names.guess_gender(name, context) == gender


def test_first_name_lookup_is_case_insensitive():
    assert names.first_name_gender("JAN") == "m"
    assert names.first_name_gender("paulina") == "f"
    assert names.first_name_gender("Kowalski") is None


def test_match_key_folds_diacritics_and_hyphens():
    assert names.match_key("Łukasik – Turecka, Agnieszka") == names.match_key("lukasik-turecka agnieszka")
    assert names.match_key("Paweł Śpiewak") == "pawel spiewak"


def test_normalise_name_capitalises_all_caps():
    assert names.normalise_name("CEZARY OBRACHT-PRONDZYŃSKI") == "Cezary Obracht-Prondzyński"


def test_gender_of_a_hyphenated_first_name():
    assert names.guess_gender("Jean-Benoit Pilet") == "m"


@pytest.mark.parametrize("bio,gender", [
    ("Socjolożka, badaczka ruchów miejskich.", "f"),
    ("Jest prezeską Fundacji Przykładowej.", "f"),
    ("Ukończyła socjologię na Uniwersytecie Warszawskim.", "f"),
    ("Współpracuje z prezeską Fundacji Przykładowej.", None),  # someone else's position
    ("Od 2015 roku jest prezesem fundacji. Pracuje z prezeską Anną Lis.", None),
])
def test_gender_of_the_subject_of_a_bio(bio, gender):
    assert names.gender_of_subject(bio) == gender
