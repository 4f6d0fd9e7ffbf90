"""The run of a crawl as Scrapy components: the output lock, the crawl state, the run directory.

* `RunExtension` owns what the components of one crawl share: the output lock (unless
  `kongres crawl` holds it already), the crawl state store (`runs/store.py`, None when the
  crawl keeps none) and the run directory (`runs/output.py`). Components reach it with
  `RunExtension.of(crawler)` (Scrapy's `get_extension`), not through attributes on the crawler.
* `StateMiddleware` (downloader) answers requests from the store without the network
  (resume, revisit schedule, sitemap lastmod, 304) and tells the spider when a page's
  stored record can be reused (same bytes, same extraction code).
* `StatePipeline` writes what each response got into the store (one commit per response,
  so a crawl killed with SIGKILL leaves a journal that `--resume` replays).

Under scrapyd (`scrapy crawl sites`) the extension's lock is what keeps two jobs from
writing one output: the second closes at once with the reason `output_locked`.
"""
from __future__ import annotations

import json
import logging
import shutil
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.http import Headers, Request, Response
from scrapy.responsetypes import responsetypes
from scrapy.utils.defer import deferred_from_coro

from ..discovery.classify import PAGE_ROLES
from ..runs import disk
from ..runs.lock import OutputLock, OutputLocked
from ..runs.output import Run, start_run, state_run_id
from ..runs.store import StateStore, Stored, state_dir
from .items import FetchedItem

logger = logging.getLogger(__name__)

#: Request meta key: how a response was obtained without downloading its body (resume, fresh, lastmod, 304).
REUSED_META = "kongres_reused"
#: Request meta key: the stored record of a page whose body is the stored one (record, error).
STORED_RECORD_META = "kongres_stored_record"
_CONDITIONAL_META = "kongres_conditional"
#: The finish reason of a crawl stopped by a full or read-only disk.
WRITE_ERROR_REASON = "write_error"


class RunExtension:
    """What the components of one crawl share; see the module docstring."""

    def __init__(self, crawler: Any):
        self.crawler = crawler
        settings = crawler.settings
        self.output = Path(settings["KONGRES_OUTPUT_DIR"])
        self.lock: OutputLock | None = None
        self.locked_message: str | None = None
        if settings.getbool("KONGRES_LOCK") and not settings.getbool("KONGRES_LOCK_HELD"):
            try:
                self.lock = OutputLock(self.output).acquire()
            except OutputLocked as exc:
                self.locked_message = str(exc)
        self.store: StateStore | None = None
        directory = state_dir(self.output, settings.get("KONGRES_STATE_DIR"), settings.getbool("KONGRES_STATE"),
                              offline=bool(settings.get("KONGRES_OFFLINE_ROOT")))
        if directory is not None and not self.locked_message:
            self.store = StateStore(directory, resume=settings.getbool("KONGRES_RESUME"),
                                    revisit_after=settings.getfloat("KONGRES_REVISIT_AFTER"),
                                    revisit_max=settings.getfloat("KONGRES_REVISIT_MAX"))
        #: the first failed write of a full or read-only disk: (runs.disk kind, the line that says so)
        self.write_error: tuple[str, str] | None = None
        self.counts: Counter[str] = Counter()  # how responses were obtained: downloaded, 304, lastmod, fresh, resume
        self.not_found_again: list[str] = []
        self._run: Run | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.engine_stopped, signal=signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler: Any) -> "RunExtension":
        return cls(crawler)

    @classmethod
    def of(cls, crawler: Any) -> "RunExtension":
        """The crawl's instance (settings.py enables it; a crawl without it is misconfigured)."""
        ext = crawler.get_extension(cls)
        if ext is None:
            raise NotConfigured("kongres_scraper.crawl.state.RunExtension is not enabled")
        return ext

    @property
    def run(self) -> Run:
        """The run directory, created on first use (the archive opens it, the pipeline concludes it)."""
        if self._run is None:
            settings = self.crawler.settings
            states = getattr(getattr(self.crawler, "spider", None), "states", None) or {}
            sources = sorted((name, tuple(getattr(st.source, "start_urls", ()))) for name, st in states.items())
            seed = json.dumps([settings.get("KONGRES_OFFLINE_ROOT"), sources], default=str)
            run_id = settings.get("KONGRES_RUN_ID")
            if not run_id and self.store is not None:
                # one run id per state run: a resumed crawl continues its run directory and archive
                run_id = state_run_id(self.output, str(self.store.run_id))
            self._run = start_run(self.output, seed, run_id)
        return self._run

    @property
    def started(self) -> bool:
        """Whether the run directory was created."""
        return self._run is not None

    def drop_run(self) -> None:
        """Remove the run directory of a run the disk could not hold (nothing in it is usable)."""
        if self._run is not None:
            shutil.rmtree(self._run.dir, ignore_errors=True)

    def stop_for_write_error(self, exc: BaseException, path: Any) -> bool:
        """Record the first disk error and close the spider; False when `exc` is no disk error (re-raise it).

        Each later write would fail the same way: one line and an early stop instead of a
        traceback per response and a crawl that goes on to the end.
        """
        found = disk.message(exc, path)
        if found is None:
            return False
        if self.write_error is None:
            self.write_error = found
            logger.info("stopping the crawl: %s", found[1])
            engine = getattr(self.crawler, "engine", None)
            if engine is not None and engine.running:
                deferred_from_coro(engine.close_spider_async(reason=WRITE_ERROR_REASON))
        return True

    def spider_opened(self, spider: Any) -> None:
        if self.locked_message:
            logger.error("kongres: %s", self.locked_message)
            self.crawler.engine.close_spider(spider, "output_locked")

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.store is None:
            return
        self.not_found_again = self.store.not_seen_this_run() if reason == "finished" else []
        if reason == "finished":
            self.store.finish()

    def engine_stopped(self) -> None:
        """After every spider_closed handler (the pipeline's writes the tables): close the store, release the lock."""
        try:
            if self.store is not None:
                self.store.close()
        finally:
            if self.lock is not None:
                self.lock.release()


