"""Organisation names to the nominative, and affiliation text split into position and organisations.

Pages name an organisation in whatever case the sentence needs (`w Departamencie Spraw
Międzynarodowych i Migracji MSWiA`, `ze Stowarzyszenia Gazet Lokalnych`); analysts join on
the nominative (`Departament Spraw Międzynarodowych i Migracji MSWiA`). Only the head noun
and the adjectives agreeing with it change: genitive complements (`Spraw Międzynarodowych`),
names in apposition (`Fundacja Ukraiński Dom`) and unknown words (`Watchdog Polska`) stay.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import lexicon
from . import morph

# The vocabulary (head nouns, position words, bodies, …) lives in `lexicon`; these are its local names.
ORG_HEADS = lexicon.ORG_HEADS
_TERRITORIAL = lexicon.TERRITORIAL
_BODIES = lexicon.BODIES
_CREATORS = lexicon.CREATORS
_PORTFOLIO = lexicon.PORTFOLIO
_INSTITUTIONS = lexicon.INSTITUTIONS
# Prepositions that make the rest of a position a description (`poseł do Parlamentu Europejskiego`).
_DESCRIPTIVE_PREPS = frozenset({"do", "o", "nad", "ds.", "ds", "dla", "od", "wobec", "przeciw"})
POSITIONS = lexicon.POSITIONS
_POSITION_ADJ = lexicon.POSITION_ADJ
_POSITION_FORMS = lexicon.POSITION_FORMS
_PAST = lexicon.PAST_POSITION
# States and nations: `Prezydent RP` is a position, not an affiliation.
_STATES = frozenset({"rp", "polska", "polski", "rzeczypospolitej polskiej", "rzeczpospolitej polskiej",
                     "rzeczpospolita polska", "ue", "unia europejska", "unii europejskiej"})
_PREPOSITIONS = {"z": ("gen",), "ze": ("gen",), "w": ("loc",), "we": ("loc",), "od": ("gen",), "do": ("gen",),
                 "dla": ("gen",), "przy": ("loc",), "na": ("loc", "acc"), "u": ("gen",)}
_CASE_ORDER = ("gen", "loc", "inst", "dat", "acc", "nom")
_PUNCT = "„”\"'«»()[]"
_ROMAN = re.compile(r"^[IVXLC]+$")
_GENERIC_ACRONYMS = lexicon.GENERIC_ACRONYMS
# Phrases that end an organisation's name and describe the position (`… w zakresie obrony cywilnej`).
_SCOPE = re.compile(r"\s+(?:(?:w|we)\s+(?:zakresie|obszarze|dziedzinie|sprawie|sprawach|ramach|zespole\s+ds\.|latach|"
                    r"kadencji|okresie)\b|(?:od|do)\s+\d{4}\b|\(?\d{4}\s*[–-]).*$", re.I)
_SPLIT = re.compile(r"\s*[,;]\s+|\s+(?:i|oraz)\s+|\s+[–—]\s+")


@dataclass
class _Token:
    text: str
    core: str  # without surrounding quotes/brackets

    @property
    def cap(self) -> bool:
        return self.core[:1].isupper()

    @property
    def acronym(self) -> bool:
        return _is_acronym(self.core)


@lru_cache(maxsize=morph.WORD_MEMO_SIZE)
def _is_acronym(core: str) -> bool:
    """Mostly capitals, the second letter too (`KUL`, `MSWiA`), not a roman numeral; memoised per word."""
    if _ROMAN.match(core):
        return False
    letters = [c for c in core if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= max(2, len(letters) - 2) and core[1:2].isupper()


def _tokens(text: str) -> list[_Token]:
    return [_Token(t, t.strip(_PUNCT)) for t in text.split()]


@lru_cache(maxsize=morph.WORD_MEMO_SIZE)
def is_position_word(word: str) -> bool:
    """True for a word that names a position (`prezes`, `ekspertką`, `Dyrektor`); memoised per word."""
    w = word.strip(_PUNCT + ",.").lower()
    if w in _POSITION_FORMS or w in POSITIONS:
        return True
    if any(r.pos == "subst" and r.genders == {"m1"} and "nazwa_pospolita" in r.classes and r.numbers == {"sg"}
           for r in morph.analyse(w)) and not is_org_head(w):
        return True  # a personal noun (`urzędnik`, `pisarz`)
    return any(r.lemma.lower() in POSITIONS and r.pos == "subst" or r.lemma.lower() in _POSITION_ADJ
               and r.pos == "adj" for r in morph.analyse(w))


def _listed_position(word: str) -> bool:
    """A position from the lexicon (not merely a personal noun: `Migrant Info Point` is a name)."""
    w = word.strip(_PUNCT + ",.").lower()
    return w in POSITIONS or w in _POSITION_FORMS or any(
        r.lemma.lower() in POSITIONS and r.pos in ("subst", "depr") or r.lemma.lower() in _POSITION_ADJ and r.pos == "adj"
        for r in morph.analyse(w))


@lru_cache(maxsize=morph.WORD_MEMO_SIZE)
def is_org_head(word: str) -> bool:
    """True for a noun that heads organisation names (`Fundacji`, `Urzędzie`), or an acronym; memoised per word."""
    core = word.strip(_PUNCT + ",.")
    if _Token(core, core).acronym:
        return True
    return any(r.pos == "subst" and r.lemma.lower() in ORG_HEADS for r in morph.analyse(core))


# --- nominative ---------------------------------------------------------------------------------

def _agrees(adj: morph.Reading, number: str, case: str, gender: str) -> bool:
    return number in adj.numbers and case in adj.cases and (not adj.genders or gender in adj.genders)


@lru_cache(maxsize=morph.WORD_MEMO_SIZE)
def _adj_readings(word: str) -> tuple[morph.Reading, ...]:
    """Adjectival readings of a word (memoised per word, like the noun readings below)."""
    return tuple(r for r in morph.analyse(word) if r.pos in ("adj", "ppas", "pact"))


def _head_choice(tokens: list[_Token], hint: tuple[str, ...]) -> tuple[int, morph.Reading, str] | None:
    """Find the head noun: (index, reading, case) with leading adjectives agreeing, best first."""
    lead = 0
    while lead < len(tokens) and _adj_readings(tokens[lead].core) and not _subst_readings(tokens[lead].core, org_only=True):
        lead += 1
    if lead >= len(tokens):
        return None
    head = tokens[lead]
    if head.acronym:
        return None
    best: tuple[int, tuple[int, morph.Reading, str]] | None = None
    leading = [_adj_readings(t.core) for t in tokens[:lead]]
    nxt = tokens[lead + 1].core if lead + 1 < len(tokens) else ""
    nxt_adjectives = _adj_readings(nxt) if nxt else ()
    for r, gender, case, number, own in _head_readings(head.core):
        if lead and not all(any(_agrees(a, number, case, gender) for a in adjs) for adjs in leading):
            continue
        score = own
        score += 4 if case in hint else 0
        score += 1 if any(_agrees(a, number, case, gender) for a in nxt_adjectives) else 0
        if best is None or score > best[0]:
            best = (score, (lead, r, case))
    return best[1] if best else None


@lru_cache(maxsize=morph.WORD_MEMO_SIZE)
def _head_readings(word: str) -> tuple[tuple[morph.Reading, str, str, str, int], ...]:
    """(reading, gender, case, number, score) of each way a word can head an organisation's name, in the order
    `_head_choice` weighs them, with the score the word gives alone (an organisation head, a common noun, the
    singular, a usual case); memoised per word."""
    out: list[tuple[morph.Reading, str, str, str, int]] = []
    for r in _subst_readings(word):
        gender = next(iter(sorted(r.genders)), "")
        own = (8 if r.lemma.lower() in ORG_HEADS else 0) + (2 if "nazwa_pospolita" in r.classes else 0)
        for case in r.cases:
            if case == "voc":
                continue
            for number in sorted(r.numbers):
                score = own + (4 if number == "sg" else 0) - (_CASE_ORDER.index(case) if case in _CASE_ORDER else 9)
                out.append((r, gender, case, number, score))
    return tuple(out)


@lru_cache(maxsize=morph.WORD_MEMO_SIZE)
def _subst_readings(word: str, org_only: bool = False) -> tuple[morph.Reading, ...]:
    out = [r for r in morph.analyse(word) if r.pos in ("subst", "depr") and not r.is_first_name and not r.is_surname]
    return tuple(r for r in out if r.lemma.lower() in ORG_HEADS) if org_only else tuple(out)


def to_nominative(name: str) -> str:
    """An organisation name in the nominative: head noun and agreeing adjectives change, the rest stays."""
    text = " ".join(name.split()).strip(" ,;:.")
    tokens = _tokens(text)
    hint: tuple[str, ...] = ()
    if len(tokens) > 1 and tokens[0].text.lower() in _PREPOSITIONS:
        hint = _PREPOSITIONS[tokens[0].text.lower()]
        tokens = tokens[1:]
    if not tokens:
        return text
    choice = _head_choice(tokens, hint)
    if choice is None:
        return " ".join(t.text for t in tokens)
    idx, reading, case = choice
    if case == "nom":
        return " ".join(t.text for t in tokens)
    number = "sg" if "sg" in reading.numbers else "pl"
    gender = next(iter(sorted(reading.genders)), "")
    out = [t.text for t in tokens]
    for i in range(idx):
        out[i] = _reinflect_adj(tokens[i], number, case, gender) or out[i]
    head_form = morph.inflect(reading.raw_lemma, reading.pos, number, "nom")
    if head_form:
        out[idx] = tokens[idx].text.replace(tokens[idx].core, morph.match_case(head_form, tokens[idx].core))
    for i in range(idx + 1, len(tokens)):
        if tokens[i - 1].text.endswith(("”", '"')) or tokens[i].text.startswith(("„", '"')):
            break  # a quoted name ends here
        new = _reinflect_adj(tokens[i], number, case, gender)
        if not new:
            break
        out[i] = new
    return " ".join(out)


def _reinflect_adj(tok: _Token, number: str, case: str, gender: str) -> str | None:
    """The nominative of an adjective agreeing with the head, or None when it does not agree."""
    for a in _adj_readings(tok.core):
        if _agrees(a, number, case, gender):
            form = morph.inflect(a.raw_lemma, "adj", number, "nom", gender)
            if form:
                return tok.text.replace(tok.core, morph.match_case(form, tok.core))
    return None


# --- affiliation split ----------------------------------------------------------------------------

def _segments(text: str) -> list[str]:
    """Split at commas, semicolons, ` i ` and ` oraz ` where a new position or organisation starts."""
    parts: list[str] = []
    pos = 0
    for m in _SPLIT.finditer(text):
        left, right = text[pos:m.start()], text[m.end():]
        first = right.split(" ", 1)[0] if right else ""
        if not first or not left.strip():
            continue
        if m.group(0).strip(" ") in (",", ";", "–", "—"):
            starts_new = True
        else:
            starts_new = is_position_word(first) or (
                first[:1].isupper() and is_org_head(first) and not _Token(first, first.strip(_PUNCT)).acronym
                and not _is_territorial(first)
                and not _inside_org_name(left)
            ) or _adjective_then_head(right, left)
        if starts_new:
            parts.append(left)
            pos = m.end()
    parts.append(text[pos:])
    return [p.strip(" ,;.") for p in parts if p.strip(" ,;.")]


def _adjective_then_head(right: str, left: str) -> bool:
    """`… i Patriotycznego Związku Organizacji`: a capitalised adjective and an organisation head start a
    second organisation (`Ministerstwo Administracji i Cyfryzacji` goes on: no head after the adjective)."""
    words = right.split()
    if len(words) < 2 or not words[0][:1].isupper() or _inside_org_name(left) or not _adj_readings(words[0].strip(_PUNCT)):
        return False
    nxt = words[1].strip(_PUNCT + ",")
    return nxt[:1].isupper() and any(r.pos == "subst" and r.lemma.lower() in ORG_HEADS
                                     for r in morph.analyse(nxt)) and not _is_territorial(nxt)


def _is_territorial(word: str) -> bool:
    return any(r.lemma.lower() in _TERRITORIAL for r in _subst_readings(word.strip(_PUNCT)))


def _inside_org_name(left: str) -> bool:
    """True when ` i ` follows an open quote (`Fundacja „Wolność i Demokracja”`)."""
    return left.count("„") > left.count("”") or left.count('"') % 2 == 1


def _parse_segment(seg: str) -> tuple[list[str], list[str], bool]:
    """Split one segment into (position words, organisations, past role)."""
    scope = _SCOPE.search(seg)
    if scope and scope.start() > 0:
        pos_words, orgs, past = _parse_segment(seg[:scope.start()])
        return pos_words + seg[scope.start():].split(), orgs, past
    toks = seg.split()
    if not toks:
        return [], [], False
    generic = _GENERIC_BEFORE_NAME.search(seg)
    if generic:
        before = seg[:generic.start()].strip(" ,")
        return ([before] if before else []), [generic.group("name")], False
    office = _OFFICE.match(seg)
    if office:  # `Rzecznik Praw Obywatelskich`: the office is the institution
        return [seg], [to_nominative(office.group(0))], False
    if toks[0][:1].isupper() and _ROMAN.match(toks[0]) and len(toks) > 1 and is_position_word(toks[1]):
        return [seg], [], False  # `I Namiestnik Królestwa`: an ordinal title, not an organisation
    tied = _AFFILIATED.search(seg)
    if tied and tied.end() < len(seg):
        # `weteran sektora, obecnie związany ze stowarzyszeniem Idea Carpathia`
        org = seg[tied.end():].strip()
        if org[:1].islower() and is_org_head(org.split()[0]) and org.split()[1:2] and org.split()[1][:1].isupper():
            org = org[:1].upper() + org[1:]  # `stowarzyszeniem Idea Carpathia`: the head starts the name
        before = seg[:tied.start()].strip(" ,")
        return ([before] if before else []), [to_nominative(org)] if org[:1].isupper() else [], False
    if toks[0].lower() in ("z", "ze") and len(toks) > 1:
        return [], [to_nominative(seg)], False
    if toks[0].lower() in ("w", "we") and len(toks) > 1:
        return [], [to_nominative(seg)], False
    first_is_org = toks[0].strip(_PUNCT)[:1].isupper() and not any(
        r.pos in ("subst", "depr") and r.lemma.lower() in POSITIONS for r in morph.analyse(toks[0].strip(_PUNCT)))
    if first_is_org:
        choice = _head_choice(_tokens(seg), ())
        first_is_org = bool(choice and choice[1].lemma.lower() in ORG_HEADS)
    if first_is_org or not is_position_word(toks[0]):
        if toks[0].strip(_PUNCT)[:1].isupper() or _Token(toks[0], toks[0]).acronym:
            return [], [to_nominative(seg)], False
        # a lowercase phrase that names no known position: keep it as the position
        return [seg], [], False
    past = any(r.lemma.lower() in _PAST for r in morph.analyse(toks[0].lower()) if r.pos == "adj")
    creator = False
    i = 0
    pos_words: list[str] = []
    after_ds = False
    while i < len(toks):
        t = toks[i]
        core = t.strip(_PUNCT)
        low = t.lower()
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if low in ("w", "we", "z", "ze", "przy", "na") and nxt.strip(_PUNCT)[:1].isupper():
            org = " ".join(toks[i:])
            return pos_words, [] if past else [to_nominative(org)], past
        if low in _DESCRIPTIVE_PREPS:
            after_ds = True
            pos_words.append(t)
            i += 1
            continue
        if after_ds or _ROMAN.match(core) or not core[:1].isupper() and not _Token(core, core).acronym:
            creator = creator or low.strip(_PUNCT) in _CREATORS or any(
                r.lemma.lower() in _CREATORS for r in morph.analyse(core))
            pos_words.append(t)
            i += 1
            continue
        if (_listed_position(core) or (i == 0 or core[:1].islower()) and is_position_word(core)) and not is_org_head(core):
            creator = creator or any(r.lemma.lower() in _CREATORS for r in morph.analyse(core)) or core.lower() in _CREATORS
            pos_words.append(t)
            i += 1
            continue
        # a unit named in the position, then `w <organisation>` (`Szef Zarządu Planowania … w Sztabie Generalnym`)
        rest = toks[i:]
        cut = next((k for k in range(1, len(rest) - 1) if rest[k].lower() in ("w", "we")
                    and is_org_head(rest[k + 1]) and not _is_territorial(rest[k + 1])), None)
        described = bool(pos_words) and pos_words[-1][:1].islower() and not is_position_word(pos_words[-1]) \
            and pos_words[-1].lower() not in ("ds.", "ds")
        body = any(r.lemma.lower() in _BODIES for r in _subst_readings(core))
        if cut is not None and (described or body or not _names_organisation(" ".join(rest[:cut]))):
            pos_words.extend(rest[:cut])
            org = " ".join(rest[cut:])
            return pos_words, [] if past or creator else [to_nominative(org)], past
        # a capitalised body (`Zarządu`) followed by another organisation belongs to the position
        if any(r.lemma.lower() in _BODIES for r in _subst_readings(core)) and nxt and nxt.strip(_PUNCT)[:1].isupper() \
                and is_org_head(nxt) and not _is_territorial(nxt):
            pos_words.append(t)
            i += 1
            continue
        org = " ".join(toks[i:])
        last = toks[-1].strip(_PUNCT + ",.")
        if body and len(toks) - i >= 2 and _Token(last, last).acronym and last not in _GENERIC_ACRONYMS:
            # `przewodniczący Rady Fundatorów FRDL`, `członek Zarządu FRDL`: the governing body belongs to the
            # position, the acronym is the organisation
            return pos_words + toks[i:-1], [] if past else [last], past
        portfolio = bool(pos_words) and any(r.lemma.lower() in _PORTFOLIO for r in morph.analyse(pos_words[-1].lower())) \
            and not any(r.lemma.lower() in _INSTITUTIONS for r in _subst_readings(core))
        if _municipal_office(pos_words, core) and not past:
            return pos_words, [_municipality(org)], past  # `wójt Gminy Lesznowola`: the municipality
        if past or creator or portfolio or org.strip(_PUNCT).lower() in _STATES or not _names_organisation(org) \
                or core in _GENERIC_ACRONYMS:
            pos_words.extend(toks[i:])
            return pos_words, [], past
        return pos_words, [to_nominative(org)], past
    return pos_words, [], past


def _municipal_office(pos_words: list[str], core: str) -> bool:
    """`wójt Gminy Y`, `Burmistrz Miasta i Gminy Z`: a municipal head and their capitalised municipality."""
    if not pos_words or not core[:1].isupper():
        return False
    head = pos_words[-1].strip(_PUNCT).lower()
    if not (head in lexicon.MUNICIPAL_HEADS or any(r.lemma.lower() in lexicon.MUNICIPAL_HEADS for r in morph.analyse(head))):
        return False
    return any(r.lemma.lower() in lexicon.MUNICIPALITIES for r in _subst_readings(core))


def _municipality(org: str) -> str:
    """`Miasta i Gminy Góry Kalwarii` -> `Miasto i Gmina Góra Kalwaria`: each unit in the nominative, and the
    place's name too unless it is already written so (`wójt Gminy Leśna Wola`: official usage keeps the name
    of a gmina undeclined after its unit, and `Leśna` must not be read as the genitive of `Leśno`)."""
    toks = _tokens(org)
    out: list[str] = []
    i = 0
    while i < len(toks):  # the units and the conjunctions between them
        tok = toks[i]
        units = [r for r in _subst_readings(tok.core) if r.lemma.lower() in lexicon.MUNICIPALITIES and "gen" in r.cases]
        if units and tok.cap:
            form = morph.inflect(units[0].raw_lemma, units[0].pos, "sg", "nom")
            out.append(morph.match_case(form, tok.core) if form else tok.text)
        elif tok.core.lower() in ("i", "oraz") and out:
            out.append(tok.text)
        else:
            break
        i += 1
    place = toks[i:]
    if place and _place_in_genitive(place):
        out.extend(_place_nominative(place))
    else:
        out.extend(t.text for t in place)
    return " ".join(out)


def _place_in_genitive(place: list[_Token]) -> bool:
    """A place's name is declined when each of its words the dictionary knows has a genitive reading and some
    word has no nominative one (`Góry Kalwarii`, `Starego Boru`); `Leśna Wola` (no genitive for `Wola`) and
    `Zielonki` (also a plural nominative) are taken as written, and so is a word the dictionary does not know."""
    known = [morph.analyse(t.core) for t in place]
    known = [rs for rs in known if rs]
    if not known or len(known) < len(place):
        return False
    return all(any("gen" in r.cases for r in rs) for rs in known) and \
        any(not any("nom" in r.cases for r in rs) for rs in known)


def _place_nominative(place: list[_Token]) -> list[str]:
    """The words of a place's name from the genitive to the nominative: nouns to their lemma (a geographic
    name first), adjectives agreeing with the first noun's gender (`Starego Boru` -> `Stary Bór`)."""
    nouns: dict[int, morph.Reading] = {}
    for k, tok in enumerate(place):
        gen = [r for r in morph.analyse(tok.core) if r.pos == "subst" and "gen" in r.cases and "sg" in r.numbers
               and not r.is_first_name]
        gen.sort(key=lambda r: "nazwa_geograficzna" not in r.classes)
        if gen and not _adj_readings(tok.core):
            nouns[k] = gen[0]
    if not nouns:
        return [t.text for t in place]
    gender = next(iter(sorted(nouns[min(nouns)].genders)), "")
    words = []
    for k, tok in enumerate(place):
        if k in nouns:
            words.append(tok.text.replace(tok.core, morph.match_case(nouns[k].lemma, tok.core)))
        else:
            words.append(_reinflect_adj(tok, "sg", "gen", gender) or tok.text)
    return words


