"""Publication dates in the markups of other CMSs (snippets written for the test), and what is never one."""
from __future__ import annotations

import pytest

from kongres_scraper.extract.article import read_metadata
from kongres_scraper.extract.dates import parse_date
from kongres_scraper.extract.document import parse_document

BODY = "<p>" + "Przedstawiciele gminy wzięli udział w spotkaniu organizacji pozarządowych i samorządów. " * 6 + "</p>"
FOOTER = "<footer><p>© 2025 Gmina Przykładowa. Wszelkie prawa zastrzeżone.</p></footer>"


def _published(body: str, head: str = "") -> str | None:
    html = f"<html><head><meta charset='utf-8'><title>Wpis</title>{head}</head><body>{body}{FOOTER}</body></html>"
    return read_metadata(parse_document(html, "https://example.org/aktualnosci/wpis")).published


def test_drupal_created_field():
    body = ("<article class='node node--type-article'><h1 class='page-title'><span>Gmina na kongresie</span></h1>"
            "<div class='field field--name-created field--type-created field--label-inline'>"
            "<div class='field__label'>Data publikacji</div><div class='field__item'>14.10.2024</div></div>"
            f"<div class='field field--name-body'>{BODY}</div></article>")
    assert _published(body) == "2024-10-14"


def test_drupal_submitted_time():
    body = ("<article class='node'><h1>Gmina na kongresie</h1><div class='node__meta'><span class='node__submitted'>"
            "Dodane przez <span>redakcja</span> w dniu <time datetime='2024-10-15T09:12:00Z'>wt., 15.10.2024 - 11:12</time>"
            f"</span></div><div class='node__content'>{BODY}</div></article>")
    assert _published(body) == "2024-10-15"


def test_joomla4_date_published_in_a_dd():
    body = ("<main><div class='com-content-article item-page'><h1>Gmina na kongresie</h1>"
            "<dl class='article-info text-muted'><dt class='article-info-term'>Szczegóły</dt>"
            "<dd class='modified'><span class='icon-calendar'></span>"
            "<time datetime='2024-11-02T10:00:00+01:00' itemprop='dateModified'>Zmodyfikowano: 02 listopad 2024</time></dd>"
            "<dd class='published'><span class='icon-calendar'></span>"
            "<time datetime='2024-10-16T08:30:00+02:00' itemprop='datePublished'>Opublikowano: 16 październik 2024</time></dd>"
            f"</dl><div itemprop='articleBody'>{BODY}</div></div></main>")
    assert _published(body) == "2024-10-16"


def test_joomla4_dd_published_without_time():
    body = ("<main><h1>Gmina na kongresie</h1><dl class='article-info'>"
            "<dd class='create'>Utworzono: 17 październik 2024</dd></dl>" + BODY + "</main>")
    assert _published(body) == "2024-10-17"


def test_itemprop_date_published_on_a_span():
    body = ("<main><h1>Gmina na kongresie</h1><p class='info'>Autor: Jan Nowak · "
            "<span itemprop='datePublished' content='2024-10-18'>18/10/2024</span></p>" + BODY + "</main>")
    assert _published(body) == "2024-10-18"


@pytest.mark.parametrize("line,iso", [
    ("12 paź 2024", "2024-10-12"),
    ("3 wrz 2023", "2023-09-03"),
    ("Aktualności 21 lis 2024 | Anna Nowak", "2024-11-21"),
    ("Anna Nowak | 21.11.2024", "2024-11-21"),
])
def test_a_date_line_under_the_title_of_a_site_builder(line, iso):
    body = (f"<div class='page'><div class='block-title'><h1>Gmina na kongresie</h1></div>"
            f"<div class='block-text'><p>{line}</p>{BODY}</div></div>")
    assert _published(body) == iso


def test_dublin_core_date():
    assert _published(f"<main><h1>Gmina na kongresie</h1>{BODY}</main>",
                      "<meta name='DC.date' content='2024-10-19'>") == "2024-10-19"


def test_dcterms_issued():
    assert _published(f"<main><h1>Gmina na kongresie</h1>{BODY}</main>",
                      "<meta name='dcterms.issued' content='2024-10-20'>") == "2024-10-20"


def test_json_ld_date_published_in_a_graph():
    ld = ('<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage",'
          '"dateModified":"2025-01-03T10:00:00+00:00"},{"@type":"NewsArticle","headline":"Gmina na kongresie",'
          '"datePublished":"2024-10-21T07:00:00+00:00","dateModified":"2025-01-03T10:00:00+00:00"}]}</script>')
    assert _published(f"<main><h1>Gmina na kongresie</h1>{BODY}</main>", ld) == "2024-10-21"


def test_a_copyright_year_and_a_modified_date_are_never_the_publication_date():
    head = ("<meta property='article:modified_time' content='2025-02-01T10:00:00+00:00'>"
            '<script type="application/ld+json">{"@type":"WebPage","dateModified":"2025-02-01"}</script>')
    body = ("<main><h1>Gmina na kongresie</h1><p class='last-modified'>Ostatnia modyfikacja: 1 lut 2025</p>"
            f"{BODY}</main>")
    assert _published(body, head) is None


def test_an_event_date_under_the_title_is_not_a_publication_date():
    body = ("<main><h1>II Krajowy Kongres Współpracy Lokalnej</h1><p>Termin: 10 października 2024</p>"
            "<p class='event-date'>10 paź 2024</p>" + BODY + "</main>")
    assert _published(body) is None


@pytest.mark.parametrize("text,iso", [
    ("12 paź 2024", "2024-10-12"),
    ("1 sty. 2024", "2024-01-01"),
    ("30 cze 2025", "2025-06-30"),
])
def test_polish_month_abbreviations(text, iso):
    assert parse_date(text) == iso