def response_validators(headers: Headers) -> dict[str, str | None]:
    """ETag, Last-Modified and Content-Type of a response, as text."""
    def get(name: str) -> str | None:
        value = headers.get(name)
        return value.decode("latin-1") if value else None

    return {"etag": get("ETag"), "last_modified": get("Last-Modified"), "content_type": get("Content-Type")}


class StateMiddleware:
    """Downloader middleware: replay, skip by sitemap lastmod or revisit schedule, conditional requests, 304s."""

    def __init__(self, run: RunExtension, store: StateStore, trust_lastmod: bool):
        self.run = run
        self.store = store
        self.trust_lastmod = trust_lastmod

    @classmethod
    def from_crawler(cls, crawler: Any) -> "StateMiddleware":
        run = RunExtension.of(crawler)
        if run.store is None:
            raise NotConfigured()
        return cls(run, run.store, crawler.settings.getbool("KONGRES_TRUST_LASTMOD"))

    def _stored_response(self, request: Request, entry: Stored, how: str,
                         headers: dict[str, str | None] | None = None) -> Response:
        values = {"Content-Type": entry.content_type, "ETag": entry.etag, "Last-Modified": entry.last_modified}
        if headers:
            values.update({"ETag": headers.get("etag") or entry.etag,
                           "Last-Modified": headers.get("last_modified") or entry.last_modified})
        hdrs = Headers({k: v for k, v in values.items() if v})
        body = entry.body or b""
        request.meta[REUSED_META] = how
        self.run.counts[how] += 1
        respcls = responsetypes.from_args(headers=hdrs, url=request.url, body=body)
        return respcls(url=request.url, status=entry.status, headers=hdrs, body=body, request=request)

    def process_request(self, request: Request) -> Response | None:
        if request.meta.get("dont_use_kongres_state"):
            return None
        entry = self.store.get(request.url)
        how = self.store.stored_answer(entry, request.meta.get("kongres_role"), request.meta.get("lastmod"),
                                       self.trust_lastmod)
        if how is not None:
            return self._stored_response(request, entry, how)
        conditional = StateStore.validators(entry)
        for name, value in conditional.items():
            if name.encode() not in request.headers:
                request.headers[name.encode()] = value
        if conditional:
            request.meta[_CONDITIONAL_META] = True
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        if request.meta.get("dont_use_kongres_state"):
            return response
        if not request.meta.get(REUSED_META):
            if response.status == 304 and request.meta.get(_CONDITIONAL_META):
                entry = self.store.get(request.url)
                if entry is not None and entry.body is not None:
                    response = self._stored_response(request, entry, "304", response_validators(response.headers))
            elif response.status == 200 and response.body:
                self.run.counts["bodies_downloaded"] += 1
        if request.meta.get("kongres_role") in PAGE_ROLES:
            stored = self.store.reusable(request.url, response.body)
            if stored is not None:  # the same bytes as last time, the same extraction code: no re-parsing
                record = dict(stored.record) if stored.record else None
                request.meta[STORED_RECORD_META] = (record, None if record else stored.log.get("error"))
        return response


class StatePipeline:
    """Settle each crawl_log row against the stored state (unchanged pages keep their first
    fetched_at; pages gone are marked) and store what the crawl got, before the dataset
    pipeline collects the row."""

    def __init__(self, run: RunExtension, store: StateStore):
        self.run = run
        self.store = store

    @classmethod
    def from_crawler(cls, crawler: Any) -> "StatePipeline":
        run = RunExtension.of(crawler)
        if run.store is None:
            raise NotConfigured()
        return cls(run, run.store)

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedItem) or item.fetch is None:
            return item
        fetch, item.fetch = item.fetch, None  # the body is not kept past this point
        url = item.log["url"]
        try:
            previous = self.store.get(url)
            item.log = self.store.settle_log(previous, item.log)
            if fetch.status is None:
                self.store.save_error(url, item.log)
            else:
                self.store.save(url, status=fetch.status, headers=fetch.validators, lastmod=fetch.lastmod,
                                body=fetch.body, log=item.log, record=item.record, previous=previous, how=fetch.reused)
        except (OSError, sqlite3.Error) as exc:  # a full disk: stop at the first failed write
            if not self.run.stop_for_write_error(exc, self.store.dir / "pages.sqlite"):
                raise
        return item
