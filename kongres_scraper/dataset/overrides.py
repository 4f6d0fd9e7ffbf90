"""The curator's overrides (kongres_scraper/curation/overrides.toml), applied on every build.

Automatic resolution cannot tell two namesakes apart or know that `W. Klaus` is `Witold
Klaus`; a curator can, once. Keeping those decisions in a reviewed file in the repository
(rather than editing output tables) means every later build, scheduled or manual,
reproduces them, and the ids stay stable: a split person gets the id of its new key,
a merged person keeps the id of the key merged into.

People are named by match key (`names.match_key` of the name, e.g. `witold klaus`) or by
person id (`p-af57963b13`, as in people.csv and review.csv); ids are bound to keys when a
build knows which keys exist (`Overrides.bind`).
"""
from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ..normalize import names
from .ids import fold, person_id
from .organizations import OrgOverride
from .schema import ORG_KINDS

logger = logging.getLogger(__name__)
_PERSON_ID = re.compile(r"^p-[0-9a-f]{10}$")
_ORG_ID = re.compile(r"^o-[0-9a-f]{10}$")
#: The repository's file, as package data: read through importlib.resources, so a zipped egg
#: (scrapyd) or a wheel applies the same curation as a checkout.
BUNDLED = ("kongres_scraper", "curation/overrides.toml")
_PERSON_FIELDS = {"match_key", "name", "given_name", "family_name", "honorific", "gender", "reviewed", "same_as",
                  "reason"}
_ORG_FIELDS = {"name", "canonical", "acronym", "kind", "parent", "same_as", "reason"}


@dataclass
class Overrides:
    """Parsed overrides: merges, splits, person fixes and organisation fixes."""

    merges: dict[str, str] = field(default_factory=dict)  # match key -> match key it is merged into
    splits: dict[str, list[tuple[frozenset[str], str | None]]] = field(default_factory=dict)  # key -> [(urls, new key)]
    people: dict[str, dict] = field(default_factory=dict)  # match key -> fields to set
    organizations: dict[str, OrgOverride] = field(default_factory=dict)  # folded name -> fix
    ids: dict[str, str] = field(default_factory=dict)  # match key -> person id kept from before (`same_as`)

    def merged_key(self, key: str) -> str:
        """Follow merges to the final key (chains allowed, cycles refused at load time)."""
        while key in self.merges:
            key = self.merges[key]
        return key

    def split_key(self, key: str, source_url: str) -> str:
        """The key of a sighting after splits: sightings from listed URLs go to the new key."""
        for urls, new_key in self.splits.get(key, []):
            if source_url in urls:
                return new_key
        return key

    def person_id(self, key: str) -> str:
        """The id of the person with this key: the curator's `same_as`, else the hash of the key."""
        return self.ids.get(key) or person_id(key)

    def person(self, key: str) -> dict:
        """Field fixes for the person with this key (empty when none)."""
        return self.people.get(key, {})

    def bind(self, keys: Iterable[str]) -> Overrides:
        """These overrides with person ids replaced by the match keys they stand for.

        `keys` are the match keys of the build; the keys that splits create are added. An
        id no key produces is left as it is and so matches nobody (a stale entry must not
        stop a scheduled build); it is logged.
        """
        by_id = {person_id(k): k for k in keys}
        splits = {
            by_id.get(ref, ref): [(urls, new or f"{by_id.get(ref, ref)} 2") for urls, new in entries]
            for ref, entries in self.splits.items()
        }
        by_id |= {person_id(new): new for entries in splits.values() for _, new in entries}

        def key(ref: str) -> str:
            if _PERSON_ID.match(ref) and ref not in by_id:
                logger.warning("overrides: no person with id %s in this build", ref)
            return by_id.get(ref, ref)

        bound = Overrides(
            merges={key(a): key(b) for a, b in self.merges.items()},
            splits={key(k): v for k, v in splits.items()},
            people={key(k): v for k, v in self.people.items()},
            organizations=self.organizations,
            ids={key(k): v for k, v in self.ids.items()},
        )
        _check_unique_ids(bound.ids, "overrides")
        _check_no_cycles(bound.merges, "overrides")
        return bound


