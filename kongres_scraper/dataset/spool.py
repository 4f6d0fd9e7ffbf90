"""Page records on disk while a crawl runs, read back page by page when the tables are built.

A broad crawl is tens of thousands of pages; holding every record (with its page text) in
memory until the crawl ends made memory grow with the crawl. The spool appends each record
as one JSON line as soon as it is extracted and keeps only each URL's line number, so the
crawl holds no page text; table building iterates it as often as it needs (the duplicate
search reads the texts, the tables read everything but them). A URL extracted twice keeps
its last record, as a re-fetch replaces the earlier parse.

Each page's duplicate signature (duplicates.page_signature, 512 bytes) is computed when the
page is added, while the crawl runs, and written to a second unnamed file (10 MB at 20,000
pages, none of it in memory), so table building only compares signatures; a re-fetched URL's
signature replaces the earlier one in place.
"""
from __future__ import annotations

import json
import os
import tempfile
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .duplicates import SIGNATURE_BYTES, page_signature


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
        self._lengths = array("i")  # per line: the length of its compared text
        self._rows = array("i")  # per line: its row of the signature file (-1: too short to compare)
        self._signatures = tempfile.TemporaryFile("w+b", buffering=0, prefix="kongres-signatures-", dir=directory)
        self._signed = 0  # rows in the signature file, SIGNATURE_BYTES each

    def add(self, record: dict[str, Any]) -> None:
        self._file.seek(0, os.SEEK_END)
        self._file.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n")
        length, signature = page_signature(record.get("text"))
        row = -1
        if signature is not None:
            earlier = self._last.get(record["url"])
            if earlier is not None and self._rows[earlier] >= 0:  # a re-fetch: its row is reused
                row, self._rows[earlier] = self._rows[earlier], -1
            else:
                row, self._signed = self._signed, self._signed + 1
            os.pwrite(self._signatures.fileno(), signature, row * SIGNATURE_BYTES)
        self._lengths.append(length)
        self._rows.append(row)
        self._last[record["url"]] = self._lines_added
        self._lines_added += 1

    def __len__(self) -> int:
        return len(self._last)

    def __bool__(self) -> bool:
        return bool(self._last)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        """The records in the order added, a chunk at a time; each pass keeps its own offset."""
        return map(json.loads, self._lines())

    def signatures(self) -> Iterator[tuple[int, bytes | None]]:
        """`page_signature` of each record, in the order of the iteration."""
        lines = sorted(self._last.values()) if len(self._last) < self._lines_added else range(self._lines_added)
        fd = self._signatures.fileno()
        for line in lines:
            row = self._rows[line]
            yield self._lengths[line], (os.pread(fd, SIGNATURE_BYTES, row * SIGNATURE_BYTES) if row >= 0 else None)

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
        """Drop the files (the records are in the tables, or the run was refused)."""
        self._file.close()
        self._signatures.close()

    def __enter__(self) -> "RecordSpool":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_CHUNK = 1 << 20
