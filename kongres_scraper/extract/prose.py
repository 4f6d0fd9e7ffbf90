"""People, roles, affiliations, sessions and topics written in Polish prose (news posts, reports).

A report says who took part in sentences, not in labelled lines: `Do dyskusji zaproszono
filozofkę Agatę Bielik-Robson, posła Koalicji Obywatelskiej Piotra Adamowicza …`,
`Dyskusję prowadził ambasador Piotr Łukasiewicz`. So this module splits the text into
sentences (never inside a quoted or announced title), finds personal names by their first
name (Morfeusz 2 knows first names with case and gender) and capitalisation, puts every
name into the nominative, and gives each person the role the sentence states: the cue
nearest to the name wins (`prowadził` -> moderator, `do dyskusji` -> panelist,
`wystąpienie` -> speaker, `gościem specjalnym` -> guest). A name with no cue, or whose
nearest cue quotes, thanks or merely mentions (`jak pisała`, `zainicjowany przez`), is a
mention, not a participant. Affiliations are read around the name — `z`/`ze` + organisation,
`, <position> <organisation>`, `– <position>`, or a position written before the name
(`posła Koalicji Obywatelskiej Piotra Adamowicza`) — and split by `normalize.orgs`.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from .. import lexicon
from ..normalize import morph, names, nominative, orgs
from . import personline  # the person-line parser shared with the programme reader
from .document import Document, text_key
from . import records as records_
from .records import ROLE_CLASS, Mention, Person, Session



_log = logging.getLogger(__name__)


@dataclass
class ProseFindings:
    people: list[Person] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)


# --- cues ------------------------------------------------------------------------------------

class _Caseless:
    """A case-insensitive pattern of lower-case words, also compiled case-sensitively: in the lower-cased text
    (`_lowered`) the case-sensitive one finds the same matches at the same offsets, faster."""

    def __init__(self, source: str) -> None:
        bare = re.sub(r"\\.|\(\?P<", "", source)  # without escapes (`\b`, `\S`) and group names' `?P`
        if bare != bare.lower():
            raise ValueError(f"not a pattern of lower-case words: {source!r}")
        self.pattern = re.compile(source, re.I)
        self._lower = re.compile(source)

    def finditer(self, text: str, low: str | None) -> Iterator[re.Match[str]]:
        """Matches in `text`, found in `low` (`_lowered(text)`) when there is one; use their offsets only."""
        return self._lower.finditer(low) if low is not None else self.pattern.finditer(text)

    def search(self, text: str, low: str | None) -> re.Match[str] | None:
        return self._lower.search(low) if low is not None else self.pattern.search(text)


def _lowered(text: str) -> str | None:
    """`text` in lower case when `_Caseless` patterns find in it what they find in `text` case-insensitively:
    lowering keeps every character in place (`İ` becomes two) and the text has neither letter that matches a
    pattern's `i` or `s` only case-insensitively (dotless `ı`, long `ſ`); else None."""
    low = text.lower()
    return low if len(low) == len(text) and "ı" not in low and "ſ" not in low else None


# (role, pattern). "mention" marks a person who is quoted, thanked or only referred to.
_CUES: list[tuple[str, _Caseless]] = [(role, _Caseless(p)) for role, p in lexicon.PROSE_CUES]
# Taking part or being invited (`wzięli udział`, `uczestniczyli`, `zaprosili`) makes a panelist only in a
# discussion (`W debacie wzięli udział …`, `Na jedną z debat zaprosili …`); `W Kongresie wziął udział …`
# says someone attended, not that they spoke.
_PARTICIPATION = _Caseless(lexicon.PARTICIPATION)
_DISCUSSION = _Caseless(lexicon.DISCUSSION)
_SHARING = _Caseless(lexicon.SHARING)
_PRESENCE = _Caseless(lexicon.PRESENCE)
_TAKING_PART = _Caseless(lexicon.TAKING_PART)
# `nie` within the same clause, up to three words before a cue
_NEGATED = _Caseless(r"\bnie(?:\s+[^\s,.;:–—]+){0,3}\s+$")
_ROLE_AFTER = re.compile(rf"\(\s*(?:jako\s+)?(?P<word>{lexicon.ROLE_AFTER_WORDS}|ekspert\w*\s+w\s+panelu)\b[^)]*\)", re.I)
# Words for a talk of one's own (a lecture, an address), as opposed to speaking in a discussion.
_TALK = re.compile(lexicon.TALK, re.I)
_ROLE_PRIORITY = {"moderator": 0, "guest": 1, "panelist": 2, "speaker": 3}

# Sentence ends: not after abbreviations, initials or inside quotes/titles.
_ABBREV = frozenset("""
prof dr hab ks mgr inż im ul godz in ds tzw np r tys pt ok nr św al pl gen płk mec red sen pos dyr doc o s st tj
jw wg zob ang bp abp kard lic ppłk mjr kpt por adw arch dypl hon wyd oprac fot tel www p
""".split())
_TIME_START = re.compile(r"^\s*\d{1,2}[:.]\d{2}")
_VERB_POS = frozenset({"fin", "praet", "impt", "inf", "bedzie", "pred", "imps", "pcon", "pant", "winien", "aglt"})
_RELATIVE = re.compile(r"^(któr\w+|gdzie|kiedy|aby|żeby|bo|ponieważ|który|że)$", re.I)
_SPELLED_HONORIFICS = {w: "prof." for w in ("profesor", "profesora", "profesorem", "profesorowi", "profesorze",
                                            "profesorka", "profesorki", "profesorkę", "profesorką")}
_SPELLED_HONORIFICS.update({w: "dr" for w in ("doktor", "doktora", "doktorem", "doktorowi", "doktorze")})
_PANI = re.compile(r"^(pan|pani|panią|pana|panem|panu|państwo|państwa)$", re.I)
# Announced session titles: `panel dyskusyjny „…”`, `Debata „…” – …`, `dyskusja plenarna … pt. _…_`, `panel X z udziałem`.
_FMT_WORD = rf"(?P<kw>{lexicon.PROSE_FORMAT_WORD})"
_FMT_MOD = rf"(?:\s+(?:{lexicon.PROSE_FORMAT_MODIFIER}))*"
_TITLE_INTRO = _Caseless(rf"\b{_FMT_WORD}{_FMT_MOD}\s*(?:pt\.|pod\s+tytułem|zatytułowan\w*|o\s+nazwie|:|,)?\s*")
# `pod tytułem „…”`, `pt. „…”`, `zatytułowany „…”`: a quoted title announced as such.
_TITLED = _Caseless(r"\b(?:pod\s+tytułem|pt\.|zatytułowan\w*|o\s+tytule)\s*[„“\"](?P<title>[^”\"]{3,300})[”\"]")
# Titled things that are not sessions: publications, films, exhibitions, projects, competitions.
_PUBLICATION = re.compile(r"\b(?:książk|publikacj|raport|film|album|wystaw|konkurs|projekt|broszur|poradnik|artykuł|wiersz|piosen"
                          r"|spektakl|płyt|tomik|monografi|kampani|akcj|grant|uchwał|ustaw|dokument|manifest"
                          r"|deklaracj|apel|program(?=\s)|program\w*\s+(?:grantow|operacyjn))\w*", re.I)
