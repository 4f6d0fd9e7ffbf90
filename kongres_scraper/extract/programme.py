"""Programme pages: timetable lines -> sessions and the role-labelled people in them.

Researchers ask who spoke on which panel, so a programme must give every agenda item
its title, format and time slot, and every person the role written next to them. Real
programmes (WordPress, Elementor, old table CMSes, other congresses) share one *text*
structure, read here line by line as a small state machine:

    day heading        `Dzień 1 – 10 października 2024`, `29.11.2023 (środa)`
    time line          `11:00-12:15`, `11.00–12.15`, `12:00`, `10:00-10:30 Title`, `18 października, godz. 13:30 – 14:30`,
                       `10.30–11.00 · Panel: Title` (time, separator, format, title)
    format line        `Panel`, `Debata`, `Przegląd dobrych praktyk`, `Panel „Title”`, `Wykład przedkongresowy: Title`
    title line         the first plain line after a time or format line; `Title – Jan Kowalski, Org` gives the
                       title and its speaker; a format line with words of its own (`Rozmowa z gościem
                       specjalnym`) is the title when a person line follows it
    untimed heading    `Zjazd 1 (8–9 marca): Title` followed by a role label: a session with no time
    table header cells `Godzina | Sesja | Prowadzenie i udział` name columns, not sessions
    role label         `Moderatorka: <person>`, `Osoby uczestniczące:`, `Paneliści:`, `Wystąpienia:` …
    person line        one per line (or list item) after a label, until the next label/time/session
    bare person line   directly under a title, with no label: the keynote speaker
    breaks             `Przerwa kawowa`, `REJESTRACJA`, `Lunch` (format "break"/"registration")
    `sesje równoległe` a marker: the sessions after it share the time slot

Parallel sessions share the slot of the last time line. Nothing here depends on CSS
classes or on the URL.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..normalize.orgs import is_org_head, is_position_word
from ..lexicon import BREAK_WORDS, FEMININE_LABELS, FEMININE_PLURAL_LABELS, NOT_SESSION, REGISTRATION_WORDS, SESSION_FORMATS
from .dates import GENITIVE_MONTHS, WEEKDAYS
from .document import Document, text_key
from .person_records import PersonLines
from .personline import Label, PersonLine, parse_affiliation, role_from_label, split_label
from . import records
from .records import Person, Session
from .records import session as make_session

# --- formats -------------------------------------------------------------------------

# Format words (lexicon.SESSION_FORMATS) at the start of a line, then modifiers.
_FORMAT_WORDS = "|".join(f"(?:{p})" for p, _ in SESSION_FORMATS)
# Modifiers after the format word: `Panel dyskusyjny`, `Debata okrągłego stołu`, `Panel I`, `Wykład inauguracyjny`.
_MODIFIER = r"(?-i:(?:\s+(?:[a-ząćęłńóśźż]+|[IVX]+|\d{1,2}\.?)){0,3}?)"  # lower-case words only, even under re.I
# An ordinal before the format word: `I sesja plenarna:`, `II PANEL`, `2. Warsztat:`.
_ORDINAL = r"(?:[IVXivx]{1,4}\.?\s+|\d{1,2}\.\s+)?"
# What every format line starts with; matched case-insensitively, so on a line in capitals too.
_FORMAT_START = re.compile(rf"^{_ORDINAL}(?:{_FORMAT_WORDS})", re.I)
_FORMAT_WORD_ONLY = re.compile(rf"^{_ORDINAL}(?:{_FORMAT_WORDS})\s*[:.]?$", re.I)
_FORMAT_ONLY = re.compile(rf"^{_ORDINAL}(?P<fmt>{_FORMAT_WORDS}){_MODIFIER}\s*[:.]?\s*$", re.I)
# `Panel I (10:00–11:30): Title`: the slot written in brackets after the format.
_WHEN = r"(?:\s*\((?P<when>[^()]{3,30})\))?"
_FORMAT_QUOTED = re.compile(rf"^{_ORDINAL}(?P<fmt>{_FORMAT_WORDS}){_MODIFIER}{_WHEN}\s*[:–—-]?\s*[„\"“](?P<title>[^„”\"]+(?:„[^”]*”[^„”\"]*)*)[”\"]\s*[.]?$", re.I)
_FORMAT_COLON = re.compile(rf"^{_ORDINAL}(?P<fmt>{_FORMAT_WORDS}){_MODIFIER}{_WHEN}\s*(?::|\s[–—|·•-])\s+(?P<title>\S.*)$", re.I)
_BREAK = re.compile(rf"^({BREAK_WORDS})\b", re.I)
_REGISTRATION = re.compile(rf"^({REGISTRATION_WORDS})\b", re.I)
_PARALLEL = re.compile(r"^sesj[ae]\s+równoległ\w*\s*:?$", re.I)
# Titles of items one person speaks at without giving a talk: a welcome, an opening, closing words.
_CEREMONY_TITLE = re.compile(r"^(powitani\w*|przywitani\w*|otwarci\w*|zamknięci\w*|podsumowani\w*|słowo\s+wstępne|zakończeni\w*)\b", re.I)
_GUEST_TITLE = re.compile(r"\bgo(?:ść|ścia|ściem|ściu|ście|ści|ściom|śćmi|ściach)\b|\bgościni\w*", re.I)
# `Zjazd 1 (8–9 marca): Title`, `Moduł II – Title`, `Blok 3. Title`: a numbered part of a programme before its title.
_NUMBERED_PART = re.compile(
    r"^\s*[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]{2,15}\s+(?:\d{1,2}|[IVX]{1,4})\.?\s*(?:\([^()]{1,40}\))?\s*(?::|\.|\s[–—-])\s+(?P<title>\S.{2,})$")
_NOT_SESSION = re.compile(NOT_SESSION, re.I)
# A list mark before an item: `a)`, `1.`, `-`, `•`.
_LIST_ITEM = re.compile(r"^\s*(?:[a-z]\)|\d{1,2}[.)]|[-•–·▪])\s+")
# Words that make a format line a phrase of its own (`Dyskusja i podsumowanie`, `Spotkanie z mieszkańcami`).
_PHRASE_WORD = re.compile(r"\s(?:i|oraz|a|z|ze|w|we|na|o|dla|do|po)\s", re.I)
# `dr Anna Nowak (Uniwersytet X): Title of the paper`: an academic programme's talk, one line each.
# `dr Anna Nowak (Uniwersytet X): Title`, `dr Anna Nowak (UMCS), „Title”`, `dr Anna Nowak (UW) – Title`:
# an academic programme's talk, one line each.
_TALK_LINES = (
    re.compile(r"^(?P<who>[^:„”\"]{4,160}?)\s*:\s+(?P<title>\S.{3,})$"),
    re.compile(r"^(?P<who>[^:„”\"]{4,160}?)\s*(?:,|\s[–—-])?\s*(?P<title>[„\"“][^„”\"]{3,300}[”\"])\s*[.;]?$"),
    re.compile(r"^(?P<who>[^:„”\"]{4,160}?\))\s*[–—-]\s+(?P<title>\S.{3,})$"),
)
# The character each of them cannot match without (its colon, its opening quote, its closing bracket): a line
# without it is not tried (a lazy `who` tried at every length is slow on long lines).
_TALK_MARKS = (frozenset(":"), frozenset("„\"“"), frozenset(")"))
# `FR: Jan Kowalski, Uniwersytet X, Anna Nowak, Urząd Y`: the panelists of one language group.
_LANGUAGE_LINE = re.compile(r"^(?-i:[A-Z]{2})\s*:\s+(?P<rest>\S.*)$")
_ROOM = re.compile(r"^(sala|aula|scena|room|hall|audytorium|miejsce|budynek)\b[^.]{0,60}$", re.I)

# --- times and days ------------------------------------------------------------------

_T = r"(\d{1,2})[:.](\d{2})"
_DASH = r"\s*(?:-|–|—|‒|do)\s*"
_TIME_LINE = re.compile(
    rf"^\s*(?:(?P<label>godz(?:\.|ina|iny)?|w\s+godz\.?|od)\s*:?\s*)?{_T}(?:{_DASH}{_T})?(?:\s*(?:-|–|—|:|\||·|•)\s*|\s+|$)(?P<rest>.*)$",
    re.I,
)
_DATE_TEXT = re.compile(rf"\b(\d{{1,2}})\s+({'|'.join(GENITIVE_MONTHS)})(?:\s+(\d{{4}}))?", re.I)
_DATE_NUM = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_DAY_HEADING = re.compile(rf"^\s*(?:dzień\s+(?:\d|[IVX]+\b|pierwszy|drugi|trzeci|czwarty)|{WEEKDAYS}\b|\d{{1,2}}(?:\s+|\.)(?:{'|'.join(GENITIVE_MONTHS)}|\d{{1,2}}\.))", re.I)
_TIME_IN_DAY = re.compile(rf"godz\.?\s*{_T}(?:{_DASH}{_T})?", re.I)
_YEAR = re.compile(r"\b(20\d{2})\b")

_QUOTES = "„”\"“«»"
_LOWER_CASE = re.compile(r"[a-ząćęłńóśźż]")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass
class _Slot:
    start: str | None = None
    end: str | None = None


@dataclass
class _Open:
    """The session being read and the people attached to it."""

    session: Session
    bare: list[PersonLine] = field(default_factory=list)
    labelled: bool = False


def parse_programme(doc: Document) -> tuple[list[Session], list[Person]]:
    """Sessions and their people from a programme's lines."""
    return _Reader(doc).read()


