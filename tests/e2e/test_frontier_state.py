"""The spider's discovery state in Redis decides as the in-memory one does, and atomically across workers."""
from __future__ import annotations

import shutil
import threading

import pytest

redis = pytest.importorskip("redis")
if shutil.which("redis-server") is None:
    pytest.skip("redis-server is not installed (.ci/run installs it)", allow_module_level=True)

from helpers import run_kongres  # noqa: E402
from redis_server import RedisServer, free_port  # noqa: E402

from kongres_scraper.crawl.shared import CAPPED, NEW, SEEN, LocalDiscovery, RedisDiscovery  # noqa: E402
from kongres_scraper.crawl.spider import Phase, SourceState  # noqa: E402
from kongres_scraper.sources import parse_sources_csv  # noqa: E402

SOURCE = parse_sources_csv("name,start_url,kind,max_pages\na,https://a.example.pl/,news,3\n")[0]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with RedisServer(tmp_path_factory.mktemp("redis")) as running:
        yield redis.Redis.from_url(running.url)


@pytest.fixture(params=["local", "redis"])
def shared(request, server):
    if request.param == "local":
        return LocalDiscovery({})
    server.flushdb()
    return RedisDiscovery(server, "t")


def test_a_page_is_claimed_once(shared):
    st = SourceState(SOURCE)
    assert [shared.claim(st, "u1"), shared.claim(st, "u1")] == [NEW, SEEN]


def test_the_budget_caps_new_pages(shared):
    st = SourceState(SOURCE)
    assert [shared.claim(st, f"u{k}") for k in range(4)] == [NEW, NEW, NEW, CAPPED]


def test_capped_is_reported_once(shared):
    st = SourceState(SOURCE)
    assert [shared.mark_capped(st), shared.mark_capped(st)] == [True, False]


def test_offers_keep_every_way(shared):
    shared.offer("u1", "sitemap")
    shared.offer("u1", "links")
    assert shared.offers()["u1"] == {"sitemap", "links"}


def test_found_methods(shared):
    st = SourceState(SOURCE)
    shared.add_found(st, "feed")
    assert shared.found(SourceState(SOURCE) if isinstance(shared, RedisDiscovery) else st) == {"feed"}


def test_feed_items_are_fresh_once(shared):
    assert [shared.fresh_feed_items(["a", "b"]), shared.fresh_feed_items(["b"])] == [True, False]


def test_deferred_links_are_taken_once(shared):
    st = SourceState(SOURCE)
    shared.defer_links(st, [("https://a.example.pl/x", 1)])
    assert [shared.take_deferred(st), shared.take_deferred(st)] == [[("https://a.example.pl/x", 1)], []]


def test_phase_and_links_mode(shared):
    st = SourceState(SOURCE)
    shared.set_phase(st, Phase.LINKS)
    shared.set_links_mode(st)
    other = st if isinstance(shared, LocalDiscovery) else SourceState(SOURCE)
    assert (shared.phase(other), shared.links_mode(other)) == (Phase.LINKS, True)


def test_rest_root_keeps_the_first(shared):
    st = SourceState(SOURCE)
    shared.set_rest_root(st, "https://a.example.pl/wp-json/")
    shared.set_rest_root(st, "https://a.example.pl/?rest_route=/")
    assert shared.rest_root(st) == "https://a.example.pl/wp-json/"


def test_workers_claiming_at_once_never_share_a_page_nor_overrun_the_budget(server):
    server.flushdb()
    results: list[str] = []
    lock = threading.Lock()
    source = parse_sources_csv("name,start_url,kind,max_pages\na,https://a.example.pl/,news,50\n")[0]

    def worker() -> None:
        client = redis.Redis(port=server.connection_pool.connection_kwargs["port"])  # a connection per worker
        shared, st = RedisDiscovery(client, "t"), SourceState(source)
        got = [shared.claim(st, f"u{k}") for k in range(80)]
        with lock:
            results.extend(got)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count(NEW) == 50


def test_crawl_with_an_unreachable_frontier_is_bad_input(tmp_path):
    proc = run_kongres(["crawl", "--frontier", f"redis://127.0.0.1:{free_port()}/0", "--output", str(tmp_path / "o")],
                       tmp_path)
    assert proc.returncode == 2 and "cannot reach Redis" in proc.stderr and "Traceback" not in proc.stderr


def test_a_worker_without_a_sweep_is_bad_input(tmp_path, server):
    server.flushdb()
    url = f"redis://127.0.0.1:{server.connection_pool.connection_kwargs['port']}/0"
    proc = run_kongres(["worker", "--frontier", url], tmp_path)
    assert proc.returncode == 2 and "no sweep to join" in proc.stderr and "Traceback" not in proc.stderr


def test_the_download_delay_per_host_holds_across_workers(server):
    from kongres_scraper.crawl.frontier import HostPacer

    server.flushdb()
    one, two = HostPacer(server, "t", 0.5), HostPacer(redis.Redis(port=server.connection_pool.connection_kwargs["port"]),
                                                      "t", 0.5)
    first, second, third = one.wait_ms("a.example.pl"), two.wait_ms("a.example.pl"), one.wait_ms("a.example.pl")
    assert first == 0 and 400 < second <= 500 and 900 < third <= 1000


def test_hosts_are_paced_apart(server):
    from kongres_scraper.crawl.frontier import HostPacer

    server.flushdb()
    pacer = HostPacer(server, "t", 0.5)
    assert [pacer.wait_ms("a.example.pl"), pacer.wait_ms("b.example.pl")] == [0, 0]
