"""Organisation names to the nominative; affiliation text split into position and organisations."""
from __future__ import annotations

import pytest

from kongres_scraper.normalize.orgs import split_affiliation, to_nominative


@pytest.mark.parametrize("text,expected", [
    ("w Departamencie Spraw Międzynarodowych i Migracji MSWiA", "Departament Spraw Międzynarodowych i Migracji MSWiA"),
    ("Naczelnej Radzie Adwokackiej", "Naczelna Rada Adwokacka"),
    ("ze Stowarzyszenia Gazet Lokalnych", "Stowarzyszenie Gazet Lokalnych"),
    ("z Fundacji Panoptykon", "Fundacja Panoptykon"),
    ("z Watchdog Polska", "Watchdog Polska"),
    ("Uniwersytetu Warszawskiego", "Uniwersytet Warszawski"),
    ("Polskiej Akademii Nauk", "Polska Akademia Nauk"),
    ("Urzędu Marszałkowskiego Województwa Mazowieckiego", "Urząd Marszałkowski Województwa Mazowieckiego"),
    ("Biblioteki Publicznej w dzielnicy Warszawa-Ursus", "Biblioteka Publiczna w dzielnicy Warszawa-Ursus"),
    ("Fundacji Ukraiński Dom", "Fundacja Ukraiński Dom"),
    ("Krajowej Izby Gospodarczej", "Krajowa Izba Gospodarcza"),
    ("„Gazety Wyborczej”", "„Gazeta Wyborcza”"),
    ("Ochotniczej Straży Pożarnej w Leśnej Woli", "Ochotnicza Straż Pożarna w Leśnej Woli"),
])
def test_to_nominative(text, expected):
    assert to_nominative(text) == expected


@pytest.mark.parametrize("text,position,organizations", [
    ("ekspert w Departamencie Spraw Międzynarodowych i Migracji MSWiA", "ekspert",
     ["Departament Spraw Międzynarodowych i Migracji MSWiA"]),
    ("prezes Stowarzyszenia Interwencji Prawnej", "prezes", ["Stowarzyszenie Interwencji Prawnej"]),
    ("mentor w Fundacji Ukraiński Dom", "mentor", ["Fundacja Ukraiński Dom"]),
    ("Biblioteka Publiczna w dzielnicy Warszawa-Ursus", None, ["Biblioteka Publiczna w dzielnicy Warszawa-Ursus"]),
    ("Prezes Zarządu Fundacji Rozwoju KUL", "Prezes Zarządu", ["Fundacja Rozwoju KUL"]),
    ("Ośrodek Badań nad Migracjami UW, prezes Stowarzyszenia Interwencji Prawnej", "prezes",
     ["Ośrodek Badań nad Migracjami UW", "Stowarzyszenie Interwencji Prawnej"]),
    ("ekspert ds. współpracy NGO i JST", "ekspert ds. współpracy NGO i JST", []),
    ("ekspertka FRDL", "ekspertka", ["FRDL"]),
    ("KUL/Fundacja Rozwoju KUL", None, ["KUL", "Fundacja Rozwoju KUL"]),
    ("Stowarzyszenie Klon/Jawor", None, ["Stowarzyszenie Klon/Jawor"]),
    ("dyrektor Biura Związku Miast Polskich", "dyrektor Biura", ["Związek Miast Polskich"]),
    ("koordynatorka Migrant Info Point w Poznaniu", "koordynatorka", ["Migrant Info Point w Poznaniu"]),
    ("Szef Zarządu Planowania Użycia Sił Zbrojnych i Szkolenia w Sztabie Generalnym Wojska Polskiego",
     "Szef Zarządu Planowania Użycia Sił Zbrojnych i Szkolenia", ["Sztab Generalny Wojska Polskiego"]),
    ("zastępcą reaktora naczelnego „Rzeczpospolitej”", "zastępcą reaktora naczelnego", ["Rzeczpospolita"]),
    ("posła Koalicji Obywatelskiej", "posła", ["Koalicja Obywatelska"]),
    # a municipal head's office names the municipality, in the nominative (a town's name too)
    ("prezydent Miasta Wrocławia", "prezydent", ["Miasto Wrocław"]),
    ("wójt Gminy Zielonka Mała", "wójt", ["Gmina Zielonka Mała"]),
    ("Burmistrz Miasta i Gminy Dąbrowy Górniczej", "Burmistrz", ["Miasto i Gmina Dąbrowa Górnicza"]),
    # a gmina's name left undeclined after its unit stays as written; a declined one agrees as a whole
    ("wójt Gminy Cicha Dolina", "wójt", ["Gmina Cicha Dolina"]),
    ("wójt Gminy Leśna Wola", "wójt", ["Gmina Leśna Wola"]),
    ("wójt Gminy Starego Boru", "wójt", ["Gmina Stary Bór"]),
    ("wójt Gminy Nowej Wsi", "wójt", ["Gmina Nowa Wieś"]),
    ("wójt Gminy Zielonki", "wójt", ["Gmina Zielonki"]),
    # position words are never organisations: the governing body goes with the position
    ("członek Zarządu Fundacji Przykładowej", "członek Zarządu", ["Fundacja Przykładowa"]),
    ("przewodnicząca Rady Programowej TPW", "przewodnicząca Rady Programowej", ["TPW"]),
    # coordinated organisations in the genitive are two organisations
    ("prezes Stowarzyszenia Przyjaciół Lasu i Polskiego Towarzystwa Turystycznego",
     "prezes", ["Stowarzyszenie Przyjaciół Lasu", "Polskie Towarzystwo Turystyczne"]),
    # a spaced dash ends an organisation's name; the words after it describe it
    ("Kancelaria Prawna Nowak & Partnerzy – partner merytoryczny konferencji", "partner merytoryczny konferencji",
     ["Kancelaria Prawna Nowak & Partnerzy"]),
])
def test_split_affiliation(text, position, organizations):
    assert split_affiliation(text) == (position, organizations)


@pytest.mark.parametrize("text", [
    "Prezydent Gdańska",
    "wójtka gminy Pawonków na Śląsku",
    "Marszałek Województwa Pomorskiego",
    "poseł do Parlamentu Europejskiego",   # a description, not a membership
    "byłego szefa Służby Wywiadu Wojskowego",  # a past role
    "pierwszy przewodniczący „Solidarności” i Prezydent RP",
    "maturzystka, organizatorka „Marszu ponad podziałami”",  # an event someone created
    "Urzędnik państwowy, ekspert sektora NGO i administracji publicznej",
    "Prezydent RP w latach 1990–1995",
])
def test_no_affiliation(text):
    assert split_affiliation(text)[1] == []


def test_scope_phrase_ends_the_organisation():
    pos, found = split_affiliation("Ekspert Fundacji Rozwoju Demokracji Lokalnej im. Jerzego Regulskiego w zakresie obrony cywilnej")
    assert found == ["Fundacja Rozwoju Demokracji Lokalnej im. Jerzego Regulskiego"]
    assert pos == "Ekspert w zakresie obrony cywilnej"


def test_empty():
    assert split_affiliation("") == (None, [])
