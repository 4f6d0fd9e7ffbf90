"""Syndicated copies: one article republished on several sites is one article.

FRDL's regional sites, municipalities and libraries repost the same news with their own
formatting, so the bytes and often the `text_hash` differ while the words do not.
Counting each copy would count its people twice. Copies are found by exact `text_hash`,
by fuzzy similarity of the folded texts, or by one text standing almost whole inside the
other (a repost that adds a line of its own: "Źródło: FRDL", a lead paragraph); in each
group the canonical copy is the earliest published (then the most authoritative page
type, then the URL).

Comparing every pair of pages grows with the square of the crawl (an hour at 20,000
pages), so pairs are first found by locality-sensitive hashing: a MinHash signature of
each text's word 5-grams (datasketch's MinHash, computed in numpy; datasketch checks it in the tests), cut into bands; two texts that agree on a whole
band are candidates, and only candidates get the exact checks (shared 5-grams, then the
fuzzy comparison). Texts are read in two passes over the records, the second keeping only
the candidates' texts, so no structure holds every page's text. The crawl's record spool
computes each page's signature and compared text as the page comes in (`page_signature`),
so table building only compares them.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from .ids import WordMemo, fold
from .schema import PAGE_RANK

MIN_CHARS = 200  # shorter texts (stubs, listings) share boilerplate more than content
SIMILARITY = 90  # rapidfuzz ratio of the folded texts
LENGTH_RATIO = 0.75  # for `ratio`: a copy is not much shorter or longer than its original
CONTAINED = 95  # rapidfuzz partial_ratio: the shorter text stands almost whole in the longer
CONTAINED_LENGTH_RATIO = 0.5  # ... and is at least half as long (a teaser is not a copy)
_COMPARE_CHARS = 4000  # compare the beginning: enough to tell a copy, bounded cost
SHINGLE_WORDS = 5  # candidates share word 5-grams ...
MIN_SHARED = 0.4  # ... at least this share of the shorter text's; only they are compared in full
# LSH bands of 2 MinHash rows: two texts meet in some band with probability 1 - (1 - J²)^64 for
# a Jaccard similarity J of their 5-grams: 0.98 at J = 0.25, 0.9998 at J = 0.4. Copies that pass
# the exact checks share far more than that; unrelated pages (J near 0) almost never meet.
BANDS = 64
ROWS = 2
_SEED = 1
_SCHEME = "affine32"  # 32-bit values: a band of two rows is one 64-bit key
SIGNATURE_BYTES = BANDS * ROWS * 4  # a page's signature: BANDS * ROWS uint32


@dataclass(slots=True)
class _Page:
    url: str
    text_hash: str | None
    order: tuple
    length: int
    position: int  # in the order the pages were added, to find its text again


#: Reads the compared texts of some pages again: given their positions, yields (position, compared text).
TextsAt = Callable[[set[int]], Iterable[tuple[int, str]]]


class CopyFinder:
    """Pages added one at a time (a signature each, no text kept), then the copies among them.

    Table building reads the records once and adds each page here as it goes; `copies` then
    asks for the texts of the candidate pairs only.
    """

    def __init__(self) -> None:
        self._pages: list[_Page] = []
        self._signatures = bytearray()  # BANDS * ROWS uint32 per page with a long enough text
        self._added = 0

    def add(self, record: dict, text: str | None) -> None:
        """Add a page: `record` gives its url, text_hash, published and page_type."""
        compared, signature = page_signature(text)
        self.add_signed(record, len(compared), signature)

    def add_signed(self, record: dict, length: int, signature: bytes | None) -> None:
        """Add a page whose `page_signature` was computed already (as the crawl spooled it)."""
        if signature is not None:
            self._pages.append(_Page(record["url"], record.get("text_hash"), _canonical_order(record),
                                     length, self._added))
            self._signatures += signature
        self._added += 1

    def copies(self, texts_at: TextsAt) -> dict[str, str]:
        """Map the URL of each non-canonical copy to the URL of its canonical copy."""
        pages = self._pages
        signatures = np.frombuffer(bytes(self._signatures), dtype=np.uint32).reshape(len(pages), BANDS * ROWS)
        self._signatures = bytearray()
        parent = list(range(len(pages)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        by_hash: dict[str, int] = {}
        for i, page in enumerate(pages):
            if page.text_hash:
                parent[root(i)] = root(by_hash.setdefault(page.text_hash, i))
        pairs = [(i, j) for i, j in _candidates(signatures) if _lengths_allow(pages[i].length, pages[j].length)]
        del signatures
        wanted = {pages[k].position: k for pair in pairs for k in pair}
        texts = {wanted[position]: text for position, text in texts_at(set(wanted))} if wanted else {}
        shingles = {k: shingle_hashes(t) for k, t in texts.items()}
        for i, j in pairs:
            if root(i) != root(j) and is_copy(texts[i], texts[j], shingles[i], shingles[j]):
                parent[root(j)] = root(i)
        groups: dict[int, list[_Page]] = {}
        for i, page in enumerate(pages):
            groups.setdefault(root(i), []).append(page)
        duplicate_of: dict[str, str] = {}
        for members in groups.values():
            if len(members) < 2:
                continue
            canonical = min(members, key=lambda p: p.order)
            duplicate_of.update({m.url: canonical.url for m in members if m is not canonical})
        _HASHES.clear()  # every text is compared
        return duplicate_of


def find_duplicates(records: Iterable[dict]) -> dict[str, str]:
    """Map the URL of each non-canonical copy to the URL of its canonical copy.

    `records` (with their `text`) is iterated twice: a list, or the crawl's record spool.
    """
    finder = CopyFinder()
    for r in records:
        finder.add(r, r.get("text"))
    return finder.copies(lambda wanted: ((i, compared_text(r)) for i, r in enumerate(records) if i in wanted))


def page_signature(text: str | None) -> tuple[str, bytes | None]:
    """A page's compared text (ASCII) and its MinHash signature (SIGNATURE_BYTES; None when the
    text is too short to be compared): what the duplicate search needs of a page.

    The crawl's record spool computes them as each page comes in, so table building only compares.
    """
    compared = _compared(text)
    return compared, (_signature(_grams(compared)).tobytes() if len(compared) >= MIN_CHARS else None)


def compared_text(record: dict) -> str:
    """The part of a page's text that is compared: folded, its beginning only."""
    return _compared(record.get("text"))


