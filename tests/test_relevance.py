"""Is a page about the Krajowy Kongres Współpracy Lokalnej, and which edition?"""
from __future__ import annotations

from pathlib import Path

import pytest

from kongres_scraper.extract import relevance
from kongres_scraper.extract.document import parse_document

PAGES = Path(__file__).parent / "pages"


def _judge(title: str, paragraphs: list[str], url: str = "https://example.org/aktualnosci/wpis/",
           published: str | None = None):
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"
    return relevance.judge(parse_document(html, url), published)


FILLER = "Organizacje pozarządowe i samorządy z całej Polski rozmawiały o współpracy i partycypacji mieszkańców."


@pytest.mark.parametrize("title,text,edition", [
    ("Relacja z II Krajowego Kongresu Współpracy Lokalnej", FILLER, 2),
    ("III Krajowy Kongres Współpracy Lokalnej", "W dniach 9 i 10 października 2025 roku odbyła się trzecia edycja.", 3),
    ("Zaproszenie", "Już 19 i 20 września w Warszawie odbędzie się pierwszy Krajowy Kongres Współpracy Lokalnej. " + FILLER, 1),
    ("Zapowiedź", "Zapraszamy na KONGRES WSPÓŁPRACY LOKALNEJ, 10 i 11 października. " + FILLER + " Kongres Współpracy Lokalnej to wydarzenie dla NGO.", 2),
    ("Krajowy Kongres Współpracy Lokalnej 2024", FILLER, 2),
])
def test_congress_pages_and_editions(title, text, edition):
    assert _judge(title, [text]) == (True, edition)


def test_edition_from_url_hint():
    assert _judge("Zapisy", ["Ruszyły zapisy na Krajowy Kongres Współpracy Lokalnej. " + FILLER],
                  url="https://kongreswspolpracy.pl/prelegenci-iikkwl/") == (True, 2)


def test_edition_from_publication_date_when_text_says_last_week():
    about, edition = _judge("Relacja", ["W zeszłym tygodniu odbył się KONGRES WSPÓŁPRACY LOKALNEJ. " + FILLER,
                                       "Kongres Współpracy Lokalnej zgromadził wielu gości z całej Polski i regionu."],
                            published="2024-10-18")
    assert (about, edition) == (True, 2)


def test_the_series_as_a_whole_has_no_edition():
    about, edition = _judge("O Kongresie", [
        "W trakcie trwania projektu co roku odbędą się Ogólnopolskie Kongresy Współpracy Lokalnej. " + FILLER,
        "Krajowe Kongresy Współpracy Lokalnej są miejscem wymiany doświadczeń organizacji i samorządów z całej Polski."])
    assert about and edition is None


def test_english_name():
    about, edition = _judge("LiA Showcase", [
        "By far the largest commitment was the organisation of the National Congress of Local Cooperation, "
        "an event organised for the first time this year by the Foundation in Warsaw."])
    assert (about, edition) == (True, 1)


@pytest.mark.parametrize("title,text,url", [
    ("Program", "Uroczyste otwarcie III Krajowego Kongresu Przewodniczących Rad Gmin, Powiatów i Sejmików Województw. "
     "Ekspert Fundacji Rozwoju Demokracji Lokalnej poprowadzi wykład o obronie cywilnej w gminach.",
     "https://kongresprzewodniczacych.pl/program/"),
    ("Konkurs na małe granty w projekcie Building Bridges",
     "Ruszył nabór wniosków w konkursie na małe granty w projekcie Building Bridges dla organizacji z małych miast.",
     "https://zg.frdl.pl/aktualnosci/konkurs"),
    ("II Polsko-Niemiecki Kongres Samorządów Lokalnych",
     "Centrum Samorządu Lokalnego FRDL zaprasza przedstawicieli samorządów z pogranicza na kongres w 2008 roku.",
     "https://fwpn.org.pl/aktualnosci/kongres"),
    ("Drugi nabór w konkursie na małe granty", "Ogłaszamy drugi nabór wniosków w konkursie na małe granty w projekcie.",
     "https://kongreswspolpracy.pl/nabor-wnioskow/"),  # the congress's own domain, another subject
])
def test_other_congresses_and_projects_are_not_about_it(title, text, url):
    assert _judge(title, [text], url=url) == (False, None)


def test_menu_mentions_do_not_count():
    html = ("<html><head><title>Szkolenie RODO</title></head><body><div>"
            "<p>Kongres Współpracy Lokalnej</p><h1>Szkolenie RODO</h1>"
            "<p>Zapraszamy organizacje pozarządowe na bezpłatne szkolenie z ochrony danych osobowych w Lublinie.</p>"
            "<p>III Krajowy Kongres Współpracy Lokalnej – relacja</p></div></body></html>")
    assert relevance.judge(parse_document(html, "https://frdl.lublin.pl/szkolenie-rodo"), None) == (False, None)


def test_fixture_pages():
    for name, url, expected in [
        ("prose-relacja.html", "https://przyklad.org.pl/relacja/", (True, 3)),
        ("prose-zapowiedz.html", "https://fundacja-przyklad.pl/goscie-panelu/", (True, 2)),
        ("prose-tabela.html", "https://przykladowo.pl/art/12", (True, 1)),
    ]:
        doc = parse_document((PAGES / name).read_bytes(), url)
        assert relevance.judge(doc, None) == expected, name
