"""A sweep: one crawl whose frontier is shared in Redis by workers on any number of machines.

`kongres crawl --frontier redis://HOST:PORT/DB [--workers N]` takes the output lock, creates
the run directory and writes the sweep's configuration (run id, output, sources, settings) to
Redis; N local `kongres worker --frontier URL` processes, and any started on other machines,
crawl it. Every worker uses scrapy-redis' scheduler and duplicate filter (one request queue,
one set of fingerprints) and `shared.RedisDiscovery` for the spider's discovery state, so which
URL is requested, how it was found and when a source's phase moves on do not depend on the
number of workers. Each worker spools its crawl_log rows and page records to
`OUT/runs/<run-id>/frontier/<worker>.jsonl` (and its responses to its own WARC file); when the
frontier is done the command that started the sweep concludes the run from the spools with
`runs.conclude`, exactly as a single-process crawl does.

Idle and done: a worker whose local engine is idle clears its in-flight hash; the frontier is
idle when the queue is empty and no live worker has a request in flight. The first worker to
see that, under a Redis lock, re-queues the requests that dead workers (no heartbeat for
`KONGRES_FRONTIER_TTL` seconds) had taken, or advances the sources' phases, or marks the
sweep done. Killing a worker loses nothing: its claimed requests go back into the queue.
"""
from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable

import redis
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy_redis.scheduler import Scheduler

from ..dataset.spool import RecordSpool
from ..discovery.report import SourceCrawl, settle, settled_ways, summarise
from ..runs.conclude import CrawlSummary, Outcome, Status, conclude, sources_hash
from ..runs.output import Run, start_run
from .items import FetchedItem
from .shared import RedisDiscovery

logger = logging.getLogger(__name__)

#: Request meta key: the (worker, fingerprint) claims a request carries until its row is spooled.
CLAIMS_META = "kongres_claims"
SPOOL_DIR = "frontier"


def keys_prefix(settings: Any) -> str:
    return settings.get("KONGRES_FRONTIER_PREFIX") or "kongres"


#: Pop the best request (lowest score) and keep it in the worker's in-flight hash under its SHA-1.
_TAKE = """
local r = redis.call('ZRANGE', KEYS[1], 0, 0)
if #r == 0 then return nil end
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, 0)
local id = redis.sha1hex(r[1])
redis.call('HSET', KEYS[2], id, r[1])
return {id, r[1]}
"""


