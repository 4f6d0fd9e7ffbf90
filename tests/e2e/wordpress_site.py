"""A WordPress site with no sitemap and no feed, served on 127.0.0.1: only its REST API lists the posts."""
from __future__ import annotations

import http.server
import json
from urllib.parse import urlsplit

LAST_MODIFIED = "Fri, 11 Oct 2024 10:00:00 GMT"
POSTS = {1: ["/2024/10/post-1/", "/2024/10/post-2/"], 2: ["/2024/10/post-3/"], 3: ["/2024/09/post-4/"]}


class WordPress(http.server.BaseHTTPRequestHandler):
    """A WordPress site with no sitemap and no feed: only the REST API lists its posts."""

    seen: list[tuple[str, str]] = []
    revalidated: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        type(self).seen.append((self.path, self.headers.get("User-Agent", "")))
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        parts = urlsplit(self.path)
        if parts.path == "/":
            self._send(200, "text/html; charset=utf-8",
                       f'<html><head><title>WP</title><link rel="https://api.w.org/" href="{base}/wp-json/">'
                       "</head><body><main><p>II Krajowy Kongres Współpracy Lokalnej</p>"
                       '<a href="/o-nas/">O nas</a></main></body></html>')
        elif parts.path == "/wp-json/wp/v2/posts":
            query = dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p)
            page = int(query.get("page", "1"))
            if query.get("per_page") != "100" or page not in POSTS:
                self._send(400, "application/json", '{"code": "rest_post_invalid_page_number"}')
                return
            body = json.dumps([{"id": i, "link": base + p} for i, p in enumerate(POSTS[page])])
            self._send(200, "application/json; charset=UTF-8", body,
                       {"X-WP-Total": "4", "X-WP-TotalPages": str(len(POSTS))})
        elif parts.path == "/wp-json/wp/v2/pages":
            self._send(200, "application/json; charset=UTF-8", "[]", {"X-WP-Total": "0", "X-WP-TotalPages": "0"})
        elif parts.path == "/2024/09/post-4/":  # the charset is named by the header only
            self._send(200, "text/html; charset=windows-1250",
                       "<html><head><title>Współpraca lokalna – żółć</title></head><body><main>"
                       "<p>II Krajowy Kongres Współpracy Lokalnej.</p></main></body></html>", encoding="cp1250")
        elif any(parts.path in pages for pages in POSTS.values()):
            if self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                type(self).revalidated.append(parts.path)
                self.send_response(304)
                self.end_headers()
                return
            self._send(200, "text/html; charset=utf-8",
                       f"<html><head><title>Wpis</title></head><body><main><h1>{parts.path}</h1>"
                       "<p>II Krajowy Kongres Współpracy Lokalnej, 10–11 października 2024.</p></main></body></html>",
                       {"Last-Modified": LAST_MODIFIED})
        else:
            self._send(404, "text/html", "<html><body>404</body></html>")

    def _send(self, status: int, ctype: str, body: str, headers: dict[str, str] | None = None,
              encoding: str = "utf-8") -> None:
        data = body.encode(encoding)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass
