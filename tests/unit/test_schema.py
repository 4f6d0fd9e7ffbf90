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
