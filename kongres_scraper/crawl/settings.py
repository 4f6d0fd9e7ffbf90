"""Scrapy settings for crawling the congress and organiser sites politely.

These are the settings of a *live* crawl: small public sites run by NGOs and
municipalities, so we obey robots.txt, identify ourselves with a contact URL,
let AutoThrottle adapt to the server, and keep per-domain concurrency low.
`KongresAddon` is the one place that turns KONGRES_OFFLINE / KONGRES_OFFLINE_ROOT into
settings: `offline_overrides()` relaxes the politeness settings for replaying a stored
snapshot, where no network is touched and delays would only waste time.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..discovery import sitemaps
from ..discovery.mirror import captured_at_of, snapshot_time

BOT_NAME = "kongres_scraper"
SPIDER_MODULES = ["kongres_scraper.crawl.spider"]

# Identify the crawler and give site owners a way to reach us.
USER_AGENT = "kongres_scraper/0.1 (+https://github.com/kongres-scraper/kongres_scraper)"

# The sites are Polish; ask for Polish where a site has language versions.
DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "pl,en;q=0.5",
}

# Politeness.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.5       # ±50% around DOWNLOAD_DELAY
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Robustness: small sites are slow now and then; pages over 20 MB are not articles.
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 10

# Nothing listens for remote commands: a scheduled crawl must not open ports.
REMOTE_CONTROL_ENABLED = False
TELNETCONSOLE_ENABLED = False

# The only request fingerprinter Scrapy 2.19 ships (the former "2.7" implementation);
# named explicitly so a future default change does not silently alter dedup.
REQUEST_FINGERPRINTER_CLASS = "scrapy.utils.request.RequestFingerprinter"

# Requests wait on disk, in a directory of the crawl's own (crawl/queue.py): the page requests of
# a large sitemap are not all held in memory at once. A sweep's worker uses the shared queue instead.
SCHEDULER = "kongres_scraper.crawl.queue.DiskQueueScheduler"

# The state pipeline stores each response in the crawl state (when there is one) before
# the dataset pipeline collects the rows and writes the tables at close.
ITEM_PIPELINES = {"kongres_scraper.crawl.state.StatePipeline": 200,
                  "kongres_scraper.crawl.pipeline.DatasetPipeline": 300}

# The run of a crawl (crawl/state.py): the output lock, the crawl state between crawls
# of one output (conditional requests, sitemap lastmod, stored records, resume), the run
# directory. The state middleware sits after robots.txt (100) and before decompression
# (590), so it stores decoded bodies.
EXTENSIONS = {"kongres_scraper.crawl.state.RunExtension": 0}
# WarcArchiveMiddleware (115, just under the state middleware) writes every response as the
# spider gets it to OUT/runs/<run-id>/archive.warc.gz (see crawl/archive.py; KONGRES_ARCHIVE=False: off).
# Scrapy's robots.txt middleware is replaced by crawl/robots.py (every waiting request gets the
# parser; a 5xx or unreachable robots.txt disallows all); RedirectGuardMiddleware (650, before the
# redirect middlewares) turns off-site, non-http and circular redirects into crawl_log rows.
DOWNLOADER_MIDDLEWARES = {"kongres_scraper.crawl.state.StateMiddleware": 120,
                          "kongres_scraper.crawl.archive.WarcArchiveMiddleware": 115,
                          "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
                          "kongres_scraper.crawl.robots.ObeyingRobotsTxtMiddleware": 100,
                          "kongres_scraper.crawl.redirects.RedirectGuardMiddleware": 650}
# `scrapy crawl sites -s KONGRES_OFFLINE=1` (scrapyd) replays the bundled sample web;
# KONGRES_HOST_MAP sends requests to a local server (see crawl/hostmap.py).
ADDONS = {"kongres_scraper.crawl.settings.KongresAddon": 0}

# Sitemaps of these sites are small; refuse absurd gzip bombs.
SITEMAP_MAX_SIZE = sitemaps.MAX_SIZE

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"

# Kongres-specific settings (read by our spider and pipeline).
KONGRES_OUTPUT_DIR = "output"
KONGRES_PROGRESS_EVERY = 25       # a progress line every N pages ...
KONGRES_PROGRESS_SECONDS = 3.0    # ... or every few seconds, whichever comes first
KONGRES_ALLOW_EMPTY = False       # refuse to write tables when no congress page was found
KONGRES_ARCHIVE = True            # keep the raw responses in WARC (crawl/archive.py)
KONGRES_CHECKS_FILE = None        # thresholds of the checks after a crawl (None: the bundled checks.toml)
KONGRES_RUN_ID = None             # None: a new run id (UTC time + hash); set to continue a run
KONGRES_STATE = True              # keep crawl state (live crawls): OUTPUT/state/ unless KONGRES_STATE_DIR
KONGRES_STATE_DIR = None
KONGRES_RESUME = False            # replay what an interrupted run of this output already got
KONGRES_TRUST_LASTMOD = True      # skip a sitemap page whose lastmod is the one stored with it
KONGRES_REVISIT_AFTER = 20.0      # hours before an unchanged article page is asked for again (0: every crawl)
KONGRES_REVISIT_MAX = 168.0       # ... doubling each time it is found unchanged, up to this
KONGRES_LOCK = True               # hold OUTPUT/.kongres.lock while crawling
KONGRES_OFFLINE = False           # replay the bundled sample web (KONGRES_OFFLINE_ROOT: another snapshot)
KONGRES_OFFLINE_ROOT = None       # a wget mirror to replay instead of the web
KONGRES_HOST_MAP = {}             # {"host": "127.0.0.1:PORT", "*": ...}: tests and benchmarks only
KONGRES_FRONTIER = None           # redis://HOST:PORT/DB: a worker of a sweep (crawl/frontier.py)
KONGRES_FRONTIER_TTL = 30         # seconds without a heartbeat before a sweep's worker counts as dead
KONGRES_ARCHIVE_NAME = None       # a sweep's worker: its own WARC file in the run directory


class KongresAddon:
    """Settings that depend on other settings, for `scrapy crawl` (scrapyd) as for `kongres crawl`."""

    def update_settings(self, settings: Any) -> None:
        from .offline import offline_root

        root = offline_root(settings)
        if root is not None:
            root = root.resolve()
            for key, value in offline_overrides(root, captured_at_of(root), snapshot_time(root)).items():
                settings.set(key, value, priority="spider")  # above settings.py, below -s
        elif settings.getdict("KONGRES_HOST_MAP"):
            handler = "kongres_scraper.crawl.hostmap.HostMapDownloadHandler"
            settings.set("DOWNLOAD_HANDLERS", {**settings.getdict("DOWNLOAD_HANDLERS"), "http": handler,
                                               "https": handler}, priority="addon")


def offline_overrides(root: Path, captured_at: str | None, snapshot_time: str) -> dict[str, Any]:
    """Settings for replaying a wget-mirror snapshot: no delays, no network.

    `captured_at` is the snapshot's capture time (ISO 8601) used as fetched_at of
    every replayed page, or None to use each file's mtime; `snapshot_time` is the
    fetched_at of URLs that have no file (see `offline.snapshot_time`).
    """
    handler = "kongres_scraper.crawl.offline.OfflineDownloadHandler"
    return {
        "DOWNLOAD_HANDLERS": {
            "http": handler,
            "https": handler,
            # Nothing but the snapshot may be reached.
            "ftp": None,
            "s3": None,
            "file": None,
        },
        "KONGRES_OFFLINE_ROOT": str(root),
        "KONGRES_OFFLINE_CAPTURED_AT": captured_at,
        "KONGRES_OFFLINE_SNAPSHOT_TIME": snapshot_time,
        "AUTOTHROTTLE_ENABLED": False,
        "DOWNLOAD_DELAY": 0,
        "DOWNLOAD_DELAY_JITTER": 0,
        "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
        "RETRY_ENABLED": False,
    }
