"""The byline search of `extract/trafmeta.py` finds what `trafilatura.metadata.extract_author` finds."""
from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from trafilatura.metadata import extract_author

from kongres_scraper.discovery.mirror import BUNDLED_SAMPLE
from kongres_scraper.extract.trafmeta import byline

PAGES = Path(__file__).parents[1] / "pages"

BYLINES = [
    # a byline holding a date: trafilatura deletes the <time> and keeps its tail
    '<div class="byline">Przez <a rel="author">Anna Nowak</a> <time>12.10.2024</time>, redakcja</div>',
    '<p class="author">Anna<span class="date">12.10</span>Nowak</p>',
    '<span class="author">Jan<time>x</time>Kowalski<figure>f</figure> i Ewa</span>',
    # a commenter's name in a comment box does not count; a later byline does
    '<div class="comments"><span class="author">Komentator Jeden</span></div>'
    '<span class="posted-by">Autor: Jan Kowalski</span>',
    '<div id="authorbox"><h4>Maria Wiśniewska</h4></div>',
    '<author>Piotr Zieliński</author>',
    '<span itemprop="author name">Jan Nowak</span>',
    '<div data-component="BylineBlock">Ewa Kowal</div>',
    '<li class="writer">Tomasz Wójcik</li>',
    '<a class="x"><rel>me</rel>Adam Mickiewicz</a>',
    # too short, inside a sidebar, then the real one (expression order, then document order)
    '<span class="Author">  </span><span class="AuthorName">Ab</span>'
    '<div class="sidebar"><p class="author">Side Bar</p></div><p class="authorName">Real Person</p>',
    '<div class="entry-meta"><span class="byline"><span class="author vcard">'
    '<a class="url fn n" href="/a/">admin</a></span></span></div>',
    '<div class="print"><span class="author">Printed Name</span></div><h3 class="author-box">Zofia Nowak</h3>',
    # the first usable byline is a link: trafilatura gives up rather than read the next one
    '<span class="author">https://example.com</span><span class="byline">Jan Kowalski</span>',
    '<div class="author"><span class="quote">q</span>Anna <span class="category">c</span> Nowak</div>',
    '<p>Bez autora.</p><div class="comments-list"><span class="byline">Gość</span></div>',
]


@pytest.mark.parametrize("snippet", BYLINES)
def test_byline_as_trafilatura_finds_it(snippet):
    tree = lxml.html.document_fromstring(
        f"<html><head><title>t</title></head><body><article><p>Tekst.</p>{snippet}</article></body></html>")
    expected = extract_author(tree)
    assert byline(tree) == expected


def test_byline_on_the_sample_and_test_pages():
    paths = [p for p in sorted(BUNDLED_SAMPLE.rglob("*")) if p.is_file() and p.parent != BUNDLED_SAMPLE]
    paths += sorted(PAGES.rglob("*.html"))
    found = 0
    for path in paths:
        try:
            tree = lxml.html.document_fromstring(path.read_bytes())
        except Exception:
            continue  # robots.txt, sitemaps
        expected = extract_author(tree)
        found += expected is not None
        assert byline(tree) == expected, path
    assert found >= 5  # the pages do have bylines to compare
