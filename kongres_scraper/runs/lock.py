"""The output lock: `OUT/.kongres.lock`, an flock held while a crawl or a reparse writes OUT.

A second crawl of the same output stops with a message naming the holder; a lock file
left by a dead process is taken over (an flock dies with its process).
"""
from __future__ import annotations

import errno
import fcntl
import json
import os
from pathlib import Path
from typing import Any

from ..clock import now_utc

LOCK_NAME = ".kongres.lock"


class OutputLocked(RuntimeError):
    """Another live process holds the output's lock; the message names it."""


class OutputLock:
    """An exclusive flock on `OUT/.kongres.lock`, holding the owner's pid and start time."""

    def __init__(self, output: Path):
        self.path = Path(output) / LOCK_NAME
        self.fd: int | None = None
        self.took_over: dict[str, Any] | None = None

    def acquire(self) -> "OutputLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = _read_holder(fd)
            os.close(fd)
            if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise
            who = f"pid {holder.get('pid', '?')}, started {holder.get('started', '?')}" if holder else "unknown process"
            raise OutputLocked(f"another crawl ({who}) is writing to {self.path.parent}; "
                               f"not starting (lock: {self.path})") from None
        previous = _read_holder(fd)
        if previous and previous.get("pid") and not _alive(int(previous["pid"])):
            self.took_over = previous
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"pid": os.getpid(), "started": now_utc()}).encode() + b"\n", 0)
        self.fd = fd
        return self

    def release(self) -> None:
        if self.fd is not None:
            try:
                os.ftruncate(self.fd, 0)
                fcntl.flock(self.fd, fcntl.LOCK_UN)
            finally:
                os.close(self.fd)
                self.fd = None


def _read_holder(fd: int) -> dict[str, Any]:
    try:
        data = os.pread(fd, 4096, 0)
        return json.loads(data.decode() or "{}")
    except (OSError, ValueError):
        return {}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
