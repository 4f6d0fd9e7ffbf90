"""Syndicated copies: one article republished on several sites is one article.

FRDL's regional sites, municipalities and libraries repost the same news with their own
formatting, so the bytes and often the `text_hash` differ while the words do not.
Counting each copy would count its people twice. Copies are found by exact `text_hash`,
by fuzzy similarity of the folded texts, or by one text standing almost whole inside the
other (a repost that adds a line of its own: "Źródło: FRDL", a lead paragraph); in each
group the canonical copy is the earliest published (then the most authoritative page
type, then the URL).
"""
from __future__ import annotations

from collections import Counter, defaultdict

from rapidfuzz import fuzz

from .ids import fold
from .schema import PAGE_RANK

MIN_CHARS = 200  # shorter texts (stubs, listings) share boilerplate more than content
SIMILARITY = 90  # rapidfuzz ratio of the folded texts
LENGTH_RATIO = 0.75  # for `ratio`: a copy is not much shorter or longer than its original
CONTAINED = 95  # rapidfuzz partial_ratio: the shorter text stands almost whole in the longer
CONTAINED_LENGTH_RATIO = 0.5  # ... and is at least half as long (a teaser is not a copy)
_COMPARE_CHARS = 4000  # compare the beginning: enough to tell a copy, bounded cost
SHINGLE_WORDS = 5  # candidates share word 5-grams ...
MIN_SHARED = 0.4  # ... at least this share of the shorter text's; only they are compared in full


def find_duplicates(records: list[dict]) -> dict[str, str]:
    """Map the URL of each non-canonical copy to the URL of its canonical copy."""
    texts = [(r, fold(r.get("text") or "")[:_COMPARE_CHARS]) for r in records]
    texts = [(r, t) for r, t in texts if len(t) >= MIN_CHARS]
    parent = {r["url"]: r["url"] for r, _ in texts}

    def root(url: str) -> str:
        while parent[url] != url:
            url = parent[url]
        return url

    by_hash: dict[str, str] = {}
    for r, _ in texts:
        if r.get("text_hash"):
            first = by_hash.setdefault(r["text_hash"], r["url"])
            parent[root(r["url"])] = root(first)
    for i, j in _candidates([t for _, t in texts]):
        (a, ta), (b, tb) = texts[i], texts[j]
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


def _candidates(texts: list[str]) -> list[tuple[int, int]]:
    """Pairs of texts sharing enough word 5-grams to be worth a full comparison.

    Full fuzzy comparison of every pair is quadratic in slow string work; an index of
    5-grams finds the few pairs that can be copies in near-linear time.
    """
    shingles = [_shingles(t) for t in texts]
    index: dict[str, list[int]] = defaultdict(list)
    for i, sh in enumerate(shingles):
        for g in sh:
            index[g].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for docs in index.values():
        for k, i in enumerate(docs):
            for j in docs[k + 1:]:
                shared[(i, j)] += 1
    return sorted(
        pair for pair, n in shared.items()
        if n >= MIN_SHARED * max(1, min(len(shingles[pair[0]]), len(shingles[pair[1]])))
    )


def _shingles(text: str) -> set[str]:
    words = text.split()
    return {" ".join(words[k:k + SHINGLE_WORDS]) for k in range(max(1, len(words) - SHINGLE_WORDS + 1))}


def _same(a: dict, ta: str, b: dict, tb: str) -> bool:
    short, long_ = sorted((len(ta), len(tb)))
    if short >= LENGTH_RATIO * long_ and fuzz.ratio(ta, tb, score_cutoff=SIMILARITY):
        return True
    return short >= CONTAINED_LENGTH_RATIO * long_ and bool(fuzz.partial_ratio(ta, tb, score_cutoff=CONTAINED))


def _canonical_order(record: dict) -> tuple:
    rank = PAGE_RANK.get(record.get("page_type") or "other", PAGE_RANK["other"])
    return (record.get("published") or "9999", rank, record["url"])
