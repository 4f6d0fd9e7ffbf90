"""The one schema of the published dataset: tables, columns, types, keys and meanings.

Every consumer reads this module and nothing else: `build` casts its frames with
`coerce`, `writers` derives the Parquet (Arrow) schema, `datapackage` derives the
Frictionless Table Schema, and `dictionary` renders docs/data-dictionary.md. Changing a
column here changes all of them at once, so they cannot drift apart.

Logical types (`Column.type`):
- `string`   free text (pandas `string`, Arrow `string`, Frictionless `string`)
- `id`       a deterministic identifier string (see `ids.py`)
- `category` a label from a vocabulary (Arrow dictionary in Parquet, pandas `category`);
             closed when `Column.enum` lists it (then validated), open otherwise (`format`)
- `integer`  nullable integer (pandas `Int64`)
- `boolean`  nullable boolean
- `date`     calendar date (ISO `YYYY-MM-DD` in CSV, Arrow `date32` in Parquet)
- `datetime` UTC timestamp (ISO 8601 in CSV, Arrow `timestamp[us, UTC]`)
- `time`     local clock time `HH:MM` in `TIME_ZONE` (Arrow `time32[ms]` in Parquet, `HH:MM` text in
             CSV and in built frames; `load_dataset` gives `datetime.time`)
"""
from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

ROLES = ("moderator", "host", "panelist", "speaker", "keynote", "guest")
PAGE_TYPES = ("programme", "speakers", "article", "other")  # in order of authority as a source
PAGE_RANK = {t: i for i, t in enumerate(PAGE_TYPES)}
ORG_KINDS = (
    "ngo",
    "local_government",
    "central_government",
    "university",
    "culture",
    "business",
    "media",
    "international",
    "other",
)
GENDERS = ("f", "m")
FOUND_BY = ("start", "sitemap", "feed", "rest", "listing", "links", "probe", "robots", "head")
REVIEW_ISSUES = ("gender_conflict", "disjoint_affiliations", "similar_name")
#: Tables whose rows the `changes` table follows from run to run.
CHANGE_TABLES = ("editions", "sessions", "people", "organizations", "participations", "affiliations",
                 "articles", "topics", "mentions", "crawl_log", "organization_names", "sightings")
#: Where a spelling in `organization_names` comes from, most trusted first.
NAME_ORIGINS = ("canonical", "curation", "page", "known", "acronym", "reduced")
CHANGE_KINDS = ("added", "changed", "removed")


@dataclass(frozen=True)
class Column:
    """One column: its name, logical type, meaning and an example value."""

    name: str
    type: str
    description: str
    example: str = ""
    required: bool = False
    unique: bool = False  # values are unique (other tables refer to the column)
    enum: tuple[str, ...] | None = None
    pattern: str | None = None


@dataclass(frozen=True)
class ForeignKey:
    """`column` refers to `ref_table.ref_column` (empty values allowed unless required)."""

    column: str
    ref_table: str
    ref_column: str


@dataclass(frozen=True)
class Table:
    """One published table: its grain, columns, keys and row order."""

    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    sort_by: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    in_package: bool = True  # False: written for curators, not part of datapackage.json

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def _c(name: str, type_: str, description: str, example: str = "", **kw) -> Column:
    return Column(name, type_, description, example, **kw)


_EDITION_FK = "edition"
_HHMM = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
#: The zone of every `time` column: agenda times are the congress's local times.
TIME_ZONE = "Europe/Warsaw"

