"""Scheduling with scrapyd: deploy the project, schedule the spider over its HTTP API, get a dataset.

Runs only when scrapyd and scrapyd-client are installed (`pip install -e '.[schedule]'`).
scrapyd listens on 127.0.0.1 on a free port, in a temp directory, under the network
guard of tests/guard/; it is stopped at the end. The job replays the bundled sample
web (`-s KONGRES_OFFLINE=1`), so no site is contacted.
"""
from __future__ import annotations

import configparser
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

from helpers import assert_no_network, guarded_env
from sample_crawl import sample_output

from kongres_scraper.runs.output import dataset_files

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
SCRAPYD, DEPLOY = BIN / "scrapyd", BIN / "scrapyd-deploy"


def test_scrapy_cfg_deploy_target():
    cfg = configparser.ConfigParser()
    cfg.read(REPO / "scrapy.cfg")
    assert cfg["settings"]["default"] == "kongres_scraper.crawl.settings"
    assert cfg["deploy"]["url"] == "http://127.0.0.1:6800/"
    assert cfg["deploy"]["project"] == "kongres_scraper"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as resp:
        return json.loads(resp.read().decode())


def _post(url: str, fields: list[tuple[str, str]]) -> dict:
    data = urllib.parse.urlencode(fields).encode()
    with urllib.request.urlopen(url, data=data, timeout=10) as resp:
        return json.loads(resp.read().decode())


@pytest.mark.skipif(not (SCRAPYD.exists() and DEPLOY.exists()),
                    reason="scrapyd / scrapyd-client not installed (pip install -e '.[schedule]')")
def test_scrapyd_deploy_schedule_and_dataset(tmp_path: Path):
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    # the project as scrapyd-deploy sees it, with the deploy URL pointed at this scrapyd
    project = tmp_path / "project"
    project.mkdir()
    shutil.copytree(REPO / "kongres_scraper", project / "kongres_scraper",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "setup.py", "scrapy.cfg"):
        shutil.copy2(REPO / name, project / name)
    cfg = (project / "scrapy.cfg").read_text().replace("http://127.0.0.1:6800/", base)
    (project / "scrapy.cfg").write_text(cfg)

    home = tmp_path / "scrapyd"
    home.mkdir()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\nbind_address = 127.0.0.1\n"
        f"http_port = {port}\neggs_dir = {home / 'eggs'}\nlogs_dir = {home / 'logs'}\n"
        f"dbs_dir = {home / 'dbs'}\nitems_dir =\nmax_proc = 1\npoll_interval = 0.5\n")
    net_log = tmp_path / "network.log"
    env = guarded_env(net_log)
    env.pop("SCRAPY_SETTINGS_MODULE", None)

    out = tmp_path / "dataset"
    daemon = subprocess.Popen([str(SCRAPYD)], cwd=home, env=env, stdout=subprocess.DEVNULL,
                              stderr=open(home / "scrapyd.err", "w"))
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _get(base + "daemonstatus.json")["status"] == "ok":
                    break
            except OSError:
                pass
            assert daemon.poll() is None, (home / "scrapyd.err").read_text()
            assert time.monotonic() < deadline, "scrapyd did not start"
            time.sleep(0.3)

        deploy = subprocess.run([str(DEPLOY)], cwd=project, env=env, capture_output=True, text=True, timeout=180)
        assert deploy.returncode == 0, deploy.stdout + deploy.stderr
        assert '"status": "ok"' in deploy.stdout + deploy.stderr
        assert _get(base + "listspiders.json?project=kongres_scraper")["spiders"] == ["sites"]

        job = _post(base + "schedule.json", [("project", "kongres_scraper"), ("spider", "sites"),
                                             ("setting", "KONGRES_OFFLINE=1"),
                                             ("setting", f"KONGRES_OUTPUT_DIR={out}")])
        assert job["status"] == "ok", job
        deadline = time.monotonic() + 240
        while True:
            jobs = _get(base + "listjobs.json?project=kongres_scraper")
            if any(j["id"] == job["jobid"] for j in jobs["finished"]):
                break
            assert time.monotonic() < deadline, jobs
            time.sleep(0.5)
        log = (home / "logs" / "kongres_scraper" / "sites" / f"{job['jobid']}.log").read_text()
    finally:
        daemon.terminate()
        try:
            daemon.wait(20)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait(10)
    assert "kongres: run outcome: published" in log, log[-3000:]
    assert "'finish_reason': 'finished'" in log
    people = pd.read_parquet(out / "people.parquet")
    assert "Pospieszna" in set(people["family_name"])
    crawl_log = pd.read_parquet(out / "crawl_log.parquet")
    assert "https://kongreswspolpracy.pl/" in set(crawl_log["url"])
    assert_no_network(net_log)
    # the deployed egg builds the same dataset as `kongres crawl --offline` from the checkout: every
    # table, the spreadsheet copies and datapackage.json, byte for byte (curation and ids included)
    offline = sample_output()
    differ = [name for name in dataset_files() if (out / name).read_bytes() != (offline / name).read_bytes()]
    assert not differ, f"the scrapyd job and the offline crawl differ in {differ}"
