"""Relevance with a sense of time and of names: other events whose names share the congress's words.

Every sentence here is invented for the test. Each other event is named twice in prose and once in
the title, so a reader that only looks for the words `Kongres Współpracy Lokalnej` would take it.
"""
from __future__ import annotations

import re

import pytest

from kongres_scraper.extract import eventname, relevance
from kongres_scraper.extract.document import parse_document

FILLER = "Samorządowcy i działacze organizacji pozarządowych rozmawiali o wspólnych projektach dla mieszkańców."


def _judge(title: str, paragraphs: list[str], url: str = "https://example.org/aktualnosci/wpis/",
           published: str | None = None):
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"
    return relevance.judge(parse_document(html, url), published)


def _about_event(name: str, genitive: str, locative: str) -> tuple[str, list[str]]:
    """A report about an event, naming it in the title and twice in prose."""
    return (f"Relacja: {name}", [
        f"W sobotę w naszym mieście odbył się {name}, na który przyjechało blisko dwieście osób. {FILLER}",
        f"Organizatorzy {genitive} zapowiedzieli, że po {locative} powstanie raport z rekomendacjami dla gmin."])


# ---------------------------------------------------------------------------- time

def test_a_post_published_before_2023_is_not_about_the_congress():
    assert _judge("Kongres Współpracy Lokalnej w naszej gminie", [
        "Krajowy Kongres Współpracy Lokalnej zgromadził przedstawicieli stowarzyszeń i urzędów z regionu. " + FILLER,
        "Uczestnicy Krajowego Kongresu Współpracy Lokalnej wrócili z nowymi pomysłami na wspólne działania."],
        published="2022-05-14") == (False, None)


def test_a_post_filed_under_an_earlier_year_in_its_url_is_not_about_the_congress():
    assert _judge("Kongres Współpracy Lokalnej", [
        "Kongres Współpracy Lokalnej zgromadził przedstawicieli stowarzyszeń i urzędów z całego powiatu. " + FILLER,
        "Kongres Współpracy Lokalnej zakończył się przyjęciem wspólnej deklaracji samorządów i organizacji."],
        url="https://example.org/2021/06/kongres-w-gminie/") == (False, None)


def test_an_event_dated_before_2023_in_the_sentence_is_another_event():
    assert _judge("Wspominamy dawne spotkania", [
        "W dniach 12-13 maja 2019 r. w Gdyni odbył się Kongres Współpracy Lokalnej, pierwszy taki w regionie. " + FILLER,
        "Kongres Współpracy Lokalnej z 14 czerwca 2021 r. poświęcony był budżetom obywatelskim w małych gminach."],
        url="https://example.org/historia/") == (False, None)


def test_a_post_published_after_the_first_announcement_stays_about_it():
    assert _judge("Kongres Współpracy Lokalnej w naszej gminie", [
        "Krajowy Kongres Współpracy Lokalnej zgromadził przedstawicieli stowarzyszeń i urzędów z regionu. " + FILLER,
        "Uczestnicy Krajowego Kongresu Współpracy Lokalnej wrócili z nowymi pomysłami na wspólne działania."],
        published="2023-09-25") == (True, 1)


# ---------------------------------------------------------------------------- names

OTHER_EVENTS = [  # (nominative, genitive, locative): a name the congress's words are part of, and why it is another's
    ("Pomorski Kongres Współpracy Lokalnej", "Pomorskiego Kongresu Współpracy Lokalnej",
     "Pomorskim Kongresie Współpracy Lokalnej"),  # a regional adjective before the name
    ("Kongres Współpracy Lokalnej i Regionalnej", "Kongresu Współpracy Lokalnej i Regionalnej",
     "Kongresie Współpracy Lokalnej i Regionalnej"),  # a second adjective joined after it
    ("Kongres Współpracy Lokalnej Samorządów Mazowsza", "Kongresu Współpracy Lokalnej Samorządów Mazowsza",
     "Kongresie Współpracy Lokalnej Samorządów Mazowsza"),  # genitive words carry the name on
    ("XII Kongres Współpracy Lokalnej", "XII Kongresu Współpracy Lokalnej",
     "XII Kongresie Współpracy Lokalnej"),  # an edition number the congress never reached
    ("Polsko-Litewski Kongres Współpracy Lokalnej", "Polsko-Litewskiego Kongresu Współpracy Lokalnej",
     "Polsko-Litewskim Kongresie Współpracy Lokalnej"),  # a cross-border congress
    ("Kongres Współpracy Lokalnej 2019", "Kongresu Współpracy Lokalnej 2019",
     "Kongresie Współpracy Lokalnej 2019"),  # a year before the congress first met
]


@pytest.mark.parametrize("names", OTHER_EVENTS, ids=[n[0] for n in OTHER_EVENTS])
def test_another_event_whose_name_holds_the_congress_words(names):
    title, paragraphs = _about_event(*names)
    assert _judge(title, paragraphs) == (False, None)


