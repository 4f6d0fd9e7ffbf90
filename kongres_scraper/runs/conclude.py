"""The end of every run (crawl or reparse): refuse, or build, compare, check, write and publish.

Refuse when the crawl found nothing usable (or stopped early), else build the tables,
compute `changes` against the last good run, run the checks (`checks.py`), write
report.json and report.txt into the run directory, and move `latest` if they passed.
The result is one `Outcome` with one `Status`; cli.py maps each status to an exit code.
"""
from __future__ import annotations

import dataclasses
import gc
import hashlib
import json
import logging
import time
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Any, Iterable

from .. import __version__
from ..clock import now_utc
from . import disk
from .memory import bound_heap
from .checks import Check, load_thresholds, measure, render_text, run_checks
from .output import (ARCHIVE_NAME, REPORT_JSON, REPORT_TEXT, Run, latest_dir, publish, read_previous, read_report,
                     write_atomic, write_staged)

logger = logging.getLogger(__name__)


class Status(StrEnum):
    """How a run ended: the one vocabulary of report.json, the `Outcome` and the exit codes (cli.py)."""

    PUBLISHED = "published"          # tables written, `latest` moved to this run
    PARTIAL = "partial"              # published, but some source gave no page (site down, moved, blocking us?)
    CHECKS_FAILED = "checks_failed"  # tables kept in the run directory only; `latest` not moved
    REFUSED = "refused"              # nothing usable (or the crawl stopped early): no tables, previous output intact
    LOCKED = "locked"                # another process is writing this output: nothing done
    DISK_FULL = disk.DISK_FULL       # the output's disk filled up: stopped at the first failed write
    READ_ONLY = disk.READ_ONLY       # the output cannot be written: nothing done


@dataclass
class Outcome:
    """What a crawl or a reparse hands back to the command: the status, the run and what was written."""

    status: Status
    run: Run | None
    message: str = ""
    tables: dict[str, int] = field(default_factory=dict)
    report: dict[str, Any] = field(default_factory=dict)
    text: str = ""
    crawl: "CrawlSummary | None" = None  # the crawl's figures (None for a reparse)


@dataclass
class CrawlSummary:
    """The figures of a crawl, for the lines the command prints after it."""

    finish_reason: str | None = None
    fetched: int = 0
    records: int = 0
    errors: int = 0
    about_congress: int = 0
    seconds: float = 0.0
    per_host: dict[str, int] = field(default_factory=dict)
    state_dir: str | None = None  # incremental crawls: what the crawl state saved
    reused: dict[str, int] = field(default_factory=dict)  # bodies_downloaded, 304, lastmod, fresh, resume, records_reused
    gone: list[str] = field(default_factory=list)
    not_found_again: list[str] = field(default_factory=list)


