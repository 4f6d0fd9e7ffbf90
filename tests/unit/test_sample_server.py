"""benchmarks/sample_server.py: the shipped SAMPLE-SOURCES.toml is current and the printed command is complete."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

from sample_server import SAMPLE_SOURCES, sample_sources_toml  # noqa: E402


def test_shipped_sample_sources_are_what_the_offline_replay_uses():
    shipped = SAMPLE_SOURCES.read_text(encoding="utf-8")
    body = "\n".join(line for line in shipped.splitlines() if not line.startswith("#")).strip()
    assert body == sample_sources_toml().strip()


@pytest.mark.e2e  # runs the command in a subprocess
def test_server_prints_a_crawl_command_with_the_sources():
    proc = subprocess.Popen([sys.executable, str(ROOT / "benchmarks" / "sample_server.py"), "--port", "0"],
                            stdout=subprocess.PIPE, text=True)
    try:
        lines = [proc.stdout.readline(), proc.stdout.readline()]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert lines[0].startswith("serving ") and "127.0.0.1" in lines[0]
    assert f"--sources {SAMPLE_SOURCES}" in lines[1] and "KONGRES_HOST_MAP" in lines[1]
