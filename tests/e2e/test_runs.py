"""Runs of an output directory: the WARC archive, `kongres reparse`, `latest`, `changes` and the checks.

Crawls run in a subprocess over a copy of the bundled sample web (so pages can be
edited between two replays), with the network guard of tests/conftest.py.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from warcio.archiveiterator import ArchiveIterator

from kongres_scraper.discovery.mirror import BUNDLED_SAMPLE, captured_at_of, resolve
from helpers import run_kongres

EDITED_URL = "https://frdl.lublin.pl/informacje/aktualnosci/lubelskie-forum-skarbnikow-marzec-2024"


def run_dirs(out: Path) -> list[Path]:
    return sorted((out / "runs").iterdir())


def latest(out: Path) -> str:
    return (out / "latest").resolve().name


def tables_of(path: Path) -> dict[str, pd.DataFrame]:
    return {p.stem: pd.read_parquet(p) for p in sorted(path.glob("*.parquet"))}


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory):
    """A copy of the sample web and the first (good) run of an output directory."""
    tmp = tmp_path_factory.mktemp("runs")
    web = tmp / "web"
    shutil.copytree(BUNDLED_SAMPLE, web)
    proc = run_kongres(["crawl", "--offline-root", str(web), "--output", str(tmp / "out"), "-q"], tmp)
    assert proc.returncode == 0, proc.stderr
    return tmp, web, tmp / "out", proc


def again(first, tmp: Path, edit=None) -> tuple[Path, object]:
    """A second replay into a copy of the first run's output, after `edit(web_copy)`."""
    _, web, out, _ = first
    web2, out2 = tmp / "web", tmp / "out"
    shutil.copytree(web, web2)
    shutil.copytree(out, out2, symlinks=True)
    if edit:
        edit(web2)
    return out2, run_kongres(["crawl", "--offline-root", str(web2), "--output", str(out2), "-q"], tmp)


def test_first_run_passes_and_becomes_latest(first):
    _, _, out, proc = first
    [run] = run_dirs(out)
    assert latest(out) == run.name
    report = json.loads((run / "report.json").read_text())
    assert report["status"] == "published" and report["previous_run"] is None
    assert all(c["passed"] for c in report["checks"]) and len(report["checks"]) >= 5
    assert "checks passed" in (run / "report.txt").read_text()
    # the top-level tables are the latest run's
    for name in ("people.parquet", "sessions.csv", "datapackage.json", "changes.parquet"):
        assert (out / name).read_bytes() == (run / name).read_bytes(), name
    changes = pd.read_parquet(out / "changes.parquet")
    assert set(changes["change"]) == {"added"} and changes["previous_run"].isna().all()
    people = pd.read_parquet(out / "people.parquet")
    assert set(changes.loc[changes["table_name"] == "people", "key"]) == set(people["person_id"])
    assert "changes" in {r["name"] for r in json.loads((out / "datapackage.json").read_text())["resources"]}


def test_archive_holds_every_response_with_its_fetch_time(first):
    _, _, out, _ = first
    archive = run_dirs(out)[0] / "archive.warc.gz"
    kinds: dict[str, int] = {}
    dates, uris = set(), set()
    with open(archive, "rb") as fh:
        for record in ArchiveIterator(fh):
            kinds[record.rec_type] = kinds.get(record.rec_type, 0) + 1
            if record.rec_type == "response":
                dates.add(record.rec_headers.get_header("WARC-Date"))
                uris.add(record.rec_headers.get_header("WARC-Target-URI"))
                assert record.http_headers.get_statuscode()
    log = pd.read_parquet(out / "crawl_log.parquet")
    answered = set(log.loc[log["status"].notna(), "url"])
    assert answered <= uris
    assert kinds["response"] == kinds["request"] >= len(answered)
    assert kinds["metadata"] == len(log) + 1  # a row per crawl_log entry, and the closing record
    assert kinds["warcinfo"] == 1
    assert dates == {captured_at_of(BUNDLED_SAMPLE)}