class Frontier:
    """A worker's view of the shared frontier: heartbeat, in-flight requests, the idle decision."""

    def __init__(self, crawler: Any) -> None:
        settings = crawler.settings
        url = settings.get("KONGRES_FRONTIER")
        if not url:
            raise NotConfigured()
        self.crawler = crawler
        self.server = redis.Redis.from_url(url)
        self.prefix = keys_prefix(settings)
        self.worker = settings.get("KONGRES_WORKER_ID") or f"{socket.gethostname()}-{os.getpid()}"
        self.ttl = max(1, settings.getint("KONGRES_FRONTIER_TTL", 30))
        self.discovery = RedisDiscovery(self.server, self.prefix)
        self._take = self.server.register_script(_TAKE)
        self.scheduler: "FrontierScheduler | None" = None
        self._beat: Any = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.request_dropped, signal=signals.request_dropped)

    @classmethod
    def from_crawler(cls, crawler: Any) -> "Frontier":
        return cls(crawler)

    @classmethod
    def of_crawler(cls, crawler: Any) -> "Frontier":
        ext = crawler.get_extension(cls)
        if ext is None:
            raise NotConfigured("kongres_scraper.crawl.frontier.Frontier is not enabled")
        return ext

    def k(self, *parts: str) -> str:
        return ":".join((self.prefix, *parts))

    # ------------------------------------------------------------------ liveness

    def spider_opened(self, spider: Any) -> None:
        from twisted.internet import task

        self.server.sadd(self.k("workers"), self.worker)
        self.heartbeat()
        self._beat = task.LoopingCall(self.heartbeat)
        self._beat.start(self.ttl / 3, now=False)

    def heartbeat(self) -> None:
        self.server.set(self.k("alive", self.worker), "1", ex=self.ttl)

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self._beat is not None and self._beat.running:
            self._beat.stop()
        if reason == "finished":  # what it took is spooled; a killed worker's claims stay for the others
            self.server.delete(self.k("inflight", self.worker), self.k("alive", self.worker))
            self.server.srem(self.k("workers"), self.worker)

    # ------------------------------------------------------------------ claims

    def take(self, queue_key: str) -> tuple[str, bytes] | None:
        """Pop the first request of the queue into this worker's in-flight hash, in one step (so no
        other worker sees it nowhere); its claim id and its serialized form."""
        taken = self._take(keys=[queue_key, self.k("inflight", self.worker)])
        return (taken[0].decode(), taken[1]) if taken else None

    def release(self, meta: dict[str, Any]) -> None:
        claims = meta.get(CLAIMS_META) or []
        if claims:
            pipe = self.server.pipeline()
            for worker, fp in claims:
                pipe.hdel(self.k("inflight", worker), fp)
            pipe.execute()

    def request_dropped(self, request: Any, spider: Any) -> None:
        self.release(request.meta)  # a redirect to a URL the frontier had already seen

    # ------------------------------------------------------------------ idle

    def queue_length(self) -> int:
        return len(self.scheduler.queue) if self.scheduler else 0

    def busy(self) -> bool:
        """Requests queued, or in flight at a live worker."""
        if self.queue_length():
            return True
        for raw in self.server.smembers(self.k("workers")):
            worker = raw.decode()
            if self.server.hlen(self.k("inflight", worker)) and self.server.exists(self.k("alive", worker)):
                return True
        return False

    def requeue_dead(self) -> int:
        """Put back the requests of workers that stopped beating; forget those workers."""
        count = 0
        for raw in self.server.smembers(self.k("workers")):
            worker = raw.decode()
            if worker == self.worker or self.server.exists(self.k("alive", worker)):
                continue
            for data in self.server.hvals(self.k("inflight", worker)):
                request = self.scheduler.queue._decode_request(data)
                request.meta.pop(CLAIMS_META, None)
                self.scheduler.queue.push(request)
                count += 1
            self.server.delete(self.k("inflight", worker))
            self.server.srem(self.k("workers"), worker)
            if count:
                logger.warning("kongres: worker %s stopped; %d of its requests re-queued", worker, count)
        return count

    def on_idle(self, advance: Callable[[], int]) -> None:
        """spider_idle of a worker: wait, re-queue, advance the phases, or let the worker close."""
        self.server.delete(self.k("inflight", self.worker))  # idle here: nothing of ours is in flight
        if self.server.exists(self.k("done")):
            return
        if self.busy():
            raise DontCloseSpider
        with self.server.lock(self.k("idle_lock"), timeout=120, blocking_timeout=self.ttl * 2):
            if self.server.exists(self.k("done")):
                return
            if self.requeue_dead() or self.busy():
                raise DontCloseSpider
            if advance():
                raise DontCloseSpider
            self.server.set(self.k("done"), "1")


class FrontierScheduler(Scheduler):
    """scrapy-redis' scheduler; each request taken from the queue is claimed by this worker first."""

    frontier: Frontier | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> "FrontierScheduler":
        instance = super().from_crawler(crawler)
        instance.frontier = Frontier.of_crawler(crawler)
        instance.frontier.scheduler = instance
        return instance

    def next_request(self) -> Any:
        taken = self.frontier.take(self.queue.key)
        if taken is None:
            return None
        claim, data = taken
        request = self.queue._decode_request(data)
        request.meta.setdefault(CLAIMS_META, []).append([self.frontier.worker, claim])
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request


