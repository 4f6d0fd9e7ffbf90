"""Each discovery path on its own small site under tests/sites/ (one host per path).

The sites are replayed with the offline handler (`--offline-root`); the REST API
case with its `X-WP-TotalPages` header is served by a local http.server on
127.0.0.1. Crawls run in a subprocess (Scrapy's reactor runs once per process)
with a guard that records any attempt to reach a non-loopback address.
"""
from __future__ import annotations

import http.server
import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pytest

SITES = Path(__file__).parent / "sites"

NETWORK_GUARD = '''
import os, socket
_LOG = os.environ["KONGRES_NET_LOG"]
_LOCAL = ("127.0.0.1", "::1", "localhost")
def _note(what):
    with open(_LOG, "a") as f:
        f.write(what + "\\n")
def _guard(method):
    def wrapper(self, address, *a, **kw):
        host = address[0] if isinstance(address, tuple) else address
        if self.family in (socket.AF_INET, socket.AF_INET6) and host not in _LOCAL:
            _note(f"connect {address!r}")
            raise OSError("network blocked by the test")
        return method(self, address, *a, **kw)
    return wrapper
socket.socket.connect = _guard(socket.socket.connect)
socket.socket.connect_ex = _guard(socket.socket.connect_ex)
_getaddrinfo = socket.getaddrinfo
def getaddrinfo(host, *a, **kw):
    if host not in _LOCAL and host is not None:
        _note(f"resolve {host!r}")
        raise socket.gaierror("name resolution blocked by the test")
    return _getaddrinfo(host, *a, **kw)
socket.getaddrinfo = getaddrinfo
def _blocked_lookup(original):
    def lookup(host, *a, **kw):
        if host not in _LOCAL:
            _note(f"resolve {host!r}")
            raise socket.gaierror("name resolution blocked by the test")
        return original(host, *a, **kw)
    return lookup
socket.gethostbyname = _blocked_lookup(socket.gethostbyname)
socket.gethostbyname_ex = _blocked_lookup(socket.gethostbyname_ex)

# Test hook: make extraction fail on URLs containing KONGRES_TEST_BREAK_EXTRACTION.
if os.environ.get("KONGRES_TEST_BREAK_EXTRACTION"):
    import kongres_scraper.extract as _extract
    _real = _extract.extract_page
    def extract_page(raw, url):
        if os.environ["KONGRES_TEST_BREAK_EXTRACTION"] in url:
            raise ValueError("broken on purpose")
        return _real(raw, url)
    _extract.extract_page = extract_page
'''


