"""Thin glue from crawl items to the dataset: collect, report progress, conclude the run at close.

At close, `runs.conclude` refuses a crawl that was interrupted or found no page about
the congress (the sites changed their layout, or robots.txt shut us out), else writes
the run's tables and `changes` to `OUT/runs/<run-id>/`, runs the checks (`runs/checks.py`)
and moves `OUT/latest` only when they pass: previous good output is never replaced by
empty or broken tables. The `Outcome` is sent with the `outcome_ready` signal, which
`app.crawl` listens to; Scrapy's stats are left to logging.
"""
from __future__ import annotations

import logging
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from ..dataset.spool import RecordSpool
from ..discovery.report import SourceCrawl, settle, settled_ways, summarise
from ..runs.checks import PROBE_MISSES, PROBE_ROLES
from ..runs.conclude import CrawlSummary, Outcome, Status, conclude, sources_hash
from ..runs.memory import release_extraction_memory
from .items import FetchedItem
from .robots import REFUSED_STAT
from .state import RunExtension

logger = logging.getLogger(__name__)

#: Signal sent once at the end of a crawl with `outcome=` the run's `Outcome`.
outcome_ready = object()


#: Errors of a fetch that never reached a server (name resolution, connection, route).
NETWORK_ERROR = re.compile(r"DNSLookupError|DNS lookup failed|ConnectionRefused|Connection was refused|ConnectError"
                           r"|TCPTimedOut|No route to host|Network is unreachable|NoRouteError|gaierror", re.I)
#: The finish reason of a crawl stopped because no site answered.
NETWORK_UNREACHABLE = "network_unreachable"