#: The wait (ms) before a request to a host may go, and the host's next slot booked: one request per
#: `ARGV[1]` ms per host whatever the number of workers (Redis' clock, so the machines' clocks do not matter).
_PACE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local booked = tonumber(redis.call('GET', KEYS[1]) or '0')
local at = math.max(now, booked)
redis.call('SET', KEYS[1], at + tonumber(ARGV[1]), 'PX', tonumber(ARGV[1]) + 60000)
return at - now
"""


class HostPacer:
    """Downloader middleware of a sweep's worker: DOWNLOAD_DELAY per host holds across all workers.

    Scrapy's own delay and per-domain concurrency are per process; without this, N workers would
    ask one small site N times as often as one crawl does."""

    def __init__(self, server: Any, prefix: str, delay: float) -> None:
        self.prefix = prefix
        self.delay_ms = int(delay * 1000)
        self._pace = server.register_script(_PACE)

    @classmethod
    def from_crawler(cls, crawler: Any) -> "HostPacer":
        delay = crawler.settings.getfloat("DOWNLOAD_DELAY")
        if delay <= 0 or not crawler.settings.get("KONGRES_FRONTIER"):
            raise NotConfigured()
        frontier = Frontier.of_crawler(crawler)
        return cls(frontier.server, frontier.prefix, delay)

    def wait_ms(self, host: str) -> int:
        """Book the host's next slot; how long to wait for it."""
        return int(self._pace(keys=[f"{self.prefix}:host:{host}"], args=[self.delay_ms]))

    async def process_request(self, request: Any, spider: Any = None) -> None:
        from urllib.parse import urlsplit

        from scrapy.utils.defer import deferred_to_future
        from twisted.internet import reactor, task

        wait = self.wait_ms(urlsplit(request.url).hostname or "")
        if wait > 0:
            await deferred_to_future(task.deferLater(reactor, wait / 1000))
        return None


class SweepSpoolPipeline:
    """A worker's pipeline: each crawl_log row (with its record) as one JSON line in the run directory."""

    def __init__(self, crawler: Any) -> None:
        from .state import RunExtension

        self.crawler = crawler
        self.frontier = Frontier.of_crawler(crawler)
        self.run = RunExtension.of(crawler)
        self.file: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> "SweepSpoolPipeline":
        pipeline = cls(crawler)
        # spooled once the archive has the row (its item_scraped handler was connected first, by the
        # downloader): what a killed worker spooled is in its archive too
        crawler.signals.connect(pipeline.item_scraped, signal=signals.item_scraped)
        return pipeline

    def open_spider(self, spider: Any = None) -> None:
        directory = self.run.run.dir / SPOOL_DIR
        directory.mkdir(parents=True, exist_ok=True)
        self.file = open(directory / f"{self.frontier.worker}.jsonl", "a", encoding="utf-8")

    def close_spider(self, spider: Any = None) -> None:
        if self.file is not None:
            self.file.close()

    def item_scraped(self, item: Any, response: Any = None, spider: Any = None) -> None:
        if not isinstance(item, FetchedItem):
            return
        line = {"log": item.log, "role": item.meta.get("role"), "source": item.source, "record": item.record,
                "reused": bool(item.meta.get("record_reused"))}
        self.file.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
        self.file.flush()
        self.frontier.release(item.meta)


def worker_settings(url: str, prefix: str, worker: str, ttl: int) -> dict[str, Any]:
    """The Scrapy settings that make a crawl a worker of the sweep at `url`."""
    return {
        "KONGRES_FRONTIER": url,
        "KONGRES_FRONTIER_PREFIX": prefix,
        "KONGRES_FRONTIER_TTL": ttl,
        "KONGRES_WORKER_ID": worker,
        "KONGRES_LOCK": False,  # the sweep's command holds the output lock
        "KONGRES_STATE": False,  # one SQLite crawl state cannot be shared by machines
        "KONGRES_ARCHIVE_NAME": f"archive-{worker}.warc.gz",
        "SCHEDULER": "kongres_scraper.crawl.frontier.FrontierScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_QUEUE_KEY": f"{prefix}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:dupefilter",
        "REDIS_URL": url,
        "EXTENSIONS": {"kongres_scraper.crawl.state.RunExtension": 0, "kongres_scraper.crawl.frontier.Frontier": 10},
        "ITEM_PIPELINES": {"kongres_scraper.crawl.frontier.SweepSpoolPipeline": 300},
        "DOWNLOADER_MIDDLEWARES": {"kongres_scraper.crawl.frontier.HostPacer": 50,
                                   "kongres_scraper.crawl.state.StateMiddleware": 120,
                                   "kongres_scraper.crawl.archive.WarcArchiveMiddleware": 115},
    }


# ---------------------------------------------------------------------------------------------- the sweep


