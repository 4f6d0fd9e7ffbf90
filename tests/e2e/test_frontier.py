"""A sweep over a shared Redis frontier: two workers, one killed midway, the same tables as one process.

A real `redis-server` on 127.0.0.1 (tests/e2e/redis_server.py), a generated multi-host site of
200 pages served on 127.0.0.1 (benchmarks/mirror_gen.py + sample_server.py, every host mapped
there by KONGRES_HOST_MAP). The sweep's command runs with `--workers 0` and two `kongres worker`
processes join it, as workers on other machines would; one is killed (SIGKILL) once it has
spooled 40 rows, a condition rather than a delay, and a third worker joins the running sweep.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from helpers import FAST, ROOT, guarded_popen, run_kongres

pytest.importorskip("scrapy_redis")
if shutil.which("redis-server") is None:
    pytest.skip("redis-server is not installed (.ci/run installs it)", allow_module_level=True)

sys.path.insert(0, str(ROOT / "benchmarks"))
from mirror_gen import write_mirror  # noqa: E402
from sample_server import SampleServer  # noqa: E402

from redis_server import RedisServer  # noqa: E402

#: Columns that say when, not what: the two crawls ran at different times.
WHEN = {"fetched_at"}


def spooled(run_dir: Path, worker_pid: int) -> int:
    lines = 0
    for path in (run_dir / "frontier").glob(f"*-{worker_pid}.jsonl"):
        lines += path.read_bytes().count(b"\n")
    return lines


def tables(out: Path) -> dict[str, pd.DataFrame]:
    found = {}
    for path in sorted((out / "latest").glob("*.parquet")):
        frame = pd.read_parquet(path)
        frame = frame.drop(columns=[c for c in frame.columns if c in WHEN])
        found[path.stem] = frame.astype(str).sort_values(list(frame.columns)).reset_index(drop=True)
    return found


@pytest.fixture(scope="module")
def sweep(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sweep")
    sources, _ = write_mirror(tmp / "mirror", 200)
    with RedisServer(tmp / "redis") as redis_server, SampleServer(tmp / "mirror") as site:
        common = ["--sources", str(sources), "-q", *FAST, "--set", "KONGRES_HOST_MAP=" + json.dumps(site.host_map())]
        single = run_kongres(["crawl", "--output", str(tmp / "single"), "--no-state", *common], tmp)
        assert single.returncode == 0, single.stderr
        # the sites answer in 30 ms from now on, so that the sweep is still running when the victim has
        # spooled its 40 rows and when the third worker joins (on a fast machine it was over by then)
        site.set_delay(0.03)
        coordinator = guarded_popen(["crawl", "--frontier", redis_server.url, "--workers", "0", "--output",
                                     str(tmp / "sweep"), "--set", "KONGRES_FRONTIER_TTL=10", *common], tmp)
        deadline = time.monotonic() + 30
        while not list((tmp / "sweep" / "runs").glob("*")):
            assert time.monotonic() < deadline, "the sweep made no run directory"
            time.sleep(0.05)
        run_dir = next((tmp / "sweep" / "runs").glob("*"))
        victim = guarded_popen(["worker", "--frontier", redis_server.url, "-q"], tmp)
        survivor = guarded_popen(["worker", "--frontier", redis_server.url, "-q"], tmp)
        deadline = time.monotonic() + 180
        while spooled(run_dir, victim.pid) < 40:
            assert victim.poll() is None, f"the worker ended before the kill:\n{victim.communicate()[1]}"
            assert time.monotonic() < deadline, "the worker spooled fewer than 40 rows in 180s"
            time.sleep(0.02)
        os.kill(victim.pid, signal.SIGKILL)
        victim.communicate(timeout=30)
        # the sweep cannot end before the victim's heartbeat expires (KONGRES_FRONTIER_TTL): a worker joins
        joiner = guarded_popen(["worker", "--frontier", redis_server.url, "-q"], tmp)
        _, worker_err = survivor.communicate(timeout=300)
        _, joiner_err = joiner.communicate(timeout=300)
        _, err = coordinator.communicate(timeout=300)
        yield {"tmp": tmp, "run_dir": run_dir, "code": coordinator.returncode, "stderr": err,
               "worker_code": survivor.returncode, "worker_stderr": worker_err, "victim": victim.pid,
               "joiner_code": joiner.returncode, "joiner_stderr": joiner_err}


def test_the_sweep_publishes_after_a_worker_was_killed(sweep):
    assert sweep["code"] == 0, sweep["stderr"]
    assert sweep["worker_code"] == 0, sweep["worker_stderr"]
    assert (sweep["tmp"] / "sweep" / "latest" / "report.json").is_file()


def test_a_worker_joins_mid_crawl(sweep):
    assert sweep["joiner_code"] == 0, sweep["joiner_stderr"]


def test_the_killed_worker_did_part_of_the_sweep(sweep):
    assert spooled(sweep["run_dir"], sweep["victim"]) >= 40


def test_the_tables_are_those_of_a_single_process_crawl(sweep):
    single, shared = tables(sweep["tmp"] / "single"), tables(sweep["tmp"] / "sweep")
    assert set(single) == set(shared)
    for name in single:
        pd.testing.assert_frame_equal(single[name], shared[name], obj=name)


def test_no_url_was_fetched_twice(sweep):
    log = pd.read_parquet(sweep["tmp"] / "sweep" / "latest" / "crawl_log.parquet")
    assert not log["url"].duplicated().any()
    urls = []
    for path in (sweep["run_dir"] / "frontier").glob("*.jsonl"):
        urls += [json.loads(line)["log"]["url"] for line in path.read_text().splitlines() if line.endswith("}")]
    assert len(urls) == len(set(urls)) == len(log)


def test_the_run_has_one_archive(sweep):
    assert (sweep["tmp"] / "sweep" / "latest" / "archive.warc.gz").is_file()
    assert not list(sweep["run_dir"].glob("archive-*.warc.gz"))


def test_the_sweep_archive_reparses_to_the_same_tables(sweep):
    out = sweep["tmp"] / "reparsed"
    proc = run_kongres(["reparse", str(sweep["tmp"] / "sweep" / "latest" / "archive.warc.gz"), "--output", str(out)],
                       sweep["tmp"])
    assert proc.returncode == 0, proc.stderr
    single, reparsed = tables(sweep["tmp"] / "single"), tables(out)
    for name in ("crawl_log", "articles", "people", "sessions", "organizations"):
        pd.testing.assert_frame_equal(single[name], reparsed[name], obj=name)
