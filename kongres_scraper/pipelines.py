"""Thin glue from crawl items to the dataset: collect, report progress, build and write at close.

The tables are only written when the crawl finished normally and found what it
should: a crawl that was interrupted, or that found no page about the congress
(the sites changed their layout, or robots.txt shut us out) must leave the previous
output intact and say so, not replace good tables with empty ones. The outcome is
put in the crawl stats (`kongres/outcome`, `kongres/tables`, ...) for the CLI.
"""
from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .spiders.items import FetchedItem

logger = logging.getLogger(__name__)

PAGE_TYPES = ("programme", "speakers", "article", "other")


def write_staged(tables: dict[str, Any], out_dir: Path, write_tables: Any) -> None:
    """Write the tables next to `out_dir`, then move each file into it.

    If writing fails, `out_dir` is untouched; files of `out_dir` that the writer does
    not produce (a README) stay. Each move is an atomic rename on one file system.
    """
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.staging-", dir=out_dir.parent))
    try:
        write_tables(tables, staging)
        out_dir.mkdir(exist_ok=True)
        for path in sorted(staging.iterdir()):
            if path.is_file():
                os.replace(path, out_dir / path.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


class DatasetPipeline:
    """Collects crawl_log rows and page records; builds and writes the tables at close."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.out_dir = Path(settings.get("KONGRES_OUTPUT_DIR", "output"))
        self.every = settings.getint("KONGRES_PROGRESS_EVERY", 25)
        self.seconds = settings.getfloat("KONGRES_PROGRESS_SECONDS", 3.0)
        self.allow_empty = settings.getbool("KONGRES_ALLOW_EMPTY", False)
        self.show_progress = settings.getbool("KONGRES_PROGRESS", True)
        self.crawl_log: list[dict[str, Any]] = []
        self.records: list[dict[str, Any]] = []
        self.errors = 0
        self.about = 0
        self.per_host: Counter[str] = Counter()
        self.pages_per_source: Counter[str] = Counter()  # HTML pages extracted, per source
        self.started = time.monotonic()
        self._last_report = self.started
        self._last_count = 0

    @classmethod
    def from_crawler(cls, crawler: Any) -> "DatasetPipeline":
        from scrapy import signals

        pipeline = cls(crawler)
        # spider_closed carries the close reason, which close_spider() does not get
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedItem):
            return item
        self.crawl_log.append(item.log)
        self.per_host[urlsplit(item.log["url"]).hostname or ""] += 1
        if item.log.get("error") and not self._expected_miss(item):
            self.errors += 1
        if item.record is not None:
            self.records.append(item.record)
            self.pages_per_source[item.source] += 1
            if item.record.get("about_congress"):
                self.about += 1
        self._maybe_report()
        return item

    @staticmethod
    def _expected_miss(item: FetchedItem) -> bool:
        """A probe that found nothing (no robots.txt, no /feed/, no REST API) is no error."""
        probe = item.meta.get("role") in ("robots", "sitemap", "feed", "rest")
        return probe and item.log.get("status") in (400, 401, 403, 404, 410)

    def _maybe_report(self, final: bool = False) -> None:
        count = len(self.crawl_log)
        now = time.monotonic()
        due = count - self._last_count >= self.every or now - self._last_report >= self.seconds
        if not self.show_progress or not (due or final) or count == self._last_count:
            return
        self._last_report, self._last_count = now, count
        print(
            f"kongres: {count} fetched, {len(self.records)} pages extracted, {self.errors} errors, "
            f"{self.about} about the congress ({now - self.started:.0f}s)",
            file=sys.stderr,
            flush=True,
        )

    def spider_closed(self, spider: Any, reason: str) -> None:
        stats = self.crawler.stats
        self._maybe_report(final=True)
        stats.set_value("kongres/fetched", len(self.crawl_log))
        stats.set_value("kongres/records", len(self.records))
        stats.set_value("kongres/errors", self.errors)
        stats.set_value("kongres/about_congress", self.about)
        stats.set_value("kongres/per_host", dict(sorted(self.per_host.items())))
        stats.set_value("kongres/seconds", round(time.monotonic() - self.started, 2))
        names = list(getattr(spider, "states", {}) or {})
        stats.set_value("kongres/empty_sources", [n for n in names if not self.pages_per_source[n]])

        if reason not in (None, "finished"):
            self._refuse(f"the crawl stopped early ({reason}); previous output in {self.out_dir} left intact")
            return
        if not self.records:
            self._refuse("no HTML page was fetched and extracted; previous output left intact")
            return
        if not self.about and not self.allow_empty:
            self._refuse("no page about the congress was found (did the sites change?); "
                         "previous output left intact (use --allow-empty to write anyway)")
            return
        try:
            from .dataset import build_tables, write_tables

            # Sorted input: the same snapshot always gives the same tables.
            records = sorted(self.records, key=lambda r: r["url"])
            crawl_log = sorted(self.crawl_log, key=lambda r: (r["url"], r["fetched_at"] or ""))
            tables = build_tables(records, crawl_log)
            write_staged(tables, self.out_dir, write_tables)
        except Exception as exc:
            logger.error("building or writing the tables failed", exc_info=True)
            self._refuse(f"building or writing the tables failed: {type(exc).__name__}: {exc}")
            return
        stats.set_value("kongres/outcome", "written")
        stats.set_value("kongres/tables", {name: len(frame) for name, frame in tables.items()})

    def _refuse(self, message: str) -> None:
        self.crawler.stats.set_value("kongres/outcome", "refused")
        self.crawler.stats.set_value("kongres/message", message)
