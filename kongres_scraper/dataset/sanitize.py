"""Page records made safe for the strict table types before building.

The tables are strictly typed (the Frictionless validator rejects a `9:30` where the
schema says `HH:MM`, a date that is not a date, an edition with no `editions` row),
while extraction is a moving target. One odd value must not fail a scheduled build or
the validation of everything else, so values are normalised here where that is
unambiguous (`9.30` → `09:30`, `moderatorka` → `moderator`) and dropped (with a warning
in the log) where it is not.
"""
from __future__ import annotations

import datetime as dt
import logging
import re

from .schema import GENDERS, ROLES

logger = logging.getLogger(__name__)

_TIME = re.compile(r"^\s*([01]?\d|2[0-3])\s*[:.]\s*([0-5]\d)\s*$")
_ROLE_SYNONYMS = {
    "moderatorka": "moderator", "moderacja": "moderator", "prowadzący": "host", "prowadząca": "host",
    "prowadzenie": "host", "panelista": "panelist", "panelistka": "panelist", "uczestnik": "panelist",
    "uczestniczka": "panelist", "prelegent": "speaker", "prelegentka": "speaker", "mówca": "speaker",
    "gość": "guest", "gość specjalny": "guest",
}


def hhmm(value: object) -> str | None:
    """`HH:MM` from `9:30`, `09.30`, `9 : 30`; None for anything else."""
    m = _TIME.match(str(value)) if value is not None else None
    return f"{int(m.group(1)):02d}:{m.group(2)}" if m else None


def iso_date(value: object) -> str | None:
    """`YYYY-MM-DD` from an ISO date or datetime string; None for anything else."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        logger.warning("not an ISO date, dropped: %r", value)
        return None


def edition(value: object) -> int | None:
    """A positive edition number, or None."""
    try:
        number = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def role(value: object) -> str | None:
    """A role of the vocabulary (Polish labels mapped), or None when it cannot be told."""
    text = str(value or "").strip().lower()
    found = text if text in ROLES else _ROLE_SYNONYMS.get(text)
    if found is None:
        logger.warning("unknown role, participation dropped: %r", value)
    return found


def record(rec: dict) -> dict:
    """A copy of a page record with every typed field normalised."""
    out = dict(rec)
    out["edition"] = edition(rec.get("edition"))
    out["published"] = iso_date(rec.get("published"))
    out["sessions"] = [
        {**s, "day": iso_date(s.get("day")), "start": hhmm(s.get("start")), "end": hhmm(s.get("end"))}
        for s in rec.get("sessions") or []
        if (s.get("title") or "").strip()
    ]
    people = []
    for p in rec.get("people") or []:
        r = role(p.get("role"))
        if r and (p.get("name") or "").strip():
            people.append({**p, "role": r, "gender": p.get("gender") if p.get("gender") in GENDERS else None})
    out["people"] = people
    out["mentions"] = [m for m in rec.get("mentions") or [] if (m.get("name") or "").strip()]
    out["topics"] = [t for t in rec.get("topics") or [] if t and t.strip()]
    return out
