"""Entity resolution of people: every sighting of a name becomes one person id.

A person is seen on the programme, on the speakers page, in news posts and at several
editions, with or without honorifics and with diacritics lost on some sites. Sightings
are grouped by the match key (`normalize.names.match_key`: ASCII-folded given + family
name), which is what stays the same across those sources. Two different people with one
name cannot be told apart from the key alone, so sightings with conflicting evidence
(a woman on one page and a man on another; affiliations with nothing in common) are kept
as one person with the conflicting field empty and are listed for review; the curator
then splits, merges or fixes them in overrides.toml. Nothing is guessed silently.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from ..normalize import names
from .overrides import Overrides
from .schema import frame_of_columns, frame_of_rows


@dataclass(frozen=True, slots=True)
class Sighting:
    """One person as one source states them."""

    name: str
    honorific: str | None
    gender: str | None
    source_url: str
    org_ids: frozenset[str] = frozenset()
    org_kinds: frozenset[str] = frozenset()


@dataclass
class Resolution:
    """The people table, the review table and the person id of each sighting (by index)."""

    people: pd.DataFrame
    review: pd.DataFrame
    person_ids: list[str] = field(default_factory=list)
    key_to_id: dict[str, str] = field(default_factory=dict)


def person_key(sighting: Sighting, overrides: Overrides, match_key: str | None = None) -> str:
    """The resolution key of a sighting after the curator's splits and merges (`match_key`: the
    sighting's match key, when already computed)."""
    key = names.match_key(sighting.name) if match_key is None else match_key
    key = overrides.split_key(key, sighting.source_url)
    return overrides.merged_key(key)


def resolve_people(sightings: list[Sighting], overrides: Overrides) -> Resolution:
    """Group sightings into people; describe each person and list conflicts for review."""
    folded: dict[str, str] = {}  # name -> match key: a person is named the same way on many pages
    matches = [folded.get(s.name) or folded.setdefault(s.name, names.match_key(s.name)) for s in sightings]
    overrides = overrides.bind(set(matches))
    keys = [person_key(s, overrides, m) for s, m in zip(sightings, matches)]
    del folded, matches
    groups: dict[str, list[Sighting]] = defaultdict(list)
    for key, s in zip(keys, sightings):
        groups[key].append(s)
    ids = {k: overrides.person_id(k) for k in groups}
    columns: dict[str, list] = defaultdict(list)
    conflicts: dict[str, list[dict]] = {}  # key -> its review rows other than similar names
    for key in sorted(groups):
        row, issues = _describe(key, ids[key], groups[key], overrides)
        for column, value in row.items():
            columns[column].append(value)
        if issues:
            conflicts[key] = issues
    people = frame_of_columns("people", columns)
    del columns
    return Resolution(
        people=people,
        review=frame_of_rows("review", _review_rows(groups, ids, conflicts, _similar_keys(groups, overrides))),
        person_ids=[ids[k] for k in keys],
        key_to_id=ids,
    )


def _review_rows(groups: dict[str, list[Sighting]], ids: dict[str, str], conflicts: dict[str, list[dict]],
                 similar: dict[str, list[str]]) -> Iterator[dict]:
    """The review's rows in the table's order (match key, then issue), made one at a time.

    Similar names are most of the review of a large crawl, each row listing the sources of
    several people; made in order and typed a batch at a time (`frame_of_rows`), their texts
    are never all Python strings at once, and the table needs no sorting afterwards.
    """
    for key in sorted(groups):
        yield from sorted(conflicts.get(key, ()), key=lambda row: row["issue"])  # labels sort as the issues do
        close = similar.get(key)
        if close:
            urls = sorted({s.source_url for k in [key, *close] for s in groups[k]})
            yield {
                "person_id": ids[key], "match_key": key, "issue": "similar_name",
                "detail": "similar to: " + "; ".join(f"{k} ({ids[k]})" for k in close),
                "source_urls": " ".join(urls),
            }


def _most_common(values: list[str]) -> str | None:
    """The most frequent value; ties go to the longest (most complete), then alphabetical."""
    if len(values) == 1:  # most people are named once
        return values[0] or None
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], -len(v), v))


