"""runs/memory.py: after a crawl, the memoised per-word lookups are emptied; singletons stay."""
from __future__ import annotations

import platform

from kongres_scraper.normalize import morph, names
from kongres_scraper.runs.memory import release_extraction_memory, trim_heap


def test_lookups_are_emptied_and_singletons_kept():
    morph.analyse("Kowalski")
    names.is_name_word("Kowalski")
    instance = morph.morfeusz()
    assert morph.analyse.cache_info().currsize and names.is_name_word.cache_info().currsize
    dropped = release_extraction_memory()
    assert dropped >= 2
    assert morph.analyse.cache_info().currsize == 0 and names.is_name_word.cache_info().currsize == 0
    assert morph.morfeusz() is instance  # built once per process: not dropped
    assert morph.analyse("Kowalski")  # lookups work as before, memoised again


def test_trim_heap_on_glibc():
    assert trim_heap() is (platform.libc_ver()[0] == "glibc")