TABLES: tuple[Table, ...] = (
    Table(
        name="editions",
        description="One row per edition of the congress (reference data kept in code, `editions.py`). "
        "An edition the pages name that the reference does not know yet gets a row with only its number.",
        columns=(
            _c("edition", "integer", "Edition number (I = 1, II = 2, III = 3).", "3", required=True),
            _c("year", "integer", "Year the edition took place.", "2025"),
            _c("start_date", "date", "First day of the edition.", "2025-10-09"),
            _c("end_date", "date", "Last day of the edition.", "2025-10-10"),
            _c("venue", "string", "Where the edition took place.", "Muzeum Historii Polski, Warszawa"),
            _c("theme", "string", "The edition's motto, when it had one.", "Siła wspólnoty"),
        ),
        primary_key=("edition",),
        sort_by=("edition",),
    ),
    Table(
        name="sessions",
        description="One row per agenda item with a topic (panels, debates, keynotes, workshops); "
        "breaks and registration are left out. Titles that differ only in case, punctuation or a "
        "few characters within one edition are one session, unless a number tells them apart "
        "(`Warsztat 1` / `Warsztat 2`, `Panel I` / `Panel II`) or one page lists both. `day` with `start` and "
        f"`end` are local times in {TIME_ZONE}.",
        columns=(
            _c("session_id", "id", "Deterministic id from the edition and the folded title.", "s-13e5a8336e", required=True),
            _c("edition", "integer", "Edition the session belongs to; empty when the source names none.", "2"),
            _c("title", "string", "Session title as first given by the most authoritative source.",
               "Kultura współpracy – jak władze samorządowe mogą wspierać aktywność organizacji pozarządowych?", required=True),
            _c("format", "category", "Format label from the programme (panel, debata, warsztat, wykład, keynote, "
               "przegląd dobrych praktyk, …); empty when unknown.", "debata"),
            _c("day", "date", "Day of the session when a source gives it.", "2024-10-10"),
            _c("start", "time", f"Start time, HH:MM, local time in {TIME_ZONE} (CET/CEST, as the programme "
               "gives it).", "15:15", pattern=_HHMM),
            _c("end", "time", f"End time, HH:MM, local time in {TIME_ZONE}.", "16:15", pattern=_HHMM),
            _c("source_url", "string", "Page the session was read from (programme pages first).",
               "https://kongreswspolpracy.pl/ii-krajowy-kongres-wspolpracy-lokalnej/", required=True),
        ),
        primary_key=("session_id",),
        sort_by=("edition", "day", "start", "title", "session_id"),
        foreign_keys=(ForeignKey(_EDITION_FK, "editions", "edition"),),
    ),
    Table(
        name="people",
        description="One row per person who took part in the congress (Popolo `Person`). One person "
        "across programmes, speaker pages, news posts and editions is one row: people are matched on "
        "`match_key`; conflicting evidence goes to review.csv instead of being guessed.",
        columns=(
            _c("person_id", "id", "Deterministic id: a short hash of `match_key` (see *Ids*), or the id the "
               "curator kept with `same_as` after a change of name.", "p-af57963b13", required=True),
            _c("name", "string", "Full name in the nominative, without honorifics.", "Witold Klaus", required=True),
            _c("given_name", "string", "Given name(s).", "Witold"),
            _c("family_name", "string", "Family name (double-barrelled names kept whole).", "Klaus"),
            _c("honorific", "string", "Academic or other title as written before the name.", "prof."),
            _c("gender", "category", "`f` or `m` from the sources or the Polish name form; empty when "
               "unknown or when sources conflict. Read from Polish name forms, it is more often unknown for "
               "foreign first names: shares by gender undercount foreign participants.", "m", enum=GENDERS),
            _c("match_key", "string", "`kongres_scraper.keys.fold` of the name (ASCII, lower case, "
               "hyphens kept): the resolution key.", "witold klaus", required=True),
        ),
        primary_key=("person_id",),
        sort_by=("match_key", "person_id"),
    ),
    Table(
        name="organizations",
        description="One row per organisation (Popolo `Organization`), named in the nominative; "
        "acronyms and their expansions are one organisation.",
        columns=(
            _c("org_id", "id", "Deterministic id: a short hash of the folded canonical name (see *Ids*), or the "
               "id the curator kept with `same_as` after a change of name.", "o-bf5925650b", required=True),
            _c("name", "string", "Canonical name in the nominative.",
               "Departament Spraw Międzynarodowych i Migracji MSWiA", required=True),
            _c("name_key", "string", "`kongres_scraper.keys.fold` of the name, the folding of "
               "`people.match_key`: join an outside table through `organization_names.name_key`.",
               "departament spraw miedzynarodowych i migracji mswia", required=True),
            _c("acronym", "string", "Acronym, when the organisation has a well-known one.", "MSWiA"),
            _c("kind", "category", "Sector, from the rules in the section *Organisation kinds*; empty = unknown.",
               "central_government", enum=ORG_KINDS),
            _c("parent_org_id", "id", "The organisation this one is part of, when the name says so "
               "(a ministry's department, a university's institute).", "o-37af96024e"),
        ),
        primary_key=("org_id",),
        sort_by=("name", "org_id"),
        foreign_keys=(ForeignKey("parent_org_id", "organizations", "org_id"),),
    ),
    Table(
        name="organization_names",
        description="One row per folded spelling of an organisation (Popolo `other_names`): its canonical "
        "name, every spelling a page used, the curator's and the well-known spellings, its acronym, and the "
        "forms `kongres_scraper.keys.org_keys` reduces them to (without `im.`, the patron or the seat). To "
        "join an outside table, take for each of its names the first of `org_keys(name)` found in "
        "`name_key`. A key two organisations would share at the same level of trust is left out.",
        columns=(
            _c("name_key", "string", "`kongres_scraper.keys.fold` of the spelling (or of its reduced form).",
               "frdl", required=True, unique=True),
            _c("org_id", "id", "The organisation.", "o-50b4ae099c", required=True),
            _c("name", "string", "The spelling the key was made from.", "FRDL", required=True),
            _c("origin", "category", "canonical (the table's name), curation (overrides.toml), page (written "
               "so on `source_url`), known (a well-known variant kept in code), acronym, reduced (the spelling "
               "without `im.`, patron or seat).", "acronym", required=True, enum=NAME_ORIGINS),
            _c("source_url", "string", "The most authoritative page that wrote the spelling; empty for a spelling no "
               "page used (a known variant, an acronym added from the code, the curator's).",
               "https://frdl.lublin.pl/informacje/aktualnosci/kongres-wspolpracy-lokalnej-zapowiedz"),
        ),
        primary_key=("name_key",),
        sort_by=("name_key",),
        foreign_keys=(
            ForeignKey("org_id", "organizations", "org_id"),
            ForeignKey("source_url", "articles", "url"),
        ),
    ),
    Table(
        name="participations",
        description="One row per person × session × role × edition (Popolo `Membership` of an event). "
        "When several pages state the same fact, the row keeps the most authoritative one "
        "(programme > speakers page > article, then the earliest). A row without a session is dropped "
        "when a row of the same person and edition names a session with the same role, or when it only "
        "says `speaker` (as speakers pages say of everyone) and the person has a session.",
        columns=(
            _c("participation_id", "id", "Deterministic id from person, session, role and edition.", "pa-19d0e6b2f1", required=True),
            _c("person_id", "id", "The person.", "p-af57963b13", required=True),
            _c("session_id", "id", "The session; empty when the source names none.", "s-13e5a8336e"),
            _c("edition", "integer", "Edition; empty when the source names none.", "2"),
            _c("role", "category", "moderator, host, panelist, speaker, keynote or guest.", "moderator",
               required=True, enum=ROLES),
            _c("position", "string", "Position the source gives with the name.", "prezes Stowarzyszenia Interwencji Prawnej"),
            _c("source_url", "string", "Page the fact was read from.",
               "https://www.gmina-przyklad.pl/aktualnosci/relacja", required=True),
            _c("evidence", "string", "The text the fact was read from.", "Moderator: prof. Witold Klaus, …"),
        ),
        primary_key=("participation_id",),
        sort_by=("edition", "session_id", "role", "person_id", "participation_id"),
        foreign_keys=(
            ForeignKey("person_id", "people", "person_id"),
            ForeignKey("session_id", "sessions", "session_id"),
            ForeignKey(_EDITION_FK, "editions", "edition"),
            ForeignKey("source_url", "articles", "url"),
        ),
    ),
    Table(
        name="affiliations",
        description="One row per person × organisation × edition as stated by a source (Popolo "
        "`Membership` of an organisation); the source is chosen as for participations.",
        columns=(
            _c("affiliation_id", "id", "Deterministic id from person, organisation and edition.", "af-a02e9c51d3", required=True),
            _c("person_id", "id", "The person.", "p-af57963b13", required=True),
            _c("org_id", "id", "The organisation.", "o-bf5925650b", required=True),
            _c("position", "string", "Position the source gives with the name, when it belongs to this "
               "organisation: it names it (`prezes Stowarzyszenia Interwencji Prawnej`, also when the source "
               "writes the office just before the organisation's name), or the person has only one organisation "
               "and the position names no other.", "prezes Stowarzyszenia Interwencji Prawnej"),
            _c("edition", "integer", "Edition at which the affiliation was stated.", "2"),
            _c("source_url", "string", "Page the fact was read from.",
               "https://www.gmina-przyklad.pl/aktualnosci/relacja", required=True),
            _c("evidence", "string", "The text the fact was read from.", "Alicja Kępka, ekspert w Departamencie …"),
        ),
        primary_key=("affiliation_id",),
        sort_by=("edition", "person_id", "org_id", "affiliation_id"),
        foreign_keys=(
            ForeignKey("person_id", "people", "person_id"),
            ForeignKey("org_id", "organizations", "org_id"),
            ForeignKey(_EDITION_FK, "editions", "edition"),
            ForeignKey("source_url", "articles", "url"),
        ),
    ),
    Table(
        name="articles",
        description="One row per fetched page (news post or site page), about the congress or not. "
        "Syndicated copies (near-identical text on several sites) point at the canonical copy.",
        columns=(
            _c("article_id", "id", "Deterministic id: a short hash of the URL.", "a-6e2b7d90c1", required=True),
            _c("url", "string", "Page URL (unique: other tables' `source_url` refers to it).",
               "https://frdl.org.pl/aktualnosci/kongres", required=True, unique=True),
            _c("site", "string", "Site name or host.", "frdl.org.pl"),
            _c("title", "string", "Page title.", "Relacja z II Krajowego Kongresu Współpracy Lokalnej"),
            _c("published", "date", "The post's own publication date; empty for undated pages.", "2024-10-18"),
            _c("author", "string", "Byline, when the page has one.", "Anna Nowak"),
            _c("page_type", "category", "programme, speakers, article or other.", "article", enum=PAGE_TYPES),
            _c("about_congress", "boolean", "Whether the page is about this congress.", "true"),
            _c("edition", "integer", "Edition the page is about; empty when none or unclear.", "2"),
            _c("duplicate_of", "id", "For a syndicated copy: the `article_id` of the canonical "
               "(earliest published) copy; empty otherwise. Copies contribute no people or sessions.", "a-1c0ffee123"),
        ),
        primary_key=("article_id",),
        sort_by=("url",),
        foreign_keys=(
            ForeignKey(_EDITION_FK, "editions", "edition"),
            ForeignKey("duplicate_of", "articles", "article_id"),
        ),
    ),
    Table(
        name="topics",
        description="One row per topic named by a source for an edition (e.g. a bullet list of "
        "debate themes in a news post), linked to a session of the same edition by fuzzy title match.",
        columns=(
            _c("topic_id", "id", "Deterministic id from the edition and the folded title.", "t-44b1c0e9a7", required=True),
            _c("edition", "integer", "Edition; empty when the source names none.", "2"),
            _c("title", "string", "Topic as written.", "Prawa człowieka w czasach kryzysów", required=True),
            _c("session_id", "id", "The session of the same edition whose folded title is similar "
               "(rapidfuzz ratio ≥ 90); empty when none is.", "s-13e5a8336e"),
            _c("source_url", "string", "Page the topic was read from.",
               "https://www.gmina-przyklad.pl/aktualnosci/relacja", required=True),
        ),
        primary_key=("topic_id",),
        sort_by=("edition", "title", "topic_id"),
        foreign_keys=(
            ForeignKey("session_id", "sessions", "session_id"),
            ForeignKey(_EDITION_FK, "editions", "edition"),
            ForeignKey("source_url", "articles", "url"),
        ),
    ),
    Table(
        name="mentions",
        description="One row per person mentioned on a congress page without taking part (quoted, "
        "thanked, remembered). `person_id` links the name to a participant when the match key is one.",
        columns=(
            _c("mention_id", "id", "Deterministic id from the folded name and the URL.", "m-8a7c3e10b2", required=True),
            _c("name", "string", "Name as extracted (nominative when extraction could tell).", "Jerzy Regulski", required=True),
            _c("match_key", "string", "ASCII-folded lower-case name.", "jerzy regulski", required=True),
            _c("person_id", "id", "The participant with the same match key, if any.", "p-af57963b13"),
            _c("edition", "integer", "Edition of the page.", "3"),
            _c("source_url", "string", "Page of the mention.", "https://frdl.org.pl/aktualnosci/kongres", required=True),
            _c("evidence", "string", "The text of the mention.", "…wspominając prof. Jerzego Regulskiego…"),
        ),
        primary_key=("mention_id",),
        sort_by=("match_key", "source_url", "mention_id"),
        foreign_keys=(
            ForeignKey("person_id", "people", "person_id"),
            ForeignKey(_EDITION_FK, "editions", "edition"),
            ForeignKey("source_url", "articles", "url"),
        ),
    ),
    Table(
        name="sightings",
        description="One row per person × page × role × session: every page that names a participant, "
        "not only the one `participations` keeps (Popolo keeps a `sources` list per record for the "
        "same reason). A person named on ten pages has ten sightings, each with the page's type and "
        "date and the text read, so a researcher can weigh every source behind a fact. Pages about the "
        "congress only; a syndicated copy adds none (see `articles.duplicate_of`).",
        columns=(
            _c("sighting_id", "id", "Deterministic id from person, page, role and session.", "si-4b0e7d21c9", required=True),
            _c("person_id", "id", "The person.", "p-af57963b13", required=True),
            _c("participation_id", "id", "The `participations` row this sighting supports; empty when that "
               "row was folded into one naming a session (a speakers page's `speaker`).", "pa-19d0e6b2f1"),
            _c("session_id", "id", "The session the page names; empty when it names none.", "s-13e5a8336e"),
            _c("edition", "integer", "Edition of the page; empty when it names none.", "2"),
            _c("role", "category", "Role the page gives: moderator, host, panelist, speaker, keynote or guest.",
               "panelist", required=True, enum=ROLES),
            _c("position", "string", "Position the page gives with the name.", "prezes Stowarzyszenia Interwencji Prawnej"),
            _c("source_url", "string", "The page.", "https://www.gmina-przyklad.pl/aktualnosci/relacja", required=True),
            _c("page_type", "category", "programme, speakers, article or other.", "article", enum=PAGE_TYPES),
            _c("published", "date", "The page's own publication date; empty for undated pages.", "2024-10-18"),
            _c("evidence", "string", "The text the sighting was read from.", "W debacie wzięli udział: …"),
        ),
        primary_key=("sighting_id",),
        sort_by=("person_id", "published", "source_url", "role", "sighting_id"),
        foreign_keys=(
            ForeignKey("person_id", "people", "person_id"),
            ForeignKey("participation_id", "participations", "participation_id"),
            ForeignKey("session_id", "sessions", "session_id"),
            ForeignKey(_EDITION_FK, "editions", "edition"),
            ForeignKey("source_url", "articles", "url"),
        ),
    ),
    Table(
        name="crawl_log",
        description="One row per fetch attempt of the crawl that produced the dataset.",
        columns=(
            _c("url", "string", "Fetched URL.", "https://kongreswspolpracy.pl/", required=True),
            _c("fetched_at", "datetime", "When it was fetched (UTC).", "2026-11-27T06:00:00Z", required=True),
            _c("status", "integer", "HTTP status; empty when the fetch failed before a response.", "200"),
            _c("page_type", "category", "What the fetched body was: a page type from extraction (programme, "
               "speakers, article, other) or a discovery document (robots, sitemap, feed, api); empty when "
               "the fetch failed.", "sitemap"),
            _c("content_hash", "string", "SHA-256 of the response body.", "9f86d081884c7d65…"),
            _c("error", "string", "Error message of a failed fetch or extraction.", "TimeoutError"),
            _c("found_by", "category", "How the crawl came to fetch the URL: a source's start page (start), a "
               "sitemap, a feed, the WordPress REST API (rest), a listing page's pagination or entries (listing), "
               "in-site links (links); discovery documents: a well-known location tried (probe), a robots.txt "
               "`Sitemap:` line (robots), a feed announced in a page's <head> (head). Empty in rows of a crawl "
               "older than the column.", "listing", enum=FOUND_BY),
        ),
        primary_key=("url", "fetched_at"),
        sort_by=("url", "fetched_at"),
    ),
    Table(
        name="changes",
        description="What changed since the previous good run of the same output directory: one row per "
        "added, changed or removed row of a published table, keyed by the table's primary key (crawl_log "
        "by URL, its fetch time ignored, so a page whose content hash, status or type changed shows up). "
        "On a first run every row is `added`. Written by `kongres crawl` and `kongres reparse` (a plain "
        "build has no previous run and writes it empty).",
        columns=(
            _c("table_name", "category", "The table the row belongs to.", "people", required=True,
               enum=CHANGE_TABLES),
            _c("key", "string", "The row's primary key value (crawl_log: the URL).", "p-af57963b13", required=True),
            _c("change", "category", "added, changed or removed.", "changed", required=True, enum=CHANGE_KINDS),
            _c("columns", "string", "For a changed row: the columns whose value changed, space-separated.", "title"),
            _c("before", "string", "JSON of the previous values: the whole row when removed, the changed "
               "columns when changed; empty when added.", '{"title": "Debata I"}'),
            _c("after", "string", "JSON of the new values of the changed columns; empty otherwise (an added "
               "row is in its table).", '{"title": "Debata 1"}'),
            _c("previous_run", "string", "Id of the run compared with (directory under `runs/`); empty on a "
               "first run.", "20261127T064512Z-3fa2c1"),
        ),
        primary_key=("table_name", "key"),
        sort_by=("table_name", "key"),
    ),
    Table(
        name="review",
        description="Cases for the curator: one row per person match key with conflicting evidence. "
        "The build keeps such a person as one row with the conflicting field empty; the curator "
        "decides in kongres_scraper/curation/overrides.toml (split, merge, set gender). Written as "
        "review.csv only; not part of datapackage.json.",
        columns=(
            _c("person_id", "id", "The person concerned.", "p-af57963b13", required=True),
            _c("match_key", "string", "Their match key.", "anna nowak", required=True),
            _c("issue", "category", "gender_conflict (sources disagree on gender), disjoint_affiliations "
               "(two sources give organisations with nothing in common: maybe two namesakes) or similar_name "
               "(another person's name is nearly the same: maybe a typo or an inflected form of one person).",
               "gender_conflict",
               required=True, enum=REVIEW_ISSUES),
            _c("detail", "string", "The conflicting values, per source.", "f: https://a…; m: https://b…"),
            _c("source_urls", "string", "Sources involved, space-separated.", "https://a… https://b…"),
        ),
        primary_key=("person_id", "issue"),
        sort_by=("match_key", "issue", "person_id"),
        in_package=False,
    ),
)

