"""runs/memory.py: after a crawl, the memoised per-word lookups are emptied; singletons stay."""
from __future__ import annotations

import platform
import subprocess
import sys

import pytest

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


def test_bound_heap_returns_large_freed_blocks_to_the_system():
    """After bound_heap, a large block freed after a smaller one is served by its own mapping again."""
    if platform.libc_ver()[0] != "glibc":
        pytest.skip("glibc's mallopt only")
    code = (
        "import psutil, sys\n"
        "from kongres_scraper.runs.memory import bound_heap\n"
        "if '--bound' in sys.argv: assert bound_heap()\n"
        "rss = lambda: psutil.Process().memory_info().rss\n"
        "big = [bytearray(8 << 20)]; del big  # a freed mapping of 8 MB raises glibc's threshold to 8 MB\n"
        "blocks = [bytearray(4 << 20) for _ in range(20)]  # 80 MB of 4 MB blocks\n"
        "keep = bytearray(64)  # pins the top of the heap when the blocks come from it\n"
        "before = rss(); del blocks\n"
        "print((before - rss()) >> 20)\n"
    )
    run = lambda *a: int(subprocess.run([sys.executable, "-c", code, *a], capture_output=True, text=True, check=True).stdout)
    assert run("--bound") >= 70  # the 4 MB blocks were mappings: freeing them gave the memory back
    assert run() < 10  # without it they came from the heap, which keeps them