_QUOTED = re.compile(r"„([^”]{3,300})”|\"\s*([^\"]{3,300}?)\s*\"|(?<!\w)_([^_]{3,300})_(?!\w)|“([^”]{3,300})”")
_UNTIL_UDZIAL = re.compile(r"(?P<title>[A-ZĄĆĘŁŃÓŚŹŻ\"„].{2,200}?)\s+z\s+udziałem\b")
_TEMPORAL_TAIL = re.compile(r"\s+(?:już\s+|w\s+najbliższ\w+|odbędzie\s+się|odbyła\s+się|rozpocznie\s+się|\d{1,2}\s+\w+\s+o\s+godz).*$", re.I)
_TOPIC_IS = re.compile(r"\btemat(?:em|ami)?(?:\s+(?:debaty|dyskusji|panelu|rozmowy|spotkania|warsztatu|wykładu))?"
                       r"\s+(?:był[aoy]?|jest|będzie|są|były)\s*:?\s*[„\"“](?P<title>[^”\"]{3,300})[”\"]", re.I)
_FORMATS = lexicon.FORMAT_STEMS

# --- data ------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    raw: str
    core: str  # without surrounding quotes/punctuation (a trailing dot kept on initials)
    ends: bool  # the token closes a phrase (a comma, colon, full stop after it)


@dataclass
class _Name:
    i: int  # index of the first-name token
    j: int  # index after the last name token
    start: int  # char offset where the name's prefix (honorific, Pani) starts
    name_start: int
    end: int
    given: list[str]
    surname: list[str]
    honorific: str | None
    unknown_first: bool
    gender_hint: str | None = None
    form: nominative.NameForm | None = None


# --- entry point -----------------------------------------------------------------------------

def parse_prose(doc: Document, sessions: list[Session]) -> ProseFindings:
    """People in running text, announced sessions, and topic lists of a page."""
    found = ProseFindings()
    people: dict[str, Person] = {}
    mentions: dict[str, Mention] = {}
    lines = [ln.text for ln in doc.lines]
    known: dict[str, str] = {}  # folded family name -> full name, for `prof. Niemeyer` later on
    current_session: Session | None = None  # named by `Tematem było „…”`: its line and the list after it
    session_line = -1
    list_role: str | None = None
    about_discussion = bool(_DISCUSSION.pattern.search(doc.title or ""))  # a page about a debate: its guests debate
    block_format: str | None = None  # the format of the programme block a line is in (`Panel 2: …`)
    heading_role: str | None = None  # the role a bare label line gives the lists under it
    org_heading: str | None = None  # an organisation named alone on a line, over a list of its people
    for idx, text in enumerate(lines):
        if _TIME_START.match(text):
            list_role, current_session = None, None
            continue
        text = personline.join_broken_words(text)
        heading = _BLOCK_HEADING.match(text)
        if heading:
            block_format = next((f for p, f in lexicon.SESSION_FORMATS if re.match(p, heading.group(1), re.I)), None)
        # people listed under a heading that names their organisation (`Urząd Gminy X` / `Jan Lis – wójt`)
        if org_heading:
            pl = personline.parse_person_line(text, strict=True)
            if pl is not None and not pl.organizations:
                person = _person_from_line(pl, heading_role or "speaker", None)
                person["organizations"] = [org_heading]
                _add_person(people, person)
                continue
            if pl is None:
                org_heading = None
        label = personline.split_label(text)
        if label is not None and not label.rest and label.role:
            heading_role = label.role  # `Prelegenci`, `Paneliści` over the lists that follow
        org_heading = _org_heading(text) or org_heading
        talk = _talk_line(text)
        if talk is not None:  # `dr Anna Lis (Uniwersytet X): Tytuł referatu`
            _add_person(people, _person_from_line(talk, "speaker", None))
            continue
        roster = _roster(text, label)
        if roster:
            role = "panelist" if block_format in ("panel", "debata") else "speaker"
            for pl in roster:
                _add_person(people, _person_from_line(pl, role, None))
            continue
        # a bulleted participant list right after a prose intro (`W debacie wzięli udział także:`)
        if list_role:
            pl = personline.parse_person_line(text)
            if pl is not None:
                _add_person(people, _person_from_line(pl, list_role, current_session))
                continue
            list_role, current_session = None, None
        if label is not None:
            continue  # `Moderator: …`, `Paneliści:`: labelled lines belong to the programme reader
        intro = _list_intro(text)
        if current_session and idx > session_line and not intro:
            current_session = None
        topic = _TOPIC_IS.search(text)
        if topic:
            title = topic.group("title").strip()
            current_session, session_line = _session(title, _format_near(lines, idx)), idx
            _add_session(found.sessions, current_session)
            if title not in found.topics:
                found.topics.append(title)
        # a paragraph with no format word and no `pod tytułem` announces nothing, nor does any of its sentences
        low = _lowered(text)
        announcing = bool(_TITLE_INTRO.search(text, low) or _TITLED.search(text, low))
        paragraph_sessions = _announced_sessions(text) if announcing else []
        sentences = _sentences(text)
        for title, fmt in paragraph_sessions:
            _add_session(found.sessions, _session(title, fmt, *_time_of(text, title, sentences)))
        if intro:
            list_role = intro
        # a session announced in a sentence covers that sentence and the rest of the paragraph
        sentence_session = current_session
        discussion = about_discussion or bool(_DISCUSSION.search(text, low))
        for sentence in sentences:
            if not announcing:
                announced = []
            elif sentence == text:
                announced = paragraph_sessions  # a paragraph of one sentence
            else:
                announced = _announced_sessions(sentence)
            if len(announced) == 1:
                sentence_session = _session(*announced[0])
            elif len(announced) > 1:
                sentence_session = None
            try:
                _read_sentence(sentence, people, mentions, sentence_session, known, discussion)
            except (ValueError, IndexError, KeyError, AttributeError, TypeError):
                # one odd sentence must not cost the page its programme, relevance and metadata
                _log.warning("prose: could not read a sentence on %s: %.80s", doc.url, sentence, exc_info=True)
    for person in people.values():
        mentions.pop(person["name"], None)
    found.people = list(people.values())
    found.mentions = list(mentions.values())
    return found


# A programme block's heading: a format word, perhaps numbered, then a colon or a title (`Panel 2: …`).
_BLOCK_HEADING = re.compile(rf"^\s*((?:{'|'.join(p for p, _ in lexicon.SESSION_FORMATS)}))\b(?:\s+(?:\d{{1,2}}|[IVX]{{1,4}})\.?)?\s*[:.–—-]", re.I)
# A short tag before a roster (`FR:`, `PL:`, `EN:`): the language or country of the people after it.
_ROSTER_TAG = re.compile(r"^\s*[A-Z]{2,3}\s*:\s*")
_ROSTER_MAX_AFFILIATION = 12  # words; a longer tail is a sentence, not an affiliation


_NOT_A_HEADING = re.compile(r"[.!?;,]$|\d")


@lru_cache(maxsize=morph.WORD_MEMO_SIZE)
def _names_org_head(word: str) -> bool:
    """An organisation head noun in the nominative (`Urząd`, `Fundacja`); memoised per word."""
    return any(r.pos == "subst" and r.lemma.lower() in lexicon.ORG_HEADS and "nom" in r.cases for r in morph.analyse(word))


