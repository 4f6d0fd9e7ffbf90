"""Crawl state kept between crawls of one output: incremental re-crawls, resume, the output lock.

`OUT/state/pages.sqlite` keeps, per fetched URL, what the last crawl got: status, validators
(ETag, Last-Modified), the sitemap `lastmod` it was listed with, the body (zlib), the
crawl_log row and the extracted record, the fingerprint of the extraction code that made
the record, and the id of the run that saw it. With it:

* **conditional requests**: a URL with validators is asked for with If-None-Match /
  If-Modified-Since; a 304 is answered from the stored body (`kongres_reused = "304"`);
* **sitemap lastmod**: a page whose sitemap `lastmod` is the one it had when it was
  stored is not requested at all (`kongres_reused = "lastmod"`);
* **adaptive revisits**: an article page (and a probe that got 404/410) is not asked
  for again until its revisit interval has passed since it was last checked
  (`kongres_reused = "fresh"`): KONGRES_REVISIT_AFTER hours at first (default 20, so a
  daily crawl checks everything the next day), doubled each time the page is found
  unchanged, up to KONGRES_REVISIT_MAX hours (default 168, a week); a change resets it.
  robots.txt is kept for a day at most. Start pages, listings, feeds and sitemaps,
  where new pages appear, are revalidated on every crawl. `KONGRES_REVISIT_AFTER=0` revalidates every page;
* **no re-parsing**: a page whose body is the stored one (304, lastmod, or the same bytes
  again) reuses the stored record when the extraction code is the same (the spider
  checks `reusable()`), and its crawl_log row keeps the stored `fetched_at`, so the
  tables of a crawl that found nothing changed are identical to the previous ones;
* **resume** (`kongres crawl --resume`): every response is committed to SQLite as it is
  processed, so a crawl killed even with SIGKILL leaves a journal of what it got. A
  resumed run keeps the interrupted run's id and replays what that run already got
  without touching the network (`kongres_reused = "resume"`), re-running discovery on
  the same bodies, so it ends with the tables an uninterrupted crawl would write.
  Scrapy's JOBDIR is not used: its disk queues, `requests.seen` and `spider.state` are
  only consistent after a clean shutdown. Tried on the sample web with Scrapy 2.19: after
  a SIGKILL halfway, `requests.seen` was empty and the resumed job downloaded everything
  again and ended "finished" with 52 of the 59 pages, silently incomplete;
* **pages gone**: a URL that gave 200 before and gives 404/410 now gets
  `HTTP 404: gone (gave 200 on DATE)` in crawl_log and is listed in the stats
  (`kongres/gone`); pages of the last crawl that this one no longer found are counted
  (`kongres/not_found_again`).

The output lock (`OUT/.kongres.lock`, an flock held for the whole crawl) stops a second
crawl writing the same output; a lock file left by a dead process is taken over (an
flock dies with its process).
"""
from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import logging
import os
import sqlite3
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .clock import now_utc

logger = logging.getLogger(__name__)

STATE_DIRNAME = "state"
LOCK_NAME = ".kongres.lock"
#: Request/response meta key: how a response was obtained without downloading its body.
REUSED_META = "kongres_reused"
_CONDITIONAL_META = "kongres_conditional"
ROBOTS_MAX_AGE = 24 * 3600.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY,
    status INTEGER,
    etag TEXT,
    last_modified TEXT,
    content_type TEXT,
    lastmod TEXT,
    body BLOB,
    content_hash TEXT,
    log TEXT NOT NULL,
    record TEXT,
    extractor TEXT,
    run_id TEXT NOT NULL,
    checked_at REAL,
    revisit REAL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""


def default_state_dir(output: Path) -> Path:
    return Path(output) / STATE_DIRNAME


def extractor_fingerprint() -> str:
    """A hash of the extraction code: a stored record is reused only if it is unchanged."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for package in ("extract", "normalize"):
        for path in sorted((root / package).glob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


# --------------------------------------------------------------------------- lock


class OutputLocked(RuntimeError):
    """Another live process holds the output's lock; the message names it."""


