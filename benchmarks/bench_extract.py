"""Extraction benchmark: `extract_page` against `trafilatura.extract` and the bare lxml parse.

The same pages (the bundled sample web's HTML pages, read into memory first) go through
each method once per pass; the methods take turns pass by pass, the order rotating, so
machine load falls on all of them alike. Every page is timed on its own (CPU time).

Printed per method, as the median over the passes:
* the median page's ms (the figure of issue 14: "per page, extract_page takes … ms median"),
* the mean ms per page (the total over the pages: slow programme and speaker pages weigh in),
and the ratios of `extract_page` to the others taken pass by pass (so a slow moment of the
machine cancels out), both of the median page and of the mean.

    .venv/bin/python benchmarks/bench_extract.py [--passes 7] [--json FILE]

Target (issue 14): `extract_page` median ≤ 1.2 × `trafilatura.extract`.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import lxml.html
import trafilatura

from kongres_scraper.extract import NotHTMLError, extract_page
from kongres_scraper.discovery.mirror import BUNDLED_SAMPLE

TARGET = 1.2


def sample_pages(root: Path = BUNDLED_SAMPLE) -> list[tuple[bytes, str]]:
    """(body, URL) of every HTML page of a wget mirror that `extract_page` accepts."""
    pages = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.parent == root:
            continue
        body = path.read_bytes()
        rel = path.relative_to(root).as_posix()
        url = "https://" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        try:
            extract_page(body, url)  # warms caches (Morfeusz, lazy imports) and keeps HTML only
        except NotHTMLError:
            continue
        pages.append((body, url))
    return pages


METHODS = {
    "extract_page": lambda body, url: extract_page(body, url),
    "trafilatura.extract": lambda body, url: trafilatura.extract(body, url=url),
    "lxml parse": lambda body, url: lxml.html.document_fromstring(body),
}
STATS = {"median page": statistics.median, "mean": statistics.fmean}


def measure(pages: list[tuple[bytes, str]], passes: int) -> dict[str, list[list[float]]]:
    """CPU ms of each page for each method, one list per pass."""
    names = list(METHODS)
    per_pass: dict[str, list[list[float]]] = {name: [] for name in names}
    clock = time.process_time
    for k in range(passes):
        for name in names[k % len(names):] + names[:k % len(names)]:
            fn = METHODS[name]
            times = []
            for body, url in pages:
                start = clock()
                fn(body, url)
                times.append(1000 * (clock() - start))
            per_pass[name].append(times)
    return per_pass


def summarise(per_pass: dict[str, list[list[float]]]) -> dict:
    """Per method and statistic: the figure of each pass; per statistic: extract_page's ratio to each other method."""
    figures = {name: {stat: [fn(times) for times in passes] for stat, fn in STATS.items()}
               for name, passes in per_pass.items()}
    ratios = {stat: {other: [a / b for a, b in zip(figures["extract_page"][stat], figures[other][stat])]
                     for other in per_pass if other != "extract_page"}
              for stat in STATS}
    return {"ms": figures, "ratios": ratios}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=7)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    pages = sample_pages()
    if not pages:
        print("bench_extract: no sample pages found", file=sys.stderr)
        return 1
    result = summarise(measure(pages, args.passes))
    print(f"{len(pages)} pages, {args.passes} passes; CPU ms, min / median / max over the passes")
    for stat in STATS:
        print(f"{stat}:")
        for name, figures in result["ms"].items():
            v = figures[stat]
            print(f"  {name:<20} {min(v):7.2f} / {statistics.median(v):7.2f} / {max(v):7.2f}")
        for other, r in result["ratios"][stat].items():
            print(f"  extract_page / {other:<20} {min(r):6.2f} / {statistics.median(r):6.2f} / {max(r):6.2f}")
    median_ratio = statistics.median(result["ratios"]["median page"]["trafilatura.extract"])
    mean_ratio = statistics.median(result["ratios"]["mean"]["trafilatura.extract"])
    print(f"target extract_page median ≤ {TARGET} × trafilatura.extract: "
          f"{'met' if median_ratio <= TARGET else 'NOT met'} ({median_ratio:.2f}× on the median page; "
          f"{mean_ratio:.2f}× on the mean)")
    if args.json:
        summary = {stat: {other: statistics.median(r) for other, r in by.items()} for stat, by in result["ratios"].items()}
        args.json.write_text(json.dumps({"pages": len(pages), "passes": args.passes, **result, "median_ratios": summary},
                                        indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
