"""Is a page about the Krajowy Kongres Współpracy Lokalnej, and which edition?"""
from __future__ import annotations

from pathlib import Path

import pytest

from kongres_scraper.extract import relevance
from kongres_scraper.extract.document import parse_document

PAGES = Path(__file__).parents[1] / "pages"


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
    about, edition = _judge("Relacja", ["W zeszłym tygodniu zakończył się KONGRES WSPÓŁPRACY LOKALNEJ. " + FILLER,
                                       "Kongres Współpracy Lokalnej zgromadził wielu gości z całej Polski i regionu."],
                            published="2024-10-18")
    assert (about, edition) == (True, 2)


def test_the_series_as_a_whole_has_no_edition():
    about, edition = _judge("O Kongresie", [
        "Każdego roku projekt przewiduje Ogólnopolskie Kongresy Współpracy Lokalnej. " + FILLER,
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


# --- listings and home pages: judged by their own words, not by their teasers -------------------

from kongres_scraper.extract import extract_page  # noqa: E402

_CONGRESS_TEASERS = (
    '<li><a href="/aktualnosci/relacja-iii/">III Krajowy Kongres Współpracy Lokalnej – relacja</a> '
    '<span class="data">15 października 2025</span><br>Ponad 500 osób na III Krajowym Kongresie Współpracy Lokalnej.</li>'
    '<li><a href="/aktualnosci/warsztaty-ii/">Warsztaty na II Kongresie – poznaj osoby prowadzące</a> '
    '<span class="data">24 września 2024</span><br>Przedstawiamy osoby prowadzące warsztaty II Krajowego Kongresu Współpracy Lokalnej.</li>'
    '<li><a href="/aktualnosci/rodo/">Szkolenie: RODO w organizacji pozarządowej</a> '
    '<span class="data">20 stycznia 2025</span><br>Zapraszamy na szkolenie dla organizacji pozarządowych.</li>'
)


def _page(body: str, url: str) -> dict:
    return extract_page(f"<html><head><title>Strona</title></head><body><article>{body}</article></body></html>", url)


def test_a_news_listing_is_not_about_the_congress_and_has_no_edition_or_date():
    teasers = "".join(
        f'<div class="wpis"><h2><a href="/aktualnosci/{k}/">{t}</a></h2><div class="data">{d}</div><p>{p}</p>'
        f'<a href="/aktualnosci/{k}/">więcej »</a></div>'
        for k, t, d, p in [
            ("ii", "II Krajowy Kongres Współpracy Lokalnej już 10 i 11 października", "20 maja 2024",
             "Druga edycja Krajowego Kongresu Współpracy Lokalnej odbędzie się jesienią w stolicy."),
            ("forum", "Forum Skarbników – spotkanie w marcu", "4 marca 2024", "Zapraszamy skarbników gmin na spotkanie."),
        ])
    pages = '<div class="stronicowanie"><a href="/aktualnosci/">1</a> <span>2</span> <a href="/aktualnosci/?strona=3">3</a></div>'
    record = _page(f"<h1>Aktualności</h1>{teasers}{pages}", "https://example.org/aktualnosci/?strona=2")
    assert (record["page_type"], record["about_congress"], record["edition"], record["published"]) == ("other", False, None, None)


def test_the_last_page_of_a_listing_in_a_table_layout():
    html = ("<html><body><table><tr><td class='main'><div>Aktualności</div><table class='blog'><tr><td>"
            "<table><tr><td><a href='/aktualnosci/367-kongres'>Przedstawiciele gminy na I Krajowym Kongresie Współpracy Lokalnej</a></td></tr>"
            "<tr><td class='createdate'>piątek, 22 września 2023 11:47</td></tr>"
            "<tr><td>Przedstawiciele Urzędu Gminy wzięli udział w I Krajowym Kongresie Współpracy Lokalnej.</td></tr>"
            "<tr><td><a href='/aktualnosci/367-kongres' class='readon'>Czytaj więcej...</a></td></tr></table>"
            "</td></tr><tr><td><ul class='pagination'><li><a href='/aktualnosci'>1</a></li><li><span>2</span></li></ul>"
            "</td></tr></table></td></tr></table></body></html>")
    record = extract_page(html, "https://example.org/aktualnosci?start=5")
    assert (record["page_type"], record["about_congress"], record["edition"], record["published"]) == ("other", False, None, None)


def test_an_organisers_home_page_is_about_the_organiser():
    intro = ("<h1>Fundacja Rozwoju Demokracji Lokalnej – Mazowsze</h1><p>Od ponad trzydziestu lat wspieramy samorządy i "
             "organizacje pozarządowe, a od 2023 roku współorganizujemy Krajowy Kongres Współpracy Lokalnej.</p>")
    record = _page(f"{intro}<h2>Najnowsze wpisy</h2><ul>{_CONGRESS_TEASERS}</ul>", "https://example.org/")
    assert (record["about_congress"], record["edition"], record["published"]) == (False, None, None)


def test_the_congress_home_page_with_a_news_list_stays_about_its_edition():
    own = ("<h1>III Krajowy Kongres Współpracy Lokalnej</h1><p>9–10 października 2025 | Muzeum Historii Polski, Warszawa</p>"
           "<p>Dziękujemy! Trzecia edycja Krajowego Kongresu Współpracy Lokalnej za nami. Przez dwa dni spotkało się "
           "ponad 500 osób z organizacji pozarządowych, samorządów i grup nieformalnych z całej Polski.</p>"
           "<p>Hasłem tegorocznego Kongresu była „Siła wspólnoty”. Pytaliśmy, jak lokalne więzi i codzienna współpraca "
           "organizacji z samorządem pomagają społecznościom przetrwać kryzysy i przygotować się na kolejne.</p>")
    record = _page(f"{own}<h2>Aktualności</h2><ul>{_CONGRESS_TEASERS}</ul>", "https://example.org/")
    assert (record["about_congress"], record["edition"]) == (True, 3)


def test_a_page_of_title_links_without_dates_is_a_listing():
    links = "".join(f'<li><a href="/{k}/">{t}</a></li>' for k, t in [
        ("a", "Siła wspólnoty. Wracamy z III Krajowego Kongresu Współpracy Lokalnej"),
        ("b", "Mikrodotacje Sąsiedzkie 2025 – ruszył nabór wniosków"),
        ("c", "Nasza prezeska na II Kongresie Współpracy Lokalnej")])
    record = _page(f"<h1>Stowarzyszenie Sąsiedzi</h1><p>Prowadzimy świetlicę.</p><h2>Najnowsze wpisy</h2><ul>{links}</ul>",
                   "https://example.org/")
    assert (record["page_type"], record["about_congress"], record["edition"]) == ("other", False, None)
