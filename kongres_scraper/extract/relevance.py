"""Is a page about the Krajowy Kongres Współpracy Lokalnej, and which edition?

Other congresses use the same programme labels and sometimes the same organiser (FRDL
runs the Kongres Przewodniczących Rad too), and FRDL project pages (Building Bridges)
sit next to the congress pages; so a page is judged by the congress's *name* — in any
case and spelling — in its title, URL or text, not by the organiser or the labels.
Other events' names share its words (`Pomorski Kongres Współpracy Lokalnej`, `Kongres
Współpracy Lokalnej i Regionalnej`, `XI Kongres Współpracy Lokalnej 2019`), so each
mention is read as a whole name — the adjective before it, the words and the year after
it — and counts only when that whole name is this congress's (`names.py`). The congress
first met in 2023: a page published before its first announcement is about something else.
The edition is voted for by roman numerals and ordinals next to the name, years, the
editions' dates, venues and themes, URL hints (`kongres24`, `iikkwl`) and, as a last
resort, the publication date (a report a few weeks after an edition, an announcement
a few months before it).
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from urllib.parse import unquote, urlsplit

from ..lexicon import EDITION_PLACES, EDITIONS  # the congress facts, kept with the vocabulary
from . import eventname
from .dates import DAY_RANGE, MONTHS, SINGLE_DAY
from .document import Document

_YEAR_EDITION = {d[0].year: n for n, d in EDITIONS.items()}

# `Krajowy Kongres Współpracy Lokalnej`, `II Krajowego Kongresu …`, `Krajowe Kongresy …`,
# `Ogólnopolskie Kongresy …`, `KONGRES WSPÓŁPRACY LOKALNEJ`, in any case.
_KONGRES = r"kongres(?:u|ie|em|y|ów|ach|ami|om)?"
_NAME = re.compile(rf"\b{_KONGRES}\s+współpracy\s+lokalnej\b", re.I)
_NAME_EN = eventname.NAME_EN
_OWN_HOST = re.compile(r"kongres-?wspolpracy|kkwl", re.I)  # the congress's own site
# The congress was first announced in 2023 (its first edition met in September that year): a post
# published earlier, or filed under an earlier `/YYYY/MM/` in its URL, is about another event.
FIRST_ANNOUNCED = dt.date(eventname.FIRST_YEAR, 1, 1)
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/")
_ROMAN = {"i": 1, "ii": 2, "iii": 3}
_ORDINALS = {
    1: r"pierwsz\w*|1\.",
    2: r"drug\w*|2\.",
    3: r"trzec\w*|3\.",
}
_ADJ = r"(?:krajow\w+|ogólnopolsk\w+)"
# `II Krajowy Kongres Współpracy Lokalnej`, `III Krajowego Kongresu`, `I KKWL`
_NUMBERED = re.compile(rf"\b(I{{1,3}})\s+(?:{_ADJ}\s+)?(?:{_KONGRES}\s+współpracy\s+lokalnej|kkwl)\b", re.I)
# `drugi Krajowy Kongres …`, `pierwszy kongres`, `trzecia edycja Kongresu …`, `drugiego Kongresu`
_ORDINAL_NAMED = re.compile(
    rf"\b({'|'.join(_ORDINALS.values())})\s+(?:{_ADJ}\s+)?(?:{_KONGRES}|edycj\w+)\b", re.I)
# English pages: `organised for the first time this year`, `the second edition`.
_ORDINAL_EN = re.compile(r"\b(?:for\s+the\s+)?(first|second|third)\s+(?:time|edition|congress)\b", re.I)
_EN_NUMBER = {"first": 1, "second": 2, "third": 3}
_NAME_YEAR = re.compile(rf"{_KONGRES}\s+współpracy\s+lokalnej\s+(20\d\d)\b", re.I)
_URL_EDITION = (
    (re.compile(r"\biii[-_]?kkwl|iii[-_]krajow|kongres[-_]?(20)?25\b", re.I), 3),
    (re.compile(r"\bii[-_]?kkwl|(?<!i)ii[-_]krajow|kongres[-_]?(20)?24\b", re.I), 2),
    (re.compile(r"(?<![a-z])i[-_]?kkwl|(?<![a-z])i[-_]krajow|kongres[-_]?(20)?23\b", re.I), 1),
)
_YEAR = re.compile(rf"\b({'|'.join(map(str, _YEAR_EDITION))})\b")  # the editions' years


def _stem(word: str) -> str:
    return word[: max(3, len(word) - 2)]


def _inflected(phrase: str) -> re.Pattern:
    """A phrase in any case: each word's stem, any ending (`Muzeum Historii Polski` -> `w Muzeach Historii Polski`)."""
    stems = [re.escape(_stem(w)) + r"\w*" for w in phrase.split()]
    return re.compile(r"\b" + r"\s+".join(stems), re.I)


