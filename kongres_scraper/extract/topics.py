"""Topics a page names: the subjects of an event or of one of its sessions.

Polish event pages give topics in a few text shapes, whatever the markup:

    quoted list        two or more consecutive lines that are each one quoted title
    inline quoted      `tematy takie jak „A”, „B” i „C”`
    labelled list      `Zagadnienia:`, `Kluczowe zagadnienia:`, `Tematy:`, `W programie:`, `Poruszone
                       zostaną:`, `Tematyka:`, `Zakres tematyczny:` … followed by the items on the same line
                       (`A; B; C`) or on the lines under it (list items, bulleted or numbered lines)
    topic sentence     `Rozmawiać będziemy o A, B oraz C.`, `Dyskusja dotyczyć będzie A.`, `Tematem
                       przewodnim będzie A.`: the subject a sentence gives a session or the event

A topic list written under a session's title (a heading, or the title line of a programme)
belongs to that session: `parse_topics` returns, beside the topics, the session each one
is linked to.
"""
from __future__ import annotations

import re

from ..lexicon import TOPIC_LABELS, TOPIC_NOUNS, TOPIC_VERBS
from .document import Document, text_key
from .personline import parse_person_line, split_label
from .records import Session

_LIST_MARK = re.compile(r"^\s*(?:[-•–—*·►▪✓]|\d{1,2}[.)]|[a-z][.)])\s+")
_TIME = re.compile(r"^\s*(?:godz\.?\s*|od\s+)?\d{1,2}[:.]\d{2}\b", re.I)
# `Zagadnienia:`, `Kluczowe zagadnienia:`, `W programie m.in.:`, `Poruszone zostaną następujące kwestie:`
_LABEL = re.compile(rf"^\s*(?P<label>(?:{TOPIC_LABELS})(?:\s+(?:m\.\s?in\.|między\s+innymi|następując\w*|takie|\w+ce))?"
                    rf"(?:\s+(?:tematy|kwestie|zagadnienia|problemy|wątki|obszary))?)\s*:\s*(?P<rest>.*)$", re.I)
# A sentence ending in a colon that speaks of topics: `Poruszane kwestie zostaną skupione w trzech blokach:`.
_TOPIC_INTRO = re.compile(rf"\b(?:{TOPIC_NOUNS})\w*\b[^:]*:\s*$", re.I)
# A sentence giving a subject: `Rozmawiać będziemy o …`, `Dyskusja dotyczyć będzie …`, `Tematem przewodnim będzie …`.
_SENTENCE = re.compile(rf"\b(?:{TOPIC_VERBS})\s*:?\s+", re.I)
_QUOTED_BODY = re.compile(r"[„\"“]([^„”\"]{3,300})[”\"]")
_PLAIN_BODY = re.compile(r"[^.!?„\"“]{8,400}?(?=[.!?]\s|[.!?]?$)")
_QUOTED_LINE = re.compile(r"\s*[-•–]?\s*[„\"“]([^„”\"]{5,300})[”\"]\s*[.,;]?\s*")
_INLINE_QUOTED = re.compile(r"\btemat\w*\b[^„\"]{0,60}?(?::|takich?\s+jak|jak)\s*(?P<list>[„\"].*)$", re.I)
_MAX_ITEM_WORDS = 40
_MAX_PLAIN_ITEM_WORDS = 12  # items split by commas are short phrases, not clauses


def parse_topics(doc: Document, sessions: list[Session]) -> tuple[list[str], dict[str, str]]:
    """(topics in page order, {topic: title of the session it is written under})."""
    lines = [ln.text for ln in doc.lines]
    tags = [ln.tag for ln in doc.lines]
    titles = {text_key(s["title"]): s["title"] for s in sessions if s.get("format") not in ("break", "registration")}
    topics: list[str] = []
    linked: dict[str, str] = {}
    session: str | None = None

    def add(items: list[str]) -> None:
        for t in items:
            t = _clean(t)
            if t and t not in topics:
                topics.append(t)
                if session:
                    linked[t] = session

    sentences: list[str] = []  # topic sentences, used only on a page that gives no list of topics
    i = 0
    while i < len(lines):
        text = lines[i]
        named = _session_named(text, titles)
        if named:
            session = named
        elif tags[i] in ("h1", "h2", "h3", "h4", "h5", "h6"):
            session = None  # a heading naming no session ends the last one's part of the page
        colon = ":" in text  # a label or an introduction ends in one
        m = _LABEL.match(text) if colon else None
        intro = m is None and colon and len(text) <= 300 and _TOPIC_INTRO.search(text)
        if m or intro:
            items, used = _labelled_list(m.group("rest") if m else "", lines[i + 1:], tags[i + 1:])
            add(items)
            if items:
                i += 1 + used
                continue
        q = _INLINE_QUOTED.search(text) if "„" in text or '"' in text else None  # the list is quoted
        if q:
            inline = [x.group(1) for x in re.finditer(r"„([^”]{5,300})”", q.group("list"))]
            if len(inline) >= 2:
                add(inline)
        run = _quoted_run(lines, i)
        if len(run) >= 2:
            add(run)
            i += len(run)
            continue
        sentences += [t for t in topic_sentences(text) if t not in sentences]
        i += 1
    if not topics:
        add(sentences)
    return topics, linked


