"""Page records + crawl log -> the published tables (one fact per row, typed, sorted).

Pages are read in order of authority (programme, speakers page, article, other; then
earliest published; then URL), so when several pages state one fact the row keeps the
most authoritative source and the result does not depend on crawl order. Only pages about
the congress contribute sessions, people and topics; every page becomes an article.
Syndicated copies contribute nothing beyond their article row (see `duplicates.py`).
"""
from __future__ import annotations

import pickle
import re
from collections.abc import Iterable, Iterator, MutableMapping, Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa
from rapidfuzz import fuzz, process

from ..normalize import names
from . import sanitize
from .duplicates import CopyFinder, compared_text
from .editions import editions_table
from .ids import fold, forget_words, make_id
from .organizations import OrganizationRegistry
from .overrides import Overrides, load_overrides
from .resolve import Sighting, resolve_people
from .schema import PAGE_RANK, TABLES, coerce, empty_frame, frame_of, frame_of_columns
from .spool import RecordSpool

SKIPPED_FORMATS = {"break", "registration"}
_NOT_A_SESSION = ("sesje rownolegle", "przerwa", "rejestracja", "lunch", "obiad", "kolacja")
SESSION_SIMILARITY = 92  # fuzz.ratio of folded titles within an edition: same session
TOPIC_SIMILARITY = 90  # fuzz.ratio of folded titles: a topic names this session


def source_order(record: dict) -> tuple:
    """Sort key of a record by authority: page type, then earliest published, then URL."""
    rank = PAGE_RANK.get(record.get("page_type") or "other", PAGE_RANK["other"])
    return (rank, record.get("published") or "9999", record["url"])


def build_tables(
    records: Iterable[dict], crawl_log: list[dict], overrides: Overrides | Path | None = None, *,
    into: MutableMapping[str, pd.DataFrame] | None = None,
) -> MutableMapping[str, pd.DataFrame]:
    """All tables of the dataset (plus `review`) as typed, deterministically sorted frames, in the schema's order.

    `records` is a list or the crawl's `RecordSpool`: it is read page by page, and only the
    duplicate search reads the page texts, so they are never all in memory at once.
    `overrides` is the curator's file (default: the repository's overrides.toml). Each table
    goes into `into` as soon as it is made (a run passes a `SpilledTables`, so the tables built
    first are on disk, not in memory, while the others are built); `into` is returned.
    """
    if not isinstance(overrides, Overrides):
        overrides = load_overrides(overrides)
    _use_system_allocator()
    pages = records if getattr(records, "unique_urls", False) else _unique_by_url(records)
    tables: MutableMapping[str, pd.DataFrame] = {} if into is None else into
    # Each table is made as soon as what it needs is known, and what made it is dropped then:
    # a large crawl's records, articles and organisations are not all held while people are resolved.
    copies, articles, about = _read(pages)
    duplicate_of = copies.copies(lambda wanted: _texts_at(pages, wanted))
    del copies
    contributing = _Stored(sorted((key, blob) for key, blob in about if key[2] not in duplicate_of))
    del about
    editions = {a[EDITION] for a in articles if a[EDITION] is not None}
    tables["articles"] = _articles(articles, duplicate_of)
    del articles, duplicate_of
    tables["crawl_log"] = _crawl_log(crawl_log)

    orgs = OrganizationRegistry(overrides.organizations)
    sessions = _SessionIndex()
    for rec in contributing:
        for s in rec.get("sessions") or []:
            sessions.add(rec.get("edition"), s, rec["url"])

    facts, sightings = [], []  # a fact: (page, (role, position, evidence), session id, organisations)
    mentioned = []  # (url, edition, author, mentions) of the pages that mention names
    for rec in contributing:
        page = (rec.get("edition"), rec["url"], rec.get("page_type"), rec.get("published"))
        if rec.get("mentions"):
            mentioned.append((rec["url"], rec.get("edition"), rec.get("author"), rec["mentions"]))
        for p in rec.get("people") or []:
            honorific, name = names.split_honorific(p["name"])
            named = [(orgs.add(o, rec["url"]), o) for o in p.get("organizations") or [] if o and o.strip()]
            org_ids = [org_id for org_id, _ in named]
            session_id = None
            if p.get("session"):
                session_id = sessions.find_or_add(rec.get("edition"), p["session"], rec["url"])
            facts.append((page, (p["role"], p.get("position"), p.get("evidence")), session_id, named))
            sightings.append(Sighting(
                name=name,
                honorific=p.get("honorific") or honorific,
                gender=p.get("gender"),
                source_url=rec["url"],
                org_ids=frozenset(org_ids) if org_ids else _NONE,
                org_kinds=frozenset(k for k in map(orgs.kind_of, org_ids) if k) if org_ids else _NONE,
            ))
    tables["organizations"], tables["organization_names"] = orgs.table(), orgs.names_table()
    del orgs
    tables["topics"] = _topics(contributing, sessions)
    tables["sessions"] = frame_of("sessions", sessions.rows())
    del contributing, sessions  # the facts hold what the remaining tables need: the records can go

    resolution = resolve_people(sightings, overrides)
    tables["people"], tables["review"] = resolution.people, resolution.review
    person_ids, key_to_id = resolution.person_ids, resolution.key_to_id
    del resolution
    took_part = set(zip(person_ids, (s.source_url for s in sightings)))
    del sightings
    tables["mentions"] = _mentions(mentioned, key_to_id, took_part)
    del mentioned, took_part

    tables["participations"], tables["affiliations"], participation_ids = _memberships(facts, person_ids)
    tables["sightings"] = _sightings(facts, person_ids, participation_ids)
    del facts
    tables["editions"] = editions_table(editions)
    tables["changes"] = empty_frame("changes")  # a run fills it in by comparing with the previous one
    forget_words()
    if into is None:  # the schema's order, as a SpilledTables iterates
        return {t.name: tables[t.name] for t in TABLES}
    return tables


