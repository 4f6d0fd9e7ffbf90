"""The `changes` table: rows added, changed or removed since the previous good run.

Rows are matched by the table's primary key from `schema.py`, except crawl_log, which is
matched by URL with its fetch time ignored (every live crawl fetches at a new time; what
matters is whether a page's content hash, status or type changed). Values are compared
as they are written to CSV, so a change of dtype alone is no change.

A first run makes every row of every table an `added` row (a quarter of a million at
20,000 pages), so the comparison works on columns, not on a dict per row: the keys are read
first, then one column at a time is rendered and compared for the keys both runs have, and
only the rows that changed or went away are turned into JSON.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from . import schema
from .writers import _csv_column, unescape_formula

#: Columns left out of the comparison, per table.
IGNORED = {"crawl_log": ("fetched_at",)}
#: Key columns, where they differ from the primary key.
KEYS = {"crawl_log": ("url",)}


def key_columns(name: str) -> tuple[str, ...]:
    return KEYS.get(name, schema.table(name).primary_key)


def _plain_column(frame: pd.DataFrame, col: schema.Column) -> list[Any]:
    """A column's values as written to CSV, unescaped, as plain Python values (None for empty)."""
    values = _csv_column(frame[col.name], col).astype("object").tolist()
    # str and int are already plain unless a string carries the formula apostrophe
    return [v if (type(v) is str and not v.startswith("'")) or type(v) is int else _json_value(v) for v in values]


def _json_value(value: Any) -> Any:
    if value is None or (not isinstance(value, (list, dict, str)) and pd.isna(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, str) and value.startswith("'"):
        value = unescape_formula(value)
    return value


def _typed(name: str, frame: pd.DataFrame | None) -> pd.DataFrame | None:
    """The frame as `schema.coerce` leaves it: typed and sorted (a frame built by `build_tables` is
    already both, and `coerce` then neither casts nor sorts it again)."""
    return None if frame is None else schema.coerce(name, frame)


def _keys(name: str, frame: pd.DataFrame) -> list[str]:
    """The key of each row: its key columns' plain values joined by ` | ` (empty for None)."""
    by_name = {c.name: c for c in schema.table(name).columns}
    parts = [_plain_column(frame, by_name[k]) for k in key_columns(name)]
    texts = [["" if v is None else str(v) for v in values] for values in parts]
    return texts[0] if len(texts) == 1 else [" | ".join(row) for row in zip(*texts)]


def _objects(values: list[Any]) -> np.ndarray:
    """A 1-d object array of the values (`np.array` would build a 2-d array from lists)."""
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _dump(values: dict[str, Any]) -> str:
    return json.dumps(values, ensure_ascii=False, sort_keys=False, default=str)


class _Rows:
    """The changes table as columns (a row dict each would be a quarter of a million dicts)."""

    def __init__(self) -> None:
        self.columns: dict[str, list] = {c: [] for c in ("table_name", "key", "change", "columns", "before", "after")}

    def add(self, name: str, keys: list[str], change: str, columns: list | None = None,
            before: list | None = None, after: list | None = None) -> None:
        n = len(keys)
        self.columns["table_name"].extend([name] * n)
        self.columns["key"].extend(keys)
        self.columns["change"].extend([change] * n)
        for c, values in (("columns", columns), ("before", before), ("after", after)):
            self.columns[c].extend(values if values is not None else [None] * n)


def _compare(name: str, new: pd.DataFrame | None, old: pd.DataFrame | None, out: _Rows) -> None:
    """Add one table's changes to `out`; a key seen twice in a table keeps its last row."""
    tbl = schema.table(name)
    new = _typed(name, new)
    old = _typed(name, old)
    new_at = {k: i for i, k in enumerate(_keys(name, new))} if new is not None else {}
    old_at = {k: i for i, k in enumerate(_keys(name, old))} if old is not None else {}
    out.add(name, [k for k in new_at if k not in old_at], "added")
    removed = [k for k in old_at if k not in new_at]
    common = [k for k in new_at if k in old_at]
    if not removed and not common:
        return
    ignored = set(IGNORED.get(name, ()))
    new_rows = np.fromiter((new_at[k] for k in common), dtype=np.int64, count=len(common))
    old_rows = np.fromiter((old_at[k] for k in common), dtype=np.int64, count=len(common))
    gone_rows = [old_at[k] for k in removed]
    gone: list[dict[str, Any]] = [{} for _ in removed]
    changed: dict[int, list[str]] = {}  # position in `common` -> its changed columns, in column order
    before: dict[int, dict[str, Any]] = {}
    after: dict[int, dict[str, Any]] = {}
    for col in tbl.columns:  # one column of both runs at a time
        old_values = _plain_column(old, col)
        for row, i in zip(gone, gone_rows):
            row[col.name] = old_values[i]
        if col.name in ignored or not common:
            continue
        a = _objects(_plain_column(new, col))[new_rows]
        b = _objects(old_values)[old_rows]
        for j in np.flatnonzero(a != b).tolist():
            changed.setdefault(j, []).append(col.name)
            before.setdefault(j, {})[col.name] = b[j]
            after.setdefault(j, {})[col.name] = a[j]
    out.add(name, removed, "removed", before=[_dump(row) for row in gone])
    order = sorted(changed)
    out.add(name, [common[j] for j in order], "changed", columns=[" ".join(changed[j]) for j in order],
            before=[_dump(before[j]) for j in order], after=[_dump(after[j]) for j in order])


def compute_changes(previous: Mapping[str, pd.DataFrame] | None, current: Mapping[str, pd.DataFrame],
                    previous_run: str | None = None) -> pd.DataFrame:
    """The `changes` frame between two sets of tables (`previous` None: every row is added)."""
    out = _Rows()
    for name in schema.CHANGE_TABLES:
        _compare(name, current.get(name), (previous or {}).get(name), out)
    frame = pd.DataFrame(out.columns, dtype=object)  # as objects: see schema.frame_of
    frame["previous_run"] = previous_run
    return schema.coerce("changes", frame)


def summary(changes: pd.DataFrame) -> dict[str, dict[str, int]]:
    """{table: {added: n, changed: n, removed: n}} for the tables with any change."""
    out: dict[str, dict[str, int]] = {}
    for (name, kind), count in changes.groupby(["table_name", "change"], observed=True).size().items():
        if count:
            out.setdefault(str(name), {k: 0 for k in schema.CHANGE_KINDS})[str(kind)] = int(count)
    return out
