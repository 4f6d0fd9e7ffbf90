"""datapackage.json (Frictionless Data Package + Table Schema) derived from `schema.py`.

Publishing the schema next to the CSVs lets anyone validate the files
(`frictionless validate OUT/datapackage.json`) and load them with typed columns and
primary/foreign keys in any Frictionless-aware tool, without reading our code.
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from .. import __version__
from ..sources import url_problem
from . import sample, schema

PACKAGE_NAME = "kongres-wspolpracy-lokalnej"
_FRICTIONLESS_TYPE = {
    "string": "string",
    "id": "string",
    "category": "string",
    "time": "time",
    "integer": "integer",
    "boolean": "boolean",
    "date": "date",
    "datetime": "datetime",
}


def field_descriptor(col: schema.Column) -> dict:
    """The Table Schema field of a column."""
    field: dict = {
        "name": col.name,
        "type": _FRICTIONLESS_TYPE[col.type],
        "description": col.description,
    }
    if col.example:
        field["example"] = col.example
    if col.type == "time":
        field["format"] = "%H:%M"
        field["timezone"] = schema.TIME_ZONE  # a local wall-clock time; Table Schema times carry no zone
    constraints: dict = {}
    if col.required:
        constraints["required"] = True
    if col.unique:
        constraints["unique"] = True
    if col.enum:
        constraints["enum"] = list(col.enum)
    if col.pattern and col.type != "time":  # (a time is checked by its format)
        constraints["pattern"] = col.pattern
    if constraints:
        field["constraints"] = constraints
    return field


def resource_descriptor(tbl: schema.Table) -> dict:
    """The Data Resource of a table, pointing at its CSV."""
    fields = [field_descriptor(c) for c in tbl.columns]
    table_schema: dict = {"fields": fields, "primaryKey": list(tbl.primary_key), "missingValues": [""]}
    if tbl.foreign_keys:
        table_schema["foreignKeys"] = [
            {
                "fields": fk.column,
                "reference": {"resource": "" if fk.ref_table == tbl.name else fk.ref_table, "fields": fk.ref_column},
            }
            for fk in tbl.foreign_keys
        ]
    return {
        "name": tbl.name,
        "path": f"{tbl.name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": tbl.description,
        "schema": table_schema,
    }


#: The tables' licence. The facts (who spoke where, for which organisation) and the way they are
#: compiled are offered for any reuse with attribution, as researchers cite datasets; CC BY 4.0
#: is what data repositories and Frictionless examples use for that.
DATA_LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
#: What the licence does not cover: the words of the pages themselves.
QUOTED_TEXT_NOTE = (
    "The tables are licensed CC BY 4.0. The `evidence` cells and the pages kept in each run's "
    "archive.warc.gz quote their publishers' pages and remain their publishers' works: they are kept "
    "to let anyone verify a row (quotation for that purpose), not relicensed. The software that built "
    "the tables, kongres_scraper, is MIT-licensed."
)
KEYWORDS = (
    "Krajowy Kongres Współpracy Lokalnej", "FRDL", "civil society", "non-governmental organisations",
    "local government", "Poland", "conference speakers", "Popolo",
)
HOMEPAGE = "https://kongreswspolpracy.pl/"  # the congress the data is about
TITLE = "Krajowy Kongres Współpracy Lokalnej: sessions, speakers and their organisations"
DESCRIPTION = (
    "Editions, sessions, people, organisations, participations and affiliations of the "
    "Krajowy Kongres Współpracy Lokalnej (FRDL), read from the congress site, the organiser's network "
    "and news posts. Every participation and affiliation carries its source URL and evidence. "
    "See docs/data-dictionary.md."
)
SAMPLE_TITLE = "SAMPLE, mostly invented (not for citation): "
SAMPLE_DESCRIPTION = (
    "BUILT FROM THE BUNDLED OFFLINE SAMPLE WEB (kongres_scraper/sample_web), a made-up copy of the sites "
    "written for tests. Real: the edition dates and venues, the edition-II programme lines of the "
    "Pospieszna/Niemeyer/Dean/Geissel/Pilet debate, the Niemeyer keynote, the migration debate moderated "
    "by Witold Klaus, the „Samorządna Rzeczpospolita” debate with Lech Wałęsa and Jerzy Stępień, Artur "
    "Gluziński, and the edition-I watchdog speakers. Invented: every other person, organisation and "
    "session, the municipality Leśna Wola and its sites, and all prose. Do not cite it as a source about "
    "the congress. "
)


def package_descriptor(tables: dict[str, pd.DataFrame] | None = None) -> dict:
    """The whole Data Package descriptor.

    Deterministic: `created` is the latest fetch time of the crawl log (when the data was
    captured), `sources` are the crawled sites and `sample` says whether the crawl fetched
    the bundled sample web (`sample.py`); all three come from `tables`, so a rebuild of the
    same pages writes the same bytes.
    """
    crawl_log = (tables or {}).get("crawl_log")
    is_sample = sample.is_sample(crawl_log)
    desc: dict = {
        "name": PACKAGE_NAME + ("-sample" if is_sample else ""),
        "title": (SAMPLE_TITLE if is_sample else "") + TITLE,
        "description": (SAMPLE_DESCRIPTION if is_sample else "") + DESCRIPTION + " " + QUOTED_TEXT_NOTE,
        "sample": is_sample,
        "version": __version__,
        "profile": "data-package",
        "homepage": HOMEPAGE,
        "keywords": list(KEYWORDS),
        "licenses": [dict(DATA_LICENSE)],
        "contributors": [{"title": "kongres_scraper contributors", "role": "author"}],
        "sources": _sources(crawl_log),
        "software": {"name": "kongres_scraper", "version": __version__, "license": "MIT"},
    }
    created = _created(crawl_log)
    if created:
        desc["created"] = created
    published = [t for t in schema.TABLES if t.in_package]
    desc["resources"] = [resource_descriptor(t) for t in published] + [parquet_descriptor(t) for t in published]
    return desc


def parquet_descriptor(tbl: schema.Table) -> dict:
    """The Data Resource of a table's Parquet file (typed; same columns as its CSV resource)."""
    return {
        "name": f"{tbl.name}-parquet",
        "path": f"{tbl.name}.parquet",
        "profile": "data-resource",
        "format": "parquet",
        "mediatype": "application/vnd.apache.parquet",
        "description": f"The `{tbl.name}` table as Parquet, with the types, descriptions and primary key of "
        f"the `{tbl.name}` resource in its schema metadata.",
    }


def _sources(crawl_log: pd.DataFrame | None) -> list[dict]:
    """One source per crawled site (scheme and host of the fetched URLs), sorted."""
    if crawl_log is None or crawl_log.empty:
        return []
    urls = [u for u in crawl_log["url"].dropna() if not url_problem(u)]  # not the malformed links it logs
    sites = sorted({f"{u.scheme}://{u.netloc}/" for u in map(urlsplit, urls) if u.netloc})
    return [{"title": urlsplit(site).netloc, "path": site} for site in sites]


def _created(crawl_log: pd.DataFrame | None) -> str | None:
    """The latest fetch time, ISO 8601 UTC: when the data was captured."""
    if crawl_log is None or crawl_log.empty or crawl_log["fetched_at"].dropna().empty:
        return None
    latest = pd.Timestamp(crawl_log["fetched_at"].dropna().max()).tz_convert("UTC")
    return latest.strftime("%Y-%m-%dT%H:%M:%SZ")


def write_datapackage(out_dir: Path, tables: dict[str, pd.DataFrame] | None = None) -> Path:
    """Write datapackage.json into `out_dir` and return its path."""
    path = Path(out_dir) / "datapackage.json"
    path.write_text(json.dumps(package_descriptor(tables), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
