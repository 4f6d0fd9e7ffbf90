"""The spider's discovery state behind one small interface: in memory, or in Redis for a sweep.

The spider decides per source which URLs to request (seen pages, the page budget), which
discovery methods found pages (`found`), every way each URL was offered (`offers`, the
crawl_log's `found_by`) and the phase its discovery is in. One process keeps this in memory
(`LocalDiscovery`, on the `SourceState` objects). Several workers sharing one frontier
(`kongres crawl --frontier`, crawl/frontier.py) must share it, or each would fetch the pages
the others fetched and decide "no sitemap" on what it alone saw: `RedisDiscovery` keeps it in
Redis, with the decisions that must be atomic (claim a page: not seen, under budget) in one
Lua script, so the tables do not depend on how many workers ran.
"""
from __future__ import annotations

import json
from typing import Any, Iterable, Protocol

NEW, SEEN, CAPPED = "new", "seen", "capped"


class SourceState(Protocol):
    """What this module reads and writes of the spider's `SourceState` (no import of the spider)."""

    source: Any
    found: set[str]
    pages: int
    capped: bool
    phase: Any
    links_mode: bool
    rest_root: str | None
    deferred_links: list[tuple[str, int]]


_NO_WAYS: frozenset[str] = frozenset()
#: Each combination of ways a URL was offered, once (a few dozen at most).
_WAYS: dict[frozenset[str], frozenset[str]] = {}


class LocalDiscovery:
    """One process: the state lives on the spider's `SourceState`s and its `offers` dict."""

    def __init__(self, offers: dict[str, frozenset[str]]) -> None:
        self.offers_map = offers
        self._seen_pages: set[str] = set()
        self._seen_feed_items: set[str] = set()

    def claim(self, st: "SourceState", key: str) -> str:
        if key in self._seen_pages:
            return SEEN
        if st.pages >= st.source.max_pages:
            return CAPPED
        self._seen_pages.add(key)
        st.pages += 1
        return NEW

    def mark_capped(self, st: "SourceState") -> bool:
        first, st.capped = not st.capped, True
        return first

    def offer(self, key: str, via: str) -> None:
        ways = self.offers_map.get(key, _NO_WAYS)
        if via not in ways:  # one shared set per combination of ways, not a set per URL
            self.offers_map[key] = _WAYS.setdefault(ways | {via}, ways | {via})

    def offers(self) -> dict[str, frozenset[str]]:
        return self.offers_map

    def add_found(self, st: "SourceState", method: str) -> None:
        st.found.add(method)

    def found(self, st: "SourceState") -> set[str]:
        return st.found

    def fresh_feed_items(self, items: Iterable[str]) -> bool:
        items = list(items)
        fresh = any(u not in self._seen_feed_items for u in items)
        self._seen_feed_items.update(items)
        return fresh

    def links_mode(self, st: "SourceState") -> bool:
        return st.links_mode

    def set_links_mode(self, st: "SourceState") -> None:
        st.links_mode = True

    def rest_root(self, st: "SourceState") -> str | None:
        return st.rest_root

    def set_rest_root(self, st: "SourceState", root: str) -> None:
        if not st.rest_root:
            st.rest_root = root

    def defer_links(self, st: "SourceState", pairs: list[tuple[str, int]]) -> None:
        st.deferred_links.extend(pairs)

    def take_deferred(self, st: "SourceState") -> list[tuple[str, int]]:
        pairs, st.deferred_links = list(st.deferred_links), []
        return pairs

    def phase(self, st: "SourceState") -> int:
        return int(st.phase)

    def set_phase(self, st: "SourceState", phase: int) -> None:
        from .spider import Phase

        st.phase = Phase(phase)


#: Claim a page: SEEN when any worker requested it, CAPPED when its source's budget is spent, else
#: count it and NEW. One script, so two workers never both claim one URL or overrun the budget.
_CLAIM = """
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 'seen' end
local n = tonumber(redis.call('GET', KEYS[2]) or '0')
if n >= tonumber(ARGV[2]) then return 'capped' end
redis.call('SADD', KEYS[1], ARGV[1])
redis.call('INCR', KEYS[2])
return 'new'
"""


class RedisDiscovery:
    """Several workers: the same state in Redis under `prefix` (sets, counters, hashes, lists)."""

    def __init__(self, server: Any, prefix: str) -> None:
        self.r = server
        self.p = prefix
        self._claim = server.register_script(_CLAIM)

    def _k(self, *parts: str) -> str:
        return ":".join((self.p, *parts))

    def claim(self, st: "SourceState", key: str) -> str:
        result = self._claim(keys=[self._k("seen"), self._k("pages", st.source.name)],
                             args=[key, st.source.max_pages])
        result = result.decode() if isinstance(result, bytes) else result
        if result == NEW:
            st.pages += 1
        return result

    def mark_capped(self, st: "SourceState") -> bool:
        st.capped = True
        return bool(self.r.sadd(self._k("capped"), st.source.name))

    def capped(self) -> set[str]:
        return {m.decode() for m in self.r.smembers(self._k("capped"))}

    def offer(self, key: str, via: str) -> None:
        self.r.sadd(self._k("offers"), f"{via}\t{key}")

    def offers(self) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for member in self.r.sscan_iter(self._k("offers"), count=1000):
            via, _, key = member.decode().partition("\t")
            out.setdefault(key, set()).add(via)
        return out

    def add_found(self, st: "SourceState", method: str) -> None:
        st.found.add(method)
        self.r.sadd(self._k("found", st.source.name), method)

    def found(self, st: "SourceState") -> set[str]:
        st.found |= {m.decode() for m in self.r.smembers(self._k("found", st.source.name))}
        return st.found

    def fresh_feed_items(self, items: Iterable[str]) -> bool:
        items = list(items)
        return bool(items) and bool(self.r.sadd(self._k("feed_items"), *items))

    def links_mode(self, st: "SourceState") -> bool:
        if not st.links_mode and self.r.sismember(self._k("links_mode"), st.source.name):
            st.links_mode = True
        return st.links_mode

    def set_links_mode(self, st: "SourceState") -> None:
        st.links_mode = True
        self.r.sadd(self._k("links_mode"), st.source.name)

    def rest_root(self, st: "SourceState") -> str | None:
        value = self.r.hget(self._k("rest_root"), st.source.name)
        return value.decode() if value else None

    def set_rest_root(self, st: "SourceState", root: str) -> None:
        self.r.hsetnx(self._k("rest_root"), st.source.name, root)

    def defer_links(self, st: "SourceState", pairs: list[tuple[str, int]]) -> None:
        if pairs:
            self.r.rpush(self._k("deferred", st.source.name), *(json.dumps(p) for p in pairs))

    def take_deferred(self, st: "SourceState") -> list[tuple[str, int]]:
        key = self._k("deferred", st.source.name)
        pipe = self.r.pipeline()
        pipe.lrange(key, 0, -1)
        pipe.delete(key)
        values, _ = pipe.execute()
        return [tuple(json.loads(v)) for v in values]  # type: ignore[misc]

    def phase(self, st: "SourceState") -> int:
        value = self.r.hget(self._k("phase"), st.source.name)
        return int(value) if value else 1

    def set_phase(self, st: "SourceState", phase: int) -> None:
        from .spider import Phase

        st.phase = Phase(phase)
        self.r.hset(self._k("phase"), st.source.name, int(phase))
