"""Redirects that lead off a source's hosts, or in a circle, end as a crawl_log row instead of vanishing.

Scrapy follows a 3xx or a `<meta http-equiv="refresh">` by scheduling a new request. When
that request is for another host, the offsite filter drops it when it is scheduled; when
it is for a URL already requested (a loop `/a -> /b -> /a`), the duplicate filter drops
it. Either way no callback and no errback runs, so the URL the crawl met leaves no trace
(the same happens to a redirect to a page the crawl requested under its own URL).

This downloader middleware sits before both redirect middlewares (`process_response` runs
from the highest order down) and looks at the target first: off the hosts of every source
(what the offsite filter would drop), not http(s), already in the request's redirect
chain, or a page the spider requested already, it raises `RedirectRefused` (the spider's
errback turns it into a row with the response's status and the reason). A page whose
meta refresh points at itself (an auto-reload) is handed to the spider as it is.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Request, Response
from scrapy.utils.response import get_meta_refresh
from w3lib.url import safe_url_string

from ..sources import url_problem

REDIRECT_STATUSES = (301, 302, 303, 307, 308)


class RedirectRefused(IgnoreRequest):
    """A redirect not followed; `status` is the status of the response that asked for it."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


class RedirectGuardMiddleware:
    """Refuse off-site, non-http and circular redirects (3xx and meta refresh) with a reason."""

    def __init__(self, crawler: Any):
        self.crawler = crawler
        self.meta_refresh = crawler.settings.getbool("METAREFRESH_ENABLED")
        self.max_delay = crawler.settings.getfloat("METAREFRESH_MAXDELAY")
        self.ignore_tags = crawler.settings.getlist("METAREFRESH_IGNORE_TAGS")

    @classmethod
    def from_crawler(cls, crawler: Any) -> "RedirectGuardMiddleware":
        return cls(crawler)

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        source = self._source(request)
        if source is None or request.meta.get("dont_redirect"):
            return response
        target = self._target(request, response)
        if target is None:
            return response
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if target == request.url and response.status not in REDIRECT_STATUSES:
            request.meta["dont_redirect"] = True  # a page that reloads itself: read it as it is
            return response
        problem = url_problem(target)
        if problem:
            raise RedirectRefused(f"redirect to a bad URL {target}: {problem}", response.status)
        if not self._allowed(target):
            raise RedirectRefused(f"off-site redirect to {target}", response.status)
        if target in chain:
            raise RedirectRefused("redirect loop: " + " -> ".join([*chain, target]), response.status)
        requested = getattr(self.crawler.spider, "requested", None)
        if requested is not None and requested(target):
            # the duplicate filter would drop the redirect silently: the row says where the page is
            raise RedirectRefused(f"redirect to {target}, crawled under that URL", response.status)
        return response

    def _allowed(self, url: str) -> bool:
        """On the hosts of any source, or a subdomain of one: what Scrapy's offsite filter lets through."""
        host = (urlsplit(url).hostname or "").lower()
        domains = getattr(self.crawler.spider, "allowed_domains", None) or []
        return not domains or any(host == d or host.endswith(f".{d}") for d in domains)

    def _source(self, request: Request) -> Any:
        name = request.meta.get("kongres_source")
        states = getattr(self.crawler.spider, "states", None) or {}
        state = states.get(name)
        return getattr(state, "source", None)

    def _target(self, request: Request, response: Response) -> str | None:
        """Where the response sends the client: its Location (3xx) or an immediate meta refresh."""
        if response.status in REDIRECT_STATUSES:
            location = response.headers.get("Location")
            if not location:
                return None
            url = safe_url_string(location.decode("latin-1").strip())
            if url.startswith("//"):
                url = f"{request.url.split(':', 1)[0]}:{url}"
            try:
                return urljoin(request.url, url).split("#", 1)[0]
            except ValueError:
                return url
        if self.meta_refresh and isinstance(response, HtmlResponse) and request.method != "HEAD":
            try:
                interval, url = get_meta_refresh(response, ignore_tags=self.ignore_tags)
            except ValueError:  # a malformed refresh URL
                return None
            if url and interval is not None and interval < self.max_delay:
                return url.split("#", 1)[0]
        return None
