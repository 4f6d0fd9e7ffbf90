"""Package data is read as package data: a zipped egg (scrapyd) behaves like a checkout.

The egg here is the package zipped as scrapyd-deploy ships it; a subprocess imports it
from the zip (never from the checkout) and reports what it read.
"""
from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import kongres_scraper
from kongres_scraper.dataset.overrides import load_overrides
from kongres_scraper.runs import store

ROOT = Path(kongres_scraper.__file__).parent


def zipped(tmp_path: Path) -> Path:
    egg = tmp_path / "kongres_scraper.egg"
    with zipfile.ZipFile(egg, "w") as zf:
        for f in sorted(ROOT.rglob("*")):
            if f.is_file() and "__pycache__" not in f.parts and "sample_web" not in f.parts:
                zf.write(f, Path("kongres_scraper") / f.relative_to(ROOT))
    return egg


def run_from(egg: Path, code: str) -> str:
    prelude = ("import sys, kongres_scraper; "
               "assert kongres_scraper.__file__.startswith(sys.argv[1]), kongres_scraper.__file__\n")
    proc = subprocess.run([sys.executable, "-c", prelude + code, str(egg)], capture_output=True, text=True,
                          timeout=120, env={"PYTHONPATH": str(egg), "PATH": "/usr/bin:/bin"}, cwd=egg.parent)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_overrides_from_an_egg_are_the_checkout_s(tmp_path):
    out = run_from(zipped(tmp_path), "import json\nfrom kongres_scraper.dataset.overrides import load_overrides\n"
                                     "print(json.dumps(sorted(load_overrides().organizations)))")
    assert json.loads(out) == sorted(load_overrides().organizations)
    assert "watchdog polska" in json.loads(out)


def test_extractor_fingerprint_from_an_egg_is_the_checkout_s(tmp_path):
    out = run_from(zipped(tmp_path), "from kongres_scraper.runs.store import extractor_fingerprint\n"
                                     "print(extractor_fingerprint())")
    assert out.strip() == store.extractor_fingerprint()
    assert out.strip() != "e3b0c44298fc1c14"  # the SHA-256 of nothing


def test_extractor_fingerprint_follows_the_extraction_libraries(monkeypatch):
    from importlib import metadata

    before = store.extractor_fingerprint()
    real = metadata.version
    monkeypatch.setattr(metadata, "version", lambda name: "99.0" if name == "trafilatura" else real(name))
    assert store.extractor_fingerprint() != before