def _names_organisation(org: str) -> bool:
    """True when a position's complement names an organisation, not a town, state or work.

    It does when it starts with an organisation head noun or an acronym, or with a word the
    dictionary does not know (a brand or foreign name: `Migrant Info Point`); a territorial
    unit or a place (`prezydent Miasta Wrocławia`, `Prezydent Gdańska`) is the mayor's town.
    """
    toks = _tokens(org)
    if not toks:
        return False
    first = toks[0]
    if first.acronym:
        return True
    readings = morph.analyse(first.core)
    if not readings:
        return True
    if _is_territorial(first.core):
        return False
    if any(r.pos == "subst" and r.lemma.lower() in ORG_HEADS for r in readings):
        return True
    if any("nazwa_geograficzna" in r.classes for r in readings):
        return False
    choice = _head_choice(toks, ())
    if choice and choice[1].lemma.lower() in ORG_HEADS and choice[1].lemma.lower() not in _TERRITORIAL:
        return True
    if any(not morph.known(t.core) and t.cap for t in toks[1:] if t.core.lower() not in ("w", "we")):
        return True  # a brand or a foreign name
    nouns = [r for r in readings if r.pos == "subst"]
    if nouns and all("gen" not in r.cases for r in nouns) and any("nom" in r.cases for r in nouns):
        return True  # a position governs the genitive; a nominative is an indeclinable name (`Migrant Info Point`)
    # a quoted title after a position (`redaktor „Rzeczpospolitej”`) names a newspaper or a brand
    if first.text.startswith(("„", '"')):
        return True
    # any other capitalised noun phrase of two words or more (`Ochotniczej Straży Pożarnej`) names an
    # organisation; one word after a minister (`Ministra Cyfryzacji`) is a portfolio
    return first.cap and len([t for t in toks if t.cap]) >= 2 and any(r.pos in ("subst", "adj") for r in readings)


