"""Numbered listing pages however a CMS writes them (snippets written for the test)."""
from __future__ import annotations

import pytest
from parsel import Selector

from kongres_scraper.discovery import links, pagination

BASE = "https://gmina.example.org"


def _links(html: str, url: str, numbered_only: bool = False) -> list[str]:
    return pagination.pagination_links(Selector(text=f"<html><body>{html}</body></html>"), url, numbered_only)


@pytest.mark.parametrize("page,other", [
    ("/aktualnosci/strona-2.html", "/aktualnosci/strona-3.html"),   # old Polish CMS
    ("/aktualnosci,strona-2.html", "/aktualnosci,strona-3.html"),
    ("/news/page-2", "/news/page-3"),
    ("/news/page/2/", "/news/page/3/"),
    ("/aktualnosci?strona=2", "/aktualnosci?strona=3"),
    ("/aktualnosci?start=20", "/aktualnosci?start=40"),             # Joomla: an offset
    ("/aktualnosci?page=1", "/aktualnosci?page=2"),                 # Drupal: from 0
])
def test_page_number_urls(page, other):
    assert pagination.is_pagination_url(BASE + page)
    assert pagination.listing_key(BASE + page) == pagination.listing_key(BASE + other)


def test_page_one_without_a_number_shares_the_listing_key():
    assert pagination.listing_key(BASE + "/aktualnosci.html") == pagination.listing_key(BASE + "/aktualnosci/strona-2.html")


def test_a_post_permalink_is_not_a_page_number():
    assert not pagination.is_pagination_url(BASE + "/?p=123")
    assert not pagination.is_pagination_url(BASE + "/aktualnosci/412,gmina-na-kongresie.html")


def test_a_table_row_of_bare_numbers_in_an_unknown_url_scheme():
    row = ("<table><tr><td>Strony:</td><td><b>1</b></td><td><a href='/archiwum/lista,2.html'>2</a></td>"
           "<td><a href='/archiwum/lista,3.html'>3</a></td></tr></table>")
    assert _links(row, BASE + "/archiwum.html", numbered_only=True) == [
        BASE + "/archiwum/lista,2.html", BASE + "/archiwum/lista,3.html"]


def test_p_equals_n_as_a_row_of_numbers():
    row = "<p><a href='?p=1'>1</a> <a href='?p=2'>2</a> <a href='?p=3'>3</a></p>"
    assert _links(row, BASE + "/ogloszenia/?p=1") == [BASE + "/ogloszenia/?p=2", BASE + "/ogloszenia/?p=3"]


@pytest.mark.parametrize("label", ["»", "następne", "Następna strona", "następne »"])
def test_next_links(label):
    assert _links(f"<p><a href='/aktualnosci/strona-2.html'>{label}</a></p>", BASE + "/aktualnosci.html") == [
        BASE + "/aktualnosci/strona-2.html"]


def test_a_next_article_link_is_no_pagination_on_a_page_not_known_as_a_listing():
    nav = "<p><a href='/aktualnosci/413,dozynki.html'>następny »</a></p>"
    assert _links(nav, BASE + "/aktualnosci/412,kongres.html", numbered_only=True) == []


def test_numbers_that_are_not_a_row_are_not_pagination():
    text = "<p>Zobacz <a href='/uchwaly/2024'>2024</a> oraz <a href='/kontakt'>kontakt</a>.</p>"
    assert _links(text, BASE + "/", numbered_only=True) == []


def test_entries_of_a_listing_page_with_an_html_suffix_are_its_posts():
    html = ("<html><body><table><tr><td><a href='/index.html'>Strona główna</a></td></tr></table>"
            "<table><tr><td><a href='/aktualnosci/412,kongres.html'>Gmina na Kongresie</a></td></tr></table></body></html>")
    assert links.item_links(Selector(text=html), BASE + "/aktualnosci.html") == [BASE + "/aktualnosci/412,kongres.html"]
