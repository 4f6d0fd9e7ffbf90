"""organizations.name_key and organization_names: an outside table joins by folded spellings.

The join test uses what an analyst has: the offline crawl's tables, `load_dataset`, and a
small outside table (tests/data/outside_organisations.csv) whose names are written as registers
write them: acronyms, a seat added or left out, without `im.`, upper case, no Polish letters.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sample_crawl import sample_output
from test_build import PROGRAMME, SPEAKERS, build

from kongres_scraper.dataset import load_dataset
from kongres_scraper.keys import fold

OUTSIDE = Path(__file__).parents[1] / "data" / "outside_organisations.csv"


@pytest.fixture(scope="module")
def sample_dataset():
    return load_dataset(sample_output())


def test_name_key_is_the_folded_name():
    orgs = build()["organizations"]
    assert list(orgs["name_key"]) == [fold(n) for n in orgs["name"]]


def test_every_spelling_a_page_used_is_kept_with_its_page():
    names = build()["organization_names"].set_index("name_key")
    frdl = names.loc["fundacja rozwoju demokracji lokalnej"]
    assert (frdl["origin"], frdl["source_url"]) == ("page", SPEAKERS)  # also a known variant: a page ranks higher
    assert names.loc["fundacja panoptykon", "source_url"] == SPEAKERS
    assert names.loc["frdl", "org_id"] == frdl["org_id"]
    assert names.loc["stowarzyszenie interwencji prawnej", "source_url"] == PROGRAMME


def test_acronym_and_canonical_name_point_at_one_organisation():
    t = build()
    names = t["organization_names"].set_index("name_key")
    uw = t["organizations"].set_index("name").loc["Uniwersytet Warszawski", "org_id"]
    assert names.loc["uw", "org_id"] == names.loc["uniwersytet warszawski", "org_id"] == uw
    assert names.loc["uw", "origin"] == "page"  # the edition III post wrote `UW`
    assert names.loc["mswia", "origin"] == "acronym"  # no page wrote it alone


def test_every_organisation_has_its_canonical_name_key():
    t = build()
    names = t["organization_names"]
    canonical = names[names["origin"] == "canonical"]
    assert sorted(canonical["org_id"]) == sorted(t["organizations"]["org_id"])
    assert names["name_key"].is_unique


def test_outside_table_joins_through_organization_names(sample_dataset):
    ds = sample_dataset
    with OUTSIDE.open(encoding="utf-8") as fh:
        outside = list(csv.DictReader(fh))
    ids = ds.org_ids(row["name"] for row in outside)
    names = dict(zip(ds.organizations["org_id"], ds.organizations["name"]))
    found = [names.get(i) for i in ids]
    present = [row for row in outside if row["expected"]]
    hits = sum(f == row["expected"] for f, row in zip(found, outside) if row["expected"])
    assert hits / len(present) >= 0.9, [(r["name"], f) for r, f in zip(outside, found) if f != (r["expected"] or None)]
    # no outside name is joined to the wrong organisation, and names not in the dataset stay unjoined
    assert all(f is None or f == row["expected"] for f, row in zip(found, outside))


def test_exact_names_join_far_less(sample_dataset):
    """What the join would give without the keys: the reason they exist (the analyst got 6 of 14)."""
    with OUTSIDE.open(encoding="utf-8") as fh:
        outside = [r for r in csv.DictReader(fh) if r["expected"]]
    exact = set(sample_dataset.organizations["name"])
    assert sum(r["name"] in exact for r in outside) / len(outside) < 0.5
