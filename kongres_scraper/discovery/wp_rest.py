"""The WordPress REST API: the list of posts of a site with no sitemap and no feed.

`/wp-json/wp/v2/posts?per_page=100&page=N` returns posts as JSON with their `link`;
`X-WP-TotalPages` says how many pages there are. Sites on plain permalinks expose
the API as `/?rest_route=/wp/v2/posts`; pages advertise the root with
`<link rel="https://api.w.org/">`.
"""
from __future__ import annotations

import json
from urllib.parse import urlencode, urlsplit, urlunsplit

from parsel import Selector

from ..sources import join_url

PER_PAGE = 100
ENDPOINTS = ("posts", "pages")


def api_root(sel: Selector | None, page_url: str) -> str:
    """The REST API root a page advertises, else `/wp-json/` of its site."""
    if sel is not None:
        href = sel.xpath("//link[@rel='https://api.w.org/']/@href").get()
        if href:
            return join_url(page_url, href.strip())
    parts = urlsplit(page_url)
    return urlunsplit((parts.scheme, parts.netloc, "/wp-json/", "", ""))


def collection_url(root: str, endpoint: str, page: int) -> str:
    """URL of one page of a collection (`posts`, `pages`)."""
    parts = urlsplit(root)
    if "rest_route=" in parts.query:
        query = urlencode({"rest_route": f"/wp/v2/{endpoint}", "per_page": PER_PAGE, "page": page}, safe="/")
        return urlunsplit(parts._replace(query=query))
    base = root if root.endswith("/") else root + "/"
    return f"{base}wp/v2/{endpoint}?per_page={PER_PAGE}&page={page}"


def parse_collection(body: bytes) -> list[str] | None:
    """The `link` of each item of a collection page; None when the body is no such list."""
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, list):
        return None
    return [item["link"] for item in data if isinstance(item, dict) and isinstance(item.get("link"), str)]


def total_pages(header_value: bytes | None) -> int | None:
    if not header_value:
        return None
    try:
        return int(header_value.decode("ascii").strip())
    except ValueError:
        return None
