"""Runs of an output directory: a snapshot per run, `latest` moved only after the checks passed.

Layout of an output directory `OUT`:

    OUT/runs/<run-id>/      one directory per run: archive.warc.gz, the tables, datapackage.json,
                            report.txt and report.json (a refused run has only the archive and report)
    OUT/latest              symlink to runs/<run-id> of the last run that passed its checks
                            (a text file holding `runs/<run-id>` where symlinks are not available)
    OUT/*.parquet, *.csv,   links `NAME -> latest/NAME`, so `pd.read_parquet("OUT/people.parquet")`,
    OUT/datapackage.json,   `load_dataset("OUT")` and `kongres serve OUT` keep working (excel/: the
    OUT/kongres.db,         spreadsheet copies), and publishing a run is one rename of `latest`
    OUT/excel -> latest/excel   (copies where symlinks cannot be made)

A run id is the UTC start time and a short hash of what was crawled and where it is
written (`20261127T064512Z-3fa2c1`): ids sort by time, and a crawl of the same sources
into the same directory in the same second gets the same id (a `-2` is appended if that
directory exists).

How a run ends (refused, checks failed, published) is `runs/conclude.py`.
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
from collections.abc import MutableMapping
from typing import Any, Callable, Iterable

from ..clock import now_utc

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
        for path in sorted(staging.rglob("*")):  # files of subdirectories too (excel/)
            if path.is_file():
                target = out_dir / path.relative_to(staging)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)
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
    from ..dataset import schema
    from ..dataset.sqlite import DB_NAME
    from ..dataset.writers import EXCEL_DIR

    names = ["datapackage.json", DB_NAME]
    for tbl in schema.TABLES:
        if tbl.in_package:
            names.append(f"{tbl.name}.parquet")
        names.append(f"{tbl.name}.csv")
        names.append(f"{EXCEL_DIR}/{tbl.name}.csv")
    return names


def link_top_level(out: Path, names: Iterable[str]) -> bool:
    """Make each table at the top of OUT a link `NAME -> latest/NAME` (made once, never changed after);
    a subdirectory (`excel/`) is linked as a whole.

    Publishing a run is then one rename (`latest`), so a kill at any moment leaves the top
    level all old or all new. Called *before* `latest` moves: a file replaced by its link
    shows the same bytes (the previous run's). False where symlinks cannot be made.
    """
    for top in dict.fromkeys(name.split("/", 1)[0] for name in names):
        path = Path(out) / top
        if path.is_symlink() and os.readlink(path) == f"{LATEST}/{top}":
            continue
        tmp = Path(out) / f".{top}.{os.getpid()}.tmp"
        if tmp.is_symlink() or tmp.is_file():
            tmp.unlink()
        try:
            os.symlink(f"{LATEST}/{top}", tmp)
        except (OSError, NotImplementedError):
            return False
        if path.is_dir() and not path.is_symlink():  # the copies of an older layout: moved aside, then removed
            aside = Path(out) / f".{top}.{os.getpid()}.old.tmp"
            os.replace(path, aside)
            os.replace(tmp, path)
            shutil.rmtree(aside, ignore_errors=True)
        else:
            os.replace(tmp, path)
    return True


def sync_top_level(run: Run) -> None:
    """Where symlinks cannot be made: copy the run's tables to the top of OUT (hard links where possible)."""
    for name in dataset_files():
        src = run.dir / name
        if not src.is_file():
            continue
        target = run.out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.parent / f".{target.name}.{os.getpid()}.tmp"
        if tmp.exists():
            tmp.unlink()
        try:
            os.link(src, tmp)  # files are only ever replaced, never edited: sharing them is safe
        except OSError:
            shutil.copy2(src, tmp)
        os.replace(tmp, target)


def publish(run: Run) -> None:
    """Make the run the one `latest` and the top-level tables show: a single rename where symlinks work."""
    linked = link_top_level(run.out, dataset_files())
    set_latest(run)
    if not linked:
        sync_top_level(run)


def clean_stale(out: Path) -> list[str]:
    """Remove what a killed run leaves behind: `.NAME.PID.tmp` files and `.*.staging-*` directories.

    Call with the output lock held: no other run of this output is writing them.
    """
    removed = []
    for parent in (Path(out), Path(out) / RUNS_DIR, Path(out) / "excel"):
        if not parent.is_dir() or parent.is_symlink():  # not into a run (excel/ links to latest/excel)
            continue
        for path in parent.iterdir():
            name = path.name
            if not name.startswith("."):
                continue
            if name.endswith(".tmp") and (path.is_symlink() or not path.is_dir()):
                path.unlink(missing_ok=True)
            elif name.endswith(".tmp"):
                shutil.rmtree(path, ignore_errors=True)
            elif ".staging-" in name and path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                continue
            removed.append(path.relative_to(out).as_posix())
    return removed


def write_atomic(path: Path, text: str) -> None:
    """Write a file whole or not at all (a full disk leaves no 0-byte report behind)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise


def read_report(run_dir: Path | None) -> dict[str, Any] | None:
    if run_dir is None or not (run_dir / REPORT_JSON).is_file():
        return None
    try:
        return json.loads((run_dir / REPORT_JSON).read_text(encoding="utf-8"))
    except ValueError:
        return None


def read_tables(run_dir: Path, names: Iterable[str], into: MutableMapping[str, Any] | None = None
                ) -> MutableMapping[str, Any]:
    """The run's Parquet tables of these names that exist, put into `into` one by one (default: a new dict)."""
    import pandas as pd

    tables: MutableMapping[str, Any] = {} if into is None else into
    for n in names:
        if (run_dir / f"{n}.parquet").is_file():
            tables[n] = pd.read_parquet(run_dir / f"{n}.parquet")
    return tables


def read_previous(run_dir: Path, names: Iterable[str], into: MutableMapping[str, Any] | None = None
                  ) -> tuple[MutableMapping[str, Any] | None, str | None]:
    """The tables of the previous run for `changes`, or None and why (an unreadable table skips the comparison).

    Each table is read whole here, so an unreadable one is found before the comparison starts;
    `into` (a run's `SpilledTables`) then holds them on disk, not in memory, until compared.
    """
    names = list(names)
    try:
        return read_tables(run_dir, names, into), None
    except Exception as exc:  # noqa: BLE001 - any unreadable file: Arrow, OS or format errors alike
        bad = next((n for n in names if not _readable(run_dir / f"{n}.parquet")), None)
        where = run_dir / f"{bad}.parquet" if bad else run_dir
        return None, f"{where}: unreadable ({type(exc).__name__}: {str(exc).splitlines()[0][:200]})"


def _readable(path: Path) -> bool:
    import pyarrow.parquet as pq

    try:
        if path.is_file():
            pq.read_metadata(path)
        return True
    except Exception:  # noqa: BLE001
        return False
