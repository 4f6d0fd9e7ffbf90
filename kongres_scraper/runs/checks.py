"""Checks after each crawl, in the manner of Spidermon: measure the run, compare it with the last good run.

A scheduled crawl must notice when a site changed its layout and the extraction quietly
found less: `measure` takes the figures of a run (pages and items per page type, coverage
of key fields, fetch errors, finish reason), `run_checks` judges them on their own and
against the figures of the previous good run (kept in that run's report.json), and
`render_text` says in a few lines what fell. The thresholds live in `checks.toml`.

Plain Python, no Scrapy imports: the same checks serve `kongres crawl` and `kongres reparse`.
"""
from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from ..discovery.report import render as render_discovery
from ..dataset.schema import PAGE_TYPES

#: Probes whose absence is normal: no robots.txt, no sitemap at a well-known place, no feed, no REST API.
PROBE_ROLES = ("robots", "sitemap", "feed", "rest")
PROBE_MISSES = (400, 401, 403, 404, 410)


@dataclass
class Check:
    name: str
    passed: bool
    message: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def load_thresholds(path: str | Path | None = None) -> dict[str, dict[str, Any]]:
    """The bundled thresholds, updated by the ones of `path` (a TOML file like checks.toml)."""
    # read as package data: under scrapyd the package is a zipped egg, not files
    thresholds = tomllib.loads(resources.files("kongres_scraper").joinpath("checks.toml").read_text(encoding="utf-8"))
    if path:
        path = Path(path)
        try:
            with open(path, "rb") as fh:
                mine = tomllib.load(fh)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ValueError(f"checks file {path}: {exc}") from None
        for section, values in mine.items():
            if not isinstance(values, dict):  # a key written outside any section
                home = next((name for name, keys in thresholds.items() if section in keys), None)
                where = f"put it under [{home}]" if home else f"sections are {', '.join(f'[{n}]' for n in thresholds)}"
                raise ValueError(f"checks file {path}: key {section!r} is outside a section; {where}")
            if section not in thresholds:
                raise ValueError(f"checks file {path}: unknown section [{section}]; "
                                 f"sections are {', '.join(f'[{n}]' for n in thresholds)}")
            unknown = set(values) - set(thresholds[section])
            if unknown:
                raise ValueError(f"checks file {path}: unknown key(s) in [{section}]: {', '.join(sorted(unknown))}")
            thresholds[section].update(values)
    return thresholds


def is_fetch_error(fetch: dict[str, Any]) -> bool:
    """A fetch that failed: HTTP >= 400 or no response at all (timeouts, DNS, refused).

    A probe that found nothing, a request our robots.txt policy refused and a malformed
    link in a page (the site's markup, never requested) are no errors.
    """
    status, error, role = fetch.get("status"), fetch.get("error") or "", fetch.get("role")
    if role in PROBE_ROLES and status in PROBE_MISSES:
        return False
    if status is None:
        return bool(error) and not error.startswith(("forbidden by robots.txt", "malformed link"))
    return status >= 400


def measure(records: list[dict[str, Any]], fetches: list[dict[str, Any]], finish_reason: str | None,
            tables: Mapping[str, pd.DataFrame] | None = None, empty_sources: Iterable[str] = (),
            robots_refused: dict[str, str] | None = None) -> dict[str, Any]:
    """The figures of one run (JSON-serialisable; kept in report.json for the next run to compare)."""
    pages: Counter[str] = Counter()
    items = {t: {"people": 0, "sessions": 0} for t in PAGE_TYPES}
    about = 0
    for r in records:  # one pass: a run's records are a spool, and each pass parses every page again
        pages[r.get("page_type") or "other"] += 1
        t = r.get("page_type") if r.get("page_type") in items else "other"
        items[t]["people"] += len(r.get("people") or [])
        items[t]["sessions"] += len(r.get("sessions") or [])
        about += bool(r.get("about_congress"))
    errors = sum(1 for f in fetches if is_fetch_error(f))
    metrics: dict[str, Any] = {
        "finish_reason": finish_reason,
        "fetches": len(fetches),
        "fetch_errors": errors,
        "fetch_error_rate": round(errors / len(fetches), 4) if fetches else 0.0,
        "pages": len(records),
        "about_congress": about,
        "pages_per_type": {t: pages.get(t, 0) for t in PAGE_TYPES},
        "items_per_type": items,
        "empty_sources": sorted(empty_sources),
        # sources whose robots.txt shut us out for the run (5xx or unreachable: RFC 9309 disallow-all)
        "robots_refused": dict(sorted((robots_refused or {}).items())),
    }
    if tables is not None:
        metrics["rows"] = {name: int(len(frame)) for name, frame in tables.items()}
        metrics["coverage"] = coverage(tables)
    return metrics