def conclude(run: Run, records: Iterable[dict[str, Any]], crawl_log: list[dict[str, Any]],
             fetches: list[dict[str, Any]], finish_reason: str | None, *, allow_empty: bool = False,
             empty_sources: Iterable[str] = (), checks_file: str | Path | None = None,
             source: dict[str, Any] | None = None, timings: dict[str, float] | None = None,
             robots_refused: dict[str, str] | None = None) -> Outcome:
    """Refuse, or build + compare + check + write the run, and publish it when the checks pass.

    `records` is a list or the crawl's `RecordSpool` (read page by page, more than once).
    `fetches` are the crawl_log rows with the spider's `role` of each request (to tell a
    probe that found nothing from an error). `timings` (seconds of the crawl and of its
    extraction) go into report.json with the seconds of building, writing and checking.
    """
    timings = dict(timings or {})
    bound_heap()  # large column copies of building and writing go back to the system when dropped
    from ..dataset.sample import is_sample

    source = dict(source or {})
    source.setdefault("sources_hash", sources_hash(source.get("sources") or []))
    source["sample"] = is_sample(crawl_log)  # built from the bundled, mostly invented, sample web
    thresholds = load_thresholds(checks_file)
    previous_dir = latest_dir(run.out)
    previous_report = read_report(previous_dir)
    previous_id = previous_dir.name if previous_dir else None
    skipped: str | None = None
    about = any(r.get("about_congress") for r in records)  # stops at the first (a pass over a spool parses every page)
    empty_sources = list(empty_sources)

    refusal = None
    answered = any(f.get("status") is not None for f in fetches)
    if fetches and not answered and not records:
        refusal = (f"no site could be reached: all {len(fetches)} fetches failed before any answer "
                   "(network down, DNS failing, or a proxy needed?); previous output left intact")
    elif finish_reason not in (None, "finished"):
        refusal = f"the crawl stopped early ({finish_reason}); previous output in {run.out} left intact"
    elif not records:
        refusal = "no HTML page was fetched and extracted; previous output left intact"
    elif not about and not allow_empty:
        refusal = ("no page about the congress was found (did the sites change?); "
                   "previous output left intact (use --allow-empty to write anyway)")
    if refusal:
        metrics = measure(records, fetches, finish_reason, None, empty_sources, robots_refused)
        checks = run_checks(metrics, None, thresholds, allow_empty)
        return _finish(run, Status.REFUSED, refusal, metrics, checks, previous_id, None, source)

    try:
        from ..dataset import build_tables, write_tables
        from ..dataset.changes import compute_changes, summary
        from ..dataset.schema import CHANGE_TABLES
        from ..dataset.spill import SpilledTables

        # Sorted input: the same snapshot always gives the same tables (build_tables sorts the records).
        crawl_log = sorted(crawl_log, key=lambda r: (r["url"], r["fetched_at"] or ""))
        started = time.perf_counter()
        # The crawl's objects (Scrapy's, the crawl log) are left out of the collections that building
        # the tables sets off: a crawl of 5,000 pages spent 0.29 s of 1.9 in them, 0.06 s so.
        gc.freeze()
        # on disk, next to the output, and read back one at a time: this run's tables and the previous run's
        with SpilledTables(run.out) as tables, SpilledTables(run.out) as previous_tables:
            build_tables(records, crawl_log, into=tables)
            unreadable = read_previous(previous_dir, CHANGE_TABLES, previous_tables)[1] if previous_dir else None
            if unreadable:
                # a damaged `latest` must not stop every later crawl: compare with nothing, and say so
                logger.warning("comparison with the previous run %s skipped: %s", previous_id, unreadable)
                previous_report, skipped = None, unreadable
            compared = previous_tables if previous_dir and not unreadable else None
            changed = compute_changes(compared, tables, previous_id)
            previous_tables.close()  # compared: not kept while writing
            changes = summary(changed)
            tables["changes"] = changed
            del changed
            timings["build_s"] = round(time.perf_counter() - started, 2)
            started = time.perf_counter()
            # what the report needs of the tables, taken before writing drops them one by one
            metrics = measure(records, fetches, finish_reason, tables, empty_sources, robots_refused)
            rows = dict(metrics["rows"])
            measure_s = time.perf_counter() - started
            started = time.perf_counter()
            write_staged(tables, run.dir, partial(write_tables, release=True))
            timings["write_s"] = round(time.perf_counter() - started, 2)
    except Exception as exc:
        if disk.describe(exc):
            raise  # a full or read-only disk: the caller says so in one line
        logger.error("building or writing the tables failed", exc_info=True)
        metrics = measure(records, fetches, finish_reason, None, empty_sources, robots_refused)
        return _finish(run, Status.REFUSED, f"building or writing the tables failed: {type(exc).__name__}: {exc}",
                       metrics, [], previous_id, None, source)
    finally:
        gc.unfreeze()

    started = time.perf_counter()
    if skipped:
        metrics["comparison_skipped"] = skipped
    checks = run_checks(metrics, (previous_report or {}).get("metrics"), thresholds, allow_empty)
    passed = all(c.passed for c in checks)
    timings["checks_s"] = round(measure_s + time.perf_counter() - started, 2)
    message = ""
    if passed:
        status = Status.PARTIAL if empty_sources else Status.PUBLISHED
    else:
        status = Status.CHECKS_FAILED
        failed = [c.name for c in checks if not c.passed]
        message = (f"checks failed ({', '.join(failed)}): tables kept in {run.dir} only; "
                   f"latest left at {previous_id or 'nothing'}")
    outcome = _finish(run, status, message, metrics, checks, previous_id, changes, source, tables=rows,
                      timings=timings)
    if passed:
        publish(run)
    return outcome


def _finish(run: Run, status: Status, message: str, metrics: dict[str, Any], checks: list[Check],
            previous_id: str | None, changes: dict[str, Any] | None, source: dict[str, Any] | None,
            tables: dict[str, int] | None = None, timings: dict[str, float] | None = None) -> Outcome:
    """Write report.json and report.txt into the run directory."""
    report = {
        "run_id": run.run_id,
        "version": __version__,
        "sample": bool((source or {}).get("sample")),
        "status": str(status),
        "message": message,
        "started_at": run.started_at,
        "finished_at": now_utc(),
        "output": str(run.out),
        "source": source or {},
        "archive": ARCHIVE_NAME if run.archive.is_file() else None,
        "previous_run": previous_id,
        "latest": run.run_id if status in PUBLISHED else previous_id,
        "metrics": metrics,
        "checks": [c.as_dict() for c in checks],
        "changes": changes,
        "tables": tables,
        "timings": timings or {},  # seconds: crawl (of which extract), build, write, checks
    }
    text = render_text(report)
    run.dir.mkdir(parents=True, exist_ok=True)
    try:
        write_atomic(run.dir / REPORT_JSON, json.dumps(report, ensure_ascii=False, indent=2) + "\n")
        write_atomic(run.dir / REPORT_TEXT, text)
    except OSError as exc:
        if not disk.describe(exc):
            raise
        logger.debug("no report written in %s", run.dir, exc_info=True)  # the disk is full: said once, elsewhere
    return Outcome(status, run, message, tables or {}, report, text)


#: The statuses under which `latest` moved to the run.
PUBLISHED = (Status.PUBLISHED, Status.PARTIAL)


def sources_hash(sources: Iterable[Any]) -> str:
    """12 hex digits of the SHA-256 of a source list (each source's fields, or names), order-free.

    Run reports carry it, so two runs can be told to have crawled the same list or not.
    """
    items = sorted(json.dumps(dataclasses.asdict(s) if dataclasses.is_dataclass(s) else str(s), sort_keys=True,
                              default=str, ensure_ascii=False) for s in sources)
    return hashlib.sha256("\n".join(items).encode("utf-8")).hexdigest()[:12]
