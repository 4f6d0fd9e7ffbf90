"""CSV source lists (`name,start_url,kind`): the form lists of thousands of sites come in."""
from __future__ import annotations

from pathlib import Path

import pytest

from kongres_scraper.sources import SourcesError, load_sources, parse_sources_csv

GOOD = "name,start_url,kind\ngmina-a,https://gmina-a.example.pl/,news\nfundacja-b,https://fundacja-b.example.org/,organiser\n"


def test_a_row_is_a_source():
    first = parse_sources_csv(GOOD)[0]
    assert (first.name, first.kind, first.start_urls) == ("gmina-a", "news", ("https://gmina-a.example.pl/",))


def test_the_host_comes_from_the_start_url():
    assert parse_sources_csv(GOOD)[1].hosts == ("fundacja-b.example.org",)


def test_optional_limit_columns():
    text = "name,start_url,kind,max_pages\na,https://a.example.pl/,news,7\n"
    assert parse_sources_csv(text)[0].max_pages == 7


def test_load_sources_reads_a_csv_file(tmp_path: Path):
    path = tmp_path / "gminy.csv"
    path.write_text(GOOD, encoding="utf-8")
    assert [s.name for s in load_sources(path)] == ["gmina-a", "fundacja-b"]


@pytest.mark.parametrize("text, fragment", [
    ("name,start_url\na,https://a.example.pl/\n", "missing: kind"),
    ("name,start_url,kind,colour\na,https://a.example.pl/,news,red\n", "unknown column 'colour'"),
    ("name,start_url,kind\na,https://a.example.pl/,news\na,https://b.example.pl/,news\n", ":3: field 'name'"),
    ("name,start_url,kind\na,https://a.example.pl/,weather\n", ":2:"),
    ("name,start_url,kind\na,https://a.example.pl/\n", ":2: 2 values for 3 columns"),
    ("name,start_url,kind,max_pages\na,https://a.example.pl/,news,many\n", "not a whole number"),
    ("name,start_url,kind\n", "no rows"),
])
def test_errors_name_the_line(text: str, fragment: str):
    with pytest.raises(SourcesError, match=None) as info:
        parse_sources_csv(text, "list.csv")
    assert str(info.value).startswith("list.csv:") and fragment in str(info.value)


def test_ten_thousand_sites_validate(tmp_path: Path):
    """A sweep's list: 10,000 rows load (the time is measured by benchmarks/bench_frontier.py --sources)."""
    rows = [f"site-{k},https://site-{k}.example.pl/aktualnosci/,news" for k in range(10_000)]
    path = tmp_path / "sweep.csv"
    path.write_text("name,start_url,kind\n" + "\n".join(rows) + "\n", encoding="utf-8")
    sources = load_sources(path)
    assert len(sources) == 10_000 and sources[-1].hosts == ("site-9999.example.pl",)


def test_ten_thousand_toml_sources_validate():
    text = "".join(f'[[source]]\nname = "s{k}"\nkind = "news"\nstart_urls = ["https://s{k}.example.pl/"]\n'
                   for k in range(10_000))
    from kongres_scraper.sources import parse_sources

    assert len(parse_sources(text)) == 10_000