_NONE: frozenset[str] = frozenset()  # one object for the many sightings without an organisation


def _use_system_allocator() -> None:
    """Arrow buffers from the C library's malloc rather than Arrow's bundled mimalloc.

    Building and writing the tables make and drop a copy of each column at every step;
    mimalloc keeps the freed pages for itself, so at 20,000 pages the process held about
    50 MB more at the peaks of building, comparing and writing. The setting is the process's.
    """
    pa.set_memory_pool(pa.system_memory_pool())


def _unique_by_url(records: list[dict]) -> list[dict]:
    """One record per URL (the last one given wins: a re-fetch replaces the earlier parse)."""
    return list({r["url"]: r for r in records}.values())


def _read(pages: Iterable[dict]) -> tuple[CopyFinder, list[tuple], list[tuple[tuple, bytes]]]:
    """The one pass that parses every record: each page's signature for the duplicate search, its
    `articles` fields (ARTICLE_FIELDS), and the record (without text) of each page about the congress,
    pickled, with its `source_order`."""
    copies = CopyFinder()
    articles: list[tuple] = []
    about: list[tuple[tuple, bytes]] = []
    signed = pages.signatures() if isinstance(pages, RecordSpool) else None  # computed as the crawl spooled them
    for page in pages:
        rec = sanitize.record(_without_text(page))
        if signed is None:
            copies.add(rec, page.get("text"))
        else:
            copies.add_signed(rec, *next(signed))
        articles.append(tuple(rec.get(f) for f in ARTICLE_FIELDS))
        if rec.get("about_congress"):
            about.append((source_order(rec), pickle.dumps(rec, pickle.HIGHEST_PROTOCOL)))
    return copies, articles, about


class _Stored:
    """Records kept pickled, in order, and unpickled one at a time on each pass over them.

    The records about the congress are read three times (sessions; people and mentions; topics).
    As dicts, those of 20,000 pages held about 70 MB of small objects, and the strings the
    tables keep of them left Python's memory arenas pinned and mostly empty after they were
    dropped; as pickles they are a quarter of that and each pass makes only one record at a time.
    """

    def __init__(self, keyed: list[tuple[tuple, bytes]]) -> None:
        self._blobs = [blob for _key, blob in keyed]

    def __iter__(self) -> Iterator[dict]:
        return map(pickle.loads, self._blobs)


def _without_text(record: dict) -> dict:
    """The record without its text, and its people without their bios (no table has them)."""
    out = {k: v for k, v in record.items() if k != "text"}
    if any("bio" in p for p in out.get("people") or ()):
        out["people"] = [{k: v for k, v in p.items() if k != "bio"} for p in out["people"]]
    return out


def _texts_at(pages: Iterable[dict], positions: set[int]) -> Iterator[tuple[int, str]]:
    """The compared texts of the pages at these positions: the spool kept them as it spooled the pages."""
    if isinstance(pages, RecordSpool):
        return pages.compared_at(positions)
    return ((k, compared_text(pages[k])) for k in sorted(positions))