def _unquote(org: str) -> str:
    """`„Rzeczpospolita”` -> `Rzeczpospolita` (a name quoted as a whole)."""
    if len(org) > 2 and org[0] in "„\"" and org[-1] in "”\"" and org.count("„") + org.count('"') <= 2:
        return org[1:-1]
    return org


_SLASH = re.compile(r"\s*/\s*")
_OFFICE = re.compile(lexicon.OFFICE_INSTITUTION)
# A company form that lost its last full stop to the sentence's (`sp. z o.o`, `S.A`).
_COMPANY_CUT = re.compile(r"(?:\bo\.\s?o|\bS\.\s?A|\bsp\.\s?[kjp]|\bs\.\s?c)$")
# `z firmy Deloitte`, `w spółce Orlen`: a generic noun in lower case, then the organisation's own name in the
# nominative (an apposition: it does not decline)
_GENERIC_BEFORE_NAME = re.compile(rf"(?:^|\s)(?:(?:z|ze|w|we)\s+)?(?:{lexicon.GENERIC_ORG_NOUNS})\s+(?P<name>[A-ZĄĆĘŁŃÓŚŹŻ„\"].*)$")
_AFFILIATED = re.compile(rf"\b{lexicon.AFFILIATED}\s+", re.I)


def _split_slashes(text: str) -> str:
    """`KUL/Fundacja Rozwoju KUL` -> `KUL, Fundacja Rozwoju KUL`; `Klon/Jawor` stays."""
    def repl(m: re.Match) -> str:
        left = text[:m.start()].split(" ")[-1]
        right = text[m.end():].split(" ")[0]
        if _Token(left, left.strip(_PUNCT)).acronym or (is_org_head(right) and not _Token(right, right).acronym):
            return ", "
        return m.group(0)
    return _SLASH.sub(repl, text)


