"""Reference facts about the three editions of the congress (the `editions` table).

These are facts of the event, not of any page, so they live in code: every build
publishes the same rows, and pages only decide which edition they talk about. Days, venues and
themes are kept once, in `lexicon` (extraction dates pages by the days).
"""
from __future__ import annotations

import pandas as pd

from ..lexicon import EDITION_PLACES as _PLACES, EDITIONS as EDITION_DAYS  # the congress facts, in one place
from .schema import coerce

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
