"""The extraction benchmark works: one pass over the sample pages, figures for every method.

Only that it runs and reports; the figures themselves are for docs/performance.md.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_extract.py"


def test_bench_extract_times_every_method_on_the_same_pages(tmp_path):
    results = tmp_path / "results.json"
    proc = subprocess.run([sys.executable, str(BENCH), "--passes", "2", "--json", str(results)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    r = json.loads(results.read_text())
    assert r["pages"] > 40 and r["passes"] == 2
    for method in ("extract_page", "trafilatura.extract", "lxml parse"):
        for stat in ("median page", "mean"):
            figures = r["ms"][method][stat]
            assert len(figures) == 2 and all(f > 0 for f in figures)
    ratio = r["median_ratios"]["median page"]["trafilatura.extract"]
    assert ratio > 0 and f"{ratio:.2f}×" in proc.stdout
    assert "target extract_page median" in proc.stdout
