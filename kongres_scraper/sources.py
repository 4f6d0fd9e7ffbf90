"""The list of sites to crawl: load and validate a sources TOML file.

The source list is configuration a user extends (new municipal sites reporting on the
congress appear every year), so a mistake in it must produce a message naming the
line and the field, not a traceback from deep inside a crawl.

File format (see the bundled `sources.toml`)::

    [[source]]
    name = "kongreswspolpracy"              # unique, letters/digits/-/_
    kind = "congress"                       # congress | organiser | news
    start_urls = ["https://kongreswspolpracy.pl/"]
    hosts = ["kongreswspolpracy.pl"]        # optional: hosts the crawl may visit
    discovery = ["sitemap", "feed", "listing", "rest", "links"]   # optional
    max_pages = 300                         # optional, pages fetched at most
    max_depth = 2                           # optional, link hops from start pages
    include = ["kongres"]                   # optional regexes a page URL must match (one of)
    exclude = ["/en/"]                      # optional regexes a page URL must not match
    since = 2023-01-01                      # optional: skip sitemap entries older than this
"""
from __future__ import annotations

import difflib
import ipaddress
import re
import sys
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

BUNDLED_SOURCES = Path(__file__).resolve().parent / "sources.toml"

KINDS = ("congress", "organiser", "news")
DISCOVERY_METHODS = ("sitemap", "feed", "listing", "rest", "links")
DEFAULT_MAX_PAGES = 300
DEFAULT_MAX_DEPTH = 2

_HOST_DIR = re.compile(r"^[a-z0-9.-]+\.[a-z0-9-]+(:\d+)?$|^(localhost|127\.0\.0\.1)(:\d+)?$", re.I)
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_HOST_RE = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$")
_FIELDS = ("name", "kind", "start_urls", "hosts", "discovery", "max_pages", "max_depth", "include", "exclude", "since")


class SourcesError(ValueError):
    """A sources file that cannot be used; the message names the file, line and field."""


@dataclass(frozen=True)
class Source:
    """One site to crawl and how to discover its pages."""

    name: str
    kind: str
    start_urls: tuple[str, ...]
    hosts: tuple[str, ...]
    discovery: tuple[str, ...] = DISCOVERY_METHODS
    max_pages: int = DEFAULT_MAX_PAGES
    max_depth: int = DEFAULT_MAX_DEPTH
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    since: date | None = None
    _include_re: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)
    _exclude_re: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)

    def on_host(self, url: str) -> bool:
        """Whether `url` is on one of this source's hosts (http or https, any port); False for a malformed URL."""
        try:
            parts = urlsplit(url)
            hostname = parts.hostname
        except ValueError:  # a broken IPv6 literal
            return False
        if parts.scheme not in ("http", "https"):
            return False
        return (hostname or "").lower() in self.hosts

    def wants(self, url: str) -> bool:
        """Whether a discovered page URL is in scope: on a host, included, not excluded."""
        if not self.on_host(url):
            return False
        if self._include_re and not any(p.search(url) for p in self._include_re):
            return False
        return not any(p.search(url) for p in self._exclude_re)

    def uses(self, method: str) -> bool:
        return method in self.discovery


def load_sources(path: Path | str | None = None) -> list[Source]:
    """Read and validate a sources file (the bundled one by default)."""
    if path is None and not BUNDLED_SOURCES.exists():
        # the package runs from a zipped egg (scrapyd): read the bundled list as a resource
        from importlib.resources import files

        return parse_sources(files(__package__).joinpath("sources.toml").read_text(encoding="utf-8"),
                             str(BUNDLED_SOURCES))
    path = Path(path) if path is not None else BUNDLED_SOURCES
    if not path.exists():
        raise SourcesError(f"{path}: no such file")
    if not path.is_file():
        raise SourcesError(f"{path}: not a file")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SourcesError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    return parse_source_text(text, str(path))


def parse_source_text(text: str, origin: str) -> list[Source]:
    """A sources file's text: CSV when `origin` ends in .csv, else TOML."""
    return parse_sources_csv(text, origin) if origin.lower().endswith(".csv") else parse_sources(text, origin)


#: Columns of a CSV sources file: the three a sweep of thousands of sites needs, then optional limits.
CSV_COLUMNS = ("name", "start_url", "kind")
_CSV_OPTIONAL = ("max_pages", "max_depth")


