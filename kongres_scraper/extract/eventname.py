"""Is a mention of `Kongres Współpracy Lokalnej` this congress's name, or part of another event's?

Other events' names share the congress's words: `Pomorski Kongres Współpracy Lokalnej`,
`Kongres Współpracy Lokalnej i Regionalnej`, `Kongresu Współpracy Lokalnej Mazowsza`,
`XI Kongres Współpracy Lokalnej`, `Kongres Współpracy Lokalnej 2019`. A name in Polish is
a head (`Kongres`) with an adjective before it and genitive words after it, so a mention is
read as a whole name: a proper adjective before it (one Morfeusz reads as an adjective that is
not a generic one such as `Krajowy`, `tegoroczny`, `drugi`), an adjective joined by `i`/`oraz` or
a genitive noun right after it, a year before the congress first met, or an edition number it
never reached make it another event's name. This is grammar, not a list of other events.
"""
from __future__ import annotations

import re

from ..lexicon import EDITIONS
from ..normalize import morph
from ..normalize.orgs import is_org_head
from .dates import DAY_RANGE, NUMERIC_DATE, POLISH_DATE

#: The year the congress first met; no event under its name happened before.
FIRST_YEAR = min(first for first, _ in EDITIONS.values()).year
# The highest edition number a name of this congress can carry: the known ones and one announced
# before the reference facts are updated.
_MAX_EDITION = max(EDITIONS) + 1

_KONGRES = r"kongres(?:u|ie|em|y|ów|ach|ami|om)?"
#: The words every mention of the congress has, in any case (`KONGRESU WSPÓŁPRACY LOKALNEJ`).
NAME = re.compile(rf"\b{_KONGRES}\s+współpracy\s+lokalnej\b", re.I)
#: The acronym, with an edition number or not (`II KKWL`); capitals only, as it is written.
ACRONYM = re.compile(r"\b(?:I{1,3}\s?)?KKWL\b")
#: The English name (`National Congress of Local Cooperation`).
NAME_EN = re.compile(r"\b(national\s+)?congress(es)?\s+of\s+local\s+co-?operation\b", re.I)
# The same words in a URL slug (no diacritics, hyphens between words).
_SLUG_NAME = re.compile(r"(?:^|[/_-])(?:([a-z]+)[-_])?kongres\w*[-_]wspolpracy[-_]lokalnej(?:[-_](\d{4})\b)?")
_SLUG_OWN = re.compile(r"kongreswspolpracy|\b[i]{0,3}[-_]?kkwl\b")

# Adjectives and determiners that stand before any event's name without being part of it:
# the scope of this congress (`Krajowy`, `Ogólnopolski`), ordinals, and time or pointing words.
_GENERIC = re.compile(
    r"^(krajow|ogólnopolsk|pierwsz|drug|trzec|czwart|piąt|kolejn|następn|tegoroczn|ubiegłoroczn|zeszłoroczn|"
    r"przyszłoroczn|jubileuszow|najbliższ|ostatni|nadchodząc|wspomnian|nasz|wasz|któr|zbliżając|trwając|"
    r"odbywając|tamt|(ten|ta|tego|tym|tej|te|ów|owa|owego|owym|sam|sama|samego|samym|cały|całego|całym)$)", re.I)
_ROMAN = re.compile(r"^[IVXLC]+$")
_ROMAN_VALUE = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_PROPER_ADJ_SLUG = re.compile(r"(?:sk|ck|dzk)(?:i|iego|iemu|im|a|iej)$")
_WORD_BEFORE = re.compile(r"([\w-]+)[ \t„\"»“]*$")
_YEAR_AFTER = re.compile(r"^\s*[-–—,]?\s*(?:r\.\s*)?((?:19|20)\d\d)\b")
_JOINED_ADJ = re.compile(r"^\s+(?:i|oraz)\s+([A-ZĄĆĘŁŃÓŚŹŻ][\w-]+)")
_NEXT_WORD = re.compile(r"^ ([A-ZĄĆĘŁŃÓŚŹŻ][\w-]*)")
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-ZĄĆĘŁŃÓŚŹŻ„\"])|\n")
# How far around a mention its name and its sentence are looked for (a long page is not rescanned per mention).
_NAME_REACH, _SENTENCE_REACH = 120, 600