class _Reader:
    """One pass over the lines of the main content."""

    def __init__(self, doc: Document) -> None:
        self.lines = [ln.text for ln in doc.lines]
        self.tags = [ln.tag for ln in doc.lines]
        self.year = _page_year(self.lines)
        self.day: str | None = None
        self.slot = _Slot()
        self.slot_used = True  # a new time line waits for its title
        self.pending_format: str | None = None
        self.pending_format_set = False
        self.pending_line: str | None = None  # the format line itself (`Rozmowa z gościem specjalnym`)
        self.current: _Open | None = None
        self.role: str | None = None
        self.last_person: Person | None = None
        self.label_line: str | None = None
        self.label_people = 0
        self.tag = "p"
        self.next_line: str | None = None
        self.title_fresh = False  # the session was just opened from a title line: the next line may continue it
        self.listed: tuple[str | None, str | None, str | None] | None = None  # a list item opened the session
        self.sessions: list[Session] = []
        self.people: list[Person] = []
        # a line is asked about as a person, a label, a title… more than once: each answer is kept for the page
        self.parse = PersonLines()
        self.labels: dict[str, Label | None] = {}
        self.is_label: dict[str, bool] = {}
        self.title_keys: dict[str, str] = {}

    def _text_key(self, title: str) -> str:
        if title not in self.title_keys:
            self.title_keys[title] = text_key(title)
        return self.title_keys[title]

    def _split_label(self, line: str) -> Label | None:
        if line not in self.labels:
            self.labels[line] = split_label(line)
        return self.labels[line]

    def _is_label(self, line: str) -> bool:
        if line not in self.is_label:
            self.is_label[line] = _is_role_label(self._split_label(line), self.parse)
        return self.is_label[line]

    def _split_title_people(self, text: str) -> tuple[str, list[PersonLine]]:
        return _split_title_people(text, self.parse)

    # -- driving ------------------------------------------------------------------

    def read(self) -> tuple[list[Session], list[Person]]:
        for i, (line, tag) in enumerate(zip(self.lines, self.tags)):
            self.tag = tag
            self.next_line = self.lines[i + 1] if i + 1 < len(self.lines) else None
            if tag == "th" and not _TIME_LINE.match(line) and not _DAY_HEADING.match(line):
                continue  # a table's header cell (`Godzina`, `Sesja`, `Prowadzenie i udział`) names a column
            self._line(line.strip())
        self._untitled_format()
        self._close()
        return self.sessions, self.people

    def _line(self, line: str) -> None:
        if not line:
            return
        if self.listed is not None and self._next_listed(line):
            return
        fresh, self.title_fresh = self.title_fresh, False
        if fresh and self._title_continuation(line):
            self.title_fresh = True
            return
        if self._day_heading(line):
            return
        m = _TIME_LINE.match(line)
        if m and _valid_time(m.group(2), m.group(3)) and not (m.group("label") or "").lower().startswith("godziny"):
            self._time_line(m)
            return
        if m and (m.group("label") or "").lower().startswith("godziny"):
            return  # the day's opening hours, not an agenda item
        if _PARALLEL.match(line):
            self.role = None
            return
        if _ROOM.match(line) and not self.pending_format_set:
            return
        if self._format_line(line):
            return
        if self._break_line(line):
            return
        label = self._split_label(line)
        if label is not None and self._is_label(line) and (self.current is not None or ":" in line):
            # Outside a session only a `…:` list intro counts; a bare `Prelegenci` heading
            # heads a speakers page, whose cards `speakers.py` reads.
            self._label(label, line)
            return
        if self._language_line(line):
            return
        if self._talk_line(line):
            return
        if self._heading_session(line):
            return
        if self._title_line(line):
            return
        if self._person_line(line):
            return
        if self._affiliation_continuation(line):
            return
        if _is_prose(line):
            self.role = None

    # -- line kinds ----------------------------------------------------------------

    def _day_heading(self, line: str) -> bool:
        """`Dzień 1 – 10 października 2024`, `29.11.2023 (środa)`, `17 października, scena …`: sets the day."""
        if len(line) > 90 or not _DAY_HEADING.match(line):
            return False
        date = _parse_day(line, self.year)
        if date is None and not re.match(r"^\s*dzień\s", line, re.I):
            return False
        self._untitled_format()
        self._close()
        self.day = date
        self.role = None
        self.slot, self.slot_used = _Slot(), True
        t = _TIME_IN_DAY.search(line)
        if t and _valid_time(t.group(1), t.group(2)):
            self.slot = _Slot(_hhmm(t.group(1), t.group(2)), _hhmm(t.group(3), t.group(4)) if t.group(3) else None)
            self.slot_used = False
        return True

    def _time_line(self, m: re.Match[str]) -> None:
        self._untitled_format()
        self._close()
        self.slot = _Slot(_parse_start(m), _parse_end(m))
        self.slot_used = False
        self.pending_format, self.pending_format_set = None, False
        self.role = None
        rest = m.group("rest").strip(" –—-:|·•")
        if rest:
            if self._break_line(rest) or self._format_line(rest) or self._talk_line(rest):
                return
            if _NOT_SESSION.search(rest):
                return  # `9:00 (czas polski)`, `10:00 transmisja online`: the slot waits for its title
            label = self._split_label(rest)
            if label is not None and label.rest and self._is_label(rest):
                # `10:00 Powitanie: Jan Kowalski`: the label names the item and its speaker
                self._open(label.words, None)
                self._label(label, rest)
                return
            title, people = self._split_title_people(rest)
            self._open(_parse_title(title), None)
            self._title_people(people)

    def _format_line(self, line: str) -> bool:
        if not _FORMAT_START.match(line) or self._is_label(line):
            return False
        probe = _uncapped(line)  # `PANEL DYSKUSYJNY: TITLE` is read as `panel dyskusyjny: title`, the title kept as written
        m = _FORMAT_QUOTED.match(probe) or _FORMAT_COLON.match(probe)
        if m:
            fmt = _parse_format(m.group("fmt"))
            title, people = self._split_title_people(line[m.start("title"):m.end("title")])
            title = _parse_title(title)
            if len(title) >= 3:
                self._close()
                when = _TIME_LINE.match(m.group("when") or "")
                if when and _valid_time(when.group(2), when.group(3)) and not when.group("rest").strip():
                    self.slot, self.slot_used = _Slot(_parse_start(when), _parse_end(when)), False
                self._open(title, fmt)
                self._title_people(people)
                return True
        m = _FORMAT_ONLY.match(probe)
        if m and len(line) <= 60 and not _is_short_sentence(m):
            self._close()
            self.pending_format, self.pending_format_set = _parse_format(m.group("fmt")), True
            self.pending_line = line.strip().rstrip(":.").strip()
            self.role = None
            return True
        return False

    def _break_line(self, line: str) -> bool:
        kind = "registration" if _REGISTRATION.match(line) else "break" if _BREAK.match(line) else None
        if kind is None or len(line) > 80:
            return False
        self._close()
        self.role = None
        if not self.slot_used:
            self.sessions.append(self._session(line, kind))
            self.slot_used = True
        return True

    def _heading_session(self, line: str) -> bool:
        """A heading with no time whose next line is a role label names a session:
        `Zjazd 1 (8–9 marca): Diagnoza potrzeb` / `Prowadzenie: Jan Kowalski` (a training module, a workshop)."""
        nxt = self.next_line
        if self.tag not in _HEADINGS or self.tag == "h1" or nxt is None or len(line) > 200 or len(line.split()) < 2:
            return False
        if self.pending_format_set or not self.slot_used or _is_prose(line) or self.parse(line) is not None:
            return False
        label = self._split_label(nxt)
        if label is None or not label.role or not self._is_label(nxt) or (not label.rest and ":" not in nxt):
            return False
        m = _FORMAT_QUOTED.match(line) or _FORMAT_COLON.match(line)
        if m:
            title, fmt = _parse_title(m.group("title")), _parse_format(m.group("fmt"))
        else:
            n = _NUMBERED_PART.match(line)
            title, fmt = _parse_title(n.group("title") if n else line), None
        self._close()
        self.slot = _Slot()
        self._open(title, fmt)
        return True

    def _title_line(self, line: str) -> bool:
        """The first plain line after a time line or a format line names the session."""
        waiting = self.pending_format_set or not self.slot_used
        if not waiting or _is_prose(line) or len(line) > 250 or _is_column_header(line) or _NOT_SESSION.search(line):
            return False
        if self.parse(line, strict=True) is not None:
            if not self.pending_format_set:
                return False
            pending = self.pending_line or ""
            if pending and _FORMAT_WORD_ONLY.match(pending) is None:
                # `Rozmowa z gościem specjalnym` / `Wanda Krzemińska – …`: the format line (a format
                # word with its own words) was the title; the person under it belongs to that session
                self._open(pending, self.pending_format)
                return False
        listed = _LIST_ITEM.match(line)
        fmt = self.pending_format
        title, people = self._split_title_people(line[listed.end():] if listed else line)
        self._open(_parse_title(title), fmt)
        self._title_people(people)
        if listed:
            self.listed = (fmt, self.slot.start, self.slot.end)
        return True

    def _next_listed(self, line: str) -> bool:
        """`Warsztaty w grupach:` / `a) fundusze europejskie` / `b) partnerstwa lokalne`: each item of a list
        under a format line is a session of its own, in the same slot (parallel groups)."""
        listed, self.listed = self.listed, None
        if listed is None or not _LIST_ITEM.match(line) or (self.current and self.current.bare) or self.role:
            return False
        if self.parse(_LIST_ITEM.sub("", line, count=1), strict=True) is not None:
            return False
        fmt, start, end = listed
        self._close()
        self.slot, self.slot_used = _Slot(start, end), False
        self.pending_format, self.pending_format_set = fmt, True
        return self._title_line(line)

    def _untitled_format(self) -> None:
        """`15:30 Dyskusja i podsumowanie` with no title under it: a format line written as a phrase (with a
        conjunction or a preposition) is the slot's title itself when the next slot or day begins."""
        line = self.pending_line or ""
        if self.pending_format_set and not self.slot_used and _PHRASE_WORD.search(line):
            self._open(line, self.pending_format)
            self._close()

    def _title_continuation(self, line: str) -> bool:
        """`Debata: Rola samorządu` / `w nowoczesnej demokracji`: a title broken over lines goes on in lower case;
        a stray punctuation line under it (`.`) is nothing."""
        cur = self.current
        if cur is None:
            return False
        if not re.search(r"\w", line):
            return True
        if not line[0].islower() or len(line) > 150 or self._split_label(line) is not None or _is_prose(line):
            return False
        if _LIST_ITEM.match(line):
            return False  # `b) partnerstwa lokalne`: the next item of a list, not the rest of a title
        if self.parse(line, strict=True) is not None or _TIME_LINE.match(line):
            return False
        cur.session["title"] = f"{cur.session['title']} {line}".strip()
        return True

    def _talk_line(self, line: str) -> bool:
        """`dr Anna Nowak (Uniwersytet X): Title`: a talk of an academic programme, its speaker and its title."""
        m = next((m for pattern, marks in zip(_TALK_LINES, _TALK_MARKS)
                  if not marks.isdisjoint(line) for m in [pattern.match(line)] if m), None)
        if not m or self._split_label(line) is not None:
            return False
        who, title = m.group("who").strip(" ,"), _parse_title(m.group("title").strip().rstrip(";"))
        first = title.split()[0].strip("„”\",.") if title.split() else ""
        if m.re is _TALK_LINES[2] and (is_position_word(first) or is_org_head(first)):
            return False  # `Jan Nowak (UW) – prezes Fundacji X`: an affiliation after a dash, not a title
        if m.re is _TALK_LINES[1] and not who.endswith(")") and _has_affiliation(who, self.parse):
            return False  # `Jan Nowak – prezes Fundacji „Razem”`, `Anna Lis, Grupa Działania „Dolina”`: a quoted name ends the affiliation
        pl = self.parse(who, strict=True)
        if pl is None or not (pl.honorific or pl.organizations or "(" in who):
            return False
        # a paper's title may hold two sentences (`Title. Subtitle`); a longer text is a quote or a bio
        if role_from_label(title) or self.parse(title) is not None or len(title) < 5 or len(title) > 300:
            return False
        if len(re.findall(r"[.!?]\s+[A-ZĄĆĘŁŃÓŚŹŻ]", title)) > 1:
            return False
        self._open(title, None)
        self._add(pl, pl.role or "speaker", evidence=line)
        return True

    def _language_line(self, line: str) -> bool:
        """`FR: Jan Kowalski, Uniwersytet X, Anna Nowak, Urząd Y` in a session: its panelists of one language group
        (a panel's or a debate's; a talk's speakers otherwise). Never a session."""
        m = _LANGUAGE_LINE.match(line)
        if m is None or self.current is None:
            return False
        people = [pl for part in self.parse.people(m.group("rest")) for pl in [self.parse(part)] if pl is not None]
        if not people:
            return True  # a title in another language (`FR: Nouveaux acteurs`): not a session of its own
        role = "panelist" if self.current.session["format"] in ("panel", "debata") else "speaker"
        for pl in people:
            self._add(pl, pl.role or role, evidence=line)
        return True

    def _title_people(self, people: list[PersonLine]) -> None:
        """People written on the title line after a dash (`Wykład: Title – Jan Kowalski, Org`): the session's speakers."""
        if self.current is None:
            return
        for pl in people:
            if pl.role:
                self._add(pl, pl.role)
            else:
                self.current.bare.append(pl)

    def _label(self, label: Label, line: str) -> None:
        role = label.role
        self.role = role
        self.label_line = line
        self.label_people = 0  # people named under this label so far (a singular label names one)
        if self.current is not None:
            self.current.labelled = True
            if self.current.session["format"] is None and re.match(r"panel", label.words, re.I):
                self.current.session["format"] = "panel"
        for part in self.parse.people(label.rest):
            pl = self.parse(part)
            if pl is not None:
                self._add(pl, role, evidence=line)

    def _person_line(self, line: str) -> bool:
        if self.tag in _HEADINGS:
            return False  # a name in a heading heads a speaker card (speakers.py reads it)
        if self.role is not None:
            pl = self.parse(line)
            if pl is None:
                return False
            # the evidence names the role too: the label line, then the person's line
            self._add(pl, pl.role or self.role, evidence=f"{self.label_line}\n{pl.evidence}" if self.label_line else None)
            return True
        if self.current is None or self.current.labelled:
            return False
        pl = self.parse(line, strict=True)
        if pl is None or len(line) > 300:
            return False
        if pl.role:
            self._add(pl, pl.role)
        else:
            self.current.bare.append(pl)
        return True

    def _affiliation_continuation(self, line: str) -> bool:
        """`Bronisław Wildstein` / `Pisarz, eseista, publicysta`: a name's affiliation on the next line."""
        p = self.last_person
        if self.role is None or p is None or p.get("organizations") or _is_prose(line):
            return False
        if len(line) > 200 or self._split_label(line):
            return False
        position, orgs, _places = parse_affiliation(line)
        if p.get("evidence", "").count("\n") >= 2 + bool(self.label_line):
            return False  # at most two lines of affiliation under one name
        p["position"] = ", ".join(x for x in (p.get("position"), position) if x) or None
        p["organizations"] = p.get("organizations", []) + [o for o in orgs if o not in p.get("organizations", [])]
        p["evidence"] = f"{p['evidence']}\n{line}"
        if p["organizations"]:
            self.last_person = None  # a position line may be followed by the organisation's line
        return True

    # -- sessions and people -------------------------------------------------------

    def _session(self, title: str, fmt: str | None) -> Session:
        return make_session(title, fmt, self.day, None if self.slot_used else self.slot.start,
                            None if self.slot_used else self.slot.end)

    def _open(self, title: str, fmt: str | None) -> None:
        self._close()
        timed = self.slot.start is not None
        session = make_session(title, fmt, self.day, self.slot.start, self.slot.end if timed else None)
        key = self._text_key(title)
        same = next((s for s in self.sessions if self._text_key(s["title"]) == key
                     and (s["day"], s["start"]) == (session["day"], session["start"])), None)
        if same is not None:
            session = same  # the page's title repeated as a heading names the same session once
            session["format"] = session["format"] or fmt
        else:
            self.sessions.append(session)  # type: ignore[arg-type]
        self.current = _Open(session)  # type: ignore[arg-type]
        self.pending_format, self.pending_format_set = None, False
        self.slot_used = True
        self.role = None
        self.title_fresh = True

    def _close(self) -> None:
        """Give the bare person lines of the closing session their role (keynote, or speakers when several)."""
        cur = self.current
        if cur is None:
            return
        if cur.bare:
            fmt = cur.session["format"]
            if fmt in ("panel", "debata") and len(cur.bare) > 1:
                role = "panelist"
            elif len(cur.bare) == 1 and _CEREMONY_TITLE.match(cur.session["title"]):
                role = "speaker"  # `Powitanie uczestników – Wójt X`: a welcome, not a keynote
            elif len(cur.bare) == 1 and _GUEST_TITLE.search(cur.session["title"]):
                role = "guest"  # `Rozmowa z gościem specjalnym` / one person: the guest
            elif len(cur.bare) == 1 and fmt in (None, "keynote", "wykład"):
                role = "keynote"
                if fmt is None:
                    cur.session["format"] = "keynote"
            else:
                role = "speaker"
            for pl in cur.bare:
                # the role comes from standing under the title: the evidence shows both
                self._add(pl, role, cur.session, evidence=f"{cur.session['title']}\n{pl.evidence}")
        self.current = None
        self.role = None
        self.last_person = None

    def _add(self, pl: PersonLine, role: str, session: Session | None = None, evidence: str | None = None) -> None:
        sess = session or (self.current.session if self.current else None)
        person = records.person(
            pl.name, role, honorific=pl.honorific, session=sess["title"] if sess else None, position=pl.position,
            organizations=pl.organizations, evidence=evidence or pl.evidence,
            # bare (unlabelled) people are added with their session when it closes
            gender=(_label_gender(self.label_line, self.label_people, role == self.role and pl.role in (None, self.role))
                    if self.role and session is None else None) or pl.gender)
        self.people.append(person)
        self.title_fresh = False
        if self.role and session is None:
            self.label_people += 1
        self.last_person = person if not pl.affiliation else None


