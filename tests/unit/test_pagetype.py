"""Page type from content: one fixture page per type."""
from __future__ import annotations

from pathlib import Path

import pytest

from kongres_scraper.extract import extract_page

PAGES = Path(__file__).parents[1] / "pages"


@pytest.mark.parametrize("name,page_type", [
    ("programme.html", "programme"),
    ("speakers.html", "speakers"),
    ("speakers_table.html", "speakers"),
    ("guests_table.html", "speakers"),
    ("article.html", "article"),
    ("other.html", "other"),
    ("listing.html", "other"),
])
def test_page_type(name, page_type):
    assert extract_page((PAGES / name).read_bytes(), "https://example.org/page/")["page_type"] == page_type


def test_type_does_not_come_from_the_url():
    raw = (PAGES / "other.html").read_bytes()
    assert extract_page(raw, "https://example.org/program/")["page_type"] == "other"


def test_speakers_page_with_session_headings():
    raw = (PAGES / "speakers_sessions.html").read_bytes()
    assert extract_page(raw, "https://example.org/prelegenci/")["page_type"] == "speakers"


def test_listing_is_told_by_teasers_and_pagination_not_by_the_url():
    from kongres_scraper.extract.document import parse_document
    from kongres_scraper.extract.pagetype import is_listing

    raw = (PAGES / "listing.html").read_bytes()
    assert is_listing(parse_document(raw, "https://example.org/wiesci/forum-soltysow-2025/"))
    assert extract_page(raw, "https://example.org/2025/03/14/forum/")["page_type"] == "other"
    for name in ("article.html", "prose-relacja.html", "programme.html", "speakers.html"):
        assert not is_listing(parse_document((PAGES / name).read_bytes(), "https://example.org/page/")), name


def test_listing_main_content_holds_every_teaser():
    from kongres_scraper.extract.document import parse_document

    doc = parse_document((PAGES / "listing.html").read_bytes(), "https://example.org/wiesci/?strona=2")
    text = doc.text
    assert "Forum Sołtysów 2025 – relacja" in text and "Otwarty konkurs ofert na 2025 rok" in text


def test_calendar_days_are_not_pagination():
    from kongres_scraper.extract.document import parse_document
    from kongres_scraper.extract.pagetype import _has_pagination

    cal = "<table class='kalendarz'><tr><td><a href='/2025/03/01/'>1</a></td><td>2</td><td><a href='/2025/03/03/'>3</a></td></tr></table>"
    assert not _has_pagination(parse_document(f"<html><body><p>Wpis</p>{cal}</body></html>", "https://example.org/").tree)
    pages = "<div class='strony'><a href='/wiesci/'>1</a> <span>2</span> <a href='/wiesci/?strona=3'>3</a></div>"
    assert _has_pagination(parse_document(f"<html><body><p>Wpis</p>{pages}</body></html>", "https://example.org/").tree)


def test_a_short_dated_post_is_an_article():
    html = ("<html><head><meta property='article:published_time' content='2024-05-20T10:00:00'></head><body><article>"
            "<h1>Forum skarbników w marcu</h1><p>Zapraszamy skarbników gmin i powiatów z całego województwa na marcowe spotkanie Forum Skarbników w Lublinie.</p>"
            "<p>Porozmawiamy o zmianach w sprawozdawczości budżetowej i o zamknięciu roku w jednostkach samorządu.</p>"
            "</article></body></html>")
    assert extract_page(html, "https://example.org/forum/")["page_type"] == "article"


def test_pagination_inside_a_table_layout_counts():
    from kongres_scraper.extract.document import parse_document
    from kongres_scraper.extract.pagetype import _has_pagination

    html = ("<html><body><table><tr><td><p>Wpis</p><ul class='p'><li><a href='/a'>1</a></li><li><span>2</span></li></ul>"
            "</td></tr></table></body></html>")
    assert _has_pagination(parse_document(html, "https://example.org/a?start=5").tree)


@pytest.mark.parametrize("markup,paginated", [
    # the number is the item's, the link inside it only an icon
    ("<ul><li>1 <a href='/s/1'><img src='i.png'></a></li><li><span>2</span></li></ul>", True),
    ("<div><a href='/s/1'><span> 12 </span></a><a href='/s/2'>Następna</a></div>", True),
    ("<div><a href='/s/1'>1 2</a><span>3</span></div>", False),  # two numbers in one link are no page number
    ("<div><a href='/s/1'>1234</a><span>3</span></div>", False),
    ("<div><span>1</span><span>2</span></div>", False),  # no link
])
def test_pagination_shapes(markup, paginated):
    from kongres_scraper.extract.document import parse_document
    from kongres_scraper.extract.pagetype import _has_pagination

    assert _has_pagination(parse_document(f"<html><body><p>Wpis</p>{markup}</body></html>", "https://example.org/").tree) is paginated