def bundled_overrides() -> Traversable:
    """The repository's overrides file as a package resource (a file, or a member of an egg)."""
    package, name = BUNDLED
    return resources.files(package).joinpath(*name.split("/"))


def load_overrides(path: Path | None = None) -> Overrides:
    """Read and check an overrides file; the repository's file (package data) by default.

    A missing file is an error, not an empty curation: a build without the curator's
    decisions would silently change names, kinds and ids.
    """
    if path is None:
        node = bundled_overrides()
        if not node.is_file():
            raise FileNotFoundError(f"the bundled {'/'.join(BUNDLED)} is missing: reinstall the package")
        return parse_overrides(tomllib.loads(node.read_text(encoding="utf-8")), "/".join(BUNDLED))
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"overrides file {path}: no such file")
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    return parse_overrides(data, str(path))


def parse_overrides(data: dict, where: str = "overrides") -> Overrides:
    """Build `Overrides` from parsed TOML, refusing unknown fields so typos do not pass silently."""
    ov = Overrides()
    for entry in data.get("merge_people", []):
        into = _key(entry, "into", where)
        for other in entry.get("others", []):
            ov.merges[names.match_key(other)] = into
    for entry in data.get("split_person", []):
        key = _key(entry, "match_key", where)
        new_key = names.match_key(entry["new_key"]) if entry.get("new_key") else None  # default: set by bind
        ov.splits.setdefault(key, []).append((frozenset(entry.get("sources", [])), new_key))
    for entry in data.get("person", []):
        _check_fields(entry, _PERSON_FIELDS, where)
        if entry.get("gender") not in (None, "f", "m"):
            raise ValueError(f"{where}: gender must be 'f' or 'm', got {entry['gender']!r}")
        key = _key(entry, "match_key", where)
        if entry.get("same_as") is not None:
            if not _PERSON_ID.match(str(entry["same_as"])):
                raise ValueError(f"{where}: same_as must be a person id like p-af57963b13, got {entry['same_as']!r}")
            ov.ids[key] = entry["same_as"]
        ov.people[key] = {k: v for k, v in entry.items() if k not in ("match_key", "reason", "same_as")}
    for entry in data.get("organization", []):
        _check_fields(entry, _ORG_FIELDS, where)
        if entry.get("kind") not in (None, *ORG_KINDS):
            raise ValueError(f"{where}: kind must be one of {ORG_KINDS}, got {entry['kind']!r}")
        if entry.get("same_as") is not None and not _ORG_ID.match(str(entry["same_as"])):
            raise ValueError(f"{where}: same_as must be an organisation id like o-bf5925650b, got {entry['same_as']!r}")
        fix = OrgOverride(entry.get("canonical"), entry.get("acronym"), entry.get("kind"), entry.get("parent"),
                          entry.get("same_as"), entry["name"])
        ov.organizations[fold(entry["name"])] = fix
        if fix.name and fold(fix.name) != fold(entry["name"]):  # (a fix of quotes or case keeps one key)
            ov.organizations[fold(fix.name)] = OrgOverride(None, fix.acronym, fix.kind, fix.parent, fix.same_as)
    _check_no_cycles(ov.merges, where)
    _check_unique_ids(ov.ids, where)
    return ov


def _key(entry: dict, field_name: str, where: str) -> str:
    if not entry.get(field_name):
        raise ValueError(f"{where}: entry {entry!r} needs `{field_name}`")
    return names.match_key(entry[field_name])


def _check_fields(entry: dict, allowed: set[str], where: str) -> None:
    unknown = set(entry) - allowed
    if unknown:
        raise ValueError(f"{where}: unknown fields {sorted(unknown)} in {entry!r}")


def _check_no_cycles(merges: dict[str, str], where: str) -> None:
    for start in merges:
        seen, key = {start}, merges[start]
        while key in merges:
            if key in seen:
                raise ValueError(f"{where}: merge cycle through {key!r}")
            seen.add(key)
            key = merges[key]


def _check_unique_ids(ids: dict[str, str], where: str) -> None:
    """One kept id per person: two keys `same_as` one id would make two rows with one key."""
    seen: dict[str, str] = {}
    for key, pid in ids.items():
        if seen.setdefault(pid, key) != key:
            raise ValueError(f"{where}: same_as {pid} is given to both {seen[pid]!r} and {key!r}")
