"""Polish dates in text: `18 października 2024`, `18.10.2024`, `2024-10-18`, `10 i 11 października 2024`."""
from __future__ import annotations

import datetime as dt
import re

# Month names by month: genitive (`października`), nominative (`październik`) and common abbreviations.
_MONTH_FORMS = (
    ("stycznia", "styczeń", "sty"),
    ("lutego", "luty", "lut"),
    ("marca", "marzec", "mar"),
    ("kwietnia", "kwiecień", "kwi"),
    ("maja", "maj"),
    ("czerwca", "czerwiec", "cze"),
    ("lipca", "lipiec", "lip"),
    ("sierpnia", "sierpień", "sie"),
    ("września", "wrzesień", "wrz"),
    ("października", "październik", "paź", "paz"),
    ("listopada", "listopad", "lis"),
    ("grudnia", "grudzień", "gru"),
)
MONTHS: dict[str, int] = {form: n for n, forms in enumerate(_MONTH_FORMS, 1) for form in forms}
#: The genitive names alone (`18 października`), the form a date is written in.
GENITIVE_MONTHS: dict[str, int] = {forms[0]: n for n, forms in enumerate(_MONTH_FORMS, 1)}
#: Weekday names (nominative), as in `piątek, 22 września 2023`.
WEEKDAYS = r"(?:poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela)"
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
POLISH_DATE = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\.?\s+(\d{{4}})\b", re.I)
# A date with the month cut to three letters (`12 paź 2024`): the form CMSs and site builders print
# a post's date in (`j M Y`), seldom the one people write an event's date in.
_ABBREVIATIONS = "|".join(form for forms in _MONTH_FORMS for form in forms if len(form) == 3)
ABBREVIATED_DATE = re.compile(rf"\b(\d{{1,2}})\s+({_ABBREVIATIONS})\.?\s+(\d{{4}})\b", re.I)
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
    rest = re.sub(rf"\b(r\.|roku|godz\.?|\d{{1,2}}:\d{{2}}|opublikowano:?|data publikacji:?|dodano:?|utworzono:?|"
                  rf"{WEEKDAYS})", "", rest, flags=re.I)
    return not re.sub(r"[\s,.|:–-]", "", rest)
