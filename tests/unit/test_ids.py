"""Ids: the documented recipe reproduces them, and a corrected name keeps its id with `same_as`."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_build import MIGRATION, PROGRAMME, build, example_log, example_records

from kongres_scraper.dataset.build import build_tables
from kongres_scraper.dataset.overrides import Overrides, parse_overrides

DICTIONARY = Path(__file__).resolve().parents[2] / "docs" / "data-dictionary.md"


def documented_recipe() -> dict:
    """Run the Python block of the data dictionary's *Ids* section, as a reader would copy it."""
    section = DICTIONARY.read_text(encoding="utf-8").split("\n## Ids\n", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    namespace: dict = {}
    exec(code, namespace)  # noqa: S102 (the documentation's own example)
    return namespace


def test_documented_examples_are_ids_of_the_tables():
    doc, t = documented_recipe(), build()
    assert doc["person_id"] in set(t["people"]["person_id"])
    assert doc["org_id"] == t["organizations"].set_index("name").loc["Stowarzyszenie Interwencji Prawnej", "org_id"]
    assert doc["session_id"] == t["sessions"].set_index("title").loc[MIGRATION, "session_id"]
    assert doc["article_id"] == t["articles"].set_index("url").loc[PROGRAMME, "article_id"]
    assert doc["participation_id"] in set(t["participations"]["participation_id"])
    assert doc["affiliation_id"] in set(t["affiliations"]["affiliation_id"])
    assert doc["topic_id"] in set(t["topics"]["topic_id"])
    assert doc["mention_id"] in set(t["mentions"]["mention_id"])


def test_documented_recipe_reproduces_every_person_and_organisation_id():
    doc, t = documented_recipe(), build()
    make_id, words = doc["make_id"], doc["words"]
    assert [make_id("p", k) for k in t["people"]["match_key"]] == list(t["people"]["person_id"])
    assert [make_id("o", words(n)) for n in t["organizations"]["name"]] == list(t["organizations"]["org_id"])
    parts = t["participations"].astype(object).where(t["participations"].notna(), None)
    assert [make_id("pa", p, s, r, e) for p, s, r, e in zip(parts["person_id"], parts["session_id"], parts["role"],
                                                            parts["edition"])] == list(parts["participation_id"])


def renamed(records: list[dict], old: str, new: str) -> list[dict]:
    """The same pages after a site corrected a name (people and organisations alike)."""
    def fix(value):
        if isinstance(value, str):
            return value.replace(old, new)
        if isinstance(value, list):
            return [fix(v) for v in value]
        if isinstance(value, dict):
            return {k: fix(v) for k, v in value.items()}
        return value

    return [fix(r) for r in records]


def test_a_person_renamed_on_the_pages_keeps_the_id_given_by_same_as():
    before = build()
    old_id = before["people"].set_index("match_key").loc["jan kowalski", "person_id"]
    records = renamed(example_records(), "Jan Kowalski", "Jan Kowalski-Nowak")
    plain = build_tables(records, example_log(), Overrides())
    assert old_id not in set(plain["people"]["person_id"])  # a hash of the new name: a new id
    ov = parse_overrides({"person": [{"match_key": "jan kowalski-nowak", "same_as": old_id,
                                      "reason": "the site corrected the name"}]})
    after = build_tables(records, example_log(), ov)
    people = after["people"].set_index("person_id")
    assert people.loc[old_id, "name"] == "Jan Kowalski-Nowak"
    assert old_id in set(after["participations"]["person_id"]) and old_id in set(after["affiliations"]["person_id"])


def test_an_organisation_renamed_by_the_curator_keeps_its_id():
    before = build()
    old_id = before["organizations"].set_index("name").loc["Fundacja Panoptykon", "org_id"]
    ov = parse_overrides({"organization": [{"name": "Fundacja Panoptykon", "canonical": "Fundacja Panoptykon w Warszawie",
                                            "same_as": old_id}]})
    after = build_tables(example_records(), example_log(), ov)
    orgs = after["organizations"].set_index("org_id")
    assert orgs.loc[old_id, "name"] == "Fundacja Panoptykon w Warszawie"
    assert old_id in set(after["affiliations"]["org_id"])
    names = after["organization_names"].set_index("name_key")
    assert names.loc["fundacja panoptykon", "org_id"] == old_id


def test_same_as_must_be_an_id_and_given_once():
    with pytest.raises(ValueError, match="same_as must be a person id"):
        parse_overrides({"person": [{"match_key": "jan kowalski", "same_as": "jan"}]})
    with pytest.raises(ValueError, match="given to both"):
        parse_overrides({"person": [{"match_key": "jan kowalski", "same_as": "p-0123456789"},
                                    {"match_key": "ewa nowak", "same_as": "p-0123456789"}]})
    other = build()["organizations"].set_index("name").loc["Uniwersytet Warszawski", "org_id"]
    ov = parse_overrides({"organization": [{"name": "Fundacja Panoptykon", "same_as": other}]})
    with pytest.raises(ValueError, match="given to both"):
        build_tables(example_records(), example_log(), ov)


def test_word_memo_gives_the_function_of_each_word_and_stays_bounded():
    from kongres_scraper.dataset.ids import WordMemo

    calls = []

    def shout(word):
        calls.append(word)
        return word.upper()

    memo = WordMemo(shout, size=3)
    assert memo.map(["a", "b", "a", "c"]) == ["A", "B", "A", "C"] and sorted(calls) == ["a", "b", "c"]
    assert memo.map(["d", "e", "a"]) == ["D", "E", "A"]  # full: emptied, then filled again
    assert len(memo._memo) <= 3
