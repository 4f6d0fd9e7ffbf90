"""A scheduled crawl never needs a human: stale temp files, damaged state, damaged `latest`, one-rename publishing."""
from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from kongres_scraper.runs import output
from kongres_scraper.runs.store import StateStore


def _run_with_tables(out: Path, seed: str, rows: int) -> output.Run:
    run = output.start_run(out, seed)
    pd.DataFrame({"a": range(rows)}).to_parquet(run.dir / "people.parquet")
    (run.dir / "datapackage.json").write_text(f'{{"rows": {rows}}}', encoding="utf-8")
    (run.dir / "excel").mkdir()
    (run.dir / "excel" / "people.csv").write_text(f"rows\n{rows}\n", encoding="utf-8")
    return run


def test_publishing_links_the_top_level_through_latest(tmp_path: Path):
    first = _run_with_tables(tmp_path, "one", 1)
    output.publish(first)
    assert os.readlink(tmp_path / "people.parquet") == "latest/people.parquet"
    assert len(pd.read_parquet(tmp_path / "people.parquet")) == 1
    second = _run_with_tables(tmp_path, "two", 2)
    output.publish(second)
    assert len(pd.read_parquet(tmp_path / "people.parquet")) == 2  # one rename switched every table
    assert (tmp_path / "excel" / "people.csv").read_text(encoding="utf-8") == "rows\n2\n"


def test_links_replace_old_copies_without_changing_what_they_show(tmp_path: Path):
    first = _run_with_tables(tmp_path, "one", 1)
    output.set_latest(first)
    output.sync_top_level(first)  # the layout of outputs written before the links
    assert not (tmp_path / "people.parquet").is_symlink()
    assert (tmp_path / "excel").is_dir() and not (tmp_path / "excel").is_symlink()
    assert output.link_top_level(tmp_path, output.dataset_files())
    assert (tmp_path / "people.parquet").is_symlink() and len(pd.read_parquet(tmp_path / "people.parquet")) == 1
    assert os.readlink(tmp_path / "excel") == "latest/excel"
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_without_symlinks_tables_are_copied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def no_symlinks(*args, **kwargs):
        raise OSError("symlinks not supported")

    monkeypatch.setattr(output.os, "symlink", no_symlinks)
    run = _run_with_tables(tmp_path, "one", 3)
    output.publish(run)
    assert not (tmp_path / "people.parquet").is_symlink()
    assert len(pd.read_parquet(tmp_path / "people.parquet")) == 3


def test_stale_temp_files_and_staging_dirs_are_removed(tmp_path: Path):
    (tmp_path / "runs" / ".20261101T000000Z-abc.staging-x1").mkdir(parents=True)
    (tmp_path / ".people.csv.4242.tmp").write_text("x", encoding="utf-8")
    (tmp_path / ".latest.4242.tmp").symlink_to("runs/nothing")
    (tmp_path / ".kongres.lock").write_text("", encoding="utf-8")
    removed = output.clean_stale(tmp_path)
    assert sorted(removed) == [".latest.4242.tmp", ".people.csv.4242.tmp", "runs/.20261101T000000Z-abc.staging-x1"]
    assert (tmp_path / ".kongres.lock").exists()


def test_unreadable_previous_table_is_named_not_raised(tmp_path: Path):
    run = _run_with_tables(tmp_path, "one", 2)
    (run.dir / "people.parquet").write_bytes(b"PAR1 not really")
    tables, problem = output.read_previous(run.dir, ["people"])
    assert tables is None and problem.startswith(f"{run.dir / 'people.parquet'}: unreadable")


def test_atomic_write_leaves_nothing_on_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output.os, "replace", full)
    with pytest.raises(OSError):
        output.write_atomic(tmp_path / "report.json", "{}")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("damage", [b"", b"garbage" * 600, b"SQLite format 3\x00" + b"\x00" * 200])
def test_corrupted_state_is_moved_aside(tmp_path: Path, damage: bytes):
    good = StateStore(tmp_path)
    good.db.close()
    path = tmp_path / "pages.sqlite"
    if damage:
        path.write_bytes(damage)
    else:
        path.write_bytes(path.read_bytes()[:1000])  # truncated
    store = StateStore(tmp_path)
    if store.moved_aside is None:  # a truncation SQLite can still read as empty is no damage
        assert damage == b""
        return
    assert store.moved_aside.name.startswith("pages.sqlite.corrupt-") and store.moved_aside.exists()
    assert store.db.execute("SELECT count(*) FROM pages").fetchone() == (0,)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(store.moved_aside).execute("SELECT count(*) FROM pages").fetchone()
