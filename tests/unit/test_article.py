"""Article metadata: title, publication date only from markup that states it, byline, site."""
from __future__ import annotations

from pathlib import Path

import pytest

from kongres_scraper.extract.article import read_metadata
from kongres_scraper.extract.dates import is_bare_date, parse_date
from kongres_scraper.extract.document import parse_document

PAGES = Path(__file__).parents[1] / "pages"


def _meta(html: str, url: str = "https://example.org/aktualnosci/post/"):
    return read_metadata(parse_document(html, url))


def _page(head: str = "", body: str = "") -> str:
    return f"<html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize("text,iso", [
    ("18 października 2024", "2024-10-18"),
    ("czwartek, 17 października 2024 10:32", "2024-10-17"),
    ("25.09.2023", "2023-09-25"),
    ("2024-10-07T08:00:00+00:00", "2024-10-07"),
    ("Data publikacji: 16 października 2023, godz. 10:15", "2023-10-16"),
    ("© 2024 Wszelkie prawa zastrzeżone", None),
    ("31 lutego 2024", None),
])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


def test_bare_date_line():
    assert is_bare_date("18 października 2024")
    assert is_bare_date("piątek, 22 września 2023 11:47")
    assert not is_bare_date("Kongres odbędzie się 10 października 2024 w Warszawie")


def test_published_time_meta():
    html = _page('<meta property="article:published_time" content="2024-10-07T08:00:00+00:00">',
                 "<article><h1>Tytuł wpisu</h1><p>" + "Treść wpisu. " * 20 + "</p></article>")
    assert _meta(html).published == "2024-10-07"


def test_time_element_and_byline_without_przez():
    meta = read_metadata(parse_document((PAGES / "prose-relacja.html").read_bytes(), "https://przyklad.org.pl/relacja/"))
    assert meta.published == "2025-10-14"
    assert meta.author == "Ewa Przykładowa"
    assert meta.site == "Stowarzyszenie Przykładowe"
    assert meta.title == "Relacja z III Krajowego Kongresu Współpracy Lokalnej"


def test_createdate_cell_and_title_from_content():
    meta = read_metadata(parse_document((PAGES / "prose-tabela.html").read_bytes(), "https://przykladowo.pl/art/12"))
    assert meta.published == "2023-09-25"
    assert meta.title == "Nasi przedstawiciele na Kongresie"  # not the site name before it in <title>


def test_copyright_year_is_not_a_date():
    meta = read_metadata(parse_document((PAGES / "prose-zapowiedz.html").read_bytes(),
                                        "https://fundacja-przyklad.pl/2024/05/20/goscie-panelu/"))
    assert meta.published is None  # © 2024 in the footer, a date in the URL: still undated


def test_modified_date_is_not_the_publication_date():
    html = _page('<meta property="article:modified_time" content="2024-10-02T07:45:12+00:00">',
                 "<main><h1>Program</h1><p>" + "Program kongresu. " * 20 + "</p></main>")
    assert _meta(html).published is None


def test_dates_in_a_list_of_other_posts_are_ignored():
    body = ("<main><h1>Strona główna</h1><p>" + "Zapraszamy na kongres. " * 20 + "</p>"
            "<ul><li><a href='/a'>Inny wpis</a> <span class='news-date'>20 października 2025</span></li></ul></main>")
    assert _meta(_page("", body)).published is None


def test_month_only_date_is_not_a_date():
    body = "<main><h1>Debata</h1><p>date 2020-05 W debacie wezmą udział przedstawiciele samorządów.</p></main>"
    assert _meta(_page("", body)).published is None


def test_listing_of_posts_is_undated():
    teaser = ("<article class='post'><header class='entry-header'><h2><a href='/p{n}'>Wpis {n}</a></h2>"
              "<div class='entry-meta'><time class='entry-date published' datetime='2024-1{n}-01T10:00:00+02:00'>"
              "1 października 2024</time></div></header><p>" + "Zajawka wpisu. " * 10 + "</p></article>")
    body = "<main><h1>Aktualności</h1>" + "".join(teaser.format(n=n) for n in range(3)) + "</main>"
    html = _page("", body).replace("<body>", "<body class='blog no-sidebar'>")
    assert _meta(html, "https://example.org/aktualnosci/").published is None


def test_a_listing_takes_neither_its_first_post_s_title_nor_its_byline():
    from kongres_scraper.extract import extract_page

    page = Path(__file__).parents[2] / "kongres_scraper" / "sample_web" / "frdl.mazowsze.pl" / "aktualnosci" / "page"
    rec = extract_page((page / "2" / "index.html").read_bytes(), "https://frdl.mazowsze.pl/aktualnosci/page/2/")
    assert rec["page_type"] == "other"
    assert rec["title"] == "Aktualności – Strona 2 z 3"  # its og:title, not the first teaser's heading
    assert rec["author"] is None  # `Przez Joanna Pietras` is the first teaser's byline
