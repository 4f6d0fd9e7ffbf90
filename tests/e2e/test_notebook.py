"""notebooks/analysis.ipynb runs end to end on built datasets, draws its plots and gives right answers.

The first dataset is what a scheduled crawl writes: `kongres crawl --offline` over the bundled
sample web (kongres_scraper/sample_web), in a subprocess with the network guarded. Until the
sample web is there, the same tables are built the crawl's way (extract_page -> build_tables
-> write_tables) from the evaluation pages in ../shared/eval/pages. The second dataset is the
hand-made one of test_build, whose answers are known. The notebook itself only reads the
tables named by KONGRES_DATA and never crawls.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from helpers import run_kongres
from test_build import build

from kongres_scraper.dataset import build_tables, write_tables
from kongres_scraper.extract import NotHTMLError, extract_page

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "analysis.ipynb"
SAMPLE_WEB = ROOT / "kongres_scraper" / "sample_web"
EVAL_PAGES = ROOT.parent / "shared" / "eval" / "pages"


def sample_records() -> list[dict]:
    pages = sorted(EVAL_PAGES.glob("*.html"))
    records = []
    for page in pages:
        try:
            url = json.loads(page.with_suffix(".gold.json").read_text(encoding="utf-8"))["url"]
            records.append(extract_page(page.read_bytes(), url))
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


def crawl_or_build(tmp: Path) -> Path:
    """A dataset directory: the offline crawl's output, or tables built from the eval pages."""
    if SAMPLE_WEB.is_dir() and any(p.is_dir() for p in SAMPLE_WEB.iterdir()):
        proc = run_kongres(["crawl", "--offline", "--output", str(tmp / "output")], tmp)
        assert proc.returncode == 0, proc.stderr
        return tmp / "output"
    records = sample_records()
    log = [{"url": r["url"], "fetched_at": "2026-01-01T00:00:00Z", "status": 200, "page_type": r["page_type"],
            "content_hash": r["text_hash"], "error": None} for r in records]
    write_tables(build_tables(records, log), tmp / "output")
    return tmp / "output"


def test_notebook_runs_on_a_crawled_dataset(tmp_path):
    nb = run_notebook(crawl_or_build(tmp_path))
    assert len(outputs(nb, "image/png")) >= 5, "every analysis section draws a plot"
    if os.environ.get("KONGRES_NOTEBOOK_OUT"):  # the committed copy: outputs without timing metadata
        for cell in nb.cells:
            cell.metadata.pop("execution", None)
        nbformat.write(nb, os.environ["KONGRES_NOTEBOOK_OUT"])


def test_notebook_answers_on_a_known_dataset(tmp_path):
    write_tables(build(), tmp_path)
    texts = outputs(run_notebook(tmp_path), "text/plain")
    # Witold Klaus moderates in edition II and sits on a panel in edition III: a returning person.
    returning = next(t for t in texts if "which" in t and "roles" in t)
    assert "Witold Klaus" in returning and "2, 3" in returning
    text = "\n".join(texts)
    # FRDL (as "FRDL" and as its full name) is one organisation, joined to its seat in the external table.
    assert "Fundacja Rozwoju" in text and "mazowieckie" in text


def test_committed_notebook_carries_its_outputs_from_the_sample():
    """The repository's copy is executed (on `kongres crawl --offline`), so readers see the plots
    without running it; regenerate with KONGRES_NOTEBOOK_OUT=notebooks/analysis.ipynb (see README)."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code) and sum(bool(c.outputs) for c in code) >= len(code) - 1
    assert len(outputs(nb, "image/png")) >= 5
    streams = "".join(o.get("text", "") for c in code for o in c.outputs if o.output_type == "stream")
    assert streams.startswith("SAMPLE"), "the committed outputs are the sample's and say so"
    assert "/tmp" not in nbformat.writes(nb)


def test_notebook_labels_plots_with_n_and_the_sample_note():
    source = "\n".join(c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "code")
    assert source.count("label(ax, ") + source.count("bar(ax, ") >= 5
    assert 'f"{title} (n = {n})"' in source and "SAMPLE_NOTE" in source
    assert "kongres_scraper.keys import fold" in source and "strip_accents" not in source
