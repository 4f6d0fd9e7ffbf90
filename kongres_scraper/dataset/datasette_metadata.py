"""The Datasette metadata of `kongres.db`, generated from `schema.py` and the dataset's own files.

Datasette shows a database with what its metadata says: titles, descriptions, licence,
source, facets and ready-made ("canned") queries. Everything per table comes from the
schema, so a table added there is described, faceted and linked here without an edit:

- each table's and column's description is the schema's (the data dictionary's text);
- facets: every `category` column (role, format, organisation kind, page type, …) and the
  edition; the label shown for a foreign key is the table's `name` or `title` column;
- title, description, licence and sources come from the dataset's `datapackage.json`; when
  it says the data is the bundled sample (`"sample": true`), its title says so and so does
  every table's description.

The canned queries answer the questions people ask first (moderators per edition, people
who came back, who sent how many, what backs a fact about one person, an edition's
programme), and `person` is a person's page: every session, role and organisation of one
person across editions, with the page each fact was read from. A person's row page links
to it (template `row-kongres-people.html`).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from . import schema
from .datapackage import HOMEPAGE, TITLE

DATABASE = "kongres"  # the Datasette name of kongres.db (its file stem)
TEMPLATES = Path(__file__).resolve().parent / "templates"
#: Integer columns worth a facet beside the category columns.
FACET_COLUMNS = ("edition",)
LABEL_COLUMNS = ("name", "title")
SAMPLE_NOTE = "SAMPLE data, mostly invented (see the home page): not for citation."
_AFFILIATIONS_OF = """(select group_concat(name, '; ') from (
      select distinct o.name from affiliations a join organizations o on o.org_id = a.org_id
      where a.person_id = {person} and (a.edition = {edition} or a.edition is null) order by o.name))"""

QUERIES: dict[str, dict[str, str]] = {
    "moderators_by_edition": {
        "title": "Moderators by edition, with their organisations",
        "description": "Every moderator of every edition: the session, its format, the position the source "
        "gives and the organisations the person was affiliated with at that edition.",
        "sql": f"""select p.edition, s.title as session, s.format, pe.name as moderator, p.person_id, p.position,
  {_AFFILIATIONS_OF.format(person="p.person_id", edition="p.edition")} as organisations,
  p.source_url
from participations p
  join people pe on pe.person_id = p.person_id
  left join sessions s on s.session_id = p.session_id
where p.role = 'moderator'
order by p.edition, s.day, s.start, s.title, pe.name""",
    },
    "people_in_several_editions": {
        "title": "People who took part in more than one edition",
        "description": "People with participations in two or more editions, the editions and the roles they had.",
        "sql": """select pe.name, p.person_id, count(distinct p.edition) as editions,
  group_concat(distinct p.edition) as which_editions, group_concat(distinct p.role) as roles
from people pe join participations p on p.person_id = pe.person_id
where p.edition is not null
group by p.person_id
having count(distinct p.edition) > 1
order by editions desc, pe.name""",
    },
    "organizations_by_kind": {
        "title": "Organisations by kind, with the number of people they sent",
        "description": "Each organisation with its kind (sector) and how many distinct people were affiliated "
        "with it at any edition; optionally only one kind (ngo, local_government, university, …).",
        "sql": """select o.kind, o.name, o.org_id, count(distinct a.person_id) as people,
  group_concat(distinct a.edition) as editions
from organizations o left join affiliations a on a.org_id = o.org_id
where :kind = '' or o.kind = :kind
group by o.org_id
order by o.kind is null, o.kind, people desc, o.name""",
    },
    "person_sources": {
        "title": "Every source behind one person",
        "hide_sql": True,
        "description": "For one person (`person`: a person_id or the exact name), every page that names them "
        "taking part (each sighting, not only the one kept per participation), an affiliation or a mention, "
        "with the sentence it was read from.",
        "sql": """with person as (select person_id from people where person_id = :person or name = :person)
select f.fact, f.edition, f.detail, f.evidence, f.source_url, ar.title as page_title, ar.site, ar.published,
  ar.page_type
from (
  select 'participation' as fact, si.edition, si.role || coalesce(': ' || se.title, '') as detail, si.evidence,
      si.source_url
    from sightings si left join sessions se on se.session_id = si.session_id
    where si.person_id in (select person_id from person)
  union all
  select 'affiliation', a.edition, o.name, a.evidence, a.source_url
    from affiliations a join organizations o on o.org_id = a.org_id
    where a.person_id in (select person_id from person)
  union all
  select 'mention', edition, name, evidence, source_url
    from mentions where person_id in (select person_id from person)
) f left join articles ar on ar.url = f.source_url
order by f.source_url, f.fact, f.edition, f.detail""",
    },
    "edition_programme": {
        "title": "Sessions and topics of an edition",
        "description": "The sessions of one edition (`edition`: 1, 2, 3; empty: all) in programme order with "
        "the topics linked to each, then the topics no session matched.",
        "sql": """select 'session' as kind, s.edition, s.day, s.start, s."end", s.format, s.title,
  (select group_concat(t.title, ' | ') from topics t where t.session_id = s.session_id) as topics,
  s.source_url
