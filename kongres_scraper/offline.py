"""Replay a wget-mirror snapshot as if it were the web: a Scrapy download handler.

The same spiders run live and offline; only the download handler differs. This is
how tests and `kongres crawl --offline` exercise the real discovery code (robots.txt,
sitemaps, feeds, pagination, REST API) without touching the network.

Mapping (the layout `wget --mirror` writes):

* `https://H/a/b/`      -> `H/a/b/index.html`
* `https://H/a/b`       -> file `H/a/b` if it is a file, else `H/a/b/index.html`
  (also `H/a/b.html`, which `wget --adjust-extension` writes)
* `https://H/`          -> `H/index.html`
* query strings are part of the file name: `https://H/aktualnosci/?strona=2` ->
  `H/aktualnosci/index.html?strona=2`; `https://H/news?page=2` -> `H/news?page=2`
* a non-default port is part of the host directory: `H:8080/...`
* http and https map to the same files; a URL with no file is a 404.
"""
from __future__ import annotations

import email.utils
import os
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes
from scrapy.utils.asyncio import run_in_thread

from .clock import iso_utc

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler

#: Request meta key holding the time the page was captured (ISO 8601, UTC).
FETCHED_AT_META = "kongres_fetched_at"

BUNDLED_SAMPLE = Path(__file__).resolve().parent / "sample_web"


def bundled_sample_root() -> Path:
    """The bundled sample web as a directory: in place, or, when the package runs from a
    zipped egg (scrapyd), copied once from the egg into the temp directory."""
    if BUNDLED_SAMPLE.is_dir():
        return BUNDLED_SAMPLE
    import hashlib
    import tempfile
    from importlib.resources import files

    source = files(__package__).joinpath("sample_web")
    stamp = hashlib.sha256(str(BUNDLED_SAMPLE).encode()).hexdigest()[:12]
    target = Path(tempfile.gettempdir()) / f"kongres-sample-web-{stamp}"
    if (target / "CAPTURED").is_file():
        return target
    staging = Path(tempfile.mkdtemp(prefix="kongres-sample-web-", dir=tempfile.gettempdir()))

    def copy(node, dest: Path) -> None:
        for child in node.iterdir():
            if child.is_dir():
                (dest / child.name).mkdir()
                copy(child, dest / child.name)
            else:
                (dest / child.name).write_bytes(child.read_bytes())

    copy(source, staging)
    try:
        os.replace(staging, target)
    except OSError:  # another process got there first
        import shutil

        shutil.rmtree(staging, ignore_errors=True)
    return target


def captured_at_of(root: Path) -> str | None:
    """The capture time written in `root/CAPTURED`, or None when there is none."""
    marker = root / "CAPTURED"
    if marker.is_file():
        text = marker.read_text(encoding="utf-8").strip()
        return text or None
    return None


def snapshot_time(root: Path) -> str:
    """The time of a snapshot: its CAPTURED file, else the newest file's mtime.

    Used as fetched_at of what has no file of its own (404s, requests refused by
    robots.txt), so that replaying a snapshot twice gives identical tables.
    """
    captured = captured_at_of(root)
    if captured:
        return captured
    newest = 0.0
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            try:
                newest = max(newest, os.stat(os.path.join(dirpath, name)).st_mtime)
            except OSError:
                pass
    return iso_utc(newest)


def _host_dir(url_host: str | None, port: int | None, scheme: str) -> str:
    host = (url_host or "").lower()
    default = {"http": 80, "https": 443}.get(scheme)
    if port is not None and port != default:
        return f"{host}:{port}"
    return host


def candidate_paths(root: Path, url: str) -> list[Path]:
    """Files that may hold `url` in a wget mirror under `root`, most likely first."""
    parts = urlsplit(url)
    host = _host_dir(parts.hostname, parts.port, parts.scheme)
    if not host:
        return []
    paths_in_url = [parts.path or "/"]
    decoded = unquote(parts.path or "/")
    if decoded != paths_in_url[0]:
        paths_in_url.append(decoded)
    suffix = f"?{parts.query}" if parts.query else ""
    out: list[Path] = []
    for path in paths_in_url:
        rel = path.lstrip("/")
        base = root / host / rel if rel else root / host
        if path.endswith("/") or not rel:
            out += [base / f"index.html{suffix}", base / f"index.html{suffix}.html"]
        else:
            out += [
                base.parent / f"{base.name}{suffix}",
                base / f"index.html{suffix}",
                base.parent / f"{base.name}{suffix}.html",
                base.parent / f"{base.name}.html{suffix}",
            ]
    return out


def resolve(root: Path, url: str) -> Path | None:
    """The file holding `url` under `root`, or None (a 404). Never leaves the host's directory."""
    root = root.resolve()
    parts = urlsplit(url)
    if any(seg in (".", "..") for seg in unquote(parts.path).split("/")):
        return None
    host_dir = root / _host_dir(parts.hostname, parts.port, parts.scheme)
    for path in candidate_paths(root, url):
        try:
            real = path.resolve()
        except (OSError, RuntimeError):
            continue
        if real.is_file() and real.is_relative_to(host_dir):
            return real
    return None


def sniff_content_type(body: bytes, path: str = "") -> str:
    """Guess a Content-Type from the bytes (wget keeps no headers); the name only breaks ties.

    HTML and XML get no charset: the page's own `<meta charset>`, XML declaration or
    BOM says it (the sample has a windows-1250 page), as wget kept no header that could.
    """
    if body[:2] == b"\x1f\x8b":
        return "application/x-gzip"
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"{", b"[")):
        return "application/json; charset=utf-8"
    if head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<urlset", b"<sitemapindex")):
        if b"<rss" in head or b"<rdf:rdf" in head:
            return "application/rss+xml"
        if b"<feed" in head:
            return "application/atom+xml"
        if b"<html" in head:
            return "text/html"
        return "application/xml"
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--", b"<meta", b"<title", b"<div", b"<p")):
        return "text/html"
    name = path.rsplit("/", 1)[-1].split("?", 1)[0].lower()
    if name.endswith(".txt") or name == "robots.txt":
        return "text/plain; charset=utf-8"
    if name.endswith((".html", ".htm")) or name == "index.html":
        return "text/html"
    if name.endswith(".xml"):
        return "application/xml"
    if name.endswith(".pdf") or body.startswith(b"%PDF"):
        return "application/pdf"
    try:
        body[:2048].decode("utf-8")
    except UnicodeDecodeError:
        return "application/octet-stream"
    return "text/plain; charset=utf-8"


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
        body = await run_in_thread(path.read_bytes)
        mtime = os.stat(path).st_mtime
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
