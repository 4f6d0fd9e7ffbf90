"""The raw web archive of a run: every response the crawl got, in WARC, so any run can be audited and re-parsed.

`WarcArchiveMiddleware` is a Scrapy downloader middleware (enabled in settings.py, on by
default; `KONGRES_ARCHIVE=False` turns it off) that writes `OUT/runs/<run-id>/archive.warc.gz`:

* a `warcinfo` record naming the run, the software and the settings that matter;
* per response (HTTP errors, redirects and offline replays included): a `request` record
  (method, URL, the headers sent) and a `response` record (status line, headers, body as
  received), with `WARC-Date` = the fetch time (the snapshot's capture time in offline
  replays) and the server's IP address when known;
* per crawl_log row: a `metadata` record (JSON: the row, the spider's role of the request,
  the source) that `WARC-Refers-To` its response record, if it had one;
* at the end: a `metadata` record with the finish reason, the sources of the run and the
  `found_by` of URLs found several ways (their rows say the way that requested them first).

The middleware sits just under the crawl-state middleware (crawl/state.py), so it archives every
response as the spider gets it: redirects followed (the final URL is archived), bodies
decoded (`Content-Encoding` is gone and `Content-Length` is the decoded length), and a
page answered from the crawl state (a 304, an unchanged sitemap `lastmod`, a resumed
run) with the stored body it was answered with, marked `WARC-Kongres-Reused: 304`,
`lastmod` or `resume`. `Transfer-Encoding` is dropped (the body is de-chunked). Each
record is a separate gzip member flushed at once, so the archive of an interrupted crawl
is readable up to its last record. `kongres reparse` (runs/reparse.py) reads it back;
the record types they share are in runs/warc.py.
"""
from __future__ import annotations

import http
import io
import json
import logging
from typing import Any

from scrapy import signals
from scrapy.http import Request, Response
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ..clock import now_utc
from ..discovery.report import settled_ways
from ..runs.warc import LOG_TYPE, RUN_TYPE, RUN_URI, keep_whole_records, warc_date
from .offline import FETCHED_AT_META
from .state import REUSED_META, RunExtension

logger = logging.getLogger(__name__)

#: Request meta key holding the WARC-Record-ID of the response record.
RECORD_META = "kongres_warc_record"
_DROPPED_HEADERS = {b"transfer-encoding", b"content-length"}


def _headers(headers: Any, length: int | None = None) -> list[tuple[str, str]]:
    out = []
    for name, values in headers.items():
        if name.lower() in _DROPPED_HEADERS:
            continue
        for value in values:
            out.append((name.decode("latin-1"), value.decode("latin-1")))
    if length is not None:
        out.append(("Content-Length", str(length)))
    return out


