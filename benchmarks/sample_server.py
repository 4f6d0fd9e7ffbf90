"""Serve a wget-mirror directory (default: the bundled sample web) over HTTP on 127.0.0.1.

The host directory is chosen by the request's `Host` header, the file by the rules of
`kongres_scraper.discovery.mirror` (the ones `kongres crawl --offline` uses), so a crawl with
`KONGRES_HOST_MAP={"*": "127.0.0.1:PORT"}` fetches `https://kongreswspolpracy.pl/...`
from here while its tables keep the real URLs. Responses carry `ETag` (a hash of the
body) and `Last-Modified` (the file's mtime) and honour `If-None-Match` /
`If-Modified-Since` with 304. A URL with no file is a 404.

    python benchmarks/sample_server.py [--root DIR] [--port 0] [--delay 0.05]

In Python (tests, benchmarks)::

    with SampleServer(delay=0.02) as server:
        server.port, server.counts, server.host_map()

Counters (`server.counts`): requests, 200 (bodies sent), 304, 404, bytes.
Only loopback is ever bound.
"""
from __future__ import annotations

import argparse
import email.utils
import hashlib
import http.server
import os
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kongres_scraper.discovery.mirror import BUNDLED_SAMPLE, resolve, sniff_content_type


class _Handler(http.server.BaseHTTPRequestHandler):
    server: "_Server"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._respond(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(head=True)

    def _respond(self, head: bool) -> None:
        srv = self.server
        if srv.delay:
            time.sleep(srv.delay)
        with srv.lock:
            srv.arrived += 1
            held = srv.hold_after is not None and srv.arrived > srv.hold_after
        if held:  # tests: the crawl cannot finish before it is killed (see SampleServer.hold_after)
            srv.gate.wait()
            self.close_connection = True  # its client was killed meanwhile: drop it unanswered, uncounted
            return
        host = (self.headers.get("Host") or "").strip().lower()
        path = urlsplit(self.path).path or "/"
        query = urlsplit(self.path).query
        url = f"https://{host}{path}" + (f"?{query}" if query else "")
        with srv.lock:
            srv.counts["requests"] += 1
            srv.requested.append(url)
        file = resolve(srv.root, url) if host and not host.startswith(("127.", "localhost")) else None
        if file is None:
            body = b"<html><body><h1>404 Not Found</h1></body></html>"
            self._send(404, {"Content-Type": "text/html; charset=utf-8"}, body, head)
            return
        body = file.read_bytes()
        mtime = int(file.stat().st_mtime)
        etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
        last_modified = email.utils.formatdate(mtime, usegmt=True)
        headers = {"ETag": etag, "Last-Modified": last_modified,
                   "Content-Type": sniff_content_type(body, str(file))}
        if self._not_modified(etag, mtime):
            self._send(304, {"ETag": etag, "Last-Modified": last_modified}, b"", head)
            return
        self._send(200, headers, body, head)

    def _not_modified(self, etag: str, mtime: int) -> bool:
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            return etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
        ims = self.headers.get("If-Modified-Since")
        if ims:
            try:
                since = email.utils.parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError):
                return False
            return mtime <= since
        return False

    def _send(self, status: int, headers: dict[str, str], body: bytes, head: bool) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head and status != 304:
            self.wfile.write(body)
        with self.server.lock:
            self.server.counts[str(status)] += 1
            self.server.counts["bytes"] += 0 if status == 304 else len(body)

    def log_message(self, fmt: str, *args: Any) -> None:
        if self.server.verbose:
            sys.stderr.write(f"sample_server: {self.address_string()} {fmt % args}\n")


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    root: Path
    delay: float
    verbose: bool
    lock: threading.Lock
    counts: Counter[str]
    requested: list[str]
    arrived: int
    hold_after: int | None
    gate: threading.Event


class SampleServer:
    """The sample web on 127.0.0.1:<port> in a background thread; a context manager."""

    def __init__(self, root: Path | str = BUNDLED_SAMPLE, port: int = 0, delay: float = 0.0, verbose: bool = False):
        self.httpd = _Server(("127.0.0.1", port), _Handler)
        self.httpd.root = Path(root).resolve()
        self.httpd.delay = delay
        self.httpd.verbose = verbose
        self.httpd.lock = threading.Lock()
        self.httpd.counts = Counter()
        self.httpd.requested = []
        self.httpd.arrived = 0
        self.httpd.hold_after = None
        self.httpd.gate = threading.Event()
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="sample-server", daemon=True)

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    @property
    def counts(self) -> Counter[str]:
        return self.httpd.counts

    @property
    def requested(self) -> list[str]:
        return self.httpd.requested

    def reset(self) -> None:
        with self.httpd.lock:
            self.httpd.counts.clear()
            self.httpd.requested.clear()

    def set_delay(self, delay: float) -> None:
        self.httpd.delay = delay

    def hold_after(self, n: int) -> None:
        """Answer the next `n` requests, then hold every further one until `release()`:
        a test can kill a crawl midway without racing it."""
        with self.httpd.lock:
            self.httpd.arrived = 0
            self.httpd.hold_after = n
            self.httpd.gate.clear()

    def release(self) -> None:
        """Stop holding requests (the held ones are dropped unanswered)."""
        with self.httpd.lock:
            self.httpd.hold_after = None
        self.httpd.gate.set()

    def host_map(self) -> dict[str, str]:
        """The `KONGRES_HOST_MAP` setting that sends every host to this server."""
        return {"*": f"127.0.0.1:{self.port}"}

    def start(self) -> "SampleServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.release()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)

    def __enter__(self) -> "SampleServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


#: The sample web's source list, shipped for loopback crawls (the file is sample_sources_toml()'s output).
SAMPLE_SOURCES = Path(__file__).resolve().with_name("SAMPLE-SOURCES.toml")


def sample_sources_toml(root: Path | str = BUNDLED_SAMPLE) -> str:
    """A sources file for a live crawl of a mirror: the sources `kongres crawl --offline-root` would use."""
    from kongres_scraper.sources import load_sources, offline_sources

    def value(v: Any) -> str:
        if isinstance(v, (list, tuple)):
            return "[" + ", ".join(value(x) for x in v) + "]"
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return str(v)
        if hasattr(v, "isoformat"):
            return v.isoformat()
        return '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = []
    for src in offline_sources(Path(root), load_sources(), explicit=False):
        lines.append("[[source]]")
        for key in ("name", "kind", "start_urls", "hosts", "discovery", "max_pages", "max_depth", "include",
                    "exclude", "since"):
            v = getattr(src, key)
            if v is not None and v != ():
                lines.append(f"{key} = {value(v)}")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=str(BUNDLED_SAMPLE), help="wget-mirror directory (default: the sample web)")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: any free one)")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds to wait before each response")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)
    server = SampleServer(args.root, args.port, args.delay, args.verbose)
    print(f"serving {server.httpd.root} on http://127.0.0.1:{server.port}/ (pid {os.getpid()})", flush=True)
    sources = SAMPLE_SOURCES if Path(args.root).resolve() == BUNDLED_SAMPLE.resolve() else "SOURCES.toml"
    print(f"crawl it with: kongres crawl --sources {sources} "
          f"--set 'KONGRES_HOST_MAP={{\"*\": \"127.0.0.1:{server.port}\"}}' "
          "--set AUTOTHROTTLE_ENABLED=false --set DOWNLOAD_DELAY=0 --output OUT", flush=True)
    if sources != SAMPLE_SOURCES:
        print("(write SOURCES.toml with sample_server.sample_sources_toml(ROOT))", flush=True)
    try:
        server.httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
