"""The edition of a page about the congress, from every clue it gives (sentences invented for the test)."""
from __future__ import annotations

import pytest

from kongres_scraper.extract import extract_page, relevance
from kongres_scraper.extract.document import parse_document

NO_NUMBER = [
    "Nasza prezeska wzięła udział w Krajowym Kongresie Współpracy Lokalnej w Warszawie i wróciła z nowymi kontaktami.",
    "Na Krajowym Kongresie Współpracy Lokalnej rozmawiano o tym, jak gminy mogą lepiej wspierać lokalne stowarzyszenia.",
]


def _edition(paragraphs: list[str], published: str | None = None,
             url: str = "https://example.org/aktualnosci/wpis/", title: str = "Wróciliśmy z Warszawy") -> int | None:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"
    about, edition = relevance.judge(parse_document(html, url), published)
    assert about
    return edition


@pytest.mark.parametrize("published,edition", [
    ("2023-10-10", 1),  # three weeks after edition I
    ("2024-11-29", 2),  # seven weeks after edition II
    ("2025-10-09", 3),  # on the day
])
def test_a_report_published_weeks_after_an_edition_belongs_to_it(published, edition):
    assert _edition(NO_NUMBER, published) == edition


@pytest.mark.parametrize("published,edition", [
    ("2023-06-15", 1),  # three months before edition I
    ("2025-05-02", 3),  # five months before edition III
])
def test_an_announcement_published_months_before_an_edition_belongs_to_it(published, edition):
    assert _edition(NO_NUMBER, published) == edition


def test_a_post_published_between_editions_names_none():
    assert _edition(NO_NUMBER, "2024-02-01") is None


def test_the_publication_date_outweighs_a_past_year_mentioned_in_passing():
    text = NO_NUMBER + ["Pierwsze spotkanie w 2023 roku pokazało, że Kongres jest potrzebny organizacjom z małych miejscowości."]
    assert _edition(text, "2024-10-30") == 2


def test_a_number_in_the_text_outweighs_the_publication_date():
    text = ["Wspominamy I Krajowy Kongres Współpracy Lokalnej, na którym nasza prezeska mówiła o wolontariacie. "
            "Nagrania z tamtych paneli są już dostępne na stronie organizatora."]
    assert _edition(text, "2024-10-30") == 1


def test_the_month_a_url_files_the_post_under_stands_for_its_date():
    assert _edition(NO_NUMBER, url="https://example.org/2024/11/relacja-z-warszawy/") == 2


def test_the_year_in_the_url_slug():
    assert _edition(NO_NUMBER, url="https://example.org/aktualnosci/relacja-warszawa-2025/") == 3


@pytest.mark.parametrize("sentence,edition", [
    ("Krajowy Kongres Współpracy Lokalnej odbył się w tym roku w Muzeum Historii Polski w Warszawie.", 3),
    ("Hasłem Krajowego Kongresu Współpracy Lokalnej była „Siła wspólnoty” i o niej rozmawiali uczestnicy.", 3),
    ("Krajowy Kongres Współpracy Lokalnej gościło Centrum Konferencyjne SWPS przy ulicy Chodakowskiej.", 1),
])
def test_the_venue_or_the_theme_names_the_edition(sentence, edition):
    assert _edition([sentence, NO_NUMBER[1]]) == edition


def test_an_event_date_in_the_text_is_not_the_publication_date():
    html = ("<html><head><title>Zaproszenie</title></head><body><article><h1>Zaproszenie na Kongres</h1>"
            "<p>Zapraszamy na II Krajowy Kongres Współpracy Lokalnej, który odbędzie się 10 października 2024 r. "
            "w Warszawie. Rejestracja potrwa do 30 września 2024 r.</p></article></body></html>")
    record = extract_page(html, "https://example.org/zaproszenie/")
    assert (record["published"], record["edition"]) == (None, 2)
