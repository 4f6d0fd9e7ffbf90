"""`kongres reparse ARCHIVE`: rebuild the tables from a run's WARC archive with today's extraction code.

No network, no Scrapy: the archive (written by crawl/archive.py) holds every response the spider got and, for every
crawl_log row, a metadata record with the row and the role of its request. Reading it
back, each HTML page of a page request is classified and extracted again exactly as the
spider does it (`classify`, `page_source`, `extract_page`), so its page type, error and
record are today's; every other row (discovery documents, HTTP errors, requests that got
no response) is taken as logged. The run then ends like a crawl (`runs.conclude`): a new
run directory with the tables, `changes`, the checks and the report, `latest` moved when
they pass. The archive is linked (or copied) into the new run directory.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..discovery.classify import PAGE_ROLES, classify, page_source
from ..discovery.report import settle
from ..discovery.sitemaps import MAX_SIZE, maybe_gunzip
from .conclude import Outcome, conclude
from .lock import OutputLock
from .output import clean_stale, start_run
from .warc import LOG_TYPE, RUN_TYPE


class ArchiveError(ValueError):
    """An archive that cannot be read; the message is meant for the user."""


@dataclass
class Replayed:
    """What a run's archive says: the items of the crawl, re-extracted, and how the crawl ended."""

    records: list[dict[str, Any]] = field(default_factory=list)
    crawl_log: list[dict[str, Any]] = field(default_factory=list)
    fetches: list[dict[str, Any]] = field(default_factory=list)
    finish_reason: str | None = None
    sources: list[str] = field(default_factory=list)
    pages_per_source: Counter = field(default_factory=Counter)
    run_id: str | None = None
    allow_empty: bool = False


def extract_response(url: str, status: int, headers: list[tuple[str, str]], body: bytes
                     ) -> tuple[dict[str, Any] | None, str | None, bytes] | None:
    """Extract an archived page as the spider does; None when the spider would not extract it.

    Returns (record, error, body as the spider hashed it).
    """
    from ..extract import NotHTMLError, extract_page

    # the header as the spider read it: the last Content-Type sent
    content_type = next((v for k, v in reversed(headers) if k.lower() == "content-type"), "")
    kind = classify(body, content_type)
    if kind == "gzip":
        try:
            body = maybe_gunzip(body, MAX_SIZE)  # the crawl's limit (SITEMAP_MAX_SIZE)
        except Exception:
            return None
        kind = classify(body, "")
    if kind != "html":
        return None
    try:
        return dict(extract_page(page_source(body, content_type), url)), None, body
    except NotHTMLError as exc:
        return None, f"not HTML: {exc}", body
    except Exception as exc:
        return None, f"extraction failed: {type(exc).__name__}: {exc}", body


def read_archive(path: Path) -> Replayed:
    """Read a run's archive and re-extract its pages (streaming: bodies are kept until their row is read)."""
    out = Replayed()
    pending: dict[str, tuple[str, int, list[tuple[str, str]], bytes]] = {}
    try:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                _read_record(record, pending, out)
    except ArchiveLoadFailed as exc:
        raise ArchiveError(f"{path}: not a WARC archive ({exc})") from None
    except (OSError, EOFError) as exc:  # a truncated archive: keep what was read
        if not out.crawl_log:
            raise ArchiveError(f"{path}: unreadable archive ({type(exc).__name__}: {exc})") from None
    return out


def _read_record(record: Any, pending: dict[str, Any], out: Replayed) -> None:
    headers = record.rec_headers
    if record.rec_type == "response":
        http = record.http_headers
        status = int(http.get_statuscode()) if http else 0
        pending[headers.get_header("WARC-Record-ID")] = (
            headers.get_header("WARC-Target-URI"), status, list(http.headers) if http else [],
            record.content_stream().read())
        return
    if record.rec_type != "metadata":
        return
    ctype = headers.get_header("Content-Type") or ""
    if ctype not in (LOG_TYPE, RUN_TYPE):
        return
    try:
        payload = json.loads(record.content_stream().read().decode("utf-8"))
    except ValueError:  # a record torn by a crash: the rows before it stand
        return
    if ctype == RUN_TYPE:
        out.finish_reason = payload.get("finish_reason")
        out.sources = list(payload.get("sources") or [])
        out.run_id = payload.get("run_id")
        out.allow_empty = bool(payload.get("allow_empty"))
        settle((*out.crawl_log, *out.fetches), payload.get("found_by") or {})
        return
    log = dict(payload["log"])
    role = payload.get("role")
    response = pending.pop(headers.get_header("WARC-Refers-To") or "", None)
    record_out = None
    if response is not None and role in PAGE_ROLES and response[1] < 400:
        url, status, http_headers, body = response
        extracted = extract_response(url, status, http_headers, body)
        if extracted is not None:
            record_out, error, hashed = extracted
            log.update(page_type=record_out.get("page_type") if record_out else None, error=error,
                       content_hash=hashlib.sha256(hashed).hexdigest() if hashed else None)
    out.crawl_log.append(log)
    out.fetches.append({**log, "role": role})
    if record_out is not None:
        out.records.append(record_out)
        out.pages_per_source[payload.get("source") or ""] += 1


def reparse(archive: Path, output: Path, *, checks_file: str | Path | None = None,
            allow_empty: bool | None = None) -> Outcome:
    """Re-parse `archive` into a new run of `output`; returns the run's `Outcome`.

    Raises `ArchiveError` (unreadable archive) and `lock.OutputLocked` (a crawl is writing `output`).
    """
    replayed = read_archive(archive)
    if not replayed.crawl_log:
        raise ArchiveError(f"{archive}: no crawl_log records (not an archive written by kongres crawl?)")
    lock = OutputLock(output).acquire()  # OutputLocked: a crawl is writing this output
    try:
        clean_stale(output)  # what a killed run left behind (we hold the lock)
        run = start_run(output, f"reparse\n{Path(archive).resolve()}")
        _link_or_copy(Path(archive), run.archive)
        empty = [n for n in replayed.sources if not replayed.pages_per_source[n]]
        source = {"kind": "reparse", "archive": str(Path(archive).resolve()), "archived_run": replayed.run_id,
                  "sources": replayed.sources}
        # an archive without its closing record is the archive of an interrupted crawl
        reason = replayed.finish_reason or "interrupted (the archive has no closing record)"
        return conclude(run, replayed.records, replayed.crawl_log, replayed.fetches, reason,
                        allow_empty=replayed.allow_empty if allow_empty is None else allow_empty,
                        empty_sources=empty, checks_file=checks_file, source=source)
    finally:
        lock.release()


def _link_or_copy(src: Path, dst: Path) -> None:
    if src.resolve() == dst.resolve():
        return
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)

