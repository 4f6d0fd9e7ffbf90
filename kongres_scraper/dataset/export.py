"""`kongres export sqlite`: the SQLite file of a dataset directory already written, read back through the loader."""
from __future__ import annotations

from pathlib import Path

from . import schema
from .loader import read_table
from .sqlite import DB_NAME, write_sqlite


def export_sqlite(dataset_dir: Path, db_path: Path | None = None) -> Path:
    """Write the SQLite file of a dataset directory written by `write_tables` (default: DIR/kongres.db)."""
    dataset_dir = Path(dataset_dir)
    if not (dataset_dir / "datapackage.json").is_file():
        raise FileNotFoundError(f"{dataset_dir} is not a dataset directory (no datapackage.json)")
    tables = {t.name: read_table(dataset_dir, t) for t in schema.TABLES if (dataset_dir / f"{t.name}.csv").is_file()}
    return write_sqlite(tables, db_path or dataset_dir / DB_NAME)