# --- helpers -------------------------------------------------------------------------


def parse_session_heading(line: str, parse: PersonLines | None = None) -> tuple[str, str | None] | None:
    """(title, format) of a line naming a session by itself: `Debata „Title”`, `Panel: Title`, `„Title”`.
    `parse`: the page's person-line parser, when the caller has one."""
    m = None
    if _FORMAT_START.match(line):
        probe = _uncapped(line)
        m = _FORMAT_QUOTED.match(probe) or _FORMAT_COLON.match(probe)
    if m and not _is_label(line, parse or PersonLines()):
        return _parse_title(line[m.start("title"):m.end("title")]), _parse_format(m.group("fmt"))
    t = line.strip()
    if len(t) > 5 and t[0] in "„\"“" and t[-1] in "”\"" and sum(t.count(q) for q in _QUOTES) == 2:
        return _parse_title(t), None
    return None


_HEADER_JOINERS = {"i", "oraz", "/", "&", "+", "-", "–"}
_COLUMN_ROLES = {"moderator", "host", "panelist"}


def _is_column_header(line: str) -> bool:
    """`Prowadzenie i udział`, `Moderacja / paneliści`: role words only, the name of a table's people column."""
    words = re.findall(r"[\w]+|[/&+–-]", line)
    if len(words) < 2 or ":" in line:
        return False
    roles = []
    for w in words:
        if w.lower() in _HEADER_JOINERS:
            continue
        role = role_from_label(w)
        if not role:
            return False  # a word naming no role: a title, not a header (the words after it are not looked up)
        roles.append(role)
    return any(r in _COLUMN_ROLES for r in roles)


