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
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class RecordSpool:
    """An append-only JSON-lines file of page records; iterating yields the last record of each URL."""

    unique_urls = True  # iteration already keeps one record per URL (build_tables need not)

    def __init__(self, directory: Path | str | None = None) -> None:
        handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".jsonl", prefix="kongres-records-",
                                             dir=directory, delete=False)
        self.path = Path(handle.name)
        self._file = handle
        self._lines = 0
        self._last: dict[str, int] = {}  # URL -> its last line

    def add(self, record: dict[str, Any]) -> None:
        self._file.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        self._last[record["url"]] = self._lines
        self._lines += 1

    def __len__(self) -> int:
        return len(self._last)

    def __bool__(self) -> bool:
        return bool(self._last)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        self._file.flush()
        keep = set(self._last.values()) if len(self._last) < self._lines else None
        with self.path.open(encoding="utf-8") as lines:
            for k, line in enumerate(lines):
                if keep is None or k in keep:
                    yield json.loads(line)

    def close(self) -> None:
        """Delete the file (the records are in the tables, or the run was refused)."""
        self._file.close()
        self.path.unlink(missing_ok=True)

    def __enter__(self) -> "RecordSpool":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
