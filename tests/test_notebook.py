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
from test_build import build

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
    path = page.relative_to(SAMPLE_WEB).as_posix()
    return "https://" + (path[: -len("index.html")] if path.endswith("/index.html") else path)


def sample_records() -> list[dict]:
    pages = sorted(SAMPLE_WEB.rglob("*.html")) + sorted(EVAL_PAGES.glob("*.html"))
    records = []
    for page in pages:
        try:
            records.append(extract_page(page.read_bytes(), _url_of(page)))
        except NotHTMLError:
            continue
    return records


def run_notebook(data: Path) -> nbformat.NotebookNode:
    """Execute the notebook on the dataset in `data`, as an analyst would (cwd = notebooks/)."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "scrapy" not in source.lower() and "crawl(" not in source, "the notebook must not crawl"
    os.environ["KONGRES_DATA"] = str(data)
    try:
        NotebookClient(nb, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    finally:
        del os.environ["KONGRES_DATA"]
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors
    return nb


def outputs(nb: nbformat.NotebookNode, mime: str) -> list[str]:
    return [o["data"][mime] for c in nb.cells if c.cell_type == "code" for o in c.outputs
            if mime in o.get("data", {})]


def test_notebook_runs_on_extracted_sample_pages(tmp_path):
    records = sample_records()
    log = [{"url": r["url"], "fetched_at": "2026-01-01T00:00:00Z", "status": 200, "page_type": r["page_type"],
            "content_hash": r["text_hash"], "error": None} for r in records]
    write_tables(build_tables(records, log), tmp_path)
    nb = run_notebook(tmp_path)
    assert len(outputs(nb, "image/png")) >= 5, "every analysis section draws a plot"
    if os.environ.get("KONGRES_NOTEBOOK_OUT"):
        nbformat.write(nb, os.environ["KONGRES_NOTEBOOK_OUT"])


def test_notebook_answers_on_a_known_dataset(tmp_path):
    write_tables(build(), tmp_path)
    texts = outputs(run_notebook(tmp_path), "text/plain")
    # Witold Klaus moderates in edition II and sits on a panel in edition III: a returning person.
    returning = next(t for t in texts if "which" in t and "roles" in t)
    assert "Witold Klaus" in returning and "2, 3" in returning
    text = "\n".join(texts)
    # FRDL (as "FRDL" and as its full name) is one registered organisation with its registry number.
    assert "EXAMPLE-0001" in text