class Sweep:
    """The sweep's keys in Redis as the command that starts, waits for and concludes it sees them."""

    def __init__(self, url: str, prefix: str = "kongres") -> None:
        self.url = url
        self.prefix = prefix
        self.server = redis.Redis.from_url(url)

    def k(self, *parts: str) -> str:
        return ":".join((self.prefix, *parts))

    def config(self) -> dict[str, Any] | None:
        raw = self.server.get(self.k("config"))
        return json.loads(raw) if raw else None

    def begin(self, config: dict[str, Any]) -> dict[str, Any]:
        """A new sweep, or the unfinished one of the same output (resumed: same run, same queue)."""
        old = self.config()
        if old and old.get("output") == config["output"] and not self.server.exists(self.k("done")):
            return old
        self.clear()
        self.server.set(self.k("config"), json.dumps(config))
        return config

    def clear(self) -> None:
        keys = list(self.server.scan_iter(f"{self.prefix}:*", count=1000))
        for i in range(0, len(keys), 500):
            self.server.delete(*keys[i:i + 500])

    def done(self) -> bool:
        return bool(self.server.exists(self.k("done")))

    def live_workers(self) -> int:
        return sum(1 for w in self.server.smembers(self.k("workers"))
                   if self.server.exists(self.k("alive", w.decode())))

    def wait(self, procs: list[subprocess.Popen], poll: float = 0.5) -> bool:
        """Until the sweep is done (True) or no worker is left to do it (False)."""
        grace = time.monotonic() + 60  # remote workers (--workers 0) have a minute to show up
        while True:
            if self.done():
                for p in procs:
                    p.wait()
                return True
            running = [p for p in procs if p.poll() is None]
            if not running and not self.live_workers() and (procs or time.monotonic() > grace):
                return self.done()
            time.sleep(poll)


def run_sweep(url: str, output: Path, sources: list[Any], sources_text: str | None, overrides: dict[str, Any],
              workers: int, allow_empty: bool, checks_file: str | None, quiet: bool) -> Outcome:
    """Start (or resume) the sweep, run `workers` local workers, wait for the frontier, conclude."""
    prefix = overrides.get("KONGRES_FRONTIER_PREFIX") or "kongres"
    sweep = Sweep(url, prefix)
    try:
        sweep.server.ping()
    except redis.RedisError as exc:
        return Outcome(Status.REFUSED, None, f"--frontier {url}: cannot reach Redis ({exc})")
    seed = json.dumps([None, sorted((s.name, tuple(s.start_urls)) for s in sources)], default=str)
    config = {"output": str(output.resolve()), "sources_text": sources_text, "overrides": overrides,
              "allow_empty": allow_empty}
    existing = sweep.config()
    if existing and existing.get("output") != config["output"] and not sweep.done():
        return Outcome(Status.REFUSED, None, f"--frontier {url}: Redis holds the unfinished sweep of "
                       f"{existing.get('output')}; resume it there, or use another Redis database")
    resumed = bool(existing and not sweep.done())
    run_id = existing["run_id"] if resumed else start_run(output, seed).run_id
    config["run_id"] = run_id
    config = sweep.begin(config)
    run = start_run(output, seed, config["run_id"])
    if resumed:
        print(f"kongres: resuming the sweep of run {run.run_id} ({len(sweep.server.zrange(sweep.k('requests'), 0, -1))} "
              "requests queued)", file=sys.stderr)
    started = time.monotonic()
    procs = [subprocess.Popen([sys.executable, "-m", "kongres_scraper.cli", "worker", "--frontier", url,
                               "--prefix", prefix] + (["-q"] if quiet else []))
             for _ in range(workers)]
    try:
        finished = sweep.wait(procs)
    except KeyboardInterrupt:
        for p in procs:
            p.terminate()
        finished = False
    reason = "finished" if finished else "workers_stopped"
    try:
        outcome = conclude_sweep(run, sources, sweep, reason, allow_empty=allow_empty, checks_file=checks_file,
                                 seconds=time.monotonic() - started)
    except Exception as exc:
        logger.error("concluding the sweep failed", exc_info=True)
        return Outcome(Status.REFUSED, None, f"concluding the sweep failed: {type(exc).__name__}: {exc}")
    if finished:
        sweep.clear()
    return outcome


