"""Extraction quality against hand-made gold records (the project's evaluation gate).

A gold directory holds `NAME.gold.json` files; each names its page by `file` (a path
relative to a pages root) or sits beside `NAME.html`. `evaluate()` runs `extract_page`
on every page and returns precision/recall/F1 per field, so a change that lowers
accuracy can fail CI (see tests/test_quality_gate.py and docs/quality.md).
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from .extract import NotHTMLError, extract_page
from .extract.records import ROLE_CLASS

FIELDS = ("people", "roles", "orgs_exact", "orgs_lenient", "sessions", "session_times", "topics", "relevance", "edition", "published")
_IGNORED_SESSION = re.compile(r"^\s*(otwarcie rejestracji|rejestracja|przerwa|lunch|obiad|kolacja|kawa|sesje? równoległ|networking)", re.I)
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_DROP = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff„”“\"«»‘’'"), None)


def normalise(text: str | None) -> str:
    """Compare text the way a reader would: Unicode, dashes, quotes, spacing and case folded."""
    s = unicodedata.normalize("NFKC", text or "").translate(_DROP).translate(_DASHES)
    s = re.sub(r"\s*-\s*", "-", s)
    return re.sub(r"\s+", " ", s).strip(" .,;:").casefold()


def similar(a: str, b: str, cut: float) -> bool:
    a, b = normalise(a), normalise(b)
    return bool(a and b) and (a == b or SequenceMatcher(None, a, b).ratio() >= cut)


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    def right(self, ok: bool) -> None:
        self.add(int(ok), 0, int(not ok))

    def prf(self) -> tuple[float, float, float]:
        if not (self.tp or self.fp or self.fn):
            return 1.0, 1.0, 1.0
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return round(p, 4), round(r, 4), round(f, 4)


def _one_to_one(gold: list, pred: list, same) -> int:
    """Greedy one-to-one matching: the number of matched pairs."""
    used: set[int] = set()
    for g in gold:
        j = next((j for j, p in enumerate(pred) if j not in used and same(g, p)), None)
        if j is not None:
            used.add(j)
    return len(used)


def score_page(gold: dict, pred: dict, t: dict[str, Tally], notes: list[str]) -> None:
    """Add one page's hits and misses to the tallies, with a note per miss."""
    t["relevance"].right(bool(pred.get("about_congress")) == gold["about_congress"])
    want_edition = gold.get("edition") if gold["about_congress"] else None
    if not (gold["about_congress"] and want_edition is None):
        t["edition"].right(pred.get("edition") == want_edition)
        if pred.get("edition") != want_edition:
            notes.append(f"edition: want {want_edition}, got {pred.get('edition')}")
    if "published" in gold:
        t["published"].right(pred.get("published") == gold["published"])
        if pred.get("published") != gold["published"]:
            notes.append(f"published: want {gold['published']}, got {pred.get('published')}")
    if gold.get("score_people", True):
        _score_people(gold, [p for p in pred.get("people", []) if p.get("name")], t, notes)
    _score_sessions(gold, pred.get("sessions", []), t, notes)
    if gold.get("topics"):
        pt = pred.get("topics", [])
        hits = _one_to_one(gold["topics"], pt, lambda g, p: similar(g, p, 0.9))
        t["topics"].add(hits, len(pt) - hits, len(gold["topics"]) - hits)