def _org_heading(text: str) -> str | None:
    """A line that is only an organisation's name (`Urząd Gminy Zielonka`, `Fundacja „Razem”`), in the nominative."""
    words = text.strip().rstrip(":").split()
    if not 2 <= len(words) <= 10 or not words[0][:1].isupper() or _NOT_A_HEADING.search(text.strip()):
        return None
    if not _names_org_head(words[0]):
        return None
    if any(_is_verb(w.strip("„”\"")) for w in words if w[:1].islower()):
        return None
    position, found = orgs.split_affiliation(" ".join(words))
    return found[0] if len(found) == 1 and not position else None


_BRACKET_OR_COMMA = re.compile(r"^\W*[(,]")
_TALK_LINE = re.compile(r"^(?P<head>[^:]{5,200}?)\s*:\s+(?P<title>[„\"“A-ZĄĆĘŁŃÓŚŹŻ].{10,})$")


def _talk_line(text: str) -> personline.PersonLine | None:
    """A line of an academic programme: a person (with a bracketed or comma affiliation), a colon, the title of
    their talk (`dr hab. Jan Lis, prof. UAM (Uniwersytet X): O czymś ważnym`)."""
    m = _TALK_LINE.match(text.strip()) if ":" in text else None
    if not m or len(m.group("head").split()) > 20:
        return None
    pl = personline.parse_person_line(m.group("head"), strict=True)
    if pl is None or pl.role is not None:
        return None
    rest = m.group("head")[len(m.group("head")) - len(pl.affiliation) - 1:] if pl.affiliation else ""
    if pl.affiliation and not _BRACKET_OR_COMMA.match(rest):
        return None  # only a bracketed or comma affiliation: `Jan Lis mówi: …` is a quotation
    return pl


def _roster(text: str, label: personline.Label | None) -> list[personline.PersonLine]:
    """A line that is only a list of two or more people with their affiliations, perhaps after a short tag
    (`PL: Anna Lis, Uniwersytet Gdański, Jan Sowa, Związek Miast Polskich`): the people of a programme block.
    `label` is the line's role label (`personline.split_label`)."""
    body = _ROSTER_TAG.sub("", text, count=1)
    if body == text and label is not None:
        return []
    parts = personline.split_people(body)
    if len(parts) < 2:
        return []
    found = [personline.parse_person_line(p) for p in parts]
    if not all(found) or any(len(pl.affiliation.split()) > _ROSTER_MAX_AFFILIATION for pl in found if pl):
        return []
    if any(_is_verb(w.strip(",.")) for pl in found if pl for w in pl.affiliation.split() if w[:1].islower()):
        return []
    return [pl for pl in found if pl is not None]


# --- sentences -------------------------------------------------------------------------------

def _protected(text: str) -> list[tuple[int, int]]:
    """Spans never cut into sentences: quotations and announced titles."""
    spans = [m.span() for m in _QUOTED.finditer(text)]
    for m in _TITLE_INTRO.finditer(text, _lowered(text)):
        rest = text[m.end():]
        u = _UNTIL_UDZIAL.match(rest)
        if u and not _QUOTED.match(rest):
            spans.append((m.end(), m.end() + u.end("title")))
    return spans


_SENTENCE_END = re.compile(r"[.!?…]+(?=\s+[\"„“(]?[A-ZĄĆĘŁŃÓŚŹŻ0-9–—-])")
_ONE_LETTER = re.compile(r"\w")  # fullmatch


