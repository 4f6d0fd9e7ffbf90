"""The application: run a crawl or a reparse and hand back its `Outcome`; print what it did.

Kept apart from `cli.py` so that argument parsing stays small and so that the
checks of user input (missing directories, malformed sources) happen *before*
Scrapy starts, where they can become one clear message and an exit code.
Scrapy is imported only inside `crawl()`: `kongres reparse` runs without it.
Scrapy's reactor cannot be restarted, so a crawl runs at most once per process.
"""
from __future__ import annotations

import dataclasses
import json
import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .discovery.mirror import BUNDLED_SAMPLE, SnapshotError, captured_at_of
from .runs.conclude import PUBLISHED, Outcome, Status
from .runs import disk
from .runs.lock import OutputLock, OutputLocked
from .runs.output import clean_stale
from .runs.memory import bound_heap
from .runs.store import StateStore, state_dir
from .sources import Source, SourcesError, sources_for


class CrawlInputError(ValueError):
    """Input that makes a crawl impossible; the message is meant for the user."""


@dataclass
class CrawlOptions:
    output: Path = Path("output")
    sources_file: Path | None = None
    offline: bool = False
    offline_root: Path | None = None
    overrides: dict[str, Any] = field(default_factory=dict)
    verbose: bool = False
    quiet: bool = False
    allow_empty: bool = False
    cache: Path | None = None
    state: Path | None = None  # crawl state dir (default OUTPUT/state for live crawls)
    no_state: bool = False
    resume: bool = False
    frontier: str | None = None  # redis://HOST:PORT/DB: a sweep shared by workers (crawl/frontier.py)
    workers: int = 1  # local workers of a sweep (0: only workers started elsewhere)


def prepare(opts: CrawlOptions) -> tuple[list[Source], dict[str, Any]]:
    """Validate the options; return the sources and the Scrapy settings overrides.

    Offline mode is only named here (KONGRES_OFFLINE / KONGRES_OFFLINE_ROOT); the add-on
    of crawl/settings.py turns it into download handlers and politeness settings.
    """
    settings: dict[str, Any] = {}
    root: Path | None = None
    if opts.offline_root is not None:
        root = opts.offline_root
        if not root.exists():
            raise CrawlInputError(f"--offline-root {root}: no such directory")
        if not root.is_dir():
            raise CrawlInputError(f"--offline-root {root}: not a directory")
        try:
            captured_at_of(root)  # read again by the add-on; a bad CAPTURED is refused here, before anything runs
        except SnapshotError as exc:
            raise CrawlInputError(str(exc)) from None
        settings["KONGRES_OFFLINE_ROOT"] = str(root.resolve())
    elif opts.offline:
        root = BUNDLED_SAMPLE
        if not root.is_dir() or not any(p.is_dir() for p in root.iterdir()):
            raise CrawlInputError(f"the bundled sample web is missing ({root}); reinstall the package")
        settings["KONGRES_OFFLINE"] = True

    try:
        sources = sources_for(root, opts.sources_file)  # the bundled list when no file is given
    except SourcesError as exc:
        raise CrawlInputError(str(exc)) from None

    out = opts.output
    if out.exists() and not out.is_dir():
        raise CrawlInputError(f"--output {out}: exists and is not a directory")
    parent = out.resolve().parent
    if not parent.exists():
        raise CrawlInputError(f"--output {out}: parent directory {parent} does not exist")

    if opts.cache is not None:
        if root is not None:
            raise CrawlInputError("--cache is for live crawls; a snapshot is read from disk anyway")
        if opts.cache.exists() and not opts.cache.is_dir():
            raise CrawlInputError(f"--cache {opts.cache}: exists and is not a directory")
        settings.update(cache_settings(opts.cache))

    if opts.no_state:
        settings["KONGRES_STATE"] = False
        if opts.resume:
            raise CrawlInputError("--resume needs the crawl state; drop --no-state")
    elif opts.state is not None:
        if opts.state.exists() and not opts.state.is_dir():
            raise CrawlInputError(f"--state {opts.state}: exists and is not a directory")
        settings["KONGRES_STATE_DIR"] = str(opts.state)
    elif root is not None and opts.resume:
        # cron can always pass --resume: a snapshot replay keeps no state (unless --state DIR), so
        # there is nothing to resume and the snapshot is replayed in full
        print("kongres: --resume: a snapshot replay keeps no crawl state (use --state DIR to keep one); "
              "replaying it in full", file=sys.stderr)
        opts = dataclasses.replace(opts, resume=False)
    settings["KONGRES_RESUME"] = opts.resume

    checks = opts.overrides.get("KONGRES_CHECKS_FILE")
    if checks:
        from .runs.checks import load_thresholds

        try:
            load_thresholds(checks)
        except ValueError as exc:
            raise CrawlInputError(str(exc)) from None
    settings["KONGRES_OUTPUT_DIR"] = str(out)
    settings["KONGRES_ALLOW_EMPTY"] = opts.allow_empty
    settings["KONGRES_PROGRESS"] = not opts.quiet
    settings["LOG_LEVEL"] = "INFO" if opts.verbose else "WARNING"
    settings.update(opts.overrides)
    return sources, settings