def _is_session(session: dict) -> bool:
    title = fold(session.get("title") or "")
    return bool(title) and session.get("format") not in SKIPPED_FORMATS and not title.startswith(_NOT_A_SESSION)


_NUMBER = re.compile(r"\b(\d+|[IVXLC]+)\b")  # roman numerals in capitals: `i` is a conjunction


def _numbers(title: str) -> list[str]:
    """Numbers and roman numerals in a title: what tells `Panel I` from `Panel II`."""
    return _NUMBER.findall(title)


class _SessionIndex:
    """Sessions per edition, merged by fuzzy title, first (most authoritative) source first."""

    def __init__(self) -> None:
        self._rows: list[dict] = []
        self._titles: dict[int | None, dict[str, dict]] = {}  # per edition: folded title -> row, first seen first

    def _scored(self, edition: int | None, title: str) -> tuple[float, dict | None]:
        """The most similar session of the edition and its similarity (0 when there is none).

        rapidfuzz compares against the edition's titles in one call (the first best wins, as
        `max` did), which keeps table building near linear in the number of sessions.
        """
        titles = self._titles.get(edition)
        best = process.extractOne(fold(title), list(titles), scorer=fuzz.ratio) if titles else None
        return (best[1], titles[best[0]]) if best else (0, None)

    def _match(self, edition: int | None, title: str, url: str | None = None) -> dict | None:
        """The known session a title names: the same folded title, or a similar one that is not
        told apart by a number (`Warsztat 1` / `Warsztat 2`) nor listed separately on page `url`."""
        exact = self._titles.get(edition, {}).get(fold(title))
        if exact:
            return exact
        score, row = self._scored(edition, title)
        if row is None or score < SESSION_SIMILARITY or _numbers(row["title"]) != _numbers(title):
            return None
        return None if url is not None and row["source_url"] == url else row

    def add(self, edition: int | None, session: dict, url: str) -> str | None:
        """Register a session of a page; returns its id (None for breaks and the like)."""
        if not _is_session(session):
            return None
        row = self._match(edition, session["title"], url)
        if row is None:
            row = {
                "session_id": make_id("s", edition, fold(session["title"])),
                "edition": edition,
                "title": " ".join(session["title"].split()),
                "format": None, "day": None, "start": None, "end": None,
                "source_url": url,
            }
            self._rows.append(row)
        for f in ("format", "day", "start", "end"):
            row[f] = row[f] or session.get(f)
        self._titles.setdefault(edition, {})[fold(session["title"])] = row
        return row["session_id"]

    def find_or_add(self, edition: int | None, title: str, url: str) -> str | None:
        """The id of the session a person took part in, adding it when the page named it only there."""
        row = self._match(edition, title)
        return row["session_id"] if row is not None else self.add(edition, {"title": title}, url)

    def link(self, edition: int | None, title: str) -> str | None:
        """The session of the same edition whose title a topic names, if similar enough."""
        score, row = self._scored(edition, title)
        return row["session_id"] if row is not None and score >= TOPIC_SIMILARITY else None

    def rows(self) -> list[dict]:
        return self._rows


PARTICIPATION_FIELDS = ("participation_id", "person_id", "session_id", "edition", "role", "position", "source_url",
                        "evidence")
AFFILIATION_FIELDS = ("affiliation_id", "person_id", "org_id", "edition", "position", "source_url", "evidence")
SIGHTING_FIELDS = ("sighting_id", "person_id", "participation_id", "session_id", "edition", "role", "position",
                   "source_url", "page_type", "published", "evidence")


def _frame(name: str, fields: tuple[str, ...], rows: Iterable[Sequence]) -> pd.DataFrame:
    """A typed table from rows given as sequences of `fields` (lighter than a dict per row)."""
    return frame_of_columns(name, dict(zip(fields, map(list, zip(*rows)))))


