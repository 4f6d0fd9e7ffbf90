"""A full disk or a read-only output stops the crawl at the first failed write, with one line to say so.

Without this, each later write fails on its own: the archive logged one traceback per
response (two thousand under `-q`), the crawl went on to the end, and a 0-byte report was
left on the full disk. The first write error is recorded in the crawl stats
(`kongres/write_error`) and the spider is closed with the reason `write_error`; the
`kongres` command then prints that one message and exits with `exit_code()`:
6 for a full disk (or quota), 2 for a read-only or unwritable output.
"""
from __future__ import annotations

import errno
import logging
import sqlite3
from typing import Any

logger = logging.getLogger(__name__)

WRITE_ERROR_STAT = "kongres/write_error"
FINISH_REASON = "write_error"
DISK_FULL_EXIT = 6
READ_ONLY_EXIT = 2
_FULL = {errno.ENOSPC: "no space left on device", errno.EDQUOT: "disk quota exceeded"}
_READ_ONLY = {errno.EROFS: "read-only file system", errno.EACCES: "permission denied", errno.EPERM: "not permitted"}


def describe(exc: BaseException) -> tuple[int, str] | None:
    """(exit code, what happened) for an error of the disk rather than of the data, else None."""
    if isinstance(exc, OSError) and exc.errno in _FULL:
        return DISK_FULL_EXIT, _FULL[exc.errno]
    if isinstance(exc, OSError) and exc.errno in _READ_ONLY:
        return READ_ONLY_EXIT, _READ_ONLY[exc.errno]
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc).lower()
        if "disk is full" in text or "disk i/o error" in text:
            return DISK_FULL_EXIT, "no space left on device"
        if "readonly" in text or "read-only" in text:
            return READ_ONLY_EXIT, "read-only file system"
    return None


def message(exc: BaseException, path: Any) -> tuple[int, str] | None:
    """(exit code, one line naming the file and what to do) for a disk error, else None."""
    described = describe(exc)
    if described is None:
        return None
    code, what = described
    advice = ("free some space and run again" if code == DISK_FULL_EXIT
              else "write to a directory you can write to (--output)")
    return code, f"{what} writing {path}: crawl stopped, previous output left intact; {advice}"


def stop_on_write_error(crawler: Any, exc: BaseException, path: Any) -> bool:
    """Record the first disk error and close the spider; False when `exc` is no disk error (re-raise it)."""
    found = message(exc, path)
    if found is None:
        return False
    stats = crawler.stats
    if stats.get_value(WRITE_ERROR_STAT) is None:
        code, text = found
        stats.set_value(WRITE_ERROR_STAT, {"exit": code, "message": text})
        logger.info("stopping the crawl: %s", text)
        engine = getattr(crawler, "engine", None)
        if engine is not None and getattr(engine, "running", False):
            from scrapy.utils.defer import deferred_from_coro

            deferred_from_coro(engine.close_spider_async(reason=FINISH_REASON))
    return True


def write_error(stats: Any) -> dict[str, Any] | None:
    """The recorded disk error of a crawl ({"exit": code, "message": line}), if any."""
    return stats.get_value(WRITE_ERROR_STAT)