def cache_settings(cache: Path) -> dict[str, Any]:
    """An HTTP cache for scheduled crawls: pages are revalidated (If-Modified-Since,
    ETag) rather than downloaded again, yet every page still yields its record."""
    from .crawl import settings as project_settings

    return {
        "HTTPCACHE_ENABLED": True,
        "HTTPCACHE_DIR": str(cache.resolve()),
        "HTTPCACHE_POLICY": "scrapy.extensions.httpcache.RFC2616Policy",
        "HTTPCACHE_ALWAYS_STORE": True,  # keep pages without cache headers, to revalidate them
        "HTTPCACHE_GZIP": True,
        "HTTPCACHE_IGNORE_HTTP_CODES": list(range(500, 600)),
        # max-age=0: every crawl revalidates instead of trusting a heuristic freshness
        # (10% of a page's age would keep a year-old post "fresh" for weeks)
        "DEFAULT_REQUEST_HEADERS": {**project_settings.DEFAULT_REQUEST_HEADERS, "Cache-Control": "max-age=0"},
    }


def _sweep_modules() -> Any:
    """The `redis` client a sweep needs, or one line saying which extra installs it."""
    try:
        import redis
        import scrapy_redis  # noqa: F401  (the shared scheduler the workers run)
    except ImportError as exc:
        raise CrawlInputError(f"--frontier needs the sweep extra ({exc.name} is not installed): "
                              "pip install 'kongres_scraper[sweep]'") from None
    return redis


