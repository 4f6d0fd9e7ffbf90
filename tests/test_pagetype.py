"""Page type from content: one fixture page per type."""
from __future__ import annotations

from pathlib import Path

import pytest

from kongres_scraper.extract import extract_page

PAGES = Path(__file__).parent / "pages"


@pytest.mark.parametrize("name,page_type", [
    ("programme.html", "programme"),
    ("speakers.html", "speakers"),
    ("speakers_table.html", "speakers"),
    ("guests_table.html", "speakers"),
    ("article.html", "article"),
    ("other.html", "other"),
])
def test_page_type(name, page_type):
    assert extract_page((PAGES / name).read_bytes(), "https://example.org/page/")["page_type"] == page_type


def test_type_does_not_come_from_the_url():
    raw = (PAGES / "other.html").read_bytes()
    assert extract_page(raw, "https://example.org/program/")["page_type"] == "other"


def test_speakers_page_with_session_headings():
    raw = (PAGES / "speakers_sessions.html").read_bytes()
    assert extract_page(raw, "https://example.org/prelegenci/")["page_type"] == "speakers"
