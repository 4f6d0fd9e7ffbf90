"""Times as the crawl writes them (crawl_log, state, archive, reports): UTC to the second, `2026-11-27T07:00:00Z`."""
from __future__ import annotations

from datetime import datetime, timezone

STAMP = "%Y-%m-%dT%H:%M:%SZ"


def now_utc() -> str:
    """The time now."""
    return datetime.now(timezone.utc).strftime(STAMP)


def iso_utc(timestamp: float) -> str:
    """The time of a POSIX timestamp (a file's mtime)."""
    return datetime.fromtimestamp(timestamp, tz=timezone.utc).strftime(STAMP)
