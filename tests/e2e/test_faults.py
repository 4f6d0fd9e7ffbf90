"""Fault matrix: one small case per class of hostile or broken input, each built by the test itself.

Every case runs `kongres` in a subprocess (the network guard lets it reach 127.0.0.1 only)
against a mirror written here or a server started here, and asserts what a user sees: the
exit code, the one-line message, the crawl_log row of the URL concerned, and previous
output left whole. The classes are those of the fault campaign (docs/crawling.md,
"What happens when…"):

- malformed links (bad IPv6 literal, port out of range) in pages and sitemaps;
- robots.txt: `Disallow: /` with several start URLs, 5xx (disallow all), 4xx (allow all);
- pages that could vanish: off-site meta refresh and redirect, redirect loop;
- encodings: UTF-16 with a BOM, one bad byte in UTF-8, NUL bytes;
- sizes: the same page-size cap offline as live;
- a stuck schedule: corrupted crawl state, an unreadable table in `latest`, stale temp files;
- publishing: the top-level tables follow one pointer;
- disks: read-only output, a full disk;
- messages: malformed source lists and values, a `CAPTURED` file outside the mirror.
"""
from __future__ import annotations

import hashlib
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from helpers import assert_no_network, guarded_env, run_kongres

CAPTURED = "2026-11-01T08:00:00Z"


def congress_page(title: str, person: str = "Jan Nowak", extra_head: str = "", extra_body: str = "") -> str:
    """A small report of the congress (prose written for these tests) that extraction marks as about it."""
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{title}</title>{extra_head}</head><body><main><article>'
        f"<h1>{title}</h1><time datetime=\"2024-10-20\">20 października 2024</time>"
        "<p>W Warszawie odbył się Kongres Współpracy Lokalnej. Samorządy i organizacje pozarządowe rozmawiały "
        "o tym, jak wspólnie planować usługi dla mieszkańców.</p><p>W debacie wzięli udział:</p>"
        f"<ul><li>{person}, Urząd Gminy Leśna Wola</li><li>Anna Kowalska, Fundacja Rozwoju Demokracji Lokalnej</li></ul>"
        f"{extra_body}</article></main></body></html>"
    )


