"""write_tables: Parquet + CSV with the schema's types, formula-safe CSV, byte-identical re-runs."""
from __future__ import annotations

import csv

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from test_build import build, example_log, example_records

from kongres_scraper.dataset import schema
from kongres_scraper.dataset.build import build_tables
from kongres_scraper.dataset.overrides import Overrides
from kongres_scraper.dataset.writers import escape_formula, unescape_formula, write_tables


def _files(path):
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def test_every_table_written_as_parquet_and_csv(tmp_path):
    write_tables(build(), tmp_path)
    names = {p.name for p in tmp_path.iterdir()}
    for tbl in schema.TABLES:
        assert f"{tbl.name}.csv" in names
        assert (f"{tbl.name}.parquet" in names) == tbl.in_package
    assert "datapackage.json" in names


def test_two_builds_are_byte_identical(tmp_path):
    write_tables(build(), tmp_path / "one")
    write_tables(build_tables(list(reversed(example_records())), example_log(), Overrides()), tmp_path / "two")
    assert _files(tmp_path / "one") == _files(tmp_path / "two")


def test_parquet_types_follow_the_schema(tmp_path):
    write_tables(build(), tmp_path)
    sessions = pq.read_schema(tmp_path / "sessions.parquet")
    assert sessions.field("day").type == pa.date32()
    assert sessions.field("edition").type == pa.int64()
    assert pa.types.is_dictionary(sessions.field("format").type)
    assert sessions.field("start").type == pa.time32("ms")
    assert pq.read_schema(tmp_path / "crawl_log.parquet").field("fetched_at").type == pa.timestamp("us", tz="UTC")
    assert pa.types.is_dictionary(pq.read_schema(tmp_path / "participations.parquet").field("role").type)
    assert pq.read_schema(tmp_path / "people.parquet").field("person_id").metadata[b"description"]


def test_csv_is_utf8_iso_and_formula_safe(tmp_path):
    write_tables(build(), tmp_path)
    with open(tmp_path / "participations.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    positions = {r["position"] for r in rows}
    assert "'=SUM(1+1)" in positions and "=SUM(1+1)" not in positions
    with open(tmp_path / "editions.csv", encoding="utf-8", newline="") as fh:
        editions = list(csv.DictReader(fh))
    assert editions[2]["start_date"] == "2025-10-09" and editions[2]["theme"] == "Siła wspólnoty"
    assert editions[0]["theme"] == ""
    with open(tmp_path / "crawl_log.csv", encoding="utf-8", newline="") as fh:
        assert next(csv.DictReader(fh))["fetched_at"].endswith("Z")
    with open(tmp_path / "articles.csv", encoding="utf-8", newline="") as fh:
        assert {r["about_congress"] for r in csv.DictReader(fh)} == {"true", "false"}


def test_formula_escaping_round_trips():
    for value in ("=1+1", "+48 123", "-5", "@SUM(A1)", "\tx", "plain", "'quoted", "-"):
        assert unescape_formula(escape_formula(value)) == value
    assert escape_formula("plain") == "plain"
    assert escape_formula("-5") == "'-5"


def test_missing_tables_are_written_empty_with_headers(tmp_path):
    write_tables({}, tmp_path)
    assert (tmp_path / "people.csv").read_text(encoding="utf-8").strip() == ",".join(schema.table("people").column_names)
    assert pq.read_table(tmp_path / "editions.parquet").num_rows == 0


def test_spreadsheet_copy_has_bom_semicolons_and_one_line_per_row(tmp_path):
    tables = build()
    parts = tables["participations"].copy()
    parts.loc[0, "evidence"] = "Moderator:\nprof. Witold Klaus,\r\nprezes"
    tables["participations"] = parts
    write_tables(tables, tmp_path)
    raw = (tmp_path / "excel" / "participations.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads Polish letters right
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[0].split(";")[:3] == ["participation_id", "person_id", "session_id"]
    assert len([line for line in lines if line]) == len(parts) + 1
    assert "Moderator: prof. Witold Klaus, prezes" in raw.decode("utf-8-sig")
    frame = pd.read_csv(tmp_path / "excel" / "participations.csv", sep=";", encoding="utf-8-sig", dtype=str)
    plain = pd.read_csv(tmp_path / "participations.csv", dtype=str)
    assert frame["participation_id"].tolist() == plain["participation_id"].tolist()
    assert (tmp_path / "excel" / "people.csv").read_bytes().decode("utf-8-sig").count("\r\n") == len(tables["people"]) + 1
