"""The crawl state store in-process: the revisit schedule, the answers it gives without the
network, record reuse and the crawl_log rows it settles (runs/store.py, no Scrapy)."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kongres_scraper.runs.store import StateStore, state_dir

HOUR = 3600.0
T0 = 1_700_000_000.0  # a first check, as a POSIX time
URL = "https://example.org/2024/10/wpis/"
BODY = b"<html><body><p>Kongres</p></body></html>"


def log(status: int | None = 200, body: bytes | None = BODY, fetched_at: str = "2026-11-01T07:00:00Z",
        error: str | None = None) -> dict:
    return {"url": URL, "fetched_at": fetched_at, "status": status, "page_type": "article",
            "content_hash": hashlib.sha256(body).hexdigest() if body else None, "error": error}


@pytest.fixture
def store(tmp_path: Path) -> StateStore:
    s = StateStore(tmp_path / "state", revisit_after=20, revisit_max=168)
    yield s
    s.close()


def save(store: StateStore, now: float, status: int = 200, body: bytes = BODY, how: str | None = None) -> None:
    store.save(URL, status=status, headers={"etag": '"e1"'}, lastmod="2024-10-14", body=body,
               log=log(status, body), record={"url": URL}, previous=store.get(URL), how=how, now=now)


def test_a_new_page_is_revisited_after_the_first_interval(store: StateStore):
    save(store, now=T0)
    assert store.get(URL).revisit == 20 * HOUR


def test_an_unchanged_page_doubles_its_interval(store: StateStore):
    save(store, now=T0)
    save(store, now=T0 + 21 * HOUR)
    assert store.get(URL).revisit == 40 * HOUR


def test_the_interval_stops_at_the_maximum(store: StateStore):
    for n in range(8):
        save(store, now=T0 + n * 200 * HOUR)
    assert store.get(URL).revisit == 168 * HOUR


def test_a_changed_page_starts_again_at_the_first_interval(store: StateStore):
    save(store, now=T0)
    save(store, now=T0 + 21 * HOUR)
    save(store, now=T0 + 62 * HOUR, body=BODY + b"<p>nowe</p>")
    assert store.get(URL).revisit == 20 * HOUR


def test_a_page_answered_from_the_store_keeps_its_schedule(store: StateStore):
    save(store, now=T0)
    save(store, now=T0 + 5 * HOUR, how="fresh")
    assert store.get(URL).checked_at == T0


def test_an_article_within_its_interval_is_fresh(store: StateStore):
    save(store, now=T0)
    assert store.stored_answer(store.get(URL), "page", None, now=T0 + 19 * HOUR) == "fresh"


def test_an_article_past_its_interval_is_asked_for(store: StateStore):
    save(store, now=T0)
    assert store.stored_answer(store.get(URL), "page", None, now=T0 + 21 * HOUR) is None


def test_a_start_page_is_always_asked_for(store: StateStore):
    save(store, now=T0)
    assert store.stored_answer(store.get(URL), "start", None, now=T0 + 1 * HOUR) is None


def test_an_unchanged_sitemap_lastmod_is_answered_from_the_store(store: StateStore):
    save(store, now=T0)
    assert store.stored_answer(store.get(URL), "start", "2024-10-14", now=T0 + 1 * HOUR) == "lastmod"


def test_revisit_after_zero_asks_for_every_page(tmp_path: Path):
    s = StateStore(tmp_path / "state", revisit_after=0)
    save(s, now=T0)
    assert s.stored_answer(s.get(URL), "page", None, now=T0 + 1) is None
    s.close()


def test_validators_make_the_request_conditional(store: StateStore):
    save(store, now=T0)
    assert StateStore.validators(store.get(URL)) == {"If-None-Match": '"e1"'}


def test_the_same_bytes_reuse_the_stored_record(store: StateStore):
    save(store, now=T0)
    assert store.reusable(URL, BODY).record == {"url": URL}


def test_other_bytes_are_parsed_again(store: StateStore):
    save(store, now=T0)
    assert store.reusable(URL, BODY + b" ") is None


def test_an_unchanged_page_keeps_its_first_fetched_at(store: StateStore):
    save(store, now=T0)
    again = log(fetched_at="2026-11-02T07:00:00Z")
    assert store.settle_log(store.get(URL), again)["fetched_at"] == "2026-11-01T07:00:00Z"


def test_a_page_that_now_gives_404_is_gone(store: StateStore):
    save(store, now=T0)
    settled = store.settle_log(store.get(URL), log(404, None))
    assert settled["error"] == "HTTP 404: gone (gave 200 on 2026-11-01)" and store.gone == [URL]


def test_a_resumed_run_replays_what_it_already_got(tmp_path: Path):
    first = StateStore(tmp_path / "state")
    save(first, now=T0)
    first.close()
    resumed = StateStore(tmp_path / "state", resume=True)
    assert resumed.resuming and resumed.stored_answer(resumed.get(URL), "start", None, now=T0 + 1) == "resume"
    resumed.close()


@pytest.mark.parametrize("explicit, keep, offline, expected", [
    (None, True, False, "out/state"),
    (None, True, True, None),
    (None, False, False, None),
    ("elsewhere", False, True, "elsewhere"),
])
def test_where_the_state_is_kept(explicit, keep, offline, expected):
    got = state_dir(Path("out"), explicit, keep, offline)
    assert (str(got) if got else None) == expected