def _places_and_themes() -> tuple[tuple[re.Pattern, int, str], ...]:
    """Where an edition met and what it was about, read from the congress facts; a place several
    editions share (the city) tells none of them apart. Each clue comes with the stem of its first
    word, which any mention holds."""
    places = {n: [v.strip() for v in venue.split(",")] for n, (venue, _) in EDITION_PLACES.items()}
    shared = {p for n, ps in places.items() for p in ps if any(p in places[o] for o in places if o != n)}
    phrases = [(p, n) for n, ps in places.items() for p in ps if p not in shared]
    phrases += [(theme, n) for n, (_, theme) in EDITION_PLACES.items() if theme]
    return tuple((_inflected(p), n, _stem(p.split()[0]).lower()) for p, n in phrases)


_VENUES_AND_THEMES = _places_and_themes()
# A report is published within about eight weeks after an edition; an announcement within months before it.
_REPORT_DAYS, _ANNOUNCEMENT_DAYS = 60, 183
# The year in a URL slug (`/relacja-z-kongresu-2024/`, `/2024-kongres/`); a `/YYYY/MM/` path is a filing date.
_SLUG_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)(?!/(?:0[1-9]|1[0-2])/)")
# Lines shorter than this are menus, link lists and captions, not prose about the page's subject.
_PROSE_WORDS = 8
# Phrases meaning "the whole series": `Krajowe Kongresy`, `kolejne edycje`, `co roku`.
_SERIES = re.compile(rf"\b(krajowe|ogólnopolskie)\s+kongresy\b|\bkolejn\w+\s+edycj\w+|\bcoroczn\w+|\bcykliczn\w+", re.I)


def judge(doc: Document, published: str | None, listing: bool = False) -> tuple[bool, int | None]:
    """(about_congress, edition) of a page; edition None for another event or the congress as a whole.

    `listing` for a page of teasers judged by its own text (`pagetype.own_document`): it is about
    the congress only when its own heading names it or its own prose does more than once (an
    organiser's home page saying it co-organises the congress is about the organiser), and its
    URL or host is no evidence (a news index on the congress's own site lists other news too).
    """
    if _before_the_congress(doc, published):
        return False, None
    about = _listing_about(doc) if listing else _parse_about(doc)
    if not about:
        return False, None
    return True, _parse_edition(doc, published)


def _before_the_congress(doc: Document, published: str | None) -> bool:
    """True for a page published (or filed in its URL) before the congress was first announced."""
    try:
        if published and dt.date.fromisoformat(published[:10]) < FIRST_ANNOUNCED:
            return True
    except ValueError:
        pass
    filed = _URL_MONTH.search(urlsplit(doc.url).path)
    return not published and bool(filed) and int(filed.group(1)) < FIRST_ANNOUNCED.year


def _names_it(text: str) -> int:
    """How many times a text names this congress (other events' names sharing its words do not count)."""
    return eventname.count_own(text)


def _title_text(doc: Document) -> str:
    heads = [ln.text for ln in doc.lines[:6] if ln.tag.startswith("h") or ln.strong]
    return "\n".join(filter(None, [doc.title, *heads]))