def roman(numeral: str) -> int:
    """The value of a roman numeral (`XIV` -> 14)."""
    values = [_ROMAN_VALUE[c] for c in numeral.upper()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def is_this_congress(text: str, m: re.Match) -> bool:
    """True when the name matched by `NAME` at `m` in `text` is this congress's, not another event's."""
    before, after = text[max(0, m.start() - _NAME_REACH): m.start()], text[m.end(): m.end() + _NAME_REACH]
    for _ in range(3):  # `II Krajowy`, `Pomorski Ogólnopolski`: past the scope to what stands before it
        word = _WORD_BEFORE.search(before)
        if not word:
            break
        if not _own_word_before(word.group(1)):
            return False
        if not re.match(r"(krajow|ogólnopolsk)", word.group(1), re.I):
            break
        before = before[: word.start()]
    year = _YEAR_AFTER.match(after)
    if year and int(year.group(1)) < FIRST_YEAR:
        return False
    if m.group(0).isupper() or m.group(0).islower():
        return not _dated_before_first(text, m)  # capitals or lower case say nothing of where a name ends
    joined = _JOINED_ADJ.match(after)
    if joined and _is_adjective(joined.group(1)):
        return False  # `Kongres Współpracy Lokalnej i Regionalnej`
    nxt = _NEXT_WORD.match(after)
    if nxt and _continues_name(nxt.group(1)):
        return False  # `Kongres Współpracy Lokalnej Mazowsza`
    return not _dated_before_first(text, m)


def count_own(text: str) -> int:
    """How many times `text` names this congress (its Polish or English name, or its acronym)."""
    if not _may_name(text):
        return 0
    own = sum(1 for m in NAME.finditer(text) if is_this_congress(text, m))
    return own + len(NAME_EN.findall(text)) + len(ACRONYM.findall(text))


def _may_name(text: str) -> bool:
    """False when the text lacks a word every name holds (`lokalnej`, `operation`, `KKWL`): most lines do,
    and looking for those words costs less than the three patterns' searches. Letters the regex engine
    takes for `s` or `i` in any case (long s, dotless i, dotted capital I) leave it to the patterns."""
    if "KKWL" in text:
        return True
    folded = text.lower()
    return "lokalnej" in folded or "operation" in folded or "ſ" in text or "ı" in text or "İ" in text


def slug_names_it(path: str) -> bool:
    """True when a URL path names this congress (`/ii-krajowy-kongres-wspolpracy-lokalnej/`, `/iikkwl`).

    A slug has no capitals, so only the word before the name and a year after it are read:
    `/pomorski-kongres-wspolpracy-lokalnej/` and `/kongres-wspolpracy-lokalnej-2019/` are other events.
    """
    path = path.lower()
    if _SLUG_OWN.search(path):
        return True
    for m in _SLUG_NAME.finditer(path):
        word, year = m.group(1), m.group(2)
        if word and _PROPER_ADJ_SLUG.search(word) and not _GENERIC.match(word.replace("olnopolsk", "ólnopolsk")):
            continue
        if word and _ROMAN.match(word.upper()) and roman(word) > _MAX_EDITION:
            continue
        if year and int(year) < FIRST_YEAR:
            continue
        return True
    return False


def _own_word_before(word: str) -> bool:
    """False when the word before the name makes it another event's (`Pomorski`, `XIV`, `Polsko-Niemiecki`)."""
    if _ROMAN.match(word):
        return roman(word) <= _MAX_EDITION
    if not word[:1].isupper() or _GENERIC.match(word):
        return True  # a lower-case word is the sentence's, not the name's
    return not ("-" in word.strip("-") or _is_adjective(word))


def _is_adjective(word: str) -> bool:
    return any(r.pos in ("adj", "adja") for r in morph.analyse(word.capitalize()))


def _continues_name(word: str) -> bool:
    """True for a capitalised word that carries the name on in the genitive (`Mazowsza`, `Samorządów`).

    The organiser (`Fundacji …`, `FRDL`) and a person's name may follow the congress's name in a
    sentence without being part of it; a plural genitive (`Gmin`, `Samorządów`) is the name's.
    """
    if word.isupper() and len(word) > 1:
        return False  # an acronym: the organiser (`FRDL`)
    readings = morph.analyse(word)
    if any(r.is_first_name or r.is_surname for r in readings):
        return False
    if is_org_head(word) and any("sg" in r.numbers for r in readings if r.pos == "subst"):
        return False
    return any(r.pos in ("subst", "adj") and "gen" in r.cases for r in readings)


def _dated_before_first(text: str, m: re.Match) -> bool:
    """True when the sentence naming the congress dates its event before the congress first met."""
    first = max(0, m.start() - _SENTENCE_REACH)
    starts = [e.end() for e in _SENTENCE_END.finditer(text, first, m.start())]
    end = _SENTENCE_END.search(text, m.end(), m.end() + _SENTENCE_REACH)
    sentence = text[starts[-1] if starts else first: end.start() if end else m.end() + _SENTENCE_REACH]
    years = [int(d.group(3)) for d in POLISH_DATE.finditer(sentence)]
    years += [int(d.group(3)) for d in NUMERIC_DATE.finditer(sentence)]
    years += [int(d.group(4)) for d in DAY_RANGE.finditer(sentence) if d.group(4)]
    return bool(years) and max(years) < FIRST_YEAR
