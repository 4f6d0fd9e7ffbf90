"""A live crawl without network: one clear line, exit 1, no tracebacks, an early stop.

The crawl runs under the network guard of tests/guard (every name lookup and connection
to a non-loopback address fails, as without network; nothing leaves the machine) against
hosts under the reserved `.invalid` domain.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from helpers import guarded_env

SOURCES = """
[[source]]
name = "a"
start_urls = ["https://kongres-a.invalid/"]

[[source]]
name = "b"
start_urls = ["https://kongres-b.invalid/", "https://kongres-b.invalid/aktualnosci/"]
"""


def test_a_crawl_without_network_says_so_in_one_line(tmp_path: Path):
    (tmp_path / "sources.toml").write_text(SOURCES, encoding="utf-8")
    env = guarded_env(tmp_path / "net.log")  # lookups and connections fail, as without network
    proc = subprocess.run([sys.executable, "-m", "kongres_scraper.cli", "crawl", "--sources", "sources.toml",
                           "--output", "out"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and " ERROR: " not in proc.stderr
    hint = [line for line in proc.stderr.splitlines() if "no site could be reached" in line]
    assert len(hint) == 1 and "network" in hint[0]
    report = json.loads(next((tmp_path / "out" / "runs").glob("*/report.json")).read_text())
    assert report["status"] == "refused" and report["metrics"]["finish_reason"] == "network_unreachable"
    assert report["metrics"]["fetches"] < 12  # stopped early: not every probe of every source
    attempts = (tmp_path / "net.log").read_text().splitlines()
    assert attempts and all(".invalid" in a for a in attempts)  # only the blocked lookups, all refused
