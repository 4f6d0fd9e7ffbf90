"""The WARC format of a run's archive (`OUT/runs/<run-id>/archive.warc.gz`), without Scrapy.

What the archive holds is described in crawl/archive.py, which writes it; this module has
what the writer and the reader (runs/reparse.py) share: the content types of our metadata
records, WARC dates, and the repair of an archive whose last record was torn by a kill.
"""
from __future__ import annotations

import logging
import zlib
from datetime import datetime, timezone
from pathlib import Path

from ..clock import STAMP

logger = logging.getLogger(__name__)

#: WARC-Target-URI of the record that closes a run's archive.
RUN_URI = "urn:kongres:run"
#: Content type of our metadata records.
LOG_TYPE = "application/vnd.kongres.crawl-log+json"
RUN_TYPE = "application/vnd.kongres.run+json"


def warc_date(stamp: str | None) -> str:
    """A WARC-Date (`YYYY-MM-DDThh:mm:ssZ`) from an ISO 8601 time; now when missing or unreadable."""
    try:
        parsed = datetime.fromisoformat(stamp.replace("Z", "+00:00")) if stamp else None
    except ValueError:
        parsed = None
    parsed = (parsed or datetime.now(timezone.utc))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc).strftime(STAMP)


def keep_whole_records(path: Path) -> int:
    """Cut an archive after its last complete gzip member (records are one member each: a crawl
    killed mid-write leaves a torn one at the end); returns the archive's new size."""
    end = offset = 0
    member = zlib.decompressobj(16 + zlib.MAX_WBITS)
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            while chunk:
                try:
                    member.decompress(chunk)
                except zlib.error:  # garbage: nothing after `end` is kept
                    return _cut(path, end)
                if not member.eof:
                    offset += len(chunk)
                    break
                rest = member.unused_data
                offset += len(chunk) - len(rest)
                end = offset  # a whole member ends here
                member = zlib.decompressobj(16 + zlib.MAX_WBITS)
                chunk = rest
    return _cut(path, end)


def _cut(path: Path, end: int) -> int:
    if path.stat().st_size != end:
        logger.warning("%s: cutting a torn record at byte %d", path, end)
        with open(path, "r+b") as fh:
            fh.truncate(end)
    return end