def run_kongres(args: list[str], tmp: Path, timeout: float = 240,
                extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `kongres ARGS` in a subprocess that may reach 127.0.0.1 only."""
    guard_dir = tmp / "guard"
    guard_dir.mkdir(exist_ok=True)
    (guard_dir / "sitecustomize.py").write_text(NETWORK_GUARD, encoding="utf-8")
    net_log = tmp / "network.log"
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(guard_dir), env.get("PYTHONPATH")]))
    env["KONGRES_NET_LOG"] = str(net_log)
    env.update(extra_env or {})
    proc = subprocess.run([sys.executable, "-m", "kongres_scraper.cli", *args],
                          capture_output=True, text=True, timeout=timeout, env=env, cwd=tmp)
    attempts = net_log.read_text() if net_log.exists() else ""
    assert not attempts, f"the crawl tried to reach the network:\n{attempts}"
    return proc


def crawled(out: Path) -> pd.DataFrame:
    log = pd.read_parquet(out / "crawl_log.parquet")
    log["host"] = log["url"].map(lambda u: urlsplit(u).hostname)
    log["path"] = log["url"].map(lambda u: urlsplit(u).path + (f"?{urlsplit(u).query}" if urlsplit(u).query else ""))
    return log


def paths(log: pd.DataFrame, host: str, ok: bool | None = None) -> set[str]:
    rows = log[log["host"] == host]
    if ok is True:
        rows = rows[rows["status"] == 200]
    return set(rows["path"])


@pytest.fixture(scope="module")
def site_crawl(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, Path, subprocess.CompletedProcess[str]]:
    tmp = tmp_path_factory.mktemp("sites")
    out = tmp / "out"
    proc = run_kongres(["crawl", "--offline-root", str(SITES), "--sources", str(SITES / "sources.toml"),
                        "--output", str(out), "--allow-empty"], tmp)
    assert proc.returncode == 0, proc.stderr
    return crawled(out), out, proc


def test_wordpress_core_sitemap_from_robots(site_crawl):
    log = site_crawl[0]
    got = paths(log, "wpsitemap.example.org", ok=True)
    assert {"/robots.txt", "/wp-sitemap.xml", "/wp-sitemap-posts-post-1.xml", "/wp-sitemap-posts-page-1.xml"} <= got
    assert {"/relacja-z-kongresu/", "/zapowiedz-kongresu/", "/program/", "/"} <= got
    everything = paths(log, "wpsitemap.example.org")
    assert "/stary-wpis/" not in everything  # lastmod 2019 < since 2020-01-01
    assert "/wp-sitemap-users-1.xml" not in everything  # archive sitemaps add no facts
    assert "/niepodlinkowany/" not in everything  # a sitemap site is not link-crawled
    assert not any(p.startswith("/wp-json/") for p in everything)  # nor asked for its REST API
    assert not (log["host"] == "elsewhere.example.net").any()  # off-host sitemap entry


def test_yoast_index_nested_and_gzipped_sitemaps_without_robots(site_crawl):
    log = site_crawl[0]
    rows = log[log["host"] == "yoast.example.org"].set_index("path")
    assert rows.loc["/robots.txt", "status"] == 404
    assert rows.loc["/wp-sitemap.xml", "status"] == 404  # probed first, absent
    assert rows.loc["/sitemap_index.xml", "status"] == 200
    got = paths(log, "yoast.example.org", ok=True)
    assert {"/post-sitemap.xml.gz", "/page-sitemap.xml", "/archiwum-index.xml", "/archiwum-2023.xml"} <= got
    assert {"/2024/10/kongres-relacja/", "/o-kongresie/", "/2023/09/i-kongres/"} <= got
    assert "/category/aktualnosci/" not in paths(log, "yoast.example.org")
    assert "/sitemap.xml" not in paths(log, "yoast.example.org")  # probing stops at the first sitemap


def test_feeds_paged_category_and_advertised_atom(site_crawl):
    log = site_crawl[0]
    got = paths(log, "feed.example.org", ok=True)
    assert {"/feed/", "/feed/?paged=2", "/category/kongres/feed/", "/atom.xml", "/atom-2.xml"} <= got
    assert {"/wpis-1/", "/wpis-2/", "/wpis-3/", "/wpis-kat/", "/atom-wpis/", "/atom-wpis-2/"} <= got
    everything = paths(log, "feed.example.org")
    assert "/comments/feed/" not in everything
    assert "/kontakt/" not in everything  # a feed site is not link-crawled
    assert not any(p.startswith("/wp-json/") for p in everything)


def test_feed_channel_page_is_a_listing_reaching_older_posts(site_crawl):
    log = site_crawl[0]
    got = paths(log, "joomla.example.org", ok=True)
    assert {"/aktualnosci?format=feed&type=rss", "/aktualnosci", "/aktualnosci?start=5"} <= got
    assert {"/aktualnosci/12-nowy-wpis", "/aktualnosci/7-stary-wpis-o-kongresie"} <= got
    assert "/kontakt" not in paths(log, "joomla.example.org")


def test_listing_pagination_with_strona_and_nastepna(site_crawl):
    log = site_crawl[0]
    got = paths(log, "listing.example.org", ok=True)
    assert {"/aktualnosci/", "/aktualnosci/?strona=2", "/aktualnosci/?strona=3"} <= got
    assert {"/aktualnosci/kongres-zapowiedz", "/aktualnosci/kongres-program",
            "/aktualnosci/kongres-relacja", "/aktualnosci/inny-wpis"} <= got
    everything = paths(log, "listing.example.org")
    assert "/kontakt/" not in everything  # navigation is not a listing entry
    assert not any(p.endswith("/galeria") for p in everything)  # entries are leaves


def test_wordpress_listing_with_numbered_pages(site_crawl):
    log = site_crawl[0]
    got = paths(log, "blog.example.org", ok=True)
    assert {"/", "/page/2/", "/page/3/", "/post-a/", "/post-b/", "/post-c/", "/post-d/"} <= got
    assert "/kontakt/" not in paths(log, "blog.example.org")


def test_links_only_site_is_crawled_within_depth(site_crawl):
    log = site_crawl[0]
    rows = log[log["host"] == "links.example.org"].set_index("path")
    got = paths(log, "links.example.org", ok=True)
    assert {"/", "/kongres/", "/kongres/program/", "/kontakt/"} <= got
    assert "/kongres/program/szczegoly/" not in rows.index  # depth 3 > max_depth 2
    assert "/raport.pdf" not in rows.index
    assert rows.loc["/brak/", "status"] == 404 and rows.loc["/brak/", "error"] == "HTTP 404"
    assert pd.isna(rows.loc["/prywatne/", "status"])
    assert rows.loc["/prywatne/", "error"] == "forbidden by robots.txt"
    assert not (log["host"] == "inna.example.net").any()


def test_rest_api_files_when_no_sitemap_and_no_feed(site_crawl):
    log = site_crawl[0]
    got = paths(log, "rest.example.org", ok=True)
    assert {"/wp-json/wp/v2/posts?per_page=100&page=1", "/wp-json/wp/v2/pages?per_page=100&page=1"} <= got
    assert {"/2024/10/kongres/", "/2024/09/zapowiedz/", "/o-kongresie/"} <= got
    assert "/o-nas/" not in paths(log, "rest.example.org")
    # no X-WP-TotalPages and a short page: no page 2 asked for
    assert "/wp-json/wp/v2/posts?per_page=100&page=2" not in paths(log, "rest.example.org")


def test_every_fetch_is_logged_and_pages_are_extracted(site_crawl):
    log, out, proc = site_crawl
    assert log["url"].is_unique
    html = log[log["page_type"].isin(["programme", "speakers", "article", "other"])]
    assert set(log["page_type"].dropna()) <= {"programme", "speakers", "article", "other",
                                              "robots", "sitemap", "feed", "api"}
    assert {"robots", "sitemap", "feed", "api"} <= set(log["page_type"].dropna())
    articles = pd.read_parquet(out / "articles.parquet")
    assert set(html["url"]) <= set(articles["url"])
    assert set(log.loc[log["status"] == 404, "error"]) == {"HTTP 404"}
    assert log.loc[log["status"] == 200, "content_hash"].str.fullmatch(r"[0-9a-f]{64}").all()
    # progress lines and the closing summary are on stderr
    assert "fetched," in proc.stderr and "crawl finished" in proc.stderr
    assert "crawl_log" in proc.stdout


def test_replayed_fetch_time_is_the_file_mtime(site_crawl):
    log = site_crawl[0]
    row = log[log["url"] == "https://links.example.org/kongres/"].iloc[0]
    mtime = (SITES / "links.example.org/kongres/index.html").stat().st_mtime
    assert abs(row["fetched_at"].timestamp() - int(mtime)) < 1


def test_two_replays_give_identical_tables(site_crawl, tmp_path: Path):
    first = site_crawl[1]
    out = tmp_path / "again"
    proc = run_kongres(["crawl", "--offline-root", str(SITES), "--sources", str(SITES / "sources.toml"),
                        "--output", str(out), "--allow-empty", "--quiet"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    for table in sorted(first.glob("*.parquet")):
        pd.testing.assert_frame_equal(pd.read_parquet(table), pd.read_parquet(out / table.name))


def test_mirror_without_sources_file_starts_at_each_host(tmp_path: Path):
    import shutil

    root = tmp_path / "mirror"
    shutil.copytree(SITES / "links.example.org", root / "links.example.org")
    out = tmp_path / "out"
    proc = run_kongres(["crawl", "--offline-root", str(root), "--output", str(out), "--allow-empty", "-q"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert {"/", "/kongres/", "/kongres/program/"} <= paths(crawled(out), "links.example.org", ok=True)


def test_failures_are_logged_with_their_reason(tmp_path: Path):
    root = tmp_path / "mirror"
    host = root / "bad.example.org"
    (host / "boom").mkdir(parents=True)
    page = "<html><head><title>{0}</title></head><body><main><a href='/boom/'>x</a> <a href='/pusta/'>y</a> <a href='/dane'>z</a>"
    (host / "index.html").write_text(page.format("Start") + "</main></body></html>", encoding="utf-8")
    (host / "boom" / "index.html").write_text(page.format("Boom") + "</main></body></html>", encoding="utf-8")
    (host / "pusta").mkdir()
    (host / "pusta" / "index.html").write_bytes(b"")
    (host / "dane").write_bytes(bytes(range(256)) * 4)
    out = tmp_path / "out"
    proc = run_kongres(["crawl", "--offline-root", str(root), "--output", str(out), "--allow-empty", "-q"], tmp_path,
                       extra_env={"KONGRES_TEST_BREAK_EXTRACTION": "/boom/"})
    assert proc.returncode == 0, proc.stderr
    rows = crawled(out).set_index("path")
    assert rows.loc["/boom/", "status"] == 200
    assert rows.loc["/boom/", "error"] == "extraction failed: ValueError: broken on purpose"
    assert rows.loc["/pusta/", "error"].startswith("not HTML")
    assert rows.loc["/dane", "error"] == "not HTML: application/octet-stream"
    assert "Traceback" not in proc.stderr


# --------------------------------------------------------------------------- REST API, live

LAST_MODIFIED = "Fri, 11 Oct 2024 10:00:00 GMT"
POSTS = {1: ["/2024/10/post-1/", "/2024/10/post-2/"], 2: ["/2024/10/post-3/"], 3: ["/2024/09/post-4/"]}


class _WordPress(http.server.BaseHTTPRequestHandler):
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


@pytest.fixture()
def wordpress_server():
    _WordPress.seen = []
    _WordPress.revalidated = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _WordPress)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_rest_api_pages_by_total_pages_header_live(wordpress_server, tmp_path: Path):
    port = wordpress_server.server_address[1]
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "wp"\nstart_urls = ["http://127.0.0.1:{port}/"]\n', encoding="utf-8")
    out = tmp_path / "out"
    proc = run_kongres(["crawl", "--sources", str(sources), "--output", str(out), "--allow-empty", "-q",
                        "--set", "AUTOTHROTTLE_ENABLED=false", "--set", "DOWNLOAD_DELAY=0"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    requested = [path for path, _agent in _WordPress.seen]
    for page in (1, 2, 3):  # pages 2 and 3 known from X-WP-TotalPages, though page 1 was short
        assert f"/wp-json/wp/v2/posts?per_page=100&page={page}" in requested
    assert "/wp-json/wp/v2/posts?per_page=100&page=4" not in requested
    assert "/robots.txt" in requested  # robots.txt obeyed
    assert "/o-nas/" not in requested  # the REST API lists everything: no link crawl
    agents = {agent for _path, agent in _WordPress.seen}
    assert all("kongres_scraper/" in a and "+https://" in a for a in agents)
    got = paths(crawled(out), "127.0.0.1", ok=True)
    assert {p for pages in POSTS.values() for p in pages} <= got
    articles = pd.read_parquet(out / "articles.parquet")
    title = articles.loc[articles["url"].str.endswith("/2024/09/post-4/"), "title"].iloc[0]
    assert title.startswith("Współpraca lokalna")  # decoded with the header's windows-1250


def test_http_cache_revalidates_pages_on_the_next_crawl(wordpress_server, tmp_path: Path):
    port = wordpress_server.server_address[1]
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "wp"\nstart_urls = ["http://127.0.0.1:{port}/"]\n', encoding="utf-8")
    fast = ["--set", "AUTOTHROTTLE_ENABLED=false", "--set", "DOWNLOAD_DELAY=0", "--allow-empty", "-q"]
    for run in ("first", "second"):
        proc = run_kongres(["crawl", "--sources", str(sources), "--output", str(tmp_path / run),
                            "--cache", str(tmp_path / "cache"), *fast], tmp_path)
        assert proc.returncode == 0, proc.stderr
    post = "/2024/10/post-1/"
    assert _WordPress.revalidated.count(post) == 1  # the second crawl asked "changed since?" and got 304
    for run in ("first", "second"):
        articles = pd.read_parquet(tmp_path / run / "articles.parquet")
        assert articles["url"].str.endswith(post).any()  # a revalidated page still gives its record