def _parse_about(doc: Document) -> bool:
    """True when the congress's name heads the page, is in its URL path, or recurs in its prose.

    Menus and "recent posts" boxes name the congress on every page of an organiser's
    site, so only lines long enough to be prose count as mentions; and the congress's own
    domain hosts other posts too (grant calls), so the host alone is not enough.
    """
    title = _title_text(doc)
    if _names_it(title):
        return True
    mentions = _prose_mentions(doc)
    parts = urlsplit(unquote(doc.url))
    if eventname.slug_names_it(parts.path):
        return True
    if _OWN_HOST.search(parts.netloc):
        return mentions >= 1
    heads = [doc.title or ""] + [ln.text for ln in doc.lines[:6] if ln.tag.startswith("h") or ln.strong]
    other = next((m for h in heads for m in [_OTHER_EVENT.search(h)] if m), None)
    if other is None:
        return mentions >= 1
    # the title names another event: the page is about it unless its prose names this congress
    # more often than that event (a report of a forum recalling the congress is the forum's)
    return mentions > _other_event_mentions(doc, other.group(0))


def _other_event_mentions(doc: Document, name: str) -> int:
    """How often the prose names the kind of event a title names (`Forum`, `Konferencja`, another `Kongres`)."""
    word = re.search(r"kongres|konferencj|forum|zjazd|szczyt", name, re.I)
    if word is None:
        return 0
    stem = re.compile(rf"\b{word.group(0)}\w*", re.I)
    count = sum(len(stem.findall(ln.text)) for ln in doc.lines if len(ln.text.split()) >= _PROSE_WORDS)
    return count - _prose_mentions(doc) if word.group(0).lower() == "kongres" else count


def _listing_about(doc: Document) -> bool:
    title = _title_text(doc)
    if _names_it(title):
        return True
    return _prose_mentions(doc) >= 2


def _prose_mentions(doc: Document) -> int:
    return sum(_names_it(ln.text) for ln in doc.lines if len(ln.text.split()) >= _PROSE_WORDS)


# A title naming another event: a congress with its own name (`Kongres Przewodniczących Rad`,
# `Pomorski Kongres Obywatelski`, `Kongresu Polska Wielki Projekt`), a conference or a forum.
# A bare `Program Kongresu`, `Goście Kongresu 2024` refers to this one.
_OTHER_EVENT = re.compile(
    r"\b(?!Krajow|Ogólnopolsk|KRAJOW|OGÓLNOPOLSK)[A-ZĄĆĘŁŃÓŚŹŻ][\w-]*(?:ski|cki|dzki|ny|wy|ni)\s+[Kk]ongres"
    r"|\b[Kk]ongres\w*\s+(?!Współpracy|WSPÓŁPRACY)[A-ZĄĆĘŁŃÓŚŹŻ]"
    r"|\b[Kk]onferencj\w*|\b[Ff]orum\b|\b[Zz]jazd\w*|\b[Ss]zczyt\w*")


def _parse_edition(doc: Document, published: str | None) -> int | None:
    """The edition with most votes; None when nothing points to one edition."""
    votes: Counter[int] = Counter()
    title = _title_text(doc)
    text = doc.text
    english = _NAME_EN.search(text) is not None
    for source, weight in ((title, 4), (text, 2)):
        words = _Words(source)
        if words.has("lokalnej", "kkwl"):
            for m in _NUMBERED.finditer(source):
                votes[_ROMAN[m.group(1).lower()]] += weight
        if words.has("kongres", "edycj"):
            for m in _ORDINAL_NAMED.finditer(source):
                word = m.group(1).lower()
                for n, pat in _ORDINALS.items():
                    if re.fullmatch(pat, word):
                        votes[n] += weight
        if english:
            for m in _ORDINAL_EN.finditer(source):
                votes[_EN_NUMBER[m.group(1).lower()]] += weight
        if words.has("lokalnej"):
            for m in _NAME_YEAR.finditer(source):
                if int(m.group(1)) in _YEAR_EDITION:
                    votes[_YEAR_EDITION[int(m.group(1))]] += weight
        for n in _edition_dates(source):
            votes[n] += weight
        for pat, n, stem in _VENUES_AND_THEMES:
            if words.has(stem) and pat.search(source):
                votes[n] += weight
    url = unquote(doc.url)
    for pat, n in _URL_EDITION:
        if pat.search(url):
            votes[n] += 4
            break
    if not votes:
        votes = _weak_votes(doc, published)
    if not votes:
        return None
    ranked = votes.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None  # the page is about several editions alike
    if (len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1] and _Words(text).has("kongresy", "edycj", "coroczn", "cykliczn")
            and _SERIES.search(text)):
        return None  # the series as a whole
    return ranked[0][0]


