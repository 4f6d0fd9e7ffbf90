"""notebooks/analysis.ipynb runs end to end on a dataset built from sample pages and draws its plots.

The dataset is built the way a crawl builds it (extract_page -> build_tables -> write_tables) from
the pages the repository ships (kongres_scraper/sample_web) and the evaluation pages in
../shared/eval/pages, so the notebook meets real extraction output; the notebook itself
only reads the tables given by KONGRES_DATA and never crawls.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from kongres_scraper.dataset import build_tables, write_tables
from kongres_scraper.extract import NotHTMLError, extract_page

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "analysis.ipynb"
SAMPLE_WEB = ROOT / "kongres_scraper" / "sample_web"
EVAL_PAGES = ROOT.parent / "shared" / "eval" / "pages"


def _url_of(page: Path) -> str:
    gold = page.with_suffix(".gold.json")
    if gold.exists():
        return json.loads(gold.read_text(encoding="utf-8"))["url"]
    return "https://" + page.relative_to(SAMPLE_WEB).as_posix()


def sample_records() -> list[dict]:
    pages = sorted(SAMPLE_WEB.rglob("*.html")) + sorted(EVAL_PAGES.glob("*.html"))
    records = []
    for page in pages:
        try:
            records.append(extract_page(page.read_bytes(), _url_of(page)))
        except NotHTMLError:
            continue
    return records


def test_notebook_runs_on_a_built_dataset(tmp_path, monkeypatch):
    records = sample_records()
    log = [{"url": r["url"], "fetched_at": "2026-01-01T00:00:00Z", "status": 200, "page_type": r["page_type"],
            "content_hash": r["text_hash"], "error": None} for r in records]
    write_tables(build_tables(records, log), tmp_path / "data")
    monkeypatch.setenv("KONGRES_DATA", str(tmp_path / "data"))

    nb = nbformat.read(NOTEBOOK, as_version=4)
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "scrapy" not in source.lower() and "crawl(" not in source, "the notebook must not crawl"
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()

    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors
    images = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 5, "every analysis section draws a plot"
    if os.environ.get("KONGRES_NOTEBOOK_OUT"):
        nbformat.write(nb, os.environ["KONGRES_NOTEBOOK_OUT"])
