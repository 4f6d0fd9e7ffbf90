"""Scale benchmark: an offline crawl of a generated mirror of N pages.

For each N, `mirror_gen.py` writes a deterministic wget-style mirror (several hosts,
robots.txt, sitemaps, paginated listings, posts) and its sources file, then the real
command runs on it:

    kongres crawl --offline-root MIRROR --sources SOURCES --output OUT -q

Printed per N: pages extracted, wall time of the whole command, pages/s, peak RSS of the
crawl's process tree (sampled every 0.1 s with psutil; the kernel's peak of the largest
process is printed beside it), and the time of each stage as the run's report.json
records it (crawl, of which extraction; build, write, checks). Ratios between the sizes
come last (time per page against the smallest N, table building as a share of the run).

    .venv/bin/python benchmarks/bench_scale.py --pages 1000 --pages 5000 [--pages 20000] [--json FILE]

A benchmark, not a test: the test suite runs it at N = 200 only to check that it works.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from mirror_gen import write_mirror  # noqa: E402

STAGES = ("crawl", "extract", "build", "write", "checks")


def kongres_command() -> list[str]:
    """The `kongres` of this interpreter's environment."""
    script = Path(sys.executable).with_name("kongres")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kongres_scraper.cli"]


def run_measured(cmd: list[str], timeout: float) -> dict:
    """Run a command; its wall time, exit code and peak RSS (process tree, sampled; largest process, kernel)."""
    started = time.monotonic()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watched = psutil.Process(proc.pid)
    samples: list[tuple[float, int]] = []  # (seconds since start, RSS of the tree)
    while proc.poll() is None:
        try:
            tree = [watched, *watched.children(recursive=True)]
            samples.append((time.monotonic() - started, sum(p.memory_info().rss for p in tree if p.is_running())))
        except psutil.Error:
            pass
        if time.monotonic() - started > timeout:
            proc.kill()
            break
        time.sleep(0.1)
    stdout, stderr = proc.communicate()
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    kernel_peak_kb = after.ru_maxrss  # KiB on Linux
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    peak = max((rss for _, rss in samples), default=0)
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "exit": proc.returncode, "peak_rss_mb": round(peak / 2**20, 1),
            "kernel_peak_rss_mb": round(kernel_peak_kb / 1024, 1), "samples": samples,
            "stdout": stdout, "stderr": stderr}


def peak_before(samples: list[tuple[float, int]], seconds: float) -> float:
    """Peak RSS (MB) of the samples taken in the first `seconds`."""
    return round(max((rss for t, rss in samples if t <= seconds), default=0) / 2**20, 1)


def peak_after(samples: list[tuple[float, int]], seconds: float) -> float:
    """Peak RSS (MB) of the samples taken after the first `seconds`."""
    return round(max((rss for t, rss in samples if t > seconds), default=0) / 2**20, 1)


def rss_at(samples: list[tuple[float, int]], seconds: float) -> float:
    """RSS (MB) of the last sample taken by `seconds`."""
    return round(next((rss for t, rss in reversed(samples) if t <= seconds), 0) / 2**20, 1)


