"""Run one crawl: check the inputs, assemble settings, run Scrapy, summarise the outcome.

Kept apart from `cli.py` so that argument parsing stays small and so that the
checks of user input (missing directories, malformed sources) happen *before*
Scrapy starts, where they can become one clear message and an exit code.
Scrapy's reactor cannot be restarted, so this runs at most once per process.
"""
from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .offline import BUNDLED_SAMPLE, captured_at_of, snapshot_time
from .sources import Source, SourcesError, load_sources

_HOST_DIR = re.compile(r"^[a-z0-9.-]+\.[a-z0-9-]+(:\d+)?$|^(localhost|127\.0\.0\.1)(:\d+)?$", re.I)


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


def mirror_hosts(root: Path) -> list[str]:
    """Host directories of a wget mirror (`example.org`, `example.org:8080`)."""
    return sorted(p.name for p in root.iterdir() if p.is_dir() and _HOST_DIR.match(p.name))


def sources_from_mirror(root: Path, hosts: list[str] | None = None) -> list[Source]:
    """One source per host directory of a wget mirror, starting at its home page."""
    from .sources import parse_sources

    hosts = mirror_hosts(root) if hosts is None else hosts
    if not hosts:
        return []
    lines = []
    for host in hosts:
        name = re.sub(r"[^A-Za-z0-9_.-]", "_", host)
        lines += ["[[source]]", f'name = "mirror-{name}"', f'start_urls = ["https://{host}/"]', ""]
    return parse_sources("\n".join(lines), str(root))


def offline_sources(root: Path, declared: list[Source], explicit: bool) -> list[Source]:
    """The sources to replay from a snapshot.

    A declared source none of whose hosts is in the snapshot is skipped (the snapshot
    simply does not have it). Unless the user gave a sources file, hosts of the
    snapshot that no declared source covers are crawled from their home page, so
    any wget mirror replays in full.
    """
    present = mirror_hosts(root)
    present_names = {h.split(":", 1)[0].lower() for h in present}
    kept = [s for s in declared if present_names & set(s.hosts)]
    for source in declared:
        if source not in kept and explicit:
            print(f"kongres: source {source.name}: none of its hosts is in {root}; skipped", file=sys.stderr)
    if explicit:
        if not kept:
            raise CrawlInputError(f"{root}: none of the sources' hosts is in this mirror")
        return kept
    covered = {h for s in kept for h in s.hosts}
    extra = [h for h in present if h.split(":", 1)[0].lower() not in covered]
    sources = kept + sources_from_mirror(root, extra)
    if not sources:
        raise CrawlInputError(f"{root}: no host directories (like example.org/) in this mirror")
    return sources


def prepare(opts: CrawlOptions) -> tuple[list[Source], dict[str, Any]]:
    """Validate the options; return the sources and the Scrapy settings overrides."""
    from .settings import offline_overrides

    settings: dict[str, Any] = {}
    root: Path | None = None
    if opts.offline_root is not None:
        root = opts.offline_root
        if not root.exists():
            raise CrawlInputError(f"--offline-root {root}: no such directory")
        if not root.is_dir():
            raise CrawlInputError(f"--offline-root {root}: not a directory")
        settings.update(offline_overrides(root.resolve(), captured_at_of(root), snapshot_time(root)))
    elif opts.offline:
        root = BUNDLED_SAMPLE
        if not root.is_dir() or not any(p.is_dir() for p in root.iterdir()):
            raise CrawlInputError(f"the bundled sample web is missing ({root}); reinstall the package")
        settings.update(offline_overrides(root, captured_at_of(root), snapshot_time(root)))

    try:
        declared = load_sources(opts.sources_file)  # the bundled list when None
    except SourcesError as exc:
        raise CrawlInputError(str(exc)) from None
    sources = declared if root is None else offline_sources(root, declared, opts.sources_file is not None)

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
        raise CrawlInputError("--resume is for live crawls (a snapshot replay keeps no state unless --state DIR)")
    settings["KONGRES_RESUME"] = opts.resume

    checks = opts.overrides.get("KONGRES_CHECKS_FILE")
    if checks:
        from .monitor import load_thresholds

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
    from . import settings as project_settings

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


