"""Syndicated copies: one article republished on several sites is one article.

FRDL's regional sites, municipalities and libraries repost the same news with their own
formatting, so the bytes and often the `text_hash` differ while the words do not.
Counting each copy would count its people twice. Copies are found by exact `text_hash`
or by fuzzy similarity of the folded text; in each group the canonical copy is the
earliest published (then the most authoritative page type, then the URL).
"""
from __future__ import annotations

from rapidfuzz import fuzz

from .ids import fold

MIN_CHARS = 200  # shorter texts (stubs, listings) share boilerplate more than content
SIMILARITY = 90  # rapidfuzz ratio of the folded texts
LENGTH_RATIO = 0.75  # a copy is not much shorter or longer than its original
_COMPARE_CHARS = 4000  # compare the beginning: enough to tell a copy, bounded cost


def find_duplicates(records: list[dict]) -> dict[str, str]:
    """Map the URL of each non-canonical copy to the URL of its canonical copy."""
    texts = [(r, fold(r.get("text") or "")[:_COMPARE_CHARS]) for r in records]
    texts = [(r, t) for r, t in texts if len(t) >= MIN_CHARS]
    parent = {r["url"]: r["url"] for r, _ in texts}

    def root(url: str) -> str:
        while parent[url] != url:
            url = parent[url]
        return url

    for i, (a, ta) in enumerate(texts):
        for b, tb in texts[i + 1:]:
            if _same(a, ta, b, tb):
                parent[root(b["url"])] = root(a["url"])
    groups: dict[str, list[dict]] = {}
    for r, _ in texts:
        groups.setdefault(root(r["url"]), []).append(r)
    duplicate_of: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        canonical = min(members, key=_canonical_order)
        duplicate_of.update({m["url"]: canonical["url"] for m in members if m is not canonical})
    return duplicate_of


def _same(a: dict, ta: str, b: dict, tb: str) -> bool:
    if a.get("text_hash") and a.get("text_hash") == b.get("text_hash"):
        return True
    if min(len(ta), len(tb)) < LENGTH_RATIO * max(len(ta), len(tb)):
        return False
    return fuzz.ratio(ta, tb, score_cutoff=SIMILARITY) > 0


def _canonical_order(record: dict) -> tuple:
    rank = {"programme": 0, "speakers": 1, "article": 2}.get(record.get("page_type") or "", 3)
    return (record.get("published") or "9999", rank, record["url"])