def _sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping abbreviations, initials, quotes and titles whole."""
    return list(_each_sentence(text))


def _each_sentence(text: str) -> Iterator[str]:
    """The sentences of `_sentences` one by one (a caller wanting the first one splits no further)."""
    spans: list[tuple[int, int]] | None = None  # found at the first possible end only
    start = 0
    for m in _SENTENCE_END.finditer(text):
        pos = m.start()
        if spans is None:
            spans = _protected(text)
        if any(a <= pos < b for a, b in spans):
            continue
        before = text[start:pos].rsplit(None, 1)
        last = before[-1].lower().strip("(„\"") if before else ""
        if m.group(0) == "." and (last.rstrip(".") in _ABBREV or _ONE_LETTER.fullmatch(last) or last.endswith("m. in")
                                  or "." in last.rstrip(".")):
            continue
        yield text[start:m.end()].strip()
        start = m.end()
    tail = text[start:].strip()
    if tail:
        yield tail


_WORD = re.compile(r"\S+")
_INITIAL = re.compile(r"[A-ZĄĆĘŁŃÓŚŹŻ]\.")  # fullmatch: an initial (`T.`)
_INITIAL_COMMA = re.compile(r"[A-ZĄĆĘŁŃÓŚŹŻ]\.,?")
_LETTER_DOT = re.compile(r"\w\.")  # fullmatch: one letter and a dot
_ROMAN = re.compile(r"[IVXLC]+")  # fullmatch
_REGNAL = re.compile(r"[IVX]+")  # fullmatch: `Jana Pawła II`


def _tokens(sentence: str) -> list[_Tok]:
    toks: list[_Tok] = []
    end = 0
    for raw in sentence.split():  # the runs of `\S+`; only whitespace lies before each, so `find` gives its offset
        start = sentence.find(raw, end)
        end = start + len(raw)
        core, ends = _token_word(raw)
        toks.append(_Tok(start, end, raw, core, ends))
    return toks


@lru_cache(maxsize=morph.WORD_MEMO_SIZE)
def _token_word(raw: str) -> tuple[str, bool]:
    """A token's core (without surrounding quotes and punctuation, a trailing dot kept on initials) and whether
    it closes a phrase; memoised per written word, since the same words recur in every sentence."""
    core = raw.replace("\u2011", "-").replace("\u2010", "-")
    core = core.lstrip("„\"“(«'_")
    if _INITIAL_COMMA.fullmatch(core):
        core = core.rstrip(",")
    else:
        core = core.rstrip(",.;:!?)”\"»'…_")
    tail = raw[len(raw.rstrip(",.;:!?)”\"»")):]
    return core, ("," in tail if _INITIAL.fullmatch(core) else bool(tail))


# --- names -----------------------------------------------------------------------------------

def _is_cap_word(core: str) -> bool:
    return bool(core) and names.is_name_word(core)


@lru_cache(maxsize=morph.WORD_MEMO_SIZE)
def _is_verb(core: str) -> bool:
    readings = morph.analyse(core)
    return bool(readings) and all(r.pos in _VERB_POS for r in readings)


def _first_name_kind(tok: _Tok, next_core: str | None = None) -> str | None:
    """`known` for a first name SGJP knows, `unknown` for a foreign-looking unknown word, else None."""
    core = tok.core
    if tok.raw[:1] in "„\"“(«_":
        return None
    if core.isupper() and len(core) <= 4 and not (next_core or "").isupper():
        return None  # an acronym (`Prezes NIK Marian Banaś`), not a first name in capitals
    kind, family_only = _first_name_word(core)
    if kind != "known" and family_only and next_core and _family_name_as_first(core, next_core):
        return "known"
    return kind


@lru_cache(maxsize=morph.WORD_MEMO_SIZE)
def _first_name_word(core: str) -> tuple[str | None, bool]:
    """What a word alone says as the start of a name: (`known` / `unknown` / None as in `_first_name_kind`,
    whether SGJP knows it only as a family name, so that the next word decides). Memoised per word."""
    if not _is_cap_word(core) or _LETTER_DOT.fullmatch(core):
        return None, False
    if nominative.first_name_options(core):
        return "known", False
    readings = morph.analyse(core)
    family_only = bool(readings) and all(r.is_surname and r.pos == "subst" for r in readings)
    base = core.split("-")[0]
    if lexicon.never_first_name(core) or lexicon.never_first_name(base):
        return None, family_only
    if len(core) > 2 and not morph.analyse(nominative._titled(base)) and not (core.isupper() and len(core) <= 5):
        return "unknown", family_only
    return None, family_only


def _family_name_as_first(core: str, next_core: str) -> bool:
    """`Philippa Zalewskiego`: a foreign first name SGJP knows only as a family name, followed by a family
    name in the same case and gender (a word known only as a family name cannot start a name otherwise).
    `core` is a word `_first_name_word` found known only as a family name."""
    first = nominative.surname_options(core)
    following = nominative.surname_options(next_core)
    return bool(set(first) & set(following)) and not set(first) & {("nom", "m"), ("nom", "f")}


_FOREIGN_FUNCTION = frozenset("for of de du des and the la le der von van di da del y et und".split())


def _foreign_name_context_ok(toks: list[_Tok], i: int) -> bool:
    """An unknown first name does not continue a capitalised name (`Université Libre de Bruxelles`)."""
    if i == 0:
        return True
    prev = toks[i - 1]
    if prev.core.lower() in _FOREIGN_FUNCTION:
        return False
    return not (prev.core[:1].isupper() and not prev.ends and not morph.analyse(nominative._titled(prev.core)))


@lru_cache(maxsize=morph.WORD_MEMO_SIZE)
def _surname_ok(core: str) -> bool:
    """A plausible family name: capitalised, not a roman numeral, an organisation head or only a common word."""
    if not _is_cap_word(core) or _ROMAN.fullmatch(core) or _LETTER_DOT.fullmatch(core):
        return False
    parts = core.split("-")
    for p in parts:
        w = nominative._titled(p)
        readings = morph.analyse(w)
        if not readings:
            continue
        if any(r.is_surname or r.is_first_name for r in readings):
            continue
        if any(r.pos == "adj" for r in readings):
            continue  # adjectival family names (`Stępińską`, `Pospieszną`)
        if orgs.is_org_head(w) or len(parts) == 1:
            return False
    return True


def _find_names(sentence: str, toks: list[_Tok]) -> list[_Name]:
    """Personal names in a sentence (split into `toks`): first name(s), initials, particles and a family name."""
    found: list[_Name] = []
    i = 0
    count = len(toks)
    while i < count:
        if not toks[i].core[:1].isupper():
            i += 1  # a name starts with a capital letter (`_first_name_word`)
            continue
        kind = _first_name_kind(toks[i], toks[i + 1].core if i + 1 < count else None)
        if kind is None or _inside_org_name(toks, i) or (kind == "unknown" and not _foreign_name_context_ok(toks, i)):
            i += 1
            continue
        given = [toks[i].core]
        j = i + 1
        while j < len(toks) and not toks[j - 1].ends:
            nxt = toks[j]
            if _INITIAL.fullmatch(nxt.core):
                given.append(nxt.core)
                j += 1
                continue
            if j + 1 < len(toks) and nominative.first_name_options(nxt.core) and _is_cap_word(toks[j + 1].core) \
                    and not nxt.ends and _surname_ok(toks[j + 1].core) and kind == "known" \
                    and not nominative.first_name_options(toks[j + 1].core):
                given.append(nxt.core)
                j += 1
                continue
            break
        particles: list[str] = []
        while j < len(toks) and names.is_particle(toks[j].core) and not toks[j - 1].ends:
            particles.append(toks[j].core)
            j += 1
        if j >= len(toks) or toks[j - 1].ends or not _surname_ok(toks[j].core):
            i += 1
            continue
        if kind == "unknown" and i > 0 and toks[i - 1].core.lower() in ("z", "ze", "w", "we", "dla", "do", "od"):
            i += 1
            continue  # `z Watchdog Polska`: an organisation after a preposition
        if kind == "unknown" and (lexicon.never_first_name(toks[j].core)
                                  or not all(r.is_surname for r in morph.analyse(nominative._titled(toks[j].core)))):
            i += 1
            continue
        surname = [*particles, toks[j].core]
        j += 1
        if j < len(toks) and _REGNAL.fullmatch(toks[j].core) and not toks[j - 1].ends:
            i = j
            continue  # `Jana Pawła II`: a patron's name, not a participant
        if j < len(toks) and (toks[j].core == "&" or toks[j - 1].raw.endswith("&")):
            i = j
            continue  # `Kancelaria Dr Jan Lis & Partners`: the namesake of a firm, not a participant
        hon, start, gender_hint = _prefix(toks, i)
        found.append(_Name(i=i, j=j, start=start, name_start=toks[i].start, end=toks[j - 1].start + len(toks[j - 1].raw.rstrip(",.;:!?)”\"»")),
                           given=given, surname=surname, honorific=hon, unknown_first=kind == "unknown",
                           gender_hint=gender_hint))
        i = j
    _inflect(found)
    if "–" in sentence or "—" in sentence:
        found += _pseudonyms(toks, found)
    return sorted(found, key=lambda n: n.i)


def _pseudonyms(toks: list[_Tok], found: list[_Name]) -> list[_Name]:
    """`z białostockim raperem – Kosmą`, `DJ-ka – Wika,`: one capitalised word the dictionary does not know,
    given after a personal noun and a dash and closing the phrase: a pseudonym, a name of its own."""
    out: list[_Name] = []
    taken = {k for n in found for k in range(n.i, n.j)}
    for i in range(2, len(toks)):
        t, dash, noun = toks[i], toks[i - 1], toks[i - 2]
        if i in taken or dash.raw not in ("–", "—") or not _is_cap_word(t.core) or t.core.isupper():
            continue
        if morph.analyse(t.core) or lexicon.never_first_name(t.core):
            continue
        closes = i + 1 >= len(toks) or t.ends or not toks[i + 1].core[:1].isupper()
        personal = any(r.pos == "subst" and r.genders <= {"m1", "f"} and "nazwa_pospolita" in r.classes
                       for r in morph.analyse(noun.core.lower())) or orgs.is_position_word(noun.core)
        if closes and personal and not noun.ends:
            out.append(_Name(i=i, j=i + 1, start=t.start, name_start=t.start, end=t.start + len(t.core),
                             given=[], surname=[t.core], honorific=None, unknown_first=False,
                             form=nominative.NameForm(t.core, None, None)))
    return out


def _inside_org_name(toks: list[_Tok], i: int) -> bool:
    """A name after `im.` or an organisation head belongs to the organisation (`Fundacja im. Stefana Batorego`)."""
    if i == 0:
        return False
    prev = toks[i - 1].raw.lower()
    if prev in ("im.", "imienia", "im", "ul.", "ulicy", "ulica", "al.", "alei", "aleja", "pl.", "placu", "plac",
                "rondo", "ronda", "św.", "świętego", "świętej") or prev.endswith("im."):
        return True
    pc = toks[i - 1].core
    if not pc[:1].isupper() or toks[i - 1].ends or pc.isupper():
        return False
    opts = nominative.first_name_options(toks[i].core)
    genitive_only = bool(opts) and all(c != "nom" for c, _ in opts)
    if orgs.is_org_head(pc):
        if any(r.lemma.lower() in lexicon.NO_PATRON_HEADS for r in morph.analyse(pc) if r.pos == "subst"):
            return False  # `marszałka Senatu Tomasza Lisa`: the marshal, not a senate named after him
        return genitive_only  # a patron's name follows the organisation (`Fundacja Stefana Batorego`)
    # `Uniwersytet Kardynała Stefana Wyszyńskiego`: a title inside a capitalised organisation name
    title_noun = any(r.pos == "subst" and r.genders == {"m1"} and "nazwa_pospolita" in r.classes for r in morph.analyse(pc))
    return genitive_only and title_noun and i >= 2 and toks[i - 2].core[:1].isupper() \
        and not toks[i - 2].ends and orgs.is_org_head(toks[i - 2].core)


def _prefix(toks: list[_Tok], i: int) -> tuple[str | None, int, str | None]:
    """Honorific before a name (`prof.`, `dr hab.`) and `Pani`/`Pan`: (honorific, start offset, gender hint)."""
    start = toks[i].start
    hon = None
    gender = None
    k = i - 1
    if k >= 0 and _PANI.match(toks[k].core):
        gender = "f" if toks[k].core.lower().startswith("pani") else "m"
        start = toks[k].start
        k -= 1
    if k >= 0 and toks[k].core.lower() in _SPELLED_HONORIFICS and not toks[k].ends:
        return _SPELLED_HONORIFICS[toks[k].core.lower()], toks[k].start, gender  # `profesor Władysław Bartoszewski`
    for n in range(min(5, k + 1), 0, -1):
        cand_toks = toks[k - n + 1:k + 1]
        if any(t.ends and not t.raw.endswith(".") for t in cand_toks):
            continue
        if not (cand_toks[0].raw.endswith(".") or cand_toks[0].raw.lower() in ("dr", "prof", "mgr", "inż", "hab")):
            continue
        cand = " ".join(t.raw for t in cand_toks)
        h, rest = names.split_honorific(cand)
        if h and not rest:
            hon = h
            start = cand_toks[0].start
            if k - n >= 0 and _PANI.match(toks[k - n].core):
                gender = gender or ("f" if toks[k - n].core.lower().startswith("pani") else "m")
                start = toks[k - n].start
            break
    return hon, start, gender


def _inflect(found: list[_Name]) -> None:
    """Nominative forms; names whose case is unclear take the case of the sentence's clear names.

    Coordinated names share a case (`zaprosiliśmy Jolantę Szymańską … oraz Sebastiana Kurka`), so a
    name that fits several cases (`Sebastiana Kurka`: nominative feminine or accusative masculine)
    or one the dictionary does not know (`Irynę Kovalenko`) follows the others.
    """
    for n in found:
        if not n.unknown_first:
            n.form = nominative.to_nominative(n.given, n.surname, gender_hint=n.gender_hint)
    cases = [n.form.case for n in found if n.form and n.form.case and not n.form.ambiguous]
    common = max(sorted(set(cases)), key=cases.count) if cases else None
    for n in found:
        if n.unknown_first or (n.form and (n.form.case is None or n.form.ambiguous)):
            n.form = nominative.to_nominative(n.given, n.surname, prefer_case=common, gender_hint=n.gender_hint)


# --- roles -----------------------------------------------------------------------------------

def _cues(sentence: str, discussion: bool = False) -> list[tuple[int, int, str]]:
    """Role cues of a sentence as (start, end, role); `discussion` when the paragraph is about a debate or panel."""
    out = []
    dialogue = bool(_DIALOGUE.match(sentence))
    low = _lowered(sentence)
    for role, pat in _CUES:
        for m in pat.finditer(sentence, low):
            # `„…” – mówił nam X`, `– Centrum to ludzie – mówiła Y`: a quotation, not a talk
            quoted = _after_quotation(sentence[:m.start()], dialogue)
            negated = _negated(sentence, low, m.start())
            # `nie potwierdzili jeszcze obecności`, `nie wystąpi`: a negated cue says the person does not take part
            out.append((m.start(), m.end(), "mention" if role != "mention" and (quoted or negated) else role))
    in_discussion = discussion or bool(_DISCUSSION.search(sentence, low))
    if in_discussion:
        out.extend((m.start(), m.end(), "panelist") for m in _PARTICIPATION.finditer(sentence, low))
    else:
        out.extend((m.start(), m.end(), "listed") for m in _TAKING_PART.finditer(sentence, low))
    out.extend((m.start(), m.end(), "panelist" if in_discussion else "speaker") for m in _SHARING.finditer(sentence, low))
    out.extend((m.start(), m.end(), "mention" if _negated(sentence, low, m.start())
                else "panelist" if in_discussion else "attendee") for m in _PRESENCE.finditer(sentence, low))
    out.sort()
    return out


_DIALOGUE = re.compile(r"\s*[–—-]\s")  # a line of dialogue starts with a dash


def _after_quotation(before: str, dialogue: bool) -> bool:
    """The text before a cue ends in a dash after a quotation (`„…” –`), or after any word in a line of dialogue."""
    head = before.rstrip()
    if not head.endswith(("–", "—", "-")):
        return False
    head = head[:-1].rstrip()
    return bool(head) and (dialogue or head.endswith(("”", '"')))


def _negated(sentence: str, low: str | None, at: int) -> bool:
    """`nie potwierdzili jeszcze obecności`, `nie wystąpi`: `nie` in the same clause just before a cue at `at`."""
    start = max(0, at - 40)
    return bool(_NEGATED.search(sentence[start:at], low[start:at] if low is not None else None))


_CLAUSE_PUNCT = re.compile(r"[.;:]")
_SEPARATION = re.compile(r"[\s,–—-]*")  # fullmatch: only spaces, commas and dashes
_ROLE_NOUN = re.compile(r"(?i)moderator|moderatork|prowadząc|goś[cć]")


def _role_of(n: _Name, cues: list[tuple[int, int, str]], sentence: str, all_names: list[_Name]) -> str | None:
    """The role the nearest cue gives; a moderator or guest cue right beside the name comes first."""
    for s, e, role in cues:
        if role not in ("moderator", "guest"):
            continue
        before = sentence[e:n.start] if e <= n.start else None
        after = sentence[n.end:s] if s >= n.end else None
        if before is not None and len(before) <= 40 and not any(e <= o.name_start < n.start for o in all_names if o is not n) \
                and not _CLAUSE_PUNCT.search(before):
            return role
        if after is not None and len(after) <= 6 and _SEPARATION.fullmatch(after):
            noun = _ROLE_NOUN.match(sentence[s:e])
            subject = n.form is None or n.form.case in (None, "nom")
            if noun or subject:
                return role  # `X – moderatorkę`, `Ewa Lis poprowadziła`; not `z Janem Kowalskim poprowadziła`
    preceding = [(e, role) for s, e, role in cues if e <= n.start]
    if preceding:
        return max(preceding)[1]
    following = [(s, role) for s, e, role in cues if s >= n.end]
    if following:
        return min(following)[1]
    return None


# --- affiliations ----------------------------------------------------------------------------

_ENDS_IN_DASH = re.compile(r"\s[–—-]\s*$|:\s*$")
_ENDS_IN_JOINT = re.compile(r"(?:[,;:–—-]|\bi|\boraz)\s*$")
_CHUNK_BREAK = re.compile(r"[,;:]\s+|\s[–—-]\s|[(]")


def _pre_position(text: str, after_name: bool = False) -> tuple[str, int]:
    """A position written right before a name (`posła Koalicji Obywatelskiej`): (text, its offset in `text`).

    Between two names (`A, przewodniczący Rady X oraz prezes Zarządu B`) only the last coordinated
    position is the second person's; the ones before it describe the first."""
    dash = _ENDS_IN_DASH.search(text)
    if dash and text[:dash.start()].strip():
        # `przedstawiciele Stowarzyszenia X – A i B`: a plural position before a dash or colon names the list's
        res, off = _pre_position(text[:dash.start()], after_name)
        return (res, off) if res and _plural_only(res.split()[0]) else ("", len(text))
    if not text.strip() or _ENDS_IN_JOINT.search(text):
        return "", len(text)
    chunk_start = max((m.end() for m in _CHUNK_BREAK.finditer(text)), default=0)
    chunk = text[chunk_start:]
    words = list(_WORD.finditer(chunk))
    # cut at verbs and cue words: the position follows them
    cut = 0
    for k, w in enumerate(words):
        core = w.group(0).strip("„”\"")
        if _is_verb(core) and core[:1].islower() or core.lower() in _COPULA or _is_cue_word(core):
            cut = k + 1
    words = words[cut:]
    if not words:
        return "", len(text)
    parts: list[list[re.Match[str]]] = [[]]
    for w in words:
        if w.group(0).lower() in ("i", "oraz"):
            parts.append([])
        else:
            parts[-1].append(w)
    parts = [p for p in parts if p]
    keep: list[list[re.Match[str]]] = []
    pending: list[re.Match[str]] = []  # words after ` i ` that belong to the complement (`Funduszy i Polityki …`)
    for k in range(len(parts) - 1, -1, -1):
        p = parts[k]
        first_pos = next((x for x, w in enumerate(p) if _is_position(w.group(0))), None)
        if first_pos is None:
            if keep:
                break
            pending = p + pending
            continue
        if first_pos > 0:
            if not keep:
                keep.insert(0, p[first_pos:] + pending)
            break
        keep.insert(0, p + (pending if not keep else []))
        pending = []
        if after_name:
            break
    if not keep:
        return "", len(text)
    offset = chunk_start + keep[0][0].start()
    return text[offset:].strip(), offset


