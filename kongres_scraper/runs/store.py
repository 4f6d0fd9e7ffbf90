"""Crawl state kept between crawls of one output: incremental re-crawls, resume, revisits.

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

The Scrapy side (a downloader middleware answering from the store, a pipeline writing to
it) is crawl/state.py; this module imports no Scrapy.
"""
from __future__ import annotations

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

from ..clock import now_utc

logger = logging.getLogger(__name__)

STATE_DIRNAME = "state"
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


def state_dir(output: Path, explicit: str | Path | None, keep: bool, offline: bool) -> Path | None:
    """Where a crawl keeps its state: the directory given, else OUTPUT/state/ for a live
    crawl that keeps state; None for a snapshot replay or `--no-state`."""
    if explicit:
        return Path(explicit)
    return default_state_dir(output) if keep and not offline else None


#: Libraries whose version changes what extraction returns (main text, dates, morphology).
FINGERPRINT_LIBRARIES = ("trafilatura", "morfeusz2", "lxml", "htmldate")
#: Packages of the extraction code, read as package data so a zipped egg hashes the same sources.
FINGERPRINT_PACKAGES = ("extract", "normalize")


def extractor_fingerprint() -> str:
    """A hash of what extraction depends on: a stored record is reused only if it is unchanged.

    The sources of `extract/` and `normalize/` (and `lexicon.py`), read through
    importlib.resources, so a checkout, a wheel and a zipped egg (scrapyd) give the same
    hash, plus the versions of the libraries in `FINGERPRINT_LIBRARIES`. Refuses to return
    the hash of nothing: a build that cannot read its own code must not reuse records.
    """
    from importlib import metadata, resources

    root = resources.files("kongres_scraper")
    digest = hashlib.sha256()
    files = [(package, f) for package in FINGERPRINT_PACKAGES
             for f in sorted(root.joinpath(package).iterdir(), key=lambda f: f.name) if f.name.endswith(".py")]
    if root.joinpath("lexicon.py").is_file():
        files.append(("", root.joinpath("lexicon.py")))
    if not files:
        raise RuntimeError("extractor fingerprint: the extraction sources cannot be read from the package")
    for package, f in files:
        digest.update(f"{package}/{f.name}".encode() + b"\0" + f.read_bytes() + b"\0")
    for lib in FINGERPRINT_LIBRARIES:
        try:
            version = metadata.version(lib)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{lib}=={version}\0".encode())
    return digest.hexdigest()[:16]


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
        #: where an unreadable state database was moved (the crawl then runs as a first crawl)
        self.moved_aside: Path | None = None
        try:
            self.db = self._open()
        except sqlite3.DatabaseError as exc:
            self.moved_aside = move_aside(self.dir / "pages.sqlite", exc)
            self.db = self._open()
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

    def _open(self) -> sqlite3.Connection:
        """Connect, and check the file is a sound SQLite database (a scheduled crawl must not die on it)."""
        db = sqlite3.connect(self.dir / "pages.sqlite", isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            ok = db.execute("PRAGMA quick_check").fetchone()
            if not ok or ok[0] != "ok":
                raise sqlite3.DatabaseError(f"database disk image is malformed ({ok[0] if ok else 'no answer'})")
            db.executescript(_SCHEMA)
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

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
             previous: Stored | None = None, how: str | None = None, now: float | None = None) -> None:
        """Store what this crawl got for `url`; `how` says how it was answered from the store (or None).

        The revisit interval doubles each time the page is found unchanged (up to
        `revisit_max`) and starts again at `revisit_after` when it changed.
        """
        checked_at, revisit = time.time() if now is None else now, self.revisit_after
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

    # answers without downloading -------------------------------------------------

    def stored_answer(self, entry: Stored | None, role: str | None, lastmod: str | None, trust_lastmod: bool = True,
                      now: float | None = None) -> str | None:
        """How a request for `url` is answered from the store without the network, if it is.

        `resume`: this (resumed) run already got the URL; `fresh`: an article page or a probe
        that found nothing, checked within its revisit interval; `lastmod`: listed in a
        sitemap with the `lastmod` it was stored with. None: ask the server (conditionally
        when `validators` gives headers). `entry` is `get(url)`.
        """
        if entry is None:
            return None
        # replay only what this run's last observation of the URL was (not a timeout
        # that left an older body in place)
        has_body = entry.status is not None and entry.body is not None and entry.log.get("status") == entry.status
        if self.resuming and entry.run_id == self.run_id and has_body:
            return "resume"
        if self.is_fresh(entry, role, time.time() if now is None else now):
            return "fresh"
        if lastmod and trust_lastmod and entry.lastmod == lastmod and entry.status == 200 and entry.body is not None:
            return "lastmod"
        return None

    def is_fresh(self, entry: Stored, role: str | None, now: float) -> bool:
        """The revisit schedule: an article page, or a probe that found nothing, checked within its interval."""
        if not self.revisit_after or not entry.checked_at or not entry.revisit:
            return False
        if entry.body is None or entry.log.get("status") != entry.status:
            return False
        age = now - entry.checked_at
        if entry.status == 200 and entry.url.split("?", 1)[0].endswith("/robots.txt"):
            # robots.txt (ours, and the one Scrapy's robots.txt middleware asks for) is
            # kept for a day at most, as search engines do
            return age < min(entry.revisit, ROBOTS_MAX_AGE)
        if age >= entry.revisit:
            return False
        return (entry.status == 200 and role == "page") or (entry.status in (404, 410) and role is not None)

    @staticmethod
    def validators(entry: Stored | None) -> dict[str, str]:
        """Conditional request headers for a stored page with a body (If-None-Match, If-Modified-Since)."""
        if entry is None or entry.status != 200 or entry.body is None:
            return {}
        headers = {}
        if entry.etag:
            headers["If-None-Match"] = entry.etag
        if entry.last_modified:
            headers["If-Modified-Since"] = entry.last_modified
        return headers

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


def move_aside(path: Path, exc: Exception) -> Path:
    """Rename an unreadable state database (and its WAL files) to `NAME.corrupt-<time>`; returns the new name."""
    stamp = now_utc().replace(":", "").replace("-", "")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    os.replace(path, target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    logger.warning("crawl state %s was unreadable (%s): moved aside to %s; this crawl runs as a first crawl",
                   path, exc, target.name)
    return target
