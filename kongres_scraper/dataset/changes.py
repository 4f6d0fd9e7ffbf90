"""The `changes` table: rows added, changed or removed since the previous good run.

Rows are matched by the table's primary key from `schema.py`, except crawl_log, which is
matched by URL with its fetch time ignored (every live crawl fetches at a new time; what
matters is whether a page's content hash, status or type changed). Values are compared
as they are written to CSV, so a change of dtype alone is no change.
"""
from __future__ import annotations

import json
from typing import Any

import pandas as pd

from . import schema
from .writers import _csv_column, unescape_formula

#: Columns left out of the comparison, per table.
IGNORED = {"crawl_log": ("fetched_at",)}
#: Key columns, where they differ from the primary key.
KEYS = {"crawl_log": ("url",)}


def key_columns(name: str) -> tuple[str, ...]:
    return KEYS.get(name, schema.table(name).primary_key)


def _plain(name: str, frame: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Rows of a table as {key: {column: plain value}} (values as written to CSV, unescaped)."""
    tbl = schema.table(name)
    frame = schema.coerce(name, frame)
    cols = {c.name: _csv_column(frame[c.name], c).astype("object") for c in tbl.columns}
    keys = key_columns(name)
    out: dict[str, dict[str, Any]] = {}
    for i in range(len(frame)):
        row = {c: _json_value(cols[c].iloc[i]) for c in tbl.column_names}
        key = " | ".join("" if row[k] is None else str(row[k]) for k in keys)
        out[key] = row  # crawl_log: a URL fetched twice keeps its last fetch
    return out


def _json_value(value: Any) -> Any:
    if value is None or (not isinstance(value, (list, dict, str)) and pd.isna(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, str) and value.startswith("'"):
        value = unescape_formula(value)
    return value


def _dump(values: dict[str, Any]) -> str:
    return json.dumps(values, ensure_ascii=False, sort_keys=False, default=str)


def compute_changes(previous: dict[str, pd.DataFrame] | None, current: dict[str, pd.DataFrame],
                    previous_run: str | None = None) -> pd.DataFrame:
    """The `changes` frame between two sets of tables (`previous` None: every row is added)."""
    rows: list[dict[str, Any]] = []
    for name in schema.CHANGE_TABLES:
        new = _plain(name, current[name]) if name in current else {}
        old = _plain(name, previous[name]) if previous and name in previous else {}
        ignored = set(IGNORED.get(name, ()))
        for key in new.keys() - old.keys():
            rows.append({"table_name": name, "key": key, "change": "added"})
        for key in old.keys() - new.keys():
            rows.append({"table_name": name, "key": key, "change": "removed", "before": _dump(old[key])})
        for key in new.keys() & old.keys():
            changed = [c for c in new[key] if c not in ignored and new[key][c] != old[key].get(c)]
            if changed:
                rows.append({
                    "table_name": name, "key": key, "change": "changed", "columns": " ".join(changed),
                    "before": _dump({c: old[key].get(c) for c in changed}),
                    "after": _dump({c: new[key][c] for c in changed}),
                })
    for row in rows:
        row["previous_run"] = previous_run
    return schema.frame_of("changes", rows)


def summary(changes: pd.DataFrame) -> dict[str, dict[str, int]]:
    """{table: {added: n, changed: n, removed: n}} for the tables with any change."""
    out: dict[str, dict[str, int]] = {}
    for (name, kind), count in changes.groupby(["table_name", "change"], observed=True).size().items():
        if count:
            out.setdefault(str(name), {k: 0 for k in schema.CHANGE_KINDS})[str(kind)] = int(count)
    return out
