"""Public join keys: the folding behind `people.match_key` and `organizations.name_key`.

Outside tables write names with or without Polish letters, in other cases of letters and
with other punctuation. `fold()` is the one folding the dataset publishes its keys with, so
an analyst applies it to their own names and joins on equal strings:

    >>> fold("Fundacja „Równe Szanse”")
    'fundacja rowne szanse'
    >>> fold("Łódź")
    'lodz'
    >>> fold("Anna  Nowicka – Bąk")
    'anna nowicka-bak'

Organisations are often written shorter than their registered name. `org_keys()` gives
the folded name followed by the folded forms without the word `im.`, without a trailing
patron (`im. Jerzego Regulskiego`) and without a trailing seat (`w Krakowie`); the
`organization_names` table holds the same reduced forms of every spelling it saw, so the
first key of `org_keys(name)` found in `organization_names.name_key` names the organisation:

    >>> org_keys("Uniwersytet Jagielloński w Krakowie")
    ['uniwersytet jagiellonski w krakowie', 'uniwersytet jagiellonski']

This module imports nothing from the package: it is the documented recipe itself.
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "org_keys"]

# Letters NFKD does not decompose into a base letter and a diacritic.
_SPECIAL = str.maketrans({"ł": "l", "Ł": "L", "ß": "ss", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE"})
_DASHES = re.compile(r"\s*[-‐‑–—]\s*")
_OTHER = re.compile(r"[^a-z0-9.\- ]")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """ASCII, lower case, one space between words; hyphens and dots kept, other punctuation dropped.

    Polish diacritics go (`ą`→`a`, also `ł`→`l`, which Unicode does not decompose), dashes
    between words become one hyphen (`Nowicka – Bąk` → `nowicka-bak`), quotes, commas and
    brackets become spaces, and spaces, dots and hyphens at the ends are trimmed.
    `people.match_key`, `mentions.match_key`, `organizations.name_key` and
    `organization_names.name_key` are this function of the name.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    # (no character below U+0300 combines: the test skips the lookup for most letters)
    s = "".join([c for c in decomposed if c < "\u0300" or not unicodedata.combining(c)]).casefold()
    s = _DASHES.sub("-", s)
    s = _OTHER.sub(" ", s)
    return _SPACES.sub(" ", s).strip(" .-")


# `im. Jerzego Regulskiego` (im./imienia + capitalised words) at the end of a folded name:
# folded, so matched as `im. word word` with at most three words.
_PATRON_AT_END = re.compile(r"\s+(im\.?|imienia)(\s+[a-z0-9.\-]+){1,3}$")
_IM_WORD = re.compile(r"\s(im\.?|imienia)\s")
# a seat after the name: `w Krakowie`, `w Leśnej Woli`, `we Wrocławiu`, `z siedzibą w Lublinie`
_SEAT_AT_END = re.compile(r"(\s+z siedziba)?\s+we?\s+[a-z\-]+(\s+[a-z\-]+)?$")


def org_keys(name: str) -> list[str]:
    """The folded name, then its reduced forms (no `im.`, no trailing patron, no trailing seat).

    The order is from the most to the least specific, and no key appears twice; a form
    reduced to a single word is left out, since one word (`uniwersytet`) names no one.
    """
    first = fold(name)
    keys = [first]
    for key in list(keys):
        without_seat = _SEAT_AT_END.sub("", key)
        without_im = _IM_WORD.sub(" ", key)
        without_patron = _PATRON_AT_END.sub("", key)
        for reduced in (without_im, without_patron, without_seat, _SEAT_AT_END.sub("", without_im),
                        _SEAT_AT_END.sub("", without_patron)):
            if reduced not in keys and " " in reduced:
                keys.append(reduced)
    return keys
