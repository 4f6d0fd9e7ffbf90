"""Polish personal names: honorifics apart from the name, given/family split, gender, match key.

Analysts join people across pages and editions, so a name must come out the same way
whatever the page wrote around it: `prof. UAM dr hab. Paulina Pospieszna` and
`Paulina Pospieszna` are one person with the honorific kept in its own column. Gender
is read from text cues first (`Moderatorka`, `prezeska`) because they are stated by the
source, then from the first name via Morfeusz 2 (SGJP marks first names `imię` with a
gender tag), so the gender balance of panels can be measured.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .. import keys
from .. import lexicon
from . import morph

# One honorific token; several in a row form the honorific ("ks. prof. dr hab.").
# `prof. UAM` / `prof. KUL` (a professor of a named university) and `prof. uczelni`
# are single units. Order matters: longer alternatives first.
_HON_TOKEN = (
    r"(?:prof\.?\s+(?:[A-ZŁŚŻŹĆŃÓ]{2,6}\b(?!\s+[A-ZĄĆĘŁŃÓŚŹŻ]{2,})\.?|uczelni\b|nadzw\.|zw\.|ucz\.)"
    r"|prof\.|prof\b|dr\s+hab\.|dr\s+hab\b|dr\.?|hab\.|inż\.|mgr\.?|lic\.|n\.\s*(?:med|hum|społ|ekon|praw|tech)\.|"
    r"ks\.|o\.|s\.|abp\.?|bp\.?|kard\.|gen\.|bryg\.|dyw\.|broni\b|płk\.?|ppłk\.?|mjr\.?|kpt\.|por\.|"
    r"mec\.|adw\.|r\.\s?pr\.|red\.|sen\.|pos\.|hon\.|doc\.|dypl\.|arch\.)"
)
_HONORIFIC = re.compile(rf"^\s*((?:{_HON_TOKEN}(?![\w])\s*)+)", re.U)
# Honorifics written after the name: `, prof. KUL`, `, prof. uczelni`, `, PhD`.
_POST_HONORIFIC = re.compile(
    r"^\s*,?\s*(prof\.\s+(?:[A-ZŁŚŻŹĆŃÓ]{2,6}\b|uczelni\b|nadzw\.|ucz\.)|PhD\b|Ph\.D\.|MBA\b)", re.U
)
# Religious order letters after a name (`OCD`, `OP`, `SJ`): not part of the name.
_ORDER_SUFFIX = {"OCD", "OP", "SJ", "OFM", "OFMConv", "OSB", "CSsR", "SDB", "SAC", "MIC", "SVD", "OMI", "CM", "SchP"}
_PARTICLES = {"de", "van", "von", "der", "den", "da", "di", "du", "la", "le", "ten", "ter", "del", "della", "dos", "das", "bin", "al", "zu", "af", "y"}

_UPPER = "A-ZĄĆĘŁŃÓŚŹŻÀ-ÖØ-ÞŠŽČŘĎŤŇĽĹŐŰ"
_LOWER = "a-ząćęłńóśźżß-öø-ÿšžčřďťňľĺőű"
# The capital letters a name word starts with (a character class).
NAME_CAPITAL = f"[{_UPPER}]"
# A capitalised name word (also hyphenated `Jean-Benoit`, `Łukasik-Turecka`, `O'Neill`),
# an all-caps one (`BRALCZYK`), or an initial (`T.`).
NAME_WORD = rf"(?:[{_UPPER}](?:[{_LOWER}]+|['’][{_UPPER}][{_LOWER}]+)(?:-[{_UPPER}][{_LOWER}]+)*|[{_UPPER}]{{2,}}(?:-[{_UPPER}]{{2,}})*|[{_UPPER}]\.)"
_NAME_WORD_RE = re.compile(rf"^{NAME_WORD}$")
_INITIAL = re.compile(rf"^[{_UPPER}]\.$")

# Feminine nouns and forms that state a woman's role or office (the source says so).
_FEMININE_CUES = re.compile(rf"\b({lexicon.FEMININE_CUES})\b", re.I)
# Masculine nouns are used for women too ("Dyrektor", "prezes"), so only forms that
# are never said of a woman count as masculine cues.
_MASCULINE_CUES = re.compile(r"(?:^|\s)(ks\.|o\.|pan|zakonnik|biskup|abp\.?|bp\.?)(?=\s|$)", re.I)


@lru_cache(maxsize=morph.WORD_MEMO_SIZE)
def fold(text: str) -> str:
    """Lower case without diacritics (ł→l, ą→a), punctuation and spacing kept: a form that survives
    missing diacritics. (`dataset.ids.fold` also drops punctuation, for ids; the two are not interchangeable.)
    Memoised: it is given family names, word by word."""
    text = text.replace("ł", "l").replace("Ł", "L")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def match_key(name: str) -> str:
    """Key for matching one person across sources: folded, hyphens and spacing unified, initials kept
    (the public folding `kongres_scraper.keys.fold`, which outside tables can apply to their names)."""
    return keys.fold(name)


def split_honorific(text: str) -> tuple[str | None, str]:
    """Leading honorific (`prof. UAM dr hab.`) and the rest of the text, both trimmed."""
    m = _HONORIFIC.match(text)
    if not m:
        return None, text.strip()
    hon = _normalise_honorific(m.group(1))
    return (hon or None), text[m.end():].strip()


def post_honorific(text: str) -> tuple[str | None, str]:
    """An honorific written right after the name (`, prof. KUL`) and the text after it."""
    m = _POST_HONORIFIC.match(text)
    if not m:
        return None, text
    return _normalise_honorific(m.group(1)), text[m.end():]


def join_honorifics(*parts: str | None) -> str | None:
    """Honorifics written before and after a name, joined in reading order."""
    text = " ".join(p for p in parts if p)
    return text or None


def _normalise_honorific(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,")


def is_order_suffix(word: str) -> bool:
    """True for religious-order letters (`OCD`, `SJ`) written after a priest's name."""
    return word in _ORDER_SUFFIX


