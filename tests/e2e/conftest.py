"""Every test under tests/e2e/ is marked `e2e`: it runs `kongres` in subprocesses (crawls,
reparse, scrapyd, the notebook). `pytest -m "not e2e"` leaves them out."""
from __future__ import annotations

import http.server
import sys
import threading
from pathlib import Path

import pytest
from wordpress_site import WordPress

HERE = Path(__file__).resolve().parent
# some e2e modules reuse the unit tier's example records (test_build) and floors (test_quality_gate)
sys.path.insert(0, str(HERE.parent / "unit"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture()
def wordpress_server():
    """tests/e2e/wordpress_site.py on 127.0.0.1 (its requests noted in WordPress.seen / .revalidated)."""
    WordPress.seen = []
    WordPress.revalidated = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), WordPress)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


