"""Personal names written in any case, back to the nominative: `Bogumiłę Stępińską` -> `Bogumiła Stępińska`.

News posts name people in the case the sentence needs (`zaproszono Panią Bogumiłę
Stępińską`, `Lecha Wałęsę oraz Sędziego Jerzego Stępnia`), and the dataset must hold one
form per person. The first name fixes case and gender (SGJP knows first names as `imię`);
a family name the dictionary knows is lemmatised in that case and gender; one it does not
know is inflected back by suffix rules driven by the first name's case and gender
(`-ską` -> `-ska`, `-skiego` -> `-ski`, `-a` -> ``). Foreign names stay as written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import morph
from .names import smart_title

_CASE_PREFERENCE = ("nom", "gen", "acc", "inst", "dat", "loc")


@dataclass(frozen=True)
class NameForm:
    """Case and gender of a name as written, with the nominative."""

    nominative: str
    case: str | None
    gender: str | None
    ambiguous: bool = False  # the words fit more than one case (`Sebastiana Kurka`: nom f or gen/acc m)


def _person_gender(r: morph.Reading) -> str | None:
    if r.genders == {"f"}:
        return "f"
    if "m1" in r.genders:
        return "m"
    return None


@lru_cache(maxsize=morph.WORD_MEMO_SIZE)
def first_name_options(word: str) -> dict[tuple[str, str], str]:
    """(case, gender) -> nominative first name, for a word SGJP knows as a first name (singular).

    Memoised per word (every capitalised word of a page is tried as a first name): the dict is
    shared between callers, who must not change it."""
    out: dict[tuple[str, str], str] = {}
    w = word.split("-")[0] if "-" in word else word
    for r in morph.analyse(_titled(w)):
        if not r.is_first_name or r.pos != "subst" or "sg" not in r.numbers:
            continue
        g = _person_gender(r)
        if g is None:
            continue
        for c in r.cases:
            if c != "voc":
                out.setdefault((c, g), r.lemma if w == word else r.lemma + word[len(w):])
    return out


def _titled(word: str) -> str:
    return word[:1].upper() + word[1:].lower() if word.isupper() and len(word) > 1 else word


@lru_cache(maxsize=morph.WORD_MEMO_SIZE)
def surname_options(word: str) -> dict[tuple[str, str], str]:
    """(case, gender) -> nominative, from SGJP family-name and adjectival readings of one word (memoised per
    word like `first_name_options`; the dict is shared and must not be changed)."""
    out: dict[tuple[str, str], str] = {}
    w = _titled(word)
    for r in morph.analyse(w):
        if "sg" not in r.numbers:
            continue
        if r.pos == "subst" and r.is_surname:
            g = _person_gender(r)
            if g:
                for c in r.cases - {"voc"}:
                    out.setdefault((c, g), r.lemma)
        elif r.pos == "adj" and (re.search(r"(ski|cki|dzki|ny|ty|wy|ły|ry)$", r.lemma)):
            for g, tag_gender in (("f", "f"), ("m", "m1")):
                if tag_gender in r.genders:
                    form = morph.inflect(r.raw_lemma, "adj", "sg", "nom", tag_gender)
                    if form:
                        for c in r.cases - {"voc"}:
                            out.setdefault((c, g), morph.match_case(form, w))
    return out


def surname_by_rule(word: str, case: str | None, gender: str | None) -> str:
    """Inflect an unknown family name back to the nominative by its ending, given case and gender."""
    if not case or case == "nom" or not gender:
        return word
    w = word
    low = w.lower()
    if gender == "f":
        for old, new in (("ską", "ska"), ("cką", "cka"), ("dzką", "dzka"), ("skiej", "ska"), ("ckiej", "cka"),
                         ("dzkiej", "dzka")):
            if low.endswith(old):
                return w[: len(w) - len(old)] + _same_case(new, w)
        if re.search(r"[^aeiouyąęó]$", low):
            return w  # a woman's consonant-final family name does not decline (Dulkiewicz, Klaus)
        if case in ("acc", "inst") and low.endswith(("ę", "ą")):
            return w[:-1] + _same_case("a", w)
        if case in ("gen", "dat", "loc") and low.endswith(("iej", "ej")) and len(low) > 5:
            return re.sub(r"i?ej$", _same_case("a", w), w, flags=re.I)
        if case == "gen" and re.search(r"[^aeiouyąęó][yi]$", low):
            return w[:-1] + _same_case("a", w)
        if case in ("dat", "loc") and not low.endswith("ej"):
            return _dat_loc_a(w) or w
        return w
    # men
    for old, new in (("skiego", "ski"), ("ckiego", "cki"), ("dzkiego", "dzki"), ("skiemu", "ski"), ("ckiemu", "cki"),
                     ("skim", "ski"), ("ckim", "cki"), ("dzkim", "dzki")):
        if low.endswith(old):
            return w[: len(w) - len(old)] + _same_case(new, w)
    if case in ("gen", "acc") and low.endswith("iego") and len(low) > 6:
        return w[:-4] + _same_case("i", w)
    if case in ("gen", "acc") and low.endswith("ego") and len(low) > 5:
        return w[:-3] + _same_case("y", w)
    if low.endswith(("ko", "ro", "uk", "ek")) and case in ("gen", "acc"):
        return w  # Ukrainian -enko / -ko names do not decline in Polish texts
    if case in ("gen", "acc") and re.search(r"[^aeiouyąęó]a$", low):
        return w[:-1]
    if case == "acc" and low.endswith("ę"):
        return w[:-1] + _same_case("a", w)
    if case == "gen" and re.search(r"[^aeiouyąęó][yi]$", low) and not low.endswith(("ski", "cki", "dzki")):
        return w[:-1] + _same_case("a", w)
    if case == "inst" and low.endswith("em") and len(low) > 4:
        return w[:-2]
    if case == "dat" and low.endswith("owi") and len(low) > 5:
        return w[:-3]
    if case == "dat":
        return _dat_loc_a(w) or w  # a man's dative in -e is an -a name (`Grzegorzowi Schetynie`)
    return w


# Dative/locative endings of -a family names, back to the nominative (`Schetynie` -> `Schetyna`,
# `Kępce` -> `Kępka`, `Zarębie` -> `Zaręba`): the consonant alternations undone.
_DAT_LOC_A = (("dzie", "da"), ("cie", "ta"), ("rze", "ra"), ("dze", "ga"), ("sze", "cha"), ("ce", "ka"),
              ("nie", "na"), ("bie", "ba"), ("wie", "wa"), ("mie", "ma"), ("pie", "pa"), ("sie", "sa"),
              ("le", "ła"), ("zie", "za"), ("fie", "fa"))


def _dat_loc_a(word: str) -> str | None:
    low = word.lower()
    for old, new in _DAT_LOC_A:
        if low.endswith(old) and len(low) > len(old) + 2:
            return word[: len(word) - len(old)] + _same_case(new, word)
    return None


def _same_case(suffix: str, model: str) -> str:
    return suffix.upper() if model.isupper() else suffix


def unknown_first_name_by_rule(word: str, case: str | None, gender: str | None = None) -> str:
    """A first name the dictionary does not know (`Iryny`, `Mykoły`, a man's `Horsta`, `Jeanem`) back to the
    nominative by its ending; a man's consonant-final foreign name takes Polish endings (`-a`, `-em`, `-owi`)."""
    low = word.lower()
    if gender == "m":
        if case == "acc" and re.search(r"[^aeiouyąęó]a$", low) and len(low) > 3:
            return word[:-1]
        if case == "gen" and re.search(r"[^aeiouyąęó]a$", low) and len(low) > 3:
            return word[:-1]  # (a man's name in -a has its genitive in -y: `Mykoły`, handled below)
        if case == "inst" and re.search(r"[^aeiouyąęó]em$", low) and len(low) > 4:
            return word[:-2]
        if case == "dat" and low.endswith("owi") and len(low) > 5:
            return word[:-3]
    if case == "gen" and re.search(r"[^aeiouyąęó][yi]$", low):
        return word[:-1] + _same_case("a", word)
    if case in ("acc",) and low.endswith("ę"):
        return word[:-1] + _same_case("a", word)
    if case == "inst" and low.endswith("ą"):
        return word[:-1] + _same_case("a", word)
    return word


def _pick(options: list[tuple[str, str]], prefer_case: str | None) -> tuple[str, str] | None:
    if not options:
        return None
    def key(o: tuple[str, str]) -> tuple[int, int]:
        return (0 if o[0] == prefer_case else 1, _CASE_PREFERENCE.index(o[0]) if o[0] in _CASE_PREFERENCE else 9)
    return min(options, key=key)


def to_nominative(given: list[str], surname: list[str], prefer_case: str | None = None,
                  gender_hint: str | None = None) -> NameForm:
    """Nominative of a name split into given-name words and family-name words (hyphenated parts inside)."""
    fopts = first_name_options(given[0]) if given else {}
    s_main = surname[-1] if surname else ""
    sparts = s_main.split("-")
    sopts_parts = [surname_options(p) for p in sparts]
    candidates: list[tuple[str, str]] = list(fopts)
    if candidates:
        # cases and genders the family name can agree with (an unknown or indeclinable part agrees with any)
        agreeing = [o for o in candidates if all(not so or o in so or _indeclinable(p, o) for p, so in zip(sparts, sopts_parts))]
        candidates = agreeing or candidates
    else:
        for so in sopts_parts:
            if so:
                candidates = list(so)
                break
    if gender_hint:
        candidates = [o for o in candidates if o[1] == gender_hint] or candidates
    choice = _pick(candidates, prefer_case)
    case, gender = choice if choice else (prefer_case, gender_hint or _gender_by_ending(given, sparts))
    # The gender stated for the person: the first name's (or a hint's), or one the family name
    # allows in that case alone. `Dean`, `Simon` are family names of men and women alike, so
    # `Rikki Dean` has no gender from the dictionary; the guess above only drives the inflection.
    said = gender_hint or _stated_gender(fopts, candidates, case, given, sparts)
    # given names
    out_given: list[str] = []
    for i, g in enumerate(given):
        if re.fullmatch(r"\w\.", g):
            out_given.append(g.upper())
            continue
        opts = first_name_options(g)
        if choice and choice in opts:
            out_given.append(smart_title(opts[choice]) if g.isupper() else opts[choice])
        elif opts and case:
            same = [v for (c, gg), v in opts.items() if c == case]
            out_given.append(same[0] if same else smart_title(g))
        elif choice and choice in surname_options(g):
            out_given.append(smart_title(surname_options(g)[choice]))  # `Philippa` known only as a family name
        else:
            out_given.append(smart_title(unknown_first_name_by_rule(g, case, gender)))
    # family name, part by part
    out_parts: list[str] = []
    for p, so in zip(sparts, sopts_parts):
        if case == "nom" or not case:
            out_parts.append(smart_title(p))
        elif choice and choice in so:
            out_parts.append(smart_title(so[choice]) if p.isupper() else so[choice])
        else:
            out_parts.append(smart_title(surname_by_rule(p, case, gender)))
    particles = [smart_title(x) if x[:1].isupper() else x for x in surname[:-1]]
    name = " ".join([*out_given, *particles, "-".join(out_parts)]).strip()
    return NameForm(nominative=name, case=case, gender=said, ambiguous=len({c for c, _ in candidates}) > 1)


def _stated_gender(fopts: dict[tuple[str, str], str], candidates: list[tuple[str, str]], case: str | None,
                   given: list[str], sparts: list[str]) -> str | None:
    """The gender the name itself tells: the first name's in the chosen case, else one the family name
    allows alone (in that case), else a Polish -ski/-ska ending; None when the name fits both."""
    pool = [o for o in candidates if o[0] == case] or candidates
    genders = {g for _, g in pool}
    if len(genders) == 1:
        return genders.pop()
    if fopts:
        return None  # a first name of both genders in this case (rare): not told
    return _polish_ending_gender(sparts)


def _polish_ending_gender(sparts: list[str]) -> str | None:
    last = sparts[-1].lower() if sparts else ""
    if re.search(r"(ski|cki|dzki|skiego|ckiego|dzkiego|skim|ckim|skiemu|ckiemu)$", last):
        return "m"
    if re.search(r"(ska|cka|dzka|ską|cką|dzką|skiej|ckiej)$", last):
        return "f"
    return None


def _gender_by_ending(given: list[str], sparts: list[str]) -> str | None:
    """Gender of a name nobody knows, from a Polish family-name or first-name ending."""
    last = sparts[-1].lower() if sparts else ""
    if re.search(r"(ski|cki|dzki|skiego|ckiego|dzkiego|skim|ckim|skiemu|ckiemu)$", last):
        return "m"
    if re.search(r"(ska|cka|dzka|ską|cką|dzką|skiej|ckiej)$", last):
        return "f"
    first = given[0].lower() if given else ""
    if re.search(r"[^aeiouyąęó]$", first):
        return "m"
    return None


def _indeclinable(part: str, option: tuple[str, str]) -> bool:
    """A woman's consonant-final family name fits any case (`Agatę Bielik-Robson`)."""
    return option[1] == "f" and bool(re.search(r"[^aeiouyąęó]$", part.lower()))
