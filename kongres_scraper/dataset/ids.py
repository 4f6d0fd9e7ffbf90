"""Deterministic identifiers and the text folding they are derived from.

An id is a prefix plus the first 10 hex digits of the SHA-1 of a folded key, so the same
content gets the same id on every run and on every machine, and a changed id means a
real change in the data (not a new crawl order).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable

_SPECIAL = str.maketrans({"ł": "l", "Ł": "L", "ß": "ss", "đ": "d", "ø": "o", "æ": "ae"})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """ASCII, lower case, words separated by one space: `„Siła” Wspólnoty!` -> `sila wspolnoty`.

    Folding makes keys insensitive to diacritics (`Stępińska` vs `Stepinska`), case,
    quotes, dashes and spacing, which are what varies between sites copying one text.
    Whitespace separates words whatever it folds to, so a text folds word by word, and
    words repeat: each distinct word is folded once (page texts fold at C speed).
    """
    return " ".join(filter(None, _FOLDED.map(text.split())))


class WordMemo:
    """A per-word function remembered for the last few thousand distinct words.

    Page texts repeat their words, so each distinct word is worked on once. A dict lookup
    per word costs half an `lru_cache` hit; the memo is emptied when full (the words that
    matter come back at once), so memory stays bounded however long the crawl.
    """

    def __init__(self, function: Callable[[str], object], size: int = 32_768) -> None:
        self._function = function
        self._size = size
        self._memo: dict[str, object] = {}

    def clear(self) -> None:
        """Forget every word (its work is done; the memory goes to what comes next)."""
        self._memo.clear()

    def map(self, words: list[str]) -> list:
        """The function of each word, in order (the words of one text: set operations find the new ones)."""
        memo = self._memo
        new = set(words).difference(memo)
        if new:
            if len(memo) + len(new) > self._size:
                memo.clear()
                new = set(words)
            for word in new:
                memo[word] = self._function(word)
        return list(map(memo.__getitem__, words))


def _fold_word(word: str) -> str:
    if word.isascii():  # nothing to translate, decompose or drop (numbers, English, most of Polish words' letters)
        return _NON_ALNUM.sub(" ", word.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", word.translate(_SPECIAL))
    # no character below U+0300 combines: the test skips the lookup for most letters
    ascii_only = "".join([ch for ch in decomposed if ch < "\u0300" or not unicodedata.combining(ch)]).lower()
    return _NON_ALNUM.sub(" ", ascii_only).strip()


_FOLDED = WordMemo(_fold_word)


def forget_words() -> None:
    """Empty the memo of folded words: the tables are built, and writing them needs the memory more."""
    _FOLDED.clear()


def make_id(prefix: str, *parts: object) -> str:
    """`prefix-<10 hex>` from the prefix and the parts (None is kept distinct from an empty string).

    The prefix is hashed too, so a topic and a session with the same title do not share
    digits, which would read as a link that is not there.
    """
    key = "\x1f".join([prefix, *("\x00" if p is None else str(p) for p in parts)])
    return f"{prefix}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:10]}"


def person_id(key: str) -> str:
    """The id of the person whose resolution key (match key) is `key`."""
    return make_id("p", key)