class OutputLock:
    """An exclusive flock on `OUT/.kongres.lock`, holding the owner's pid and start time."""

    def __init__(self, output: Path):
        self.path = Path(output) / LOCK_NAME
        self.fd: int | None = None
        self.took_over: dict[str, Any] | None = None

    def acquire(self) -> "OutputLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = _read_holder(fd)
            os.close(fd)
            if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise
            who = f"pid {holder.get('pid', '?')}, started {holder.get('started', '?')}" if holder else "unknown process"
            raise OutputLocked(f"another crawl ({who}) is writing to {self.path.parent}; "
                               f"not starting (lock: {self.path})") from None
        previous = _read_holder(fd)
        if previous and previous.get("pid") and not _alive(int(previous["pid"])):
            self.took_over = previous
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"pid": os.getpid(), "started": now_utc()}).encode() + b"\n", 0)
        self.fd = fd
        return self

    def release(self) -> None:
        if self.fd is not None:
            try:
                os.ftruncate(self.fd, 0)
                fcntl.flock(self.fd, fcntl.LOCK_UN)
            finally:
                os.close(self.fd)
                self.fd = None


def _read_holder(fd: int) -> dict[str, Any]:
    try:
        data = os.pread(fd, 4096, 0)
        return json.loads(data.decode() or "{}")
    except (OSError, ValueError):
        return {}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --------------------------------------------------------------------------- store


@dataclass
class Stored:
    url: str
    status: int | None
    etag: str | None
    last_modified: str | None
    content_type: str | None
    lastmod: str | None
    body: bytes | None
    content_hash: str | None
    log: dict[str, Any]
    record: dict[str, Any] | None
    extractor: str | None
    run_id: str
    checked_at: float | None = None
    revisit: float | None = None