def crawl(opts: CrawlOptions) -> Outcome:
    """Crawl and conclude the run; the crawl's `Outcome` (LOCKED when another process writes the output).

    Raises CrawlInputError on bad input, before anything is written.
    """
    sources, overrides = prepare(opts)
    if opts.frontier and (opts.offline or opts.offline_root or opts.resume or opts.cache):
        raise CrawlInputError("--frontier crawls the live sources: no --offline, --offline-root, --resume or --cache "
                              "(rerun the same --frontier command to resume a sweep)")
    if opts.frontier:
        redis = _sweep_modules()
        try:
            redis.Redis.from_url(opts.frontier, socket_connect_timeout=5).ping()
        except (redis.RedisError, ValueError) as exc:
            raise CrawlInputError(f"--frontier {opts.frontier}: cannot reach Redis ({exc})") from None
    try:  # held until this process ends, whatever way it ends
        lock = OutputLock(opts.output).acquire()
    except OutputLocked as exc:
        return Outcome(Status.LOCKED, None, str(exc))
    except OSError as exc:  # a read-only or full output: one line, nothing started
        found = disk.message(exc, opts.output, "nothing crawled")
        if found is None:
            raise
        return Outcome(Status(found[0]), None, found[1])
    clean_stale(opts.output)  # temp files and staging directories of a killed run (we hold the lock)
    bound_heap()  # a parsed page's large blocks go back to the system when it is dropped
    if opts.frontier:
        from .crawl.frontier import run_sweep

        text = opts.sources_file.read_text(encoding="utf-8") if opts.sources_file else None
        try:
            return run_sweep(opts.frontier, opts.output, sources, text and (str(opts.sources_file), text),
                             opts.overrides, opts.workers, opts.allow_empty,
                             opts.overrides.get("KONGRES_CHECKS_FILE"), opts.quiet)
        finally:
            lock.release()
    if lock.took_over:
        print(f"kongres: took over the lock left by pid {lock.took_over.get('pid')} (no longer running)",
              file=sys.stderr)
    overrides["KONGRES_LOCK_HELD"] = True
    directory = state_dir(opts.output, overrides.get("KONGRES_STATE_DIR"), overrides.get("KONGRES_STATE", True),
                          offline=replays_snapshot(overrides))
    if opts.resume and directory:
        last = StateStore.peek(directory)
        if last.get("run_id") and last.get("finished") != "1":
            print(f"kongres: resuming the crawl started at {last.get('started')} "
                  f"({last.get('pages', 0)} URLs already fetched)", file=sys.stderr)
        else:
            print(f"kongres: nothing to resume in {directory} (the last crawl finished); crawling anew",
                  file=sys.stderr)

    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    from .crawl import settings as project_settings
    from .crawl.pipeline import outcome_ready
    from .crawl.spider import SiteSpider

    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    settings.update(overrides, priority="cmdline")
    process = CrawlerProcess(settings)
    if not opts.verbose:  # fetch failures are counted in the summary and the report: no traceback per URL
        for name in QuietFetchErrors.LOGGERS:
            logging.getLogger(name).addFilter(QuietFetchErrors())
    crawler = process.create_crawler(SiteSpider)
    outcomes: list[Outcome] = []

    def keep(outcome: Outcome) -> None:
        outcomes.append(outcome)

    crawler.signals.connect(keep, signal=outcome_ready)
    process.crawl(crawler, sources=sources)
    process.start()
    lock.release()
    return outcomes[0] if outcomes else Outcome(Status.REFUSED, None, "the crawl did not finish")


def work(frontier: str, prefix: str = "kongres", verbose: bool = False, quiet: bool = False) -> int:
    """One worker of the sweep at `frontier` (crawl/frontier.py): crawl until the frontier is done.

    Exit 0 when the sweep is done, 1 when it stopped otherwise, 2 when there is no sweep to join.
    """
    import os
    import socket

    redis = _sweep_modules()
    from .crawl.frontier import Sweep, worker_settings
    from .sources import load_sources, parse_source_text

    sweep = Sweep(frontier, prefix)
    try:
        config = sweep.config()
    except redis.RedisError as exc:
        raise CrawlInputError(f"--frontier {frontier}: cannot reach Redis ({exc})") from None
    if not config or sweep.done():
        raise CrawlInputError(f"--frontier {frontier}: no sweep to join (start one with kongres crawl --frontier)")
    try:
        named = config.get("sources_text")
        sources = parse_source_text(named[1], named[0]) if named else load_sources(None)
    except SourcesError as exc:
        raise CrawlInputError(str(exc)) from None

    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    from .crawl import settings as project_settings
    from .crawl.spider import SiteSpider

    import warnings

    # scrapy-redis 0.9 passes `spider=` to the stats collector, which Scrapy 2.13+ deprecates
    warnings.filterwarnings("ignore", message="Passing a 'spider' argument")
    warnings.filterwarnings("ignore", message=r"Spider\.log\(\) is deprecated")
    worker = f"{socket.gethostname()}-{os.getpid()}"
    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    settings.update(config.get("overrides") or {}, priority="cmdline")
    settings.update({"KONGRES_OUTPUT_DIR": config["output"], "KONGRES_RUN_ID": config["run_id"],
                     "KONGRES_PROGRESS": not quiet, "LOG_LEVEL": "INFO" if verbose else "WARNING",
                     **worker_settings(frontier, prefix, worker, int(settings.getint("KONGRES_FRONTIER_TTL", 30)))},
                    priority="cmdline")
    from scrapy.core.engine import ExecutionEngine

    # an idle worker asks the shared queue (and whether the frontier is idle) every half second, not
    # every 5 s: work another worker queued, or a phase another advanced, is picked up at once
    ExecutionEngine._SLOT_HEARTBEAT_INTERVAL = 0.5
    process = CrawlerProcess(settings)
    if not verbose:
        for name in QuietFetchErrors.LOGGERS:
            logging.getLogger(name).addFilter(QuietFetchErrors())
    crawler = process.create_crawler(SiteSpider)
    process.crawl(crawler, sources=sources)
    process.start()
    done = sweep.done()
    if not quiet:
        print(f"kongres: worker {worker}: {'the sweep is done' if done else 'stopped before the sweep was done'}",
              file=sys.stderr)
    return 0 if done else 1


