"""Is a dataset built from the bundled sample web? Decided from the bytes that were crawled.

The sample (kongres_scraper/sample_web) mixes a few real programme lines with invented people,
organisations and a fictional municipality. A dataset built from it must say so wherever
it is read: `kongres crawl --offline`, a scrapyd job with KONGRES_OFFLINE=1, a crawl of the
sample served on loopback (benchmarks/sample_server.py) and a `kongres reparse` of any of
their archives all fetch the sample's files byte for byte. So the test is on the crawl log:
when most fetched bodies hash to a file of the sample, the dataset is the sample, however
it was run. The files are read as package data, so this works from an egg too.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable

import pandas as pd

#: Share of the fetched bodies that must be files of the sample.
SAMPLE_SHARE = 0.5


def _walk(node: Traversable):
    for child in node.iterdir():
        if child.is_dir():
            yield from _walk(child)
        elif child.is_file():
            yield child


@lru_cache(maxsize=1)
def sample_hashes() -> frozenset[str]:
    """SHA-256 of every file of the bundled sample web (what `crawl_log.content_hash` holds)."""
    root = resources.files("kongres_scraper").joinpath("sample_web")
    if not root.is_dir():
        return frozenset()
    return frozenset(hashlib.sha256(f.read_bytes()).hexdigest() for f in _walk(root))


def is_sample(crawl_log: pd.DataFrame | list[dict] | None) -> bool:
    """True when at least `SAMPLE_SHARE` of the crawl's fetched bodies are files of the bundled sample.

    `crawl_log` is the table or its rows (dicts with `content_hash`).
    """
    if crawl_log is None or len(crawl_log) == 0:
        return False
    if isinstance(crawl_log, pd.DataFrame):
        values = crawl_log["content_hash"].dropna() if "content_hash" in crawl_log else []
    else:
        values = [row.get("content_hash") for row in crawl_log]
    hashes = [h for h in values if isinstance(h, str) and h]
    if not hashes:
        return False
    known = sample_hashes()
    return sum(h in known for h in hashes) >= SAMPLE_SHARE * len(hashes)