def latest_report(out: Path) -> dict:
    path = out / "latest" / "report.json"
    if not path.is_file():
        reports = sorted(out.glob("runs/*/report.json"))
        path = reports[-1] if reports else path
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def bench(n_pages: int, workdir: Path, timeout: float) -> dict:
    mirror = workdir / f"mirror-{n_pages}"
    out = workdir / f"out-{n_pages}"
    t0 = time.monotonic()
    sources, written = write_mirror(mirror, n_pages)
    generated = time.monotonic() - t0
    cmd = kongres_command() + ["crawl", "--offline-root", str(mirror), "--sources", str(sources),
                               "--output", str(out), "-q"]
    run = run_measured(cmd, timeout)
    report = latest_report(out)
    metrics = report.get("metrics") or {}
    pages = metrics.get("pages") or metrics.get("records") or written
    timings = report.get("timings") or {}
    after_crawl = sum(timings.get(f"{s}_s") or 0 for s in ("build", "write", "checks"))
    result = {
        "n": n_pages, "html_pages": written, "pages_extracted": pages, "generate_s": round(generated, 1),
        "exit": run["exit"], "wall_s": run["wall_s"], "pages_per_s": round(written / run["wall_s"], 1),
        "ms_per_page": round(1000 * run["wall_s"] / written, 2),
        # CPU seconds of the command (user + system): what the machine's other load does not inflate
        "cpu_s": run["cpu_s"], "cpu_ms_per_page": round(1000 * run["cpu_s"] / written, 2),
        "peak_rss_mb": run["peak_rss_mb"], "kernel_peak_rss_mb": run["kernel_peak_rss_mb"],
        # the crawl phase ends about when building starts: peak RSS up to then, and overall
        "peak_rss_crawl_mb": peak_before(run["samples"], run["wall_s"] - after_crawl - 1) if after_crawl else None,
        # the RSS of the tree when the crawl phase ends (what table building starts from), and the peak after it
        "rss_after_crawl_mb": rss_at(run["samples"], run["wall_s"] - after_crawl - 1) if after_crawl else None,
        "peak_rss_after_crawl_mb": peak_after(run["samples"], run["wall_s"] - after_crawl - 1) if after_crawl else None,
        "stages_s": {s: timings.get(f"{s}_s") for s in STAGES},
        "tables": report.get("tables") or {},
    }
    if run["exit"] != 0:
        result["stderr_tail"] = run["stderr"][-2000:]
    return result


def print_table(results: list[dict]) -> None:
    head = (f"{'N':>6} {'pages':>6} {'wall s':>7} {'CPU s':>7} {'pages/s':>7} {'ms/page':>7} {'CPU ms/p':>8} "
            f"{'peak RSS MB':>11} "
            + " ".join(f"{s + ' s':>9}" for s in STAGES))
    print(head)
    for r in results:
        stages = " ".join(f"{'-' if r['stages_s'][s] is None else format(r['stages_s'][s], '.1f'):>9}" for s in STAGES)
        print(f"{r['n']:>6} {r['html_pages']:>6} {r['wall_s']:>7.1f} {r['cpu_s']:>7.1f} {r['pages_per_s']:>7.1f} "
              f"{r['ms_per_page']:>7.2f} {r['cpu_ms_per_page']:>8.2f} {r['peak_rss_mb']:>11.0f} {stages}")
    base = results[0]
    for r in results:
        build = r["stages_s"].get("build")
        share = f", table building {100 * build / r['wall_s']:.1f} % of the run" if build is not None else ""
        print(f"N={r['n']}: time per page {r['ms_per_page'] / base['ms_per_page']:.2f}x N={base['n']}'s "
              f"(CPU time per page {r['cpu_ms_per_page'] / base['cpu_ms_per_page']:.2f}x){share}; "
              f"exit {r['exit']}; peak RSS during the crawl phase {r['peak_rss_crawl_mb']} MB, "
              f"at its end {r['rss_after_crawl_mb']} MB, after it {r['peak_rss_after_crawl_mb']} MB, "
              f"kernel peak of the largest process {r['kernel_peak_rss_mb']:.0f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, action="append", help="N (repeatable; default 1000 and 5000)")
    parser.add_argument("--workdir", type=Path, help="keep the mirrors and outputs here (default: a temp dir, removed)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds before a crawl is killed")
    args = parser.parse_args(argv)
    sizes = args.pages or [1000, 5000]
    if any(n < 10 for n in sizes):
        print("bench_scale: --pages must be at least 10", file=sys.stderr)
        return 2
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="kongres-bench-scale-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        results = [bench(n, workdir, args.timeout) for n in sizes]
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"machine: {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB; "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print_table(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0 if all(r["exit"] == 0 for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