def parse_sources_csv(text: str, origin: str = "<sources>") -> list[Source]:
    """Validate a CSV sources file (`name,start_url,kind`, optionally `max_pages,max_depth`): one
    site a row, the form lists of municipalities and NGOs come in. Same checks as the TOML file,
    in time linear in the rows (a sweep's list has tens of thousands)."""
    import csv
    import io

    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    header = [h.strip() for h in next(reader, [])]
    missing = [c for c in CSV_COLUMNS if c not in header]
    if missing:
        raise SourcesError(f"{origin}:1: the header must name the columns {','.join(CSV_COLUMNS)} "
                           f"(missing: {', '.join(missing)})")
    for column in header:
        if column not in CSV_COLUMNS + _CSV_OPTIONAL:
            raise SourcesError(f"{origin}:1: unknown column {column!r}{_did_you_mean(column, CSV_COLUMNS + _CSV_OPTIONAL)}")
    sources: list[Source] = []
    seen: dict[str, int] = {}
    for index, row in enumerate(reader):
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise SourcesError(f"{origin}:{line}: {len(row)} values for {len(header)} columns")
        values = dict(zip(header, (cell.strip() for cell in row)))
        entry: dict[str, Any] = {"name": values["name"], "start_urls": [values["start_url"]], "kind": values["kind"]}
        for column in _CSV_OPTIONAL:
            if values.get(column):
                try:
                    entry[column] = int(values[column])
                except ValueError:
                    raise SourcesError(f"{origin}:{line}: field {column!r}: {values[column]!r} is not a whole number") from None
        src = _validate(entry, index, origin, _RowLocator(line))
        if src.name in seen:
            raise SourcesError(f"{origin}:{line}: field 'name': {src.name!r} is used twice (first at line {seen[src.name]})")
        seen[src.name] = line
        sources.append(src)
    if not sources:
        raise SourcesError(f"{origin}:1: no rows: nothing to crawl")
    return sources


def url_problem(url: str) -> str | None:
    """Why `url` cannot be fetched (a reason for a message or a crawl_log row), or None when it can.

    `urlsplit` takes `https://[host/` and `https://host:99999/` without a word and fails
    later, in whoever asks for the host or the port; this asks both up front.
    """
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
        parts.port  # noqa: B018 - raises for a port out of range or not a number
    except ValueError as exc:
        return f"malformed URL: {exc}"
    if parts.scheme not in ("http", "https"):
        return "not an http(s) URL"
    if not hostname:
        return "no host"
    if not _valid_host(hostname):
        return f"{hostname!r} is not a host name"
    return None


def url_key(url: str) -> str:
    """The canonical form two spellings of one URL share (w3lib's), or the URL itself when it is malformed."""
    from w3lib.url import canonicalize_url

    try:
        return canonicalize_url(url)
    except ValueError:  # a port out of range, a broken IPv6 literal: logged as met
        return url


def join_url(base: str, href: str) -> str:
    """`urljoin` that never raises: a malformed href comes back as it is, for `url_problem` to name.

    One `http://[bad/` in a page must cost that link, not the page or the sitemap it is in.
    """
    try:
        return urljoin(base, href)
    except ValueError:
        return href


