"""datapackage.json (Frictionless Data Package + Table Schema) derived from `schema.py`.

Publishing the schema next to the CSVs lets anyone validate the files
(`frictionless validate OUT/datapackage.json`) and load them with typed columns and
primary/foreign keys in any Frictionless-aware tool, without reading our code.
"""
from __future__ import annotations

import json
from pathlib import Path

from . import schema

PACKAGE_NAME = "kongres-wspolpracy-lokalnej"
_FRICTIONLESS_TYPE = {
    "string": "string",
    "id": "string",
    "category": "string",
    "time": "string",
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
    constraints: dict = {}
    if col.required:
        constraints["required"] = True
    if col.unique:
        constraints["unique"] = True
    if col.enum:
        constraints["enum"] = list(col.enum)
    if col.pattern:
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


def package_descriptor() -> dict:
    """The whole Data Package descriptor (deterministic: no dates, no run information)."""
    return {
        "name": PACKAGE_NAME,
        "title": "Krajowy Kongres Współpracy Lokalnej: sessions, speakers and their organisations",
        "description": "Editions, sessions, people, organisations, participations and affiliations of the "
        "Krajowy Kongres Współpracy Lokalnej (FRDL), read from the congress site, the organiser's network "
        "and news posts. Every participation and affiliation carries its source URL and evidence. "
        "See docs/data-dictionary.md.",
        "profile": "tabular-data-package",
        "resources": [resource_descriptor(t) for t in schema.TABLES if t.in_package],
    }


def write_datapackage(out_dir: Path) -> Path:
    """Write datapackage.json into `out_dir` and return its path."""
    path = Path(out_dir) / "datapackage.json"
    path.write_text(json.dumps(package_descriptor(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