def run_crawl(opts: CrawlOptions) -> int:
    """Crawl, write the tables, print a summary; the exit code says whether tables were written."""
    sources, overrides = prepare(opts)

    from .state import OutputLock, OutputLocked, StateStore, default_state_dir

    try:  # held until this process ends, whatever way it ends
        lock = OutputLock(opts.output).acquire()
    except OutputLocked as exc:
        print(f"kongres: {exc}", file=sys.stderr)
        return 4
    if lock.took_over:
        print(f"kongres: took over the lock left by pid {lock.took_over.get('pid')} (no longer running)",
              file=sys.stderr)
    overrides["KONGRES_LOCK_HELD"] = True
    state_dir = overrides.get("KONGRES_STATE_DIR") or (
        None if not overrides.get("KONGRES_STATE", True) or overrides.get("KONGRES_OFFLINE_ROOT")
        else str(default_state_dir(opts.output)))
    if opts.resume and state_dir:
        last = StateStore.peek(Path(state_dir))
        if last.get("run_id") and last.get("finished") != "1":
            print(f"kongres: resuming the crawl started at {last.get('started')} "
                  f"({last.get('pages', 0)} URLs already fetched)", file=sys.stderr)
        else:
            print(f"kongres: nothing to resume in {state_dir} (the last crawl finished); crawling anew",
                  file=sys.stderr)

    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    from . import settings as project_settings
    from .spiders.sites import SiteSpider

    settings = Settings()
    settings.setmodule(project_settings, priority="project")
    settings.update(overrides, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(SiteSpider)
    process.crawl(crawler, sources=sources)
    process.start()

    stats = crawler.stats.get_stats() if crawler.stats else {}
    code = report(stats, opts)
    lock.release()
    return code


def report(stats: dict[str, Any], opts: CrawlOptions) -> int:
    """Print the crawl figures and the rows per table; 0 when the tables were written."""
    err = sys.stderr
    per_host = stats.get("kongres/per_host") or {}
    print(
        f"kongres: crawl {stats.get('finish_reason', 'not finished')}: {stats.get('kongres/fetched', 0)} URLs fetched "
        f"in {stats.get('kongres/seconds', 0)}s, {stats.get('kongres/records', 0)} pages extracted, "
        f"{stats.get('kongres/errors', 0)} errors, {stats.get('kongres/about_congress', 0)} about the congress",
        file=err,
    )
    if per_host and not opts.quiet:
        for host, count in per_host.items():
            print(f"kongres:   {host}: {count}", file=err)
    report_state(stats, opts)
    run_report = stats.get("kongres/report") or ""
    if stats.get("kongres/outcome") == "checks_failed":
        # the run's tables are in OUT/runs/<run-id>/ for inspection; OUT/latest did not move
        err.write(run_report)
        print(f"kongres: {stats.get('kongres/message')}", file=err)
        return 5
    if stats.get("kongres/outcome") != "written":
        message = stats.get("kongres/message") or "the crawl did not finish"
        print(f"kongres: tables NOT written: {message}", file=err)
        if run_report and stats.get("kongres/run_dir"):
            print(f"kongres: report in {stats['kongres/run_dir']}/report.txt", file=err)
        return 1
    if not opts.quiet and run_report:  # the verdict and the figures; report.txt lists every check
        err.write("".join(line for line in run_report.splitlines(True) if not line.startswith("  ok ")))
    print_tables(f"Tables written to {opts.output}:", stats.get("kongres/tables") or {})
    empty = stats.get("kongres/empty_sources") or []
    if empty:
        # a scheduled crawl must notice a site that moved or changed: say so, and exit 3
        print(f"kongres: WARNING: no page could be fetched and extracted from source(s): {', '.join(empty)} "
              "(site down, moved, or blocking us?)", file=err)
        return 3
    return 0


def print_tables(heading: str, tables: dict[str, int]) -> None:
    """The heading and one line per written table with its row count (stdout)."""
    print(heading)
    width = max((len(name) for name in tables), default=0)
    for name, rows in tables.items():
        print(f"  {name:<{width}}  {rows:>6} rows")


def report_state(stats: dict[str, Any], opts: CrawlOptions) -> None:
    """What the crawl state saved (incremental crawls), and the pages that are gone."""
    if not stats.get("kongres/state_dir"):
        return
    err = sys.stderr
    if not opts.quiet:
        print(f"kongres: incremental ({stats['kongres/state_dir']}): "
              f"{stats.get('kongres/state/bodies_downloaded', 0)} bodies downloaded, "
              f"{stats.get('kongres/state/304', 0)} not modified (304), "
              f"{stats.get('kongres/state/lastmod', 0)} skipped by sitemap lastmod, "
              f"{stats.get('kongres/state/fresh', 0)} not due for a revisit, "
              f"{stats.get('kongres/state/resume', 0)} replayed from the interrupted run, "
              f"{stats.get('kongres/state/records_reused', 0)} records reused", file=err)
    gone = stats.get("kongres/gone") or []
    if gone:
        print(f"kongres: {len(gone)} page(s) gone since the last crawl (404/410 now, 200 before): "
              + ", ".join(gone[:10]) + (" …" if len(gone) > 10 else ""), file=err)
    missing = stats.get("kongres/not_found_again") or []
    if missing:
        print(f"kongres: {len(missing)} page(s) the previous crawl reached and this one did not (no longer listed?): "
              + ", ".join(missing[:10]) + (" …" if len(missing) > 10 else ""), file=err)


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
