"""Page decoding degrades locally: a bad byte costs one character, not the page's Polish letters."""
from __future__ import annotations

import pytest

from kongres_scraper.extract import extract_page
from kongres_scraper.extract.decoding import decode_html, declared_charset, strip_controls

PAGE = ("<html><head><title>Kongres Współpracy Lokalnej w Warszawie</title></head><body><main>"
        "<h1>Relacja z Kongresu Współpracy Lokalnej</h1>"
        "<p>W debacie udział wzięli:</p><ul><li>Jan Nowak, Urząd Gminy Leśna Wola</li>"
        "<li>Anna Żółkiewska, Fundacja Rozwoju Demokracji Lokalnej</li></ul></main></body></html>")


def test_valid_utf8_is_utf8():
    assert decode_html(PAGE.encode("utf-8")) == PAGE


def test_one_bad_byte_in_utf8_is_one_replacement_character():
    raw = PAGE.encode("utf-8").replace(b"Warszawie", b"Warsz\xffawie")
    text = decode_html(raw)
    assert "Warsz\ufffdawie" in text
    assert "Urząd Gminy Leśna Wola" in text  # the rest of the page keeps its letters


def test_bad_byte_with_declared_utf8_keeps_utf8():
    raw = PAGE.replace("<head>", '<head><meta charset="utf-8">').encode("utf-8").replace(b"Kongresu", b"Kon\x81gresu")
    text = decode_html(raw)
    assert "Kon\ufffdgresu" in text and "Żółkiewska" in text


def test_undeclared_windows_1250_is_windows_1250():
    assert decode_html(PAGE.encode("cp1250")) == PAGE


def test_windows_1250_mislabelled_utf8_is_windows_1250():
    raw = PAGE.replace("<head>", '<head><meta charset="utf-8">').encode("cp1250")
    assert "Urząd Gminy Leśna Wola" in decode_html(raw)


def test_declared_iso_8859_2():
    raw = PAGE.replace("<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2">')
    assert "Żółkiewska" in decode_html(raw.encode("iso-8859-2"))


def test_utf8_bytes_under_a_legacy_declaration_are_utf8():
    raw = PAGE.replace("<head>", '<head><meta charset="windows-1250">').encode("utf-8")
    assert "Żółkiewska" in decode_html(raw)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_byte_order_mark_decides(encoding):
    raw = PAGE.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        raw = "\ufeff".encode(encoding) + raw
    assert decode_html(raw) == PAGE


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_mark(encoding):
    assert decode_html(PAGE.encode(encoding)) == PAGE


def test_nul_bytes_are_removed():
    raw = PAGE.encode("utf-8").replace(b"Jan Nowak", b"Jan\x00 Nowak\x00")
    assert "Jan Nowak, Urząd" in decode_html(raw)


def test_control_characters_are_removed_but_whitespace_kept():
    assert strip_controls("a\x00b\x07c\x1bd\x7fe\x85f\ud800g\ufffe\th\ni\rj\x0ck") == "abcdefg\th\ni\rj\x0ck"


def test_text_input_is_cleaned_too():
    assert decode_html("Jan\x00 Nowak") == "Jan Nowak"


def test_declared_charset_names():
    assert declared_charset(b'<meta charset="UTF-8">') == "utf-8"
    assert declared_charset(b'<?xml version="1.0" encoding="windows-1250"?>') == "cp1250"
    assert declared_charset(b'<meta charset="no-such-charset">') is None


def test_unknown_declared_charset_falls_back_to_content():
    raw = PAGE.replace("<head>", '<head><meta charset="x-unknown">').encode("utf-8")
    assert "Żółkiewska" in decode_html(raw)


def test_utf16_page_is_extracted():
    record = extract_page(b"\xff\xfe" + PAGE.encode("utf-16-le"), "https://example.org/relacja")
    assert record == extract_page(PAGE.encode("utf-8"), "https://example.org/relacja")
    assert record["title"] == "Relacja z Kongresu Współpracy Lokalnej"


def test_nul_in_a_person_line_keeps_the_person():
    raw = PAGE.encode("utf-8").replace(b"Jan Nowak", b"Jan\x00 Nowak")
    record = extract_page(raw, "https://example.org/relacja")
    clean = extract_page(PAGE.encode("utf-8"), "https://example.org/relacja")
    assert record == clean


def test_bad_byte_keeps_organisations_and_relevance():
    raw = PAGE.encode("utf-8").replace(b"Warszawie", b"Warsz\xffawie")
    record = extract_page(raw, "https://example.org/relacja")
    clean = extract_page(PAGE.encode("utf-8"), "https://example.org/relacja")
    assert record["about_congress"] == clean["about_congress"]
    assert "Ă" not in str(record) and "Ĺ" not in str(record)
