"""kongres.db: every schema table with its keys, join indexes and search; the same rows as the package."""
from __future__ import annotations

import json
import sqlite3

import pytest
from frictionless import Package
from test_build import build

from kongres_scraper.cli import main
from kongres_scraper.dataset import schema
from kongres_scraper.dataset.export import export_sqlite
from kongres_scraper.dataset.sqlite import DB_NAME, declared_foreign_keys, fts_columns, write_sqlite
from kongres_scraper.dataset.writers import write_tables


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    path = tmp_path_factory.mktemp("dataset")
    tables = build()
    write_tables(tables, path)
    return tables, path


@pytest.fixture()
def db(written):
    con = sqlite3.connect(written[1] / DB_NAME)
    yield con
    con.close()


def _columns(con, table):
    return [(row[1], row[2], row[3], row[5]) for row in con.execute(f'pragma table_info("{table}")')]


def test_every_table_has_the_schema_columns_in_order(db):
    for tbl in schema.TABLES:
        assert [c[0] for c in _columns(db, tbl.name)] == tbl.column_names, tbl.name


def test_primary_keys_follow_the_schema(db):
    for tbl in schema.TABLES:
        pk = [name for name, _, _, rank in sorted(_columns(db, tbl.name), key=lambda c: c[3]) if rank]
        assert tuple(pk) == tbl.primary_key, tbl.name


def test_required_columns_are_not_null(db):
    cols = {c[0]: c[2] for c in _columns(db, "participations")}
    assert cols["person_id"] == 1 and cols["role"] == 1 and cols["position"] == 0


def test_foreign_keys_to_primary_keys_follow_the_schema_and_hold(db):
    for tbl in schema.TABLES:
        got = {(row[3], row[2], row[4]) for row in db.execute(f'pragma foreign_key_list("{tbl.name}")')}
        assert got == {(fk.column, fk.ref_table, fk.ref_column) for fk in declared_foreign_keys(tbl)}, tbl.name
    assert ("person_id", "people", "person_id") in {(fk.column, fk.ref_table, fk.ref_column)
                                                    for fk in declared_foreign_keys(schema.table("participations"))}
    assert db.execute("pragma foreign_key_check").fetchall() == []
    # a reference to a unique column that is not the primary key is not declared, and holds too
    orphans = db.execute("select count(*) from participations p left join articles a on a.url = p.source_url "
                         "where a.url is null").fetchone()[0]
    assert orphans == 0


def test_join_columns_are_indexed(db):
    def indexed(table):
        return {db.execute(f'pragma index_info("{name}")').fetchone()[2]: unique
                for _, name, unique, *_ in db.execute(f'pragma index_list("{table}")')}

    assert {"person_id", "session_id", "edition", "source_url"} <= set(indexed("participations"))
    assert {"person_id", "org_id"} <= set(indexed("affiliations"))
    assert indexed("articles")["url"] == 1  # other tables' source_url refers to it: unique


def test_values_keep_their_types(db, written):
    tables, _ = written
    edition, start, year = db.execute("select edition, start_date, year from editions where edition = 2").fetchone()
    assert (edition, start, year) == (2, "2024-10-10", 2024)
    flags = {row[0] for row in db.execute("select about_congress from articles")}
    assert flags <= {0, 1, None} and 1 in flags
    fetched = db.execute("select fetched_at from crawl_log order by url limit 1").fetchone()[0]
    assert fetched.endswith("Z") and fetched[:4].isdigit()
    for tbl in schema.TABLES:
        assert db.execute(f'select count(*) from "{tbl.name}"').fetchone()[0] == len(tables[tbl.name]), tbl.name


def test_names_titles_and_evidence_are_searchable_without_diacritics(db):
    assert fts_columns(schema.table("people")) == ["name"]
    assert "evidence" in fts_columns(schema.table("participations"))
    found = db.execute("select p.name from people p join people_fts f on f.rowid = p.rowid "
                       "where people_fts match 'kepka'").fetchall()
    assert found == [("Alicja Kępka",)]
    said = db.execute("select count(*) from participations_fts where participations_fts match 'moderator'").fetchone()
    assert said[0] >= 1


def test_a_failed_write_keeps_the_previous_file(tmp_path, written):
    tables, _ = written
    path = write_sqlite(tables, tmp_path / DB_NAME)
    before = path.read_bytes()
    broken = dict(tables, people=tables["people"].assign(nickname="x"))
    with pytest.raises(ValueError, match="nickname"):
        write_sqlite(broken, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [DB_NAME]


def test_export_reads_a_dataset_directory(tmp_path, written):
    _, path = written
    out = export_sqlite(path, tmp_path / "copy.db")
    assert out.read_bytes() == (path / DB_NAME).read_bytes()
    with pytest.raises(FileNotFoundError, match="not a dataset directory"):
        export_sqlite(tmp_path, tmp_path / "x.db")


def test_frictionless_and_sqlite_have_the_same_rows(written, db):
    _, path = written
    package = Package(str(path / "datapackage.json"))
    tables = [r for r in package.resources if r.format == "csv"]
    assert [r.name for r in tables] == [t.name for t in schema.TABLES if t.in_package]
    for resource in tables:
        rows = resource.read_rows()
        assert db.execute(f'select count(*) from "{resource.name}"').fetchone()[0] == len(rows), resource.name


def test_kongres_export_sqlite_writes_the_db_and_its_datasette_metadata(tmp_path, written, capsys):
    _, path = written
    assert main(["export", "sqlite", str(path), "--db", str(tmp_path / "k.db")]) == 0
    assert (tmp_path / "k.db").read_bytes() == (path / DB_NAME).read_bytes()
    meta = json.loads((tmp_path / "k.metadata.json").read_text(encoding="utf-8"))
    assert list(meta["databases"]) == ["k"]  # Datasette names a database after its file
    assert "kongres serve" in capsys.readouterr().out


@pytest.mark.parametrize("args, message", [
    (["missing"], "no such directory: "),
    (["."], "is not a dataset directory (no datapackage.json)"),
    ([".", "--db", "."], "is a directory"),
])
def test_kongres_export_sqlite_refuses_bad_input_in_one_line(tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    assert main(["export", "sqlite", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []
