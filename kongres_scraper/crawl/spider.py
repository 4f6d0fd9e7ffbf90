"""The crawler: discover the pages of each source and hand every response to extraction.

One spider serves every kind of source, because the kinds differ in *how pages are
found*, not in what is done with a page. Discovery runs in phases per source:

1. start pages, robots.txt `Sitemap:` lines (else the well-known sitemap locations),
   `/feed/` and the feeds start pages advertise, listing pagination and the entries
   of listing pages;
2. when a source has no sitemap and no feed: the WordPress REST API;
3. when it has none of sitemap, feed, REST API or listing: in-site links from its
   start pages, bounded by `max_depth` hops and `max_pages` pages.

Following a listing's pagination never uses up link depth (page 7 of a news listing is as
near the home page as page 1), and the entries of any listing page are fetched whatever its
depth. Every request carries how it was found (`kongres_via`, the `crawl_log.found_by` of
its row: start, sitemap, feed, rest, listing, links, or probe/robots/head for discovery
documents); the pipeline sums these per source for the run report (`discovery/report.py`).

Phases (`Phase`) advance when Scrapy runs out of requests (the `spider_idle` signal), so
the decision "this site has no sitemap" is taken once all probes have answered. Every
fetched URL yields a crawl_log row (failures included); every HTML page yields the
record of `extract_page` (or the stored one, when the crawl state says the page is
unchanged), or a row saying why extraction failed.

The spider decides nothing about bytes itself: what a body is and which URLs it lists
are the pure functions of `discovery/`. It reads and writes no crawl state: the state
middleware and pipeline (crawl/state.py) do.
"""
from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any, Iterator
from urllib.parse import urljoin, urlsplit, urlunsplit

import scrapy
from parsel import Selector
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy.http import Request, Response, TextResponse
from twisted.python.failure import Failure
from w3lib.url import canonicalize_url

from ..clock import now_utc
from ..discovery import feeds, links, pagination, sitemaps, wp_rest
from ..discovery.classify import PAGE_ROLES, classify, page_source
from ..extract import NotHTMLError, extract_page
from ..sources import Source, join_url, load_sources, sources_for, url_key, url_problem, without_credentials
from .items import Fetch, FetchedItem
from .offline import FETCHED_AT_META, offline_root
from .shared import CAPPED, NEW, SEEN, LocalDiscovery
from .state import REUSED_META, STORED_RECORD_META, response_validators

logger = logging.getLogger(__name__)

#: Statuses handed to our callbacks (so they are logged) while 3xx still redirect.
HTTP_ERRORS = list(range(400, 600))
MAX_SITEMAP_NESTING = 5
MAX_FEED_PAGES = 50
MAX_REST_PAGES = 50
#: Discovery before pages, so that decisions are taken early and pages stream after.
PRIORITY = {"robots": 30, "sitemap": 20, "feed": 20, "rest": 20, "start": 10, "listing": 5, "page": 0}
#: How a request of each role was found unless the caller says (`crawl_log.found_by`).
_VIA = {"robots": "probe", "sitemap": "probe", "feed": "probe", "rest": "probe", "start": "start", "listing": "listing",
        "page": "links"}


class Phase(IntEnum):
    """Where a source's discovery is (see the module docstring)."""

    PROBES = 1  # start pages, robots.txt, sitemaps, feeds, listings
    REST = 2    # no sitemap and no feed: the WordPress REST API
    LINKS = 3   # done probing: in-site links when nothing else listed pages


@dataclass
class SourceState:
    """What the crawl has learnt about one source so far."""

    source: Source
    found: set[str] = field(default_factory=set)  # discovery methods that yielded URLs
    pages: int = 0  # page requests scheduled (start, listing, page)
    capped: bool = False
    phase: Phase = Phase.PROBES
    links_mode: bool = False
    rest_root: str | None = None
    deferred_links: list[tuple[str, int]] = field(default_factory=list)

    @property
    def origins(self) -> list[str]:
        """scheme://host of each start URL: where robots.txt, sitemaps and feeds live."""
        out = []
        for url in self.source.start_urls:
            parts = urlsplit(url)
            out.append(urlunsplit((parts.scheme, parts.netloc, "/", "", "")))
        return list(dict.fromkeys(out))