def coverage(tables: Mapping[str, pd.DataFrame]) -> dict[str, Any]:
    """Shares of rows with their key fields filled in (None when the table is empty)."""
    people, affs, sessions = tables.get("people"), tables.get("affiliations"), tables.get("sessions")
    out: dict[str, Any] = {"people": 0, "people_with_organisation": None, "sessions": 0, "sessions_with_time": None}
    if people is not None and len(people):
        with_org = people["person_id"].isin(set(affs["person_id"])) if affs is not None else pd.Series(False)
        out.update(people=int(len(people)), people_with_organisation=round(float(with_org.mean()), 4))
    if sessions is not None and len(sessions):
        out.update(sessions=int(len(sessions)), sessions_with_time=round(float(sessions["start"].notna().mean()), 4))
    return out


def run_checks(metrics: dict[str, Any], previous: dict[str, Any] | None, thresholds: dict[str, dict[str, Any]],
               allow_empty: bool = False) -> list[Check]:
    """Every check of a run; `previous` is the metrics of the last good run (None on a first run)."""
    run, prev_t = thresholds["run"], thresholds["previous"]
    checks = [
        Check("finish_reason", metrics["finish_reason"] == "finished",
              f"the crawl finished with reason {metrics['finish_reason']!r}"),
        Check("pages", metrics["pages"] >= run["min_pages"],
              f"{metrics['pages']} HTML pages extracted (minimum {run['min_pages']})"),
    ]
    if not allow_empty:
        checks.append(Check("about_congress", metrics["about_congress"] >= run["min_about_congress"],
                            f"{metrics['about_congress']} pages about the congress (minimum {run['min_about_congress']})"))
    rate = metrics["fetch_error_rate"]
    checks.append(Check("fetch_error_rate", rate <= run["max_fetch_error_rate"],
                        f"{metrics['fetch_errors']} of {metrics['fetches']} fetches failed ({rate:.0%}; "
                        f"maximum {run['max_fetch_error_rate']:.0%})"))
    cov = metrics.get("coverage") or {}
    for field, table, what in (("people_with_organisation", "people", "people with an organisation"),
                               ("sessions_with_time", "sessions", "sessions with a start time")):
        share, rows = cov.get(field), cov.get(table, 0)
        if share is None or rows < run["min_rows_for_coverage"]:
            continue
        checks.append(Check(f"coverage:{field}", share >= run[f"min_{field}"],
                            f"{share:.0%} of {rows} {what} (minimum {run[f'min_{field}']:.0%})"))
    if previous:
        checks += _compare(metrics, previous, prev_t)
    return checks


