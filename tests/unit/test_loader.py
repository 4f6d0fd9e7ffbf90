"""load_dataset: typed frames equal to what was built, DuckDB views, CSV fallback."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from test_build import build

from kongres_scraper.dataset import load_dataset, schema
from kongres_scraper.dataset.loader import for_analysis
from kongres_scraper.dataset.writers import write_tables


@pytest.fixture()
def written(tmp_path):
    tables = build()
    write_tables(tables, tmp_path)
    return tables, tmp_path


def test_round_trip_gives_the_built_frames(written):
    tables, path = written
    ds = load_dataset(path)
    for tbl in schema.TABLES:
        pd.testing.assert_frame_equal(ds[tbl.name], for_analysis(tbl, tables[tbl.name]), obj=tbl.name)
        pd.testing.assert_frame_equal(schema.coerce(tbl.name, ds[tbl.name]), tables[tbl.name], obj=tbl.name)
    assert ds.people is ds["people"]


def test_dates_load_as_datetime64(written):
    ds = load_dataset(written[1])
    assert str(ds.editions["start_date"].dtype) == "datetime64[ns]"
    assert ds.editions["start_date"].dt.year.tolist() == ds.editions["year"].tolist()
    assert ds.sessions["day"].dt.year.dropna().tolist()


def test_times_load_as_times_and_duckdb_sees_time(written):
    ds = load_dataset(written[1])
    start = ds.sessions.dropna(subset=["start"]).iloc[0]["start"]
    assert isinstance(start, dt.time) and start.strftime("%H:%M") in set(written[0]["sessions"]["start"].dropna())
    types = dict(ds.sql("describe sessions")[["column_name", "column_type"]].values)
    assert types["start"] == "TIME" and types["day"] == "DATE"


def test_parquet_stores_times_as_time_and_states_the_zone(written):
    import pyarrow.parquet as pq

    parquet = pq.read_schema(written[1] / "sessions.parquet")
    assert str(parquet.field("start").type) == "time32[ms]"
    assert "Europe/Warsaw" in parquet.field("start").metadata[b"description"].decode()


def test_duckdb_has_one_view_per_table(written):
    _, path = written
    ds = load_dataset(path)
    views = set(ds.sql("select view_name from duckdb_views() where not internal")["view_name"])
    assert {t.name for t in schema.TABLES} <= views
    types = dict(ds.sql("describe editions")[["column_name", "column_type"]].values)
    assert types["start_date"] == "DATE" and types["edition"] == "BIGINT"
    counts = ds.sql(
        "select p.edition, count(distinct p.person_id) as n from participations p "
        "join people using (person_id) group by 1 order by 1"
    )
    assert counts["edition"].tolist() == [2, 3]


def test_csv_only_directory_loads_and_unescapes(written):
    tables, path = written
    for parquet in path.glob("*.parquet"):
        parquet.unlink()
    ds = load_dataset(path)
    assert "=SUM(1+1)" in set(ds.participations["position"].dropna())
    pd.testing.assert_frame_equal(ds.people, tables["people"])
    pd.testing.assert_frame_equal(ds.crawl_log, tables["crawl_log"])
    pd.testing.assert_frame_equal(ds.sessions, for_analysis(schema.table("sessions"), tables["sessions"]))


def test_not_a_dataset(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_dataset(tmp_path)
