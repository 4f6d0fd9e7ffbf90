"""A full disk or a read-only output is an error of the disk, not of the data: one line, its own exit code.

Without this, each write failed on its own: the archive logged one traceback per response
(two thousand under `-q`), the crawl went on to the end, and a 0-byte report was left on
the full disk. The crawl shell stops at the first such error (`crawl/state.py`,
`RunExtension.stop_for_write_error`); this module only tells these errors from others
and words the line: `disk_full` (exit 6) for a full disk or quota, `read_only` (exit 2)
for a read-only or unwritable output.
"""
from __future__ import annotations

import errno
import sqlite3

#: errors of the disk, not of the data: no traceback, one line naming the file
DISK_ERRNOS = (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM)
DISK_FULL = "disk_full"
READ_ONLY = "read_only"
_FULL = {errno.ENOSPC: "no space left on device", errno.EDQUOT: "disk quota exceeded"}
_READ_ONLY = {errno.EROFS: "read-only file system", errno.EACCES: "permission denied", errno.EPERM: "not permitted"}


def describe(exc: BaseException) -> tuple[str, str] | None:
    """(DISK_FULL or READ_ONLY, what happened) for an error of the disk rather than of the data, else None."""
    if isinstance(exc, OSError) and exc.errno in _FULL:
        return DISK_FULL, _FULL[exc.errno]
    if isinstance(exc, OSError) and exc.errno in _READ_ONLY:
        return READ_ONLY, _READ_ONLY[exc.errno]
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc).lower()
        if "disk is full" in text:
            return DISK_FULL, "no space left on device"
        if "readonly" in text or "read-only" in text:
            return READ_ONLY, "read-only file system"
    return None


def message(exc: BaseException, path: object, done: str = "crawl stopped") -> tuple[str, str] | None:
    """(kind, one line naming the file and what to do) for a disk error, else None."""
    described = describe(exc)
    if described is None:
        return None
    kind, what = described
    advice = "free some space and run again" if kind == DISK_FULL else "give an --output you can write to"
    return kind, f"{what} writing {path}: {done}, previous output left intact; {advice}"
