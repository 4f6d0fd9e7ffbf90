"""The layers of docs/architecture.md, checked by walking the imports of every module.

* nothing under extract/, normalize/, dataset/, discovery/ or runs/ imports Scrapy or
  Twisted, directly or through another module of the package;
* no import cycle: between the layers (top-level modules and packages), counting the imports
  inside functions too (they are still a dependency: runner.py <-> spiders/sites.py was one),
  and between modules at import time (module-level imports);
* `kongres reparse` runs without importing Scrapy (in a subprocess, checking sys.modules).
"""
from __future__ import annotations

import ast
import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import TESTS
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import kongres_scraper
from kongres_scraper.runs.warc import LOG_TYPE, RUN_TYPE, RUN_URI

PACKAGE = Path(kongres_scraper.__file__).resolve().parent
CORE = ("extract", "normalize", "dataset", "discovery", "runs")
FORBIDDEN = ("scrapy", "twisted")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, top_level_only: bool = False) -> set[str]:
    """Every module `path` imports (absolute names), wherever in the file the import is
    (`top_level_only`: the imports run when the module is loaded, not those inside functions)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = _module_level(tree) if top_level_only else ast.walk(tree)
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)  # `from . import feeds`
    return found


def _module_level(tree: ast.Module) -> list[ast.AST]:
    """The statements run at import: the module body, into if/try blocks but not into functions or classes."""
    out, todo = [], list(tree.body)
    while todo:
        node = todo.pop()
        out.append(node)
        if isinstance(node, (ast.If, ast.Try)):
            todo.extend(node.body + node.orelse + getattr(node, "finalbody", []))
            todo.extend(h for handler in getattr(node, "handlers", []) for h in handler.body)
    return out


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py") if "sample_web" not in p.parts}
GRAPH = {name: {m for m in imports_of(path) if m in MODULES and m != name} for name, path in MODULES.items()}


def reachable(start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for nxt in GRAPH[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n.split(".")[1:2] and n.split(".")[1] in CORE))
def test_core_module_imports_no_scrapy_or_twisted(name: str):
    for module in {name} | reachable(name):
        bad = {m for m in imports_of(MODULES[module]) if m.split(".")[0] in FORBIDDEN}
        assert not bad, f"{name} reaches {module}, which imports {sorted(bad)}"


#: Modules outside crawl/ allowed to import Scrapy: app.crawl starts it, and app.check_settings reads
#: Scrapy's defaults to check `--set` values (inside the functions, so loading app.py needs no Scrapy).
SCRAPY_OUTSIDE_THE_SHELL = {"kongres_scraper.app"}


def test_only_the_crawl_shell_imports_scrapy():
    importers = {n for n, p in MODULES.items() if any(m.split(".")[0] in FORBIDDEN for m in imports_of(p))}
    stray = {n for n in importers if not n.startswith("kongres_scraper.crawl.")} - SCRAPY_OUTSIDE_THE_SHELL
    assert importers and not stray, sorted(stray)


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of `graph` (depth first), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def layer(name: str) -> str:
    """`kongres_scraper.crawl.spider` -> `kongres_scraper.crawl`; top-level modules are their own layer."""
    return ".".join(name.split(".")[:2])


def test_no_import_cycle_between_layers():
    graph: dict[str, set[str]] = {}
    for name, deps in GRAPH.items():
        graph.setdefault(layer(name), set()).update(layer(d) for d in deps if layer(d) != layer(name))
    graph.pop("kongres_scraper", None)  # the package's own __init__ (its version) is no layer
    graph = {n: deps - {"kongres_scraper"} for n, deps in graph.items()}
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle between layers: " + " -> ".join(cycle)


def test_no_import_cycle_at_import_time():
    graph = {name: {m for m in imports_of(path, top_level_only=True) if m in MODULES and m != name
                    and not name.startswith(m + ".")}  # `from . import x` reads the package first: no cycle
             for name, path in MODULES.items()}
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def _archive(path: Path, page: bytes, url: str) -> None:
    """A run's archive as crawl/archive.py writes it: one response, its crawl_log row, the closing record."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        response = writer.create_warc_record(url, "response", payload=io.BytesIO(page), length=len(page),
                                             http_headers=http)
        writer.write_record(response)
        row = {"log": {"url": url, "fetched_at": "2026-11-01T07:00:00Z", "status": 200, "page_type": None,
                       "content_hash": hashlib.sha256(page).hexdigest(), "error": None},
               "role": "page", "source": "sample"}
        for uri, payload, ctype, refers in [(url, row, LOG_TYPE, response.rec_headers.get_header("WARC-Record-ID")),
                                            (RUN_URI, {"finish_reason": "finished", "sources": ["sample"],
                                                       "run_id": "r", "allow_empty": True}, RUN_TYPE, None)]:
            data = json.dumps(payload).encode()
            headers = {"WARC-Refers-To": refers} if refers else {}
            writer.write_record(writer.create_warc_record(uri, "metadata", payload=io.BytesIO(data), length=len(data),
                                                          warc_content_type=ctype, warc_headers_dict=headers))


def test_reparse_runs_without_importing_scrapy(tmp_path: Path):
    archive = tmp_path / "archive.warc.gz"
    _archive(archive, (TESTS / "pages" / "programme.html").read_bytes(), "https://kongreswspolpracy.pl/program/")
    script = (
        "import sys\n"
        "from kongres_scraper.cli import main\n"
        f"code = main(['reparse', {str(archive)!r}, '--output', {str(tmp_path / 'out')!r}])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('scrapy', 'twisted'))\n"
        "print('LOADED', loaded, 'CODE', code)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "LOADED [] CODE 0" in proc.stdout, proc.stdout + proc.stderr[-2000:]
    assert (tmp_path / "out" / "sessions.parquet").is_file()
