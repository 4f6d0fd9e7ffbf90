"""robots.txt obeyed for every request: each waiter gets the parser; an unreachable robots.txt disallows all.

Scrapy 2.19's `RobotsTxtMiddleware` keeps one Deferred per host while robots.txt is being
downloaded, and every request that arrives meanwhile awaits that same Deferred: the first
waiter consumes its result and the others get None, which the middleware reads as "no
robots.txt, allow everything". With several start URLs on one host and `Disallow: /`,
some of them were fetched (a plain Scrapy spider shows it too). Here each waiter gets a
Deferred of its own, fired with the parser once it exists.

RFC 9309 §2.3.1: a robots.txt that answers 4xx means no rules (allow all); one that
answers 5xx, or cannot be reached at all, means "assume complete disallow". Scrapy parses
whatever body a 5xx response had (allow all). Here a 5xx or a network error gives a
parser that disallows everything for this run, and the host is recorded in the stats
(`kongres/robots_refused`: netloc -> reason) for the report and the CLI.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler
from twisted.internet.defer import Deferred

if TYPE_CHECKING:
    from scrapy.http import Request, Response
    from scrapy.robotstxt import RobotParser

logger = logging.getLogger(__name__)

REFUSED_STAT = "kongres/robots_refused"
_DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"


class RobotsRefused(IgnoreRequest):
    """A request refused because robots.txt disallows it; the message says why (rules, or robots.txt unreachable)."""


class ObeyingRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's middleware with one result per waiter, and 5xx/unreachable robots.txt as disallow-all."""

    def __init__(self, crawler: Any):
        super().__init__(crawler)
        self._waiters: dict[str, list[Deferred]] = {}
        self._reasons: dict[str, str] = {}  # netloc -> why everything is disallowed there

    async def robot_parser(self, request: Request) -> RobotParser | None:
        netloc = urlparse_cached(request).netloc
        current = self._parsers.get(netloc, _MISSING)
        if isinstance(current, Deferred):  # robots.txt of this host is being downloaded: wait for it
            waiter: Deferred = Deferred()
            self._waiters.setdefault(netloc, []).append(waiter)
            return await maybe_deferred_to_future(waiter)
        if current is not _MISSING:
            return current  # type: ignore[return-value]
        try:
            return await super().robot_parser(request)
        finally:  # release the requests that waited, with the parser this one got
            for waiter in self._waiters.pop(netloc, []):
                waiter.callback(self._parsers.get(netloc))

    def process_request_2(self, rp: RobotParser | None, request: Request) -> None:
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest:
            reason = self._reasons.get(urlparse_cached(request).netloc)
            raise RobotsRefused(f"forbidden by robots.txt ({reason})" if reason else "forbidden by robots.txt") from None

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        if response.status >= 500:
            await super()._parse_robots(response.replace(body=_DISALLOW_ALL), netloc, request)
            self._refuse(netloc, f"robots.txt answered HTTP {response.status}: disallow all (RFC 9309)")
        elif response.status >= 400:  # no robots.txt: no rules
            await super()._parse_robots(response.replace(body=b""), netloc, request)
        else:
            await super()._parse_robots(response, netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        super()._robots_error(exc, netloc)
        self._refuse(netloc, f"robots.txt unreachable ({type(exc).__name__}): disallow all (RFC 9309)")

    def _refuse(self, netloc: str, reason: str) -> None:
        if netloc not in self._reasons:
            logger.warning("%s: %s", netloc, reason)
        self._reasons[netloc] = reason
        self._parsers[netloc] = build_from_crawler(self._parserimpl, self.crawler, _DISALLOW_ALL)
        refused = dict(self._stats.get_value(REFUSED_STAT) or {})
        refused[netloc] = reason
        self._stats.set_value(REFUSED_STAT, refused)


_MISSING = object()