def _split_title_people(text: str, parse: PersonLines | None = None) -> tuple[str, list[PersonLine]]:
    """`Title – Jan Kowalski, Org` or `Title (Jan Kowalski, Org)` → (`Title`, [Jan Kowalski]); a title with no
    person after a dash or in closing brackets stays whole.

    The dash before the person is the last one whose tail parses (strictly) as a person
    line, or a list of them; the title before it keeps its own dashes.
    """
    parse = parse or PersonLines()
    m = re.match(r"^(?P<head>.{3,}?)\s*\((?P<tail>[^()]+)\)\s*$", text.strip())
    if m and m.group("head").count("„") == m.group("head").count("”"):
        found = _all_people(parse.people(m.group("tail")), parse)
        if found is not None:
            return m.group("head").strip(" –—-:"), found
    for m in reversed(list(re.finditer(r"\s[–—-]\s+", text))):
        head, tail = text[: m.start()].strip(), text[m.end():].strip()
        if len(head) < 3 or not tail or head.count("„") != head.count("”"):
            continue
        found = _all_people(parse.people(tail), parse)
        if found is not None:
            return head, found
    return text, []


def _all_people(parts: list[str], parse: PersonLines) -> list[PersonLine] | None:
    """Each part as a person line (strictly), or None as soon as one is not."""
    found = []
    for part in parts:
        pl = parse(part, strict=True)
        if pl is None:
            return None
        found.append(pl)
    return found


