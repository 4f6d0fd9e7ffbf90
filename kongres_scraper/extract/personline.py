"""One person line -> name, honorific, position, organisations, place, role override.

Programmes, speaker lists and "took part:" lists in news posts all write people the
same few ways, and every one of them must come out as one clean record:

    prof. UAM dr hab. Paulina Pospieszna, Uniwersytet Adama Mickiewicza w Poznaniu
    prof. Simon Niemeyer, Centre for Deliberative Democracy and Global Governance, Canberra, Australia
    Artur Gluziński, ekspert ds. współpracy NGO i JST
    dr Jarosław Dolny – Ekspert Fundacji Rozwoju Demokracji Lokalnej im. Jerzego Regulskiego …
    Tomasz Tokarski (Prezes Zarządu Fundacji Rozwoju KUL)
    prof. Witold Klaus, Ośrodek Badań nad Migracjami UW, prezes Stowarzyszenia … (jako moderator debaty)

A line is only accepted when it *starts* with a plausible personal name (two or more
capitalised words, optionally after honorifics, the first one a known or foreign-looking
first name), so session titles and prose sentences are not mistaken for people.
Affiliations are split on commas (they may also contain commas and dashes), a trailing
city or country is a place, and position-with-organisation phrases are split by
`normalize.orgs.split_affiliation`, which puts organisations into the nominative.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import lexicon
from ..normalize import morph, names, orgs

# --- role labels -------------------------------------------------------------------

# Label text (before a colon) -> role. Checked in order; the first match wins.
_ROLE_PATTERNS: list[tuple[re.Pattern[str], str]] = [(re.compile(p, re.I), role) for p, role in lexicon.ROLE_LABELS]
# A label names who takes part; longer sentences ending in a colon are prose.
_LABEL_MAX_WORDS = 7
_LABEL_LINE = re.compile(r"^\s*(?P<label>[^:]{2,80}?)\s*:\s*(?P<rest>.*)$")
# Role stated after the person on the line itself: "(jako moderator debaty)", "– moderator".
_ROLE_SUFFIX = re.compile(
    rf"\s*\(\s*(?:jako\s+)?(?P<word>{lexicon.ROLE_AFTER_WORDS})\b[^)]*\)\s*$",
    re.I,
)


def role_from_label(label: str) -> str | None:
    """Role named by a label such as `Moderatorka`, `Osoby uczestniczące w debacie`, `Wystąpienia`."""
    for pattern, role in _ROLE_PATTERNS:
        if pattern.search(label):
            return role
    return None


@dataclass
class Label:
    """A role label line: the role it names, its words, and any text after the colon."""

    role: str
    words: str
    rest: str


def split_label(line: str) -> Label | None:
    """The role label of a line (`Moderator: X`, `Paneliści:`, `Osoby prowadzące:`), else None."""
    m = _LABEL_LINE.match(line) if ":" in line else None
    if m:
        label = m.group("label")
        # a label is a role noun phrase; `Obrady, prowadzone pod hasłem:` opens a sentence of prose
        clause = "," in label and not role_from_label(label.split(",")[0])
        if len(label.split()) <= _LABEL_MAX_WORDS and not _SENTENCE_PUNCT.search(label) and not clause:
            role = role_from_label(label)
            if role:
                return Label(role, label, m.group("rest").strip())
        return None
    # "Moderacja – Jan Kowalski": a bare label word, a dash, then the people.
    m = _DASH_LABEL.match(line) if "-" in line or "–" in line or "—" in line else None
    if m and _BARE_LABEL.match(m.group("label")):
        return Label(role_from_label(m.group("label")) or "", m.group("label"), m.group("rest").strip())
    # A bare label with no colon, alone on its line ("Moderator", "Paneliści").
    text = line.strip()
    if _BARE_LABEL.match(text) and len(text.split(None, 3)) <= 3 and not _LIST_PUNCT.search(text):
        return Label(role_from_label(text) or "", text, "")
    return None


_BARE_LABEL = re.compile(rf"^(?:{lexicon.BARE_LABEL})$", re.I)
_SENTENCE_PUNCT = re.compile(r"[.!?;„”\"]")  # not in a label
_LIST_PUNCT = re.compile(r"[.,!?;„”\"]")  # not in a bare label
_DASH_LABEL = re.compile(r"^\s*(?P<label>[^–—-]{2,40}?)\s+[–—-]\s+(?P<rest>\S.*)$")


# --- affiliations ------------------------------------------------------------------

# Countries written after an affiliation that Morfeusz does not mark as geographic names.
_PLACE_EXTRA = {"USA", "UK", "Polska", "Europa"}


def is_place(segment: str) -> bool:
    """True for a trailing city or country (`Canberra`, `Australia`, `Watykan`): a place, not an organisation."""
    seg = segment.strip(" .")
    words = seg.split()
    if not words or len(words) > 3 or not all(w[:1].isupper() for w in words):
        return False
    if seg in _PLACE_EXTRA:
        return True
    if any(w.isupper() for w in words):
        return False  # an acronym (`KUL`, `UW`) names an organisation
    if orgs.is_position_word(words[0]) or any(_names_org_head(w) for w in words):
        return False
    return all(names.is_place(w) for w in words)


def _names_org_head(word: str) -> bool:
    """An organisation head noun in the nominative singular (`Fundacja`, `Urząd`); `Radom` is a
    town even though it is also a case form of `rada`."""
    return any(
        r.pos == "subst" and r.lemma.lower() in orgs.ORG_HEADS and "nom" in r.cases and "sg" in r.numbers
        for r in morph.analyse(word)
    )


def _split_segments(text: str) -> list[str]:
    """Split an affiliation at commas and semicolons outside quotes and brackets."""
    if not any(ch in text for ch in "()„“”\""):
        out = _SEGMENT_SEP.split(text)  # nothing to keep whole: every comma and semicolon splits
    else:
        out = []
        depth = 0
        quote = False
        buf = ""
        for ch in text:
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth = max(0, depth - 1)
            elif ch in "„“":
                quote = True
            elif ch == "”":
                quote = False
            elif ch == '"':
                quote = not quote
            if ch in ",;" and depth == 0 and not quote:
                out.append(buf)
                buf = ""
                continue
            buf += ch
        out.append(buf)
    return [s.strip(" \t–—-") for s in out if s.strip(" \t–—-")]


_SEGMENT_SEP = re.compile("[,;]")


def parse_affiliation(text: str) -> tuple[str | None, list[str], list[str]]:
    """(position, organisations, places) of the affiliation text written after a name.

    Trailing places (`Canberra, Australia`) are taken off first; the rest goes to
    `normalize.orgs.split_affiliation` (position words apart, organisations in the nominative).
    """
    text = text.strip(" ,;–—-")
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1]
    places: list[str] = []
    kept: list[str] = []
    for seg in _split_segments(text):
        (places if is_place(seg) else kept).append(seg)
    if not kept:
        return None, [], places
    position, found = orgs.split_affiliation(", ".join(kept))
    return position, [o for o in found if not is_place(o)], places


# --- person lines ------------------------------------------------------------------

@dataclass
class PersonLine:
    """What one person line states about one person."""

    name: str
    honorific: str | None = None
    position: str | None = None
    organizations: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    role: str | None = None  # a role stated on the line itself
    gender: str | None = None
    affiliation: str = ""  # the text after the name, as written
    evidence: str = ""


_BULLET = re.compile(r"^\s*(?:[•·▪●◦○■□►▶✓✔*–—-]+|\d{1,2}[.)])\s*")
_NAME_END = re.compile(r"^\s*(?:,|–|—|-\s|\(|:|$)")

# A word broken at the end of a line of a PDF (`Kowal- ski`, `Lis-Ko- walska`): a capitalised fragment,
# a hyphen, a space or a line break, then the rest in lower case.
_BROKEN_WORD = re.compile(r"\b([A-ZĄĆĘŁŃÓŚŹŻ][\w-]*?[a-ząćęłńóśźż])-\s+([a-ząćęłńóśźż]{2,})\b")


def join_broken_words(text: str) -> str:
    """Words split by a line-break hyphen joined again, so names taken from PDFs read whole."""
    return _BROKEN_WORD.sub(r"\1\2", text) if "-" in text else text


def parse_person_line(text: str, *, strict: bool = False) -> PersonLine | None:
    """Parse one line that starts with a person (after honorifics); None when it does not.

    `strict` asks for stronger evidence that the first word is a first name (used for
    lines that are not under a role label).
    """
    evidence = text.strip()
    t = _BULLET.sub("", join_broken_words(evidence))
    role = None
    role_word = ""
    m = _ROLE_SUFFIX.search(t) if ")" in t else None
    if m:
        role = role_from_label(m.group("word"))
        role_word = m.group("word")
        t = t[: m.start()].rstrip()
    polite = _POLITE.match(t)
    t = _POLITE.sub("", t)
    honorific, rest = names.split_honorific(t)
    name_words, rest = _take_name(rest)
    if not name_words or not _plausible_name(name_words, honorific is not None, strict):
        return _position_first(t, evidence, role)
    post, rest = names.post_honorific(rest)
    # Religious-order letters after the name ("OCD") are not part of it.
    m2 = _ORDER_LETTERS.match(rest)
    if m2 and names.is_order_suffix(m2.group(1)):
        rest = rest[m2.end():]
    if rest.strip() and not _NAME_END.match(rest):
        # Name followed directly by a position ("Jacek Sutryk prezydent Wrocławia",
        # "Jan Kowalski Prezes Zarządu …") or an organisation; anything else is not a person line.
        nxt = rest.split()[0]
        if not (nxt[:1].islower() or orgs.is_position_word(nxt) or orgs.is_org_head(nxt)):
            return None
    name = names.normalise_name(" ".join(name_words))
    affiliation = rest.strip(" ,–—-:")
    position, found_orgs, places = parse_affiliation(affiliation) if affiliation else (None, [], [])
    hon = names.join_honorifics(honorific, post)
    # a cue of this person only: `Pani`, an honorific, the position right after the name, their own role word
    # (`Jan Lis, Fundacja Pani Ziemi` or a line naming someone else's prezeska says nothing of Jan)
    own = " ".join(filter(None, [polite.group(0) if polite else "", hon, position, role_word]))
    gender = names.guess_gender(name, own.strip())
    if role is None and position and role_from_label(position) and len(position.split()) <= 3 and not found_orgs:
        role = _ROLE_WORD.get(position.split()[0].lower())  # "Jan Kowalski – moderator"
        if role:
            position = None
    return PersonLine(
        name=name, honorific=hon, position=position, organizations=found_orgs, places=places,
        role=role, gender=gender, affiliation=affiliation, evidence=evidence,
    )


_POLITE = re.compile(r"^\s*(?:Pan|Pani)\s+(?=[A-ZĄĆĘŁŃÓŚŹŻ])")
_ORDER_LETTERS = re.compile(r"^\s*([A-Z][A-Za-z]{1,6})\b(?=\s*(?:[,(–—-]|$))")
_WORD = re.compile(r"\S+")
_INITIAL = re.compile(r".\.")  # fullmatch: an initial (`T.`)
# A position that is only a role word: the role of the person, not a position.
_ROLE_WORD = lexicon.ROLE_NOUNS


def _position_first(text: str, evidence: str, role: str | None) -> PersonLine | None:
    """`Prezydent Miasta Lublin Krzysztof Żuk`: a position (and organisation) written before the name.

    The name is the last two or three words, the first of them a first name Morfeusz knows.
    """
    words = text.strip().rstrip(".,;").split()
    if len(words) < 3 or not orgs.is_position_word(words[0]):
        return None
    for n in (2, 3):
        if len(words) <= n:
            break
        tail = words[-n:]
        if all(names.is_name_word(w) for w in tail) and names.is_first_name(tail[0]) \
                and _plausible_name(tail, False, True) and not names.is_first_name(words[-n - 1]):
            head = " ".join(words[:-n]).rstrip(" ,–—-")
            position, orgs_found, places = parse_affiliation(head)
            name = names.normalise_name(" ".join(tail))
            return PersonLine(
                name=name, honorific=None, position=position, organizations=orgs_found, places=places, role=role,
                gender=names.guess_gender(name, head), affiliation=head, evidence=evidence,
            )
    return None


def _take_name(text: str) -> tuple[list[str], str]:
    """The leading run of name words (with initials and particles) and the text after it."""
    if not text.lstrip()[:1].isupper():
        return [], text  # a name word starts with a capital letter
    words: list[str] = []
    pos = 0
    for m in _WORD.finditer(text):
        tok = m.group(0)
        core = tok.rstrip(",;:")
        if names.is_order_suffix(core) and len(words) >= 2:
            break
        if len(words) >= 2 and not core.isupper() and (orgs.is_org_head(core) or orgs.is_position_word(core)):
            break  # "Jan Kowalski Prezes Zarządu …": the name has ended
        if names.is_name_word(core) or (names.is_particle(core) and words):
            words.append(core)
            pos = m.start() + len(core)
            if core != tok or len(words) >= 5:
                break
            continue
        break
    while words and names.is_particle(words[-1]):
        words.pop()
    return words, text[pos:]


def _plausible_name(words: list[str], has_honorific: bool, strict: bool) -> bool:
    """Two or more name words whose first is a first name (Morfeusz) or a foreign-looking unknown word."""
    full = [w for w in words if not _INITIAL.fullmatch(w)]
    if len(full) < 2 or _INITIAL.fullmatch(words[0]):
        return False
    first = words[0].split("-")[0]
    if lexicon.never_first_name(first) or any(orgs.is_org_head(w) and not w.isupper() for w in words):
        return False
    # a family name in capitals (`Jan KOWAL`) is a name even when it is also a common word
    if any(names.is_common_word(w) and not (w.isupper() and len(w) > 2) for w in words[1:]
           if not names.is_particle(w) and not _INITIAL.fullmatch(w)):
        return False
    if names.is_first_name(first):
        return True
    if strict and not has_honorific:
        return False
    return names.is_unknown_word(first) or (has_honorific and not names.is_common_word(first)) \
        or _foreign_first(first)


def _foreign_first(word: str) -> bool:
    """A foreign first name Morfeusz reads only as an inflected place name (`Damien` as a case of `Damno`):
    a line starts with a name in the nominative, and this word has no nominative reading nor a common one."""
    readings = morph.analyse(word)
    return bool(readings) and not names.is_common_word(word) and not any("nom" in r.cases for r in readings)


# --- lists of people -----------------------------------------------------------------

# Where one person of a list may end: a comma, a semicolon, `i`, `oraz`, `a także` (outside brackets), that is
# `\s*[,;]\s*(?:(?:i|oraz|a\s+także)\s+)?|\s+(?:i|oraz|a\s+także)\s+`, not followed by a `)` before any `(`.
# Written to start with the class of its first character (then a lookbehind tells which form it starts), so
# the regular-expression engine skips to the candidates without trying every offset; same matches.
_CONJ = r"(?:i|oraz|a\s+także)"
_OUTSIDE_BRACKETS = r"(?![^()]*\))"
_LIST_SEP = re.compile(rf"[\s,;](?:(?<=[,;])\s*(?:{_CONJ}\s+)?{_OUTSIDE_BRACKETS}"
                       rf"|(?<=\s)\s*[,;]\s*(?:{_CONJ}\s+)?{_OUTSIDE_BRACKETS}"
                       rf"|(?<=\s)\s*{_CONJ}\s+{_OUTSIDE_BRACKETS})")


_TWO_WORD_CHARS = re.compile(r"\w\w")
_CONJUNCTIONS = frozenset({"i", "oraz", "także"})  # the words of the separators other than `,` and `;`


def split_people(text: str) -> list[str]:
    """One string per person in a list: `A; B`, `Jan Nowak, Anna Kowalska i Piotr Wiśniewski`,
    `Jan Nowak (Fundacja X), Anna Kowalska (Urząd Y)`, or name and affiliation in turn
    (`Anna Lis, Uniwersytet Gdański, Piotr Sowa, Związek Miast Polskich`).

    A list is cut only before a part that starts with a personal name, so the parts between
    two names are the first one's affiliation (whatever commas and `i` it holds); a single
    person with a comma-rich affiliation stays whole.
    """
    text = text.strip()
    if text.endswith(".") and _TWO_WORD_CHARS.fullmatch(text[-3:-1]):
        text = text[:-1]  # the full stop of a sentence the list ends (not an initial's)
    if not text:
        return []
    if ";" in text:
        parts = [p.strip() for p in text.split(";") if p.strip()]
        if all(parse_person_line(p) is not None for p in parts):
            return parts
    if "," not in text and ";" not in text and _CONJUNCTIONS.isdisjoint(text.split()):
        return [text]  # no separator (`_LIST_SEP`): one part
    cuts = [0]
    seps = list(_LIST_SEP.finditer(text))
    for k, m in enumerate(seps):
        part = text[m.end():seps[k + 1].start()] if k + 1 < len(seps) else text[m.end():]
        if part and _starts_person(part):
            cuts.append(m.end())
            cuts.append(-m.start() - 1)  # the end of the previous person (negative: a marker)
    if len(cuts) == 1:
        return [text]
    starts = [c for c in cuts if c >= 0]
    ends = [-c - 1 for c in cuts if c < 0] + [len(text)]
    return [text[a:b].strip(" ,;") for a, b in zip(starts, ends) if text[a:b].strip(" ,;")]


def _starts_person(part: str) -> bool:
    """A list part that is a person's name (after honorifics), perhaps with a bracketed affiliation."""
    part = part.strip()
    honorific, rest = names.split_honorific(part)
    words, after = _take_name(rest)
    if not words or not _plausible_name(words, honorific is not None, False):
        return False
    # a foreign-looking first word starts a person only with a family name in capitals (`Yves DUPONT`),
    # not an organisation (`Universität Kassel`)
    if not (honorific or names.is_first_name(words[0]) or any(w.isupper() and len(w) > 2 for w in words[1:])):
        return False
    return not after.strip() or after.lstrip()[:1] in "(–—-"