def test_reparse_of_the_archive_gives_the_same_tables(first, tmp_path: Path):
    _, _, out, _ = first
    run = run_dirs(out)[0]
    proc = run_kongres(["reparse", str(run / "archive.warc.gz"), "--output", str(tmp_path / "re")], tmp_path)
    assert proc.returncode == 0, proc.stderr
    mine, theirs = tables_of(tmp_path / "re"), tables_of(run)
    assert set(mine) == set(theirs) and len(mine) >= 11
    for name in theirs:
        pd.testing.assert_frame_equal(mine[name], theirs[name], obj=name)
    assert (tmp_path / "re" / "datapackage.json").read_bytes() == (run / "datapackage.json").read_bytes()
    [rerun] = run_dirs(tmp_path / "re")
    report = json.loads((rerun / "report.json").read_text())
    assert report["source"]["kind"] == "reparse" and report["source"]["archived_run"] == run.name
    assert (rerun / "archive.warc.gz").is_file()


def test_a_page_changed_between_two_replays_shows_in_changes(first, tmp_path: Path):
    def edit(web: Path) -> None:
        page = resolve(web, EDITED_URL)
        text = page.read_text(encoding="utf-8")
        assert "spotkanie w marcu" in text
        page.write_text(text.replace("spotkanie w marcu", "spotkanie w kwietniu"), encoding="utf-8")

    out, proc = again(first, tmp_path, edit)
    assert proc.returncode == 0, proc.stderr
    runs = run_dirs(out)
    assert len(runs) == 2 and latest(out) == runs[1].name
    changes = pd.read_parquet(out / "changes.parquet")
    assert set(changes["previous_run"]) == {runs[0].name}
    changed = changes.set_index(["table_name", "key"])
    row = changed.loc[("crawl_log", EDITED_URL)]
    assert row["change"] == "changed" and "content_hash" in row["columns"]
    article = changes[(changes["table_name"] == "articles") & (changes["change"] == "changed")]
    assert len(article) == 1 and "title" in article["columns"].iloc[0]
    assert "kwietniu" in json.loads(article["after"].iloc[0])["title"]
    assert "marcu" in json.loads(article["before"].iloc[0])["title"]
    # nothing else changed
    assert set(changes["key"]) <= {EDITED_URL} | set(article["key"])
    report = json.loads((runs[1] / "report.json").read_text())
    assert report["changes"]["crawl_log"]["changed"] == 1


def test_an_emptied_page_type_fails_the_checks_and_keeps_latest(first, tmp_path: Path):
    log = pd.read_parquet(first[2] / "crawl_log.parquet")
    programme = list(log.loc[log["page_type"] == "programme", "url"])
    assert programme

    def edit(web: Path) -> None:  # a new theme: the programme pages lost their content
        for url in programme:
            resolve(web, url).write_text(
                "<html><head><title>Program</title></head><body><main><h1>Program</h1>"
                "<p>Strona w przebudowie.</p></main></body></html>", encoding="utf-8")

    out, proc = again(first, tmp_path, edit)
    assert proc.returncode == 5, proc.stderr
    assert "CHECKS FAILED" in proc.stderr and "page_type_vanished:programme" in proc.stderr
    good, bad = run_dirs(out)
    assert latest(out) == good.name  # latest untouched ...
    for name in ("sessions.parquet", "people.parquet", "changes.parquet"):  # ... and so are the top-level tables
        assert (out / name).read_bytes() == (good / name).read_bytes()
    report = json.loads((bad / "report.json").read_text())
    assert report["status"] == "checks_failed" and report["latest"] == good.name
    failed = {c["name"]: c["message"] for c in report["checks"] if not c["passed"]}
    assert "page_type_vanished:programme" in failed
    assert f"programme pages: {len(programme)} in the previous run, none now" in failed["page_type_vanished:programme"]
    text = (bad / "report.txt").read_text()
    assert "FAILED  page_type_vanished:programme" in text
    assert (bad / "sessions.parquet").is_file() and (bad / "archive.warc.gz").is_file()  # kept for inspection


def test_refused_crawl_writes_a_report_but_no_tables(tmp_path: Path):
    root = tmp_path / "mirror" / "fundacja.example.org"
    root.mkdir(parents=True)
    (root / "index.html").write_text("<html><head><title>Fundacja</title></head><body><main>"
                                     "<p>Konkurs grantowy.</p></main></body></html>", encoding="utf-8")
    proc = run_kongres(["crawl", "--offline-root", str(tmp_path / "mirror"), "--output", "out", "-q"], tmp_path)
    assert proc.returncode == 1
    [run] = run_dirs(tmp_path / "out")
    report = json.loads((run / "report.json").read_text())
    assert report["status"] == "refused" and "no page about the congress" in report["message"]
    assert not (tmp_path / "out" / "latest").exists() and not list(run.glob("*.parquet"))


# ------------------------------------------------------------------------------------------ units