def _parse_format(words: str) -> str | None:
    """Normalised format of format words (`Panel dyskusyjny` → panel, `Wykład inauguracyjny` → wykład)."""
    for pattern, fmt in SESSION_FORMATS:
        if re.match(pattern, words, re.I):
            return fmt
    return None


def _parse_title(title: str) -> str:
    """A session title without quotes around the whole of it (`„Title”` → `Title`); inner quotes stay."""
    t = title.strip().rstrip(".").strip() if title.strip().endswith(("”.", '".')) else title.strip()
    if len(t) > 2 and t[0] in _QUOTES and t[-1] in _QUOTES and sum(t.count(q) for q in _QUOTES) == 2:
        t = t[1:-1].strip()
    return t


def _has_affiliation(who: str, parse: PersonLines) -> bool:
    """True when a person's text goes on past the name (`Jan Nowak, Fundacja`), not only an honorific."""
    pl = parse(who, strict=True)
    return pl is not None and bool(pl.affiliation)


def _uncapped(line: str) -> str:
    """A line written in capitals, in lower case (same length, so match offsets hold in the original)."""
    if len(_LOWER_CASE.findall(line)) > 0.2 * len(line):
        return line  # more lower-case letters than a line in capitals can hold: told without reading every letter
    letters = [c for c in line if c.isalpha()]
    if len(letters) >= 6 and sum(c.isupper() for c in letters) >= 0.8 * len(letters):
        low = line.lower()
        if len(low) == len(line):
            return low
    return line


