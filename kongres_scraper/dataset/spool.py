"""Page records on disk while a crawl runs, read back page by page when the tables are built.

A broad crawl is tens of thousands of pages; holding every record (with its page text) in
memory until the crawl ends made memory grow with the crawl. The spool appends each record
as one JSON line as soon as it is extracted and keeps only each URL's line number, so the
crawl holds no page text; table building iterates it as often as it needs. A URL extracted
twice keeps its last record, as a re-fetch replaces the earlier parse.

Each page's duplicate signature and compared text (duplicates.page_signature: 512 bytes and
at most 4,000) are computed when the page is added, while the crawl runs, and appended to a
second unnamed file (none of it in memory: 12 bytes per page say where), so table building
only compares signatures and reads back the candidates' compared texts; a re-fetched URL's
last record gives its signature, as it gives its record. The spooled record is the rest of
the record: no table has the page text, and every pass over the spool would parse it again.
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
        self._at = array("q")  # per line: where its signature and compared text start in `_signed` (-1: none)
        self._signed = tempfile.TemporaryFile("w+b", buffering=0, prefix="kongres-signatures-", dir=directory)
        self._signed_size = 0

    def add(self, record: dict[str, Any]) -> None:
        """Spool a record without its text: its duplicate signature and compared text are all the tables need of it."""
        self._file.seek(0, os.SEEK_END)
        kept = {k: v for k, v in record.items() if k != "text"}
        self._file.write(json.dumps(kept, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n")
        compared, signature = page_signature(record.get("text"))
        at = -1
        if signature is not None:
            at = self._signed_size
            self._signed_size += os.pwrite(self._signed.fileno(), signature + compared.encode("ascii"), at)
        self._lengths.append(len(compared))
        self._at.append(at)
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
        """(length of the compared text, signature or None) of each record, in the order of the iteration:
        what `CopyFinder.add_signed` takes."""
        fd = self._signed.fileno()
        for line in self._kept():
            at = self._at[line]
            yield self._lengths[line], (os.pread(fd, SIGNATURE_BYTES, at) if at >= 0 else None)

    def compared_at(self, positions: set[int]) -> Iterator[tuple[int, str]]:
        """(position, compared text) of the records at these positions of the iteration order
        that have a signature, in that order: read back as spooled, nothing parsed or folded."""
        fd, kept = self._signed.fileno(), self._kept()
        for k in sorted(positions):
            line = kept[k]
            if self._at[line] >= 0:
                yield k, os.pread(fd, self._lengths[line], self._at[line] + SIGNATURE_BYTES).decode("ascii")

    def _kept(self) -> list[int] | range:
        """The lines iterated: each URL's last."""
        return sorted(self._last.values()) if len(self._last) < self._lines_added else range(self._lines_added)

    def _lines(self) -> Iterator[bytes]:
        self._file.flush()
        kept = self._kept()
        keep = None if isinstance(kept, range) else set(kept)
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
        self._signed.close()

    def __enter__(self) -> "RecordSpool":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_CHUNK = 1 << 20
