"""Scrapy settings for crawling the congress and organiser sites politely.

These are the settings of a *live* crawl: small public sites run by NGOs and
municipalities, so we obey robots.txt, identify ourselves with a contact URL,
let AutoThrottle adapt to the server, and keep per-domain concurrency low.
`offline_overrides()` relaxes the politeness settings for replaying a stored
snapshot, where no network is touched and delays would only waste time.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

BOT_NAME = "kongres_scraper"
SPIDER_MODULES = ["kongres_scraper.spiders"]
NEWSPIDER_MODULE = "kongres_scraper.spiders"

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

# Our pipeline collects items and writes the dataset tables at close.
ITEM_PIPELINES = {"kongres_scraper.pipelines.DatasetPipeline": 300}

# Sitemaps of these sites are small; refuse absurd gzip bombs.
SITEMAP_MAX_SIZE = 50 * 1024 * 1024

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"

# Kongres-specific settings (read by our spider and pipeline).
KONGRES_OUTPUT_DIR = "output"
KONGRES_PROGRESS_EVERY = 25       # a progress line every N pages ...
KONGRES_PROGRESS_SECONDS = 3.0    # ... or every few seconds, whichever comes first
KONGRES_ALLOW_EMPTY = False       # refuse to write tables when no congress page was found


def offline_overrides(root: Path, captured_at: str | None, snapshot_time: str) -> dict[str, Any]:
    """Settings for replaying a wget-mirror snapshot: no delays, no network.

    `captured_at` is the snapshot's capture time (ISO 8601) used as fetched_at of
    every replayed page, or None to use each file's mtime; `snapshot_time` is the
    fetched_at of URLs that have no file (see `offline.snapshot_time`).
    """
    handler = "kongres_scraper.offline.OfflineDownloadHandler"
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
