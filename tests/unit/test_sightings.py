"""`sightings`: every page that names a participant, beside the one participation row per fact."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from kongres_scraper.dataset import load_dataset
from kongres_scraper.dataset.build import build_tables
from kongres_scraper.dataset.ids import make_id
from kongres_scraper.dataset.overrides import Overrides
from kongres_scraper.dataset.writers import write_tables

PANEL = "Jak gminy mogą wspierać lokalne organizacje?"
PROGRAMME = "https://kongres.example.org/program-ii/"
SPEAKERS = "https://kongres.example.org/prelegenci-ii/"
PAGES = [f"https://gmina{n}.example.org/aktualnosci/relacja" for n in range(1, 9)]


def _person(name: str, role: str, session: str | None = None, evidence: str = "") -> dict:
    return {"name": name, "role": role, "session": session, "organizations": ["Fundacja Przykładowa"],
            "honorific": None, "position": "prezeska", "gender": "f", "evidence": evidence or f"{name}, prezeska"}


def _record(url: str, page_type: str, people: list[dict], published: str | None = None, about: bool = True) -> dict:
    return {"url": url, "title": url, "published": published, "author": None, "site": url.split("/")[2],
            "page_type": page_type, "about_congress": about, "edition": 2, "sessions": [], "people": people,
            "mentions": [], "topics": [], "text": _text(url), "text_hash": None}


def _text(url: str) -> str:
    """A different report on every page (copies of one text would be syndicated duplicates)."""
    words = "gmina sołectwo świetlica biblioteka stowarzyszenie powiat wolontariat budżet szkoła festyn".split()
    seed = sum(map(ord, url))
    return " ".join(words[(seed * (i + 3)) % len(words)] + str((seed + i * 7) % 97) for i in range(60))


def _records() -> list[dict]:
    """Anna Nowak on a programme, a speakers page and eight different reports; another event names her too."""
    records = [
        _record(PROGRAMME, "programme", [_person("Anna Nowak", "moderator", PANEL, "Moderatorka: Anna Nowak")]),
        _record(SPEAKERS, "speakers", [_person("Anna Nowak", "speaker")]),
    ]
    for n, url in enumerate(PAGES, 1):
        records.append(_record(url, "article", [_person("Anna Nowak", "moderator", None, f"Debatę poprowadziła Anna Nowak ({n})")],
                               published=f"2024-10-{11 + n:02d}"))
    records.append(_record("https://inne.example.org/forum/", "article", [_person("Anna Nowak", "panelist")], about=False))
    return records


@pytest.fixture(scope="module")
def tables():
    return build_tables(_records(), [], Overrides())


def test_a_person_named_on_ten_pages_has_ten_sightings(tables):
    assert len(tables["people"]) == 1
    assert len(tables["sightings"]) == 10
    assert set(tables["sightings"]["source_url"]) == {PROGRAMME, SPEAKERS, *PAGES}


def test_pages_about_another_event_give_no_sighting(tables):
    assert "https://inne.example.org/forum/" not in set(tables["sightings"]["source_url"])


def test_each_sighting_keeps_its_page_role_date_and_evidence(tables):
    s = tables["sightings"].set_index("source_url")
    assert (s.loc[PAGES[2], "role"], str(s.loc[PAGES[2], "published"]), s.loc[PAGES[2], "evidence"]) == (
        "moderator", "2024-10-14", "Debatę poprowadziła Anna Nowak (3)")
    assert (s.loc[PROGRAMME, "page_type"], s.loc[SPEAKERS, "role"]) == ("programme", "speaker")


def test_participations_keep_one_row_per_fact_and_their_ids(tables):
    parts = tables["participations"]
    assert len(parts) == 1  # the reports and the speakers page say less than the programme's session
    row = parts.iloc[0]
    assert row["participation_id"] == make_id("pa", row["person_id"], row["session_id"], "moderator", 2)
    assert row["source_url"] == PROGRAMME


def test_sightings_link_the_participation_they_support(tables):
    s = tables["sightings"].set_index("source_url")
    kept = tables["participations"].iloc[0]["participation_id"]
    assert s.loc[PROGRAMME, "participation_id"] == kept
    assert pd.isna(s.loc[SPEAKERS, "participation_id"])  # `speaker` says less than the programme's session
    assert set(s["participation_id"].dropna()) <= set(tables["participations"]["participation_id"])


def test_sightings_are_in_the_datapackage_and_the_loader(tmp_path, tables):
    write_tables(tables, tmp_path)
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["name"] == "sightings")
    assert {fk["fields"] for fk in resource["schema"]["foreignKeys"]} >= {"person_id", "participation_id", "source_url"}
    ds = load_dataset(tmp_path)
    assert len(ds.sightings) == 10
    per_person = ds.sql("select p.name, count(*) as n from sightings s join people p using (person_id) group by 1")
    assert per_person.to_dict("records") == [{"name": "Anna Nowak", "n": 10}]


def test_the_data_dictionary_documents_sightings():
    from kongres_scraper.dataset.dictionary import DEFAULT_OUTPUT

    text = DEFAULT_OUTPUT.read_text(encoding="utf-8")
    assert "### `sightings`" in text and "`si-` sighting" in text