from sessions s where :edition = '' or s.edition = :edition
union all
select 'topic', t.edition, null, null, null, null, t.title, null, t.source_url
from topics t where t.session_id is null and (:edition = '' or t.edition = :edition)
order by kind, edition, day, start, title""",
    },
    "person": {
        "title": "A person across editions",
        "hide_sql": True,
        "description": "One person's page (`person`: a person_id or the exact name): each session and role, "
        "and each organisation, per edition, with the position and the page the fact was read from.",
        "sql": f"""with person as (select person_id, name from people where person_id = :person or name = :person)
select pe.name, p.edition, 'session' as fact, p.role, s.title as session, s.format, s.day, s.start,
  {_AFFILIATIONS_OF.format(person="p.person_id", edition="p.edition")} as organisation, null as kind,
  p.position, p.source_url
from person pe join participations p on p.person_id = pe.person_id left join sessions s on s.session_id = p.session_id
union all
select pe.name, a.edition, 'organisation', null, null, null, null, null, o.name, o.kind, a.position, a.source_url
from person pe join affiliations a on a.person_id = pe.person_id join organizations o on o.org_id = a.org_id
order by edition, fact desc, day, start, session, organisation""",
    },
}


def table_metadata(tbl: schema.Table, sample: bool = False) -> dict[str, Any]:
    """The Datasette metadata of one table: descriptions, facets, label column, default order.

    `sample`: the rows come from the bundled sample web, and every table page says so.
    """
    meta: dict[str, Any] = {
        "description": (SAMPLE_NOTE + " " if sample else "") + tbl.description,
        "columns": {c.name: c.description for c in tbl.columns},
    }
    facets = [c.name for c in tbl.columns if c.type == "category" or c.name in FACET_COLUMNS]
    if facets:
        meta["facets"] = facets
    label = next((c.name for c in tbl.columns if c.name in LABEL_COLUMNS), None)
    if label:
        meta["label_column"] = label
    meta["sort"] = tbl.sort_by[0]
    return meta


def read_package(dataset_dir: Path | None) -> dict[str, Any]:
    """The dataset's datapackage.json as a dict (empty when there is none or it is unreadable)."""
    path = Path(dataset_dir) / "datapackage.json" if dataset_dir else None
    if path is None or not path.is_file():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return {}


def metadata(dataset_dir: Path | None = None, database: str = DATABASE) -> dict[str, Any]:
    """The whole Datasette metadata of the dataset directory `dataset_dir`.

    `database` is Datasette's name of the SQLite file: its stem (`kongres` for kongres.db).
    """
    package = read_package(dataset_dir)
    sample = package.get("sample") is True
    title = package.get("title") or TITLE
    description = package.get("description") or ""
    meta: dict[str, Any] = {"title": title, "description": description}
    meta.update(_licence(package))
    meta.update(_source(package))
    meta["databases"] = {
        database: {
            "title": title,
            "description": description,
            "tables": {t.name: table_metadata(t, sample) for t in schema.TABLES},
            "queries": QUERIES,
        }
    }
    return meta


def _licence(package: dict[str, Any]) -> dict[str, str]:
    licences = [lic for lic in package.get("licenses") or [] if isinstance(lic, dict)]
    if not licences:
        return {}
    names = "; ".join(str(lic.get("title") or lic.get("name") or lic.get("path")) for lic in licences)
    out = {"license": names}
    url = next((lic.get("path") for lic in licences if str(lic.get("path", "")).startswith("http")), None)
    if url:
        out["license_url"] = url
    return out


def _source(package: dict[str, Any]) -> dict[str, str]:
    sites = [str(s.get("title") or s.get("path")) for s in package.get("sources") or [] if isinstance(s, dict)]
    return {"source": ", ".join(sites) or "no page was fetched", "source_url": package.get("homepage") or HOMEPAGE}


def write_metadata(dataset_dir: Path | None, path: Path, database: str = DATABASE) -> Path:
    """Write the metadata as JSON (`datasette DB -m PATH`) and return the path."""
    path = Path(path)
    text = json.dumps(metadata(dataset_dir, database), ensure_ascii=False, indent=2) + "\n"
    path.write_text(text, encoding="utf-8")
    return path
