"""Benchmark: a first live crawl of the sample web vs. a second one with nothing changed.

The sample web is served by `sample_server.py` on 127.0.0.1 (ETag, Last-Modified, 304),
each response delayed by `--latency` seconds to stand in for the network; the crawl is
the real `kongres crawl` (live mode, `KONGRES_HOST_MAP` pointing every host at the
server, the crawl state in OUTPUT/state/), run twice into one output. Printed:

* bodies: 200 responses with a body the server sent (first, second, ratio) — target ≤ 10 %;
* requests the server saw, 304s, 404s;
* wall time of the whole command (imports and table writing included) and of the crawl
  alone (Scrapy's run, from the crawl summary) — target ≤ 30 %;
* whether the second run's tables are identical to the first's.

    .venv/bin/python benchmarks/bench_incremental.py [--latency 0.1] [--json]

Politeness settings are those of a live crawl except AutoThrottle and DOWNLOAD_DELAY
(off, so that the figures measure requests, not our own waiting); 2 requests per host
at once as in production.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from sample_server import SampleServer, sample_sources_toml  # noqa: E402

TABLES = ("editions", "sessions", "people", "organizations", "participations", "affiliations", "articles",
          "topics", "crawl_log")


FAST = ["--set", "AUTOTHROTTLE_ENABLED=false", "--set", "DOWNLOAD_DELAY=0", "--set", "DOWNLOAD_DELAY_JITTER=0"]


def crawl(server: SampleServer, sources: Path, out: Path, extra: list[str] | None = None) -> dict:
    server.reset()
    cmd = [sys.executable, "-m", "kongres_scraper.cli", "crawl", "--sources", str(sources), "--output", str(out),
           "--set", "KONGRES_HOST_MAP=" + json.dumps(server.host_map()), *(extra or [])]
    started = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, cwd=out.parent)
    wall = time.monotonic() - started
    if proc.returncode not in (0, 3):
        raise SystemExit(f"crawl failed ({proc.returncode}):\n{proc.stderr}")
    found = re.search(r"fetched in ([0-9.]+)s", proc.stderr)
    counts = dict(server.counts)
    return {"wall": round(wall, 2), "crawl": float(found.group(1)) if found else None,
            "bodies": counts.get("200", 0), "requests": counts.get("requests", 0),
            "not_modified": counts.get("304", 0), "missing": counts.get("404", 0),
            "bytes": counts.get("bytes", 0), "stderr": proc.stderr}


def tables_equal(a: Path, out: Path) -> bool:
    import pandas as pd

    for table in TABLES:
        first = pd.read_parquet(a / f"{table}.parquet")
        second = pd.read_parquet(out / f"{table}.parquet")
        try:
            pd.testing.assert_frame_equal(first, second)
        except AssertionError:
            return False
    return True


def run(latency: float = 0.1, workdir: Path | None = None, polite: bool = False,
        extra: list[str] | None = None) -> dict:
    """Crawl twice; `polite` keeps the live politeness settings (AutoThrottle, 1 s delay)."""
    import shutil

    tmp = Path(workdir or tempfile.mkdtemp(prefix="kongres-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    sources = tmp / "sources.toml"
    sources.write_text(sample_sources_toml(), encoding="utf-8")
    out = tmp / "out"
    with SampleServer(delay=latency) as server:
        args = ([] if polite else FAST) + list(extra or [])
        first = crawl(server, sources, out, args)
        keep = tmp / "first"
        shutil.rmtree(keep, ignore_errors=True)
        keep.mkdir()
        for table in TABLES:
            shutil.copy2(out / f"{table}.parquet", keep / f"{table}.parquet")
        second = crawl(server, sources, out, args)
    same = tables_equal(keep, out)
    ratio = lambda a, b: round(a / b, 3) if b else None  # noqa: E731
    return {
        "latency_s": latency,
        "polite": polite,
        "first": {k: v for k, v in first.items() if k != "stderr"},
        "second": {k: v for k, v in second.items() if k != "stderr"},
        "bodies_ratio": ratio(second["bodies"], first["bodies"]),
        "requests_ratio": ratio(second["requests"], first["requests"]),
        "wall_ratio": ratio(second["wall"], first["wall"]),
        "crawl_time_ratio": ratio(second["crawl"] or 0, first["crawl"] or 0),
        "tables_identical": same,
        "second_summary": [line for line in second["stderr"].splitlines() if "incremental" in line],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--latency", type=float, default=0.1, help="seconds the server waits before each response")
    parser.add_argument("--workdir", help="keep the outputs here (default: a temp dir)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--polite", action="store_true", help="keep the live crawl's politeness settings "
                        "(AutoThrottle, DOWNLOAD_DELAY=1): slower, closer to a real scheduled crawl")
    parser.add_argument("--revalidate-all", action="store_true", help="KONGRES_REVISIT_AFTER=0: every page is "
                        "asked for again (conditional requests only, no adaptive revisits)")
    args = parser.parse_args(argv)
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    extra = ["--set", "KONGRES_REVISIT_AFTER=0"] if args.revalidate_all else []
    res = run(args.latency, Path(args.workdir) if args.workdir else None, args.polite, extra)
    if args.json:
        print(json.dumps(res, indent=2))
        return 0
    f, s = res["first"], res["second"]
    print(f"latency per response: {res['latency_s']}s; politeness: "
          f"{'live settings (AutoThrottle, 1 s delay)' if res['polite'] else 'off (no delays)'}"
          f"{'; every page revalidated' if args.revalidate_all else ''}")
    print(f"{'':22}{'first':>10}{'second':>10}{'ratio':>8}")
    for label, key, rkey in (("bodies (200 + body)", "bodies", "bodies_ratio"), ("requests", "requests", "requests_ratio"),
                             ("304 Not Modified", "not_modified", None), ("404", "missing", None),
                             ("bytes sent", "bytes", None), ("wall time (s)", "wall", "wall_ratio"),
                             ("crawl time (s)", "crawl", "crawl_time_ratio")):
        r = res[rkey] if rkey else ""
        print(f"{label:22}{f[key]!s:>10}{s[key]!s:>10}{r!s:>8}")
    print(f"tables identical after the second crawl: {res['tables_identical']}")
    for line in res["second_summary"]:
        print(line)
    ok = (res["bodies_ratio"] or 0) <= 0.10
    print(f"target bodies ≤ 10 %: {'met' if ok else 'NOT met'}; "
          f"target time ≤ 30 %: {'met' if (res['wall_ratio'] or 1) <= 0.30 else 'NOT met'} (wall), "
          f"{'met' if (res['crawl_time_ratio'] or 1) <= 0.30 else 'NOT met'} (crawl)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