@lru_cache(maxsize=morph.WORD_MEMO_SIZE)
def is_name_word(word: str) -> bool:
    """True for a capitalised name word, an all-caps name word or an initial (memoised: every word of a
    page's prose is tried)."""
    return bool(_NAME_WORD_RE.match(word))


def is_particle(word: str) -> bool:
    """True for name particles (de, van, von…) that stay lower-case inside a name."""
    return word in _PARTICLES


def smart_title(word: str) -> str:
    """`BRALCZYK` → `Bralczyk`, `OBRACHT-PRONDZYŃSKI` → `Obracht-Prondzyński`; mixed case kept."""
    if word.isupper() and len(word) > 2 and not word.endswith("."):
        return "-".join(p[:1] + p[1:].lower() for p in word.split("-"))
    return word


def split_name(name: str) -> tuple[str | None, str | None]:
    """(given_name, family_name): middle names and initials go with the given name, particles with the family name.

    `Jan Krzysztof Bielecki` → (`Jan Krzysztof`, `Bielecki`); `Szczepan T. Praśkiewicz` →
    (`Szczepan T.`, `Praśkiewicz`); `Ursula von der Leyen` → (`Ursula`, `von der Leyen`).
    """
    words = name.split()
    if not words:
        return None, None
    if len(words) == 1:
        return None, words[0]
    first_particle = next((i for i, w in enumerate(words) if i > 0 and w in _PARTICLES), None)
    if first_particle is not None:
        return " ".join(words[:first_particle]) or None, " ".join(words[first_particle:])
    # A family name written first in capitals ("KOWALSKI Jan") is rare on these pages; the
    # last word is the family name.
    return " ".join(words[:-1]), words[-1]


_PROPER_CLASSES = frozenset({"imię", "nazwisko", "nazwa_geograficzna"})


def _readings(word: str) -> tuple[morph.Reading, ...]:
    """Morfeusz readings of a name word, looked up title-cased: SGJP stores first names
    with one capital letter, and a lower-case query misses some (`jan`, `paulina`). The tests
    on them below are memoised per word, as the same names recur on every page."""
    w = word.strip(".,;:()„”\"")
    if not w:
        return ()
    return morph.analyse(w[:1].upper() + w[1:].lower())


@lru_cache(maxsize=morph.WORD_MEMO_SIZE)
def first_name_gender(word: str) -> str | None:
    """'f' or 'm' when Morfeusz knows the word as a first name in the nominative, else None."""
    w = word.strip(".,;:")
    genders = {
        r.gender for r in _readings(w)
        if r.is_first_name and r.pos == "subst" and "nom" in r.cases and r.lemma.lower() == w.lower()
    }
    genders.discard(None)
    return genders.pop() if len(genders) == 1 else None


