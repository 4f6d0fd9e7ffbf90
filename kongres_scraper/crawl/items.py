"""What the spider hands to the pipelines: one item per fetched (or failed) URL."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Fetch:
    """The response a crawl_log row is of, as the crawl state stores it (not part of the tables).

    `status` None: the request got no response (timeout, DNS, robots.txt).
    """

    status: int | None
    validators: dict[str, str | None] = field(default_factory=dict)  # etag, last_modified, content_type
    lastmod: str | None = None  # the sitemap lastmod the URL was listed with
    body: bytes | None = None
    reused: str | None = None  # how the crawl state answered it without downloading (crawl/state.py)


@dataclass
class FetchedItem:
    """A crawl_log row, and the page record when the URL was an HTML page that extracted.

    `meta["role"]` is the role of the request (start, listing, page, or a probe);
    `fetch` is set on the row of the response itself and dropped once the state pipeline stored it.
    """

    log: dict[str, Any]
    record: dict[str, Any] | None = None
    source: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    fetch: Fetch | None = None
