"""A cached Morfeusz 2 wrapper: readings of single words and generation of their forms.

Morfeusz is built once per process (`morfeusz()`), and every lookup is memoised, because
the same names and organisation words recur on every page. Words are looked up in lower
case, as the SGJP dictionary wants; readings carry the proper-name class (`imię`,
`nazwisko`, `nazwa_organizacji`, ...) so callers can tell first names from common nouns.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import morfeusz2

CASES = ("nom", "gen", "dat", "acc", "inst", "loc", "voc")
GENDERS = ("m1", "m2", "m3", "f", "n")
# Distinct words each per-word test of the readers keeps memoised (`lru_cache`): enough for the words pages
# repeat (common words, the congress's names), small enough that a long crawl's memory stays flat (about
# a megabyte per test at most).
WORD_MEMO_SIZE = 4096


@dataclass(frozen=True)
class Reading:
    """One reading of a word: lemma, part of speech, number, cases, genders, name classes."""

    lemma: str  # without the SGJP homonym suffix (`Jerzy:Sm1` -> `Jerzy`)
    raw_lemma: str  # as Morfeusz gives it, for generation
    pos: str  # subst, adj, ppas, brev, ign, ...
    numbers: frozenset[str]
    cases: frozenset[str]
    genders: frozenset[str]
    classes: tuple[str, ...]
    tag: str

    @property
    def is_first_name(self) -> bool:
        return "imię" in self.classes

    @property
    def is_surname(self) -> bool:
        return "nazwisko" in self.classes

    @property
    def gender(self) -> str | None:
        """`f` or `m` for a person's reading (m1/m2/m3 collapse to `m`)."""
        if self.genders == {"f"}:
            return "f"
        if self.genders and self.genders <= {"m1", "m2", "m3"}:
            return "m"
        return None


@lru_cache(maxsize=1)
def morfeusz() -> morfeusz2.Morfeusz:
    """The process-wide Morfeusz instance (building it reads the whole dictionary)."""
    return morfeusz2.Morfeusz(expand_tags=False)


@lru_cache(maxsize=8192)
def _parse_tag(tag: str) -> tuple[str, frozenset[str], frozenset[str], frozenset[str]]:
    """Split an SGJP tag into (pos, numbers, cases, genders); SGJP has a few thousand distinct tags, so
    each is split once."""
    parts = tag.split(":")
    pos = parts[0]
    numbers: set[str] = set()
    cases: set[str] = set()
    genders: set[str] = set()
    for p in parts[1:]:
        vals = p.split(".")
        if all(v in ("sg", "pl") for v in vals):
            numbers.update(vals)
        elif all(v in CASES for v in vals):
            cases.update(vals)
        elif all(v in GENDERS for v in vals):
            genders.update(vals)
    return pos, frozenset(numbers), frozenset(cases), frozenset(genders)


@lru_cache(maxsize=65536)
def analyse(word: str) -> tuple[Reading, ...]:
    """All one-token readings of a word; `()` for unknown words.

    A capitalised word gets both its proper-name readings (`Poznaniu` -> Poznań) and the
    common ones; a word in capitals (`JERZEGO`) is looked up title-cased, since SGJP
    stores names with one capital letter.
    """
    if not word or " " in word:
        return ()
    if word.isupper() and len(word) > 3:
        word = word[:1] + word[1:].lower()
    elif not word[:1].isupper():
        word = word.lower()
    out: list[Reading] = []
    for start, end, (orth, lemma, tag, classes, _quals) in morfeusz().analyse(word):
        if start != 0 or end != 1:
            continue  # a multi-token analysis (e.g. `ds.` -> `ds` + `.`): not a reading of one word
        pos, numbers, cases, genders = _parse_tag(tag)
        if pos == "ign":
            continue
        out.append(Reading(lemma.split(":")[0], lemma, pos, numbers, cases, genders, tuple(classes), tag))
    return tuple(out)


def known(word: str) -> bool:
    """True when Morfeusz knows the word."""
    return bool(analyse(word))


@lru_cache(maxsize=16384)
def generate(raw_lemma: str) -> tuple[tuple[str, str], ...]:
    """All (form, tag) pairs of a lemma (the raw SGJP lemma, homonym suffix included)."""
    return tuple((form, tag) for form, _lemma, tag, _c, _q in morfeusz().generate(raw_lemma))


@lru_cache(maxsize=16384)
def inflect(raw_lemma: str, pos: str, number: str, case: str, gender: str | None = None) -> str | None:
    """The form of a lemma with the given number, case and (for adjectives) gender, or None (memoised like
    the lookups: the same organisation heads and adjectives are put into the nominative on every page)."""
    for form, tag in generate(raw_lemma):
        tpos, numbers, cases, genders = _parse_tag(tag)
        if tpos != pos or number not in numbers or case not in cases:
            continue
        if gender and genders and gender not in genders:
            continue
        if "neg" in tag.split(":") or tag.endswith(":com") or tag.endswith(":sup"):
            continue
        return form
    return None


def first_name_readings(word: str) -> tuple[Reading, ...]:
    """Readings of a word as a first name (`imię`), for a capitalised word only."""
    if not word[:1].isupper():
        return ()
    return tuple(r for r in analyse(word) if r.is_first_name and r.pos == "subst")


def match_case(form: str, model: str) -> str:
    """Give `form` the capitalisation of `model` (UPPER, Title or lower)."""
    if model.isupper() and len(model) > 1:
        return form.upper()
    if model[:1].isupper():
        return form[:1].upper() + form[1:]
    return form.lower() if form[:1].isupper() and not model[:1].isupper() else form
