"""crawl/queue.py: requests wait on disk in a directory of the crawl's own, in the memory queue's order."""
from __future__ import annotations

from pathlib import Path

import pytest
from scrapy import Request, Spider
from scrapy.core.scheduler import Scheduler
from scrapy.utils.test import get_crawler

from kongres_scraper.crawl.queue import DiskQueueScheduler


class Pages(Spider):
    name = "pages"

    def parse(self, response):  # the callback requests are pickled with
        return []


#: Scrapy's default priority queue asks the running engine's downloader for its slots; this one needs no engine.
PLAIN = {"SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.ScrapyPriorityQueue"}


def _requests() -> list[Request]:
    spider_parse = Pages().parse
    out = [Request(f"https://example.org/post-{i}/", callback=spider_parse, priority=0,
                   meta={"kongres_role": "page", "handle_httpstatus_list": list(range(400, 600))}) for i in range(50)]
    out.insert(20, Request("https://example.org/sitemap.xml", callback=spider_parse, priority=20))
    return out


def _drain(scheduler: Scheduler, spider: Spider, requests: list[Request]) -> list[str]:
    scheduler.open(spider)
    for request in requests:
        assert scheduler.enqueue_request(request)
    urls = []
    while (request := scheduler.next_request()) is not None:
        urls.append(request.url)
    return urls


def test_requests_wait_on_disk_and_come_back_in_the_memory_queues_order(tmp_path: Path):
    crawler = get_crawler(Pages, {**PLAIN, "KONGRES_OUTPUT_DIR": str(tmp_path)})
    crawler.spider = spider = Pages.from_crawler(crawler)
    scheduler = DiskQueueScheduler.from_crawler(crawler)
    [queue] = tmp_path.glob(".queue-*.tmp")  # made in the output directory, found by clean_stale after a kill
    scheduler.open(spider)
    for request in _requests():
        scheduler.enqueue_request(request)
    assert len(scheduler) == 51
    assert crawler.stats.get_value("scheduler/enqueued/disk") == 51
    assert not crawler.stats.get_value("scheduler/enqueued/memory")
    assert any(p.is_file() and p.stat().st_size for p in queue.rglob("*"))
    first = scheduler.next_request()
    assert first.url.endswith("sitemap.xml") and first.callback.__name__ == "parse"
    assert scheduler.next_request().meta["handle_httpstatus_list"] == list(range(400, 600))
    scheduler.close("finished")
    assert not queue.exists()

    memory = get_crawler(Pages, PLAIN)
    memory.spider = Pages.from_crawler(memory)
    on_disk = get_crawler(Pages, {**PLAIN, "KONGRES_OUTPUT_DIR": str(tmp_path)})
    on_disk.spider = Pages.from_crawler(on_disk)
    assert (_drain(DiskQueueScheduler.from_crawler(on_disk), on_disk.spider, _requests())
            == _drain(Scheduler.from_crawler(memory), memory.spider, _requests()))


def test_without_a_writable_output_the_queue_stays_in_memory(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    crawler = get_crawler(Pages, {**PLAIN, "KONGRES_OUTPUT_DIR": str(blocker / "out")})
    crawler.spider = spider = Pages.from_crawler(crawler)
    scheduler = DiskQueueScheduler.from_crawler(crawler)
    assert scheduler.own_dir is None
    scheduler.open(spider)
    scheduler.enqueue_request(_requests()[0])
    assert crawler.stats.get_value("scheduler/enqueued/memory") == 1
    scheduler.close("finished")


def test_a_jobdir_keeps_scrapys_own_scheduler(tmp_path: Path):
    crawler = get_crawler(Pages, {**PLAIN, "KONGRES_OUTPUT_DIR": str(tmp_path / "out"), "JOBDIR": str(tmp_path / "job")})
    crawler.spider = Pages.from_crawler(crawler)
    scheduler = DiskQueueScheduler.from_crawler(crawler)
    assert scheduler.own_dir is None and scheduler.dqdir == str(tmp_path / "job" / "requests.queue")
    assert not (tmp_path / "out").exists()


def test_the_project_settings_name_it():
    from kongres_scraper.crawl import settings

    assert settings.SCHEDULER == "kongres_scraper.crawl.queue.DiskQueueScheduler"