class StateStore:
    """Per-URL state of the crawls of one output (SQLite, one commit per response)."""

    def __init__(self, directory: Path, resume: bool = False, revisit_after: float = 20.0,
                 revisit_max: float = 168.0):
        self.revisit_after = max(0.0, revisit_after) * 3600.0  # seconds
        self.revisit_max = max(self.revisit_after, revisit_max * 3600.0)
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.dir / "pages.sqlite", isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA)
        self.extractor = extractor_fingerprint()
        last = self.last_run()
        self.resuming = bool(resume and last.get("run_id") and last.get("finished") != "1")
        if self.resuming:
            self.run_id = last["run_id"]
            self.previous_run = last.get("previous_run")
        else:
            self.run_id = f"{now_utc()}-{os.getpid()}-{os.urandom(3).hex()}"
            self.previous_run = last.get("run_id")
            self._set_meta(run_id=self.run_id, started=now_utc(), finished="0", previous_run=self.previous_run)
        self.gone: list[str] = []

    @staticmethod
    def peek(directory: Path) -> dict[str, Any]:
        """The last run of a state dir (run_id, started, finished, pages), without opening a run."""
        path = Path(directory) / "pages.sqlite"
        if not path.is_file():
            return {}
        db = sqlite3.connect(path)
        try:
            meta: dict[str, Any] = {k: v for k, v in db.execute("SELECT key, value FROM meta")}
            if meta.get("run_id"):
                meta["pages"] = db.execute("SELECT count(*) FROM pages WHERE run_id = ?",
                                           (meta["run_id"],)).fetchone()[0]
            return meta
        except sqlite3.Error:
            return {}
        finally:
            db.close()

    # meta ------------------------------------------------------------------

    def _set_meta(self, **values: Any) -> None:
        self.db.executemany("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)",
                            [(k, None if v is None else str(v)) for k, v in values.items()])

    def last_run(self) -> dict[str, str]:
        return {k: v for k, v in self.db.execute("SELECT key, value FROM meta")}

    def finish(self) -> None:
        self._set_meta(finished="1", finished_at=now_utc())

    # pages -----------------------------------------------------------------

    def get(self, url: str) -> Stored | None:
        row = self.db.execute(
            "SELECT url, status, etag, last_modified, content_type, lastmod, body, content_hash, log, record, "
            "extractor, run_id, checked_at, revisit FROM pages WHERE url = ?", (url,)).fetchone()
        if row is None:
            return None
        body = zlib.decompress(row[6]) if row[6] is not None else None
        return Stored(row[0], row[1], row[2], row[3], row[4], row[5], body, row[7], json.loads(row[8]),
                      json.loads(row[9]) if row[9] else None, row[10], row[11], row[12], row[13])

    def save(self, url: str, *, status: int | None, headers: dict[str, str | None], lastmod: str | None,
             body: bytes | None, log: dict[str, Any], record: dict[str, Any] | None,
             previous: Stored | None = None, how: str | None = None) -> None:
        """Store what this crawl got for `url`; `how` is the response's `kongres_reused` (or None)."""
        checked_at, revisit = time.time(), self.revisit_after
        if previous is not None and how in ("fresh", "resume"):  # not checked again: keep the schedule
            checked_at, revisit = previous.checked_at or checked_at, previous.revisit or revisit
        elif previous is not None and previous.status == status and status is not None and (
                status >= 400 or previous.content_hash == log.get("content_hash")):
            revisit = min(max((previous.revisit or 0) * 2, self.revisit_after), self.revisit_max)
        self.db.execute(
            "INSERT OR REPLACE INTO pages(url, status, etag, last_modified, content_type, lastmod, body, content_hash, "
            "log, record, extractor, run_id, checked_at, revisit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (url, status, headers.get("etag"), headers.get("last_modified"), headers.get("content_type"), lastmod,
             zlib.compress(body, 6) if body is not None else None, log.get("content_hash"),
             json.dumps(log, ensure_ascii=False), json.dumps(record, ensure_ascii=False) if record else None,
             self.extractor, self.run_id, checked_at, revisit))

    def save_error(self, url: str, log: dict[str, Any]) -> None:
        """A request that got no response: note it, but keep a stored body and its validators."""
        cur = self.db.execute("UPDATE pages SET log = ?, run_id = ? WHERE url = ?",
                              (json.dumps(log, ensure_ascii=False), self.run_id, url))
        if cur.rowcount == 0:
            self.save(url, status=None, headers={}, lastmod=None, body=None, log=log, record=None)

    def not_seen_this_run(self) -> list[str]:
        """Pages with a record that the previous crawl reached and this one did not."""
        if not self.previous_run:
            return []
        rows = self.db.execute("SELECT url FROM pages WHERE run_id = ? AND status = 200 AND record IS NOT NULL "
                               "ORDER BY url", (self.previous_run,))
        return [r[0] for r in rows]

    def close(self) -> None:
        self.db.close()

    # observations ------------------------------------------------------------

    def reusable(self, url: str, body: bytes) -> Stored | None:
        """The stored entry of `url` when its body is `body` and the extraction code is the same."""
        entry = self.get(url)
        if entry is None or entry.status != 200 or entry.extractor != self.extractor:
            return None
        if entry.content_hash != hashlib.sha256(body).hexdigest():
            return None
        return entry

    def settle_log(self, entry: Stored | None, log: dict[str, Any]) -> dict[str, Any]:
        """The crawl_log row of a response, given what was stored for its URL.

        An unchanged observation keeps the stored `fetched_at` (the time it was first
        seen), so a crawl that found nothing new writes identical tables; a page that
        gave 200 before and 404/410 now is marked gone.
        """
        if entry is None:
            return log
        status = log.get("status")
        same = entry.status == status and (
            (status is not None and status >= 400)
            or (status is not None and entry.content_hash == log.get("content_hash")
                and entry.log.get("error") == log.get("error"))
            or (status is None and entry.log.get("error") == log.get("error")))
        if same:
            log = {**log, "fetched_at": entry.log.get("fetched_at") or log.get("fetched_at")}
            if status is not None and status >= 400:
                log["error"] = entry.log.get("error") or log.get("error")
            return log
        if status in (404, 410) and (entry.status == 200 or "gone" in (entry.log.get("error") or "")):
            since = entry.log.get("error") if entry.status != 200 else None
            when = (entry.log.get("fetched_at") or "")[:10]
            log = {**log, "error": since or f"HTTP {status}: gone (gave 200 on {when})"}
            self.gone.append(log["url"])
        return log


