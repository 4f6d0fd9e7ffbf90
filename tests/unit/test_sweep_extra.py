"""`--frontier` without the sweep extra installed: one line naming the extra, exit 2, no traceback."""
from __future__ import annotations

import sys

import pytest

from kongres_scraper import cli


@pytest.mark.parametrize("argv", [
    ["crawl", "--frontier", "redis://127.0.0.1:1/0"],
    ["worker", "--frontier", "redis://127.0.0.1:1/0"],
])
def test_frontier_without_the_sweep_extra_names_it_in_one_line(argv, monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(sys.modules, "redis", None)  # as if the extra were not installed
    with pytest.raises(SystemExit) as exit_:
        sys.exit(cli.main(argv))
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert "kongres_scraper[sweep]" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