class DatasetPipeline:
    """Collects crawl_log rows and page records; builds and writes the tables at close."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.every = settings.getint("KONGRES_PROGRESS_EVERY", 25)
        self.seconds = settings.getfloat("KONGRES_PROGRESS_SECONDS", 3.0)
        self.allow_empty = settings.getbool("KONGRES_ALLOW_EMPTY", False)
        self.show_progress = settings.getbool("KONGRES_PROGRESS", True)
        self.crawl_log: list[dict[str, Any]] = []
        self.fetches: list[FetchRow] = []  # crawl_log rows with the role of their request
        self.records = RecordSpool()  # on disk: a crawl's page texts are never all in memory
        self.errors = 0
        self.about = 0
        self.per_host: Counter[str] = Counter()
        self.pages_per_source: Counter[str] = Counter()  # HTML pages extracted, per source
        self.records_reused = 0
        self.answered = 0  # fetches that got an HTTP response
        self.unreachable = 0  # fetches that failed on DNS or connection errors
        self.unreachable_after = settings.getint("KONGRES_UNREACHABLE_AFTER", 6)
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
        self.fetches.append(FetchRow(item.log, item.meta.get("role"), item.source,
                                     bool(item.record and item.record.get("about_congress"))))
        self.per_host[_host(item.log["url"])] += 1
        if item.log.get("error") and not self._expected_miss(item):
            self.errors += 1
        if item.log.get("status") is not None:
            self.answered += 1
        elif NETWORK_ERROR.search(item.log.get("error") or ""):
            self.unreachable += 1
            if not self.answered and self.unreachable == self.unreachable_after and self.crawler.engine:
                # no site has answered at all: the network is down, not the sites; stop instead of
                # retrying every probe of every source for minutes
                from scrapy.utils.defer import deferred_from_coro

                deferred_from_coro(self.crawler.engine.close_spider_async(reason=NETWORK_UNREACHABLE))
        if item.meta.get("record_reused"):
            self.records_reused += 1
        if item.record is not None:
            self.records.add(item.record)
            self.pages_per_source[item.source] += 1
            if item.record.get("about_congress"):
                self.about += 1
        self._maybe_report()
        return item

    @staticmethod
    def _expected_miss(item: FetchedItem) -> bool:
        """A probe that found nothing (no robots.txt, no /feed/, no REST API) is no error."""
        return item.meta.get("role") in PROBE_ROLES and item.log.get("status") in PROBE_MISSES

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
        self._maybe_report(final=True)
        release_extraction_memory()  # every page is extracted: the tables are built without those caches
        try:
            outcome = self._conclude(spider, reason)
        finally:
            self.records.close()
        # the line a scrapyd job's log shows; `kongres crawl` prints its own summary from the outcome
        logger.info("kongres: run outcome: %s%s", outcome.status, f" ({outcome.message})" if outcome.message else "")
        self.crawler.signals.send_catch_log(outcome_ready, outcome=outcome)

    def _conclude(self, spider: Any, reason: str) -> Outcome:
        run = RunExtension.of(self.crawler)
        names = list(getattr(spider, "states", {}) or {})
        summary = self._summary(run, reason)
        if run.locked_message:  # another crawl holds the output
            return Outcome(Status.LOCKED, None, run.locked_message, crawl=summary)
        empty = [n for n in names if not self.pages_per_source[n]]
        # the way each URL was found, the same whatever request won the race (the archive keeps it too)
        settle((*self.crawl_log, *self.fetches), settled_ways(getattr(spider, "offers", {})))
        states = getattr(spider, "states", {}) or {}
        source = {"kind": "crawl", "offline_root": self.crawler.settings.get("KONGRES_OFFLINE_ROOT"),
                  "sources": names, "discovery": self._discovery(spider),
                  "sources_hash": sources_hash(st.source for st in states.values())}
        if run.store is not None and run.store.moved_aside is not None:
            source["state_moved_aside"] = str(run.store.moved_aside)
        refused = robots_refused_sources(spider, self.crawler.stats.get_value(REFUSED_STAT) or {})
        timings = {"crawl_s": round(time.monotonic() - self.started, 2),
                   "extract_s": round(self.crawler.stats.get_value("kongres/extract_seconds", 0.0), 2)}
        try:
            if run.write_error is None:
                outcome = conclude(run.run, self.records, self.crawl_log, self.fetches, reason,
                                   allow_empty=self.allow_empty, empty_sources=empty,
                                   checks_file=self.crawler.settings.get("KONGRES_CHECKS_FILE"), source=source,
                                   timings=timings, robots_refused=refused)
        except Exception as exc:
            if not run.stop_for_write_error(exc, run.run.dir if run.started else run.output):
                logger.error("concluding the run failed", exc_info=True)
                return Outcome(Status.REFUSED, None, f"concluding the run failed: {type(exc).__name__}: {exc}",
                               crawl=summary)
        if run.write_error is not None:
            run.drop_run()  # its partial archive would only keep the disk full
            kind, message = run.write_error
            return Outcome(Status(kind), None, message, crawl=summary)
        outcome.crawl = summary
        return outcome

    def _discovery(self, spider: Any) -> list[dict[str, Any]]:
        """Per source: how its pages were found, and why it gave no article (`discovery/report.py`)."""
        fetches: dict[str, list[dict[str, Any]]] = {}
        for f in self.fetches:
            fetches.setdefault(f["source"], []).append(f)
        return [summarise(SourceCrawl(name, frozenset(st.found), st.links_mode, st.capped, st.source.max_depth),
                          fetches.get(name, []))
                for name, st in (getattr(spider, "states", {}) or {}).items()]

    def _summary(self, run: RunExtension, reason: str) -> CrawlSummary:
        store = run.store
        return CrawlSummary(
            finish_reason=reason, fetched=len(self.crawl_log), records=len(self.records), errors=self.errors,
            about_congress=self.about, seconds=round(time.monotonic() - self.started, 2),
            per_host=dict(sorted(self.per_host.items())),
            state_dir=str(store.dir) if store is not None else None,
            reused={**run.counts, "records_reused": self.records_reused},
            gone=sorted(set(store.gone)) if store is not None else [],
            not_found_again=run.not_found_again)


class FetchRow(Mapping[str, Any]):
    """A crawl_log row with the `role` of its request, its `source` and whether its page is about the
    congress, read as one dict (`runs.checks.measure`, `discovery.report.summarise`).

    It refers to the row instead of copying it: a dict of ten keys per fetch was a tenth of the
    crawl's memory that grows with the pages. Setting a key of the row (`settle`) sets it in the row.
    """

    __slots__ = ("log", "role", "source", "about_congress")
    _OWN = ("role", "source", "about_congress")

    def __init__(self, log: dict[str, Any], role: str | None, source: str, about_congress: bool) -> None:
        self.log, self.role, self.source, self.about_congress = log, role, source, about_congress

    def __getitem__(self, key: str) -> Any:
        return getattr(self, key) if key in self._OWN else self.log[key]

    def __setitem__(self, key: str, value: Any) -> None:
        if key in self._OWN:
            setattr(self, key, value)
        else:
            self.log[key] = value

    def __iter__(self) -> Iterator[str]:
        yield from self.log
        yield from self._OWN

    def __len__(self) -> int:
        return len(self.log) + len(self._OWN)


def robots_refused_sources(spider: Any, by_netloc: dict[str, str]) -> dict[str, str]:
    """Source name -> why its robots.txt disallowed everything (the robots middleware records netlocs)."""
    out: dict[str, str] = {}
    for name, state in (getattr(spider, "states", None) or {}).items():
        for url in state.source.start_urls:
            reason = by_netloc.get(urlsplit(url).netloc)
            if reason:
                out[name] = reason
    return out


def _host(url: str) -> str:
    """The host of a crawl_log URL; "" for a malformed link (logged as met, which urlsplit may refuse)."""
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""