def response_validators(headers: Any) -> dict[str, str | None]:
    def get(name: str) -> str | None:
        value = headers.get(name)
        return value.decode("latin-1") if value else None

    return {"etag": get("ETag"), "last_modified": get("Last-Modified"), "content_type": get("Content-Type")}


# --------------------------------------------------------------------------- Scrapy glue


def state_of(crawler: Any) -> StateStore | None:
    """The crawler's state store (opened once), or None when the crawl keeps no state."""
    if getattr(crawler, "_kongres_state_checked", False):
        return getattr(crawler, "_kongres_state", None)
    crawler._kongres_state_checked = True
    settings = crawler.settings
    directory = settings.get("KONGRES_STATE_DIR")
    if not directory and settings.getbool("KONGRES_STATE", True) and not settings.get("KONGRES_OFFLINE_ROOT"):
        directory = str(default_state_dir(Path(settings.get("KONGRES_OUTPUT_DIR", "output"))))
    if not directory or getattr(crawler, "_kongres_locked_out", False):
        crawler._kongres_state = None
        return None
    crawler._kongres_state = StateStore(Path(directory), resume=settings.getbool("KONGRES_RESUME", False),
                                        revisit_after=settings.getfloat("KONGRES_REVISIT_AFTER", 20.0),
                                        revisit_max=settings.getfloat("KONGRES_REVISIT_MAX", 168.0))
    return crawler._kongres_state


class StateExtension:
    """Holds the output lock (unless the `kongres` command holds it) and closes the state store.

    Under scrapyd (`scrapy crawl sites`), this is what keeps two jobs from writing one
    output: the second job closes at once with the reason `output_locked`.
    """

    def __init__(self, crawler: Any):
        from scrapy import signals

        self.crawler = crawler
        self.lock: OutputLock | None = None
        self.locked_message: str | None = None
        settings = crawler.settings
        if settings.getbool("KONGRES_LOCK", True) and not settings.getbool("KONGRES_LOCK_HELD", False):
            try:
                self.lock = OutputLock(Path(settings.get("KONGRES_OUTPUT_DIR", "output"))).acquire()
            except OutputLocked as exc:
                self.locked_message = str(exc)
                crawler._kongres_locked_out = True
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> "StateExtension":
        return cls(crawler)

    def spider_opened(self, spider: Any) -> None:
        if self.locked_message:
            logger.error("kongres: %s", self.locked_message)
            self.crawler.stats.set_value("kongres/message", self.locked_message)
            self.crawler.engine.close_spider(spider, "output_locked")
            return
        store = state_of(self.crawler)
        if store is not None:
            self.crawler.stats.set_value("kongres/state_dir", str(store.dir))
            self.crawler.stats.set_value("kongres/resumed", store.resuming)

    def spider_closed(self, spider: Any, reason: str) -> None:
        store = state_of(self.crawler)
        try:
            if store is not None:
                stats = self.crawler.stats
                stats.set_value("kongres/gone", sorted(set(store.gone)))
                missing = store.not_seen_this_run() if reason == "finished" else []
                stats.set_value("kongres/not_found_again", missing)
                if reason == "finished":
                    store.finish()
                store.close()
        finally:
            if self.lock is not None:
                self.lock.release()


