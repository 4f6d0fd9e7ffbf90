"""What the spider hands to the pipeline: one item per fetched (or failed) URL."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class FetchedItem:
    """A crawl_log row, and the page record when the URL was an HTML page that extracted."""

    log: dict[str, Any]
    record: dict[str, Any] | None = None
    source: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