def _compare(metrics: dict[str, Any], previous: dict[str, Any], t: dict[str, Any]) -> list[Check]:
    """Checks against the previous good run: counts that fell by more than `max_drop`, vanished page types."""
    out: list[Check] = []

    def fell(name: str, what: str, before: int | None, now: int) -> None:
        if before is None or before < t["min_previous"]:
            return
        drop = (before - now) / before
        ok = drop <= t["max_drop"]
        note = f"{what}: {before} in the previous run, {now} now"
        if not ok:
            note += f" (fell by {drop:.0%}; maximum {t['max_drop']:.0%})"
        out.append(Check(name, ok, note))

    prev_pages = previous.get("pages_per_type") or {}
    for ptype in PAGE_TYPES:
        before, now = prev_pages.get(ptype, 0), metrics["pages_per_type"].get(ptype, 0)
        if before and not now:
            out.append(Check(f"page_type_vanished:{ptype}", False,
                             f"{ptype} pages: {before} in the previous run, none now (did the layout change?)"))
            continue
        fell(f"pages:{ptype}", f"{ptype} pages", before, now)
        prev_items = (previous.get("items_per_type") or {}).get(ptype) or {}
        for kind in ("people", "sessions"):
            fell(f"items:{ptype}:{kind}", f"{kind} read from {ptype} pages", prev_items.get(kind),
                 metrics["items_per_type"][ptype][kind])
    fell("about_congress_drop", "pages about the congress", previous.get("about_congress"), metrics["about_congress"])
    prev_rows, rows = previous.get("rows") or {}, metrics.get("rows") or {}
    for name in t["tables"]:
        if name in rows:
            fell(f"rows:{name}", f"{name} rows", prev_rows.get(name), rows[name])
    prev_cov, cov = previous.get("coverage") or {}, metrics.get("coverage") or {}
    for field in ("people_with_organisation", "sessions_with_time"):
        before, now = prev_cov.get(field), cov.get(field)
        if before is None or now is None:
            continue
        ok = before - now <= t["max_coverage_drop"]
        out.append(Check(f"coverage_drop:{field}", ok,
                         f"{field.replace('_', ' ')}: {before:.0%} in the previous run, {now:.0%} now"
                         + ("" if ok else f" (fell by more than {t['max_coverage_drop']:.0%})")))
    return out


def render_text(report: dict[str, Any]) -> str:
    """The report as a few readable lines: verdict, failed checks first, figures, changes."""
    m = report["metrics"]
    checks = [Check(**c) for c in report["checks"]]
    failed = [c for c in checks if not c.passed]
    verdict = {"published": "checks passed", "partial": "checks passed", "checks_failed": "CHECKS FAILED",
               "refused": "REFUSED"}[report["status"]]
    lines = [f"kongres run {report['run_id']}: {verdict} ({len(checks) - len(failed)} of {len(checks)} checks passed)"]
    if report.get("sample"):
        lines.append("  SAMPLE: built from the bundled offline sample web, mostly invented for tests; not a source "
                     "about the congress")
    source = report.get("source") or {}
    if report.get("version") or source.get("sources_hash"):
        lines.append(f"  kongres_scraper {report.get('version', '?')}; source list {source.get('sources_hash', '?')}")
    if report.get("message"):
        lines.append(f"  {report['message']}")
    for c in failed + [c for c in checks if c.passed]:
        lines.append(f"  {'FAILED' if not c.passed else 'ok':<6}  {c.name}: {c.message}")
    per_type = ", ".join(f"{t} {n}" for t, n in m["pages_per_type"].items())
    lines.append(f"  pages: {m['pages']} ({per_type}); about the congress: {m['about_congress']}; "
                 f"fetches: {m['fetches']}, {m['fetch_errors']} failed; finish reason: {m['finish_reason']}")
    cov = m.get("coverage")
    if cov:
        def pct(v: float | None) -> str:
            return "-" if v is None else f"{v:.0%}"
        lines.append(f"  people: {cov['people']} ({pct(cov['people_with_organisation'])} with an organisation); "
                     f"sessions: {cov['sessions']} ({pct(cov['sessions_with_time'])} with a time)")
    if m.get("empty_sources"):
        lines.append(f"  sources that gave no page: {', '.join(m['empty_sources'])}")
    if m.get("comparison_skipped"):
        lines.append(f"  WARNING: comparison with the previous run skipped: {m['comparison_skipped']}")
    for name, reason in (m.get("robots_refused") or {}).items():
        lines.append(f"  refused by robots.txt: {name}: {reason}")
    discovery = (report.get("source") or {}).get("discovery")
    if discovery:
        lines.append("  how each source's pages were found:")
        lines += render_discovery(discovery)
    prev = report.get("previous_run")
    changes = report.get("changes")
    if changes is not None:
        since = f"since {prev}" if prev else "(first run: every row is new)"
        parts = [f"{t} +{c['added']} ~{c['changed']} -{c['removed']}" for t, c in changes.items()]
        lines.append(f"  changes {since}: {'; '.join(parts) if parts else 'none'}")
    lines.append(f"  latest: {report.get('latest') or 'none yet'}")
    return "\n".join(lines) + "\n"
