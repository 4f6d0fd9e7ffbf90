"""Source lists and command-line values are checked up front: one line naming file, line and field."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kongres_scraper.app import CrawlInputError, check_settings
from kongres_scraper.sources import (
    SourcesError,
    load_sources,
    parse_sources,
    url_problem,
    without_credentials,
)

PAGE = Path(__file__).parents[1] / "pages"


def error_of(start_url: str) -> str:
    text = f'[[source]]\nname = "a"\nstart_urls = ["{start_url}"]\n'
    with pytest.raises(SourcesError) as info:
        parse_sources(text, "s.toml")
    return str(info.value)


def test_broken_ipv6_literal_is_a_message():
    assert error_of("https://[kongreswspolpracy.pl/") == (
        "s.toml:3: source #1 ('a'): field 'start_urls': 'https://[kongreswspolpracy.pl/': "
        "malformed URL: Invalid IPv6 URL")


def test_port_out_of_range_is_a_message():
    message = error_of("https://kongreswspolpracy.pl:99999/")
    assert message.startswith("s.toml:3: source #1 ('a'): field 'start_urls': ")
    assert "Port out of range" in message


def test_host_with_a_space_is_refused():
    assert error_of("https://kongres wspolpracy.pl/").endswith("'kongres wspolpracy.pl' is not a host name")


def test_international_host_name_is_accepted():
    (source,) = parse_sources('[[source]]\nname = "a"\nstart_urls = ["https://gmina-łódź.pl/"]\n')
    assert "gmina-łódź.pl" in source.hosts


def test_ip_address_hosts_are_accepted():
    (source,) = parse_sources('[[source]]\nname = "a"\nstart_urls = ["http://127.0.0.1:8080/", "http://[::1]:81/"]\n')
    assert {"127.0.0.1", "::1"} <= set(source.hosts)


def test_credentials_are_stripped_from_start_urls():
    (source,) = parse_sources('[[source]]\nname = "a"\nstart_urls = ["https://user:pw@www.gmina.pl/x"]\n')
    assert source.start_urls == ("https://www.gmina.pl/x",)
    assert all("pw" not in host for host in source.hosts)


def test_without_credentials():
    assert without_credentials("https://user:pw@host.pl:8080/a?b#c") == "https://host.pl:8080/a?b#c"
    assert without_credentials("https://host.pl/@x") == "https://host.pl/@x"


def test_url_problem_reasons():
    assert url_problem("https://gmina.pl/") is None
    assert url_problem("http://[bad/").startswith("malformed URL")
    assert "Port out of range" in url_problem("https://gmina.pl:99999/")
    assert url_problem("mailto:a@b.pl") == "not an http(s) URL"


def test_on_host_is_false_for_a_malformed_url():
    (source,) = parse_sources('[[source]]\nname = "a"\nstart_urls = ["https://gmina.pl/"]\n')
    assert source.on_host("http://[bad/") is False
    assert source.wants("http://[bad/") is False


def test_a_byte_order_mark_is_accepted(tmp_path: Path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + b'[[source]]\nname = "a"\nstart_urls = ["https://gmina.pl/"]\n')
    assert [s.name for s in load_sources(path)] == ["a"]


def test_setting_of_the_wrong_type_is_a_message():
    with pytest.raises(CrawlInputError, match=r"^--set DOWNLOAD_TIMEOUT=abc: must be a number \(Scrapy's default is 180\)$"):
        check_settings({"DOWNLOAD_TIMEOUT": "abc"})
    with pytest.raises(CrawlInputError, match="must be true or false"):
        check_settings({"ROBOTSTXT_OBEY": "maybe"})
    with pytest.raises(CrawlInputError, match="must not be negative"):
        check_settings({"CONCURRENT_REQUESTS": -1})


def test_settings_of_the_right_type_pass():
    good = {"DOWNLOAD_TIMEOUT": 5, "DOWNLOAD_DELAY": 0.5, "AUTOTHROTTLE_ENABLED": False,
            "KONGRES_HOST_MAP": {"*": "127.0.0.1:1"}, "LOG_LEVEL": "INFO"}
    assert check_settings(dict(good)) == good


def _kongres(*args: str, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kongres_scraper.cli", *args], capture_output=True, text=True,
                          timeout=60, **kw)


@pytest.mark.e2e  # runs the command in a subprocess
def test_cli_bad_setting_value_exits_2_with_one_line(tmp_path: Path):
    proc = _kongres("crawl", "--offline", "--output", str(tmp_path / "o"), "--set", "DOWNLOAD_TIMEOUT=abc")
    assert proc.returncode == 2
    assert proc.stderr == "kongres: --set DOWNLOAD_TIMEOUT=abc: must be a number (Scrapy's default is 180)\n"
    assert not (tmp_path / "o").exists()


@pytest.mark.e2e  # runs the command in a subprocess
def test_cli_bad_start_url_exits_2_with_one_line(tmp_path: Path):
    sources = tmp_path / "s.toml"
    sources.write_text('[[source]]\nname = "a"\nstart_urls = ["https://[gmina.pl/"]\n', encoding="utf-8")
    proc = _kongres("crawl", "--sources", str(sources), "--output", str(tmp_path / "o"))
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and f"{sources}:3:" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.e2e  # runs the command in a subprocess
def test_extract_into_a_closed_pipe_is_quiet():
    page = next(PAGE.glob("*.html"))
    reader = "import sys; sys.stdin.close()"  # closes the pipe before kongres writes
    shell = subprocess.run(
        f"{sys.executable} -m kongres_scraper.cli extract --full '{page}' | {sys.executable} -c '{reader}'",
        shell=True, capture_output=True, text=True, timeout=60, executable="/bin/bash")
    assert "Traceback" not in shell.stderr and "BrokenPipe" not in shell.stderr, shell.stderr
