"""The `kongres` command."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


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


def _fail(message: str) -> int:
    print(f"kongres: {message}", file=sys.stderr)
    return 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kongres", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="print the JSON record of one saved page")
    p.add_argument("page", help="path of a saved HTML page")
    p.add_argument("--url", help="the page's URL (default: the file's file:// URL)")
    p.add_argument("--full", action="store_true", help="include the page's main text and its hash")
    p.add_argument("--compact", action="store_true", help="print the JSON on one line")
    p.set_defaults(func=_cmd_extract)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
