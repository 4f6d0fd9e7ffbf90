"""Reference facts about the three editions of the congress (the `editions` table).

These are facts of the event, not of any page, so they live in code: every build
publishes the same rows, and pages only decide which edition they talk about.
"""
from __future__ import annotations

import pandas as pd

from .schema import coerce

EDITIONS: tuple[dict, ...] = (
    {
        "edition": 1,
        "year": 2023,
        "start_date": "2023-09-19",
        "end_date": "2023-09-20",
        "venue": "Centrum Konferencyjne SWPS, Warszawa",
        "theme": None,
    },
    {
        "edition": 2,
        "year": 2024,
        "start_date": "2024-10-10",
        "end_date": "2024-10-11",
        "venue": "Warszawa",
        "theme": None,
    },
    {
        "edition": 3,
        "year": 2025,
        "start_date": "2025-10-09",
        "end_date": "2025-10-10",
        "venue": "Muzeum Historii Polski, Warszawa",
        "theme": "Siła wspólnoty",
    },
)


def editions_table(seen: set[int] = frozenset()) -> pd.DataFrame:
    """The typed `editions` table: the reference rows, plus a bare row for each edition the
    pages name that the reference does not know yet (a new edition announced before this
    file is updated), so that every `edition` in other tables has its row."""
    known = {e["edition"] for e in EDITIONS}
    rows = list(EDITIONS) + [{"edition": n} for n in sorted(set(seen) - known)]
    return coerce("editions", pd.DataFrame(rows))
