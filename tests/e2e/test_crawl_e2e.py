"""`kongres crawl` end to end, in a subprocess: the bundled sample web, bad input, refusals.

The sample crawl runs the real spiders over `kongres_scraper/sample_web/` with no
network at all (a guard records any attempt) and checks real rows of the tables.
"""
from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

from kongres_scraper.discovery.mirror import BUNDLED_SAMPLE, captured_at_of
from helpers import SITES, crawled, run_kongres

SECOND_REPLAY: list[Path] = []


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory):
    first, second = tmp_path_factory.mktemp("sample"), tmp_path_factory.mktemp("again")
    # two replays at once: one for the checks, one to compare it with (same code, same snapshot)
    with ThreadPoolExecutor(2) as pool:
        runs = [pool.submit(run_kongres, ["crawl", "--offline"], first),  # default output: ./output
                pool.submit(run_kongres, ["crawl", "--offline", "--output", "again", "-q"], second)]
        proc, again = (run.result() for run in runs)
    assert proc.returncode == 0, proc.stderr
    assert again.returncode == 0, again.stderr
    SECOND_REPLAY.append(second / "again")
    return first / "output", proc


def test_sample_crawl_writes_every_table(sample):
    out, proc = sample
    for table in ("editions", "sessions", "people", "organizations", "participations",
                  "affiliations", "articles", "topics", "crawl_log"):
        assert (out / f"{table}.parquet").is_file() and (out / f"{table}.csv").is_file(), table
    assert (out / "datapackage.json").is_file()
    assert "crawl finished" in proc.stderr and "about the congress" in proc.stderr
    assert "participations" in proc.stdout and "rows" in proc.stdout


def test_sample_crawl_log_is_complete_and_replayed_at_capture_time(sample):
    out, _ = sample
    log = crawled(out)
    assert log["url"].is_unique
    hosts = set(log["host"])
    assert "kongreswspolpracy.pl" in hosts and len(hosts) >= 3
    # every host of the snapshot is replayed, and no bundled source it lacks is asked for
    assert hosts == {p.name for p in BUNDLED_SAMPLE.iterdir() if p.is_dir()}
    assert (log["status"] == 200).sum() >= 10
    stamp = pd.Timestamp(captured_at_of(BUNDLED_SAMPLE))
    assert (log["fetched_at"] == stamp).all()
    about = pd.read_parquet(out / "articles.parquet")
    assert about["about_congress"].fillna(False).astype(bool).sum() >= 3


def test_sample_moderator_of_edition_2_debate(sample):
    out, _ = sample
    people = pd.read_parquet(out / "people.parquet")
    parts = pd.read_parquet(out / "participations.parquet")
    affs = pd.read_parquet(out / "affiliations.parquet")
    orgs = pd.read_parquet(out / "organizations.parquet")
    sessions = pd.read_parquet(out / "sessions.parquet")

    person = people[(people["given_name"] == "Paulina") & (people["family_name"] == "Pospieszna")]
    assert len(person) == 1, people[people["family_name"].astype(str).str.contains("Pospiesz", na=False)]
    pid = person["person_id"].iloc[0]

    mine = parts[(parts["person_id"] == pid) & (parts["role"] == "moderator") & (parts["edition"] == 2)]
    assert len(mine), parts[parts["person_id"] == pid]
    debates = sessions[sessions["session_id"].isin(mine["session_id"].dropna())]
    assert (debates["format"] == "debata").any(), debates
    assert debates["title"].str.contains("partycypac", case=False).any(), debates["title"].tolist()

    org_ids = affs.loc[affs["person_id"] == pid, "org_id"]
    names = set(orgs.loc[orgs["org_id"].isin(org_ids), "name"])
    # the official name carries "im." (Uniwersytet im. Adama Mickiewicza); either form is the fact
    assert "Uniwersytet Adama Mickiewicza w Poznaniu" in {n.replace(" im. ", " ") for n in names}, names


