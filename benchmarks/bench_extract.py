"""Extraction benchmark: `extract_page` against `trafilatura.extract` and the bare lxml parse.

The same pages (the bundled sample web's HTML pages, read into memory first) go through
each method once per pass; the methods take turns pass by pass, the order rotating, so
machine load falls on all of them alike. Printed: CPU ms per page (min / median / max
over the passes) of each method, and the ratios of `extract_page` to the others taken
pass by pass (so a slow moment of the machine cancels out).

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


def measure(pages: list[tuple[bytes, str]], passes: int) -> dict[str, list[float]]:
    """CPU ms per page of each method, one figure per pass."""
    names = list(METHODS)
    per_pass: dict[str, list[float]] = {name: [] for name in names}
    for k in range(passes):
        for name in names[k % len(names):] + names[:k % len(names)]:
            fn = METHODS[name]
            start = time.process_time()
            for body, url in pages:
                fn(body, url)
            per_pass[name].append(1000 * (time.process_time() - start) / len(pages))
    return per_pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=7)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    pages = sample_pages()
    if not pages:
        print("bench_extract: no sample pages found", file=sys.stderr)
        return 1
    per_pass = measure(pages, args.passes)
    print(f"{len(pages)} pages, {args.passes} passes; CPU ms per page, min / median / max over passes")
    for name, values in per_pass.items():
        print(f"  {name:<20} {min(values):7.2f} / {statistics.median(values):7.2f} / {max(values):7.2f}")
    ratios = {}
    for other in ("trafilatura.extract", "lxml parse"):
        r = [a / b for a, b in zip(per_pass["extract_page"], per_pass[other])]
        ratios[other] = statistics.median(r)
        print(f"  extract_page / {other:<20} {min(r):6.2f} / {statistics.median(r):6.2f} / {max(r):6.2f}")
    print(f"target extract_page ≤ 1.2 × trafilatura.extract: {'met' if ratios['trafilatura.extract'] <= 1.2 else 'NOT met'} "
          f"({ratios['trafilatura.extract']:.2f}×)")
    if args.json:
        args.json.write_text(json.dumps({"pages": len(pages), "ms_per_page": per_pass, "median_ratio": ratios},
                                        indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
