"""Disk errors are told from data errors, and named in one line."""
from __future__ import annotations

import errno
import sqlite3

from kongres_scraper.runs.disk import DISK_FULL, READ_ONLY, describe, message


def test_full_disk_and_quota():
    assert describe(OSError(errno.ENOSPC, "No space left on device")) == (DISK_FULL, "no space left on device")
    assert describe(OSError(errno.EDQUOT, "Disk quota exceeded"))[0] == DISK_FULL


def test_read_only():
    assert describe(OSError(errno.EROFS, "Read-only file system")) == (READ_ONLY, "read-only file system")
    assert describe(PermissionError(errno.EACCES, "Permission denied"))[0] == READ_ONLY


def test_sqlite_full_and_read_only():
    assert describe(sqlite3.OperationalError("database or disk is full"))[0] == DISK_FULL
    assert describe(sqlite3.OperationalError("attempt to write a readonly database"))[0] == READ_ONLY


def test_other_errors_are_not_disk_errors():
    assert describe(OSError(errno.ENOENT, "No such file")) is None
    assert describe(ValueError("bad data")) is None
    assert describe(sqlite3.OperationalError("no such table: pages")) is None


def test_message_names_the_file_and_what_to_do():
    kind, text = message(OSError(errno.ENOSPC, "No space left on device"), "/out/runs/1/archive.warc.gz")
    assert kind == DISK_FULL
    assert text == ("no space left on device writing /out/runs/1/archive.warc.gz: crawl stopped, "
                    "previous output left intact; free some space and run again")
