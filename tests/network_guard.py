"""pytest plugin: tests may reach 127.0.0.1 only.

In-process, every socket connect to another address fails for the whole session (a test
that reaches the web is a bug, whatever it tests). Subprocesses get the same guard from
tests/guard/sitecustomize.py through `helpers.run_kongres`, which also asserts afterwards
that none was attempted.
"""
from __future__ import annotations

import socket
from typing import Any

import pytest

LOOPBACK = ("127.0.0.1", "::1", "localhost")
_original_connect = socket.socket.connect
_original_connect_ex = socket.socket.connect_ex


def _guarded(method: Any) -> Any:
    def connect(self: socket.socket, address: Any, *args: Any, **kwargs: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else address
        if self.family in (socket.AF_INET, socket.AF_INET6) and host not in LOOPBACK:
            raise OSError(f"network blocked by the tests: {address!r}")
        return method(self, address, *args, **kwargs)
    return connect


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: a subprocess crawl (tests/e2e/); deselect with -m 'not e2e'")
    socket.socket.connect = _guarded(_original_connect)
    socket.socket.connect_ex = _guarded(_original_connect_ex)


def pytest_unconfigure(config: pytest.Config) -> None:
    socket.socket.connect = _original_connect
    socket.socket.connect_ex = _original_connect_ex
