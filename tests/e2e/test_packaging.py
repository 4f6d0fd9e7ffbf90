"""Packaging: version, licence and citation metadata agree, and a wheel builds without deprecation warnings."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import kongres_scraper

ROOT = Path(__file__).resolve().parents[2]


def test_kongres_version_prints_the_package_version():
    proc = subprocess.run([sys.executable, "-m", "kongres_scraper.cli", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"kongres {kongres_scraper.__version__}"


def test_licence_is_an_spdx_string_with_its_file():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")


def test_citation_and_changelog_name_the_current_version():
    version = kongres_scraper.__version__
    assert f'version: "{version}"' in (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert f"## {version} " in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_wheel_builds_without_deprecation_warnings_and_carries_the_package_data(tmp_path):
    project = tmp_path / "project"  # a copy: building writes build/ and *.egg-info beside the sources
    shutil.copytree(ROOT / "kongres_scraper", project / "kongres_scraper",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "setup.py", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, project / name)
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w",
                           str(tmp_path), str(project)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "deprecat" not in (proc.stdout + proc.stderr).lower()
    wheel = next(tmp_path.glob("kongres_scraper-*.whl"))
    assert wheel.name.startswith(f"kongres_scraper-{kongres_scraper.__version__}-")
    names = set(zipfile.ZipFile(wheel).namelist())
    for data in ("kongres_scraper/curation/overrides.toml", "kongres_scraper/checks.toml",
                 "kongres_scraper/sources.toml", "kongres_scraper/sample_web/CAPTURED"):
        assert data in names


def test_readme_says_what_in_the_sample_is_real_and_what_is_invented():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "**The sample is mostly invented.**" in readme
    for real in ("Witold Klaus", "Lech Wałęsa", "edition dates and venues"):
        assert real in readme
    assert "Leśna Wola" in readme and '"sample": true' in readme
