"""The offline download handler: wget-mirror mapping rules and content sniffing.

The handler itself runs inside Scrapy in the crawl tests (test_discovery, test_crawl_e2e);
here its pure parts are checked without a reactor.
"""
from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from kongres_scraper.discovery.mirror import BUNDLED_SAMPLE, captured_at_of, resolve, sniff_content_type


@pytest.fixture()
def mirror(tmp_path: Path) -> Path:
    files = {
        "h.pl/index.html": "<html>home</html>",
        "h.pl/a/b/index.html": "<html>dir page</html>",
        "h.pl/a/file": "<html>file page</html>",
        "h.pl/aktualnosci/index.html": "<html>listing</html>",
        "h.pl/aktualnosci/index.html?strona=2": "<html>listing 2</html>",
        "h.pl/news?page=2": "<html>news 2</html>",
        "h.pl/news/index.html": "<html>news</html>",
        "h.pl/robots.txt": "User-agent: *\n",
        "h.pl/feed/index.html": '<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>',
        "h.pl/wp-json/wp/v2/posts?per_page=100&page=1": '[{"link": "https://h.pl/x/"}]',
        "h.pl/ext.html": "<html>adjusted extension</html>",
        "h.pl:8080/index.html": "<html>port</html>",
        "outside.txt": "secret",
    }
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("url", "rel"),
    [
        ("https://h.pl/", "h.pl/index.html"),
        ("https://h.pl", "h.pl/index.html"),
        ("http://h.pl/", "h.pl/index.html"),  # http and https share the files
        ("https://H.PL/", "h.pl/index.html"),
        ("https://h.pl/a/b/", "h.pl/a/b/index.html"),
        ("https://h.pl/a/b", "h.pl/a/b/index.html"),  # no such file: the directory's index.html
        ("https://h.pl/a/file", "h.pl/a/file"),
        ("https://h.pl/aktualnosci/?strona=2", "h.pl/aktualnosci/index.html?strona=2"),
        ("https://h.pl/news?page=2", "h.pl/news?page=2"),
        ("https://h.pl/news", "h.pl/news/index.html"),
        ("https://h.pl/robots.txt", "h.pl/robots.txt"),
        ("https://h.pl/feed/", "h.pl/feed/index.html"),
        ("https://h.pl/wp-json/wp/v2/posts?per_page=100&page=1", "h.pl/wp-json/wp/v2/posts?per_page=100&page=1"),
        ("https://h.pl/ext", "h.pl/ext.html"),  # wget --adjust-extension
        ("http://h.pl:8080/", "h.pl:8080/index.html"),
        ("https://h.pl:443/", "h.pl/index.html"),
        ("https://h.pl/#top", "h.pl/index.html"),
    ],
)
def test_url_to_file(mirror: Path, url: str, rel: str):
    assert resolve(mirror, url) == (mirror / rel).resolve()


@pytest.mark.parametrize(
    "url",
    [
        "https://h.pl/missing/",
        "https://h.pl/aktualnosci/?strona=3",
        "https://h.pl/news?page=3",
        "https://other.pl/",
        "https://h.pl/../outside.txt",
        "https://h.pl/%2e%2e/outside.txt",
        "https://h.pl/a/",  # a directory without index.html
    ],
)
def test_url_with_no_file_is_not_found(mirror: Path, url: str):
    assert resolve(mirror, url) is None


@pytest.mark.parametrize(
    ("body", "name", "expected"),
    [
        (b"<!DOCTYPE html><html></html>", "index.html", "text/html"),
        (b"\n  <html><body>x</body></html>", "page", "text/html"),
        (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>', "s.xml", "application/xml"),
        (b'<?xml version="1.0"?>\n<sitemapindex/>', "index.html", "application/xml"),
        (b'<?xml version="1.0"?><rss version="2.0"/>', "feed/index.html", "application/rss+xml"),
        (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"/>', "atom", "application/atom+xml"),
        (gzip.compress(b"<urlset/>"), "sitemap.xml.gz", "application/x-gzip"),
        (b'[{"link": "x"}]', "posts?per_page=100&page=1", "application/json"),
        (b"User-agent: *\nDisallow: /\n", "robots.txt", "text/plain"),
        (b"%PDF-1.4", "raport.pdf", "application/pdf"),
    ],
)
def test_content_type_is_sniffed_from_the_bytes(body: bytes, name: str, expected: str):
    assert sniff_content_type(body, name).split(";")[0] == expected


def test_bundled_sample_has_a_capture_time(tmp_path: Path):
    stamp = captured_at_of(BUNDLED_SAMPLE)
    assert stamp and stamp.endswith("Z") and stamp[:4].isdigit()
    assert captured_at_of(tmp_path) is None