@lru_cache(maxsize=morph.WORD_MEMO_SIZE)
def is_first_name(word: str) -> bool:
    """True when Morfeusz knows the word as a first name in the nominative."""
    return any(r.is_first_name and r.pos == "subst" and "nom" in r.cases for r in _readings(word))


def is_unknown_word(word: str) -> bool:
    """True when Morfeusz has no reading of the word (typical of foreign first names)."""
    return not _readings(word)


def is_surname(word: str) -> bool:
    """True when Morfeusz lists the word as a family name (`Marzec`, `Król` are also common nouns)."""
    return any(r.is_surname for r in _readings(word))


@lru_cache(maxsize=morph.WORD_MEMO_SIZE)
def is_common_word(word: str) -> bool:
    """True when the word is only a common Polish word (noun, adjective, verb…), never a proper name."""
    readings = _readings(word)
    return bool(readings) and not any(c in _PROPER_CLASSES for r in readings for c in r.classes)


@lru_cache(maxsize=morph.WORD_MEMO_SIZE)
def is_place(word: str) -> bool:
    """True when Morfeusz knows the word as a geographic name (a city or country)."""
    return any("nazwa_geograficzna" in r.classes for r in _readings(word))


def gender_from_text(text: str) -> str | None:
    """'f'/'m' from a role or office noun in the text (`Moderatorka:`, `prezeska`), else None."""
    if _FEMININE_CUES.search(text):
        return "f"
    if _MASCULINE_CUES.search(text):
        return "m"
    return None


_COPULA_CUE = re.compile(r"^(?:\S+\s+){0,3}?(?:jest|była|był|zostanie|została|został|pełni\s+funkcję|pracuje\s+jako)\s+", re.I)


def gender_of_subject(text: str) -> str | None:
    """'f'/'m' told of the subject of a bio (`Socjolożka, badaczka …`, `Jest prezeską …`, `Ukończyła …`).

    Only the first sentence counts, and only a cue that heads it or follows its copula, or a
    past-tense verb that opens it: a bio names other people too (`współpracuje z prezeską …`).
    """
    first = re.split(r"(?<=[.!?])\s+(?=[A-ZĄĆĘŁŃÓŚŹŻ])", text.strip(), maxsplit=1)[0]
    words = first.split()
    if not words:
        return None
    head = " ".join(words[:2])
    if _FEMININE_CUES.match(head) or re.match(r"^(?:ks\.|o\.|pan)\s", head, re.I):
        return gender_from_text(head)
    m = _COPULA_CUE.match(first)
    if m:
        after = [re.sub(r"ą$", "a", w.strip(",.")) for w in first[m.end():].split()[:2]]  # `prezeską` -> `prezeska`
        cue = gender_from_text(" ".join(after)) if after else None
        if cue:
            return cue
        verb = m.group(0).split()[-1].lower()
        if verb in ("była", "została"):
            return "f"
        if verb in ("był", "został"):
            return "m"
    readings = morph.analyse(words[0].strip(",.").lower())
    if readings and all(r.pos == "praet" and r.numbers == frozenset({"sg"}) for r in readings):
        genders = {r.gender for r in readings}
        if len(genders) == 1:
            return genders.pop()
    return None


def guess_gender(name: str, context: str = "") -> str | None:
    """Gender of a person: a cue stated in the text first, then the first name, then a Polish family name's ending (`-ska`/`-ski`)."""
    cue = gender_from_text(context) if context else None
    if cue:
        return cue
    given, family = split_name(name)
    for word in (given or "").split():
        if _INITIAL.match(word):
            continue
        g = first_name_gender(word) or first_name_gender(word.split("-")[0])  # `Jean-Benoit`
        if g:
            return g
        break
    if family:
        last = family.split("-")[-1].lower()
        if re.search(r"(ska|cka|dzka)$", last):
            return "f"
        if re.search(r"(ski|cki|dzki)$", last):
            return "m"
    return None


def normalise_name(name: str) -> str:
    """A name as the contract wants it: single spaces, all-caps words capitalised, no stray punctuation at the ends.

    The honorific must already be split off (`split_honorific`); this does not remove it.
    """
    words = [smart_title(w) for w in name.replace("\u00a0", " ").split()]
    return " ".join(words).strip(" ,;:")
