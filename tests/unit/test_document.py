"""Document: main content and its lines, with boilerplate (menus, breadcrumbs, footers) removed."""
from __future__ import annotations

import random
import re

import pytest

from kongres_scraper.extract.document import is_breadcrumb_text, parse_document

_BODY = ("<h1>Sołtysi na forum w Dąbrowicach</h1><p>Opublikowano: 02.03.2024</p>"
         "<p>W sobotę w Dąbrowicach spotkali się sołtysi z całego powiatu, aby rozmawiać o funduszu sołeckim "
         "i o współpracy z organizacjami pozarządowymi działającymi na terenie gminy.</p>")


def _lines(html: str) -> list[str]:
    return [ln.text for ln in parse_document(f"<html><body>{html}</body></html>", "https://example.org/a").lines]


@pytest.mark.parametrize("crumbs", [
    # a trail of links by structure only (no telling class)
    '<div class="trasa"><a href="/">Strona główna</a> &raquo; <a href="/aktualnosci/">Aktualności</a> &raquo; Sołtysi na forum</div>',
    '<p><a href="/">Start</a> / <a href="/wiesci/">Wieści</a> / Sołtysi na forum</p>',
    # labelled as a breadcrumb
    '<nav aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/news/">Wieści</a></li></ol></nav>',
    '<div class="rank-math-breadcrumb"><a href="/">Główna</a><span>Wieści</span></div>',
    '<ul class="crumbs"><li><a href="/">Główna</a></li><li>Wieści</li></ul>',
])
def test_breadcrumbs_are_not_content(crumbs):
    lines = _lines(f'<div id="content">{crumbs}<article>{_BODY}</article></div>')
    assert lines[0] == "Sołtysi na forum w Dąbrowicach"
    assert not any("»" in ln or "Wieści" in ln or ln.startswith(("Start", "Home")) for ln in lines)


def test_breadcrumb_line_inside_the_content_is_dropped():
    lines = _lines(f"<article><p>Strona główna » Aktualności » Sołtysi na forum</p>{_BODY}</article>")
    assert lines[0] == "Sołtysi na forum w Dąbrowicach"


@pytest.mark.parametrize("text,crumb", [
    ("Strona główna » Aktualności » Wójt Stanisława Grela w debacie", True),
    ("Jesteś tutaj: Start > Urząd > Ogłoszenia", True),
    ("Home / News", True),
    ("Strona główna", False),
    ("Start projektu: 10 marca 2025 r., zapisy do końca lutego", False),
    ("Strona główna urzędu została przebudowana w tym roku i jest teraz dostępna dla osób z niepełnosprawnościami.", False),
])
def test_is_breadcrumb_text(text, crumb):
    assert is_breadcrumb_text(text) is crumb


def test_a_paragraph_with_a_link_is_kept():
    lines = _lines(f'<article>{_BODY}<p>Więcej na stronie <a href="/forum/">Forum Sołtysów</a>.</p></article>')
    assert lines[-1] == "Więcej na stronie Forum Sołtysów."


def test_a_post_with_comment_articles_keeps_the_post_as_main_content():
    comment = "<article><p>Bardzo ciekawe spotkanie, dziękujemy organizatorom i wszystkim gościom za udział w dyskusji.</p></article>"
    lines = _lines(f"<div><article>{_BODY}</article>{comment * 4}</div>")
    assert lines[0] == "Sołtysi na forum w Dąbrowicach" and not any("dziękujemy organizatorom" in ln for ln in lines)


# --- layouts with Polish names, and layouts told by structure only ------------------------------

_MENU = '<ul><li><a href="/">Start</a></li><li><a href="/aktualnosci/">Aktualności</a></li><li><a href="/kontakt/">Kontakt</a></li></ul>'
_SIDEBOX = ('<h3>Ostatnio dodane</h3><ul><li><a href="/a/">Forum skarbników</a></li><li><a href="/b/">Szkolenie RODO</a></li>'
            '<li><a href="/c/">Letnia szkoła liderów</a></li></ul><p>Godziny pracy: pon.–pt. 8:00–16:00</p>')
_FOOT = "© 2024 Gmina. Wszelkie prawa zastrzeżone."


def _assert_only_the_post(lines: list[str]) -> None:
    assert lines[0] == "Sołtysi na forum w Dąbrowicach", lines
    assert not any(x in ln for ln in lines for x in ("Start", "Kontakt", "Ostatnio dodane", "Szkolenie RODO",
                                                     "Godziny pracy", "prawa zastrzeżone", "Drukuj")), lines


@pytest.mark.parametrize("layout", [
    # Polish ids: the content column is the *left* one here, the sidebar the right one
    f'<div id="naglowek"><a href="/">Gmina</a><ul id="menu-glowne">{_MENU}</ul></div>'
    f'<div id="srodek"><div id="lewa"><div class="artykul">{_BODY}<div class="narzedzia"><a href="#">Drukuj</a></div></div></div>'
    f'<div id="prawa">{_SIDEBOX}</div></div><div id="stopka">{_FOOT}</div>',
    # the content in div.tresc, a side column named `kolumna-boczna`, a footer class `stopka-strony`
    f'<div class="menu-gorne">{_MENU}</div><div class="kolumny"><div class="tresc">{_BODY}</div>'
    f'<div class="kolumna-boczna">{_SIDEBOX}</div></div><div class="stopka-strony">{_FOOT}</div>',
    # no telling names at all: a link-only bar, the post, a box of links beside it, a short footer
    f'<div class="a1">{_MENU}</div><div class="a2"><div class="b1">{_BODY}</div><div class="b2">{_SIDEBOX}</div></div>'
    f'<div class="a3">{_FOOT}</div>',
])
def test_menus_sidebars_and_footers_go_on_any_layout(layout):
    _assert_only_the_post(_lines(layout))


def test_a_left_column_holding_the_content_stays():
    lines = _lines(f'<div id="left">{_BODY}</div><div id="right">{_SIDEBOX}</div>')
    assert lines[0] == "Sołtysi na forum w Dąbrowicach" and not any("Ostatnio" in ln for ln in lines)


def test_a_wrapper_named_like_a_menu_is_not_dropped():
    lines = _lines(f'<div class="has-mobile-menu"><div id="naglowek">{_MENU}</div>{_BODY}</div>')
    assert lines[0] == "Sołtysi na forum w Dąbrowicach"


def test_clean_text_collapses_spaces_within_lines_and_keeps_newlines():
    from kongres_scraper.extract.document import clean_text

    assert clean_text(" Jan\u00a0\u00a0Nowak \t–\u202fwójt\u00ad \n  gminy\u200b ") == "Jan Nowak – wójt \n gminy"
    # against the definition: runs of in-line spaces become one space, invisible characters go, ends are trimmed
    rng = random.Random(14)
    spaces = re.compile(r"[ \t\r\f\v\u00a0\u2009\u202f]+")
    invisible = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
    alphabet = "ab \t\r\f\v\u00a0\u2009\u202f\n\u00ad\u200b\u2060\ufeff\u2003"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert clean_text(text) == spaces.sub(" ", invisible.sub("", text)).strip(), repr(text)
