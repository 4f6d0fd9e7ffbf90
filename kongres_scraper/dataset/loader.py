"""`load_dataset(path)`: the published tables as typed DataFrames plus a DuckDB connection.

Notebooks should not repeat dtype fixes or path handling: one call gives every table
cast by the schema (so pandas and the data dictionary agree), with dates as `datetime64`
and agenda times as `datetime.time` (`for_analysis`), and a DuckDB connection
with one view per table for SQL joins. Parquet is read when present, else the CSVs
(with the spreadsheet formula escaping undone).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import duckdb
import pandas as pd

from ..keys import org_keys
from . import schema
from .writers import unescape_formula


@dataclass
class Dataset:
    """The tables of one dataset directory: `ds.people`, `ds["people"]`, `ds.sql("…")`."""

    path: Path
    tables: dict[str, pd.DataFrame]
    con: duckdb.DuckDBPyConnection

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def __getattr__(self, name: str) -> pd.DataFrame:
        tables = self.__dict__.get("tables", {})
        if name in tables:
            return tables[name]
        raise AttributeError(name)

    def sql(self, query: str) -> pd.DataFrame:
        """Run SQL over the table views and return a DataFrame."""
        return self.con.execute(query).df()

    def org_ids(self, names: Iterable[str]) -> list[str | None]:
        """The `org_id` each outside name stands for, None when none: the join through
        `organization_names` (the first of `keys.org_keys(name)` that it holds)."""
        by_key = dict(zip(self.tables["organization_names"]["name_key"], self.tables["organization_names"]["org_id"]))
        return [next((by_key[k] for k in org_keys(str(n)) if k in by_key), None) for n in names]


def load_dataset(path: str | Path) -> Dataset:
    """Load every table of a dataset directory written by `write_tables`."""
    path = Path(path)
    if not (path / "datapackage.json").exists():
        raise FileNotFoundError(f"{path} is not a dataset directory (no datapackage.json)")
    tables = {t.name: read_table(path, t) for t in schema.TABLES if (path / f"{t.name}.csv").exists()}
    con = duckdb.connect()
    for name, frame in tables.items():
        con.register(f"_{name}_frame", frame)
        con.execute(f'CREATE VIEW "{name}" AS {_view_select(schema.table(name), f"_{name}_frame")}')
    return Dataset(path=path, tables=tables, con=con)


def read_table(path: Path, tbl: schema.Table) -> pd.DataFrame:
    """One table, typed by the schema, from Parquet or else CSV."""
    parquet = path / f"{tbl.name}.parquet"
    if parquet.exists():
        frame = pd.read_parquet(parquet)
    else:
        frame = pd.read_csv(path / f"{tbl.name}.csv", dtype=str, keep_default_na=False, na_values=[""])
        for col in tbl.columns:
            if col.type in ("string", "id", "category", "time"):
                frame[col.name] = frame[col.name].map(lambda v: None if pd.isna(v) else unescape_formula(v))
            elif col.type == "boolean":
                frame[col.name] = frame[col.name].map({"true": True, "false": False})
    return for_analysis(tbl, schema.coerce(tbl.name, frame))


def for_analysis(tbl: schema.Table, frame: pd.DataFrame) -> pd.DataFrame:
    """A built frame with the types analysts compute with: dates as `datetime64` (so `.dt.year`
    works) and times as `datetime.time` (local times in `schema.TIME_ZONE`)."""
    frame = frame.copy()
    for col in tbl.columns:
        if col.type == "date":
            frame[col.name] = pd.to_datetime(frame[col.name].astype("object"), format="ISO8601").astype("datetime64[ns]")
        elif col.type == "time":
            frame[col.name] = pd.Series([None if pd.isna(v) else dt.time.fromisoformat(v) for v in frame[col.name]],
                                        index=frame.index, dtype="object")
    return frame


def _view_select(tbl: schema.Table, source: str) -> str:
    """SELECT with date columns cast to DATE and time columns to TIME (pandas holds datetime64 and objects)."""
    casts = [f'CAST("{c.name}" AS {"DATE" if c.type == "date" else "TIME"}) AS "{c.name}"'
             for c in tbl.columns if c.type in ("date", "time")]
    replace = " REPLACE (" + ", ".join(casts) + ")" if casts else ""
    return f'SELECT *{replace} FROM "{source}"'
