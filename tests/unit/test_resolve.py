"""People resolution: one person across sources, conflicts to review, curator overrides applied."""
from __future__ import annotations

import pandas as pd
from pathlib import Path

import pytest

from kongres_scraper.dataset.overrides import Overrides, parse_overrides
from kongres_scraper.dataset.ids import person_id
from kongres_scraper.dataset.resolve import Sighting, resolve_people


def s(name, url, gender=None, honorific=None, orgs=(), kinds=()):
    return Sighting(name, honorific, gender, url, frozenset(orgs), frozenset(kinds))


def test_honorific_case_and_diacritics_do_not_split_people():
    res = resolve_people(
        [
            s("Bogumiła Stępińska", "https://a", "f"),
            s("Bogumila Stepinska", "https://b"),
            s("BOGUMIŁA STĘPIŃSKA", "https://c", honorific="dr"),
        ],
        Overrides(),
    )
    assert len(res.people) == 1 and len(set(res.person_ids)) == 1
    row = res.people.iloc[0]
    assert row["name"] == "Bogumiła Stępińska"
    assert (row["given_name"], row["family_name"]) == ("Bogumiła", "Stępińska")
    assert row["honorific"] == "dr" and row["gender"] == "f"
    assert row["match_key"] == "bogumila stepinska"
    assert row["person_id"] == person_id("bogumila stepinska")


def test_gender_conflict_goes_to_review_not_guessed():
    res = resolve_people([s("Maria Kowalska", "https://a", "f"), s("Maria Kowalska", "https://b", "m")], Overrides())
    assert pd.isna(res.people.iloc[0]["gender"])
    assert list(res.review["issue"]) == ["gender_conflict"]
    assert res.review.iloc[0]["source_urls"] == "https://a https://b"


def test_disjoint_affiliations_go_to_review():
    res = resolve_people(
        [
            s("Jan Nowak", "https://a", orgs={"o-1"}, kinds={"ngo"}),
            s("Jan Nowak", "https://b", orgs={"o-2"}, kinds={"business"}),
        ],
        Overrides(),
    )
    assert len(res.people) == 1
    assert list(res.review["issue"]) == ["disjoint_affiliations"]


def test_a_source_naming_both_kinds_links_them():
    res = resolve_people(
        [
            s("Jan Nowak", "https://a", orgs={"o-1"}, kinds={"ngo"}),
            s("Jan Nowak", "https://b", orgs={"o-2"}, kinds={"university"}),
            s("Jan Nowak", "https://c", orgs={"o-1", "o-3"}, kinds={"ngo", "university"}),
        ],
        Overrides(),
    )
    assert res.review.empty


def test_shared_kind_is_no_conflict():
    res = resolve_people(
        [
            s("Jan Nowak", "https://a", orgs={"o-1"}, kinds={"ngo"}),
            s("Jan Nowak", "https://b", orgs={"o-2"}, kinds={"ngo", "university"}),
        ],
        Overrides(),
    )
    assert res.review.empty


def test_similar_names_go_to_review_until_merged():
    sightings = [s("Jan Kowalski", "https://a"), s("Jana Kowalskiego", "https://b"), s("Anna Zielińska", "https://c"),
                 s("Sebastian Kurek", "https://a"), s("Sebastiana Kurka", "https://b")]
    res = resolve_people(sightings, Overrides())
    assert len(res.people) == 5
    flagged = res.review[res.review["issue"] == "similar_name"]
    assert sorted(flagged["match_key"]) == ["jan kowalski", "jana kowalskiego", "sebastian kurek", "sebastiana kurka"]
    merged = resolve_people(sightings, parse_overrides({"merge_people": [
        {"into": "jan kowalski", "others": ["Jana Kowalskiego"]},
        {"into": "sebastian kurek", "others": ["Sebastiana Kurka"]}]}))
    assert len(merged.people) == 3 and merged.review.empty


def test_overrides_split_merge_and_fix():
    ov = parse_overrides(
        {
            "merge_people": [{"into": "Witold Klaus", "others": ["W. Klaus"]}],
            "split_person": [{"match_key": "maria kowalska", "sources": ["https://b"], "new_key": "maria kowalska lublin"}],
            "person": [{"match_key": "maria kowalska", "gender": "f", "reviewed": True}],
        }
    )
    res = resolve_people(
        [
            s("Witold Klaus", "https://a"),
            s("W. Klaus", "https://b"),
            s("Maria Kowalska", "https://a", "f"),
            s("Maria Kowalska", "https://b", "m"),
        ],
        ov,
    )
    ids = res.person_ids
    assert ids[0] == ids[1] == person_id("witold klaus")
    assert ids[2] != ids[3] and ids[3] == person_id("maria kowalska lublin")
    assert res.review.empty
    people = res.people.set_index("match_key")
    assert people.loc["maria kowalska", "gender"] == "f"
    assert people.loc["maria kowalska lublin", "gender"] == "m"


