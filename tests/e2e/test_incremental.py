"""Scheduled crawls: incremental re-crawls, pages gone, kill -9 and --resume, the output lock.

Live crawls (not the offline handler) against `benchmarks/sample_server.py`, which serves
the bundled sample web on 127.0.0.1 with ETag/Last-Modified and 304s; the crawl reaches
it through KONGRES_HOST_MAP, so the tables keep the sample's real URLs. Every crawl runs
in a subprocess under the network guard of tests/conftest.py (loopback only).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from helpers import (assert_no_network, crawled, guarded_env, guarded_popen, kill_once_stored, live_args,
                     run_kongres)

from kongres_scraper.discovery.mirror import BUNDLED_SAMPLE
from kongres_scraper.sources import mirror_hosts

from sample_server import SampleServer, sample_sources_toml  # on sys.path by tests/conftest.py

TABLES = ("editions", "sessions", "people", "organizations", "participations", "affiliations", "articles",
          "topics", "crawl_log")


@pytest.fixture()
def sources(tmp_path: Path) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(sample_sources_toml(), encoding="utf-8")
    return path


def assert_same_tables(a: Path, b: Path, ignore: dict[str, list[str]] | None = None) -> None:
    for table in TABLES:
        left, right = pd.read_parquet(a / f"{table}.parquet"), pd.read_parquet(b / f"{table}.parquet")
        drop = (ignore or {}).get(table, [])
        pd.testing.assert_frame_equal(left.drop(columns=drop), right.drop(columns=drop), obj=table)


def test_unchanged_site_recrawl_downloads_and_parses_nothing(tmp_path: Path, sources: Path):
    out = tmp_path / "out"
    with SampleServer() as server:
        first = run_kongres(live_args(server, sources, out), tmp_path)
        assert first.returncode == 0, first.stderr
        bodies_first = server.counts["200"]
        keep = tmp_path / "first"
        shutil.copytree(out, keep, ignore=shutil.ignore_patterns("state", ".kongres.lock"))
        server.reset()
        second = run_kongres(live_args(server, sources, out), tmp_path)
        assert second.returncode == 0, second.stderr
        bodies_second = server.counts["200"]
    assert bodies_first >= 50
    assert bodies_second <= 0.10 * bodies_first, (bodies_first, bodies_second, second.stderr)
    assert (out / "state" / "pages.sqlite").is_file()
    assert "records reused" in second.stderr and "0 bodies downloaded" in second.stderr
    # re-parses nothing: every HTML page's record comes from the state
    pages = (crawled(out)["page_type"].isin(["programme", "speakers", "article", "other"])).sum()
    assert f"{pages} records reused" in second.stderr, second.stderr
    assert_same_tables(keep, out)  # fetched_at included: an unchanged page keeps its time


def test_every_page_revalidated_gives_304s_and_identical_tables(tmp_path: Path, sources: Path):
    out = tmp_path / "out"
    reval = ["--set", "KONGRES_REVISIT_AFTER=0"]
    with SampleServer() as server:
        assert run_kongres(live_args(server, sources, out, *reval), tmp_path).returncode == 0
        keep = tmp_path / "first"
        shutil.copytree(out, keep, ignore=shutil.ignore_patterns("state", ".kongres.lock"))
        server.reset()
        second = run_kongres(live_args(server, sources, out, *reval), tmp_path)
        assert second.returncode == 0, second.stderr
        counts = dict(server.counts)
    assert counts.get("200", 0) == 0, counts
    assert counts.get("304", 0) >= 40, counts  # conditional requests answered "not modified"
    assert "skipped by sitemap lastmod" in second.stderr
    assert_same_tables(keep, out)


def test_changed_page_is_parsed_again_and_a_deleted_one_is_reported_gone(tmp_path: Path, sources: Path):
    root = tmp_path / "web"
    shutil.copytree(BUNDLED_SAMPLE, root)
    changed = root / "frdl.mazowsze.pl/aktualnosci/relacja-ii-krajowy-kongres-wspolpracy-lokalnej"
    deleted = root / "www.ug-lesnawola.pl/aktualnosci/424-fundusz-solecki-na-2025-rok"
    out = tmp_path / "out"
    reval = ["--set", "KONGRES_REVISIT_AFTER=0"]
    with SampleServer(root) as server:
        assert run_kongres(live_args(server, sources, out, *reval), tmp_path).returncode == 0
        before = pd.read_parquet(out / "articles.parquet")
        html = changed.read_text(encoding="utf-8")
        changed.write_text(html.replace("Relacja: II Krajowy", "Relacja (aktualizacja): II Krajowy"),
                           encoding="utf-8")
        os.utime(changed, (time.time() + 60, time.time() + 60))
        deleted.unlink()
        server.reset()
        second = run_kongres(live_args(server, sources, out, *reval), tmp_path)
        assert second.returncode == 0, second.stderr
        fetched = [u for u in server.requested]
        counts = dict(server.counts)
    assert counts.get("200") == 1, counts  # only the changed page was downloaded again
    assert any(u.endswith("relacja-ii-krajowy-kongres-wspolpracy-lokalnej") for u in fetched)
    after = pd.read_parquet(out / "articles.parquet")
    url = "https://frdl.mazowsze.pl/aktualnosci/relacja-ii-krajowy-kongres-wspolpracy-lokalnej"
    assert "(aktualizacja)" in after.loc[after["url"] == url, "title"].iloc[0]
    assert "(aktualizacja)" not in before.loc[before["url"] == url, "title"].iloc[0]
    gone_url = "https://www.ug-lesnawola.pl/aktualnosci/424-fundusz-solecki-na-2025-rok"
    log = crawled(out).set_index("url")
    assert log.loc[gone_url, "status"] == 404
    assert log.loc[gone_url, "error"].startswith("HTTP 404: gone (gave 200 on ")
    assert "1 page(s) gone since the last crawl" in second.stderr and gone_url in second.stderr
    assert gone_url not in set(after["url"])


# --------------------------------------------------------------------------- kill -9 and --resume


def test_crawl_killed_midway_and_resumed_ends_like_an_uninterrupted_one(tmp_path: Path, sources: Path):
    reference, out = tmp_path / "reference", tmp_path / "out"
    with SampleServer() as server:
        ref = run_kongres(live_args(server, sources, reference, "--no-state"), tmp_path)
        assert ref.returncode == 0, ref.stderr
        total = server.counts["requests"]
        server.reset()
        server.hold_after(total // 2)  # the crawl cannot finish: it is killed halfway, whatever the machine's speed
        proc = guarded_popen(live_args(server, sources, out), tmp_path)
        # every answered response is stored but Scrapy's own robots.txt fetch, one per host
        kill_once_stored(proc, out / "state", total // 2 - len(mirror_hosts(BUNDLED_SAMPLE)))
        before_kill = server.counts["200"] + server.counts["404"]
        assert not (out / "crawl_log.parquet").exists()  # nothing written by the killed crawl

        server.reset()
        server.release()
        resumed = run_kongres(live_args(server, sources, out, "--resume"), tmp_path)
        assert resumed.returncode == 0, resumed.stderr
        after_resume = server.counts["requests"]
    assert "resuming the crawl started at" in resumed.stderr
    assert "took over the lock left by pid" in resumed.stderr
    assert "replayed from the interrupted run" in resumed.stderr
    # what the killed run had got was not asked for again (robots.txt aside)
    assert after_resume <= total - before_kill + 12, (total, before_kill, after_resume)
    # the same dataset; fetched_at differs (two crawls at different times)
    assert_same_tables(reference, out, ignore={"crawl_log": ["fetched_at"]})


def test_resume_without_an_interrupted_crawl_crawls_anew(tmp_path: Path, sources: Path):
    out = tmp_path / "out"
    with SampleServer() as server:
        proc = run_kongres(live_args(server, sources, out, "--resume"), tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "nothing to resume" in proc.stderr


def test_resume_of_a_snapshot_replay_replays_it_and_quiet_names_the_run(tmp_path: Path):
    """cron can always pass --resume (and -q): an offline replay keeps no state, so it is replayed in full,
    and the one line -q leaves says which run it was and how it ended."""
    proc = run_kongres(["crawl", "--offline", "--resume", "-q"], tmp_path, timeout=240)
    assert proc.returncode == 0, proc.stderr
    assert "replaying it in full" in proc.stderr
    run_id = json.loads((tmp_path / "output" / "latest" / "report.json").read_text())["run_id"]
    assert f"kongres run {run_id}: checks passed" in proc.stderr
    assert "  ok " not in proc.stderr and "kongres:   kongreswspolpracy.pl" not in proc.stderr


# --------------------------------------------------------------------------- the output lock


def test_a_second_crawl_of_the_same_output_is_refused(tmp_path: Path):
    from kongres_scraper.runs.lock import OutputLock

    out = tmp_path / "out"
    lock = OutputLock(out).acquire()  # "another crawl": this test process holds the lock
    try:
        proc = run_kongres(["crawl", "--offline", "--output", str(out), "-q"], tmp_path, timeout=120)
    finally:
        lock.release()
    assert proc.returncode == 4, proc.stderr
    assert f"another crawl (pid {os.getpid()}, started " in proc.stderr
    assert f"is writing to {out}; not starting" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (out / "crawl_log.parquet").exists()


def test_a_stale_lock_of_a_dead_process_is_taken_over(tmp_path: Path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    out = tmp_path / "out"
    out.mkdir()
    (out / ".kongres.lock").write_text(json.dumps({"pid": dead.pid, "started": "2026-01-01T00:00:00Z"}))
    proc = run_kongres(["crawl", "--offline", "--output", str(out), "-q"], tmp_path, timeout=240)
    assert proc.returncode == 0, proc.stderr
    assert f"took over the lock left by pid {dead.pid}" in proc.stderr
    assert (out / "crawl_log.parquet").is_file()


def test_scrapy_crawl_holds_the_lock_too(tmp_path: Path):
    """Under scrapyd the spider runs as `scrapy crawl sites`: a held lock closes it at once."""
    from kongres_scraper.runs.lock import OutputLock

    out = tmp_path / "out"
    lock = OutputLock(out).acquire()
    try:
        env = dict(os.environ, SCRAPY_SETTINGS_MODULE="kongres_scraper.crawl.settings")
        proc = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "sites", "-s", "KONGRES_OFFLINE=1",
                               "-s", f"KONGRES_OUTPUT_DIR={out}"], capture_output=True, text=True, timeout=120,
                              cwd=tmp_path, env=env)
    finally:
        lock.release()
    assert "another crawl" in proc.stderr and "output_locked" in proc.stderr, proc.stderr[-3000:]
    assert not (out / "crawl_log.parquet").exists()


def test_state_lists_pages_the_previous_crawl_reached_and_this_one_did_not(tmp_path: Path):
    from kongres_scraper.runs.store import StateStore

    def crawl(urls: list[str]) -> StateStore:
        store = StateStore(tmp_path / "state")
        for url in urls:
            log = {"url": url, "fetched_at": "2026-11-27T00:00:00Z", "status": 200, "page_type": "article",
                   "content_hash": "x", "error": None}
            store.save(url, status=200, headers={}, lastmod=None, body=b"<html></html>", log=log,
                       record={"url": url}, previous=store.get(url))
        return store

    first = crawl(["https://a.example.org/1", "https://a.example.org/2"])
    assert first.not_seen_this_run() == []
    first.finish()
    first.close()
    second = crawl(["https://a.example.org/1"])
    assert second.not_seen_this_run() == ["https://a.example.org/2"]
    second.finish()
    second.close()
    third = crawl(["https://a.example.org/1"])  # reported once, not on every later crawl
    assert third.not_seen_this_run() == []
    third.close()


def test_benchmark_script_runs_and_meets_the_bodies_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """benchmarks/bench_incremental.py, quickly (no latency): bodies only, time is not asserted."""
    import bench_incremental

    net_log = tmp_path / "network.log"
    for key, value in guarded_env(net_log).items():
        monkeypatch.setenv(key, value)
    result = bench_incremental.run(latency=0.0, workdir=tmp_path / "bench")
    assert result["first"]["bodies"] >= 50
    assert result["bodies_ratio"] <= 0.10, result
    assert result["tables_identical"], result
    assert_no_network(net_log)
