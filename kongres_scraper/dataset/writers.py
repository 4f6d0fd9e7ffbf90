"""Write the tables as Parquet and CSV, plus datapackage.json and one SQLite file, byte-identically on re-runs.

Parquet keeps the types (dates, nullable integers, categories as dictionaries) for
notebooks; CSV is for spreadsheets and for Frictionless validation. Both are written
from frames cast by the schema and sorted by it, with no timestamps or run-specific
metadata, so two builds of the same input produce the same bytes and a diff of the
output is a diff of the data.

CSV cells of text columns that begin with `=`, `+`, `-`, `@`, a tab or a carriage return
get a leading apostrophe (`'`), the OWASP recipe against formula injection: a spreadsheet
then shows the text instead of running it. Parquet keeps the value unchanged; `loader`
removes the apostrophe when it reads a CSV.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import schema
from .datapackage import write_datapackage
from .sqlite import DB_NAME, creation_order, sqlite_file
from .stamps import iso_utc

#: Subdirectory of the spreadsheet copies (`write_csv_files`).
EXCEL_DIR = "excel"
_ONE_LINE = re.compile(r"\s*[\r\n]+\s*")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
_TEXT_TYPES = {"string", "id", "category", "time"}
#: Rows converted to CSV cells at a time.
CSV_ROWS = 5_000
#: Column types `schema.coerce` holds in pandas dtypes that Arrow reads as they are.
_ARROW_READY = {"string", "id", "integer", "boolean"}


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path, *, release: bool = False) -> None:
    """Write every table as `NAME.parquet` and `NAME.csv` under `out_dir`, datapackage.json and kongres.db.

    Tables of the schema missing from `tables` are written empty, so the package is always
    complete; `review` is written as review.csv only (it is for curators). One table at a time:
    its typed copy goes into every file, then is dropped before the next, so writing holds one
    table's copies, not all of them. `release=True` also drops each table from `tables` once it is
    written (a caller that needs the frames no more: a large run's tables then leave memory one by one).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_datapackage(out_dir, tables)
    with sqlite_file(out_dir / DB_NAME) as add_to_db:
        for tbl in creation_order():  # the SQLite file wants referred tables first; the other files do not mind
            raw = tables.pop(tbl.name, None) if release else tables.get(tbl.name)
            frame = schema.coerce(tbl.name, raw) if raw is not None else schema.empty_frame(tbl.name)
            del raw
            if tbl.in_package:
                write_parquet(tbl, frame, out_dir / f"{tbl.name}.parquet")
            write_csv_files(tbl, frame, out_dir)
            add_to_db(tbl, frame)
            del frame
            pa.default_memory_pool().release_unused()  # Arrow's allocator keeps freed pages for reuse otherwise


def write_parquet(tbl: schema.Table, frame: pd.DataFrame, path: Path) -> None:
    """Parquet with the schema's Arrow types and column descriptions."""
    arrays = [_arrow_column(frame[c.name], c) for c in tbl.columns]
    arrow_schema = schema.arrow_schema(tbl)
    # pandas' own metadata lets plain `pd.read_parquet` restore nullable integers and strings
    # (and times as `datetime.time`, not as text: the metadata is taken with times as objects).
    as_read = frame.assign(**{c.name: pd.Series([None] * len(frame), index=frame.index, dtype="object")
                              for c in tbl.columns if c.type == "time"})
    pandas_meta = pa.Schema.from_pandas(as_read, preserve_index=False).metadata
    table = pa.Table.from_arrays(arrays, schema=arrow_schema.with_metadata({**arrow_schema.metadata, **pandas_meta}))
    pq.write_table(table, path, compression="zstd", write_statistics=True)


def _arrow_column(values: pd.Series, col: schema.Column) -> pa.Array:
    if col.type == "category":
        return pa.array(values.astype("object").where(values.notna(), None), pa.string()).dictionary_encode()
    if col.type == "datetime":
        return pa.array(values, pa.timestamp("us", tz="UTC"))
    if col.type == "time":
        return pa.array([None if pd.isna(v) else dt.time.fromisoformat(v) for v in values], pa.time32("ms"))
    if col.type in _ARROW_READY:
        return pa.array(values, schema.arrow_type(col))  # no Python object per cell
    return pa.array(values.astype("object").where(values.notna(), None), schema.arrow_type(col))


def write_csv_files(tbl: schema.Table, frame: pd.DataFrame, out_dir: Path) -> None:
    """`NAME.csv` and its spreadsheet copy `excel/NAME.csv`, `CSV_ROWS` rows at a time.

    NAME.csv: UTF-8, ISO dates, `true`/`false`, empty cells for nulls, formula-escaped text.
    The spreadsheet copy: UTF-8 with a byte order mark, `;` between cells, one line per row.
    Excel on Windows reads a CSV without a BOM as the ANSI code page (`Wilk-RosiÅ„ska`) and a
    Polish-locale Excel splits on `;`; line breaks inside a cell (evidence quoted over several
    lines) become spaces so that every row is one line in any spreadsheet or `wc -l`.
    Both files are written from one conversion of each batch of rows to cells, so a large
    table's cells are never all Python objects at once.
    """
    sheet_path = out_dir / EXCEL_DIR / f"{tbl.name}.csv"
    sheet_path.parent.mkdir(parents=True, exist_ok=True)
    text = [c.name for c in tbl.columns if c.type in _TEXT_TYPES]
    with open(out_dir / f"{tbl.name}.csv", "w", encoding="utf-8", newline="") as plain, \
            open(sheet_path, "w", encoding="utf-8-sig", newline="") as sheet:
        for start in range(0, max(len(frame), 1), CSV_ROWS):  # an empty table: its header line
            part = frame.iloc[start:start + CSV_ROWS]
            cells = pd.DataFrame({c.name: _csv_column(part[c.name], c) for c in tbl.columns}, columns=tbl.column_names)
            cells.to_csv(plain, index=False, header=start == 0, lineterminator="\n")
            for name in text:
                cells[name] = cells[name].map(lambda v: _ONE_LINE.sub(" ", v) if isinstance(v, str) else v)
            cells.to_csv(sheet, index=False, header=start == 0, sep=";", lineterminator="\r\n")


def _csv_column(values: pd.Series, col: schema.Column) -> pd.Series:
    obj = values.astype("object").where(values.notna(), None)
    if col.type == "boolean":
        return obj.map(lambda v: None if v is None else ("true" if v else "false"))
    if col.type == "date":
        return obj.map(lambda v: None if v is None else v.isoformat())
    if col.type == "datetime":
        return obj.map(lambda v: None if v is None else iso_utc(v))
    if col.type in _TEXT_TYPES:
        return obj.map(escape_formula)
    return values


def escape_formula(value: str | None) -> str | None:
    """Prefix an apostrophe to text a spreadsheet would run as a formula."""
    if value is None:
        return None
    return ESCAPE + value if value.startswith(FORMULA_PREFIXES) else value


def unescape_formula(value: str | None) -> str | None:
    """Undo `escape_formula` (only where the apostrophe guards a formula character)."""
    if value is not None and value.startswith(ESCAPE) and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value