@lru_cache(maxsize=morph.WORD_MEMO_SIZE)
def _is_cue_word(word: str) -> bool:
    """A word that is a role cue by itself (`prowadził`, `gościem`); memoised per word."""
    return any(p.pattern.fullmatch(word) for _, p in _CUES)


def _is_position(word: str) -> bool:
    core = word.strip("„”\",.;:()")
    return bool(core) and orgs.is_position_word(core) and not orgs.is_org_head(core)


_REPRESENTING = re.compile(rf"^(\s*[,–—-]?\s*){lexicon.AFFILIATED}\s+", re.I)
_COPULA = frozenset("był była było byli były jest są będzie będą został została zostali".split())
_SESSION_WORD = _Caseless(r"\b(?:panel\w*|deba[tc]\w*|dyskusj\w*|sesj\w*|warszta[tc]\w*|wykład\w*)\b")
_NEW_CLAUSE = re.compile(r",\s+(?:a|ale|zaś|natomiast)\s")
_ABOUT = re.compile(r"\s(?:pt\.|pod\s+tytułem|nt\.|na\s+temat)\s")


def _post_affiliation(text: str) -> str:
    """Position and organisation written after a name, up to the next verb, clause, cue or session."""
    # `X, reprezentujący Uniwersytet Y i Fundację Z`: the organisations the person represents
    text = _REPRESENTING.sub(lambda m: m.group(1), text, count=1)
    end = len(text)
    low = _lowered(text)
    for pat in [*(p for _, p in _CUES), _PARTICIPATION, _SESSION_WORD]:
        m = pat.search(text, low)
        if m:
            end = min(end, m.start())
    for plain in (_NEW_CLAUSE, _ABOUT):
        m = plain.search(text)
        if m:
            end = min(end, m.start())
    words = list(_WORD.finditer(text[:end]))
    for k, w in enumerate(words):
        core = w.group(0).strip("„”\",.;:()")
        if core and (_is_verb(core) and core[:1].islower() or _RELATIVE.match(core) or (k > 1 and core.lower() in _COPULA)):
            end = w.start()
            break
        if k and w.group(0).startswith("„"):
            prev = words[k - 1].group(0).strip(",")
            quoted = re.match(r"„([^”]*)”?", text[w.start():])
            short_name = bool(quoted) and len(quoted.group(1).split()) <= 5 and not re.search(r"[?!:–—]", quoted.group(1))
            if not (orgs.is_org_head(prev) or _is_position(prev) or prev.lower() in ("z", "ze", "w", "we")
                    or short_name and any(orgs.is_org_head(x.group(0)) for x in words[max(0, k - 3):k])):
                end = w.start()  # a quoted title after the affiliation (`… Uniwersytetu Warszawskiego „Karta …”`)
                break
    seg = re.sub(r"(?:\s+(?:i|oraz|a|lub))+\s*$", "", text[:end].strip(" ,;–—-:")).strip(" ,;–—-:")
    if not seg:
        return ""
    paren = re.match(r"^\(([^()]+)\)", seg)
    if paren:
        return paren.group(1).strip()  # `Anna Nowak (Uniwersytet Gdański)`
    first = seg.split()[0]
    if text.lstrip()[:1] == "," and first[:1].islower() and first.lower() not in ("z", "ze", "w", "we") \
            and not orgs.is_position_word(first) and not names.split_honorific(first + " X")[0]:
        return ""  # `X, jednak nie …`: a clause, not an apposition naming X's position
    if first.lower() in ("z", "ze") or text.lstrip()[:1] in ",–—-(" or _is_position(first):
        return seg
    return ""


