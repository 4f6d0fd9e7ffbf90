"""Page records on disk while a crawl runs, read back page by page when the tables are built.

A broad crawl is tens of thousands of pages; holding every record (with its page text) in
memory until the crawl ends made memory grow with the crawl. The spool appends each record
as one JSON line as soon as it is extracted and keeps only each URL's line number, so the
crawl holds no page text; table building iterates it as often as it needs (the duplicate
search reads the texts, the tables read everything but them). A URL extracted twice keeps
its last record, as a re-fetch replaces the earlier parse.
"""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class RecordSpool:
    """An append-only JSON-lines file of page records; iterating yields the last record of each URL.

    The file has no name on disk (a `tempfile.TemporaryFile`), so nothing is left behind
    when the crawl ends, fails or is killed.
    """

    unique_urls = True  # iteration already keeps one record per URL (build_tables need not)

    def __init__(self, directory: Path | str | None = None) -> None:
        self._file = tempfile.TemporaryFile("w+b", prefix="kongres-records-", suffix=".jsonl", dir=directory)
        self._lines_added = 0
        self._last: dict[str, int] = {}  # URL -> its last line

    def add(self, record: dict[str, Any]) -> None:
        self._file.seek(0, os.SEEK_END)
        self._file.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n")
        self._last[record["url"]] = self._lines_added
        self._lines_added += 1

    def __len__(self) -> int:
        return len(self._last)

    def __bool__(self) -> bool:
        return bool(self._last)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        """The records in the order added, a chunk at a time; each pass keeps its own offset."""
        return map(json.loads, self._lines())

    def records_at(self, positions: set[int]) -> Iterator[tuple[int, dict[str, Any]]]:
        """(position, record) of the records at these positions of the iteration order, in that
        order; the other lines are skipped without being parsed."""
        for k, line in enumerate(self._lines()):
            if k in positions:
                yield k, json.loads(line)

    def _lines(self) -> Iterator[bytes]:
        self._file.flush()
        keep = set(self._last.values()) if len(self._last) < self._lines_added else None
        offset, rest, k = 0, b"", 0
        while True:
            self._file.seek(offset)
            chunk = self._file.read(_CHUNK)
            if not chunk:
                return
            offset += len(chunk)
            lines = (rest + chunk).split(b"\n")
            rest = lines.pop()
            for line in lines:
                if keep is None or k in keep:
                    yield line
                k += 1

    def close(self) -> None:
        """Drop the file (the records are in the tables, or the run was refused)."""
        self._file.close()

    def __enter__(self) -> "RecordSpool":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_CHUNK = 1 << 20