def test_latest_falls_back_to_a_pointer_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from kongres_scraper.runs import output as runs

    run = runs.start_run(tmp_path, "seed")
    assert run.run_id[:8].isdigit() and run.run_id[8] == "T" and run.dir.is_dir()

    def no_symlinks(*args, **kwargs):
        raise OSError("symlinks not supported")

    monkeypatch.setattr(runs.os, "symlink", no_symlinks)
    runs.set_latest(run)
    assert (tmp_path / "latest").is_file() and runs.latest_dir(tmp_path) == run.dir
    other = runs.start_run(tmp_path, "seed")  # same second, same seed: a distinct directory
    assert other.run_id != run.run_id and other.run_id.startswith(run.run_id)


def test_checks_file_overrides_and_rejects_unknown_keys(tmp_path: Path):
    from kongres_scraper.runs.checks import load_thresholds

    mine = tmp_path / "checks.toml"
    mine.write_text("[previous]\nmax_drop = 0.5\n")
    thresholds = load_thresholds(mine)
    assert thresholds["previous"]["max_drop"] == 0.5 and thresholds["run"]["min_pages"] == 1
    mine.write_text("[previous]\nmax_dorp = 0.5\n")
    with pytest.raises(ValueError, match="max_dorp"):
        load_thresholds(mine)


def test_checks_file_key_outside_a_section_says_where_it_belongs(tmp_path: Path):
    from kongres_scraper.runs.checks import load_thresholds

    mine = tmp_path / "checks.toml"
    mine.write_text("min_pages = 100\n")
    with pytest.raises(ValueError, match=r"'min_pages' is outside a section; put it under \[run\]"):
        load_thresholds(mine)


def test_bundled_checks_file_names_the_exit_code_of_a_failed_check():
    from importlib import resources

    from kongres_scraper.cli import EXIT_CODES
    from kongres_scraper.runs.conclude import Status

    header = resources.files("kongres_scraper").joinpath("checks.toml").read_text(encoding="utf-8")
    assert f"A failed check: exit code {EXIT_CODES[Status.CHECKS_FAILED]}," in header


def test_a_fall_by_more_than_a_third_fails():
    from kongres_scraper.runs.checks import load_thresholds, run_checks

    def metrics(people: int) -> dict:
        return {"finish_reason": "finished", "fetches": 10, "fetch_errors": 0, "fetch_error_rate": 0.0,
                "pages": 10, "about_congress": 5, "pages_per_type": {"programme": 1, "speakers": 1, "article": 4,
                                                                     "other": 4},
                "items_per_type": {t: {"people": 0, "sessions": 0} for t in ("programme", "speakers", "article",
                                                                               "other")},
                "rows": {"people": people}, "coverage": {}}

    thresholds = load_thresholds()
    failed = [c for c in run_checks(metrics(60), metrics(100), thresholds) if not c.passed]
    assert [c.name for c in failed] == ["rows:people"]
    assert "100 in the previous run, 60 now (fell by 40%" in failed[0].message
    assert all(c.passed for c in run_checks(metrics(70), metrics(100), thresholds))


def test_a_torn_archive_is_cut_to_whole_records_and_reparsed_as_interrupted(first, tmp_path: Path):
    from kongres_scraper.runs.warc import keep_whole_records
    from kongres_scraper.runs.reparse import read_archive

    archive = tmp_path / "archive.warc.gz"
    shutil.copy(run_dirs(first[2])[0] / "archive.warc.gz", archive)
    size = archive.stat().st_size
    assert keep_whole_records(archive) == size  # a whole archive is left alone
    with open(archive, "r+b") as fh:  # a crash in the middle of writing the closing record
        fh.truncate(size - 40)
    assert read_archive(archive).finish_reason is None
    end = keep_whole_records(archive)
    assert end < size - 40 and archive.stat().st_size == end
    replayed = read_archive(archive)
    assert replayed.finish_reason is None and len(replayed.crawl_log) == len(pd.read_parquet(first[2] / "crawl_log.parquet"))
    proc = run_kongres(["reparse", str(archive), "--output", "re"], tmp_path)
    assert proc.returncode == 1 and "stopped early (interrupted" in proc.stderr