def _nominal_position(position: str | None) -> str | None:
    """Each part's head noun and its adjectives in the nominative (`posła` -> `poseł`, `byłego premiera` -> `były premier`)."""
    if not position:
        return position
    return ", ".join(_nominal_part(p) for p in position.split(", "))


def _nominal_part(part: str) -> str:
    out: list[str] = []
    words = part.split(" ")
    for k, w in enumerate(words):
        core = w.strip(",„”")
        readings = [r for r in morph.analyse(core) if r.pos in ("subst", "adj") and "sg" in r.numbers]
        if not core or not readings or any("nom" in r.cases for r in readings):
            out.extend(words[k:])
            break
        nxt = words[k + 1].strip(",„”") if k + 1 < len(words) else ""
        adj = next((r for r in readings if r.pos == "adj"), None)
        noun = next((r for r in readings if r.pos == "subst"), None)
        target = adj if adj and nxt and any(r.pos == "subst" for r in morph.analyse(nxt)) else (noun or adj)
        gender = next(iter(sorted(target.genders)), None)
        form = morph.inflect(target.raw_lemma, target.pos, "sg", "nom", gender if target.pos == "adj" else None)
        out.append(w.replace(core, morph.match_case(form, core)) if form else w)
        if target.pos == "subst":
            out.extend(words[k + 1:])
            break
    return " ".join(out)


# --- one sentence ----------------------------------------------------------------------------

@lru_cache(maxsize=morph.WORD_MEMO_SIZE)
def _is_title(raw: str) -> bool:
    """A written word that is an honorific before a name (`prof.`, `dr`); memoised per word."""
    return bool(names.split_honorific(raw + " X")[0])