def mirror(root: Path, files: dict[str, str | bytes]) -> Path:
    """A wget-style mirror: `{"www.gmina-a.pl/index.html": "<html>…"}`, with a CAPTURED time."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "CAPTURED").write_text(CAPTURED + "\n", encoding="utf-8")
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return root


def crawl_offline(tmp: Path, root: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_kongres(["crawl", "--offline-root", str(root), "--output", str(out), "-q", *extra], tmp)


def log_of(out: Path) -> pd.DataFrame:
    return pd.read_parquet(out / "crawl_log.parquet")


def row(log: pd.DataFrame, url: str) -> dict[str, Any]:
    rows = log[log["url"] == url]
    assert len(rows) == 1, f"{url}: {len(rows)} crawl_log rows in\n{log[['url', 'status', 'error']].to_string()}"
    return rows.iloc[0].to_dict()


def tree_digest(out: Path) -> dict[str, str]:
    """sha256 of every file at the top of OUT and in the run `latest` points at (what a user reads)."""
    digests = {}
    for path in sorted(out.iterdir()):
        if path.is_file() and not path.name.startswith("."):
            digests[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    latest = out / "latest"
    if latest.exists():
        root = latest.resolve()
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digests[f"latest/{path.relative_to(root)}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


def one_line(stderr: str) -> None:
    assert "Traceback" not in stderr, stderr
    assert stderr.strip().count("\n") == 0, stderr


# ------------------------------------------------------------------------------------------ malformed links


def test_malformed_links_in_a_page_are_logged_and_the_crawl_goes_on(tmp_path: Path):
    index = ('<html><body><main><p>Start</p><a href="http://[bad/">x</a> <a href="https://www.gmina-a.pl:99999/">y</a>'
             ' <a href="/relacja.html">Relacja</a></main></body></html>')
    root = mirror(tmp_path / "web", {
        "www.gmina-a.pl/index.html": index,
        "www.gmina-a.pl/relacja.html": congress_page("Relacja z Kongresu Współpracy Lokalnej"),
        "www.gmina-b.pl/index.html": congress_page("Gmina B na Kongresie Współpracy Lokalnej", "Piotr Zieliński"),
    })
    out = tmp_path / "out"
    proc = crawl_offline(tmp_path, root, out)
    assert proc.returncode == 0, proc.stderr
    log = log_of(out)
    assert row(log, "https://www.gmina-a.pl/")["status"] == 200
    assert row(log, "https://www.gmina-a.pl/relacja.html")["status"] == 200
    assert row(log, "https://www.gmina-b.pl/")["status"] == 200
    bad_ipv6 = row(log, "http://[bad/")
    assert pd.isna(bad_ipv6["status"]) and bad_ipv6["error"].startswith("malformed link")
    bad_port = row(log, "https://www.gmina-a.pl:99999/")
    assert pd.isna(bad_port["status"]) and "port" in bad_port["error"].lower()


def test_one_bad_loc_does_not_drop_the_sitemap(tmp_path: Path):
    sitemap = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
               "<url><loc>https://www.gmina-a.pl:99999/zly/</loc></url>"
               "<url><loc>https://www.gmina-a.pl/relacja/</loc></url></urlset>")
    root = mirror(tmp_path / "web", {
        "www.gmina-a.pl/index.html": "<html><body><main><p>Strona gminy</p></main></body></html>",
        "www.gmina-a.pl/robots.txt": "User-agent: *\nAllow: /\nSitemap: https://www.gmina-a.pl/sitemap.xml\n",
        "www.gmina-a.pl/sitemap.xml": sitemap,
        "www.gmina-a.pl/relacja/index.html": congress_page("Relacja z Kongresu Współpracy Lokalnej"),
    })
    out = tmp_path / "out"
    proc = crawl_offline(tmp_path, root, out)
    assert proc.returncode == 0, proc.stderr
    log = log_of(out)
    assert row(log, "https://www.gmina-a.pl/relacja/")["status"] == 200
    assert row(log, "https://www.gmina-a.pl:99999/zly/")["error"].startswith("malformed link")


# ------------------------------------------------------------------------------------------ live: robots, redirects


class _Sites(http.server.BaseHTTPRequestHandler):
    """Three sites told apart by the Host header (KONGRES_HOST_MAP sends them all here)."""

    seen: list[tuple[str, str]] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        host = (self.headers.get("Host") or "").split(":")[0]
        self.seen.append((host, self.path))
        if self.path == "/robots.txt":
            if host == "www.deny.pl":
                return self._send(200, b"User-agent: *\nDisallow: /\n", "text/plain")
            if host == "www.broken.pl":
                return self._send(503, b"temporarily unavailable", "text/plain")
            return self._send(404, b"not here", "text/plain")
        if host == "www.open.pl" and self.path == "/to-other":
            return self._redirect("http://www.elsewhere.pl/x")
        if host == "www.open.pl" and self.path == "/loop-a":
            return self._redirect("/loop-b")
        if host == "www.open.pl" and self.path == "/loop-b":
            return self._redirect("/loop-a")
        if host == "www.open.pl" and self.path == "/old":
            return self._redirect("/a")
        if self.path in ("/", "/a", "/b", "/c"):
            body = congress_page(f"{host} na Kongresie Współpracy Lokalnej").encode("utf-8")
            return self._send(200, body, "text/html; charset=utf-8")
        return self._send(404, b"<html><body>nie ma</body></html>", "text/html")

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def live_crawl(tmp_path_factory: pytest.TempPathFactory):
    _Sites.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Sites)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    tmp = tmp_path_factory.mktemp("live")
    port = server.server_address[1]
    several = '", "'.join(f"https://{{host}}{p}" for p in ("/", "/a", "/b", "/c"))
    sources = "".join(
        f'[[source]]\nname = "{name}"\nstart_urls = ["{several.format(host=host)}"]\n\n'
        for name, host in (("deny", "www.deny.pl"), ("broken", "www.broken.pl"), ("open", "www.open.pl")))
    sources = sources.replace('"https://www.open.pl/c"]', '"https://www.open.pl/c", "https://www.open.pl/to-other", '
                                                            '"https://www.open.pl/loop-a", "https://www.open.pl/old"]')
    (tmp / "sources.toml").write_text(sources, encoding="utf-8")
    host_map = json.dumps({h: f"127.0.0.1:{port}" for h in ("www.deny.pl", "www.broken.pl", "www.open.pl")})
    out = tmp / "out"
    try:
        proc = run_kongres(["crawl", "--sources", str(tmp / "sources.toml"), "--output", str(out), "--no-state",
                            "--set", f"KONGRES_HOST_MAP={host_map}", "--set", "AUTOTHROTTLE_ENABLED=false",
                            "--set", "DOWNLOAD_DELAY=0", "--set", "RETRY_TIMES=1"], tmp)
    finally:
        server.shutdown()
        server.server_close()
    return proc, out, list(_Sites.seen)


def test_robots_disallow_all_is_obeyed_for_every_start_url(live_crawl):
    proc, out, seen = live_crawl
    assert {path for host, path in seen if host == "www.deny.pl"} == {"/robots.txt"}
    log = log_of(out)
    for path in ("/", "/a", "/b", "/c"):
        assert row(log, f"https://www.deny.pl{path}")["error"] == "forbidden by robots.txt"


def test_robots_server_error_means_disallow_all(live_crawl):
    proc, out, seen = live_crawl
    assert {path for host, path in seen if host == "www.broken.pl"} == {"/robots.txt"}
    log = log_of(out)
    assert row(log, "https://www.broken.pl/a")["error"].startswith("forbidden by robots.txt")
    report = json.loads((out / "latest" / "report.json").read_text(encoding="utf-8"))
    assert "broken" in json.dumps(report["metrics"].get("robots_refused", {}))
    assert "robots.txt" in proc.stderr and "broken" in proc.stderr


def test_robots_not_found_means_allow_all(live_crawl):
    proc, out, seen = live_crawl
    assert proc.returncode == 3, proc.stderr  # written; deny and broken gave no page
    got = {path for host, path in seen if host == "www.open.pl"}
    assert {"/robots.txt", "/", "/a", "/b", "/c"} <= got
    log = log_of(out)
    assert row(log, "https://www.open.pl/a")["status"] == 200


def test_off_site_redirect_is_logged_not_followed(live_crawl):
    proc, out, seen = live_crawl
    assert not [s for s in seen if s[0] == "www.elsewhere.pl"]
    got = row(log_of(out), "https://www.open.pl/to-other")
    assert got["status"] == 302 and got["error"] == "off-site redirect to http://www.elsewhere.pl/x"


def test_redirect_loop_is_logged(live_crawl):
    proc, out, seen = live_crawl
    got = row(log_of(out), "https://www.open.pl/loop-a")
    assert got["status"] == 302 and "redirect loop" in got["error"]


def test_redirect_to_a_page_crawled_under_its_own_url_is_logged(live_crawl):
    proc, out, seen = live_crawl
    got = row(log_of(out), "https://www.open.pl/old")
    assert got["status"] == 302 and got["error"] == "redirect to https://www.open.pl/a, crawled under that URL"
    assert row(log_of(out), "https://www.open.pl/a")["status"] == 200


def test_off_site_meta_refresh_of_a_start_page_is_logged(tmp_path: Path):
    refresh = '<meta http-equiv="refresh" content="0; url=http://127.0.0.1:9/x">'
    root = mirror(tmp_path / "web", {
        "www.gmina-a.pl/index.html": f"<html><head>{refresh}</head><body><p>Przeniesiono</p></body></html>",
        "www.gmina-b.pl/index.html": congress_page("Gmina B na Kongresie Współpracy Lokalnej"),
    })
    out = tmp_path / "out"
    proc = crawl_offline(tmp_path, root, out)
    assert proc.returncode == 3, proc.stderr  # written; gmina-a gave no page
    got = row(log_of(out), "https://www.gmina-a.pl/")
    assert got["status"] == 200 and got["error"] == "off-site redirect to http://127.0.0.1:9/x"


# ------------------------------------------------------------------------------------------ encodings, sizes


def test_pages_in_utf16_or_with_bad_bytes_or_nul_are_read(tmp_path: Path):
    utf16 = b"\xff\xfe" + congress_page("Relacja UTF-16 z Kongresu Współpracy Lokalnej").encode("utf-16-le")
    bad = congress_page("Relacja z Kongresu Współpracy Lokalnej w Warszawie").encode("utf-8").replace(
        b"Warszawie</h1>", b"Warsz\xffawie</h1>")
    nul = congress_page("Trzecia relacja z Kongresu Współpracy Lokalnej", "Jan\x00 Nowak").encode("utf-8")
    root = mirror(tmp_path / "web", {
        "www.gmina-a.pl/index.html": '<html><body><main><a href="/u16.html">a</a> <a href="/bad.html">b</a>'
                                     ' <a href="/nul.html">c</a></main></body></html>',
        "www.gmina-a.pl/u16.html": utf16, "www.gmina-a.pl/bad.html": bad, "www.gmina-a.pl/nul.html": nul,
    })
    out = tmp_path / "out"
    proc = crawl_offline(tmp_path, root, out)
    assert proc.returncode == 0, proc.stderr
    articles = pd.read_parquet(out / "articles.parquet").set_index("url")
    assert articles.loc["https://www.gmina-a.pl/u16.html", "title"] == "Relacja UTF-16 z Kongresu Współpracy Lokalnej"
    assert articles.loc["https://www.gmina-a.pl/bad.html", "title"] == "Relacja z Kongresu Współpracy Lokalnej w Warsz\ufffdawie"
    assert articles.loc[[f"https://www.gmina-a.pl/{n}.html" for n in ("u16", "bad", "nul")], "about_congress"].all()
    people = pd.read_parquet(out / "people.parquet")
    assert ((people["given_name"] == "Jan") & (people["family_name"] == "Nowak")).any()
    orgs = " ".join(pd.read_parquet(out / "organizations.parquet")["name"].astype(str))
    assert "Leśna Wola" in orgs and "Ĺ" not in orgs


def test_offline_pages_over_the_size_cap_are_refused(tmp_path: Path):
    big = congress_page("Duża strona o Kongresie Współpracy Lokalnej", extra_body="<p>" + "x " * 60_000 + "</p>")
    root = mirror(tmp_path / "web", {
        "www.gmina-a.pl/index.html": congress_page("Relacja z Kongresu Współpracy Lokalnej",
                                                   extra_body='<a href="/duza.html">duża</a>'),
        "www.gmina-a.pl/duza.html": big,
    })
    out = tmp_path / "out"
    proc = crawl_offline(tmp_path, root, out, "--set", "DOWNLOAD_MAXSIZE=100000")
    assert proc.returncode == 0, proc.stderr
    got = row(log_of(out), "https://www.gmina-a.pl/duza.html")
    assert pd.isna(got["status"]) and "larger than download max size (100000)" in got["error"]


# ------------------------------------------------------------------------------------------ a stuck schedule


@pytest.fixture(scope="module")
def sample_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One good offline crawl of the bundled sample, with crawl state, copied by each test that breaks it."""
    tmp = tmp_path_factory.mktemp("good")
    proc = run_kongres(["crawl", "--offline", "--output", str(tmp / "out"), "--state", str(tmp / "out" / "state"),
                        "-q"], tmp)
    assert proc.returncode == 0, proc.stderr
    return tmp / "out"


