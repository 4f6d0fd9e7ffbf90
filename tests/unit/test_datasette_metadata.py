"""The Datasette metadata follows the schema; its canned queries answer their questions on real tables."""
from __future__ import annotations

import json
import sqlite3

import pytest
from test_build import build

from kongres_scraper.dataset import schema
from kongres_scraper.dataset.datasette_metadata import (
    DATABASE, QUERIES, SAMPLE_NOTE, metadata, table_metadata, write_metadata)
from kongres_scraper.dataset.sqlite import DB_NAME
from kongres_scraper.dataset.writers import write_tables


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    path = tmp_path_factory.mktemp("dataset")
    write_tables(build(), path)
    return path


@pytest.fixture(scope="module")
def db(dataset):
    con = sqlite3.connect(dataset / DB_NAME)
    con.row_factory = sqlite3.Row
    yield con
    con.close()


def run(db, name, **params):
    sql = QUERIES[name]["sql"]
    return [dict(r) for r in db.execute(sql, {**{p: "" for p in ("person", "edition", "kind")}, **params})]


def test_every_table_and_column_is_described_from_the_schema(dataset):
    tables = metadata(dataset)["databases"][DATABASE]["tables"]
    assert list(tables) == [t.name for t in schema.TABLES]
    for tbl in schema.TABLES:
        assert tables[tbl.name]["description"] == tbl.description
        assert tables[tbl.name]["columns"] == {c.name: c.description for c in tbl.columns}


def test_facets_on_edition_role_format_and_kind():
    assert table_metadata(schema.table("participations"))["facets"] == ["edition", "role"]
    assert table_metadata(schema.table("sessions"))["facets"] == ["edition", "format"]
    assert table_metadata(schema.table("organizations"))["facets"] == ["kind"]
    assert table_metadata(schema.table("articles"))["facets"] == ["page_type", "edition"]


def test_a_new_table_is_described_without_an_edit():
    new = schema.Table("venues", "One row per venue.", (
        schema.Column("venue_id", "id", "The venue."), schema.Column("name", "string", "Its name."),
        schema.Column("kind", "category", "Hall or room."), schema.Column("edition", "integer", "Edition.")),
        primary_key=("venue_id",), sort_by=("name",))
    meta = table_metadata(new)
    assert meta["facets"] == ["kind", "edition"] and meta["label_column"] == "name"
    assert meta["columns"]["name"] == "Its name." and meta["sort"] == "name"


def test_people_and_sessions_are_labelled_by_name_and_title():
    assert table_metadata(schema.table("people"))["label_column"] == "name"
    assert table_metadata(schema.table("sessions"))["label_column"] == "title"


def test_title_licence_and_source_come_from_the_package(dataset):
    meta = metadata(dataset)
    package = json.loads((dataset / "datapackage.json").read_text(encoding="utf-8"))
    assert meta["title"] == package["title"] and meta["description"] == package["description"]
    assert meta["license"] == package["licenses"][0]["title"]
    assert meta["license_url"] == package["licenses"][0]["path"]
    assert meta["source"] == ", ".join(s["title"] for s in package["sources"]) and meta["source"]
    assert meta["source_url"] == package["homepage"]


def test_a_dataset_built_from_the_sample_says_so_on_every_page(dataset, tmp_path):
    assert not metadata(dataset)["title"].startswith("SAMPLE")
    package = json.loads((dataset / "datapackage.json").read_text(encoding="utf-8"))
    assert package["sample"] is False
    (tmp_path / "datapackage.json").write_text(json.dumps(dict(package, sample=True, title="SAMPLE: x")))
    meta = metadata(tmp_path)
    assert meta["title"] == "SAMPLE: x" == meta["databases"][DATABASE]["title"]
    for name, tbl in meta["databases"][DATABASE]["tables"].items():
        assert tbl["description"] == f"{SAMPLE_NOTE} {schema.table(name).description}"


def test_metadata_file_is_json_for_datasette(dataset, tmp_path):
    path = write_metadata(dataset, tmp_path / "kongres.metadata.json")
    assert json.loads(path.read_text(encoding="utf-8")) == metadata(dataset)


def test_every_canned_query_runs(db):
    for name, query in QUERIES.items():
        assert query["title"] and query["description"], name
        run(db, name)  # raises on an error in the SQL


def test_moderators_by_edition_with_their_organisations(db):
    rows = run(db, "moderators_by_edition")
    klaus = next(r for r in rows if r["moderator"] == "Witold Klaus")
    assert klaus["edition"] == 2 and "Stowarzyszenie Interwencji Prawnej" in klaus["organisations"]
    assert [r["edition"] for r in rows] == sorted(r["edition"] for r in rows)


def test_people_in_more_than_one_edition(db):
    rows = run(db, "people_in_several_editions")
    assert rows and all(r["editions"] > 1 for r in rows)
    names = {r["name"] for r in rows}
    many = {r["name"] for r in db.execute(
        "select pe.name from people pe join participations p using (person_id) "
        "group by pe.person_id having count(distinct p.edition) > 1")}
    assert names == many


def test_organisations_by_kind_count_the_people_they_sent(db):
    rows = run(db, "organizations_by_kind")
    assert len(rows) == db.execute("select count(*) from organizations").fetchone()[0]
    for r in rows:
        sent = db.execute("select count(distinct person_id) from affiliations where org_id = ?", (r["org_id"],))
        assert r["people"] == sent.fetchone()[0]
    ngos = run(db, "organizations_by_kind", kind="ngo")
    assert ngos and {r["kind"] for r in ngos} == {"ngo"}


def test_every_source_behind_one_person(db):
    rows = run(db, "person_sources", person="Witold Klaus")
    assert {r["fact"] for r in rows} >= {"participation", "affiliation"}
    assert all(r["source_url"] and r["evidence"] for r in rows)
    person_id = db.execute("select person_id from people where name = 'Witold Klaus'").fetchone()[0]
    seen = db.execute("select count(*) from sightings where person_id = ?", (person_id,)).fetchone()[0]
    assert seen and sum(r["fact"] == "participation" for r in rows) == seen  # every page, not one per fact
    assert run(db, "person_sources", person=person_id) == rows
    assert run(db, "person_sources", person="Nobody Here") == []


def test_sessions_and_topics_of_an_edition(db):
    rows = run(db, "edition_programme", edition="2")
    assert rows and {r["edition"] for r in rows} == {2}
    titles = {r["title"] for r in rows if r["kind"] == "session"}
    assert titles == {r[0] for r in db.execute("select title from sessions where edition = 2")}
    assert len(run(db, "edition_programme")) >= len(rows)


def test_a_persons_page_lists_sessions_roles_and_organisations_across_editions(db):
    rows = run(db, "person", person="Witold Klaus")
    sessions = [r for r in rows if r["fact"] == "session"]
    orgs = {r["organisation"] for r in rows if r["fact"] == "organisation"}
    assert sessions and sessions[0]["role"] == "moderator" and sessions[0]["session"]
    assert "Stowarzyszenie Interwencji Prawnej" in orgs
    assert all(r["source_url"] for r in rows)
