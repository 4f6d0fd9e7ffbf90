"""datapackage.json follows the schema, and the `frictionless` CLI validates the written package."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sample_crawl import sample_output
from test_build import build, example_log, example_records, messy_records

import kongres_scraper
from kongres_scraper.dataset import schema
from kongres_scraper.dataset.build import build_tables
from kongres_scraper.dataset.datapackage import package_descriptor
from kongres_scraper.dataset.overrides import Overrides
from kongres_scraper.dataset.writers import write_tables


SAMPLE_WEB = Path(kongres_scraper.__file__).parent / "sample_web"


def frictionless_cli() -> str:
    beside = Path(sys.executable).with_name("frictionless")
    found = str(beside) if beside.exists() else shutil.which("frictionless")
    if not found:
        pytest.fail("the frictionless CLI is not installed (pip install frictionless)")
    return found


def validate(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([frictionless_cli(), "validate", "--json", str(path / "datapackage.json")],
                          capture_output=True, text=True, timeout=300)


def test_descriptor_mirrors_the_schema():
    desc = package_descriptor()
    published = [t for t in schema.TABLES if t.in_package]
    csv_resources = [r for r in desc["resources"] if r["format"] == "csv"]
    assert [r["name"] for r in csv_resources] == [t.name for t in published]
    for res, tbl in zip(csv_resources, published):
        assert res["path"] == f"{tbl.name}.csv"
        assert [f["name"] for f in res["schema"]["fields"]] == tbl.column_names
        assert res["schema"]["primaryKey"] == list(tbl.primary_key)
        assert all(f["description"] for f in res["schema"]["fields"])
    people_fk = next(r for r in desc["resources"] if r["name"] == "participations")["schema"]["foreignKeys"]
    assert {"fields": "person_id", "reference": {"resource": "people", "fields": "person_id"}} in people_fk
    org = next(r for r in desc["resources"] if r["name"] == "organizations")["schema"]["foreignKeys"]
    assert org == [{"fields": "parent_org_id", "reference": {"resource": "", "fields": "org_id"}}]


def test_frictionless_validates_the_written_package(tmp_path):
    write_tables(build(), tmp_path)
    result = validate(tmp_path)
    report = json.loads(result.stdout)
    assert report["valid"], json.dumps(report, indent=1)[:3000]
    assert result.returncode == 0


def test_frictionless_validates_a_build_from_messy_records(tmp_path):
    write_tables(build_tables(example_records() + messy_records(), example_log(), Overrides()), tmp_path)
    report = json.loads(validate(tmp_path).stdout)
    assert report["valid"], json.dumps(report, indent=1)[:3000]


def test_frictionless_catches_a_broken_foreign_key(tmp_path):
    tables = build()
    parts = tables["participations"].copy()
    parts.loc[0, "person_id"] = "p-0000000000"
    tables["participations"] = parts
    write_tables(tables, tmp_path)
    result = validate(tmp_path)
    assert result.returncode != 0
    assert not json.loads(result.stdout)["valid"]


def test_metadata_gives_licence_version_sources_and_no_sample_flag(tmp_path):
    write_tables(build(), tmp_path)
    desc = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    assert desc["licenses"][0]["name"] == "CC-BY-4.0"
    assert "remain their publishers' works" in desc["description"]
    assert desc["software"] == {"name": "kongres_scraper", "version": kongres_scraper.__version__, "license": "MIT"}
    assert desc["version"] == kongres_scraper.__version__
    assert {"title": "kongreswspolpracy.pl", "path": "https://kongreswspolpracy.pl/"} in desc["sources"]
    assert desc["created"] == "2026-11-27T06:01:00Z"  # the latest fetch of the crawl log
    assert desc["sample"] is False and "SAMPLE" not in desc["title"]
    assert desc["keywords"] and desc["contributors"] and desc["homepage"]


def test_parquet_files_are_resources_too():
    names = {r["name"]: r for r in package_descriptor()["resources"]}
    assert names["people-parquet"]["path"] == "people.parquet"
    assert names["people-parquet"]["format"] == "parquet"


def test_a_dataset_built_from_the_sample_says_so_and_validates():
    out = sample_output()
    desc = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert desc["sample"] is True
    assert desc["title"].startswith("SAMPLE") and "Leśna Wola" in desc["description"]
    assert desc["name"].endswith("-sample")
    assert {s["title"] for s in desc["sources"]} >= {"kongreswspolpracy.pl", "www.ug-lesnawola.pl"}
    assert desc["created"] == (SAMPLE_WEB / "CAPTURED").read_text().strip()
    report = json.loads(validate(out).stdout)
    assert report["valid"], json.dumps(report, indent=1)[:3000]