def _surname_references(toks: list[_Tok], found: list[_Name], known: dict[str, str]) -> list[_Name]:
    """`prof. Niemeyer`, `Pani Marczak`: a titled family name of someone the page has already named in full."""
    if not known:
        return []
    taken = {k for n in found for k in range(n.i, n.j)}
    refs: list[_Name] = []
    for i in range(1, len(toks)):
        t, prev = toks[i], toks[i - 1]
        if not t.core[:1].isupper() or i in taken or not _is_cap_word(t.core) or nominative.first_name_options(t.core):
            continue
        titled = _is_title(prev.raw) or _PANI.match(prev.core)
        if not titled:
            continue
        folded = names.fold(t.core)
        full = known.get(folded) or next(
            (v for k, v in known.items() if len(k) > 3 and folded.startswith(k[:-1]) and len(t.core) - len(k) <= 3), None)
        if full:
            refs.append(_Name(i=i, j=i + 1, start=prev.start, name_start=t.start, end=t.start + len(t.core),
                              given=[], surname=[t.core], honorific=None, unknown_first=False,
                              form=nominative.NameForm(full, None, None)))
    return refs


# A word after the first whose core (`_token_word`) starts with a capital letter of a name word.
_LATER_CAPITAL = re.compile(rf"\s[„\"“(«'_]*{names.NAME_CAPITAL}")


_APPOSITION = re.compile(r"\s*[,–—(]")  # the text after a name opens an apposition


def _read_sentence(sentence: str, people: dict[str, Person], mentions: dict[str, Mention],
                   session: Session | None, known: dict[str, str], discussion: bool = False) -> None:
    """People of one sentence: name, role from the nearest cue, affiliation around the name."""
    if not _LATER_CAPITAL.search(sentence):
        return  # a name ends in a capitalised word after the sentence's first: without one there is nobody
    toks = _tokens(sentence)
    found = _find_names(sentence, toks)
    found = sorted(found + _surname_references(toks, found, known), key=lambda n: n.start)
    if not found:
        return
    cues = _cues(sentence, discussion)
    stated: dict[int, str] = {}  # `Jan Lis (jako moderator)`: a role written right after one name
    for m in _ROLE_AFTER.finditer(sentence):
        owner = next((k for k, n in enumerate(found) if 0 <= m.start() - n.end <= 2), None)
        role = personline.role_from_label(m.group("word"))
        if owner is not None and role:
            stated[owner] = role
            cues = [c for c in cues if not (m.start() <= c[0] < m.end())]
    sentence_clean = _ROLE_AFTER.sub(lambda m: " " * len(m.group(0)), sentence)
    between = [sentence[found[k - 1].end if k else 0:n.start] for k, n in enumerate(found)]
    # after a name's apposition (`A, przewodniczący X oraz prezes Y B`) only the last position is B's
    pre_texts = [_pre_position(t, after_name=k > 0 and bool(_APPOSITION.match(t))) for k, t in enumerate(between)]
    records: list[tuple[_Name, Person, str]] = []
    for k, n in enumerate(found):
        assert n.form is not None
        name = n.form.nominative
        if n.given:
            known.setdefault(names.fold(name.split()[-1]), name)
        role = stated.get(k) or _role_of(n, cues, sentence, found)
        if role == "attendee":
            role = "guest"  # present at the event (`obecność Prezydenta X`), but no cue beside the name says so
        elif role == "listed":
            # `W spotkaniu wezmą udział A, B i C` lists the participants; one person who `wziął udział w Kongresie`
            # attended it
            role = "guest" if len(found) >= 2 else None
        if role == "speaker" and session and session.get("format") in ("debata", "panel") \
                and not _TALK.search(sentence):
            role = "panelist"  # speaking in a debate is taking part in it, not giving a talk
        if n.unknown_first and role in (None, "mention"):
            continue  # an unknown capitalised pair with no cue is more likely a title than a person
        if role in (None, "mention"):
            mentions.setdefault(name, {"name": name, "evidence": sentence})
            continue
        if k + 1 < len(found):
            after = sentence_clean[n.end:n.end + pre_texts[k + 1][1]]  # up to the next person's own position
        else:
            after = sentence_clean[n.end:]
        post_hon, after = names.post_honorific(after)
        honorific = " ".join(h for h in (n.honorific, post_hon) if h) or None
        post = _post_affiliation(after)
        pre = pre_texts[k][0]
        pos_pre, orgs_pre = orgs.split_affiliation(pre) if pre else (None, [])
        pos_post, orgs_post = orgs.split_affiliation(post) if post else (None, [])
        positions = [p for p in (_nominal_position(pos_pre), _nominal_position(pos_post)) if p]
        organizations = list(dict.fromkeys(o for o in [*orgs_pre, *orgs_post] if o))
        person = records_.person(
            name, role, honorific=honorific, session=session["title"] if session else None,
            position=", ".join(positions) or None, organizations=organizations, evidence=sentence,
            gender=n.form.gender or _subject_verb_gender(sentence, found, k) or names.guess_gender(name, pre))
        records.append((n, person, post))
    _share_affiliations(sentence, records)
    _share_plural_position(sentence, records, [t for t, _ in pre_texts])
    for _, person, _ in records:
        _add_person(people, person)


_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")
_AND = re.compile(r"\s*(?:,\s*)?(?:i|oraz|a\s+także)\s*", re.I)  # fullmatch


def _subject_verb_gender(sentence: str, found: list[_Name], k: int) -> str | None:
    """`Rikki Dean mówił o …`: the gender of a past-tense verb right after one name, its single subject.

    Only a verb written right after the name counts (a verb before a name may agree with another
    subject: `Burmistrz powitał Annę …`), and not when the name is joined to another (`A i B mówili`).
    """
    n = found[k]
    m = _NEXT_WORD.match(sentence[n.end:])
    if not m:
        return None
    if k and _AND.fullmatch(sentence[found[k - 1].end:n.start]):
        return None
    readings = morph.analyse(m.group(1))
    if not readings or any(r.pos != "praet" or r.numbers != frozenset({"sg"}) for r in readings):
        return None
    genders = {r.gender for r in readings}
    return genders.pop() if len(genders) == 1 else None


def _share_affiliations(sentence: str, records: list[tuple[_Name, Person, str]]) -> None:
    """`prof. Rikki Dean i prof. Brigitte Geissel z Goethe University Frankfurt`: both are from the organisation."""
    for (n, p, _), (m, q, post) in zip(records, records[1:]):
        joint = sentence[n.end:m.start]
        if p["organizations"] or p["position"] or not re.fullmatch(r"\s*(?:i|oraz)\s*", joint):
            continue
        if not (n.honorific and n.honorific == m.honorific):
            continue  # only a parallel pair (`prof. A i prof. B z X`) clearly shares the affiliation
        if post.split(" ", 1)[0].lower() in ("z", "ze") and q["organizations"]:
            p["organizations"] = list(q["organizations"])


def _share_plural_position(sentence: str, records: list[tuple[_Name, Person, str]], pre: list[str]) -> None:
    """`trenerzy Fundacji X Anna Lis i Jan Sowa`, `przedstawiciele Urzędu Y – A, B oraz C`: a position in the
    plural before a list names the organisation of everyone in the list."""
    for k, (n, p, _) in enumerate(records):
        words = pre[k].split() if k < len(pre) else []
        if not words or not p["organizations"] or not _plural_only(words[0]):
            continue
        for m, q, _post in records[k + 1:]:
            joint = sentence[n.end:m.start]
            if not re.fullmatch(r"\s*(?:,|i|oraz|a\s+także)\s*", joint) or q["organizations"] or q["position"]:
                break
            q["organizations"] = list(p["organizations"])
            n = m


