"""Speakers pages: speaker cards (photo, honorific + name, affiliation, bio) -> people.

A speakers page (`/prelegenci-iikkwl/`) lists each speaker as a *card*: a photo, a
heading with the (honorific +) name, a short affiliation line and often a bio. Themes
build cards from different markup (WordPress card lists, Elementor image boxes or
heading/text widgets in columns, tables, plain bold paragraphs), so a card is found by
structure, not by CSS class: a name heading (h2–h6, or a bold line) that parses as a
person, and the largest enclosing element that holds no other name (for a bold name with no
photo, only a short block with an affiliation after the name). The
lines after the name in that element are the affiliation (first short line) and the bio.

At least two cards are needed: one bold name on a news page is an attribution of a quote,
not a speakers list.

A table of guests or speakers (one person per row: name / position or institution / part
in the programme) is read too: the header row says which column is which, or the name
column is the one whose cells are person names; a role cell may name several roles
(`panelistka; prowadząca warsztat`).
"""
from __future__ import annotations

import re

import lxml.html

from ..lexicon import CELL_ROLES
from .document import Document, _lines, clean_text
from ..normalize.names import gender_from_text, gender_of_subject
from .personline import PersonLine, role_from_label, split_label
from .person_records import PersonLines, person_records
from .programme import parse_session_heading
from . import records
from .records import Person

_NAME_TAGS = ("h2", "h3", "h4", "h5", "h6", "strong", "b", "dt")
_MAX_NAME_LEN = 160
_MIN_CARDS = 2
_MAX_CARD_TEXT = 3000  # a box with more text than this is a page section, not a card
_MAX_BOLD_CARD_TEXT = 300


def parse_speaker_cards(doc: Document, read: frozenset[str] = frozenset()) -> list[Person]:
    """People from speaker cards, repeated person records and speaker tables: name, honorific, organisations,
    position, bio, gender, evidence. `read`: names (case folded) other readers already took with their role."""
    parse = PersonLines()  # the headings, records and table cells of one page repeat their texts
    cards = [p for p in _card_people(doc, parse) if p["name"].casefold() not in read]
    by_name = {p["name"].casefold(): p for p in cards}
    for _el, p in person_records(doc.main, parse):
        have = by_name.get(p["name"].casefold())
        if have is not None:  # a card read by its heading: the record's fields fill what it lacked
            have["position"] = have.get("position") or p.get("position")
            have["organizations"] = have.get("organizations") or p.get("organizations", [])
        elif p["name"].casefold() not in read:
            by_name[p["name"].casefold()] = p
            cards.append(p)
    rows = [p for p in parse_speaker_tables(doc.main, parse) if p["name"].casefold() not in by_name]
    return cards + rows


def _card_people(doc: Document, parse: PersonLines) -> list[Person]:
    heads = _name_elements(doc.main, parse)
    if len(heads) < _MIN_CARDS:
        return []  # (a card per name at most)
    boxes = _card_boxes(heads, doc.main)
    cards = [(el, box, heads[el]) for el, box in zip(heads, boxes) if box is not None]
    if len(cards) < _MIN_CARDS:
        return []
    names = {name for _, _, name in cards}
    where = [_line_of(doc, name) for _, _, name in cards]
    above = _sessions_above(doc, max((i for i in where if i is not None), default=0), parse)
    people = []
    for (el, box, name), idx in zip(cards, where):
        person = _parse_card(el, box, name, _following_lines(doc, idx, names), parse)
        if person is not None:
            person["session"] = above[idx] if idx is not None else None
            people.append(person)
    return people if len(people) >= _MIN_CARDS else []


def _line_of(doc: Document, name: str) -> int | None:
    """Index of the first page line holding a card's name (at its start)."""
    return next((i for i, ln in enumerate(doc.lines) if ln.text.startswith(name)), None)


def _sessions_above(doc: Document, last: int, parse: PersonLines) -> list[str | None]:
    """For each line up to `last`, the session it sits under: the nearest heading above it naming a
    session (`Debata „…”`), read in one pass down the page instead of once per card."""
    above: list[str | None] = []
    session = None
    for ln in doc.lines[:last]:
        above.append(session)
        if ln.tag in ("h1", "h2", "h3", "h4", "h5", "h6") or ln.strong:
            found = parse_session_heading(ln.text, parse)
            if found:
                session = found[0]
    above.append(session)
    return above