def topic_sentences(text: str) -> list[str]:
    """The subjects given in sentences (`Rozmawiać będziemy o A, B oraz C.`): one topic per coordinated item."""
    out: list[str] = []
    for m in _SENTENCE.finditer(text):
        rest = text[m.end():]
        quoted = _QUOTED_BODY.match(rest)
        if quoted:
            out.append(quoted.group(1))  # a quoted subject is one title, whatever its punctuation
            continue
        plain = _PLAIN_BODY.match(rest)
        if plain:
            out.extend(_split_items(plain.group(0).strip(" :"), plain_limit=_MAX_PLAIN_ITEM_WORDS))
    return out


def _labelled_list(rest: str, after: list[str], tags: list[str]) -> tuple[list[str], int]:
    """Items of a topic label: on its own line (`Tematy: A; B`), else the list lines under it; (items, lines used)."""
    rest = rest.strip()
    if rest:
        return _split_items(rest, plain_limit=_MAX_PLAIN_ITEM_WORDS), 0
    items: list[str] = []
    for text, tag in zip(after, tags):
        if not _is_list_item(text, tag):
            break
        items.append(_LIST_MARK.sub("", text, count=1))
    return items, len(items)


def _is_list_item(text: str, tag: str) -> bool:
    """A line of a topic list: a list item or a bulleted/numbered line, short, and no programme line."""
    if tag.startswith("h") or not text.strip() or _TIME.match(text):
        return False
    if split_label(text) is not None or text.rstrip().endswith(":"):
        return False
    if len(text.split()) > _MAX_ITEM_WORDS:
        return False
    if tag != "li" and not _LIST_MARK.match(text) and not _sentence_item(text):
        return False
    return parse_person_line(_LIST_MARK.sub("", text, count=1), strict=True) is None


def _sentence_item(text: str) -> bool:
    """A list written as the lines of one sentence: an item in lower case, or one ending in a comma or a semicolon."""
    t = text.strip()
    return t[:1].islower() or t.endswith((",", ";"))


def _split_items(text: str, plain_limit: int) -> list[str]:
    """`A; B; C` → three items; `A, B oraz C` → three when each is a short phrase; else the whole text."""
    text = text.strip().rstrip(".")
    if ";" in text:
        return [p for p in (x.strip() for x in text.split(";")) if p]
    parts = [p.strip() for p in re.split(r",\s+|\s+(?:oraz|a\s+także|a\s+także|i)\s+(?=[^,]*$)", text) if p.strip()]
    if len(parts) > 1 and all(len(p.split()) <= plain_limit for p in parts) and len(parts[-1].split()) <= plain_limit:
        if all(len(p.split()) >= 1 for p in parts):
            return parts
    return [text] if len(text.split()) <= _MAX_ITEM_WORDS else []


def _quoted_run(lines: list[str], i: int) -> list[str]:
    """Consecutive lines from `i` that are each one quoted title."""
    run: list[str] = []
    for text in lines[i:]:
        m = _QUOTED_LINE.fullmatch(text)
        if not m:
            break
        run.append(m.group(1).strip())
    return run


def _session_named(line: str, titles: dict[str, str]) -> str | None:
    """The session whose title this line carries (`Panel 1: Title`, `11:00 Title`, `„Title”`)."""
    if not titles:
        return None
    key = text_key(line)
    if not key:
        return None
    for tkey, title in titles.items():
        if tkey and (key == tkey or (key.endswith(tkey) and len(tkey) >= 0.5 * len(key))):
            return title
    return None


def _clean(item: str) -> str:
    """An item without list marks, closing punctuation or wrapping quotes."""
    t = _LIST_MARK.sub("", item.strip(), count=1).strip().rstrip(".,;").strip()
    if len(t) > 2 and t[0] in "„\"“" and t[-1] in "”\"" and sum(t.count(q) for q in "„”\"“") == 2:
        t = t[1:-1].strip()
    return t if len(t) >= 3 else ""