def without_credentials(url: str) -> str:
    """`url` without a `user:password@` part: credentials never reach a request or a table."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def _valid_host(host: str) -> bool:
    """A DNS name (international names in their ASCII form) or an IP address."""
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    return bool(_HOST_RE.match(ascii_host.lower()))


def parse_sources(text: str, origin: str = "<sources>") -> list[Source]:
    """Validate the TOML text of a sources file; `origin` names it in messages."""
    text = text.removeprefix("\ufeff")  # saved "with BOM" by a Windows editor
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(_toml_message(exc, text, origin)) from None
    locator = _Locator(text)
    for key in data:
        if key != "source":
            hint = _did_you_mean(key, ["source"])
            raise SourcesError(f"{origin}:{locator.top_level(key)}: unknown top-level key {key!r}{hint}; "
                               "sources are [[source]] tables")
    entries = data.get("source")
    if entries is None:
        raise SourcesError(f"{origin}:1: no [[source]] tables: nothing to crawl")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise SourcesError(f"{origin}:{locator.top_level('source')}: 'source' must be [[source]] tables")
    if not entries:
        raise SourcesError(f"{origin}:1: no [[source]] tables: nothing to crawl")
    sources: list[Source] = []
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        src = _validate(entry, index, origin, locator)
        if src.name in seen:
            raise SourcesError(
                f"{origin}:{locator.field(index, 'name')}: source #{index + 1} ({src.name!r}): field 'name': "
                f"{src.name!r} is used twice (first at line {seen[src.name]})"
            )
        seen[src.name] = locator.field(index, "name")
        sources.append(src)
    return sources


def mirror_hosts(root: Path) -> list[str]:
    """Host directories of a wget mirror (`example.org`, `example.org:8080`)."""
    return sorted(p.name for p in root.iterdir() if p.is_dir() and _HOST_DIR.match(p.name))


def sources_from_mirror(root: Path, hosts: list[str] | None = None) -> list[Source]:
    """One source per host directory of a wget mirror, starting at its home page."""
    hosts = mirror_hosts(root) if hosts is None else hosts
    if not hosts:
        return []
    lines = []
    for host in hosts:
        name = re.sub(r"[^A-Za-z0-9_.-]", "_", host)
        lines += ["[[source]]", f'name = "mirror-{name}"', f'start_urls = ["https://{host}/"]', ""]
    return parse_sources("\n".join(lines), str(root))


def offline_sources(root: Path, declared: list[Source], explicit: bool) -> list[Source]:
    """The sources to replay from a snapshot.

    A declared source none of whose hosts is in the snapshot is skipped (the snapshot
    simply does not have it). Unless the user gave a sources file, hosts of the
    snapshot that no declared source covers are crawled from their home page, so
    any wget mirror replays in full.
    """
    present = mirror_hosts(root)
    present_names = {h.split(":", 1)[0].lower() for h in present}
    kept = [s for s in declared if present_names & set(s.hosts)]
    for source in declared:
        if source not in kept and explicit:
            print(f"kongres: source {source.name}: none of its hosts is in {root}; skipped", file=sys.stderr)
    if explicit:
        if not kept:
            raise SourcesError(f"{root}: none of the sources' hosts is in this mirror")
        return kept
    covered = {h for s in kept for h in s.hosts}
    extra = [h for h in present if h.split(":", 1)[0].lower() not in covered]
    sources = kept + sources_from_mirror(root, extra)
    if not sources:
        raise SourcesError(f"{root}: no host directories (like example.org/) in this mirror")
    return sources


def sources_for(root: Path | None, sources_file: Path | str | None) -> list[Source]:
    """The sources of a crawl: the declared ones (the bundled list when no file is given),
    or, replaying the snapshot `root`, those `offline_sources` keeps. Raises SourcesError."""
    declared = load_sources(sources_file)
    return declared if root is None else offline_sources(Path(root), declared, explicit=sources_file is not None)


def _toml_message(exc: tomllib.TOMLDecodeError, text: str, origin: str) -> str:
    """`file:line: not valid TOML: what (column N)` from tomllib's message."""
    message = str(exc)
    match = re.search(r"\s*\(at line (\d+), column (\d+)\)\s*$", message)
    if match:
        what = message[: match.start()]
        return f"{origin}:{match.group(1)}: not valid TOML: {what} (column {match.group(2)})"
    match = re.search(r"\s*\(at end of document\)\s*$", message)
    if match:
        last = max(1, len(text.splitlines()))
        return f"{origin}:{last}: not valid TOML: {message[: match.start()]} (at the end of the file)"
    return f"{origin}: not valid TOML: {message}"


