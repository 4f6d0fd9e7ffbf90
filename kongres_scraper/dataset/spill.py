"""Built tables kept on disk until they are compared, measured and written, one at a time.

A run builds fourteen tables, then compares them with the previous run, measures them and
writes them. Held as frames from the first built to the last written, the tables of a
20,000-page crawl were about 90 MB of Arrow memory on top of the peak of building the
next ones. `SpilledTables` is the mapping `build_tables` fills instead when a run asks it
to: each frame is pickled into one unnamed temporary file as soon as it is made (pickle
gives back the very frame: dtypes, categories, order) and read back on each access, so the
run holds one table at a time.
"""
from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator, MutableMapping
from pathlib import Path

import pandas as pd

from . import schema

_ORDER = {t.name: k for k, t in enumerate(schema.TABLES)}
_PROTOCOL = pickle.HIGHEST_PROTOCOL


class SpilledTables(MutableMapping[str, pd.DataFrame]):
    """Tables by name, pickled in an unnamed temporary file; each access reads a fresh copy back.

    Iterates in the schema's table order (other names after, as added), whatever order the
    tables were built in, as the dict `build_tables` returns does. The file has no name on
    disk, so nothing is left behind when the run ends, fails or is killed; a table stored
    again under its name leaves its old bytes in the file until `close`.
    """

    def __init__(self, directory: Path | str | None = None) -> None:
        self._file = tempfile.TemporaryFile("w+b", prefix="kongres-tables-", dir=directory)
        self._at: dict[str, int] = {}  # name -> where its pickle starts

    def __setitem__(self, name: str, frame: pd.DataFrame) -> None:
        """Pickle the frame a column at a time: pickling a string column copies it (pandas hands pickle its
        chunks combined), and one pickle of the whole frame keeps every column's copy until the end."""
        self._file.seek(0, 2)
        self._at[name] = self._file.tell()
        pickle.dump((frame.iloc[:, :0], list(frame.columns)), self._file, _PROTOCOL)  # the index: a frame without columns
        for column in frame.columns:
            pickle.dump(frame[column], self._file, _PROTOCOL)

    def __getitem__(self, name: str) -> pd.DataFrame:
        self._file.seek(self._at[name])
        indexed, columns = pickle.load(self._file)
        return pd.DataFrame({column: pickle.load(self._file) for column in columns}, index=indexed.index,
                            columns=columns, copy=False)

    def __delitem__(self, name: str) -> None:
        del self._at[name]

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._at, key=lambda name: _ORDER.get(name, len(_ORDER))))

    def __len__(self) -> int:
        return len(self._at)

    def close(self) -> None:
        """Drop the file (the tables are written, or the run failed)."""
        self._file.close()

    def __enter__(self) -> "SpilledTables":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