def _compared(text: str | None) -> str:
    """Folding works character by character, so the beginning of the folded text is the folded
    beginning of the text; only a beginning that folds too short needs the whole text."""
    text = text or ""
    head = fold(text[:2 * _COMPARE_CHARS])
    if len(head) <= _COMPARE_CHARS and len(text) > 2 * _COMPARE_CHARS:
        head = fold(text)
    return head[:_COMPARE_CHARS]


_MIX = np.uint64(0x100000001B3)  # odd multiplier of the polynomial 5-gram hash (mod 2**64)


def shingle_hashes(text: str) -> np.ndarray:
    """The word 5-grams of a text as sorted distinct 64-bit hashes (a text of fewer words is one 5-gram)."""
    return np.unique(_grams(text))


def _grams(text: str) -> np.ndarray:
    """The 64-bit hashes of a text's word 5-grams in text order, repeats kept (a MinHash needs no more).

    Each distinct word is hashed once (blake2b) and the 5-grams combine their words' hashes in
    numpy (arrays wrap mod 2**64 without a warning), so a page costs a few microseconds per word
    instead of building strings per 5-gram.
    """
    words = text.split()
    if not words:
        return np.zeros(1, dtype=np.uint64)
    h = np.array(_HASHES.map(words), dtype=np.uint64)
    n = max(1, len(words) - SHINGLE_WORDS + 1)
    grams = h[:n].copy()
    for k in range(1, min(SHINGLE_WORDS, len(words))):
        grams *= _MIX
        grams += h[k:k + n]
    return grams


def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


_HASHES = WordMemo(_word_hash)


