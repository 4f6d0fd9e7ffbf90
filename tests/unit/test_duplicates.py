"""Near-duplicate detection: LSH candidates find the same copies as comparing every pair."""
from __future__ import annotations

import random
import subprocess
import sys

import numpy as np
import pytest

from kongres_scraper.dataset.duplicates import _canonical_order, compared_text, find_duplicates, is_copy

_SYLLABLES = ["ka", "lo", "mi", "ne", "ro", "sta", "wi", "dze", "gmi", "na", "pol", "ski", "rad", "ny", "tu", "wo"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 4)))


def _corpus(seed: int = 7, originals: int = 40) -> list[dict]:
    """Articles and their reposts: verbatim, with a source line, lightly edited, cut short, teasers;
    and unrelated articles that share one stock paragraph (as a network's posts do)."""
    rng = random.Random(seed)
    stock = " ".join(_word(rng) for _ in range(40))
    records: list[dict] = []

    def add(text: str, day: int) -> None:
        n = len(records)
        records.append({"url": f"https://site{n % 7}.example/p/{n}", "text": text,
                        "text_hash": None, "published": f"2024-{1 + day % 12:02d}-{1 + day % 28:02d}",
                        "page_type": rng.choice(["article", "other", "programme"])})

    for k in range(originals):
        words = [_word(rng) for _ in range(rng.randint(120, 700))]
        body = " ".join(words)
        add(body + (" " + stock if k % 3 == 0 else ""), k)
        kind = k % 6
        if kind == 0:
            add(body, k + 5)  # verbatim
        elif kind == 1:
            add("Źródło: Fundacja. " + body, k + 3)  # a line of its own
        elif kind == 2:
            edited = list(words)
            for pos in rng.sample(range(len(edited)), max(1, len(edited) // 60)):
                edited[pos] = _word(rng)
            add(" ".join(edited), k + 9)  # a few words changed
        elif kind == 3:
            add(" ".join(words[: int(len(words) * rng.uniform(0.5, 0.8))]), k + 2)  # cut short
        elif kind == 4:
            add(body[:260] + " Czytaj więcej.", k + 1)  # a teaser: no copy
        else:
            edited = list(words)
            for pos in rng.sample(range(len(edited)), len(edited) // 4):
                edited[pos] = _word(rng)
            add(" ".join(edited), k + 4)  # rewritten: no copy
    for k in range(originals // 2):
        add(stock + " " + " ".join(_word(rng) for _ in range(rng.randint(80, 300))), k + 40)
    return records


def _pairwise(records: list[dict]) -> dict[str, str]:
    """The reference: the exact check on every pair, groups closed transitively."""
    texts = [(r, compared_text(r)) for r in records]
    texts = [(r, t) for r, t in texts if len(t) >= 200]
    group = {r["url"]: {r["url"]} for r, _ in texts}
    for a in range(len(texts)):
        for b in range(a + 1, len(texts)):
            (ra, ta), (rb, tb) = texts[a], texts[b]
            if group[ra["url"]] is not group[rb["url"]] and is_copy(ta, tb):
                merged = group[ra["url"]] | group[rb["url"]]
                for url in merged:
                    group[url] = merged
    by_url = {r["url"]: r for r, _ in texts}
    out: dict[str, str] = {}
    for members in {id(g): g for g in group.values()}.values():
        if len(members) > 1:
            canonical = min((by_url[u] for u in members), key=_canonical_order)["url"]
            out.update({u: canonical for u in members if u != canonical})
    return out


@pytest.mark.parametrize("seed", [7, 11])
def test_lsh_finds_the_same_copies_as_comparing_every_pair(seed):
    records = _corpus(seed)
    expected = _pairwise(records)
    assert len(expected) >= 20  # the corpus has copies of each kind
    assert find_duplicates(records) == expected


def test_teasers_and_rewrites_are_not_copies():
    records = _corpus(3)
    found = find_duplicates(records)
    teasers = [r["url"] for r in records if r["text"].endswith("Czytaj więcej.")]
    assert teasers and not set(teasers) & set(found)


def test_records_without_enough_text_are_never_copies():
    short = [{"url": f"https://a.example/{k}", "text": "Krótki wpis o kongresie.", "text_hash": "h"} for k in range(3)]
    assert find_duplicates(short) == {}


def test_permutations_are_datasketch_draw():
    from datasketch import MinHash

    from kongres_scraper.dataset.duplicates import BANDS, ROWS, _SCHEME, _SEED, _permutations

    a, b = MinHash(num_perm=BANDS * ROWS, seed=_SEED, scheme=_SCHEME).permutations
    mine = _permutations()
    assert mine[0].tolist() == a.tolist() and mine[1].tolist() == b.tolist()
    assert mine[0].dtype == mine[1].dtype == np.uint32


def test_the_crawl_does_not_import_datasketch():
    """datasketch is the reference of the tests; importing it in the product loads scipy (~50 MB a crawl)."""
    code = "import sys, kongres_scraper.dataset.duplicates, kongres_scraper.dataset.build; print('scipy' in sys.modules, 'datasketch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False"]


def test_signatures_are_datasketch_minhash_values():
    from datasketch import MinHash

    from kongres_scraper.dataset.duplicates import BANDS, ROWS, _SCHEME, _SEED, _grams, _signature, shingle_hashes

    for r in _corpus(5, originals=6)[:8]:
        shingles = shingle_hashes(compared_text(r))
        m = MinHash(num_perm=BANDS * ROWS, seed=_SEED, scheme=_SCHEME, hashfunc=int)
        m.update_batch((shingles ^ (shingles >> 32)) & 0xFFFFFFFF)
        assert _signature(shingles).tolist() == m.hashvalues.tolist()
        assert _signature(_grams(compared_text(r))).tolist() == m.hashvalues.tolist()  # repeats change nothing