def _tag_role(results: Iterator[Any], meta: dict[str, Any]) -> Iterator[Any]:
    """Mark crawl items with the role of their request (the pipeline tells probes from pages) and
    how it was found (`crawl_log.found_by`)."""
    for result in results:
        if isinstance(result, FetchedItem):
            result.meta["role"] = meta["kongres_role"]
            result.log.setdefault("found_by", meta.get("kongres_via"))
            if "kongres_claims" in meta:  # a sweep's worker releases its claim once the row is spooled
                result.meta["kongres_claims"] = meta["kongres_claims"]
        yield result


class SiteSpider(scrapy.Spider):
    """Crawl the sources of a sources file (see `kongres_scraper.sources`)."""

    name = "sites"

    def __init__(self, sources: list[Source] | None = None, sources_file: str | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self._explicit_sources = sources is not None
        self._sources_file = sources_file
        if sources is None:
            sources = load_sources(sources_file)  # replaced by the snapshot's in from_crawler when offline
        self._set_sources(sources)
        #: every way each URL (canonical) was offered, not only the first: the crawl_log says the
        #: first of them in `discovery.report.WAYS` order, the same whatever request won the race
        self.offers: dict[str, frozenset[str]] = {}
        #: seen pages, budgets, found methods, phases, offers: in memory, or in Redis for a sweep (shared.py)
        self.shared: Any = LocalDiscovery(self.offers)
        #: page URLs (canonical) this process requested, and malformed links it logged (once each)
        self._requested: set[str] = set()
        self._malformed_logged: set[str] = set()
        #: a sweep's worker (crawl/frontier.py): phases advance when the whole frontier is idle
        self.frontier: Any = None

    def _set_sources(self, sources: list[Source]) -> None:
        self.states: dict[str, SourceState] = {s.name: SourceState(s) for s in sources}
        self.allowed_domains = sorted({h for s in sources for h in s.hosts})

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> "SiteSpider":
        spider = super().from_crawler(crawler, *args, **kwargs)
        root = offline_root(crawler.settings)
        if root and not spider._explicit_sources:
            # `scrapy crawl sites -s KONGRES_OFFLINE=1` (scrapyd): the sources `kongres crawl --offline` replays
            spider._set_sources(sources_for(root, spider._sources_file))
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        return spider

    # ------------------------------------------------------------------ requests

    async def start(self) -> Any:
        if self.settings.get("KONGRES_FRONTIER"):  # the extension exists once the crawl starts
            from .frontier import Frontier

            self.frontier = Frontier.of_crawler(self.crawler)
            self.shared = self.frontier.discovery
        for state in self.states.values():
            for request in self._initial_requests(state):
                yield request

    def _initial_requests(self, st: SourceState) -> Iterator[Request]:
        for url in st.source.start_urls:
            req = self._page(st, url, "start", 0, force=True)
            if req:
                yield req
        for origin in st.origins:
            if st.source.uses("sitemap"):
                yield self._request(st, urljoin(origin, "/robots.txt"), "robots")
            if st.source.uses("feed"):
                yield self._request(st, urljoin(origin, "/feed/"), "feed", feed_page=1)

    def _request(self, st: SourceState, url: str, role: str, depth: int = 0, via: str | None = None, **meta: Any) -> Request:
        via = via or _VIA[role]
        self.shared.offer(url_key(url), via)
        meta = {"kongres_source": st.source.name, "kongres_role": role, "kongres_depth": depth,
                "kongres_via": via, "handle_httpstatus_list": HTTP_ERRORS, **meta}
        return Request(url, callback=self.parse, errback=self.on_error, meta=meta, priority=PRIORITY[role])

    def _page(self, st: SourceState, url: str, role: str, depth: int, force: bool = False, via: str | None = None,
              **meta: Any) -> Request | None:
        """A request for a page, unless out of scope, already seen, or over the source's budget."""
        url = url.strip().split("#", 1)[0]
        problem = url_problem(url)
        if problem:
            return self._malformed(st, url, problem, via or _VIA[role])
        url = without_credentials(url)
        key = canonicalize_url(url)
        in_scope = st.source.on_host(url) if role == "listing" else st.source.wants(url)
        if not force and not in_scope:
            self.crawler.stats.inc_value("kongres/skipped/out_of_scope")
            return None
        claim = self.shared.claim(st, key)
        if claim == SEEN:
            self.shared.offer(key, via or _VIA[role])
            return None
        if claim == CAPPED:
            if self.shared.mark_capped(st):
                logger.warning("source %s: reached max_pages=%d; further pages are skipped",
                               st.source.name, st.source.max_pages)
            self.crawler.stats.inc_value("kongres/skipped/max_pages")
            return None
        assert claim == NEW
        self._requested.add(key)
        return self._request(st, url, role, depth, via, **meta)

    def requested(self, url: str) -> bool:
        """Whether a page request for `url` was made (the redirect guard asks: a redirect there would be dropped)."""
        return url_key(url) in self._requested

    def _malformed(self, st: SourceState, url: str, problem: str, via: str) -> FetchedItem | None:
        """The crawl_log row of a link that cannot be requested (once per URL), instead of a lost page."""
        if url in self._malformed_logged or problem == "not an http(s) URL":
            return None
        self._malformed_logged.add(url)
        fetched_at = self.settings.get("KONGRES_OFFLINE_SNAPSHOT_TIME") or now_utc()
        item = self._item(st, url, fetched_at, None, None, None, f"malformed link: {problem}")
        item.log["found_by"] = via
        return item

    # ------------------------------------------------------------------ phases

    def on_idle(self) -> None:
        """Advance each source's discovery phase once its earlier probes have all answered.

        A sweep's worker advances them only when the whole frontier is idle, once for all workers."""
        if self.frontier is not None:
            self.frontier.on_idle(self.advance_phases)
        elif self.advance_phases():
            raise DontCloseSpider

    def advance_phases(self) -> int:
        """Move each source on to its next phase; the number of requests that scheduled."""
        scheduled = 0
        for st in self.states.values():
            while (phase := self.shared.phase(st)) < Phase.LINKS:
                if phase == Phase.PROBES:
                    self.shared.set_phase(st, Phase.REST)
                    if not ({"sitemap", "feed"} & self.shared.found(st)) and st.source.uses("rest"):
                        for req in self._rest_probes(st):
                            self.crawler.engine.crawl(req)
                            scheduled += 1
                        break  # wait for the REST probes to answer
                else:
                    self.shared.set_phase(st, Phase.LINKS)
                    scheduled += self._release_deferred(st)
        return scheduled

    def _rest_probes(self, st: SourceState) -> Iterator[Request]:
        rest_root = self.shared.rest_root(st)
        roots = [rest_root] if rest_root else [wp_rest.api_root(None, o) for o in st.origins]
        for root in roots:
            for endpoint in wp_rest.ENDPOINTS:
                url = wp_rest.collection_url(root, endpoint, 1)
                yield self._request(st, url, "rest", rest_root=root, rest_endpoint=endpoint, rest_page=1)

    def _release_deferred(self, st: SourceState) -> int:
        count = 0
        deferred = self.shared.take_deferred(st)
        if not ({"sitemap", "feed", "rest", "listing"} & self.shared.found(st)) and st.source.uses("links"):
            self.shared.set_links_mode(st)
            logger.info("source %s: no sitemap, feed, REST API or listing; following in-site links", st.source.name)
            for url, depth in deferred:
                req = self._page(st, url, "page", depth, via="links")
                if req:
                    self.crawler.engine.crawl(req)
                    count += 1
        return count

    # ------------------------------------------------------------------ responses

    def parse(self, response: Response, **kwargs: Any) -> Iterator[Any]:
        results = list(self._parse(response))
        own = self._own_item(results, response.url)
        if own is not None:
            own.fetch = Fetch(response.status, response_validators(response.headers), response.meta.get("lastmod"),
                              response.body, response.meta.get(REUSED_META))
        yield from _tag_role(self._in_order(results), response.meta)

    def on_error(self, failure: Failure) -> Iterator[Any]:
        """Requests that got no response: timeouts, DNS errors, robots.txt, offsite."""
        request = failure.request  # type: ignore[attr-defined]
        results = list(self._on_error(failure))
        own = self._own_item(results, request.url)
        if own is not None:
            own.fetch = Fetch(None)
        yield from _tag_role(self._in_order(results), request.meta)

    def _in_order(self, results: list[Any]) -> Iterator[Any]:
        """A sweep's worker queues the follow-up requests before its row releases the request's claim
        (crawl/frontier.py), so a worker killed in between loses nothing."""
        if self.frontier is None:
            return iter(results)
        return iter(sorted(results, key=lambda r: isinstance(r, FetchedItem)))

    @staticmethod
    def _own_item(results: list[Any], url: str) -> FetchedItem | None:
        """The crawl_log row of the response itself (the one the crawl state stores)."""
        return next((r for r in results if isinstance(r, FetchedItem) and r.log["url"] == url), None)

    def _parse(self, response: Response) -> Iterator[Any]:
        meta = response.meta
        st = self.states[meta["kongres_source"]]
        role = meta["kongres_role"]
        fetched_at = meta.get(FETCHED_AT_META) or now_utc()
        body = response.body
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1")

        if response.status >= 400:
            yield self._item(st, response.url, fetched_at, response.status, None, body, f"HTTP {response.status}")
            yield from self._after_miss(st, response.request)
            return

        kind = classify(body, content_type)
        if kind == "gzip":
            try:
                body = sitemaps.maybe_gunzip(body, self.settings.getint("SITEMAP_MAX_SIZE"))
            except Exception as exc:  # truncated or oversized archives
                yield self._item(st, response.url, fetched_at, response.status, None, response.body,
                                 f"bad gzip: {type(exc).__name__}: {exc}")
                yield from self._after_miss(st, response.request)
                return
            kind = classify(body, "")

        if role == "robots":
            if not body.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):  # plain text, whatever the header says
                yield self._item(st, response.url, fetched_at, response.status, "robots", body)
                yield from self._on_robots(st, response, body)
            else:  # a soft 404: the home page served for /robots.txt
                yield self._item(st, response.url, fetched_at, response.status, None, body, f"not a robots.txt ({kind})")
                yield from self._after_miss(st, response.request)
        elif kind == "sitemap":
            yield from self._on_sitemap(st, response, body, fetched_at)
        elif kind == "feed":
            yield from self._on_feed(st, response, body, fetched_at)
        elif kind == "json" and role == "rest":
            yield from self._on_rest(st, response, body, fetched_at)
        elif kind == "html" and role in PAGE_ROLES:
            yield from self._on_page(st, response, body, fetched_at)
        else:
            expected = {"sitemap": "a sitemap", "feed": "a feed", "rest": "a REST API list"}.get(role, "HTML")
            ctype = content_type.split(";")[0] or kind
            yield self._item(st, response.url, fetched_at, response.status, None, body, f"not {expected}: {ctype}")
            yield from self._after_miss(st, response.request)

    def _on_error(self, failure: Failure) -> Iterator[Any]:
        request = failure.request  # type: ignore[attr-defined]
        st = self.states[request.meta["kongres_source"]]
        exc = failure.value
        if isinstance(exc, IgnoreRequest):
            error = str(exc) or "ignored"
            if "robots" in error.lower() and not error.startswith("forbidden by robots.txt"):
                error = "forbidden by robots.txt"
        else:
            error = f"{type(exc).__name__}: {exc}".strip().rstrip(":")
        # offline, a refused request has no file time: use the snapshot's
        fetched_at = (request.meta.get(FETCHED_AT_META) or self.settings.get("KONGRES_OFFLINE_SNAPSHOT_TIME")
                      or now_utc())
        # a refused redirect is logged under the URL the crawl met, with the status that asked for it
        url = (request.meta.get("redirect_urls") or [request.url])[0]
        yield self._item(st, url, fetched_at, getattr(exc, "status", None), None, None, error)
        yield from self._after_miss(st, request)

    def _after_miss(self, st: SourceState, request: Request) -> Iterator[Request]:
        """Continue a probe chain after a miss (robots.txt or a well-known sitemap absent)."""
        role = request.meta.get("kongres_role")
        if role == "robots":
            yield from self._probe_sitemaps(st, list(sitemaps.WELL_KNOWN), request.url)
        elif role == "sitemap" and request.meta.get("probes") is not None:
            yield from self._probe_sitemaps(st, request.meta["probes"], request.url)

    def _probe_sitemaps(self, st: SourceState, remaining: list[str], base: str) -> Iterator[Request]:
        if remaining:
            url = urljoin(base, remaining[0])
            yield self._request(st, url, "sitemap", 0, probes=remaining[1:])

    # robots.txt -------------------------------------------------------------

    def _on_robots(self, st: SourceState, response: Response, body: bytes) -> Iterator[Request]:
        urls = [u for u in sitemaps.robots_sitemaps(body, response.url) if st.source.on_host(u)]
        if not urls:
            yield from self._probe_sitemaps(st, list(sitemaps.WELL_KNOWN), response.url)
            return
        for url in urls:
            yield self._request(st, url, "sitemap", 0, via="robots")

    # sitemaps ---------------------------------------------------------------

    def _on_sitemap(self, st: SourceState, response: Response, body: bytes, fetched_at: str) -> Iterator[Any]:
        parsed = sitemaps.parse_sitemap(body)
        if parsed is None:
            yield self._item(st, response.url, fetched_at, response.status, None, body, "unreadable sitemap")
            yield from self._after_miss(st, response.request)
            return
        yield self._item(st, response.url, fetched_at, response.status, "sitemap", response.body)
        if not st.source.uses("sitemap"):
            return
        since = st.source.since
        depth = response.meta.get("kongres_depth", 0)
        if parsed.kind == "sitemapindex":
            for entry in parsed.entries:
                if sitemaps.is_archive_sitemap(entry.loc) or not st.source.on_host(entry.loc):
                    continue
                if since and entry.lastmod and entry.lastmod < since:
                    continue
                if depth < MAX_SITEMAP_NESTING:
                    lastmod = entry.lastmod.isoformat() if entry.lastmod else None
                    yield self._request(st, entry.loc, "sitemap", depth + 1, via="sitemap", lastmod=lastmod)
            return
        for entry in parsed.entries:
            if since and entry.lastmod and entry.lastmod < since:
                self.crawler.stats.inc_value("kongres/skipped/older_than_since")
                continue
            req = self._page(st, entry.loc, "page", 1, via="sitemap",
                             lastmod=entry.lastmod.isoformat() if entry.lastmod else None)
            if req:
                yield req
        if parsed.entries:
            self.shared.add_found(st, "sitemap")

    # feeds ------------------------------------------------------------------

    def _on_feed(self, st: SourceState, response: Response, body: bytes, fetched_at: str) -> Iterator[Any]:
        parsed = feeds.parse_feed(body, response.url)
        if parsed is None:
            yield self._item(st, response.url, fetched_at, response.status, None, body, "unreadable feed")
            return
        yield self._item(st, response.url, fetched_at, response.status, "feed", response.body)
        if not st.source.uses("feed"):
            return
        fresh = self.shared.fresh_feed_items(parsed.items)
        for url in parsed.items:
            req = self._page(st, url, "page", 1, via="feed")
            if req:
                yield req
        if parsed.items:
            self.shared.add_found(st, "feed")
        if parsed.home and st.source.uses("listing"):
            # a feed lists the latest posts only; the page it belongs to is the news
            # listing, whose pagination reaches the older ones
            req = self._page(st, join_url(response.url, parsed.home), "listing", 0, via="feed")
            if req:
                yield req
        page = response.meta.get("feed_page", 1)
        next_url = parsed.next_url and join_url(response.url, parsed.next_url)
        if not next_url and fresh and (parsed.wordpress or feeds.looks_like_wordpress_feed(response.url)):
            next_url = feeds.wordpress_next_page(response.url)
        if next_url and fresh and page < MAX_FEED_PAGES and st.source.on_host(next_url):
            yield self._request(st, next_url, "feed", 0, via="feed", feed_page=page + 1)

    # WordPress REST API ------------------------------------------------------

    def _on_rest(self, st: SourceState, response: Response, body: bytes, fetched_at: str) -> Iterator[Any]:
        found = wp_rest.parse_collection(body)
        if found is None:
            yield self._item(st, response.url, fetched_at, response.status, None, body, "not a REST API list")
            return
        yield self._item(st, response.url, fetched_at, response.status, "api", body)
        if found:
            self.shared.add_found(st, "rest")
        for url in found:
            req = self._page(st, url, "page", 1, via="rest")
            if req:
                yield req
        meta = response.meta
        root, endpoint, page = meta["rest_root"], meta["rest_endpoint"], meta["rest_page"]
        total = wp_rest.total_pages(response.headers.get("X-WP-TotalPages"))
        if page == 1 and total:
            for number in range(2, min(total, MAX_REST_PAGES) + 1):
                url = wp_rest.collection_url(root, endpoint, number)
                yield self._request(st, url, "rest", via="rest", rest_root=root, rest_endpoint=endpoint,
                                    rest_page=number, rest_total=total)
        elif not meta.get("rest_total") and len(found) >= wp_rest.PER_PAGE and page < MAX_REST_PAGES:
            # no X-WP-TotalPages header: walk on while pages come back full
            url = wp_rest.collection_url(root, endpoint, page + 1)
            yield self._request(st, url, "rest", via="rest", rest_root=root, rest_endpoint=endpoint, rest_page=page + 1)

    # HTML pages --------------------------------------------------------------

    def _on_page(self, st: SourceState, response: Response, body: bytes, fetched_at: str) -> Iterator[Any]:
        role = response.meta["kongres_role"]
        depth = response.meta.get("kongres_depth", 0)
        stored = response.meta.get(STORED_RECORD_META)  # the crawl state's record of these very bytes
        record, error = stored if stored is not None else self._extract(response, body)
        page_type = record.get("page_type") if record else None
        item = self._item(st, response.url, fetched_at, response.status, page_type, body, error, record)
        if stored is not None:
            item.meta["record_reused"] = True
        yield item
        yield from self._follow(st, response, body, role, depth)

    def _extract(self, response: Response, body: bytes) -> tuple[dict[str, Any] | None, str | None]:
        """The page's record, or why there is none (extraction bugs must not lose the page).

        The seconds spent go to the `kongres/extract_seconds` stat (report.json's timings).
        """
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1")
        started = time.perf_counter()
        try:
            return dict(extract_page(page_source(body, content_type), response.url)), None
        except NotHTMLError as exc:
            return None, f"not HTML: {exc}"
        except Exception as exc:
            error = f"extraction failed: {type(exc).__name__}: {exc}"
            logger.warning("%s: %s", response.url, error)
            logger.debug("extraction traceback for %s", response.url, exc_info=True)
            return None, error
        finally:
            self.crawler.stats.inc_value("kongres/extract_seconds", time.perf_counter() - started, start=0.0)

    def _follow(self, st: SourceState, response: Response, body: bytes, role: str, depth: int) -> Iterator[Request]:
        """The requests an HTML page leads to: REST root, feeds, pagination, listing entries, links."""
        links_mode = self.shared.links_mode(st)
        if role == "page" and not links_mode:
            return  # a post: none of its links are followed, so its HTML is not parsed a second time
        sel = response.selector if isinstance(response, TextResponse) else Selector(body=body, type="html")
        src = st.source
        if role == "start":
            advertised = sel.xpath("//link[@rel='https://api.w.org/']/@href").get()
            if advertised:
                self.shared.set_rest_root(st, wp_rest.api_root(sel, response.url))
        if role in ("start", "listing") and src.uses("feed"):
            for url in feeds.advertised_feeds(sel, response.url):
                if src.on_host(url):
                    yield self._request(st, url, "feed", 0, via="head", feed_page=1)

        is_listing = False
        if src.uses("listing") and (role in ("start", "listing") or links_mode):
            # in links mode a "next" link may be an article's next article: page numbers only
            nexts = pagination.pagination_links(sel, response.url, numbered_only=role == "page")
            if nexts:
                is_listing = True
                if role == "start":
                    self.shared.add_found(st, "listing")
                for url in nexts:  # page N of a listing is as far from the start as page 1
                    req = self._page(st, url, "listing", depth, via="listing")
                    if req:
                        yield req
        if is_listing or role == "listing":
            # entries are followed even when a sitemap exists (the dupefilter drops the ones it
            # listed, and the ones it forgot are found), and whatever the listing's depth: they
            # are what a listing is for (links mode follows no further than max_depth from them)
            for url in links.item_links(sel, response.url):
                req = self._page(st, url, "page", depth + 1, via="listing")
                if req:
                    yield req

        if src.uses("links") and depth + 1 <= src.max_depth:
            if links_mode:
                for url in links.all_links(sel, response.url):
                    req = self._page(st, url, "page", depth + 1, via="links")
                    if req:
                        yield req
            elif role == "start":
                deferred = []
                for url in links.all_links(sel, response.url):
                    problem = url_problem(url)
                    if problem:  # logged now: a deferred link can only become a request
                        row = self._malformed(st, url, problem, "links")
                        if row:
                            yield row
                    else:
                        deferred.append((url, depth + 1))
                self.shared.defer_links(st, deferred)

    # ------------------------------------------------------------------ items

    def _item(self, st: SourceState, url: str, fetched_at: str, status: int | None, page_type: str | None,
              body: bytes | None, error: str | None = None, record: dict[str, Any] | None = None) -> FetchedItem:
        log = {
            "url": url,
            "fetched_at": fetched_at,
            "status": status,
            "page_type": page_type,
            "content_hash": hashlib.sha256(body).hexdigest() if body else None,
            "error": error,
        }
        return FetchedItem(log=log, record=record, source=st.source.name)
