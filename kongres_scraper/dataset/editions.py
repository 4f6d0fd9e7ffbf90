"""Reference facts about the three editions of the congress (the `editions` table).

These are facts of the event, not of any page, so they live in code: every build
publishes the same rows, and pages only decide which edition they talk about. The days
are kept once, in `extract/relevance.py` (which dates pages by them); venues and themes here.
"""
from __future__ import annotations

import pandas as pd

from ..extract.relevance import EDITIONS as EDITION_DAYS  # the days, which extraction reads too
from .schema import coerce

# Where each edition took place and its theme, when it had one.
_PLACES: dict[int, tuple[str, str | None]] = {
    1: ("Centrum Konferencyjne SWPS, Warszawa", None),
    2: ("Warszawa", None),
    3: ("Muzeum Historii Polski, Warszawa", "Siła wspólnoty"),
}
EDITIONS: tuple[dict, ...] = tuple(
    {
        "edition": n,
        "year": first.year,
        "start_date": first.isoformat(),
        "end_date": last.isoformat(),
        "venue": _PLACES[n][0],
        "theme": _PLACES[n][1],
    }
    for n, (first, last) in EDITION_DAYS.items()
)

def editions_table(seen: set[int] = frozenset()) -> pd.DataFrame:
    """The typed `editions` table: the reference rows, plus a bare row for each edition the
    pages name that the reference does not know yet (a new edition announced before this
    file is updated), so that every `edition` in other tables has its row."""
    known = {e["edition"] for e in EDITIONS}
    rows = list(EDITIONS) + [{"edition": n} for n in sorted(set(seen) - known)]
    return coerce("editions", pd.DataFrame(rows))