def test_overrides_may_name_people_by_id():
    klaus, typo = person_id("witold klaus"), person_id("witlod klaus")
    ov = parse_overrides({
        "merge_people": [{"into": klaus, "others": [typo]}],
        "person": [{"match_key": klaus, "gender": "m"}],
        "split_person": [{"match_key": person_id("maria kowalska"), "sources": ["https://b"]}],
    })
    res = resolve_people(
        [s("Witold Klaus", "https://a"), s("Witlod Klaus", "https://b"),
         s("Maria Kowalska", "https://a"), s("Maria Kowalska", "https://b")],
        ov,
    )
    assert res.person_ids[0] == res.person_ids[1] == klaus
    assert res.person_ids[3] == person_id("maria kowalska 2") != res.person_ids[2]
    assert res.people.set_index("person_id").loc[klaus, "gender"] == "m"


def test_stale_override_ids_do_not_stop_a_build():
    ov = parse_overrides({"merge_people": [{"into": "p-0000000000", "others": ["p-1111111111"]}]})
    assert len(resolve_people([s("Jan Nowak", "https://a")], ov).people) == 1


def test_overrides_reject_typos():
    with pytest.raises(ValueError, match="unknown fields"):
        parse_overrides({"person": [{"match_key": "a b", "gendre": "f"}]})
    with pytest.raises(ValueError, match="kind must be one of"):
        parse_overrides({"organization": [{"name": "Fundacja X", "kind": "charity"}]})
    with pytest.raises(ValueError, match="cycle"):
        parse_overrides({"merge_people": [{"into": "a b", "others": ["c d"]}, {"into": "c d", "others": ["a b"]}]})


def test_repository_overrides_file_loads():
    from kongres_scraper.dataset.overrides import bundled_overrides, load_overrides

    assert bundled_overrides().is_file()
    assert load_overrides().organizations  # the curator's corrections are there (Watchdog Polska)


def test_a_missing_overrides_file_is_an_error(tmp_path):
    from kongres_scraper.dataset.overrides import load_overrides

    with pytest.raises(FileNotFoundError, match="no such file"):
        load_overrides(tmp_path / "nope.toml")


def test_review_rows_come_in_the_tables_order_across_batches(monkeypatch):
    """Conflicts and similar names of many people, typed a few rows at a time: the same table as made at once."""
    from kongres_scraper.dataset import schema

    sightings = []
    for k, (given, family) in enumerate([("Jan", "Kowalski"), ("Jana", "Kowalskiego"), ("Maria", "Nowak"),
                                         ("Marii", "Nowak"), ("Anna", "Zielińska"), ("Anny", "Zielińskiej")]):
        sightings += [s(f"{given} {family}", f"https://a/{k}", "f", orgs=[f"o{k}"], kinds=["ngo"]),
                      s(f"{given} {family}", f"https://b/{k}", "m", orgs=[f"u{k}"], kinds=["university"])]
    whole = resolve_people(sightings, Overrides()).review
    assert set(whole["issue"]) == {"gender_conflict", "disjoint_affiliations", "similar_name"}
    monkeypatch.setattr(schema, "BATCH_ROWS", 2)
    batched = resolve_people(sightings, Overrides()).review
    pd.testing.assert_frame_equal(batched, whole)
    rows = list(zip(whole["match_key"], whole["issue"].astype(str)))
    assert rows == sorted(rows)  # match key, then issue: the review's order, made so without sorting


def test_frame_of_rows_gives_the_frame_of_all_rows_at_once_in_or_out_of_order():
    from kongres_scraper.dataset import schema

    rows = [{"person_id": f"p-{k:02d}", "match_key": f"klucz {k % 7}", "issue": "similar_name", "detail": f"d{k}"}
            for k in range(20)]
    expected = schema.frame_of("review", rows)
    for given in (rows, sorted(rows, key=lambda r: (r["match_key"], r["person_id"]))):
        pd.testing.assert_frame_equal(schema.frame_of_rows("review", iter(given), batch=3), expected)
    assert schema.frame_of_rows("review", iter([])).columns.tolist() == schema.table("review").column_names