def _memberships(facts: list[tuple], person_ids: list[str]) -> tuple[pd.DataFrame, pd.DataFrame, dict[tuple, str]]:
    """Participations and affiliations, one row per fact, first (most authoritative) source kept;
    and the id of the participation row each (person, session, role, edition) kept, if kept."""
    parts: dict[tuple, list] = {}  # rows of PARTICIPATION_FIELDS
    affs: dict[tuple, list] = {}  # rows of AFFILIATION_FIELDS
    for ((edition, url, _page_type, _published), (role, position, evidence), session_id, named), pid in zip(
            facts, person_ids):
        key = (pid, session_id, role, edition)
        row = parts.get(key)
        if row is None:
            parts[key] = [make_id("pa", *key), pid, session_id, edition, role, position, url, evidence]
        elif not row[5] and position:
            row[5] = position
        for org_id, org_name in named:
            akey = (pid, org_id, edition)
            at = position_at(position, org_name, len(named), evidence)
            row = affs.get(akey)
            if row is None:
                affs[akey] = [make_id("af", *akey), pid, org_id, edition, at, url, evidence]
            elif not row[4]:
                row[4] = at
    sessioned: dict[tuple, set[str]] = {}
    for pid, sid, role, edition in parts:
        if sid is not None:
            sessioned.setdefault((pid, edition), set()).add(role)
    kept = {key: row for key, row in parts.items() if not _subsumed(key, sessioned)}
    return (
        _frame("participations", PARTICIPATION_FIELDS, kept.values()),
        _frame("affiliations", AFFILIATION_FIELDS, affs.values()),
        {key: row[0] for key, row in kept.items()},
    )


def _sightings(facts: list[tuple], person_ids: list[str], kept: dict[tuple, str]) -> pd.DataFrame:
    """Every page that names a participant: one row per person, page, role and session, linked to
    the participation row it supports (`kept`: the ids of the rows `_memberships` kept, by key)."""
    rows: dict[str, tuple] = {}  # rows of SIGHTING_FIELDS
    for ((edition, url, page_type, published), (role, position, evidence), session_id, _named), pid in zip(
            facts, person_ids):
        sighting_id = make_id("si", pid, url, role, session_id)
        if sighting_id not in rows:
            rows[sighting_id] = (
                sighting_id, pid, kept.get((pid, session_id, role, edition)), session_id, edition, role,
                position, url, page_type if page_type in PAGE_RANK else "other", published, evidence,
            )
    return _frame("sightings", SIGHTING_FIELDS, rows.values())


GENERIC_ROLE = "speaker"  # what a speakers page says of everyone it lists


def _subsumed(key: tuple, sessioned: dict[tuple, set[str]]) -> bool:
    """A row without a session that says less than a row with one.

    `X moderated` in a news post adds nothing to `X moderated session S` of the programme,
    and a speakers page calling X a speaker adds nothing to X's panel in the programme.
    `sessioned` maps (person, edition) to the roles they have in named sessions.
    """
    pid, sid, role, edition = key
    roles = sessioned.get((pid, edition), set())
    return sid is None and bool(roles) and (role in roles or role == GENERIC_ROLE)


# Folded genitive head nouns with which a position names an organisation (`prezes Stowarzyszenia …`,
# `wójt Gminy …`, `dyrektor Departamentu …`).
_NAMES_AN_ORG = re.compile(
    r"\b(stowarzyszenia|fundacji|federacji|koalicji|towarzystwa|zwiazku|gminy|miasta|powiatu|wojewodztwa"
    r"|urzedu|starostwa|rady|ministerstwa|departamentu|biura|instytutu|uniwersytetu|politechniki|akademii"
    r"|osrodka|centrum|muzeum|biblioteki|banku|spoldzielni|spolki|kancelarii|wydzialu|katedry)\b"
)


def _stems(text: str) -> set[str]:
    """First four letters of the longer words: what survives Polish case endings (`gmina`/`gminy`)."""
    return {w[:4] for w in fold(text).split() if len(w) > 3}


def _covers(org_stems: set[str], words: set[str]) -> bool:
    return bool(org_stems) and len(org_stems & words) >= 0.6 * len(org_stems)


def position_at(position: str | None, org_name: str, n_orgs: int, evidence: str | None = None) -> str | None:
    """The position a person holds at one of their organisations.

    `prezes Stowarzyszenia Interwencji Prawnej` belongs to that association, not to the
    university the same line names. When the extracted position is the bare office
    (`prezes`) and the source text writes it before an organisation's name in the genitive
    (`…, prezes Stowarzyszenia Interwencji Prawnej`), the office with that name is the
    position at that organisation and at no other. With one organisation the position is its
    own unless it names another one. Words are compared by their first four letters.
    """
    if not position:
        return None
    org_stems = _stems(org_name)
    if _covers(org_stems, _stems(position)):
        return position
    stated = _stated_before(position, evidence)
    for phrase in stated:
        if _covers(org_stems, _stems(phrase)):
            return phrase
    if n_orgs > 1:
        return None
    if stated:  # the only organisation, perhaps inflected or misspelt on the page: any word in common
        return next((phrase for phrase in stated if org_stems & _stems(phrase)), None)
    return None if _NAMES_AN_ORG.search(fold(position)) else position