def test_live_crawls_are_archived_with_real_headers_and_reparse_alike(wordpress_server, tmp_path: Path):
    """Two live crawls of a local WordPress: the second gets 304s answered from the crawl state;
    both archives hold what the spider got, and each re-parses into its run's tables."""
    from kongres_scraper.runs.reparse import read_archive

    port = wordpress_server.server_address[1]
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "wp"\nstart_urls = ["http://127.0.0.1:{port}/"]\n', encoding="utf-8")
    fast = ["--set", "AUTOTHROTTLE_ENABLED=false", "--set", "DOWNLOAD_DELAY=0", "--set", "KONGRES_REVISIT_AFTER=0",
            "--allow-empty", "-q"]
    for _ in range(2):
        proc = run_kongres(["crawl", "--sources", str(sources), "--output", "out", *fast], tmp_path)
        assert proc.returncode == 0, proc.stderr
    out = tmp_path / "out"
    first_run, second_run = run_dirs(out)
    assert latest(out) == second_run.name
    post = f"http://127.0.0.1:{port}/2024/10/post-1/"
    with open(first_run / "archive.warc.gz", "rb") as fh:
        responses = {r.rec_headers.get_header("WARC-Target-URI"): r for r in ArchiveIterator(fh)
                     if r.rec_type == "response" and r.rec_headers.get_header("WARC-Target-URI") == post}
        record = responses[post]
        assert record.http_headers.get_header("Last-Modified") == "Fri, 11 Oct 2024 10:00:00 GMT"
        assert record.rec_headers.get_header("WARC-IP-Address") == "127.0.0.1"
    for run in (first_run, second_run):
        re_out = tmp_path / f"re-{run.name}"
        proc = run_kongres(["reparse", str(run / "archive.warc.gz"), "--output", str(re_out), "--allow-empty"],
                           tmp_path)
        assert proc.returncode == 0, proc.stderr
        for name in ("articles", "crawl_log", "people", "sessions"):
            pd.testing.assert_frame_equal(pd.read_parquet(re_out / f"{name}.parquet"),
                                          pd.read_parquet(run / f"{name}.parquet"), obj=name)
    # the second crawl's page came from the state (a 304), archived with the stored body
    with open(second_run / "archive.warc.gz", "rb") as fh:
        reused = {r.rec_headers.get_header("WARC-Target-URI"): r.rec_headers.get_header("WARC-Kongres-Reused")
                  for r in ArchiveIterator(fh) if r.rec_type == "response"}
    assert reused.get(post) in ("304", "lastmod", "fresh")
    assert read_archive(second_run / "archive.warc.gz").finish_reason == "finished"


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such archive: archive.warc.gz"),
    (b"hello\n", "archive.warc.gz: not a WARC archive"),
])
def test_reparse_bad_input_is_one_clear_line(tmp_path: Path, content: bytes | None, message: str):
    if content is not None:
        (tmp_path / "archive.warc.gz").write_bytes(content)
    proc = run_kongres(["reparse", "archive.warc.gz", "--output", "out"], tmp_path, timeout=60)
    assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "out").exists()


def test_a_killed_and_resumed_crawl_keeps_one_run_whose_archive_reparses_into_its_tables(tmp_path: Path):
    """kill -9 midway, --resume: the resumed crawl continues the run directory and its archive."""
    from helpers import guarded_popen, kill_once_stored, live_args
    from sample_server import SampleServer, sample_sources_toml

    sources = tmp_path / "sources.toml"
    sources.write_text(sample_sources_toml(), encoding="utf-8")
    out = tmp_path / "out"
    with SampleServer() as server:
        server.hold_after(30)  # the crawl cannot finish before the kill
        proc = guarded_popen(live_args(server, sources, out), tmp_path)
        kill_once_stored(proc, out / "state", 20)
        [killed] = run_dirs(out)
        assert (killed / "archive.warc.gz").stat().st_size > 0 and not (killed / "report.json").exists()
        server.release()
        resumed = run_kongres(live_args(server, sources, out, "--resume"), tmp_path)
        assert resumed.returncode == 0, resumed.stderr
    assert run_dirs(out) == [killed] and latest(out) == killed.name
    with open(killed / "archive.warc.gz", "rb") as fh:
        infos = sum(1 for r in ArchiveIterator(fh) if r.rec_type == "warcinfo")
    assert infos == 2  # the killed crawl's part, then the resumed one's
    proc = run_kongres(["reparse", str(killed / "archive.warc.gz"), "--output", "re"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    for name in ("crawl_log", "articles", "sessions", "people", "participations", "affiliations"):
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "re" / f"{name}.parquet"),
                                      pd.read_parquet(killed / f"{name}.parquet"), obj=name)
