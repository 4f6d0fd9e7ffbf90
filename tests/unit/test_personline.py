"""One person line: name, honorific, position, organisations, places, role override."""
from __future__ import annotations

import pytest

from kongres_scraper.extract.personline import parse_affiliation, parse_person_line, split_label


def _parse(text):
    """Parse a line that must be a person."""
    pl = parse_person_line(text)
    assert pl is not None, text
    return pl


@pytest.mark.parametrize("line,name,honorific", [
    ("prof. UAM dr hab. Paulina Pospieszna, Uniwersytet Adama Mickiewicza w Poznaniu", "Paulina Pospieszna", "prof. UAM dr hab."),
    ("dr hab. Agnieszka Łukasik-Turecka, prof. KUL (Dyrektor Instytutu Nauk o Polityce i Administracji KUL)",
     "Agnieszka Łukasik-Turecka", "dr hab. prof. KUL"),
    ("gen. bryg. Cezary Janowski (Szef Zarządu Planowania Użycia Sił Zbrojnych i Szkolenia)", "Cezary Janowski", "gen. bryg."),
    ("o. dr hab. Szczepan T. Praśkiewicz OCD (Dykasteria Spraw Kanonizacyjnych, Watykan)", "Szczepan T. Praśkiewicz", "o. dr hab."),
    ("ks. prof. dr hab. Mirosław Kalinowski (Rektor Katolickiego Uniwersytetu Lubelskiego Jana Pawła II)",
     "Mirosław Kalinowski", "ks. prof. dr hab."),
    ("mec. Anna Nowak, Kancelaria Adwokacka", "Anna Nowak", "mec."),
    ("red. Jan Kowalski", "Jan Kowalski", "red."),
    ("Adam D. Rotfeld", "Adam D. Rotfeld", None),
    ("prof. Jean-Benoit Pilet, Université Libre de Bruxelles", "Jean-Benoit Pilet", "prof."),
])
def test_name_and_honorific(line, name, honorific):
    pl = _parse(line)
    assert (pl.name, pl.honorific) == (name, honorific)


def test_trailing_place_is_not_an_organisation():
    pl = _parse("prof. Simon Niemeyer, Centre for Deliberative Democracy and Global Governance, Canberra, Australia")
    assert pl.organizations == ["Centre for Deliberative Democracy and Global Governance"]
    assert pl.places == ["Canberra", "Australia"]


def test_position_without_organisation():
    pl = _parse("Artur Gluziński, ekspert ds. współpracy NGO i JST")
    assert (pl.position, pl.organizations) == ("ekspert ds. współpracy NGO i JST", [])


def test_two_organisations_and_role_suffix():
    pl = _parse("prof. Witold Klaus, Ośrodek Badań nad Migracjami UW, prezes Stowarzyszenia Interwencji Prawnej (jako moderator debaty)")
    assert pl.organizations == ["Ośrodek Badań nad Migracjami UW", "Stowarzyszenie Interwencji Prawnej"]
    assert pl.position.startswith("prezes")
    assert pl.role == "moderator"


def test_name_dash_position():
    pl = _parse("Maria Wiśniewska – trenerka partycypacji")
    assert (pl.name, pl.position, pl.organizations) == ("Maria Wiśniewska", "trenerka partycypacji", [])


def test_position_and_genitive_org_in_brackets():
    pl = _parse("Tomasz Tokarski (Prezes Zarządu Fundacji Rozwoju KUL)")
    assert (pl.position, pl.organizations) == ("Prezes Zarządu", ["Fundacja Rozwoju KUL"])


def test_slash_separated_organisations():
    assert _parse("ks. dr hab. Jarosław Jęczeń (KUL/Fundacja Rozwoju KUL)").organizations == ["KUL", "Fundacja Rozwoju KUL"]


def test_organisation_with_dash_and_quotes():
    pl = _parse("dr František Drozd (Poradnia Społeczna „Familiaris” w Svicie, Słowacja)")
    assert pl.organizations == ["Poradnia Społeczna „Familiaris” w Svicie"]


def test_gender_from_first_name_and_cue():
    assert _parse("Paulina Pospieszna").gender == "f"
    assert _parse("Jan Kowalski").gender == "m"
    assert _parse("Rikki Dean, prezeska Fundacji Przykładowej").gender == "f"