def _following_lines(doc: Document, idx: int | None, names: set[str]) -> list[str]:
    """Lines after a name's line `idx` in the page, up to the next card's name or heading (at most five).

    Page builders may put the name heading and its text in separate sections, so the
    card's element alone can hold nothing but the name.
    """
    if idx is None:
        return []
    out: list[str] = []
    for ln in doc.lines[idx + 1: idx + 6]:
        if ln.text in names or ln.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            break
        out.append(ln.text)
    return out


def _name_elements(main: lxml.html.HtmlElement, parse: PersonLines) -> dict[lxml.html.HtmlElement, str]:
    """Headings and bold runs whose text starts with a person's name (outermost only), with their text."""
    found: dict[lxml.html.HtmlElement, str] = {}
    for el in main.iter(*_NAME_TAGS):
        text = clean_text(el.text_content())
        if not text or len(text) > _MAX_NAME_LEN or text.endswith((":", ",")):
            continue
        if found and any(a in found for a in el.iterancestors()):
            continue
        if parse(text) is None:
            continue
        found[el] = text
    return found


def _card_boxes(heads: dict[lxml.html.HtmlElement, str], main: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement | None]:
    """The card of each name element (its text beside it; None: not a card), from one bottom-up count of names
    per subtree.

    A card is the largest ancestor of a name holding no other name; knowing how many names
    each element holds makes that a walk up each name's own ancestors (linear in the page),
    not a search of every other name's ancestors at every step.
    """
    names_in = name_counts(main, list(heads))
    return [_card_box(el, names_in, main, name) for el, name in heads.items()]


def name_counts(main: lxml.html.HtmlElement, marked: list[lxml.html.HtmlElement]) -> dict[lxml.html.HtmlElement, int]:
    """How many of the `marked` elements each element of `main` holds (itself included), in one post-order pass."""
    counts: dict[lxml.html.HtmlElement, int] = {el: 1 for el in marked}
    for el in reversed(list(main.iter())):  # reversed pre-order: every child before its parent
        parent = el.getparent()
        n = counts.get(el, 0)
        if n and parent is not None:
            counts[parent] = counts.get(parent, 0) + n
    return counts


def _card_box(el: lxml.html.HtmlElement, names_in: dict[lxml.html.HtmlElement, int],
              main: lxml.html.HtmlElement, name: str) -> lxml.html.HtmlElement | None:
    """The largest ancestor holding this name and no other one (its photo, affiliation and bio); None: not a card.

    Elementor puts the photo+name box and the bio in sibling widgets of one column, so the
    card grows upwards until the next step would take in another speaker's name.
    """
    box = el
    for anc in el.iterancestors():
        if anc is main or names_in.get(anc, 0) > 1:
            break
        if len(clean_text(anc.text_content())) > _MAX_CARD_TEXT:
            break
        box = anc
    if box is el:
        return None
    if next(box.iterdescendants("img"), None) is not None or el.tag.startswith("h"):
        return box
    # A bold name with no photo: a card only when a short affiliation follows it in its
    # block (a bold name opening a long paragraph is a news post quoting someone).
    text = clean_text(box.text_content())
    return box if len(text) > len(name) + 3 and len(text) <= _MAX_BOLD_CARD_TEXT else None


def _parse_card(el: lxml.html.HtmlElement, box: lxml.html.HtmlElement, name_text: str, following: list[str],
                parse: PersonLines) -> Person | None:
    """One card: the name line (`name_text`: the name element's text), the affiliation line after it, the bio after that."""
    lines = [ln.text for ln in _lines(box)]
    # the line holding the name may carry the affiliation too (`<strong>Name</strong>, Org`)
    idx = next((i for i, t in enumerate(lines) if t.startswith(name_text) or name_text.startswith(t)), None)
    head = lines[idx] if idx is not None else name_text
    after = lines[idx + 1:] if idx is not None else []
    if not after and head == name_text:
        after = following
    pl = parse(head) or parse(name_text)  # the person on the card's name line (honorific apart), or on the heading alone
    if pl is None:
        return None
    role_line = _parse_role(lines[:idx] + after if idx is not None else after)
    role = (split_label(role_line).role if role_line else None) or pl.role or "speaker"  # type: ignore[union-attr]
    after = [t for t in after if split_label(t) is None]
    position, orgs, used = _parse_affiliation(pl, after, parse)
    bio = _parse_bio(after[used:])
    return records.person(
        pl.name, role, honorific=pl.honorific, position=position, organizations=orgs, bio=bio,
        gender=pl.gender or gender_from_text(" ".join(lines[:3])) or (gender_of_subject(bio) if bio else None),
        evidence="\n".join(([role_line] if role_line else []) + [head] + after[:used]))


