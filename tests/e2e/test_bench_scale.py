"""The scale benchmark works: a 200-page generated mirror is crawled offline and measured.

Only that it runs and reports; the figures themselves are for docs/performance.md.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_scale.py"


def test_bench_scale_crawls_a_generated_mirror_and_reports_its_figures(tmp_path):
    results = tmp_path / "results.json"
    proc = subprocess.run([sys.executable, str(BENCH), "--pages", "200", "--workdir", str(tmp_path / "work"),
                           "--json", str(results)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:] + proc.stdout[-2000:]
    [r] = json.loads(results.read_text())
    assert r["html_pages"] == 200 and r["pages_extracted"] == 200  # every generated page reached and extracted
    assert r["tables"]["articles"] == 200 and r["tables"]["people"] > 100
    assert 0 < r["wall_s"] and 0 < r["cpu_s"] and r["peak_rss_mb"] > 50
    stages = r["stages_s"]  # from the run's report.json
    assert all(isinstance(stages[s], (int, float)) for s in ("crawl", "extract", "build", "write", "checks"))
    assert 0 < stages["extract"] < stages["crawl"] < r["wall_s"]
    assert "pages/s" in proc.stdout and "peak RSS" in proc.stdout
    mirror = tmp_path / "work" / "mirror-200"
    assert len({p.name for p in mirror.iterdir() if p.is_dir()}) >= 3  # several hosts
    assert list(mirror.glob("*/wp-sitemap-posts-post-1.xml")) and list(mirror.glob("*/page/2/index.html"))