def _display_name(group: list[Sighting]) -> str:
    """The most frequent spelling, preferring the one with Polish diacritics kept."""
    if len(group) == 1:  # most people are named once
        return names.normalise_name(group[0].name)
    counts = Counter(names.normalise_name(s.name) for s in group)
    return min(counts, key=lambda v: (-counts[v], sum(map(str.isascii, v)) - len(v), v))


def _describe(key: str, pid: str, group: list[Sighting], overrides: Overrides) -> tuple[dict, list[dict]]:
    fix = overrides.person(key)
    name = fix.get("name") or _display_name(group)
    given, family = names.split_name(name)
    issues: list[dict] = []
    genders = {s.gender for s in group if s.gender}
    gender = fix.get("gender")
    if gender is None and len(genders) == 1:
        gender = genders.pop()
    elif gender is None and len(genders) > 1:
        if not fix.get("reviewed"):
            issues.append(_issue(pid, key, "gender_conflict", [(s.gender, s.source_url) for s in group if s.gender]))
    elif gender is None:
        gender = names.guess_gender(name)
    if not fix.get("reviewed") and _disjoint_affiliations(group):
        issues.append(_issue(pid, key, "disjoint_affiliations",
                             [(",".join(sorted(s.org_kinds)) or "?", s.source_url) for s in group if s.org_ids]))
    row = {
        "person_id": pid,
        "name": name,
        "given_name": fix.get("given_name", given),
        "family_name": fix.get("family_name", family),
        "honorific": fix.get("honorific") or _most_common([s.honorific for s in group if s.honorific]),
        "gender": gender,
        "match_key": key,
    }
    return row, issues


def _disjoint_affiliations(group: list[Sighting]) -> bool:
    """True when the sources giving organisations fall apart into groups with nothing in common.

    Sources are linked when they share an organisation or a kind; one source naming
    both a university and an association links the two (an academic who runs an NGO).
    Groups left unlinked may be two namesakes.
    """
    by_source: dict[str, set[str]] = {}
    for s in group:
        if s.org_ids:
            by_source.setdefault(s.source_url, set()).update(s.org_ids | {f"kind:{k}" for k in s.org_kinds})
    components: list[set[str]] = []
    for labels in by_source.values():
        touching = [c for c in components if c & labels]
        merged = set(labels).union(*touching)
        components = [c for c in components if not (c & labels)] + [merged]
    return len(components) > 1


SIMILAR_NAME = 85  # rapidfuzz ratio of two match keys that may be one person


def _similar_keys(groups: dict[str, list[Sighting]], overrides: Overrides) -> dict[str, list[str]]:
    """Each key not yet reviewed whose people may be one with others: the keys nearly the same
    (`jan kowalski` / `jana kowalskiego`, a typo), in order.

    Only keys whose given names share their first two letters and family names their
    first three are compared (a block in one rapidfuzz call), which keeps the work small and
    still catches inflected endings.
    """
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in sorted(groups):
        words = key.split()
        blocks[(words[0][:2], words[-1][:3])].append(key)
    similar: dict[str, list[str]] = {}
    for keys in blocks.values():
        # every pair of the block at once (rapidfuzz's own loop): blocks grow with the crawl
        if len(keys) < 2:
            continue
        close = process.cdist(keys, keys, scorer=fuzz.ratio, dtype=np.float64) >= SIMILAR_NAME
        np.fill_diagonal(close, False)
        for i, j in zip(*(a.tolist() for a in np.nonzero(close))):  # row by row, columns in order
            if not overrides.person(keys[i]).get("reviewed"):
                similar.setdefault(keys[i], []).append(keys[j])
    return similar


def _issue(pid: str, key: str, issue: str, values: list[tuple[str, str]]) -> dict:
    pairs = sorted(set(values))
    return {
        "person_id": pid,
        "match_key": key,
        "issue": issue,
        "detail": "; ".join(f"{v}: {url}" for v, url in pairs),
        "source_urls": " ".join(sorted({url for _, url in pairs})),
    }
