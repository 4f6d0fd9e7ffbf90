"""`kongres serve`: Datasette over a dataset's `kongres.db`, on 127.0.0.1, with the generated metadata.

Datasette is the tool researchers and newsrooms already use to look at SQLite datasets:
tables with facets and full-text search, row pages that follow foreign keys, and the
canned queries of `datasette_metadata`. It is an optional dependency (the `browse` extra).
The server listens on the loopback interface only: publishing the data is a separate step.
The file is served as immutable (Datasette counts rows once): a crawl that publishes a new
kongres.db replaces the file, and the server shows it after a restart.
"""
from __future__ import annotations

import socket
from pathlib import Path

from .datasette_metadata import TEMPLATES, metadata
from .sqlite import DB_NAME

DEFAULT_PORT = 8001
HOST = "127.0.0.1"


class BrowseError(Exception):
    """Why the dataset cannot be served (one line for the user)."""


def database_of(output: Path) -> Path:
    """The SQLite file of an output directory, or a BrowseError saying how to make it."""
    output = Path(output)
    if not output.is_dir():
        raise BrowseError(f"no such directory: {output}")
    db = output / DB_NAME
    if not db.is_file():
        raise BrowseError(f"no {DB_NAME} in {output}: run `kongres export sqlite {output}` (or crawl into it) first")
    return db


def check_port(port: int) -> None:
    """Fail early, in one line, when the port is taken or not a port."""
    if not 0 < port < 65536:
        raise BrowseError(f"--port {port}: not a TCP port (1-65535)")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((HOST, port))
        except OSError as exc:
            raise BrowseError(f"cannot listen on {HOST}:{port}: {exc.strerror or exc}") from None


def serve(output: Path, port: int = DEFAULT_PORT) -> None:
    """Serve `OUTPUT/kongres.db` with Datasette until interrupted (Ctrl-C or SIGTERM)."""
    db = database_of(output)
    check_port(port)
    try:
        import uvicorn
        from datasette.app import Datasette
    except ImportError:
        raise BrowseError("kongres serve needs Datasette: pip install 'kongres_scraper[browse]'") from None
    import asyncio

    ds = Datasette(immutables=[str(db)], metadata=metadata(Path(output)), template_dir=str(TEMPLATES))
    asyncio.run(ds.invoke_startup())
    print(f"Serving {db} at http://{HOST}:{port}/ (Ctrl-C stops)", flush=True)
    uvicorn.run(ds.app(), host=HOST, port=port, log_level="warning")
