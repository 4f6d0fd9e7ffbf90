"""The sources file: the bundled list loads; mistakes name the line and the field."""
from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from kongres_scraper.sources import BUNDLED_SOURCES, SourcesError, load_sources, parse_sources

GOOD = """\
[[source]]
name = "kongres"
kind = "congress"
start_urls = ["https://kongreswspolpracy.pl/"]

[[source]]
name = "lublin"
start_urls = ["https://frdl.lublin.pl/informacje/aktualnosci/"]
include = ["kongres"]
since = 2023-01-01
discovery = ["sitemap", "listing"]
max_pages = 50
"""


def error_of(text: str) -> str:
    with pytest.raises(SourcesError) as info:
        parse_sources(text, "s.toml")
    return str(info.value)


def test_bundled_sources_load():
    sources = load_sources()
    names = [s.name for s in sources]
    assert len(names) == len(set(names))
    assert any(s.kind == "congress" and "kongreswspolpracy.pl" in s.hosts for s in sources)
    for s in sources:
        assert s.start_urls and all(u.startswith(("http://", "https://")) for u in s.start_urls)


def test_good_file_gives_defaults_and_scope():
    kongres, lublin = parse_sources(GOOD)
    assert kongres.discovery == ("sitemap", "feed", "listing", "rest", "links")
    assert kongres.hosts == ("kongreswspolpracy.pl", "www.kongreswspolpracy.pl")
    assert lublin.kind == "organiser" and lublin.since == date(2023, 1, 1) and lublin.max_pages == 50
    assert lublin.wants("https://frdl.lublin.pl/informacje/aktualnosci/ii-krajowy-kongres-wspolpracy")
    assert not lublin.wants("https://frdl.lublin.pl/informacje/aktualnosci/konkurs-grantowy")
    assert not lublin.wants("https://example.org/kongres")
    assert lublin.uses("sitemap") and not lublin.uses("rest")


def test_toml_syntax_error_names_the_line():
    message = error_of('[[source]]\nname = "x"\nstart_urls = ["https://a.pl/"\n')
    assert message.startswith("s.toml:3") or message.startswith("s.toml:4")
    assert "not valid TOML" in message


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ('[[source]]\nname = "x"\nstrat_urls = ["https://a.pl/"]\n', 3, "unknown field (did you mean 'start_urls'?)"),
        ('[[source]]\nname = "x"\n', 1, "missing required field 'start_urls'"),
        ('[[source]]\nname = "x"\nstart_urls = "https://a.pl/"\n', 3, "field 'start_urls': must be a list of strings"),
        ('[[source]]\nname = "x"\nstart_urls = []\n', 3, "field 'start_urls': must not be empty"),
        ('[[source]]\nname = "x"\nstart_urls = ["ftp://a.pl/"]\n', 3, "is not an http(s) URL"),
        ('[[source]]\nname = "x"\nkind = "blog"\nstart_urls = ["https://a.pl/"]\n', 3, "field 'kind': must be one of"),
        ('[[source]]\nname = "x"\nstart_urls = ["https://a.pl/"]\nmax_pages = 0\n', 4, "field 'max_pages': must be at least 1"),
        ('[[source]]\nname = "x"\nstart_urls = ["https://a.pl/"]\nmax_depth = "2"\n', 4, "field 'max_depth': must be a whole number"),
        ('[[source]]\nname = "x"\nstart_urls = ["https://a.pl/"]\ndiscovery = ["sitemaps"]\n', 4,
         "unknown method 'sitemaps' (did you mean 'sitemap'?)"),
        ('[[source]]\nname = "x"\nstart_urls = ["https://a.pl/"]\ninclude = ["kongres("]\n', 4, "bad regular expression"),
        ('[[source]]\nname = "x"\nstart_urls = ["https://a.pl/"]\nhosts = ["b.pl"]\n', 4, "does not include 'a.pl'"),
        ('[[source]]\nname = "x"\nstart_urls = ["https://a.pl/"]\nhosts = ["https://a.pl/"]\n', 4, "is not a host name"),
        ('[[source]]\nname = "x"\nstart_urls = ["https://a.pl/"]\nsince = "wczoraj"\n', 4, "field 'since'"),
        ('[[source]]\nname = "a b"\nstart_urls = ["https://a.pl/"]\n', 2, "field 'name'"),
    ],
)
def test_field_errors_name_line_and_field(text: str, line: int, fragment: str):
    message = error_of(text)
    assert message.startswith(f"s.toml:{line}: source #1"), message
    assert fragment in message


def test_second_source_and_duplicate_names():
    text = GOOD + '\n[[source]]\nname = "kongres"\nstart_urls = ["https://b.pl/"]\n'
    message = error_of(text)
    assert message.startswith("s.toml:15: source #3 ('kongres'): field 'name'")
    assert "used twice (first at line 2)" in message


def test_file_level_errors(tmp_path: Path):
    assert "nothing to crawl" in error_of("# empty\n")
    assert "unknown top-level key 'sources' (did you mean 'source'?)" in error_of('[[sources]]\nname = "x"\n')
    with pytest.raises(SourcesError, match="no such file"):
        load_sources(tmp_path / "missing.toml")
    with pytest.raises(SourcesError, match="not a file"):
        load_sources(tmp_path)
    bad = tmp_path / "latin1.toml"
    bad.write_bytes('name = "Współpraca"'.encode("latin-1", errors="replace").replace(b"?", b"\xf3"))
    with pytest.raises(SourcesError, match="not UTF-8"):
        load_sources(bad)


@pytest.mark.e2e  # runs the command in a subprocess
def test_cli_reports_malformed_sources_without_traceback(tmp_path: Path):
    bad = tmp_path / "sources.toml"
    bad.write_text('[[source]]\nname = "x"\nstart_urls = ["https://a.pl/"]\nmax_pages = -1\n', encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "kongres_scraper.cli", "crawl", "--sources", str(bad), "--output", str(tmp_path / "o")],
        capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 2
    assert f"{bad}:4: source #1 ('x'): field 'max_pages': must be at least 1" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "o").exists()


def test_bundled_file_is_packaged():
    assert BUNDLED_SOURCES.name == "sources.toml" and BUNDLED_SOURCES.is_file()