class StateMiddleware:
    """Downloader middleware: replay, skip by sitemap lastmod, conditional requests, 304s."""

    def __init__(self, crawler: Any, store: StateStore):
        self.crawler = crawler
        self.store = store
        self.trust_lastmod = crawler.settings.getbool("KONGRES_TRUST_LASTMOD", True)

    @classmethod
    def from_crawler(cls, crawler: Any) -> "StateMiddleware":
        from scrapy.exceptions import NotConfigured

        store = state_of(crawler)
        if store is None:
            raise NotConfigured()
        return cls(crawler, store)

    def _stored_response(self, request: Any, entry: Stored, how: str, headers: dict[str, str | None] | None = None) -> Any:
        from scrapy.http import Headers
        from scrapy.responsetypes import responsetypes

        values = {"Content-Type": entry.content_type, "ETag": entry.etag, "Last-Modified": entry.last_modified}
        if headers:
            values.update({"ETag": headers.get("etag") or entry.etag,
                           "Last-Modified": headers.get("last_modified") or entry.last_modified})
        hdrs = Headers({k: v for k, v in values.items() if v})
        body = entry.body or b""
        request.meta[REUSED_META] = how
        self.crawler.stats.inc_value(f"kongres/state/{how}")
        cls = responsetypes.from_args(headers=hdrs, url=request.url, body=body)
        return cls(url=request.url, status=entry.status, headers=hdrs, body=body, request=request)

    def process_request(self, request: Any) -> Any:
        if request.meta.get("dont_use_kongres_state"):
            return None
        entry = self.store.get(request.url)
        if entry is None:
            return None
        # replay only what this run's last observation of the URL was (not a timeout
        # that left an older body in place)
        has_body = entry.status is not None and entry.body is not None and entry.log.get("status") == entry.status
        if self.store.resuming and entry.run_id == self.store.run_id and has_body:
            return self._stored_response(request, entry, "resume")
        if self._fresh(request, entry):
            return self._stored_response(request, entry, "fresh")
        lastmod = request.meta.get("lastmod")
        if lastmod and self.trust_lastmod and entry.lastmod == lastmod and entry.status == 200 and entry.body is not None:
            return self._stored_response(request, entry, "lastmod")
        if entry.status == 200 and entry.body is not None and (entry.etag or entry.last_modified):
            if entry.etag and b"If-None-Match" not in request.headers:
                request.headers[b"If-None-Match"] = entry.etag
            if entry.last_modified and b"If-Modified-Since" not in request.headers:
                request.headers[b"If-Modified-Since"] = entry.last_modified
            request.meta[_CONDITIONAL_META] = True
        return None

    def _fresh(self, request: Any, entry: Stored) -> bool:
        """An article page, or a probe that found nothing, checked within its revisit interval."""
        if not self.store.revisit_after or not entry.checked_at or not entry.revisit:
            return False
        if entry.body is None or entry.log.get("status") != entry.status:
            return False
        role = request.meta.get("kongres_role")
        age = time.time() - entry.checked_at
        if entry.status == 200 and request.url.split("?", 1)[0].endswith("/robots.txt"):
            # robots.txt (ours, and the one Scrapy's robots.txt middleware asks for) is
            # kept for a day at most, as search engines do
            return age < min(entry.revisit, ROBOTS_MAX_AGE)
        if age >= entry.revisit:
            return False
        return (entry.status == 200 and role == "page") or (entry.status in (404, 410) and role is not None)

    def process_response(self, request: Any, response: Any) -> Any:
        if request.meta.get(REUSED_META):
            return response
        if response.status == 304 and request.meta.get(_CONDITIONAL_META):
            entry = self.store.get(request.url)
            if entry is not None and entry.body is not None:
                return self._stored_response(request, entry, "304", response_validators(response.headers))
        if response.status == 200 and response.body:
            self.crawler.stats.inc_value("kongres/state/bodies_downloaded")
        return response