def _is_short_sentence(m: re.Match[str]) -> bool:
    """`Spotkanie bardzo udane.`: a format word opening a sentence (two or more words after it and a full stop)."""
    line = m.string.strip()
    after = line[m.end("fmt"):].strip(" .:").split()
    return line.endswith(".") and len(after) >= 2


def _is_prose(line: str) -> bool:
    """A running-text sentence (a description or a news paragraph), not a programme line."""
    words = line.split()
    if len(line) > 200:
        return True
    return len(words) > 14 and bool(re.search(r"[.!?]\s+[A-ZĄĆĘŁŃÓŚŹŻ]", line) or line.rstrip().endswith("."))


_FEMININE_LABEL = re.compile(rf"^\s*({FEMININE_LABELS})\s*:", re.I)
_FEMININE_PLURAL_LABEL = re.compile(rf"^\s*({FEMININE_PLURAL_LABELS})\s*:", re.I)


def _label_gender(label_line: str | None, before: int = 0, same_role: bool = True) -> str | None:
    """'f' for the person a feminine label names (`Moderatorka:` one person, `Panelistki:` each of them);
    masculine labels are generic. A person under the label with another role (their own
    `(jako moderator)`), or a second person under a singular label, is not the one it names."""
    if not label_line or not same_role:
        return None
    if _FEMININE_PLURAL_LABEL.match(label_line):
        return "f"
    return "f" if before == 0 and _FEMININE_LABEL.match(label_line) else None


