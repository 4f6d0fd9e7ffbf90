"""The crawl's request queue on disk, so that a sitemap of 20,000 pages is not 20,000 requests in memory.

A sitemap's pages are requested as soon as the sitemap is read, and sitemaps come before
pages (`spider.PRIORITY`), so Scrapy's memory queue held every page request of a broad
crawl at once: about 4 KB each with its meta, headers and Scrapy's per-request caches,
80 MB for 20,000 pages. `DiskQueueScheduler` is Scrapy's scheduler with its disk queues
(`SCHEDULER_DISK_QUEUE`: pickled, one LIFO file per priority, as the memory queues are
LIFO per priority) in a directory of its own, made for this crawl and removed when it
closes: requests wait on disk and the crawl order is the same. Nothing else of Scrapy's
`JOBDIR` comes with it (the seen-request filter and the spider state stay in memory, and
a crawl never resumes from the queue: the crawl state of runs/store.py does that).
With `JOBDIR` set (`scrapy crawl -s JOBDIR=...`) it is Scrapy's scheduler unchanged.

The directory is `OUT/.queue-XXXX.tmp`, on the disk the crawl writes to; a killed crawl's
is removed by the next one (`runs.output.clean_stale`). Where it cannot be made, the
queue stays in memory. A full disk stops the crawl at the first failed write, as any other
write of the run does (`RunExtension.stop_for_write_error`).
"""
from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

from scrapy import Request
from scrapy.core.scheduler import Scheduler

from .state import RunExtension

logger = logging.getLogger(__name__)


class DiskQueueScheduler(Scheduler):
    """Scrapy's scheduler, queueing requests on disk in a directory of this crawl (see the module docstring)."""

    def __init__(self, dupefilter: Any, jobdir: str | None = None, **kwargs: Any) -> None:
        self.own_dir: Path | None = None
        crawler = kwargs.get("crawler")
        if jobdir is None and crawler is not None:
            self.own_dir = queue_dir(crawler.settings.get("KONGRES_OUTPUT_DIR") or ".")
            jobdir = str(self.own_dir) if self.own_dir else None
        super().__init__(dupefilter, jobdir, **kwargs)

    def enqueue_request(self, request: Request) -> bool:
        try:
            return super().enqueue_request(request)
        except OSError as exc:
            self._write_failed(exc)
            return False

    def next_request(self) -> Request | None:
        try:
            return super().next_request()
        except OSError as exc:  # a pop flushes what the queue file still buffers
            self._write_failed(exc)
            return None

    def close(self, reason: str) -> Any:
        try:
            return super().close(reason)
        except OSError as exc:  # the queue's last state is written at close
            self._write_failed(exc)
            return None
        finally:
            if self.own_dir is not None:
                shutil.rmtree(self.own_dir, ignore_errors=True)

    def _write_failed(self, exc: OSError) -> None:
        """A full or read-only disk stops the crawl with one line (crawl/state.py), as any write of the run does."""
        if self.crawler is None or not RunExtension.of(self.crawler).stop_for_write_error(exc, self.dqdir):
            raise exc


def queue_dir(output: str | Path) -> Path | None:
    """A new directory for the queue of one crawl in the output directory; None if it cannot be made."""
    try:
        Path(output).mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=".queue-", suffix=".tmp", dir=output))
    except OSError as exc:
        logger.info("request queue kept in memory: cannot make its directory in %s (%s)", output, exc)
        return None