def copy_output(sample_output: Path, tmp: Path) -> Path:
    out = tmp / "out"
    shutil.copytree(sample_output, out, symlinks=True)
    return out


def test_corrupted_state_is_moved_aside_and_the_crawl_runs(sample_output: Path, tmp_path: Path):
    out = copy_output(sample_output, tmp_path)
    (out / "state" / "pages.sqlite").write_bytes(os.urandom(4096))
    proc = run_kongres(["crawl", "--offline", "--output", str(out), "--state", str(out / "state"), "-q"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    aside = [p for p in (out / "state").iterdir() if p.name.startswith("pages.sqlite.corrupt")]
    assert len(aside) == 1
    assert aside[0].name in proc.stderr
    report = json.loads((out / "latest" / "report.json").read_text(encoding="utf-8"))
    assert aside[0].name in json.dumps(report)


def test_unreadable_table_in_latest_skips_the_comparison(sample_output: Path, tmp_path: Path):
    out = copy_output(sample_output, tmp_path)
    people = out / "latest" / "people.parquet"
    data = people.read_bytes()
    people.unlink()  # a new file, so the copy's other links are not touched
    people.write_bytes(data[:100])
    proc = run_kongres(["crawl", "--offline", "--output", str(out), "-q"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "people.parquet" in proc.stderr and "WARNING" in proc.stderr
    assert pd.read_parquet(out / "people.parquet").shape[0] > 0


def test_stale_temp_files_are_removed_at_start(sample_output: Path, tmp_path: Path):
    out = copy_output(sample_output, tmp_path)
    stale = [out / ".participations.csv.4242.tmp", out / ".latest.4242.tmp"]
    for path in stale:
        path.write_text("left by a killed crawl", encoding="utf-8")
    (out / ".runs.staging-dead").mkdir()
    proc = run_kongres(["crawl", "--offline", "--output", str(out), "-q"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp") or ".staging-" in p.name]


def test_top_level_tables_follow_the_one_latest_pointer(sample_output: Path, tmp_path: Path):
    out = copy_output(sample_output, tmp_path)
    proc = run_kongres(["crawl", "--offline", "--output", str(out), "-q"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    latest = (out / "latest").resolve()
    for name in ("people.parquet", "crawl_log.csv", "changes.parquet", "datapackage.json"):
        # a link through `latest`: moving `latest` (one rename) switches every table at once
        assert os.readlink(out / name) == f"latest/{name}"
        assert (out / name).resolve() == latest / name
    assert os.readlink(out / "excel") == "latest/excel"  # the spreadsheet copies: one link for the directory


# ------------------------------------------------------------------------------------------ disks


def _in_mount_namespace(script: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    """Run a shell script in a private mount namespace (mounting needs root there); skip where it cannot."""
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True) if shutil.which("unshare") else None
    if probe is None or probe.returncode != 0:
        pytest.skip("needs `unshare -m` (root) to mount a small or read-only file system")
    env = guarded_env(tmp / "network.log", {"KONGRES": f"{sys.executable} -m kongres_scraper.cli"})
    proc = subprocess.run(["unshare", "-m", "bash", "-c", script], capture_output=True, text=True, timeout=300,
                          env=env, cwd=tmp)
    assert_no_network(tmp / "network.log")
    return proc


def test_read_only_output_is_one_line_and_exit_2(sample_output: Path, tmp_path: Path):
    out = copy_output(sample_output, tmp_path)
    before = tree_digest(out)
    proc = _in_mount_namespace(
        f'mount --bind "{out}" "{out}" && mount -o remount,bind,ro "{out}" && $KONGRES crawl --offline --output "{out}" -q',
        tmp_path)
    assert proc.returncode == 2, proc.stderr
    one_line(proc.stderr)
    assert "read-only" in proc.stderr and str(out) in proc.stderr
    assert tree_digest(out) == before


def test_full_disk_stops_at_the_first_write_error(tmp_path: Path):
    out = tmp_path / "disk"
    out.mkdir()
    script = f'''
mount -t tmpfs -o size=4m tmpfs "{out}" || exit 99
$KONGRES crawl --offline --output "{out}/o" -q 2> first.err || {{ echo "first crawl failed" >&2; cat first.err >&2; exit 98; }}
( cd "{out}/o" && sha256sum *.parquet *.csv datapackage.json latest/* ) > before.sha
dd if=/dev/zero of="{out}/filler" bs=4k 2>/dev/null; truncate -s -48k "{out}/filler"  # 48 kB left: the crawl's archive fills it
$KONGRES crawl --offline --output "{out}/o" -q 2> second.err; echo $? > second.rc
( cd "{out}/o" && sha256sum *.parquet *.csv datapackage.json latest/* ) > after.sha
find "{out}/o" -name report.json -size 0 > empty-reports
'''
    proc = _in_mount_namespace(script, tmp_path)
    assert proc.returncode == 0, proc.stderr
    second = (tmp_path / "second.err").read_text()
    assert int((tmp_path / "second.rc").read_text()) == 6, second
    one_line(second)
    assert "no space left" in second.lower()
    assert (tmp_path / "before.sha").read_text() == (tmp_path / "after.sha").read_text()
    assert (tmp_path / "empty-reports").read_text() == ""


# ------------------------------------------------------------------------------------------ messages


@pytest.mark.parametrize("start_url, says", [
    ("https://[kongreswspolpracy.pl/", "Invalid IPv6 URL"),
    ("https://kongreswspolpracy.pl:99999/", "Port out of range"),
    ("https://kongres wspolpracy.pl/", "is not a host name"),
])
def test_malformed_start_url_is_one_line_naming_file_line_field(tmp_path: Path, start_url: str, says: str):
    sources = tmp_path / "s.toml"
    sources.write_text(f'[[source]]\nname = "a"\nstart_urls = ["{start_url}"]\n', encoding="utf-8")
    proc = run_kongres(["crawl", "--sources", str(sources), "--output", str(tmp_path / "o")], tmp_path)
    assert proc.returncode == 2
    one_line(proc.stderr)
    assert f"{sources}:3:" in proc.stderr and "'start_urls'" in proc.stderr and says in proc.stderr


def test_sources_with_a_bom_crawl(tmp_path: Path):
    root = mirror(tmp_path / "web", {"www.gmina-a.pl/index.html": congress_page("Relacja z Kongresu Współpracy Lokalnej")})
    sources = tmp_path / "s.toml"
    sources.write_bytes(b'\xef\xbb\xbf[[source]]\nname = "a"\nstart_urls = ["https://user:pw@www.gmina-a.pl/"]\n')
    out = tmp_path / "out"
    proc = crawl_offline(tmp_path, root, out, "--sources", str(sources))
    assert proc.returncode == 0, proc.stderr
    log = log_of(out)
    assert not log["url"].str.contains("pw@").any()
    assert row(log, "https://www.gmina-a.pl/")["status"] == 200


def test_bad_setting_value_is_one_line_and_exit_2(tmp_path: Path):
    proc = run_kongres(["crawl", "--offline", "--output", str(tmp_path / "o"), "--set", "DOWNLOAD_TIMEOUT=abc"], tmp_path)
    assert proc.returncode == 2
    one_line(proc.stderr)
    assert "DOWNLOAD_TIMEOUT" in proc.stderr


def test_captured_outside_the_mirror_is_refused(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("CANARY-SECRET-5b1e\n", encoding="utf-8")
    root = mirror(tmp_path / "web", {"www.gmina-a.pl/index.html": congress_page("Relacja z Kongresu Współpracy Lokalnej")})
    (root / "CAPTURED").unlink()
    (root / "CAPTURED").symlink_to(secret)
    out = tmp_path / "out"
    proc = crawl_offline(tmp_path, root, out)
    assert proc.returncode == 2, proc.stderr
    one_line(proc.stderr)
    assert "CAPTURED" in proc.stderr and "CANARY" not in proc.stderr
    assert not out.exists()


def test_captured_that_is_not_a_time_is_refused(tmp_path: Path):
    root = mirror(tmp_path / "web", {"www.gmina-a.pl/index.html": congress_page("Relacja z Kongresu Współpracy Lokalnej")})
    (root / "CAPTURED").write_text("yesterday-ish\n", encoding="utf-8")
    proc = crawl_offline(tmp_path, root, tmp_path / "out")
    assert proc.returncode == 2, proc.stderr
    one_line(proc.stderr)
    assert "CAPTURED" in proc.stderr
