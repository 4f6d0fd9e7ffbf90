"""Every table in one SQLite file (`kongres.db`), for Datasette and for anyone with `sqlite3`.

Built from `schema.py` like the Parquet, CSV and datapackage writers, so a table or a
column added there appears here with its primary key, foreign keys, indexes and search
index, without touching this module:

- each table gets its columns in schema order, `NOT NULL` on required columns, its
  primary key and the foreign keys that refer to a primary key (SQLite does not enforce
  them unless asked; Datasette reads them to show a `person_id` as the person's name and
  link it to the person). A reference to another unique column (`source_url` →
  `articles.url`) is indexed but not declared: Datasette would follow it as if it were the
  primary key and link to pages that do not exist; left plain, the URL is a link to the page;
- every foreign-key column is indexed, and so is every column another table refers to
  that is not already a primary key (`articles.url`, unique), so joins do not scan;
- text columns named `name`, `title`, `evidence` or `position` are searchable with an
  FTS5 index per table (`people_fts`, …) that folds case and Polish diacritics.

Values are those of the CSV without the spreadsheet escaping (as in Parquet): dates and
UTC times as ISO text, booleans as 0/1, editions as integers. The file is written to a
temporary name and moved into place, so a failed write never leaves half a database.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import sqlite_utils

from . import schema
from .stamps import iso_utc

DB_NAME = "kongres.db"
#: Columns whose words are worth searching: names of people and organisations, titles, quoted text.
FTS_COLUMNS = ("name", "title", "evidence", "position")
#: Case- and diacritic-insensitive words: `Kępka` is found by `kepka`.
FTS_TOKENIZE = "unicode61 remove_diacritics 2"
_SQL_TYPE = {"integer": int, "boolean": int}
#: Rows converted to Python tuples at a time when a table is inserted.
ROW_BATCH = 10_000


def fts_columns(tbl: schema.Table) -> list[str]:
    """The columns of a table that its full-text index covers (empty: the table has none)."""
    return [c.name for c in tbl.columns if c.type == "string" and c.name in FTS_COLUMNS]


def declared_foreign_keys(tbl: schema.Table) -> list[schema.ForeignKey]:
    """The table's foreign keys that refer to a primary key (the others are indexed only, see above)."""
    return [fk for fk in tbl.foreign_keys if (fk.ref_column,) == schema.table(fk.ref_table).primary_key]


def indexed_columns(tbl: schema.Table) -> list[tuple[str, bool]]:
    """(column, unique) pairs to index: foreign-key columns, and columns other tables refer to."""
    out: list[tuple[str, bool]] = []
    for fk in tbl.foreign_keys:
        if (fk.column, False) not in out and (fk.column,) != tbl.primary_key:
            out.append((fk.column, False))
    referred = {fk.ref_column for other in schema.TABLES for fk in other.foreign_keys if fk.ref_table == tbl.name}
    for col in tbl.columns:
        if col.name in referred and (col.name,) != tbl.primary_key:
            out = [(n, u) for n, u in out if n != col.name] + [(col.name, col.unique)]
    return out


def creation_order() -> list[schema.Table]:
    """The schema's tables, each after the tables its foreign keys refer to (SQLite checks them on CREATE)."""
    done: list[schema.Table] = []
    pending = list(schema.TABLES)
    while pending:
        ready = [t for t in pending
                 if all(fk.ref_table in {d.name for d in done} | {t.name} for fk in t.foreign_keys)]
        if not ready:
            raise ValueError(f"foreign keys form a cycle among {[t.name for t in pending]}")
        done.append(ready[0])
        pending.remove(ready[0])
    return done


def sql_rows(tbl: schema.Table, frame: pd.DataFrame) -> Iterator[tuple]:
    """The frame's rows as tuples of plain Python values (schema column order, SQLite representation).

    Converted `ROW_BATCH` rows at a time: a table of a large crawl is never held as Python tuples whole.
    """
    for start in range(0, len(frame), ROW_BATCH):
        part = frame.iloc[start:start + ROW_BATCH]
        yield from zip(*(_sql_column(part[c.name], c) for c in tbl.columns))


def _sql_column(values: pd.Series, col: schema.Column) -> list:
    obj = values.astype("object").where(values.notna(), None)
    if col.type == "integer":
        return [None if v is None else int(v) for v in obj]
    if col.type == "boolean":
        return [None if v is None else int(bool(v)) for v in obj]
    if col.type == "date":
        return [None if v is None else v.isoformat() for v in obj]
    if col.type == "datetime":
        return [None if v is None else iso_utc(v) for v in obj]
    return [None if v is None else str(v) for v in obj]


def write_sqlite(tables: dict[str, pd.DataFrame], path: Path) -> Path:
    """Write every schema table into the SQLite file `path` (replacing it) and return the path.

    Tables of the schema missing from `tables` are written empty, as `write_tables` does.
    """
    with sqlite_file(path) as add:
        for tbl in creation_order():
            add(tbl, schema.coerce(tbl.name, tables[tbl.name]) if tbl.name in tables else schema.empty_frame(tbl.name))
    return Path(path)


@contextmanager
def sqlite_file(path: Path) -> Iterator[Callable[[schema.Table, pd.DataFrame], None]]:
    """The SQLite file `path` being written: yields `add(table, coerced_frame)`, to call in `creation_order()`.

    Tables are added one at a time, so a writer can drop each frame once it is in (`write_tables`
    writes every file of a table, then the next). The file is moved into place when the block ends
    without an error; on an error it is removed and `path` is left as it was.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        tmp.unlink()  # sqlite-utils creates the file itself
        db = sqlite_utils.Database(tmp)
        # A new file under a temporary name: no journal and no sync per insert batch (which cost
        # a disk flush per 1,000 rows); a crash leaves only the temporary file, removed below.
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")

        def add(tbl: schema.Table, frame: pd.DataFrame) -> None:
            _create(db, tbl)
            _fill(db, tbl, frame)

        try:
            yield add
            db.execute("ANALYZE")  # statistics for the query planner; deterministic for the same rows
            db.conn.commit()
        finally:
            db.close()
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _create(db: sqlite_utils.Database, tbl: schema.Table) -> None:
    columns = {c.name: _SQL_TYPE.get(c.type, str) for c in tbl.columns}
    pk = tbl.primary_key[0] if len(tbl.primary_key) == 1 else tbl.primary_key
    foreign_keys = [(fk.column, fk.ref_table, fk.ref_column) for fk in declared_foreign_keys(tbl)]
    db[tbl.name].create(columns, pk=pk, foreign_keys=foreign_keys, column_order=tbl.column_names,
                        not_null={c.name for c in tbl.columns if c.required})


def _fill(db: sqlite_utils.Database, tbl: schema.Table, frame: pd.DataFrame) -> None:
    table = db[tbl.name]
    # one prepared INSERT for all rows: the values are already typed, nothing for sqlite-utils to infer
    columns = ", ".join(f'"{name}"' for name in tbl.column_names)
    marks = ", ".join("?" for _ in tbl.columns)
    db.conn.executemany(f'INSERT INTO "{tbl.name}" ({columns}) VALUES ({marks})', sql_rows(tbl, frame))
    for column, unique in indexed_columns(tbl):
        table.create_index([column], unique=unique, find_unique_name=True)
    searchable = fts_columns(tbl)
    if searchable:
        table.enable_fts(searchable, tokenize=FTS_TOKENIZE)
        table.populate_fts(searchable)