def _signature(shingles: np.ndarray) -> np.ndarray:
    """The MinHash signature (BANDS × ROWS values) of a text's 5-gram hashes (repeats change nothing).

    datasketch's `MinHash.update_batch` with `hashfunc=int` and its permutations, computed in
    numpy (update_batch calls the hash function once per value in Python); a test checks that
    the values are datasketch's.
    """
    a, b = _permutations()
    hv = _fmix32(((shingles ^ (shingles >> np.uint64(32))) & np.uint64(0xFFFFFFFF)).astype(np.uint32))
    permuted = np.multiply.outer(hv, a)  # uint32: a * h + b mod 2**32
    permuted += b
    return permuted.min(axis=0)


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, the pre-mix of datasketch's affine32 scheme (wraps mod 2**32)."""
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


_PERMUTATIONS: list = []


def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The MinHash permutations (a, b as uint32), drawn once from the fixed seed as datasketch draws them.

    datasketch's `MinHash(num_perm, seed, scheme="affine32").permutations` is this draw (odd `a`,
    any `b`, from `RandomState(seed)`); a test checks the two agree. Importing datasketch
    would load scipy for its LSH parameter search, about 50 MB in every crawl for two arrays.
    """
    if not _PERMUTATIONS:
        gen = np.random.RandomState(_SEED)
        n = BANDS * ROWS
        a = gen.randint(0, 1 << 31, n, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
        b = gen.randint(0, 1 << 32, n, dtype=np.uint32)
        _PERMUTATIONS.append((a, b))
    return _PERMUTATIONS[0]


def _candidates(signatures: np.ndarray) -> list[tuple[int, int]]:
    """Pairs (i < j) of texts whose signatures agree on at least one whole band, sorted.

    Each band is sorted on its own and equal runs give the pairs, so memory is one band of
    the crawl at a time (an in-memory hash table per band would hold every page once per band).
    """
    if len(signatures) < 2:
        return []
    n = len(signatures)
    found = []
    for band in range(BANDS):
        key = signatures[:, band * ROWS].astype(np.uint64)
        for c in range(1, ROWS):
            key = key * np.uint64(1 << 32) + signatures[:, band * ROWS + c]
        order = np.argsort(key, kind="stable")
        ordered = key[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        sizes = np.r_[starts[1:], n] - starts
        two = starts[sizes == 2]  # most runs are one pair: taken at once
        first, second = order[two].astype(np.int64), order[two + 1].astype(np.int64)
        found.append(np.minimum(first, second) * n + np.maximum(first, second))
        big = sizes > 2
        for s, size in zip(starts[big].tolist(), sizes[big].tolist()):
            members = np.sort(order[s:s + size]).astype(np.int64)
            i, j = np.triu_indices(len(members), k=1)
            found.append(members[i] * n + members[j])
    pairs = np.unique(np.concatenate(found))
    return list(zip((pairs // n).tolist(), (pairs % n).tolist()))


def _lengths_allow(a: int, b: int) -> bool:
    """Texts whose lengths differ too much can be neither copies nor contained copies."""
    short, long_ = sorted((a, b))
    return short >= min(LENGTH_RATIO, CONTAINED_LENGTH_RATIO) * long_


def is_copy(ta: str, tb: str, sa: np.ndarray | None = None, sb: np.ndarray | None = None) -> bool:
    """The exact check of two compared texts: one is a copy of the other.

    They share at least MIN_SHARED of the shorter one's 5-grams (`sa`, `sb`: their
    `shingle_hashes`, when already at hand), and then are similar as a whole or one stands
    almost whole in the other.
    """
    a = shingle_hashes(ta) if sa is None else sa
    b = shingle_hashes(tb) if sb is None else sb
    shared = int(np.count_nonzero(b.take(b.searchsorted(a), mode="clip") == a))  # both sorted, distinct
    return shared >= MIN_SHARED * max(1, min(len(a), len(b))) and _similar(ta, tb)


def _similar(ta: str, tb: str) -> bool:
    short, long_ = sorted((len(ta), len(tb)))
    if short >= LENGTH_RATIO * long_ and fuzz.ratio(ta, tb, score_cutoff=SIMILARITY):
        return True
    return short >= CONTAINED_LENGTH_RATIO * long_ and bool(fuzz.partial_ratio(ta, tb, score_cutoff=CONTAINED))


def _canonical_order(record: dict) -> tuple:
    rank = PAGE_RANK.get(record.get("page_type") or "other", PAGE_RANK["other"])
    return (record.get("published") or "9999", rank, record["url"])