class _Words:
    """Which words a text holds in any case, as a case-insensitive pattern would find them.

    A pattern's search over the whole text costs more than looking for a word it cannot match
    without (`lokalnej` for `Kongres Współpracy Lokalnej 2024`), so the search is made only then.
    Letters the regex engine takes for `s` or `i` in any case (long s, dotless i, dotted capital I)
    make every word count as present.
    """

    def __init__(self, text: str) -> None:
        self._folded = text.lower()
        self._odd = "ſ" in text or "ı" in text or "İ" in text

    def has(self, *words: str) -> bool:
        return self._odd or any(w in self._folded for w in words)


def _edition_dates(text: str) -> list[int]:
    """Editions whose days are named: `10 i 11 października`, `19-20 września 2023`, `19 września`."""
    found: list[int] = []
    spans: list[tuple[int, int]] = []
    for m in DAY_RANGE.finditer(text):
        d1, d2, month = int(m.group(1)), int(m.group(2)), MONTHS[m.group(3).lower()]
        year = int(m.group(4)) if m.group(4) else None
        for n, (start, end) in EDITIONS.items():
            if (start.month, start.day, end.day) == (month, d1, d2) and year in (None, start.year):
                found.append(n)
        spans.append(m.span())
    for m in SINGLE_DAY.finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        day, month = int(m.group(1)), MONTHS[m.group(2).lower()]
        year = int(m.group(3)) if m.group(3) else None
        hits = [n for n, (start, end) in EDITIONS.items()
                if start.month == month and start.day <= day <= end.day and year in (None, start.year)]
        if len(hits) == 1:  # `10 października` alone fits editions II and III
            found.append(hits[0])
    return found


def _weak_votes(doc: Document, published: str | None) -> Counter[int]:
    """Clues for a page whose text names no edition: years beside the name, the URL's year, and when it was published.

    A page's own date (or the `/YYYY/MM/` it is filed under) weighs as much as two years in its
    sentences: a report saying "last week" is about the edition just held, even if it mentions the
    year of the previous one in passing.
    """
    votes = _years_near_name(doc.text)
    path = urlsplit(unquote(doc.url)).path
    for y in _SLUG_YEAR.findall(path):
        if int(y) in _YEAR_EDITION:
            votes[_YEAR_EDITION[int(y)]] += 1
    filed = _URL_MONTH.search(path)
    day = published or (f"{filed.group(1)}-{filed.group(2)}-01" if filed else None)
    n = _edition_near(day) if day else None
    if n:
        votes[n] += 2
    return votes


def _years_near_name(text: str) -> Counter[int]:
    """Years in sentences that name the congress (weak evidence)."""
    votes: Counter[int] = Counter()
    for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
        if _NAME.search(sentence) or re.search(r"\bkongres", sentence, re.I):
            for y in _YEAR.findall(sentence):
                votes[_YEAR_EDITION[int(y)]] += 1
    return votes


def _edition_near(published: str) -> int | None:
    """The edition a page published on this day reports on (within ~8 weeks after it) or announces
    (within ~6 months before it); None between editions."""
    try:
        day = dt.date.fromisoformat(published[:10])
    except ValueError:
        return None
    for n, (start, end) in EDITIONS.items():
        if 0 <= (day - end).days <= _REPORT_DAYS or 0 <= (start - day).days <= _ANNOUNCEMENT_DAYS or start <= day <= end:
            return n
    return None
