"""A wget mirror as the web: which file holds a URL, what its bytes are, when it was captured.

Pure functions over paths and bytes (no Scrapy): the offline download handler
(`crawl/offline.py`) serves requests with them, discovery sniffs content types with
`sniff_content_type`, and `sources.offline_sources` lists the hosts of a mirror.

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

import os
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..clock import iso_utc

#: The sample web shipped with the package (`kongres crawl --offline`).
BUNDLED_SAMPLE = Path(__file__).resolve().parent.parent / "sample_web"


def bundled_sample_root() -> Path:
    """The bundled sample web as a directory: in place, or, when the package runs from a
    zipped egg (scrapyd), copied once from the egg into the temp directory."""
    if BUNDLED_SAMPLE.is_dir():
        return BUNDLED_SAMPLE
    import hashlib
    import tempfile
    from importlib.resources import files

    source = files("kongres_scraper").joinpath("sample_web")
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


class SnapshotError(ValueError):
    """A snapshot that cannot be replayed as it is; the message is meant for the user."""


def captured_at_of(root: Path) -> str | None:
    """The capture time written in `root/CAPTURED`, or None when there is none.

    The file must be inside the mirror (a link out of it is not read: its content would
    land in every table and report) and hold an ISO 8601 time; else `SnapshotError`.
    """
    marker = root / "CAPTURED"
    if not marker.exists() and not marker.is_symlink():
        return None
    if not marker.resolve().is_relative_to(root.resolve()):
        raise SnapshotError(f"{marker}: a link to a file outside the mirror; not read "
                            "(write the capture time, like 2026-11-01T08:00:00Z, into the mirror's own CAPTURED)")
    if not marker.is_file():
        return None
    try:
        text = marker.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise SnapshotError(f"{marker}: cannot be read ({exc})") from None
    if not text:
        return None
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        shown = text if len(text) <= 40 else text[:40] + "…"
        raise SnapshotError(f"{marker}: {shown!r} is not a time like 2026-11-01T08:00:00Z") from None
    return text


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
