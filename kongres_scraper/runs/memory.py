"""Give back the memory extraction kept, once every page is extracted and before the tables are built.

A crawl memoises per-word work (morphology, name and organisation tests: `lru_cache`s of up
to 32,768 entries each, tens of megabytes after a large crawl) that table building does not
use. Emptying them, collecting, and asking glibc to return the free pages of every malloc
arena (`malloc_trim`; the offline handler reads pages in threads, whose arenas the main
thread's table building cannot reuse) lowers the peak of the run, which is reached while
the tables are built. `bound_heap` keeps glibc from holding on to the freed blocks of both phases.
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
    trim = _libc_function("malloc_trim")
    if trim is None:
        return False
    trim(0)
    return True


_M_MMAP_THRESHOLD = -3  # glibc's malloc.h
MMAP_THRESHOLD = 128 * 1024


def bound_heap(threshold: int = MMAP_THRESHOLD) -> bool:
    """Serve every allocation of `threshold` bytes or more by its own mapping, returned to the system when freed.

    glibc starts with this threshold but raises it to the size of each large block freed, up
    to 32 MB: after the first column copies of table building are dropped, later ones come from
    the heap, whose freed holes it keeps. Fixing the threshold (what `MALLOC_MMAP_THRESHOLD_`
    does) lowered the peak of building the tables of 20,000 pages by about 30 MB. False where
    there is no glibc `mallopt`.
    """
    mallopt = _libc_function("mallopt")
    return bool(mallopt is not None and mallopt(_M_MMAP_THRESHOLD, threshold))


def _libc_function(name: str):  # noqa: ANN202 - a ctypes function or None
    path = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(path), name, None) if path else None
    except OSError:
        return None