def read_spools(directory: Path) -> list[dict[str, Any]]:
    """The rows every worker spooled, one per URL (a re-queued request a killed worker had already
    spooled is fetched again: the first row stays); a torn last line of a killed worker is skipped."""
    rows: dict[str, dict[str, Any]] = {}
    for path in sorted(directory.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                try:
                    row = json.loads(line)
                except ValueError:
                    continue
                rows.setdefault(row["log"]["url"], row)
    return list(rows.values())


def merge_archives(run: Run, closing: dict[str, Any]) -> None:
    """The workers' WARC files as the run's one archive (gzip members concatenate), closed by one
    record of the run as a whole (`closing`: the way each URL was found, settled over all workers,
    which `kongres reparse` applies to every row, as for a single-process crawl)."""
    import io

    from warcio.warcwriter import WARCWriter

    from ..runs.warc import RUN_TYPE, RUN_URI, keep_whole_records, warc_date

    parts = sorted(run.dir.glob("archive-*.warc.gz"))
    if not parts:
        return
    with open(run.archive, "ab") as out:
        for part in parts:
            keep_whole_records(part)  # a killed worker's file may end in a torn record
            out.write(part.read_bytes())
        data = json.dumps(closing, ensure_ascii=False, default=str).encode("utf-8")
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warc_record(RUN_URI, "metadata", payload=io.BytesIO(data), length=len(data),
                                                      warc_content_type=RUN_TYPE,
                                                      warc_headers_dict={"WARC-Date": warc_date(None)}))
    for part in parts:
        part.unlink()


def conclude_sweep(run: Run, sources: list[Any], sweep: Sweep, reason: str, *, allow_empty: bool,
                   checks_file: str | None, seconds: float) -> Outcome:
    """`runs.conclude` over the workers' spools and the shared discovery state."""
    from collections import Counter
    from urllib.parse import urlsplit

    from ..runs.checks import PROBE_MISSES, PROBE_ROLES

    rows = read_spools(run.dir / SPOOL_DIR)
    discovery = RedisDiscovery(sweep.server, sweep.prefix)
    crawl_log = [r["log"] for r in rows]
    fetches = [{**r["log"], "role": r["role"], "source": r["source"],
                "about_congress": bool(r["record"] and r["record"].get("about_congress"))} for r in rows]
    per_source: Counter[str] = Counter(r["source"] for r in rows if r["record"] is not None)
    settle((*crawl_log, *fetches), settled_ways(discovery.offers()))  # as DatasetPipeline does
    capped = discovery.capped()

    class _St:  # what RedisDiscovery reads of a SourceState
        def __init__(self, source: Any) -> None:
            self.source, self.found, self.links_mode, self.capped = source, set(), False, False

    by_source: dict[str, list[dict[str, Any]]] = {}
    for f in fetches:
        by_source.setdefault(f["source"], []).append(f)
    summaries = []
    for source in sources:
        st = _St(source)
        summaries.append(summarise(SourceCrawl(source.name, frozenset(discovery.found(st)), discovery.links_mode(st),
                                               source.name in capped, source.max_depth),
                                   by_source.get(source.name, [])))
    offers = discovery.offers()
    merge_archives(run, {"run_id": run.run_id, "finish_reason": reason, "sources": [s.name for s in sources],
                         "allow_empty": allow_empty, "found_by": settled_ways(offers)})
    errors = sum(1 for r in rows if r["log"].get("error")
                 and not (r["role"] in PROBE_ROLES and r["log"].get("status") in PROBE_MISSES))
    with RecordSpool() as records:
        for r in rows:
            if r["record"] is not None:
                records.add(r["record"])
        summary = CrawlSummary(
            finish_reason=reason, fetched=len(crawl_log), records=len(records), errors=errors,
            about_congress=sum(1 for r in records if r.get("about_congress")), seconds=round(seconds, 2),
            per_host=dict(sorted(Counter(urlsplit(r["url"]).hostname or "" for r in crawl_log).items())))
        source = {"kind": "crawl", "offline_root": None, "sources": [s.name for s in sources],
                  "discovery": summaries, "sources_hash": sources_hash(sources)}
        outcome = conclude(run, records, crawl_log, fetches, reason, allow_empty=allow_empty,
                           empty_sources=[s.name for s in sources if not per_source[s.name]],
                           checks_file=checks_file, source=source, timings={"crawl_s": round(seconds, 2)})
    outcome.crawl = summary
    return outcome
