"""Give back the memory extraction kept, once every page is extracted and before the tables are built.

A crawl memoises per-word work (morphology, name and organisation tests: `lru_cache`s of up
to 32,768 entries each, tens of megabytes after a large crawl) that table building does not
use. Emptying them, collecting, and asking glibc to return the free pages of every malloc
arena (`malloc_trim`; the offline handler reads pages in threads, whose arenas the main
thread's table building cannot reuse) lowers the peak of the run, which is reached while
the tables are built.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys


def release_extraction_memory() -> int:
    """Empty the memoised lookups of the package's modules, collect garbage and trim the heap; the entries dropped.

    Singletons built once per process (`lru_cache(maxsize=1)`, such as the Morfeusz instance) are kept.
    """
    dropped = 0
    for name, module in list(sys.modules.items()):
        if not name.startswith("kongres_scraper.") or module is None:
            continue
        for value in list(vars(module).values()):
            info = getattr(value, "cache_info", None)
            if info is None or not callable(getattr(value, "cache_clear", None)):
                continue
            stats = info()
            if stats.maxsize != 1:
                dropped += stats.currsize
                value.cache_clear()
    gc.collect()
    trim_heap()
    return dropped


def trim_heap() -> bool:
    """Return the free pages of every malloc arena to the system (glibc's `malloc_trim`); False where there is none."""
    path = ctypes.util.find_library("c")
    try:
        trim = getattr(ctypes.CDLL(path), "malloc_trim", None) if path else None
    except OSError:
        return False
    if trim is None:
        return False
    trim(0)
    return True