def _parse_role(lines: list[str]) -> str | None:
    """The line stating a role on the card by itself (`Moderatorka`, `Prowadzący`); cards without one are speakers."""
    for t in lines:
        label = split_label(t)
        if label is not None and not label.rest and label.role:
            return t
    return None


def _parse_affiliation(pl: PersonLine, after: list[str], parse: PersonLines) -> tuple[str | None, list[str], int]:
    """(position, organisations, lines used): from the name line, else from the first short line after it."""
    if pl.affiliation or not after or not _is_affiliation_line(after[0]):
        return pl.position, list(pl.organizations), 0
    position, orgs, _places = parse.affiliation(after[0])
    return position, orgs, 1


def _parse_bio(lines: list[str]) -> str | None:
    """The card's remaining text: the speaker's bio."""
    return " ".join(lines).strip() or None


def _is_affiliation_line(text: str) -> bool:
    """A short line naming a position or organisation, not the first sentence of a bio."""
    if len(text) > 220:
        return False
    plain = _ABBREVIATION.sub(" ", text)
    return not re.search(r"\.\s+[A-ZĄĆĘŁŃÓŚŹŻ]", plain) and not re.search(r"\b(jest|był|była|pracuje|zajmuje się)\b", text)


# Abbreviations inside names of organisations (`im. Jerzego Regulskiego`), not sentence ends.
_ABBREVIATION = re.compile(r"\b(im|ul|al|pl|św|prof|dr|hab|ks|gen|ds|nr|m\.in|sp|z\so\.o|[A-ZĄĆĘŁŃÓŚŹŻ])\.", re.I)


# --- speaker tables --------------------------------------------------------------------
#
# A table of guests or speakers: one row per person, with columns for the name, the
# position or institution and the person's part in the programme. The header row says
# which column is which (`Imię i nazwisko` / `Funkcja / instytucja` / `Udział w programie`);
# without one the columns are inferred: the name column is the one whose cells are person
# names, a role column the one whose cells name roles, and the rest is the affiliation.

_NAME_HEADER = re.compile(r"imi[eę]|nazwisk|osob[ay]|prelegen|mówc|gość|goście|gości|uczestni|ekspert|\bnames?\b|speakers?", re.I)
_ROLE_HEADER = re.compile(r"udział|\brol[ai]\b|\brole?\b|w\s+programie|funkcja\s+w\s+|sesj|panel|debat|wystąpieni", re.I)
_AFFIL_HEADER = re.compile(r"funkcj|instytucj|organizacj|stanowisk|afiliacj|reprezent|miejsce\s+pracy|urząd|position|organi[sz]ation|affiliation|institution", re.I)
_MAX_NAME_CELL = 90
_NUMBERING = re.compile(r"\s*\d{1,3}[.)]?\s*")  # a `Lp.` column
# Role words written in a role cell (`uczestnik debaty`, `gość specjalny`) that the label patterns leave out.
_CELL_ROLES = [(re.compile(p, re.I), role) for p, role in CELL_ROLES]


def parse_speaker_tables(main: lxml.html.HtmlElement, parse: PersonLines | None = None) -> list[Person]:
    """People from tables listing one person per row (name, position/institution, role).
    `parse`: the page's person-line parser, when the caller has one."""
    parse = parse or PersonLines()
    people: list[Person] = []
    for table in main.iter("table"):
        rows = _table_rows(table)
        if len(rows) < 2:
            continue
        header, body = (rows[0], rows[1:]) if _is_header_row(table, rows[0], parse) else (None, rows)
        columns = _table_columns(header, body, parse)
        if columns is None:
            continue
        name_col, role_col, affil_cols = columns
        found = [p for row in body for p in _table_person(row, name_col, role_col, affil_cols, parse)]
        if len({p["name"] for p in found}) >= _MIN_CARDS:
            people.extend(found)
    return people