class QuietFetchErrors(logging.Filter):
    """Drops Scrapy's per-URL error lines for fetches that never reached a server.

    Without network every request logs an ERROR and a traceback (77 of them for the bundled
    sources); the crawl's summary counts them and the run's report says the sites could not be
    reached, in one line. `-v` shows them all.
    """

    #: The loggers that report a failed download (a logger's filter sees only its own records).
    LOGGERS = ("scrapy.downloadermiddlewares.retry", "scrapy.downloadermiddlewares.robotstxt",
               "scrapy.core.scraper", "scrapy.core.engine", "scrapy.core.downloader.handlers.http11")

    def filter(self, record: logging.LogRecord) -> bool:
        from .crawl.pipeline import NETWORK_ERROR

        if record.levelno < logging.ERROR:
            return True
        text = record.getMessage() + (repr(record.exc_info[1]) if record.exc_info else "")
        return not NETWORK_ERROR.search(text)


def replays_snapshot(overrides: dict[str, Any]) -> bool:
    """Whether the crawl replays a snapshot (it then keeps no state unless --state DIR)."""
    return bool(overrides.get("KONGRES_OFFLINE_ROOT") or overrides.get("KONGRES_OFFLINE"))


def reparse(archive: Path, output: Path, *, checks_file: str | Path | None = None,
            allow_empty: bool | None = None) -> Outcome:
    """Rebuild a run from `archive` (no Scrapy); LOCKED when a crawl is writing `output`.

    Raises `runs.reparse.ArchiveError` and ValueError (bad checks file) on bad input.
    """
    from .runs.checks import load_thresholds
    from .runs.reparse import reparse as reparse_archive

    if checks_file:
        load_thresholds(checks_file)
    try:
        return reparse_archive(archive, output, checks_file=checks_file, allow_empty=allow_empty)
    except OutputLocked as exc:
        return Outcome(Status.LOCKED, None, str(exc))


def report(outcome: Outcome, output: Path, quiet: bool = False) -> None:
    """Print what a run did: the crawl's figures, the report's verdict, the tables written (stderr, stdout)."""
    err = sys.stderr
    if outcome.status in (Status.DISK_FULL, Status.READ_ONLY):  # the one line that says what to do
        print(f"kongres: {outcome.message}", file=err)
        return
    if outcome.crawl is not None:
        report_crawl(outcome, quiet)
    for name, reason in (outcome.report.get("metrics", {}).get("robots_refused") or {}).items():
        print(f"kongres: source {name}: {reason}; none of its pages was requested", file=err)
    if outcome.status == Status.LOCKED:
        print(f"kongres: {outcome.message}", file=err)
        return
    if outcome.status == Status.CHECKS_FAILED:
        # the run's tables are in OUT/runs/<run-id>/ for inspection; OUT/latest did not move
        err.write(outcome.text)
        print(f"kongres: {outcome.message}", file=err)
        return
    if outcome.status not in PUBLISHED:
        if outcome.crawl is None:
            err.write(outcome.text)
        print(f"kongres: tables NOT written: {outcome.message or 'the crawl did not finish'}", file=err)
        if outcome.crawl is not None and outcome.text and outcome.run is not None:
            print(f"kongres: report in {outcome.run.dir}/report.txt", file=err)
        return
    if outcome.crawl is None:  # a reparse: the whole report
        err.write(outcome.text)
        print_tables(f"Tables written to {output} (run {outcome.run.run_id}):", outcome.tables)
        return
    if not quiet and outcome.text:  # the verdict and the figures; report.txt lists every check
        err.write("".join(line for line in outcome.text.splitlines(True) if not line.startswith("  ok ")))
    elif outcome.text:  # -q: the verdict line only (run id, its UTC time and the outcome), for a cron log
        err.write(outcome.text.splitlines(True)[0])
    print_tables(f"Tables written to {output}:", outcome.tables)
    if outcome.status == Status.PARTIAL:
        # a scheduled crawl must notice a site that moved or changed
        empty = outcome.report.get("metrics", {}).get("empty_sources") or []
        print(f"kongres: WARNING: no page could be fetched and extracted from source(s): {', '.join(empty)} "
              "(site down, moved, or blocking us?)", file=err)