class WarcArchiveMiddleware:
    """Write the responses and crawl_log rows of a crawl to the run's WARC file."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.enabled = crawler.settings.getbool("KONGRES_ARCHIVE", True)
        self.offline = bool(crawler.settings.get("KONGRES_OFFLINE_ROOT"))
        self.file: io.BufferedWriter | None = None
        self.writer: WARCWriter | None = None
        self.records = 0

    @classmethod
    def from_crawler(cls, crawler: Any) -> "WarcArchiveMiddleware":
        mw = cls(crawler)
        if mw.enabled:
            crawler.signals.connect(mw.spider_opened, signal=signals.spider_opened)
            crawler.signals.connect(mw.item_scraped, signal=signals.item_scraped)
            crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        return mw

    # -------------------------------------------------------------------------------- signals

    def spider_opened(self, spider: Any) -> None:
        if RunExtension.of(self.crawler).locked_message:  # another crawl holds the output
            return
        run = RunExtension.of(self.crawler).run
        # a sweep's worker writes its own file; the sweep concatenates them into the run's archive
        name = self.crawler.settings.get("KONGRES_ARCHIVE_NAME")
        self.path = run.dir / name if name else run.archive
        if self.path.exists():  # a resumed run (same run id) appends, after the last whole record
            keep_whole_records(self.path)
        self.file = open(self.path, "ab")
        self.writer = WARCWriter(self.file, gzip=True)
        settings = self.crawler.settings
        info = {
            "software": "kongres_scraper (Scrapy)",
            "format": "WARC File Format 1.0",
            "isPartOf": run.run_id,
            "http-header-user-agent": settings.get("USER_AGENT"),
            "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
            "kongres-offline-root": settings.get("KONGRES_OFFLINE_ROOT") or "",
            "kongres-output": str(run.out),
        }
        self._write(self.writer.create_warcinfo_record(self.path.name, info))

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.writer is None:
            return
        states = getattr(spider, "states", None) or {}
        payload = {
            "run_id": RunExtension.of(self.crawler).run.run_id,
            "finish_reason": reason,
            "sources": list(states),
            "allow_empty": self.crawler.settings.getbool("KONGRES_ALLOW_EMPTY", False),
            # crawl_log rows were archived as requested; URLs found several ways are settled at the end
            "found_by": settled_ways(getattr(spider, "offers", None) or {}),
        }
        self._metadata(RUN_URI, payload, RUN_TYPE, None, None)
        self._close()

    def _close(self) -> None:
        file, self.writer, self.file = self.file, None, None
        if file is not None:
            try:
                file.close()
            except OSError as exc:
                if not RunExtension.of(self.crawler).stop_for_write_error(exc, self.path):
                    raise

    def item_scraped(self, item: Any, response: Any, spider: Any) -> None:
        log = getattr(item, "log", None)
        if self.writer is None or log is None:
            return
        refers_to = response.meta.get(RECORD_META) if isinstance(response, Response) else None
        payload = {"log": log, "role": getattr(item, "meta", {}).get("role"), "source": getattr(item, "source", "")}
        self._metadata(log["url"], payload, LOG_TYPE, refers_to, log.get("fetched_at"))

    # -------------------------------------------------------------------------------- downloads

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        if self.writer is None:
            return response
        if not self.offline or FETCHED_AT_META not in request.meta:
            # live: the fetch time is now, and the spider logs the same time
            request.meta[FETCHED_AT_META] = now_utc()
        date = warc_date(request.meta[FETCHED_AT_META])
        try:
            req_record = self._request_record(request, date)
            resp_record = self._response_record(request, response, date)
            concurrent = resp_record.rec_headers.get_header("WARC-Record-ID")
            req_record.rec_headers.add_header("WARC-Concurrent-To", concurrent)
            self._write(resp_record)
            self._write(req_record)
            request.meta[RECORD_META] = concurrent
        except Exception:  # the archive must never break the crawl
            logger.warning("could not archive %s", response.url, exc_info=True)
        return response

    def _request_record(self, request: Request, date: str):
        parts = request.url.split("/", 3)
        path = "/" + (parts[3] if len(parts) > 3 else "")
        headers = _headers(request.headers, len(request.body) if request.body else None)
        if not any(k.lower() == "host" for k, _ in headers):
            headers.insert(0, ("Host", request.url.split("/", 3)[2] if "//" in request.url else ""))
        http_headers = StatusAndHeaders(f"{request.method} {path} HTTP/1.1", headers, is_http_request=True)
        body = request.body or b""
        return self.writer.create_warc_record(request.url, "request", payload=io.BytesIO(body), length=len(body),
                                              http_headers=http_headers, warc_headers_dict={"WARC-Date": date})

    def _response_record(self, request: Request, response: Response, date: str):
        try:
            reason = http.HTTPStatus(response.status).phrase
        except ValueError:
            reason = ""
        protocol = getattr(response, "protocol", None) or "HTTP/1.1"
        http_headers = StatusAndHeaders(f"{response.status} {reason}".strip(),
                                        _headers(response.headers, len(response.body)), protocol=protocol)
        warc_headers = {"WARC-Date": date}
        if request.meta.get(REUSED_META):
            warc_headers["WARC-Kongres-Reused"] = str(request.meta[REUSED_META])
        ip = getattr(response, "ip_address", None)
        if ip is not None:
            warc_headers["WARC-IP-Address"] = str(ip)
        return self.writer.create_warc_record(response.url, "response", payload=io.BytesIO(response.body),
                                              length=len(response.body), http_headers=http_headers,
                                              warc_headers_dict=warc_headers)

    # -------------------------------------------------------------------------------- writing

    def _metadata(self, uri: str, payload: dict[str, Any], content_type: str, refers_to: str | None,
                  date: str | None) -> None:
        if self.writer is None:  # closed by a write error
            return
        data = json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8")
        headers = {"WARC-Date": warc_date(date)}
        if refers_to:
            headers["WARC-Refers-To"] = refers_to
        record = self.writer.create_warc_record(uri, "metadata", payload=io.BytesIO(data), length=len(data),
                                                warc_content_type=content_type, warc_headers_dict=headers)
        self._write(record)

    def _write(self, record: Any) -> None:
        if self.writer is None:  # closed by a write error
            return
        try:
            self.writer.write_record(record)
            self.file.flush()
        except OSError as exc:  # a full or read-only disk: the crawl stops at the first failed write
            if not RunExtension.of(self.crawler).stop_for_write_error(exc, self.path):
                raise
            self._close()
            return
        self.records += 1