def _plural_only(word: str) -> bool:
    """A position noun read only in the plural (`trenerzy`, `przedstawicieli`, `członkowie`)."""
    readings = [r for r in morph.analyse(word.strip(",„”").lower()) if r.pos == "subst"]
    return bool(readings) and orgs.is_position_word(word) and all(r.numbers == {"pl"} for r in readings)


def _add_person(people: dict[str, Person], person: Person) -> None:
    """One entry per person and session: the stronger role wins, details fill in.

    A person named in two different sessions with two different roles (a keynote who later
    sits on a debate) keeps both entries.
    """
    key = names.match_key(person["name"])
    have = people.get(key)
    if have is not None and have.get("session") and person.get("session") \
            and have["session"] != person["session"] and ROLE_CLASS[have["role"]] != ROLE_CLASS[person["role"]]:
        key = f"{key}\x00{person['session']}"
        have = people.get(key)
    if have is None:
        people[key] = person
        return
    if _ROLE_PRIORITY.get(person["role"], 9) < _ROLE_PRIORITY.get(have["role"], 9):
        have["role"] = person["role"]
    for f in ("honorific", "position", "gender", "session"):
        if not have.get(f) and person.get(f):
            have[f] = person[f]  # type: ignore[literal-required]
    orgs_have = have.setdefault("organizations", [])
    orgs_have.extend(o for o in person.get("organizations", []) if o not in orgs_have)


# --- lists, sessions, topics -----------------------------------------------------------------

def _list_intro(text: str) -> str | None:
    """The role a prose line ending in a colon gives the list under it (`W debacie wzięli udział także:`)."""
    if not text.rstrip().endswith(":") or len(text.split()) < 2:
        return None
    role = personline.role_from_label(text.rstrip(" :"))
    if role:
        return role
    cues = [c for c in _cues(text) if c[2] != "mention"]
    return cues[-1][2] if cues else None


def _person_from_line(pl: personline.PersonLine, role: str, session: Session | None) -> Person:
    return records_.person(pl.name, pl.role or role, honorific=pl.honorific, session=session["title"] if session else None,
                           position=pl.position, organizations=pl.organizations, gender=pl.gender, evidence=pl.evidence)


def _session(title: str, fmt: str | None, start: str | None = None, end: str | None = None) -> Session:
    return records_.session(title, fmt, start=start, end=end)


# `o godz. 15:00`, `o godzinie 15.00–17.00`, `Start o 15.00`: a time written in prose.
_PROSE_TIME = re.compile(r"\b(?:o\s+godz(?:\.|inie)?|godz(?:\.|ina)|start\s+o(?:\s+godz(?:\.|inie)?)?|początek\s+o(?:\s+godz(?:\.|inie)?)?)"
                         r"\s*(\d{1,2})[:.](\d{2})(?:\s*(?:-|–|—|do)\s*(\d{1,2})[:.](\d{2}))?", re.I)


def _time_of(text: str, title: str, sentences: list[str]) -> tuple[str | None, str | None]:
    """(start, end) of a session announced in a paragraph (split into `sentences`): a time in the sentence naming
    its title or the next one (`… na debatę „X”. Start o godzinie 15.00.`); none when that sentence names another
    session too."""
    at = text.find(title)
    if at < 0:
        return None, None
    pos, near = 0, []
    for i, sentence in enumerate(sentences):
        pos = text.find(sentence, pos)
        if pos <= at < pos + len(sentence) + 1:
            near = sentences[i:i + 2]
            break
    for sentence in near:
        if sentence is not near[0] and _announced_sessions(sentence):
            break
        m = _PROSE_TIME.search(sentence)
        if m and int(m.group(1)) < 24 and int(m.group(2)) < 60:
            end = f"{int(m.group(3)):02d}:{m.group(4)}" if m.group(3) and int(m.group(3)) < 24 else None
            return f"{int(m.group(1)):02d}:{m.group(2)}", end
    return None, None


def _add_session(sessions: list[Session], s: Session) -> None:
    key = text_key(s["title"])
    if key and all(text_key(x["title"]) != key for x in sessions):
        sessions.append(s)


def _format_of(word: str) -> str | None:
    w = word.lower()
    if w.startswith("sesj"):
        return None
    for stem, fmt in _FORMATS:
        if w.startswith(stem):
            return fmt
    return None


def _format_near(lines: list[str], idx: int) -> str | None:
    """The format named around a topic sentence (`W debacie …` on the next line -> debata)."""
    for text in lines[idx:idx + 3] + lines[max(0, idx - 1):idx]:
        m = re.search(r"\b(deba[tc]|panel|warszta[tc]|wykład|dyskusj|rozmow)\w*", text, re.I)
        if m:
            return _format_of(m.group(0))
    return None


def _announced_sessions(text: str) -> list[tuple[str, str | None]]:
    """Sessions announced in a sentence: a format word followed by a quoted title, or `panel <title> z udziałem`."""
    out: list[tuple[str, str | None]] = []
    low = _lowered(text)
    for m in _TITLE_INTRO.finditer(text, low):
        rest = text[m.end():]
        q = _QUOTED.match(rest)
        fmt = _format_of(m.group("kw"))  # the format word, perhaps lower-cased (`_format_of` lowers it)
        if q:
            title = next(g for g in q.groups() if g).strip()
            tail = rest[q.end():]
            cont = re.match(r"\s+[–—-]\s+(?P<more>[^.!?]+)", tail)
            if cont:
                more = _TEMPORAL_TAIL.sub("", cont.group("more")).strip()
                # `„X” – rozmowę o …`: an apposition naming the item's kind describes it, it is no subtitle
                if (more and more[:1].islower() and not re.match(_FMT_WORD, more, re.I)
                        and not any(_is_verb(x.strip(",„”")) for x in more.split())):
                    title = rest[:q.end()].strip() + " – " + more
            out.append((title, fmt))
            continue
        u = _UNTIL_UDZIAL.match(rest)
        if u:
            title = u.group("title").strip(" :")
            out.append((title, fmt))
            continue
        later = _later_title(rest)
        if later:
            out.append((later, fmt))
    for m in _TITLED.finditer(text, low):
        # `Kolejnym punktem były refleksje pod tytułem „…”`: a titled item of the programme, whatever its
        # word; a book, a film or a project with a title is not one
        title = text[m.start("title"):m.end("title")].strip()
        before = text[max(0, m.start() - 80):m.start()]
        if not _PUBLICATION.search(before) and all(t != title for t, _ in out):
            near = list(re.finditer(_FMT_WORD, before, re.I))
            out.append((title, _format_of(near[-1].group("kw")) if near else None))
    return out


def _later_title(rest: str) -> str | None:
    """A title quoted a few words after the format word, past the speaker's name (`wykład X z Y „Title”`).

    Taken only when it reads as a title (long, or a question) and no other clause starts before it.
    """
    sentence = next(_each_sentence(rest), rest)
    q = re.search(r"„([^”]{3,300})”", sentence[:220])
    if not q or _TITLE_INTRO.pattern.search(sentence[:q.start()]):
        return None
    if any(_is_verb(x.strip(",„”")) for x in sentence[:q.start()].split()):
        return None
    title = q.group(1).strip()
    announced = re.search(r"(?:pt\.|pod\s+tytułem|zatytułowan\w*)\s*$", sentence[:q.start()])
    if announced or len(title.split()) >= 6 or re.search(r"[?–—:]", title):
        return title
    return None
