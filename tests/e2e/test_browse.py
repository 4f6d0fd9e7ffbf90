"""`kongres serve` over a sample crawl, looked at in headless Chromium as a user would, and kongres.db vs the package.

The crawl writes OUTPUT/kongres.db; `kongres serve OUTPUT` runs in a subprocess on a free
127.0.0.1 port (with the network guard of tests/guard/); Playwright drives the system
Chromium (never a downloaded browser) through the home page, a faceted table, a canned query
and a person's page, records every console error and every request that is not to the local
server, and saves a screenshot of each page under the test's temporary directory.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from frictionless import Package
from helpers import guarded_env, run_kongres

from kongres_scraper.cli import main
from kongres_scraper.dataset import schema

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("browse")
    proc = run_kongres(["crawl", "--offline", "--output", "out", "-q"], tmp)
    assert proc.returncode == 0, proc.stderr
    return tmp / "out"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(out: Path, port: int, tmp: Path) -> subprocess.Popen:
    env = guarded_env(tmp / "network.log")
    proc = subprocess.Popen([sys.executable, "-m", "kongres_scraper.cli", "serve", str(out), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"kongres serve exited with {proc.returncode}: {proc.stderr.read()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/-/versions.json", timeout=2):
                return proc
        except OSError:
            time.sleep(0.2)
    stop(proc)
    pytest.fail("kongres serve did not answer within 60 s")


def stop(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()


def test_the_crawl_writes_kongres_db_in_the_run_and_beside_the_parquet(sample):
    assert (sample / "kongres.db").is_file() and (sample / "people.parquet").is_file()
    assert (sample / "latest" / "kongres.db").read_bytes() == (sample / "kongres.db").read_bytes()


def test_frictionless_and_sqlite_agree_on_the_rows_of_every_table(sample):
    package = Package(str(sample / "datapackage.json"))
    con = sqlite3.connect(sample / "kongres.db")
    try:
        tables = [r for r in package.resources if r.format == "csv"]
        assert [r.name for r in tables] == [t.name for t in schema.TABLES if t.in_package]
        for resource in tables:
            rows = resource.read_rows()
            assert con.execute(f'select count(*) from "{resource.name}"').fetchone()[0] == len(rows), resource.name
        assert con.execute("select count(*) from participations").fetchone()[0] > 50
    finally:
        con.close()


def test_browse_the_sample_in_headless_chromium(sample, tmp_path):
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).is_file():
        pytest.fail(f"no Chromium at {CHROMIUM}: install Debian's chromium (.ci/run does)")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(sample, port, tmp_path)
    errors: list[str] = []
    elsewhere: list[str] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", lambda msg: errors.append(f"{msg.type}: {msg.text}") if msg.type == "error" else None)
            page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))

            def only_local(route):
                if route.request.url.startswith(base + "/"):
                    route.continue_()
                else:
                    elsewhere.append(route.request.url)
                    route.abort()

            page.route("**/*", only_local)

            def shot(name: str) -> None:
                page.screenshot(path=str(tmp_path / f"{name}.png"))

            # the home page: the dataset's title, flagged as the sample, and its tables
            page.goto(base + "/")
            assert page.title().startswith("SAMPLE")
            home = page.inner_text("body")
            assert "BUILT FROM THE BUNDLED OFFLINE SAMPLE WEB" in home and "Creative Commons Attribution 4.0" in home
            assert f"rows in {len(schema.TABLES)} tables" in home and "participations" in home
            shot("home")

            # a table page: described, faceted by edition and role; choosing a facet value filters the rows
            page.goto(base + "/kongres/participations")
            table = page.inner_text("body")
            assert "One row per person × session × role × edition" in table and "SAMPLE data" in table
            facet = page.locator('.facet-info[data-column="role"]')
            assert "moderator" in facet.inner_text()
            assert page.locator('.facet-info[data-column="edition"]').count() == 1
            facet.get_by_role("link", name="moderator").click()
            page.wait_for_load_state()
            assert "role=moderator" in page.url
            moderators = page.inner_text("body")
            assert "rows where role = \"moderator\"" in moderators
            assert page.locator("td.col-role").count() > 0
            assert {t.strip() for t in page.locator("td.col-role").all_inner_texts()} == {"moderator"}
            assert page.locator('td.col-source_url a[href^="https://"]').count() > 0  # source_url is a link
            shot("participations-moderators")

            # a canned query
            page.goto(base + "/kongres/moderators_by_edition")
            text = page.inner_text("body")
            assert "Moderators by edition, with their organisations" in text
            assert "Witold Klaus" in text and "Stowarzyszenie Interwencji Prawnej" in text
            shot("moderators-by-edition")

            # a person's page, reached from the person's row page
            page.goto(base + "/kongres/people?name__exact=Witold+Klaus")
            page.locator("td.col-person_id a").first.click()
            page.wait_for_load_state()
            page.get_by_role("link", name="Sessions, roles, organisations and sources of this person").click()
            page.wait_for_load_state()
            person = page.inner_text("body")
            assert "A person across editions" in person
            assert "Witold Klaus" in person and "moderator" in person
            assert "Doświadczenie migracji międzynarodowej" in person
            assert "Ośrodek Badań nad Migracjami UW" in person and "Stowarzyszenie Interwencji Prawnej" in person
            assert page.locator('a[href="https://kongreswspolpracy.pl/ii-krajowy-kongres-wspolpracy-lokalnej/"]').count()
            shot("person")
            browser.close()
    finally:
        stop(server)
    assert errors == []
    assert elsewhere == []
    assert server.returncode is not None
    assert not (tmp_path / "network.log").exists()
    assert sorted(p.name for p in tmp_path.glob("*.png")) == [
        "home.png", "moderators-by-edition.png", "participations-moderators.png", "person.png"]


@pytest.mark.parametrize("make, args, message", [
    (lambda tmp: None, ["missing"], "no such directory: missing"),
    (lambda tmp: None, ["."], "no kongres.db in .: run `kongres export sqlite .`"),
    (lambda tmp: (tmp / "kongres.db").write_bytes(b""), [".", "--port", "70000"], "--port 70000: not a TCP port"),
])
def test_kongres_serve_refuses_bad_input_in_one_line(tmp_path, monkeypatch, capsys, make, args, message):
    monkeypatch.chdir(tmp_path)
    make(tmp_path)
    assert main(["serve", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_kongres_serve_refuses_a_port_in_use(sample, capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", str(sample), "--port", str(port)]) == 2
    assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err