def _validate(entry: dict[str, Any], index: int, origin: str, loc: _Locator) -> Source:
    label = f"source #{index + 1}" + (f" ({entry['name']!r})" if isinstance(entry.get("name"), str) else "")

    def fail(field_name: str | None, message: str) -> SourcesError:
        line = loc.field(index, field_name) if field_name else loc.header(index)
        where = f"field {field_name!r}: " if field_name else ""
        return SourcesError(f"{origin}:{line}: {label}: {where}{message}")

    for key in entry:
        if key not in _FIELDS:
            raise fail(key, f"unknown field{_did_you_mean(key, _FIELDS)}")
    for required in ("name", "start_urls"):
        if required not in entry:
            raise fail(None, f"missing required field {required!r}")

    name = entry["name"]
    if not isinstance(name, str) or not _NAME_RE.match(name):
        raise fail("name", "must be a string of letters, digits, '-', '_' or '.'")
    kind = entry.get("kind", "organiser")
    if kind not in KINDS:
        raise fail("kind", f"must be one of {', '.join(KINDS)} (got {kind!r})")

    start_urls = _string_list(entry["start_urls"], "start_urls", fail, allow_empty=False)
    for url in start_urls:
        problem = url_problem(url)
        if problem in ("not an http(s) URL", "no host"):
            raise fail("start_urls", f"{url!r} is not an http(s) URL")
        if problem:
            raise fail("start_urls", f"{url!r}: {problem}")
    start_urls = tuple(without_credentials(url) for url in start_urls)

    if "hosts" in entry:
        hosts = tuple(h.lower() for h in _string_list(entry["hosts"], "hosts", fail, allow_empty=False))
        for host in hosts:
            if not _HOST_RE.match(host):
                raise fail("hosts", f"{host!r} is not a host name (no scheme, port or path)")
    else:
        hosts = ()
    start_hosts = tuple(dict.fromkeys((urlsplit(u).hostname or "").lower() for u in start_urls))
    for host in start_hosts:
        if hosts and host not in hosts:
            raise fail("hosts", f"does not include {host!r}, the host of a start URL")
    hosts = tuple(dict.fromkeys(hosts + start_hosts))
    # A site answers on its www twin as often as not (and redirects between them).
    twins = tuple(h[4:] if h.startswith("www.") else f"www.{h}" for h in hosts if h.startswith("www.") or h.count(".") == 1)
    hosts = tuple(dict.fromkeys(hosts + twins))

    discovery = _string_list(entry.get("discovery", list(DISCOVERY_METHODS)), "discovery", fail, allow_empty=True)
    for method in discovery:
        if method not in DISCOVERY_METHODS:
            raise fail("discovery", f"unknown method {method!r}{_did_you_mean(method, DISCOVERY_METHODS)}; "
                                    f"known: {', '.join(DISCOVERY_METHODS)}")

    max_pages = _int(entry.get("max_pages", DEFAULT_MAX_PAGES), "max_pages", 1, fail)
    max_depth = _int(entry.get("max_depth", DEFAULT_MAX_DEPTH), "max_depth", 0, fail)

    patterns: dict[str, tuple[re.Pattern[str], ...]] = {}
    for key in ("include", "exclude"):
        compiled = []
        for pattern in _string_list(entry.get(key, []), key, fail, allow_empty=True):
            try:
                compiled.append(re.compile(pattern))
            except re.error as exc:
                raise fail(key, f"bad regular expression {pattern!r}: {exc}") from None
        patterns[key] = tuple(compiled)

    since = entry.get("since")
    if isinstance(since, datetime):
        since = since.date()
    elif isinstance(since, str):
        try:
            since = date.fromisoformat(since)
        except ValueError:
            raise fail("since", f"{since!r} is not a date like 2023-01-01") from None
    elif since is not None and not isinstance(since, date):
        raise fail("since", "must be a date like 2023-01-01")

    return Source(
        name=name,
        kind=kind,
        start_urls=start_urls,
        hosts=hosts,
        discovery=discovery,
        max_pages=max_pages,
        max_depth=max_depth,
        include=tuple(p.pattern for p in patterns["include"]),
        exclude=tuple(p.pattern for p in patterns["exclude"]),
        since=since,
        _include_re=patterns["include"],
        _exclude_re=patterns["exclude"],
    )


def _string_list(value: Any, name: str, fail: Any, allow_empty: bool) -> tuple[str, ...]:
    if isinstance(value, str):
        raise fail(name, f'must be a list of strings, like [{value!r}] (got a single string)')
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(name, "must be a list of strings")
    if not allow_empty and not value:
        raise fail(name, "must not be empty")
    return tuple(v.strip() for v in value)


def _int(value: Any, name: str, minimum: int, fail: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise fail(name, f"must be a whole number (got {value!r})")
    if value < minimum:
        raise fail(name, f"must be at least {minimum} (got {value})")
    return value


def _did_you_mean(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


class _Locator:
    """Finds line numbers of [[source]] tables and their keys (tomllib keeps none)."""

    _HEADER = re.compile(r"^\s*\[\[\s*source\s*\]\]")
    _TABLE = re.compile(r"^\s*\[")
    _KEY = re.compile(r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*=""")

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.headers = [i + 1 for i, line in enumerate(self.lines) if self._HEADER.match(line)]

    def header(self, index: int) -> int:
        return self.headers[index] if index < len(self.headers) else 1

    def field(self, index: int, name: str | None) -> int:
        start = self.header(index)
        if name is None or index >= len(self.headers):
            return start
        for number in range(start + 1, len(self.lines) + 1):
            line = self.lines[number - 1]
            if self._TABLE.match(line):
                break
            match = self._KEY.match(line)
            if match and name in match.groups():
                return number
        return start

    def top_level(self, name: str) -> int:
        for number, line in enumerate(self.lines, 1):
            match = self._KEY.match(line)
            stripped = line.strip()
            if (match and name in match.groups()) or stripped in (f"[{name}]", f"[[{name}]]"):
                return number
        return 1


class _RowLocator:
    """The line of a CSV row, whatever field a message is about."""

    def __init__(self, line: int) -> None:
        self.line = line

    def header(self, index: int) -> int:
        return self.line

    def field(self, index: int, name: str | None) -> int:
        return self.line
