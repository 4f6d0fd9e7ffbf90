"""One `kongres crawl --offline` of the bundled sample per test session, shared read-only by tests.

Tests that read what the README's headline command writes (metadata, joins, spreadsheets)
use this instead of crawling again each. The crawl runs in a subprocess under the network
guard (`helpers.run_kongres`); the directory is removed when the session ends.
"""
from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

from helpers import run_kongres


@lru_cache(maxsize=1)
def sample_output() -> Path:
    """The output directory of an offline crawl of the bundled sample (do not write into it)."""
    tmp = Path(tempfile.mkdtemp(prefix="kongres-sample-crawl-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    proc = run_kongres(["crawl", "--offline", "--output", str(tmp / "output")], tmp)
    assert proc.returncode == 0, proc.stderr
    return tmp / "output"