# --------------------------------------------------------------------------- bad input, refusals


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--offline-root", "no/such/dir"], "--offline-root no/such/dir: no such directory"),
        (["--offline-root", "afile"], "--offline-root afile: not a directory"),
        (["--sources", "missing.toml"], "missing.toml: no such file"),
        (["--offline-root", str(SITES), "--output", "afile"], "--output afile: exists and is not a directory"),
        (["--offline-root", str(SITES), "--output", "no/such/parent/out"], "does not exist"),
        (["--offline-root", str(SITES), "--set", "NOEQUALS"], "--set 'NOEQUALS': expected KEY=VALUE"),
    ],
)
def test_bad_input_is_one_clear_line(tmp_path: Path, args: list[str], message: str):
    (tmp_path / "afile").write_text("x")
    proc = run_kongres(["crawl", *args], tmp_path, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def _previous_output(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    (out / "crawl_log.csv").write_text("previous\n")
    return out


def test_no_page_about_the_congress_keeps_previous_output(tmp_path: Path):
    root = tmp_path / "mirror"
    host = root / "fundacja.example.org"
    host.mkdir(parents=True)
    (host / "index.html").write_text(
        "<html><head><title>Fundacja</title></head><body><main><h1>Granty</h1>"
        "<p>Konkurs na małe granty dla organizacji pozarządowych.</p></main></body></html>", encoding="utf-8")
    out = _previous_output(tmp_path)
    proc = run_kongres(["crawl", "--offline-root", str(root), "--output", str(out)], tmp_path)
    assert proc.returncode == 1
    assert "tables NOT written: no page about the congress" in proc.stderr
    assert (out / "crawl_log.csv").read_text() == "previous\n"
    assert "Traceback" not in proc.stderr


def test_crawl_stopped_midway_keeps_previous_output(tmp_path: Path):
    root = tmp_path / "mirror"
    shutil.copytree(SITES / "listing.example.org", root / "listing.example.org")
    out = _previous_output(tmp_path)
    proc = run_kongres(["crawl", "--offline-root", str(root), "--output", str(out), "--allow-empty",
                        "--set", "CLOSESPIDER_PAGECOUNT=2"], tmp_path)
    assert proc.returncode == 1
    assert "stopped early (closespider_pagecount)" in proc.stderr
    assert (out / "crawl_log.csv").read_text() == "previous\n"


def test_a_source_that_gives_no_page_is_reported_with_exit_3(tmp_path: Path):
    root = tmp_path / "mirror"
    shutil.copytree(SITES / "links.example.org", root / "links.example.org")
    (root / "zniknela.example.org").mkdir()
    (root / "zniknela.example.org" / "robots.txt").write_text("User-agent: *\nDisallow:\n")
    out = tmp_path / "out"
    proc = run_kongres(["crawl", "--offline-root", str(root), "--output", str(out), "--allow-empty"], tmp_path)
    assert proc.returncode == 3, proc.stderr
    assert "no page could be fetched and extracted from source(s): mirror-zniknela.example.org" in proc.stderr
    assert (out / "crawl_log.parquet").is_file()


def test_two_sample_replays_give_identical_tables(sample):
    first, _ = sample
    again = SECOND_REPLAY[0]
    tables = sorted(first.glob("*.parquet"))
    assert len(tables) >= 9
    for table in tables:
        pd.testing.assert_frame_equal(pd.read_parquet(table), pd.read_parquet(again / table.name))
    assert (first / "datapackage.json").read_bytes() == (again / "datapackage.json").read_bytes()


def test_writing_is_staged_so_a_failed_write_keeps_previous_output(tmp_path: Path):
    from kongres_scraper.runs.output import write_staged

    out = _previous_output(tmp_path)
    (out / "README.md").write_text("mine\n")

    def broken(tables, out_dir):
        (Path(out_dir) / "crawl_log.csv").write_text("half\n")
        raise OSError("disk full")

    with pytest.raises(OSError):
        write_staged({}, out, broken)
    assert (out / "crawl_log.csv").read_text() == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no staging left behind

    def good(tables, out_dir):
        (Path(out_dir) / "crawl_log.csv").write_text("new\n")
        (Path(out_dir) / "people.csv").write_text("new\n")

    write_staged({}, out, good)
    assert (out / "crawl_log.csv").read_text() == "new\n" and (out / "people.csv").is_file()
    assert (out / "README.md").read_text() == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
