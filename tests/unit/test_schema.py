"""The one schema is consistent, and everything derived from it agrees with it."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from kongres_scraper.dataset import schema


@pytest.mark.parametrize("tbl", schema.TABLES, ids=lambda t: t.name)
def test_keys_and_order_name_real_columns(tbl):
    names = set(tbl.column_names)
    assert len(names) == len(tbl.columns), "duplicate column"
    assert set(tbl.primary_key) <= names
    assert set(tbl.sort_by) <= names
    for fk in tbl.foreign_keys:
        assert fk.column in names
        assert fk.ref_column in schema.table(fk.ref_table).column_names


@pytest.mark.parametrize("tbl", schema.TABLES, ids=lambda t: t.name)
def test_every_column_is_documented(tbl):
    assert tbl.description
    for col in tbl.columns:
        assert col.description, col.name
        assert col.type in {"string", "id", "category", "integer", "boolean", "date", "datetime", "time"}


def test_coerce_types_and_sorts():
    frame = pd.DataFrame(
        [
            {"session_id": "s-2", "edition": 3, "title": "B", "format": "panel", "day": "2025-10-09",
             "start": "11:00", "end": "12:00", "source_url": "u"},
            {"session_id": "s-1", "edition": 2, "title": "A", "format": None, "day": None,
             "start": None, "end": None, "source_url": "u"},
        ]
    )
    out = schema.coerce("sessions", frame)
    assert list(out["session_id"]) == ["s-1", "s-2"]
    assert str(out["edition"].dtype) == "Int64"
    assert isinstance(out["format"].dtype, pd.CategoricalDtype)
    assert out.loc[1, "day"].isoformat() == "2025-10-09"


def _sessions(rows: int, seed: int) -> pd.DataFrame:
    """Sessions with ties, missing values and enum categories in every sort column."""
    import random

    rnd = random.Random(seed)
    return pd.DataFrame([{"session_id": f"s-{i}", "edition": rnd.choice([1, 2, None]),
                          "day": rnd.choice(["2025-10-09", "2025-10-08", None]),
                          "start": rnd.choice(["09:00", "11:30", None]), "title": rnd.choice(["B", "A", "Ą", None]),
                          "format": rnd.choice(["panel", "debate", "workshop", None]), "source_url": "u"}
                         for i in range(rows)])


@pytest.mark.parametrize("seed", range(5))
def test_coerce_of_a_coerced_frame_changes_nothing_and_any_order_gives_one_table(seed):
    frame = _sessions(60, seed)
    once = schema.coerce("sessions", frame)
    assert schema._in_order(pd.DataFrame({k: schema._sort_key(once[k]) for k in schema.table("sessions").sort_by}))
    pd.testing.assert_frame_equal(schema.coerce("sessions", once), once, check_exact=True)
    for other in (frame.iloc[::-1], frame.sample(frac=1, random_state=seed), frame.astype(object)):
        pd.testing.assert_frame_equal(schema.coerce("sessions", other), once, check_exact=True)


def test_in_order_puts_missing_values_last_and_reads_later_columns_on_ties():
    def in_order(**columns):
        return schema._in_order(pd.DataFrame(columns))

    assert in_order(a=pd.array(["a", "b", None, None], dtype="string"), b=pd.array([2, 1, 1, 2], dtype="Int64"))
    assert not in_order(a=pd.array([None, "a"], dtype="string"))
    assert not in_order(a=pd.array(["a", "a"], dtype="string"), b=pd.array([None, 1], dtype="Int64"))
    assert not in_order(a=pd.array(["b", "a"], dtype="string"), b=pd.array([1, 2], dtype="Int64"))
    assert in_order(a=pd.array(["a", "b"], dtype="string"), b=pd.array([2, 1], dtype="Int64"))
    assert not in_order(a=pd.Series(["x", 1], dtype=object))  # values that do not compare: sorted instead


def test_coerce_refuses_undocumented_columns_and_unknown_categories():
    with pytest.raises(ValueError, match="not in the schema"):
        schema.coerce("people", pd.DataFrame([{"person_id": "p-1", "shoe_size": 42}]))
    with pytest.raises(ValueError, match="outside the vocabulary"):
        schema.coerce("participations", pd.DataFrame([{"participation_id": "x", "role": "juggler"}]))


def test_empty_frame_keeps_columns():
    assert list(schema.empty_frame("people").columns) == schema.table("people").column_names


def test_data_dictionary_is_current():
    result = subprocess.run(
        [sys.executable, "-m", "kongres_scraper.dataset.dictionary", "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