def _is_label(line: str, parse: PersonLines) -> bool:
    """A role label, unless the words after its colon are a session title (`Wykład przedkongresowy: <title>`)."""
    return _is_role_label(split_label(line), parse)


def _is_role_label(label: Label | None, parse: PersonLines) -> bool:
    """`_is_label` of a line whose `split_label` is `label`."""
    if label is None:
        return False
    return not label.rest or parse(parse.people(label.rest)[0]) is not None


def _parse_start(m: re.Match[str]) -> str | None:
    """Start time `HH:MM` of a time line (`11.00–12.15` → 11:00)."""
    return _hhmm(m.group(2), m.group(3))


def _parse_end(m: re.Match[str]) -> str | None:
    """End time `HH:MM` of a time line, None for a start-only time (`12:00`)."""
    return _hhmm(m.group(4), m.group(5)) if m.group(4) else None


def _valid_time(h: str, m: str) -> bool:
    return int(h) < 24 and int(m) < 60


def _hhmm(h: str | None, m: str | None) -> str | None:
    if h is None or m is None:
        return None
    return f"{int(h):02d}:{m}"


def _parse_day(text: str, year: int | None) -> str | None:
    """ISO date of a day heading, when its year is written or known from the page."""
    m = _DATE_NUM.search(text)
    if m:
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None
    m = _DATE_TEXT.search(text)
    if m:
        d, mo = int(m.group(1)), GENITIVE_MONTHS[m.group(2).lower()]
        y = int(m.group(3)) if m.group(3) else year
        return f"{y:04d}-{mo:02d}-{d:02d}" if y else None
    return None


def _page_year(lines: list[str]) -> int | None:
    """The year the page's programme is in: the most frequent year written on it."""
    years = Counter(int(y) for y in _YEAR.findall("\n".join(lines)))
    return years.most_common(1)[0][0] if years else None