TABLE_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}


def table(name: str) -> Table:
    """The table definition called `name`."""
    return TABLE_BY_NAME[name]


def pandas_dtype(col: Column) -> object:
    """The pandas dtype a column is held in (dates and datetimes are converted separately)."""
    if col.type == "integer":
        return "Int64"
    if col.type == "boolean":
        return "boolean"
    if col.type == "category" and col.enum:
        return pd.CategoricalDtype(list(col.enum))
    if col.type in ("date", "datetime"):
        return "object"
    return "string"


def arrow_type(col: Column) -> pa.DataType:
    """The Arrow type a column is stored as in Parquet."""
    return {
        "integer": pa.int64(),
        "boolean": pa.bool_(),
        "category": pa.dictionary(pa.int32(), pa.string()),
        "date": pa.date32(),
        "datetime": pa.timestamp("us", tz="UTC"),
        "time": pa.time32("ms"),  # Parquet stores times in ms at the finest of 32 bits
    }.get(col.type, pa.string())


def arrow_schema(tbl: Table) -> pa.Schema:
    """The Arrow schema of a table, with descriptions as field metadata."""
    return pa.schema(
        [
            pa.field(c.name, arrow_type(c), nullable=not c.required, metadata={"description": c.description})
            for c in tbl.columns
        ],
        metadata={"description": tbl.description, "primary_key": ",".join(tbl.primary_key)},
    )


