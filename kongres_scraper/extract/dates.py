"""Polish dates in text: `18 października 2024`, `18.10.2024`, `2024-10-18`, `10 i 11 października 2024`."""
from __future__ import annotations

import datetime as dt
import re

# Month stems: genitive (`października`), nominative (`październik`) and common abbreviations.
MONTHS: dict[str, int] = {
    "stycznia": 1, "styczeń": 1, "sty": 1,
    "lutego": 2, "luty": 2, "lut": 2,
    "marca": 3, "marzec": 3, "mar": 3,
    "kwietnia": 4, "kwiecień": 4, "kwi": 4,
    "maja": 5, "maj": 5,
    "czerwca": 6, "czerwiec": 6, "cze": 6,
    "lipca": 7, "lipiec": 7, "lip": 7,
    "sierpnia": 8, "sierpień": 8, "sie": 8,
    "września": 9, "wrzesień": 9, "wrz": 9,
    "października": 10, "październik": 10, "paź": 10, "paz": 10,
    "listopada": 11, "listopad": 11, "lis": 11,
    "grudnia": 12, "grudzień": 12, "gru": 12,
}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
POLISH_DATE = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\.?\s+(\d{{4}})\b", re.I)
NUMERIC_DATE = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")
ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
# A day pair or range before a month: `10 i 11 października`, `19-20 września`, `9 i 10 października 2025`.
DAY_RANGE = re.compile(rf"\b(\d{{1,2}})\s*(?:i|oraz|-|–|—)\s*(\d{{1,2}})\s+({_MONTH_RE})\b(?:\s+(\d{{4}}))?", re.I)
SINGLE_DAY = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\b(?:\s+(\d{{4}}))?", re.I)


def _make(y: int, m: int, d: int) -> str | None:
    if not 1990 <= y <= 2100:
        return None
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_date(text: str) -> str | None:
    """The first full date (day, month, year) in a short text, as ISO `YYYY-MM-DD`, or None."""
    if not text:
        return None
    found: list[tuple[int, str]] = []
    for m in ISO_DATE.finditer(text):
        iso = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if iso:
            found.append((m.start(), iso))
    for m in POLISH_DATE.finditer(text):
        iso = _make(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        if iso:
            found.append((m.start(), iso))
    for m in NUMERIC_DATE.finditer(text):
        iso = _make(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if iso:
            found.append((m.start(), iso))
    return min(found)[1] if found else None


def is_bare_date(text: str) -> bool:
    """True when a line holds a single date and nothing else (optionally `r.` or a weekday/time)."""
    rest = POLISH_DATE.sub("", text)
    rest = NUMERIC_DATE.sub("", rest)
    rest = ISO_DATE.sub("", rest)
    if rest == text:
        return False
    rest = re.sub(r"\b(r\.|roku|godz\.?|\d{1,2}:\d{2}|opublikowano:?|data publikacji:?|dodano:?|utworzono:?|"
                  r"poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela)", "", rest, flags=re.I)
    return not re.sub(r"[\s,.|:–-]", "", rest)