@pytest.mark.parametrize("line", [
    "Otwarcie Kongresu", "Trzeci sektor w gminie, rola mieszkańców", "Mapa lokalnych inicjatyw 2025", "Pisarz, eseista, publicysta",
    "Goethe University Frankfurt", "Building Bridges – Civic Capital in Local Communities", "Sala 2", "Pio",
    "Obywatele w centrum uwagi: Innowacje demokratyczne", "Moderator:", "Kultura współpracy – jak władze samorządowe",
])
def test_not_a_person(line):
    assert parse_person_line(line) is None


@pytest.mark.parametrize("line,role", [
    ("Moderatorka: Anna Nowak", "moderator"), ("Moderacja:", "moderator"), ("Prowadzenie: Jan Kowalski", "host"),
    ("Osoby prowadzące:", "host"), ("Osoby uczestniczące w debacie:", "panelist"), ("Panelistki i paneliści:", "panelist"),
    ("Udział wezmą:", "panelist"), ("Prelegentki:", "speaker"), ("Wystąpienia:", "speaker"),
    ("Wprowadzenie i moderacja: Jan Kowalski", "moderator"), ("Paneliści", "panelist"),
    ("Goście panelu:", "panelist"), ("Gości debaty:", "panelist"), ("Gość specjalny:", "guest"), ("Goście:", "guest"),
])
def test_role_labels(line, role):
    label = split_label(line)
    assert label is not None and label.role == role


def test_prose_with_colon_is_not_a_label():
    assert split_label("W czasie spotkania, które prowadziła burmistrz miasta, omówiono: budżet") is None


def test_parse_affiliation_capitalised_positions():
    position, orgs, places = parse_affiliation("Pisarka, prawniczka, prezes Fundacji Grupa Proelio")
    assert orgs == ["Fundacja Grupa Proelio"]
    assert position.startswith("Pisarka")


def test_position_before_name():
    pl = _parse("Prezes Zarządu Fundacji Batorego Edwin Bendyk")
    assert (pl.name, pl.position, pl.organizations) == ("Edwin Bendyk", "Prezes Zarządu", ["Fundacja Batorego"])


def test_role_word_as_position():
    pl = _parse("Jan Kowalski – moderator")
    assert (pl.role, pl.position) == ("moderator", None)


def test_polite_form_is_dropped():
    assert _parse("Pani Anna Nowak, wójt gminy Pawonków").name == "Anna Nowak"


def test_name_followed_by_capitalised_position():
    pl = _parse("Jan Kowalski Prezes Zarządu Fundacji Rozwoju KUL")
    assert (pl.name, pl.organizations) == ("Jan Kowalski", ["Fundacja Rozwoju KUL"])


def test_gender_cue_only_from_the_persons_own_position():
    assert _parse("Rikki Dean, Fundacja Pani Ziemi").gender is None  # a word in an organisation's name
    assert _parse("Pani Iryna Kovalenko, Stowarzyszenie Razem").gender == "f"
    assert _parse("Rikki Dean (jako moderatorka debaty)").gender == "f"


def test_list_separators_are_the_plain_pattern():
    """`_LIST_SEP` is written for speed; it finds what the plain pattern finds, on every kind of separator."""
    import random
    import re

    from kongres_scraper.extract.personline import _LIST_SEP

    plain = re.compile(r"\s*[,;]\s*(?:(?:i|oraz|a\s+także)\s+)?(?![^()]*\))|\s+(?:i|oraz|a\s+także)\s+(?![^()]*\))")
    pieces = [" ", ",", ";", "(", ")", "i", "oraz", "a także", "\t", "\u00a0", "Anna Lis", "x", " i ", ", ", " (UW) "]
    rng = random.Random(14)
    texts = ["Anna Lis (Fundacja X, Y i Z), Jan Sowa oraz Ewa Kos ; a także Piotr", ", , i ,", "(a, b) , c ,  i d"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(5000)]
    for text in texts:
        assert [m.span() for m in _LIST_SEP.finditer(text)] == [m.span() for m in plain.finditer(text)], text
