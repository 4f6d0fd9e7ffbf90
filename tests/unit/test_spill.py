"""Spilled tables: a run's built tables on disk, read back one at a time, the same frames as in memory."""
from __future__ import annotations

import pandas as pd
import pytest

from kongres_scraper.dataset import schema
from kongres_scraper.dataset.build import build_tables
from kongres_scraper.dataset.overrides import Overrides
from kongres_scraper.dataset.spill import SpilledTables

from test_build import example_log, example_records


def test_tables_built_into_the_spill_equal_those_built_in_memory(tmp_path):
    in_memory = build_tables(example_records(), example_log(), Overrides())
    with SpilledTables(tmp_path) as spilled:
        returned = build_tables(example_records(), example_log(), Overrides(), into=spilled)
        assert returned is spilled
        assert list(spilled) == list(in_memory) == [t.name for t in schema.TABLES]
        for name, frame in in_memory.items():
            back = spilled[name]
            pd.testing.assert_frame_equal(back, frame)  # dtypes, categories and row order kept
            assert back.dtypes.astype(str).tolist() == frame.dtypes.astype(str).tolist()


def test_each_read_is_a_fresh_copy_and_a_table_stored_again_replaces_it(tmp_path):
    with SpilledTables(tmp_path) as spilled:
        spilled["people"] = schema.frame_of("people", [{"person_id": "p-1", "name": "Anna Nowak"}])
        first = spilled["people"]
        first.loc[0, "name"] = "zmieniona"
        assert spilled["people"].loc[0, "name"] == "Anna Nowak"
        spilled["people"] = schema.frame_of("people", [{"person_id": "p-2", "name": "Jan Kowal"}])
        assert spilled["people"]["person_id"].tolist() == ["p-2"] and len(spilled) == 1


def test_pop_and_delete_forget_a_table(tmp_path):
    with SpilledTables(tmp_path) as spilled:
        spilled["review"] = schema.empty_frame("review")
        spilled["editions"] = schema.empty_frame("editions")
        assert list(spilled) == ["editions", "review"]  # the schema's order, not the order stored
        assert spilled.pop("editions").columns.tolist() == schema.table("editions").column_names
        del spilled["review"]
        assert not spilled and spilled.get("review") is None
        with pytest.raises(KeyError):
            spilled["review"]


def test_the_spill_leaves_no_file_behind(tmp_path):
    spilled = SpilledTables(tmp_path)
    spilled["editions"] = schema.empty_frame("editions")
    assert not list(tmp_path.iterdir())  # a file without a name: gone even if the run is killed
    spilled.close()
    assert not list(tmp_path.iterdir())


def test_the_previous_run_is_read_into_the_spill_and_a_damaged_table_still_skips_it(tmp_path):
    from kongres_scraper.dataset.writers import write_tables
    from kongres_scraper.runs.output import read_previous

    run_dir = tmp_path / "run"
    write_tables(build_tables(example_records(), example_log(), Overrides()), run_dir)
    in_memory, why = read_previous(run_dir, schema.CHANGE_TABLES)
    assert why is None
    with SpilledTables(tmp_path) as spilled:
        assert read_previous(run_dir, schema.CHANGE_TABLES, spilled) == (spilled, None)
        assert list(spilled) == [t.name for t in schema.TABLES if t.name in schema.CHANGE_TABLES]
        for name, frame in in_memory.items():
            pd.testing.assert_frame_equal(spilled[name], frame)
    (run_dir / "people.parquet").write_bytes(b"PAR1 not really")
    with SpilledTables(tmp_path) as spilled:
        tables, why = read_previous(run_dir, schema.CHANGE_TABLES, spilled)
        assert tables is None and "people.parquet: unreadable" in why