SIMILAR_NAMES = [  # events of the same field whose names share some of the congress's words
    ("Kongres Współpracy Samorządów Lokalnych", "Kongresu Współpracy Samorządów Lokalnych",
     "Kongresie Współpracy Samorządów Lokalnych"),
    ("Ogólnopolski Kongres Grup Lokalnych", "Ogólnopolskiego Kongresu Grup Lokalnych",
     "Ogólnopolskim Kongresie Grup Lokalnych"),
    ("Kongres Przewodniczących Rad Gmin", "Kongresu Przewodniczących Rad Gmin", "Kongresie Przewodniczących Rad Gmin"),
    ("Kongres Regionów", "Kongresu Regionów", "Kongresie Regionów"),
    ("Kongres Obywatelski", "Kongresu Obywatelskiego", "Kongresie Obywatelskim"),
    ("Kongres Organizacji Pozarządowych", "Kongresu Organizacji Pozarządowych", "Kongresie Organizacji Pozarządowych"),
    ("Forum Współpracy Lokalnej FRDL", "Forum Współpracy Lokalnej FRDL", "Forum Współpracy Lokalnej FRDL"),
]


@pytest.mark.parametrize("names", SIMILAR_NAMES, ids=[n[0] for n in SIMILAR_NAMES])
def test_events_with_similar_names_are_not_the_congress(names):
    title, paragraphs = _about_event(*names)
    assert _judge(title, paragraphs) == (False, None)


@pytest.mark.parametrize("sentence", [
    "Fundacja zaprasza na Krajowy Kongres Współpracy Lokalnej FRDL, który odbędzie się w Warszawie.",
    "Przedstawiciele gminy byli na Krajowym Kongresie Współpracy Lokalnej Fundacji Rozwoju Demokracji Lokalnej.",
    "Tegoroczny Kongres Współpracy Lokalnej zgromadził ponad pięćset osób z organizacji i samorządów.",
    "ZAPRASZAMY NA KRAJOWY KONGRES WSPÓŁPRACY LOKALNEJ DO WARSZAWY, GDZIE SPOTKAJĄ SIĘ ORGANIZACJE.",
    "Na II Krajowym Kongresie Współpracy Lokalnej w Warszawie rozmawiano o partycypacji mieszkańców.",
    "Relacje z II KKWL publikujemy w zakładce aktualności razem ze zdjęciami z obu dni spotkania.",
])
def test_the_congress_named_with_its_organiser_a_scope_word_capitals_or_acronym(sentence):
    assert eventname.count_own(sentence) == 1


@pytest.mark.parametrize("path,own", [
    ("/ii-krajowy-kongres-wspolpracy-lokalnej/", True),
    ("/prelegenci-iikkwl/", True),
    ("/aktualnosci/ogolnopolski-kongres-wspolpracy-lokalnej-2024", True),
    ("/aktualnosci/pomorski-kongres-wspolpracy-lokalnej/", False),
    ("/aktualnosci/kongres-wspolpracy-lokalnej-2019/", False),
    ("/xii-kongres-wspolpracy-lokalnej/", False),
    ("/forum-wspolpracy-lokalnej/", False),
])
def test_a_url_slug_names_the_congress_or_another_event(path, own):
    assert eventname.slug_names_it(path) is own


def test_roman_numerals():
    assert [eventname.roman(n) for n in ("I", "IV", "IX", "XIV", "XL")] == [1, 4, 9, 14, 40]


def test_the_name_pattern_is_the_one_relevance_reads():
    assert re.fullmatch(eventname.NAME, "KONGRESU WSPÓŁPRACY LOKALNEJ")


# ---------------------------------------------------------------------------- a title naming another event

def test_a_report_of_another_event_recalling_the_congress_is_that_events():
    assert _judge("VII Forum Sołtysów Powiatu Leśnego", [
        "Na VII Forum Sołtysów przyjechało stu dwudziestu sołtysów z całego powiatu i okolicznych gmin.",
        "Uczestnicy Forum wspominali Krajowy Kongres Współpracy Lokalnej, na którym część z nich była rok temu.",
        "Forum zakończyło się przyjęciem apelu do władz o większy fundusz sołecki dla małych wsi w powiecie.",
        "Prowadząca przypomniała, że podobne postulaty padły na Krajowym Kongresie Współpracy Lokalnej w Warszawie.",
        "Kolejne Forum odbędzie się za rok, a jego gospodarzem będzie gmina Borki, która zgłosiła się jako pierwsza."],
    ) == (False, None)


def test_a_page_titled_by_another_kind_of_event_that_is_about_the_congress():
    about, _ = _judge("Konferencja prasowa w urzędzie", [
        "Wójt opowiedział dziennikarzom o udziale gminy w II Krajowym Kongresie Współpracy Lokalnej w Warszawie.",
        "Na Krajowym Kongresie Współpracy Lokalnej gmina przedstawiła program małych grantów dla stowarzyszeń.",
        "Krajowy Kongres Współpracy Lokalnej był według wójta najlepszym miejscem, by poznać partnerów z innych gmin."])
    assert about
