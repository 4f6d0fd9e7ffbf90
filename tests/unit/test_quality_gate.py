"""The evaluation gate: extraction accuracy on gold pages must not fall below the level reached.

In the spirit of trafilatura's evaluation: `tests/gold/` holds hand-made answers for the
sample web's pages; `../shared/eval/pages` (the development set, when present beside the
project) is scored the same way. Raise a floor when extraction improves; a change that
lowers a figure below its floor fails CI. Figures are reported in docs/quality.md.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kongres_scraper.evaluation import evaluate, format_summary

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_GOLD = ROOT / "tests" / "gold"
SAMPLE_WEB = ROOT / "kongres_scraper" / "sample_web"
SHARED_EVAL = ROOT.parent / "shared" / "eval" / "pages"

# Floors: F1 for people/roles/orgs/sessions/topics, accuracy for the page judgements; set at
# the level reached (docs/quality.md). Roles stay below 1 on the sample's gold only because a
# person holding one role class in two sessions counts once among the predictions.
SAMPLE_FLOORS = {
    "people": 1.0, "roles": 0.988, "orgs_exact": 1.0, "orgs_lenient": 1.0, "sessions": 1.0,
    "session_times": 1.0, "topics": 1.0, "relevance": 1.0, "edition": 1.0, "published": 1.0,
}
DEV_FLOORS = {  # reset on the 72-file (36-page) development set, main at a35c9a7
    "people": 0.984, "roles": 0.979, "orgs_exact": 0.924, "orgs_lenient": 0.934, "sessions": 1.0,
    "session_times": 1.0, "topics": 1.0, "relevance": 1.0, "edition": 1.0, "published": 1.0,
}
_ACCURACY = {"relevance", "edition", "published", "session_times"}


def _below_floor(summary: dict, floors: dict) -> list[str]:
    figure = lambda k: summary[k]["r"] if k in _ACCURACY else summary[k]["f1"]  # noqa: E731
    return [f"{k}: {figure(k):.3f} < {floor:.3f}" for k, floor in floors.items() if figure(k) < floor]


def _report(summary: dict, notes: dict) -> str:
    misses = "\n".join(f"  {page}: {'; '.join(n)}" for page, n in notes.items())
    return f"{format_summary(summary)}\nmisses:\n{misses}"


def test_sample_gold_meets_floors():
    summary, notes = evaluate(SAMPLE_GOLD, SAMPLE_WEB)
    failed = _below_floor(summary, SAMPLE_FLOORS)
    assert not failed, f"extraction fell below its floor on tests/gold: {failed}\n{_report(summary, notes)}"


@pytest.mark.skipif(not SHARED_EVAL.is_dir(), reason="../shared/eval/pages is not beside the project")
def test_development_set_meets_floors():
    summary, notes = evaluate(SHARED_EVAL)
    failed = _below_floor(summary, DEV_FLOORS)
    assert not failed, f"extraction fell below its floor on ../shared/eval: {failed}\n{_report(summary, notes)}"


def test_gate_can_fail_on_a_wrong_answer(tmp_path):
    """The gate is not vacuous: a gold record the extractor cannot meet scores below 1."""
    page = tmp_path / "p.html"
    page.write_text("<html><body><article><h1>Kongres</h1><p>Moderator: Jan Kowalski, Fundacja Przykład</p></article></body></html>", encoding="utf-8")
    (tmp_path / "p.gold.json").write_text(
        '{"url": "https://example.org/p", "about_congress": false, "edition": null, "sessions": [], '
        '"people": [{"name": "Anna Nowak", "role": "panelist", "organizations": []}], "topics": []}',
        encoding="utf-8",
    )
    summary, notes = evaluate(tmp_path)
    assert summary["people"]["r"] == 0.0
    assert "missed person: Anna Nowak" in notes["p"]


@pytest.mark.e2e  # runs the command in a subprocess
def test_evaluate_command_prints_figures_per_field():
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-m", "kongres_scraper.cli", "evaluate", str(SAMPLE_GOLD), "--pages", str(SAMPLE_WEB)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0].startswith("people ") and "F1=" in run.stdout


@pytest.mark.e2e  # runs the command in a subprocess
def test_evaluate_command_rejects_a_missing_directory(tmp_path):
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-m", "kongres_scraper.cli", "evaluate", str(tmp_path / "nope")],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and "no such directory" in run.stderr and "Traceback" not in run.stderr
