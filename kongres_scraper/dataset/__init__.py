"""Dataset: page records -> tidy typed tables (Parquet, CSV, datapackage.json) and back.

`build_tables` turns page records and the crawl log into frames, `write_tables` writes
them, `load_dataset` reads them for notebooks. All three read one schema (`schema.py`).
"""
from __future__ import annotations

from .build import build_tables
from .writers import write_tables

__all__ = ["build_tables", "write_tables", "load_dataset"]


def __getattr__(name: str):
    # The loader imports duckdb; load it only when a notebook asks for it.
    if name == "load_dataset":
        from .loader import load_dataset

        return load_dataset
    raise AttributeError(name)