def empty_frame(name: str) -> pd.DataFrame:
    """A typed frame with no rows, so empty tables still carry their columns."""
    return coerce(name, pd.DataFrame(columns=table(name).column_names))


def frame_of(name: str, rows: list[dict]) -> pd.DataFrame:
    """A typed table from row dicts (keys outside the schema are left out; no rows: an empty table).

    The values are taken as objects: inferring pandas' string type first would copy every text
    into Arrow and back into new Python strings before `coerce` casts it (three times the memory).
    """
    return coerce(name, pd.DataFrame(rows, columns=table(name).column_names, dtype=object))


#: Rows made into a frame at a time by `frame_of_rows`.
BATCH_ROWS = 10_000


def frame_of_rows(name: str, rows: Iterable[dict], batch: int | None = None) -> pd.DataFrame:
    """A typed table from row dicts taken as they come, `batch` (default `BATCH_ROWS`) at a time: the same
    table as `frame_of`.

    For a generator of many rows with long texts: only one batch of rows is Python objects at
    a time, the others are typed columns already. Rows given in the table's order are joined
    as they are; others are sorted at the end, which copies the table once more.
    """
    rows, batch = iter(rows), batch or BATCH_ROWS
    parts = []
    while chunk := list(itertools.islice(rows, batch)):
        parts.append(frame_of(name, chunk))
    if len(parts) <= 1:
        return parts[0] if parts else empty_frame(name)
    return coerce(name, pd.concat(parts, ignore_index=True))


