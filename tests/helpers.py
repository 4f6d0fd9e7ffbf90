"""Helpers shared by the test modules (the fixtures are in conftest.py)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from kongres_scraper.discovery.mirror import resolve, sniff_content_type

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
SITES = TESTS / "sites"
GUARD_DIR = TESTS / "guard"


@dataclass(frozen=True)
class SavedResponse:
    url: str
    body: bytes
    content_type: str


def saved_response(url: str, root: Path = SITES) -> SavedResponse:
    """The response the offline handler gives for `url` from a saved site (city-scrapers' `file_response`)."""
    path = resolve(root, url)
    assert path is not None, f"no saved file for {url} under {root}"
    body = path.read_bytes()
    return SavedResponse(url, body, sniff_content_type(body, str(path)))


def run_kongres(args: list[str], tmp: Path, timeout: float = 240,
                extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `kongres ARGS` in a subprocess that may reach 127.0.0.1 only (tests/guard/sitecustomize.py)."""
    net_log = tmp / "network.log"
    proc = subprocess.run([sys.executable, "-m", "kongres_scraper.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env=guarded_env(net_log, extra_env), cwd=tmp)
    assert_no_network(net_log)
    return proc


def guarded_env(net_log: Path, extra_env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a subprocess whose attempts to leave 127.0.0.1 fail and are noted in `net_log`."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(GUARD_DIR), env.get("PYTHONPATH")]))
    env["KONGRES_NET_LOG"] = str(net_log)
    env.update(extra_env or {})
    return env


def assert_no_network(net_log: Path) -> None:
    attempts = net_log.read_text() if net_log.exists() else ""
    assert not attempts, f"the crawl tried to reach the network:\n{attempts}"


#: A live crawl of a local server without politeness delays.
FAST = ["--set", "AUTOTHROTTLE_ENABLED=false", "--set", "DOWNLOAD_DELAY=0", "--set", "DOWNLOAD_DELAY_JITTER=0"]


def live_args(server: Any, sources: Path, out: Path, *more: str) -> list[str]:
    """`kongres crawl` of `sources` sent to the local `server` (a SampleServer) through KONGRES_HOST_MAP."""
    return ["crawl", "--sources", str(sources), "--output", str(out),
            "--set", "KONGRES_HOST_MAP=" + json.dumps(server.host_map()), *FAST, *more]


def guarded_popen(args: list[str], tmp: Path) -> subprocess.Popen[str]:
    """`kongres ARGS` started in the background under the network guard (to be killed)."""
    return subprocess.Popen([sys.executable, "-m", "kongres_scraper.cli", *args], cwd=tmp, text=True,
                            env=guarded_env(tmp / "network.log"), stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def kill_once_stored(proc: subprocess.Popen[str], state: Path, pages: int, timeout: float = 180) -> None:
    """SIGKILL the crawl `proc` as soon as its crawl state holds `pages` responses of its run.

    A condition, not a delay: the crawl must be unable to finish first, which the test
    ensures by holding the server's later requests (`SampleServer.hold_after`).
    """
    from kongres_scraper.runs.store import StateStore

    deadline = time.monotonic() + timeout
    while StateStore.peek(state).get("pages", 0) < pages:
        assert proc.poll() is None, f"the crawl ended before the kill:\n{proc.communicate()[1]}"
        assert time.monotonic() < deadline, f"the crawl stored fewer than {pages} responses in {timeout}s"
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def crawled(out: Path) -> pd.DataFrame:
    log = pd.read_parquet(out / "crawl_log.parquet")
    log["host"] = log["url"].map(lambda u: urlsplit(u).hostname)
    log["path"] = log["url"].map(lambda u: urlsplit(u).path + (f"?{urlsplit(u).query}" if urlsplit(u).query else ""))
    return log


def paths(log: pd.DataFrame, host: str, ok: bool | None = None) -> set[str]:
    rows = log[log["host"] == host]
    if ok is True:
        rows = rows[rows["status"] == 200]
    return set(rows["path"])
