"""Send the requests for some hosts to another address, keeping their URLs: `KONGRES_HOST_MAP`.

For tests and benchmarks only: a live crawl of `https://kongreswspolpracy.pl/...` against a
local copy of the site (`benchmarks/sample_server.py` on 127.0.0.1). Like `curl --resolve`,
the request goes over plain HTTP to the mapped address with the original `Host` header,
and the response keeps the original URL, so the tables show the real URLs. Everything
else of a live crawl runs as usual: robots.txt, delays, retries, conditional requests.
No TLS is involved, so this is no test of HTTPS.

    KONGRES_HOST_MAP = {"kongreswspolpracy.pl": "127.0.0.1:8123", "*": "127.0.0.1:8123"}

A host without an entry (and no `"*"`) is fetched normally.
"""
from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response


class HostMapDownloadHandler(BaseDownloadHandler):
    lazy = False

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        self.map = {k.lower(): str(v) for k, v in crawler.settings.getdict("KONGRES_HOST_MAP").items()}
        self.inner = HTTP11DownloadHandler.from_crawler(crawler)

    async def download_request(self, request: Request) -> Response:
        parts = urlsplit(request.url)
        host = (parts.hostname or "").lower()
        target = self.map.get(host) or self.map.get("*")
        if not target:
            return await self.inner.download_request(request)
        local_url = urlunsplit(("http", target, parts.path or "/", parts.query, ""))
        headers = request.headers.copy()
        headers[b"Host"] = parts.netloc.encode("idna")
        local = request.replace(url=local_url, headers=headers)
        response = await self.inner.download_request(local)
        return response.replace(url=request.url, request=request)

    async def close(self) -> None:
        await self.inner.close()
