"""Sweep benchmark: pages/s of `kongres crawl --frontier` with N = 1, 2, 4 workers, as ratios to one worker.

A generated multi-host site (`mirror_gen.py`) is served on 127.0.0.1 with a fixed latency per
response (default 50 ms), a real `redis-server` holds the frontier, and each worker is kept to a
small politeness budget (CONCURRENT_REQUESTS=2, one request per host at a time), so the time is
spent waiting on the sites, the case a sweep of thousands of small sites is in. For each N the
real command runs:

    kongres crawl --frontier redis://127.0.0.1:PORT/0 --workers N --sources SOURCES --output OUT -q

and pages/s is the HTML pages extracted over the crawl time in the run's report.json (workers
started to frontier done; table building after it is the same for every N and left out).

    .venv/bin/python benchmarks/bench_frontier.py [--pages 300] [--latency 0.05] [--workers 1 2 4] [--json FILE]

A benchmark, not a test; only 127.0.0.1 is contacted.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "e2e"))

from mirror_gen import write_mirror  # noqa: E402
from redis_server import RedisServer  # noqa: E402
from sample_server import SampleServer  # noqa: E402

#: One worker's politeness: two requests at a time, one per host, no extra delay (the latency is the site's).
POLITE = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "DOWNLOAD_DELAY_JITTER": 0,
          "CONCURRENT_REQUESTS": 2, "CONCURRENT_REQUESTS_PER_DOMAIN": 1}


def run(n: int, sources: Path, out: Path, redis_url: str, host_map: dict[str, str]) -> dict:
    sets = [arg for key, value in {**POLITE, "KONGRES_HOST_MAP": host_map}.items()
            for arg in ("--set", f"{key}={json.dumps(value)}")]
    cmd = [sys.executable, "-m", "kongres_scraper.cli", "crawl", "--frontier", redis_url, "--workers", str(n),
           "--sources", str(sources), "--output", str(out), "-q", *sets]
    started = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.monotonic() - started
    if proc.returncode not in (0, 3):
        raise SystemExit(f"N={n}: exit {proc.returncode}\n{proc.stderr[-2000:]}")
    report = json.loads((out / "latest" / "report.json").read_text())
    crawl_s = report.get("timings", {}).get("crawl_s") or wall
    pages = report["metrics"]["pages"]
    return {"workers": n, "pages": pages, "crawl_s": crawl_s, "wall_s": round(wall, 2),
            "pages_per_s": round(pages / crawl_s, 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds before each response (default 0.05)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-frontier-") as tmp_name:
        tmp = Path(tmp_name)
        sources, written = write_mirror(tmp / "mirror", args.pages)
        results = []
        with RedisServer(tmp / "redis") as redis_server, SampleServer(tmp / "mirror", delay=args.latency) as site:
            for n in args.workers:
                results.append(run(n, sources, tmp / f"out-{n}", redis_server.url, site.host_map()))
                print(f"N={n}: {results[-1]['pages']} pages in {results[-1]['crawl_s']}s crawl "
                      f"({results[-1]['pages_per_s']} pages/s; {results[-1]['wall_s']}s with table building)",
                      flush=True)
    base = results[0]["pages_per_s"]
    for r in results:
        r["ratio"] = round(r["pages_per_s"] / base, 2)
    print(f"\n{written} pages, {args.latency * 1000:.0f} ms per response; pages/s as a ratio to N={results[0]['workers']}:")
    for r in results:
        print(f"  N={r['workers']}: {r['pages_per_s']:>7} pages/s  x{r['ratio']}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