def _stated_before(position: str, evidence: str | None) -> list[str]:
    """Each `position + genitive organisation name` the evidence writes (up to the next comma,
    dash, bracket or line end), e.g. `prezes Stowarzyszenia Interwencji Prawnej`."""
    if not evidence:
        return []
    pattern = re.compile(rf"(?<!\w){re.escape(position)}\s+([^,;:()\n–—]+)", re.IGNORECASE)
    found = []
    for m in pattern.finditer(evidence):
        rest = m.group(1).strip(" .")
        if rest and _NAMES_AN_ORG.search(fold(rest.split()[0])):
            found.append(f"{position} {rest}")
    return found


#: The record fields an `articles` row is made of, in the order they are kept for every page.
ARTICLE_FIELDS = ("url", "site", "title", "published", "author", "page_type", "about_congress", "edition")
EDITION = ARTICLE_FIELDS.index("edition")


def _articles(articles: list[tuple], duplicate_of: dict[str, str]) -> pd.DataFrame:
    return _frame("articles", ("article_id", "duplicate_of", *ARTICLE_FIELDS), (
        (make_id("a", url), make_id("a", duplicate_of[url]) if url in duplicate_of else None, url, site, title,
         published, author, page_type if page_type in PAGE_RANK else "other", bool(about), edition)
        for url, site, title, published, author, page_type, about, edition in articles
    ))


def _topics(records: list[dict], sessions: _SessionIndex) -> pd.DataFrame:
    rows: dict[tuple, dict] = {}
    for rec in records:
        edition = rec.get("edition")
        under = rec.get("topic_sessions") or {}  # topic -> the session it is written under, on the page
        for title in rec.get("topics") or []:
            key = (edition, fold(title))
            if not key[1] or key in rows:
                continue
            rows[key] = {
                "topic_id": make_id("t", *key),
                "edition": edition,
                "title": " ".join(title.split()),
                "session_id": (sessions.link(edition, under[title]) if isinstance(under.get(title), str) else None)
                or sessions.link(edition, title),
                "source_url": rec["url"],
            }
    return frame_of("topics", list(rows.values()))


def _mentions(mentioned: list[tuple], key_to_id: dict[str, str], took_part: set[tuple[str, str]]) -> pd.DataFrame:
    """Names a page mentions without the person taking part on that page (`mentioned`: each page's
    url, edition, author and mentions).

    A participant named again in the same page's prose is no mention; a participant of
    another page or edition mentioned here is kept, with the link to their person id. The
    page's own author is no mention either: a byline (`Przez Joanna Pietras`) is in
    `articles.author`.
    """
    rows: dict[tuple, dict] = {}
    for url, edition, author_name, mentions in mentioned:
        author = names.match_key(author_name or "")
        for m in mentions:
            key = names.match_key(m["name"])
            if not key or (key, url) in rows or (key_to_id.get(key), url) in took_part:
                continue
            if (author and (key == author or author.endswith(" " + key))) or _is_byline(m):
                continue
            rows[(key, url)] = {
                "mention_id": make_id("m", key, url),
                "name": m["name"],
                "match_key": key,
                "person_id": key_to_id.get(key),
                "edition": edition,
                "source_url": url,
                "evidence": m.get("evidence"),
            }
    return frame_of("mentions", list(rows.values()))


_BYLINE = re.compile(r"(?:^|[\s/|•·–—-])(przez|autor(?:ka)?:?|napisał(?:a)?:?|by)\s+$", re.IGNORECASE)


def _is_byline(mention: dict) -> bool:
    """A name the evidence introduces as the author (`… / Przez Joanna Pietras / Aktualności`)."""
    evidence, name = mention.get("evidence") or "", mention.get("name") or ""
    at = evidence.find(name)
    return at >= 0 and bool(_BYLINE.search(evidence[:at]))


def _crawl_log(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows), columns=empty_frame("crawl_log").columns, dtype=object)
    return coerce("crawl_log", frame.drop_duplicates(subset=["url", "fetched_at"], keep="last"))
