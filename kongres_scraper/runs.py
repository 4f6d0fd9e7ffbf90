"""Runs of an output directory: a snapshot per run, `latest` moved only after the checks passed.

Layout of an output directory `OUT`:

    OUT/runs/<run-id>/      one directory per run: archive.warc.gz, the tables, datapackage.json,
                            report.txt and report.json (a refused run has only the archive and report)
    OUT/latest              symlink to runs/<run-id> of the last run that passed its checks
                            (a text file holding `runs/<run-id>` where symlinks are not available)
    OUT/*.parquet, *.csv,   copies of the tables of `latest`, so `pd.read_parquet("OUT/people.parquet")`
    OUT/datapackage.json    and `load_dataset("OUT")` keep working

A run id is the UTC start time and a short hash of what was crawled and where it is
written (`20261127T064512Z-3fa2c1`): ids sort by time, and a crawl of the same sources
into the same directory in the same second gets the same id (a `-2` is appended if that
directory exists).

`conclude` is the end of every run (crawl or reparse): refuse when the crawl found
nothing usable, else build the tables, compute `changes` against the last good run, run
the checks (`monitor.py`), write the report, and move `latest` if they passed.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable

from . import monitor
from .clock import now_utc

logger = logging.getLogger(__name__)

RUNS_DIR = "runs"
LATEST = "latest"
ARCHIVE_NAME = "archive.warc.gz"
REPORT_JSON = "report.json"
REPORT_TEXT = "report.txt"


def write_staged(tables: dict[str, Any], out_dir: Path, write_tables: Callable[[dict[str, Any], Path], None]) -> None:
    """Write the tables next to `out_dir`, then move each file into it.

    If writing fails, `out_dir` is untouched; files of `out_dir` that the writer does
    not produce (a README) stay. Each move is an atomic rename on one file system.
    """
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.staging-", dir=out_dir.parent))
    try:
        write_tables(tables, staging)
        out_dir.mkdir(exist_ok=True)
        for path in sorted(staging.iterdir()):
            if path.is_file():
                os.replace(path, out_dir / path.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def new_run_id(seed: str, now: datetime | None = None) -> str:
    """`YYYYMMDDTHHMMSSZ-xxxxxx`: the UTC time and 6 hex digits of the SHA-1 of `seed`."""
    now = now or datetime.now(timezone.utc)
    return f"{now:%Y%m%dT%H%M%SZ}-{hashlib.sha1(seed.encode('utf-8')).hexdigest()[:6]}"


def state_run_id(out: Path, state_id: str) -> str:
    """Our run id for a run of the crawl state (`2026-11-27T07:00:00Z-4242`): its start time and a hash."""
    digits = "".join(ch for ch in state_id.split("Z", 1)[0] if ch.isdigit())
    when = datetime.strptime(digits[:14], "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc) if len(digits) >= 14 else None
    return new_run_id(f"{Path(out).resolve()}\n{state_id}", when)


@dataclass
class Run:
    """One run writing into the output directory `out`."""

    out: Path
    run_id: str
    started_at: str = field(default_factory=now_utc)

    @property
    def dir(self) -> Path:
        return self.out / RUNS_DIR / self.run_id

    @property
    def archive(self) -> Path:
        return self.dir / ARCHIVE_NAME


def start_run(out: Path, seed: str, run_id: str | None = None) -> Run:
    """Create `OUT/runs/<run-id>/` for a new run (`run_id` given: reuse that directory, e.g. on resume)."""
    out = Path(out)
    if run_id:
        run = Run(out, run_id)
        run.dir.mkdir(parents=True, exist_ok=True)
        return run
    base = new_run_id(f"{out.resolve()}\n{seed}")
    (out / RUNS_DIR).mkdir(parents=True, exist_ok=True)
    for n in range(1, 1000):
        run = Run(out, base if n == 1 else f"{base}-{n}")
        try:
            run.dir.mkdir()
            return run
        except FileExistsError:
            continue
    raise RuntimeError(f"cannot create a run directory under {out / RUNS_DIR}")


def run_of(crawler: Any) -> Run:
    """The run of a Scrapy crawl, created on first use and shared by the archive and the pipeline."""
    run = getattr(crawler, "_kongres_run", None)
    if run is None:
        settings = crawler.settings
        spider = getattr(crawler, "spider", None)
        states = getattr(spider, "states", None) or {}
        sources = sorted((name, tuple(getattr(st.source, "start_urls", ()))) for name, st in states.items())
        seed = json.dumps([settings.get("KONGRES_OFFLINE_ROOT"), sources], default=str)
        out = Path(settings.get("KONGRES_OUTPUT_DIR", "output"))
        run_id = settings.get("KONGRES_RUN_ID")
        state = getattr(crawler, "_kongres_state", None)  # state.py's store of a live crawl
        if not run_id and getattr(state, "run_id", None):
            # one run id per state run: a resumed crawl continues its run directory and archive
            run_id = state_run_id(out, str(state.run_id))
        run = start_run(out, seed, run_id)
        crawler._kongres_run = run
    return run


# ---------------------------------------------------------------------------------------------- latest


def latest_dir(out: Path) -> Path | None:
    """The run directory `OUT/latest` points at, or None (no good run yet)."""
    link = Path(out) / LATEST
    if link.is_symlink():
        target = link.resolve()
        return target if target.is_dir() else None
    if link.is_file():
        target = Path(out) / link.read_text(encoding="utf-8").strip()
        return target if target.is_dir() else None
    return None


def set_latest(run: Run) -> None:
    """Point `OUT/latest` at the run, atomically (a symlink, else a pointer file)."""
    rel = Path(RUNS_DIR) / run.run_id
    tmp = run.out / f".{LATEST}.{os.getpid()}.tmp"
    if tmp.exists() or tmp.is_symlink():
        tmp.unlink()
    try:
        os.symlink(rel, tmp, target_is_directory=True)
    except (OSError, NotImplementedError):  # no symlinks here (some Windows setups)
        tmp.write_text(f"{rel.as_posix()}\n", encoding="utf-8")
    os.replace(tmp, run.out / LATEST)


def dataset_files() -> list[str]:
    """The files `write_tables` writes (what the top level of OUT mirrors)."""
    from .dataset import schema

    names = ["datapackage.json"]
    for tbl in schema.TABLES:
        if tbl.in_package:
            names.append(f"{tbl.name}.parquet")
        names.append(f"{tbl.name}.csv")
    return names


def sync_top_level(run: Run) -> None:
    """Make the tables at the top of OUT the ones of the run (hard links where possible)."""
    for name in dataset_files():
        src = run.dir / name
        if not src.is_file():
            continue
        tmp = run.out / f".{name}.{os.getpid()}.tmp"
        if tmp.exists():
            tmp.unlink()
        try:
            os.link(src, tmp)  # files are only ever replaced, never edited: sharing them is safe
        except OSError:
            shutil.copy2(src, tmp)
        os.replace(tmp, run.out / name)


def read_report(run_dir: Path | None) -> dict[str, Any] | None:
    if run_dir is None or not (run_dir / REPORT_JSON).is_file():
        return None
    try:
        return json.loads((run_dir / REPORT_JSON).read_text(encoding="utf-8"))
    except ValueError:
        return None


def read_tables(run_dir: Path, names: Iterable[str]) -> dict[str, Any]:
    import pandas as pd

    return {n: pd.read_parquet(run_dir / f"{n}.parquet") for n in names if (run_dir / f"{n}.parquet").is_file()}


# ---------------------------------------------------------------------------------------------- conclude


@dataclass
class Outcome:
    """How a run ended: `published` (latest moved), `checks_failed` (tables in the run dir only) or `refused`."""

    status: str
    run: Run
    message: str = ""
    tables: dict[str, int] = field(default_factory=dict)
    report: dict[str, Any] = field(default_factory=dict)
    text: str = ""


def conclude(run: Run, records: list[dict[str, Any]], crawl_log: list[dict[str, Any]], fetches: list[dict[str, Any]],
             finish_reason: str | None, *, allow_empty: bool = False, empty_sources: Iterable[str] = (),
             checks_file: str | Path | None = None, source: dict[str, Any] | None = None) -> Outcome:
    """Refuse, or build + compare + check + write the run, and publish it when the checks pass.

    `fetches` are the crawl_log rows with the spider's `role` of each request (to tell a
    probe that found nothing from an error).
    """
    thresholds = monitor.load_thresholds(checks_file)
    previous_dir = latest_dir(run.out)
    previous_report = read_report(previous_dir)
    previous_id = previous_dir.name if previous_dir else None
    about = sum(1 for r in records if r.get("about_congress"))
    empty_sources = list(empty_sources)

    refusal = None
    if finish_reason not in (None, "finished"):
        refusal = f"the crawl stopped early ({finish_reason}); previous output in {run.out} left intact"
    elif not records:
        refusal = "no HTML page was fetched and extracted; previous output left intact"
    elif not about and not allow_empty:
        refusal = ("no page about the congress was found (did the sites change?); "
                   "previous output left intact (use --allow-empty to write anyway)")
    if refusal:
        metrics = monitor.measure(records, fetches, finish_reason, None, empty_sources)
        checks = monitor.run_checks(metrics, None, thresholds, allow_empty)
        return _finish(run, "refused", refusal, metrics, checks, previous_id, None, source)

    try:
        from .dataset import build_tables, write_tables
        from .dataset.changes import compute_changes
        from .dataset.schema import CHANGE_TABLES

        # Sorted input: the same snapshot always gives the same tables.
        records = sorted(records, key=lambda r: r["url"])
        crawl_log = sorted(crawl_log, key=lambda r: (r["url"], r["fetched_at"] or ""))
        tables = build_tables(records, crawl_log)
        previous_tables = read_tables(previous_dir, CHANGE_TABLES) if previous_dir else None
        tables["changes"] = compute_changes(previous_tables, tables, previous_id)
        write_staged(tables, run.dir, write_tables)
    except Exception as exc:
        logger.error("building or writing the tables failed", exc_info=True)
        metrics = monitor.measure(records, fetches, finish_reason, None, empty_sources)
        return _finish(run, "refused", f"building or writing the tables failed: {type(exc).__name__}: {exc}",
                       metrics, [], previous_id, None, source)

    metrics = monitor.measure(records, fetches, finish_reason, tables, empty_sources)
    checks = monitor.run_checks(metrics, (previous_report or {}).get("metrics"), thresholds, allow_empty)
    passed = all(c.passed for c in checks)
    from .dataset.changes import summary

    outcome = _finish(run, "passed" if passed else "failed", "", metrics, checks, previous_id,
                      summary(tables["changes"]), source, tables={n: len(f) for n, f in tables.items()})
    if passed:
        set_latest(run)
        sync_top_level(run)
        outcome.status = "published"
    else:
        outcome.status = "checks_failed"
        failed = [c.name for c in checks if not c.passed]
        outcome.message = (f"checks failed ({', '.join(failed)}): tables kept in {run.dir} only; "
                           f"latest left at {previous_id or 'nothing'}")
    return outcome


def _finish(run: Run, status: str, message: str, metrics: dict[str, Any], checks: list[monitor.Check],
            previous_id: str | None, changes: dict[str, Any] | None, source: dict[str, Any] | None,
            tables: dict[str, int] | None = None) -> Outcome:
    """Write report.json and report.txt into the run directory."""
    report = {
        "run_id": run.run_id,
        "status": status,
        "message": message,
        "started_at": run.started_at,
        "finished_at": now_utc(),
        "output": str(run.out),
        "source": source or {},
        "archive": ARCHIVE_NAME if run.archive.is_file() else None,
        "previous_run": previous_id,
        "latest": run.run_id if status == "passed" else previous_id,
        "metrics": metrics,
        "checks": [c.as_dict() for c in checks],
        "changes": changes,
        "tables": tables,
    }
    text = monitor.render_text(report)
    run.dir.mkdir(parents=True, exist_ok=True)
    (run.dir / REPORT_JSON).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (run.dir / REPORT_TEXT).write_text(text, encoding="utf-8")
    status_out = {"passed": "published", "failed": "checks_failed"}.get(status, status)
    return Outcome(status_out, run, message, tables or {}, report, text)
