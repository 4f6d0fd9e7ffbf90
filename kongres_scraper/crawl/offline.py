"""Replay a wget-mirror snapshot as if it were the web: a Scrapy download handler.

The same spider runs live and offline; only the download handler differs. This is
how tests and `kongres crawl --offline` exercise the real discovery code (robots.txt,
sitemaps, feeds, pagination, REST API) without touching the network. Which file holds
a URL is `discovery.mirror.resolve` (the wget layout is described there).
"""
from __future__ import annotations

import email.utils
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.exceptions import DownloadCancelledError
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes
from scrapy.utils.asyncio import run_in_thread

from ..clock import iso_utc
from ..discovery.mirror import BUNDLED_SAMPLE, bundled_sample_root, resolve, sniff_content_type, snapshot_time

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler

#: Request meta key holding the time the page was captured (ISO 8601, UTC).
FETCHED_AT_META = "kongres_fetched_at"


def offline_root(settings: Any) -> Path | None:
    """The snapshot a crawl replays: KONGRES_OFFLINE_ROOT, else the bundled sample web when
    KONGRES_OFFLINE is set, else None (a live crawl). The one place that decides it."""
    root = settings.get("KONGRES_OFFLINE_ROOT")
    if root:
        return Path(root)
    return bundled_sample_root() if settings.getbool("KONGRES_OFFLINE") else None


class OfflineDownloadHandler(BaseDownloadHandler):
    """Serve http(s) requests from a wget-mirror directory (setting KONGRES_OFFLINE_ROOT).

    The page's fetched_at is the snapshot's capture time (KONGRES_OFFLINE_CAPTURED_AT)
    when known, else the file's mtime, so that replaying one snapshot twice gives
    identical tables. It is put in the request meta under FETCHED_AT_META.
    """

    lazy = False

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        root = crawler.settings.get("KONGRES_OFFLINE_ROOT") or BUNDLED_SAMPLE
        self.root = Path(root).resolve()
        self.captured_at: str | None = crawler.settings.get("KONGRES_OFFLINE_CAPTURED_AT")
        self._snapshot: str | None = crawler.settings.get("KONGRES_OFFLINE_SNAPSHOT_TIME")
        self.maxsize = crawler.settings.getint("DOWNLOAD_MAXSIZE")

    def _snapshot_time(self) -> str:
        if self._snapshot is None:
            self._snapshot = snapshot_time(self.root)
        return self._snapshot

    async def download_request(self, request: Request) -> Response:
        path = await run_in_thread(resolve, self.root, request.url)
        if path is None:
            request.meta[FETCHED_AT_META] = await run_in_thread(self._snapshot_time)
            headers = Headers({"Content-Type": "text/html; charset=utf-8"})
            return Response(url=request.url, status=404, headers=headers, body=b"", request=request)
        stat = os.stat(path)
        maxsize = request.meta.get("download_maxsize", self.maxsize)
        if maxsize and stat.st_size > maxsize:  # the cap of a live crawl, in the words of Scrapy's HTTP handler
            raise DownloadCancelledError(f"Expected to receive {stat.st_size} bytes which is larger than download "
                                         f"max size ({maxsize}) in request {request}.")
        body = await run_in_thread(path.read_bytes)
        mtime = stat.st_mtime
        fetched_at = self.captured_at or iso_utc(mtime)
        request.meta[FETCHED_AT_META] = fetched_at
        content_type = sniff_content_type(body, str(path))
        headers = Headers(
            {
                "Content-Type": content_type,
                "Content-Length": str(len(body)),
                "Last-Modified": email.utils.formatdate(mtime, usegmt=True),
            }
        )
        respcls = responsetypes.from_args(headers=headers, url=request.url, body=body)
        return respcls(url=request.url, status=200, headers=headers, body=body, request=request)