def frame_of_columns(name: str, columns: dict[str, list]) -> pd.DataFrame:
    """A typed table from lists of values by column (a dict per row costs ten times the memory)."""
    return coerce(name, pd.DataFrame(columns, columns=table(name).column_names, dtype=object))


def coerce(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """Cast a frame to the table's columns and types, sort it deterministically, reset its index.

    Missing columns become empty; extra columns are an error, because they would be
    published without a description.
    """
    tbl = table(name)
    extra = set(df.columns) - set(tbl.column_names)
    if extra:
        raise ValueError(f"{name}: columns not in the schema: {sorted(extra)}")
    out = pd.DataFrame(index=df.index)
    for col in tbl.columns:
        values = df[col.name] if col.name in df.columns else pd.Series([None] * len(df), index=df.index)
        out[col.name] = _cast(values, col)
    keys = pd.DataFrame({name: _sort_key(out[name]) for name in tbl.sort_by}).reset_index(drop=True)
    if not _in_order(keys):  # a frame `coerce` made is in order already: not sorted (nor copied) again
        order = keys.sort_values(list(tbl.sort_by), na_position="last", kind="mergesort").index.to_numpy()
        del keys  # it shares the key columns: they must go with the rest of `out`
        out = _reordered(out, order)
    return out.reset_index(drop=True)


def _reordered(frame: pd.DataFrame, order: np.ndarray) -> pd.DataFrame:
    """The rows of `frame` in `order`, copied a column at a time, each column taken out of `frame` once copied.

    `frame.take` copies the whole table before the old one can go: for the largest tables of a
    big crawl that copy was the peak of building them. `frame` is left without columns.
    """
    out = pd.DataFrame(index=pd.RangeIndex(len(order)))
    for name in list(frame.columns):
        out[name] = frame.pop(name).array.take(order)
    return out


def _in_order(keys: pd.DataFrame) -> bool:
    """Whether the rows are already in the order of the key columns, missing values last (a stable sort keeps them).

    Compares each row with the next, column by column, instead of sorting: sorting a column of
    250,000 distinct strings makes a Python string of each.
    """
    if len(keys) < 2:
        return True
    open_pairs = np.ones(len(keys) - 1, dtype=bool)  # pairs the columns so far found equal
    for name in keys.columns:
        before = keys[name].iloc[:-1].reset_index(drop=True)
        after = keys[name].iloc[1:].reset_index(drop=True)
        missing_before, missing_after = before.isna().to_numpy(), after.isna().to_numpy()
        both = ~missing_before & ~missing_after
        try:
            less = np.asarray((before < after).fillna(False), dtype=bool) & both
            greater = np.asarray((before > after).fillna(False), dtype=bool) & both
        except TypeError:  # values that do not compare (mixed types): let the sort decide
            return False
        if (open_pairs & (greater | (missing_before & ~missing_after))).any():
            return False
        open_pairs &= ~(less | (~missing_before & missing_after))
    return True


def _sort_key(s: pd.Series) -> pd.Series:
    """Sort categories by their label, not their code, so row order reads alphabetically.

    Each code is replaced by its label's rank (NaN for a missing value), which orders the rows
    as the labels would without making a string per row.
    """
    if not isinstance(s.dtype, pd.CategoricalDtype):
        return s
    labels = np.array(list(s.cat.categories), dtype=object)
    rank = np.full(len(labels) + 1, np.nan)  # the last slot is code -1: missing
    rank[np.argsort(labels, kind="stable")] = np.arange(len(labels))
    return pd.Series(rank[s.cat.codes.to_numpy()], index=s.index)


#: Column types whose pandas dtype says everything about the values: a column already held in it
#: (a frame `coerce` made, read again by the writers) is kept as it is, not converted to Python objects and back.
_TYPED = {"string": pd.StringDtype(), "id": pd.StringDtype(), "integer": pd.Int64Dtype(),
          "boolean": pd.BooleanDtype(), "datetime": pd.DatetimeTZDtype("us", "UTC")}


def _cast(values: pd.Series, col: Column) -> pd.Series:
    typed = _TYPED.get(col.type)
    if (typed is not None and values.dtype == typed) or _in_vocabulary_dtype(values, col):
        return values
    values = values.astype("object").where(values.notna(), None)
    if col.type == "date":
        return pd.Series([_to_date(v) for v in values], index=values.index, dtype="object")
    if col.type == "datetime":
        return pd.to_datetime(values, utc=True, format="ISO8601").astype("datetime64[us, UTC]")
    if col.type == "time":  # `HH:MM` text, also from a `datetime.time` (Parquet, loader)
        return pd.Series([v.strftime("%H:%M") if isinstance(v, dt.time) else v[:5] if isinstance(v, str) else v
                          for v in values],
                         index=values.index, dtype="object").astype("string")
    if col.type == "integer":
        return pd.array([None if v is None else int(v) for v in values], dtype="Int64")
    if col.type == "boolean":
        return pd.array([None if v is None else bool(v) for v in values], dtype="boolean")
    if col.type == "category":
        seen = {v for v in values if v is not None}
        if col.enum is None:
            return values.astype(pd.CategoricalDtype(sorted(seen)))
        if seen - set(col.enum):
            raise ValueError(f"{col.name}: values outside the vocabulary: {sorted(seen - set(col.enum))}")
        return values.astype(pandas_dtype(col))
    return values.astype("string")


def _in_vocabulary_dtype(values: pd.Series, col: Column) -> bool:
    """A closed category column already held in its vocabulary's dtype (no value can be outside it)."""
    dtype = values.dtype
    return (col.type == "category" and col.enum is not None and isinstance(dtype, pd.CategoricalDtype)
            and not dtype.ordered and list(dtype.categories) == list(col.enum))


def _to_date(value: object):
    """A `datetime.date` from an ISO string, a date or a timestamp; None stays None."""
    if value is None:
        return None
    return pd.Timestamp(value).date()