def _table_rows(table: lxml.html.HtmlElement) -> list[list[lxml.html.HtmlElement]]:
    """The rows of this table (not of tables nested in it), each a list of its cells."""
    rows = []
    for tr in table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr"):
        rows.append([c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")])
    return rows


def _cell_text(cell: lxml.html.HtmlElement) -> str:
    return "; ".join(ln.text for ln in _lines(cell))


def _is_header_row(table: lxml.html.HtmlElement, row: list[lxml.html.HtmlElement], parse: PersonLines) -> bool:
    """A header row: `th` cells, a `thead` row, or a first row of column names (`Imię i nazwisko`, `Instytucja`)."""
    if not row:
        return False
    if all(c.tag == "th" for c in row):
        return True
    tr = row[0].getparent()
    if tr is not None and tr.getparent() is not None and tr.getparent().tag == "thead":
        return True
    texts = [clean_text(c.text_content()) for c in row]
    named = [t for t in texts if t and len(t) <= 40 and (_NAME_HEADER.search(t) or _AFFIL_HEADER.search(t) or _ROLE_HEADER.search(t))]
    return len(named) >= 2 and not any(parse(t) for t in texts if t)


def _table_columns(header: list[lxml.html.HtmlElement] | None, body: list[list[lxml.html.HtmlElement]],
                   parse: PersonLines) -> tuple[int, int | None, list[int]] | None:
    """(name column, role column or None, affiliation columns) of a person table; None: not one."""
    width = max((len(r) for r in body), default=0)
    if width < 2:
        return None
    texts = [[_cell_text(c) for c in r] for r in body if len(r) == width]
    if len(texts) < _MIN_CARDS:
        return None
    heads = [clean_text(c.text_content()) for c in header] if header and len(header) == width else [""] * width

    def share(col: int, test) -> float:
        return sum(1 for r in texts if r[col] and test(r[col])) / len(texts)

    is_name = [share(i, lambda t: _is_name_cell(t, parse)) for i in range(width)]
    name_col = max(range(width), key=lambda i: (bool(_NAME_HEADER.search(heads[i])) and is_name[i] >= 0.5, is_name[i]))
    if is_name[name_col] < 0.6:
        return None
    rest = [i for i in range(width) if i != name_col]
    role_share = {i: share(i, lambda t: bool(_cell_roles(t))) for i in rest}
    role_col = next((i for i in rest if _ROLE_HEADER.search(heads[i]) and not _AFFIL_HEADER.search(heads[i])
                     and role_share[i] >= 0.5), None)
    if role_col is None:
        best = max(rest, key=lambda i: role_share[i], default=None)
        role_col = best if best is not None and role_share[best] >= 0.6 else None
    affil = [i for i in rest if i != role_col and (not heads[i] or _AFFIL_HEADER.search(heads[i]) or not _ROLE_HEADER.search(heads[i]))]
    return name_col, role_col, affil


def _is_name_cell(text: str, parse: PersonLines) -> bool:
    """A cell holding a person's name (after honorifics), perhaps with a short affiliation."""
    return len(text) <= _MAX_NAME_CELL * 3 and parse(text.split(";")[0]) is not None


def _cell_roles(text: str) -> list[str]:
    """Roles named in a role cell: `moderatorka panelu` → moderator; `panelistka; prowadząca warsztat` → panelist, host."""
    roles: list[str] = []
    for part in re.split(r"[;,/]|\s+oraz\s+", text):
        part = part.strip()
        if not part or len(part.split()) > 8:
            continue
        role = next((r for pat, r in _CELL_ROLES if pat.search(part)), None) or role_from_label(part)
        if role and role not in roles:
            roles.append(role)
    return roles


def _table_person(row: list[lxml.html.HtmlElement], name_col: int, role_col: int | None, affil_cols: list[int],
                  parse: PersonLines) -> list[Person]:
    """The person of one row, once per role the row names (a speaker when it names none)."""
    if name_col >= len(row):
        return []
    name_lines = [ln.text for ln in _lines(row[name_col])]
    if not name_lines:
        return []
    pl = parse(name_lines[0])
    if pl is None:
        return []
    affil_text = "; ".join(t for i in affil_cols if i < len(row) for t in [_cell_text(row[i])] if t and not _NUMBERING.fullmatch(t))
    position, orgs = pl.position, list(pl.organizations)
    extra = [t for t in name_lines[1:] + ([affil_text] if affil_text else []) if t]
    for text in extra:
        pos, found, _places = parse.affiliation(text)
        position = ", ".join(x for x in (position, pos) if x) or None
        orgs += [o for o in found if o not in orgs]
    roles = _cell_roles(_cell_text(row[role_col])) if role_col is not None and role_col < len(row) else []
    evidence = " | ".join(t for c in row for t in [_cell_text(c)] if t)
    gender = pl.gender or gender_from_text(" ".join(extra + ([_cell_text(row[role_col])] if role_col is not None and role_col < len(row) else [])))
    return [records.person(pl.name, role, honorific=pl.honorific, position=position, organizations=orgs, gender=gender,
                           evidence=evidence) for role in (roles or [pl.role or "speaker"])]
