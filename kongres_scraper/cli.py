"""The `kongres` command."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__
from .runs.conclude import Status

#: How each run ends, as an exit code: the one table for `kongres crawl` and `kongres reparse`.
EXIT_CODES = {
    Status.PUBLISHED: 0,
    Status.PARTIAL: 3,        # written, but some source gave no page: a scheduled crawl must notice
    Status.REFUSED: 1,        # nothing usable; previous output left intact
    Status.LOCKED: 4,         # another crawl is writing the same output
    Status.CHECKS_FAILED: 5,  # tables in OUTPUT/runs/<run-id>/ only; latest not moved
    Status.DISK_FULL: 6,      # stopped at the first failed write; the run removed, previous output intact
    Status.READ_ONLY: 2,      # the output cannot be written: as bad input, nothing done
}
#: Bad input (a missing file, a malformed sources file): a one-line message, nothing written.
BAD_INPUT = 2


def _cmd_extract(args: argparse.Namespace) -> int:
    from .extract import NotHTMLError, extract_page

    path = Path(args.page)
    if not path.exists():
        return _fail(f"no such file: {path}")
    if not path.is_file():
        return _fail(f"not a file: {path}")
    raw = path.read_bytes()
    try:
        record = extract_page(raw, args.url or path.resolve().as_uri())
    except NotHTMLError as exc:
        return _fail(f"cannot extract {path}: {exc}")
    if not args.full:
        record = {k: v for k, v in record.items() if k not in ("text", "text_hash")}
    json.dump(record, sys.stdout, ensure_ascii=False, indent=None if args.compact else 2)
    sys.stdout.write("\n")
    return 0


def _cmd_crawl(args: argparse.Namespace) -> int:
    from .app import CrawlInputError, CrawlOptions, check_settings, crawl, parse_set, report

    try:
        overrides = check_settings(parse_set(args.set or []))
    except CrawlInputError as exc:
        return _fail(str(exc))
    try:
        opts = CrawlOptions(
            output=Path(args.output),
            sources_file=Path(args.sources) if args.sources else None,
            offline=args.offline,
            offline_root=Path(args.offline_root) if args.offline_root else None,
            overrides=overrides,
            verbose=args.verbose,
            quiet=args.quiet,
            allow_empty=args.allow_empty,
            cache=Path(args.cache) if args.cache else None,
            state=Path(args.state) if args.state else None,
            no_state=args.no_state,
            resume=args.resume,
            frontier=args.frontier,
            workers=args.workers,
        )
        outcome = crawl(opts)
    except CrawlInputError as exc:
        return _fail(str(exc))
    report(outcome, opts.output, opts.quiet)
    return EXIT_CODES[outcome.status]


def _cmd_worker(args: argparse.Namespace) -> int:
    from .app import CrawlInputError, work

    try:
        return work(args.frontier, args.prefix, verbose=args.verbose, quiet=args.quiet)
    except CrawlInputError as exc:
        return _fail(str(exc))


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluation import evaluate, format_summary

    gold = Path(args.gold)
    if not gold.is_dir():
        return _fail(f"no such directory: {gold}")
    pages = Path(args.pages) if args.pages else None
    if pages is not None and not pages.is_dir():
        return _fail(f"--pages {pages}: no such directory")
    try:
        summary, notes = evaluate(gold, pages)
    except FileNotFoundError as exc:
        return _fail(str(exc))
    except (KeyError, ValueError) as exc:
        return _fail(f"malformed gold record in {gold}: {exc}")
    if args.json:
        json.dump(summary, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    if args.verbose:
        for page, page_notes in notes.items():
            print(f"--- {page}")
            print("\n".join(f"    {n}" for n in page_notes))
    print(format_summary(summary))
    return 0


def _cmd_reparse(args: argparse.Namespace) -> int:
    from .app import reparse, report
    from .runs.reparse import ArchiveError

    archive, out = Path(args.archive), Path(args.output)
    if not archive.is_file():
        return _fail(f"no such archive: {archive}")
    if out.exists() and not out.is_dir():
        return _fail(f"--output {out}: exists and is not a directory")
    try:
        outcome = reparse(archive, out, checks_file=args.checks, allow_empty=True if args.allow_empty else None)
    except (ArchiveError, ValueError) as exc:
        return _fail(str(exc))
    report(outcome, out)
    return EXIT_CODES[outcome.status]


def _cmd_export_sqlite(args: argparse.Namespace) -> int:
    from .dataset.datasette_metadata import write_metadata
    from .dataset.export import DB_NAME, export_sqlite

    out = Path(args.output)
    if not out.is_dir():
        return _fail(f"no such directory: {out}")
    db = Path(args.db) if args.db else out / DB_NAME
    if db.is_dir():
        return _fail(f"--db {db}: is a directory")
    try:
        export_sqlite(out, db)
    except (FileNotFoundError, ValueError) as exc:
        return _fail(str(exc))
    meta = write_metadata(out, db.with_suffix(".metadata.json"), database=db.stem)
    print(f"Wrote {db} (browse: kongres serve {out}, or datasette {db} -m {meta})")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from .dataset.browse import BrowseError, serve

    try:
        serve(Path(args.output), args.port)
    except BrowseError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        pass
    return 0


def _fail(message: str) -> int:
    print(f"kongres: {message}", file=sys.stderr)
    return BAD_INPUT


def _redis_url(value: str) -> str:
    if not value.startswith(("redis://", "rediss://", "unix://")):
        raise argparse.ArgumentTypeError(f"{value!r}: expected redis://HOST:PORT/DB")
    return value


def _count(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"{value!r}: expected a number of workers (0 or more)")
    return int(value)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kongres", description=__doc__)
    parser.add_argument("--version", action="version", version=f"kongres {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="print the JSON record of one saved page")
    p.add_argument("page", help="path of a saved HTML page")
    p.add_argument("--url", help="the page's URL (default: the file's file:// URL)")
    p.add_argument("--full", action="store_true", help="include the page's main text and its hash")
    p.add_argument("--compact", action="store_true", help="print the JSON on one line")
    p.set_defaults(func=_cmd_extract)

    c = sub.add_parser(
        "crawl",
        help="crawl the sources and write the dataset tables",
        description="Crawl the sources (live, or a stored snapshot with --offline/--offline-root) "
        "and write the dataset tables. Exit 0 when the tables were written, 3 when they were "
        "written but some source gave no page, 1 when the crawl found nothing usable (previous "
        "output is left intact), 2 on bad input, 4 when another crawl is writing the same output, 5 when "
        "the checks after the crawl failed (tables kept in OUTPUT/runs/<run-id>/, OUTPUT/latest not moved; "
        "see its report.txt).",
    )
    mode = c.add_mutually_exclusive_group()
    mode.add_argument("--offline", action="store_true", help="replay the bundled sample web (no network)")
    mode.add_argument("--offline-root", metavar="DIR", help="replay a wget-mirror directory (no network)")
    c.add_argument("--sources", metavar="FILE", help="sources TOML file (default: the bundled list; "
                   "with --offline-root: one source per host directory)")
    c.add_argument("--output", metavar="DIR", default="output", help="where to write the tables (default: output/)")
    c.add_argument("--cache", metavar="DIR", help="keep an HTTP cache in DIR: later crawls revalidate pages "
                   "instead of downloading them again (live crawls)")
    c.add_argument("--state", metavar="DIR", help="crawl state (validators, bodies, records) for incremental "
                   "crawls and --resume (default: OUTPUT/state/ for live crawls)")
    c.add_argument("--no-state", action="store_true", help="keep no crawl state: download and parse everything")
    c.add_argument("--resume", action="store_true", help="resume the output's interrupted crawl (replays what it "
                   "already got); crawls anew when the last crawl finished")
    c.add_argument("--set", metavar="KEY=VALUE", action="append", help="override a Scrapy setting (repeatable)")
    c.add_argument("--allow-empty", action="store_true", help="write tables even when no congress page was found")
    c.add_argument("-v", "--verbose", action="store_true", help="show Scrapy's log")
    c.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    c.add_argument("--frontier", metavar="redis://HOST:PORT/DB", type=_redis_url,
                   help="a sweep: share the frontier in Redis with workers on any machine (docs/crawling.md)")
    c.add_argument("--workers", metavar="N", type=_count, default=1,
                   help="with --frontier: local worker processes (default 1; 0: only workers started elsewhere)")
    c.set_defaults(func=_cmd_crawl)

    w = sub.add_parser("worker", help="join a sweep started with kongres crawl --frontier (on any machine)",
                       description="Crawl the requests of the sweep in Redis until its frontier is done; the output "
                       "directory of the sweep must be reachable at the same path (a shared directory). Exit 0 "
                       "when the sweep is done, 1 when the worker stopped before, 2 when there is no sweep.")
    w.add_argument("--frontier", metavar="redis://HOST:PORT/DB", type=_redis_url, required=True)
    w.add_argument("--prefix", default="kongres", help=argparse.SUPPRESS)
    w.add_argument("-v", "--verbose", action="store_true", help="show Scrapy's log")
    w.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    w.set_defaults(func=_cmd_worker)

    r = sub.add_parser(
        "reparse",
        help="rebuild the tables from a run's web archive (no network)",
        description="Rebuild the dataset tables from the WARC archive of a run (OUT/runs/<run-id>/archive.warc.gz) "
        "with today's extraction code, as a new run of --output: tables, changes, checks, report; latest "
        "moves when the checks pass. Exit 0 written, 5 checks failed (latest not moved), 1 nothing usable "
        "in the archive, 2 bad input, 3 written but some source gave no page, 4 when a crawl is writing the same output.",
    )
    r.add_argument("archive", help="a run's archive.warc.gz")
    r.add_argument("--output", metavar="DIR", default="output", help="where to write the run (default: output/)")
    r.add_argument("--checks", metavar="FILE", help="thresholds of the checks (default: the bundled checks.toml)")
    r.add_argument("--allow-empty", action="store_true", help="write tables even when no congress page was found")
    r.set_defaults(func=_cmd_reparse)

    x = sub.add_parser("export", help="write the dataset in another format (sqlite)")
    xsub = x.add_subparsers(dest="format", required=True)
    xs = xsub.add_parser("sqlite", help="every table in one SQLite file with keys, indexes and full-text search",
                         description="Write every table of a dataset directory into one SQLite file (primary and "
                         "foreign keys, indexes on join columns, full-text search on names, titles and evidence) "
                         "and its Datasette metadata beside it (FILE with the suffix .metadata.json).")
    xs.add_argument("output", help="a dataset directory (a crawl's OUTPUT or one of its runs)")
    xs.add_argument("--db", metavar="FILE", help="the SQLite file to write (default: OUTPUT/kongres.db)")
    xs.set_defaults(func=_cmd_export_sqlite)

    v = sub.add_parser("serve", help="browse the dataset in a web browser (Datasette on 127.0.0.1)",
                       description="Serve OUTPUT/kongres.db with Datasette on 127.0.0.1: the tables with their "
                       "descriptions, facets and search, ready-made queries and a page per person. Needs the "
                       "browse extra (pip install 'kongres_scraper[browse]'). Ctrl-C stops it; restart it after a crawl "
                       "to see the new tables.")
    v.add_argument("output", nargs="?", default="output", help="a dataset directory with kongres.db (default: output/)")
    v.add_argument("--port", type=int, default=8001, help="TCP port on 127.0.0.1 (default: 8001)")
    v.set_defaults(func=_cmd_serve)

    e = sub.add_parser("evaluate", help="score extraction against gold records (precision, recall, F1 per field)")
    e.add_argument("gold", help="directory of NAME.gold.json files (pages beside them as NAME.html, or under --pages)")
    e.add_argument("--pages", metavar="DIR", help="root that the gold records' `file` paths are relative to")
    e.add_argument("--json", action="store_true", help="print the summary as JSON")
    e.add_argument("--verbose", action="store_true", help="list what each page got wrong")
    e.set_defaults(func=_cmd_evaluate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code = args.func(args)
        sys.stdout.flush()  # inside the try: a closed pipe shows here, not at interpreter exit
        return code
    except BrokenPipeError:
        # the reader went away (`kongres extract page.html | head`): stop quietly, as `cat` does
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 141  # 128 + SIGPIPE, what a shell reports for a tool killed by the pipe


if __name__ == "__main__":
    sys.exit(main())
