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
    assert report["status"] == "refused"
    # stopped early, not after every probe of every source: either six fetches failed before any answer
    # (finish reason network_unreachable) or each host's unreachable robots.txt refused the rest at once
    assert report["metrics"]["finish_reason"] in ("network_unreachable", "finished")
    attempts = (tmp_path / "net.log").read_text().splitlines()
    assert attempts and all(".invalid" in a for a in attempts)  # only the blocked lookups, all refused
    # no page of any source was tried: only each host's robots.txt, with its retries (by the robots
    # middleware and by the spider's Sitemap probe), 2 hosts x 2 x 3 attempts
    assert len(attempts) <= 12