def _score_people(gold: dict, people: list[dict], t: dict[str, Tally], notes: list[str]) -> None:
    gnames = {normalise(p["name"]): p["name"] for p in gold["people"]}
    pnames = {normalise(p["name"]): p["name"] for p in people}
    t["people"].add(len(gnames.keys() & pnames.keys()), len(pnames.keys() - gnames.keys()), len(gnames.keys() - pnames.keys()))
    notes += [f"missed person: {gnames[n]}" for n in sorted(gnames.keys() - pnames.keys())]
    notes += [f"extra person: {pnames[n]}" for n in sorted(pnames.keys() - gnames.keys())]
    gpairs = [(normalise(p["name"]), {ROLE_CLASS.get(r, "other") for r in (p.get("role_any") or [p.get("role")])}) for p in gold["people"]]
    ppairs = sorted({(normalise(p["name"]), ROLE_CLASS.get(str(p.get("role")), "other")) for p in people})
    hits = _one_to_one(gpairs, ppairs, lambda g, p: g[0] == p[0] and p[1] in g[1])
    t["roles"].add(hits, len(ppairs) - hits, len(gpairs) - hits)
    for n in gnames:
        gorgs = sorted({o for p in gold["people"] if normalise(p["name"]) == n for o in p.get("organizations", [])})
        optional = {o for p in gold["people"] if normalise(p["name"]) == n for o in p.get("organizations_optional", [])}
        porgs = sorted({o for p in people if normalise(p["name"]) == n for o in p.get("organizations", [])})
        porgs = [o for o in porgs if any(similar(g, o, 0.85) for g in gorgs) or not any(similar(x, o, 0.85) for x in optional)]
        exact = _one_to_one(gorgs, porgs, lambda g, o: normalise(g) == normalise(o))
        lenient = _one_to_one(gorgs, porgs, lambda g, o: similar(g, o, 0.85))
        t["orgs_exact"].add(exact, len(porgs) - exact, len(gorgs) - exact)
        t["orgs_lenient"].add(lenient, len(porgs) - lenient, len(gorgs) - lenient)
        if n in pnames and (lenient < len(gorgs) or lenient < len(porgs)):
            notes.append(f"orgs of {gnames[n]}: want {gorgs}, got {porgs}")


def _score_sessions(gold: dict, sessions: list[dict], t: dict[str, Tally], notes: list[str]) -> None:
    ignore = gold.get("sessions_ignore", [])
    gs = [s for s in gold.get("sessions", []) if not _IGNORED_SESSION.match(s["title"])]
    ps = [s for s in sessions if s.get("title") and not _IGNORED_SESSION.match(s["title"])
          and s.get("format") not in ("break", "registration") and not any(similar(i, s["title"], 0.9) for i in ignore)]
    if not gs:
        return
    hits = _one_to_one(gs, ps, lambda g, p: similar(g["title"], p["title"], 0.9))
    t["sessions"].add(hits, len(ps) - hits, len(gs) - hits)
    for g in gs:
        m = next((p for p in ps if similar(g["title"], p["title"], 0.9)), None)
        if m is None:
            notes.append(f"missed session: {g['title']}")
        elif g.get("start"):
            ok = (m.get("start"), m.get("end")) == (g.get("start"), g.get("end"))
            t["session_times"].right(ok)
            if not ok:
                notes.append(f"times of '{g['title'][:40]}': want {g.get('start')}-{g.get('end')}, got {m.get('start')}-{m.get('end')}")


def evaluate(gold_dir: Path, pages_root: Path | None = None) -> tuple[dict[str, dict[str, float]], dict[str, list[str]]]:
    """Score extraction on every gold record in `gold_dir`: ({field: {p, r, f1}}, {page: notes})."""
    tallies = {k: Tally() for k in FIELDS}
    notes_by_page: dict[str, list[str]] = {}
    golds = sorted(gold_dir.glob("*.gold.json"))
    if not golds:
        raise FileNotFoundError(f"no *.gold.json in {gold_dir}")
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        page = (pages_root / gold["file"]) if gold.get("file") and pages_root else path.with_name(path.name.replace(".gold.json", ".html"))
        notes: list[str] = []
        try:
            pred = extract_page(page.read_bytes(), gold["url"])
        except (OSError, NotHTMLError) as exc:
            notes.append(f"extraction failed: {exc}")
            pred = {}
        score_page(gold, pred, tallies, notes)
        if notes:
            notes_by_page[path.name.replace(".gold.json", "")] = notes
    summary = {k: dict(zip(("p", "r", "f1"), tallies[k].prf())) for k in FIELDS}
    return summary, notes_by_page


def format_summary(summary: dict[str, dict[str, float]]) -> str:
    """The summary as a small text table (accuracy for the per-page judgements)."""
    lines = []
    for k in FIELDS:
        s = summary[k]
        if k in ("relevance", "edition", "published", "session_times"):
            lines.append(f"{k:13s} accuracy={s['r']:.3f}")
        else:
            lines.append(f"{k:13s} P={s['p']:.3f} R={s['r']:.3f} F1={s['f1']:.3f}")
    return "\n".join(lines)
