"""compute_changes: added, changed and removed rows by key, values compared as written to CSV."""
from __future__ import annotations

import json

import pandas as pd

from kongres_scraper.dataset.build import build_tables
from kongres_scraper.dataset.changes import compute_changes, summary
from kongres_scraper.dataset.overrides import Overrides
from kongres_scraper.dataset.schema import CHANGE_TABLES, coerce

from test_build import example_log, example_records


def tables():
    return build_tables(example_records(), example_log(), Overrides())


def rows(changes: pd.DataFrame) -> dict[tuple[str, str], dict]:
    return {(r["table_name"], r["key"]): r for r in changes.astype(object).where(changes.notna(), None)
            .to_dict("records")}


def test_a_first_run_adds_every_row_of_every_followed_table():
    current = tables()
    changes = compute_changes(None, current, None)
    expected = sum(len(current[n]) for n in CHANGE_TABLES if n != "crawl_log") + current["crawl_log"]["url"].nunique()
    assert len(changes) == expected and set(changes["change"]) == {"added"}
    assert changes[["before", "after", "columns", "previous_run"]].isna().all().all()
    people = changes[changes["table_name"] == "people"]
    assert sorted(people["key"]) == sorted(current["people"]["person_id"])
    assert list(changes.columns) == ["table_name", "key", "change", "columns", "before", "after", "previous_run"]


def test_the_same_tables_give_no_change():
    current = tables()
    assert compute_changes({n: current[n] for n in CHANGE_TABLES}, current, "run-1").empty


def test_changed_removed_and_added_rows_with_their_values():
    current = tables()
    previous = {n: current[n].copy() for n in CHANGE_TABLES}
    people = previous["people"]
    first, second = people["person_id"].iloc[0], people["person_id"].iloc[1]
    people.loc[0, "name"] = "Ktoś Inny"
    people.loc[0, "honorific"] = "=dr"  # escaped in CSV, compared unescaped
    gone = people.iloc[[1]].assign(person_id="p-0000000000")
    previous["people"] = pd.concat([people.drop(index=1), gone], ignore_index=True)
    changes = rows(compute_changes(previous, current, "run-1"))
    assert {k: v["change"] for k, v in changes.items()} == {
        ("people", first): "changed", ("people", second): "added", ("people", "p-0000000000"): "removed"}
    row = changes[("people", first)]
    assert row["columns"] == "name honorific" and row["previous_run"] == "run-1"
    assert json.loads(row["before"]) == {"name": "Ktoś Inny", "honorific": "=dr"}
    honorific = current["people"]["honorific"].iloc[0]
    assert json.loads(row["after"]) == {"name": current["people"]["name"].iloc[0],
                                        "honorific": None if pd.isna(honorific) else honorific}
    removed = json.loads(changes[("people", "p-0000000000")]["before"])
    assert list(removed) == list(current["people"].columns) and removed["person_id"] == "p-0000000000"
    assert summary(compute_changes(previous, current, "run-1")) == {"people": {"added": 1, "changed": 1, "removed": 1}}


def test_crawl_log_is_keyed_by_url_and_ignores_the_fetch_time():
    current = tables()
    log = current["crawl_log"]
    url = log["url"].iloc[0]
    later = coerce("crawl_log", log.assign(fetched_at="2031-01-01T00:00:00Z"))
    assert compute_changes({"crawl_log": later}, {"crawl_log": log}, "r").empty
    refetched = coerce("crawl_log", pd.concat([log, log.iloc[[0]].assign(
        fetched_at="2031-01-01T00:00:00Z", content_hash="new")], ignore_index=True))
    changes = rows(compute_changes({"crawl_log": log}, {"crawl_log": refetched}, "r"))
    assert list(changes) == [("crawl_log", url)]  # the last fetch of a URL is the one compared
    assert changes[("crawl_log", url)]["columns"] == "content_hash"


def test_untyped_frames_are_compared_as_typed():
    current = tables()
    editions = current["editions"]
    raw = editions.astype(object).assign(edition=editions["edition"].astype(float))  # 1.0 read as 1
    assert compute_changes({"editions": raw}, {"editions": editions}, "r").empty
