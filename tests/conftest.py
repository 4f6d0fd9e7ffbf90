"""Shared fixtures of both tiers (tests/unit/ in-process, tests/e2e/ subprocess crawls marked `e2e`).

* the network guard plugin (`network_guard.py`): in-process tests may reach 127.0.0.1 only;
* `run_kongres`: run the `kongres` command in a subprocess under the same guard
  (tests/guard/sitecustomize.py), asserting it tried no other address;
* `sample_server`: the bundled sample web served live on 127.0.0.1 (benchmarks/sample_server.py).

Run the tiers with `pytest -m "not e2e"` (about a minute) and `pytest -m e2e`; plain
`pytest` (the README's test command, what .ci/run runs) runs both.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Callable, Iterator

import pytest

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS.parent / "benchmarks"))  # sample_server is shared with the benchmarks

from helpers import run_kongres as _run_kongres  # noqa: E402
from sample_server import SampleServer  # noqa: E402

pytest_plugins = ["network_guard"]


@pytest.fixture
def run_kongres() -> Callable[..., object]:
    """`run_kongres(args, tmp, timeout=240, extra_env=None)`: `kongres ARGS` in a guarded subprocess."""
    return _run_kongres


@pytest.fixture
def sample_server() -> Iterator[SampleServer]:
    """The bundled sample web on 127.0.0.1 (ETag, Last-Modified, 304s); `host_map()` is the KONGRES_HOST_MAP."""
    with SampleServer() as server:
        yield server