def report_crawl(outcome: Outcome, quiet: bool) -> None:
    """The crawl's figures, per host, and what the crawl state saved (stderr)."""
    err, c = sys.stderr, outcome.crawl
    print(f"kongres: crawl {c.finish_reason or 'not finished'}: {c.fetched} URLs fetched in {c.seconds}s, "
          f"{c.records} pages extracted, {c.errors} errors, {c.about_congress} about the congress", file=err)
    if c.per_host and not quiet:
        for host, count in c.per_host.items():
            print(f"kongres:   {host}: {count}", file=err)
    if not c.state_dir:
        return
    if not quiet:
        r = c.reused
        print(f"kongres: incremental ({c.state_dir}): "
              f"{r.get('bodies_downloaded', 0)} bodies downloaded, "
              f"{r.get('304', 0)} not modified (304), "
              f"{r.get('lastmod', 0)} skipped by sitemap lastmod, "
              f"{r.get('fresh', 0)} not due for a revisit, "
              f"{r.get('resume', 0)} replayed from the interrupted run, "
              f"{r.get('records_reused', 0)} records reused", file=err)
    if c.gone:
        print(f"kongres: {len(c.gone)} page(s) gone since the last crawl (404/410 now, 200 before): "
              + ", ".join(c.gone[:10]) + (" …" if len(c.gone) > 10 else ""), file=err)
    if c.not_found_again:
        print(f"kongres: {len(c.not_found_again)} page(s) the previous crawl reached and this one did not "
              "(no longer listed?): " + ", ".join(c.not_found_again[:10])
              + (" …" if len(c.not_found_again) > 10 else ""), file=err)


def print_tables(heading: str, tables: dict[str, int]) -> None:
    """The heading and one line per written table with its row count (stdout)."""
    print(heading)
    width = max((len(name) for name in tables), default=0)
    for name, rows in tables.items():
        print(f"  {name:<{width}}  {rows:>6} rows")


def check_settings(overrides: dict[str, Any]) -> dict[str, Any]:
    """`--set KEY=VALUE` values of Scrapy's own settings checked against the type of Scrapy's default.

    Scrapy reads `DOWNLOAD_TIMEOUT=abc` only when the downloader starts, and dies with a
    traceback; this says which value is wrong before anything starts.
    """
    from scrapy.settings import default_settings

    for key, value in overrides.items():
        default = getattr(default_settings, key, None)
        if default is None or not key.isupper():
            continue
        shown = f"--set {key}={value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)}"
        if isinstance(default, bool):
            if not isinstance(value, bool) and str(value).lower() not in ("0", "1", "true", "false"):
                raise CrawlInputError(f"{shown}: must be true or false")
        elif isinstance(default, (int, float)):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise CrawlInputError(f"{shown}: must be a number (Scrapy's default is {default})")
            if value < 0:
                raise CrawlInputError(f"{shown}: must not be negative")
        elif isinstance(default, dict) and not isinstance(value, dict):
            raise CrawlInputError(f"{shown}: must be a JSON object, like {{\"key\": \"value\"}}")
        elif isinstance(default, (list, tuple)) and not isinstance(value, list):
            raise CrawlInputError(f"{shown}: must be a JSON list, like [\"a\", \"b\"]")
    return overrides


def parse_set(values: list[str]) -> dict[str, Any]:
    """`KEY=VALUE` Scrapy settings overrides; VALUE is read as JSON when it can be."""
    out: dict[str, Any] = {}
    for item in values:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise CrawlInputError(f"--set {item!r}: expected KEY=VALUE")
        try:
            out[key.strip()] = json.loads(value)
        except ValueError:
            out[key.strip()] = value
    return out