def _drop_foreign_place(org: str) -> str:
    """`Centre for Deliberative Democracy … w Canberze` -> without the Polish locative added to a foreign name."""
    m = re.match(r"^(?P<name>.+?)\s+w\s+(?P<place>[A-ZĄĆĘŁŃÓŚŹŻ]\S+)$", org)
    if not m:
        return org
    words = [w for w in m.group("name").split() if w[:1].isupper()]
    foreign = sum(1 for w in words if not morph.known(w)) >= max(2, (len(words) + 1) // 2)
    place = any("nazwa_geograficzna" in r.classes for r in morph.analyse(m.group("place")))
    return m.group("name") if foreign and place else org


def _drop_participle_clause(org: str) -> str:
    """`Ośrodek Wsparcia Ekonomii Społecznej prowadzony przez Fundację X` -> the name before the participle
    clause that describes it (a lower-case participle never continues a name)."""
    words = org.split(" ")
    for k, w in enumerate(words[1:], 1):
        core = w.strip(_PUNCT + ",.")
        readings = morph.analyse(core) if core[:1].islower() else ()
        nxt = words[k + 1] if k + 1 < len(words) else ""
        if any(r.pos in ("ppas", "pact") for r in readings) and (not nxt or nxt[:1].islower()):
            return " ".join(words[:k]).rstrip(" ,")
    return org


def split_affiliation(text: str) -> tuple[str | None, list[str]]:
    """Split `ekspert w Departamencie X` into ("ekspert", ["Departament X"]); organisations in the nominative."""
    text = " ".join((text or "").split())
    text = text.strip(" ,;.–-")
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip()
    elif text.endswith(")") and text.count(")") > text.count("("):
        text = text[:-1].strip()  # the closing bracket of a list the affiliation ended
    elif text.startswith("(") and text.count("(") > text.count(")"):
        text = text[1:].strip()
    text = _split_slashes(text)
    if not text:
        return None, []
    positions: list[str] = []
    orgs: list[str] = []
    for seg in _segments(text):
        pos_words, seg_orgs, _past = _parse_segment(seg)
        if pos_words:
            positions.append(" ".join(pos_words))
        for o in seg_orgs:
            o = _drop_participle_clause(_drop_foreign_place(_unquote(o)))
            if _COMPANY_CUT.search(o):
                o += "."  # `sp. z o.o.`, `S.A.`: the company form keeps its last full stop
            if o and o not in orgs and o.strip(_PUNCT).lower() not in _STATES:
                orgs.append(o)
    return (", ".join(positions) or None), orgs


# --- acronyms -------------------------------------------------------------------------------------

_DEFINED = re.compile(r"\(\s*([A-ZĄĆĘŁŃÓŚŹŻ][A-Za-zĄĆĘŁŃÓŚŹŻąćęłńóśźż]{1,9})\s*\)")
_NAME_WORDS = 12


def _initials(name: str) -> str:
    """`Związek Gmin Wiejskich Rzeczypospolitej Polskiej` -> `ZGWRP` (capitalised words only)."""
    return "".join(w[0] for w in re.findall(r"[^\W\d_][\w-]*", name) if w[0].isupper()).upper()


def defined_acronyms(text: str) -> dict[str, str]:
    """Acronyms a page defines as `Full Name (ACR)`, each with the full name in the nominative.

    The full name is the shortest run of words before the bracket whose capitalised words'
    initials spell the acronym (`… Rzeczypospolitej Polskiej (ZGWRP)`), so a page says itself
    what its acronyms stand for.
    """
    found: dict[str, str] = {}
    for m in _DEFINED.finditer(text):
        acr = m.group(1)
        if not _Token(acr, acr).acronym or acr in found:
            continue
        words = text[max(0, m.start() - 300):m.start()].split()[-_NAME_WORDS:]
        for k in range(len(words) - 1, -1, -1):
            if not words[k][:1].isupper():
                continue
            span = " ".join(words[k:]).strip(" ,;:–—-")
            if _initials(span) == acr.upper():
                found[acr] = to_nominative(span)
                break
            if len(_initials(span)) > len(acr):
                break
    return found


def resolve_acronyms(organizations: list[str], defined: dict[str, str]) -> list[str]:
    """One name per organisation: `X (ACR)` -> `X`, an acronym the page defines -> its full name, and an
    acronym dropped when the person's list already holds the name it abbreviates (`KIPR` beside
    `Konfederacja Inicjatyw Pozarządowych Rzeczypospolitej`)."""
    out: list[str] = []
    for org in organizations:
        m = re.fullmatch(r"(?P<name>.+?)\s*\(\s*(?P<acr>[^()\s]{2,10})\s*\)", org)
        if m and _initials(m.group("name")) == m.group("acr").upper():
            org = m.group("name")
        org = defined.get(org, org)
        if org not in out:
            out.append(org)
    full = {_initials(o) for o in out if len(o.split()) > 1}
    return [o for o in out if not (_Token(o, o).acronym and " " not in o and o.upper() in full)]
