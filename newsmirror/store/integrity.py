"""Checks an SQLite story store must pass before a crawl writes to it, and what they found.

The checks run before SQLite opens the file for writing (a damaged file must not be written to):
the file header and size, the schema, whether a crawl that had the store open died and its
write-ahead log (``-wal``) is gone, and then SQLite's own ``PRAGMA quick_check`` (or the full
``integrity_check``). Each problem is one sentence naming the file; the caller adds what to do.
"""

from __future__ import annotations

import os
import socket
import sqlite3
from pathlib import Path

from newsmirror.runtime import process_alive

MAGIC = b"SQLite format 3\x00"
HEADER_BYTES = 100

# What a crawl that has the store open writes in the store's ``meta`` table, and deletes when it
# closes the store cleanly: ``open:<host>:<pid>:<token>``.
OPEN_MARKER = "open:"

# How much of the store the start-up check reads: "quick" (PRAGMA quick_check: every page, not the
# indexes against their tables), "full" (PRAGMA integrity_check), "header" (header and size only).
CHECK_LEVELS = ("quick", "full", "header")

NOT_SQLITE = "not an SQLite database"


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def check_header(path: Path) -> str | None:
    """What is wrong with the file's SQLite header and size, or None (an empty file is fine).

    A file cut short is found here, without SQLite: its size is not a whole number of pages, or
    less than the page count its header records. The page count is only compared when no ``-wal``
    holds changes (a checkpoint interrupted by a crash may leave the file short of its header, and
    SQLite completes it from the log).
    """
    size = path.stat().st_size
    if size == 0:
        return None
    with path.open("rb") as handle:
        header = handle.read(HEADER_BYTES)
    if len(header) < HEADER_BYTES or not header.startswith(MAGIC):
        if header.startswith(MAGIC[: len(header)]) and header:
            return f"{path}: truncated ({size} bytes, shorter than an SQLite header)"
        return f"{path}: {NOT_SQLITE} (no SQLite header)"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return f"{path}: damaged header (page size {page_size})"
    if size % page_size:
        return f"{path}: truncated ({size} bytes is not a whole number of {page_size}-byte pages)"
    pages = int.from_bytes(header[28:32], "big")
    valid = header[24:28] == header[92:96] and pages > 0
    wal = wal_path(path)
    wal_holds_changes = wal.exists() and wal.stat().st_size > 0
    if valid and not wal_holds_changes and size < pages * page_size:
        return (
            f"{path}: truncated ({size // page_size} of its {pages} pages are there, "
            f"{size} bytes of {pages * page_size})"
        )
    return None


def open_marker(token: str) -> str:
    return f"{OPEN_MARKER}{socket.gethostname()}:{os.getpid()}:{token}"


def dead_openers(markers: list[str], host: str | None = None) -> list[str]:
    """The ``host:pid`` of crawls on this machine that opened the store and are gone."""
    host = host or socket.gethostname()
    dead = []
    for marker in markers:
        opener_host, _, rest = marker[len(OPEN_MARKER) :].partition(":")
        pid = rest.partition(":")[0]
        if opener_host == host and pid.isdigit() and not process_alive(int(pid)):
            dead.append(f"{opener_host}:{pid}")
    return dead


def markers_in_main_file(path: Path) -> list[str]:
    """The open-markers in the main database file alone, read without touching its ``-wal``.

    ``immutable=1`` makes SQLite read the file as it is: no lock, no write-ahead log read or
    created, so a missing ``-wal`` stays missing for the message (and for the next try).
    """
    uri = f"{path.absolute().as_uri()}?mode=ro&immutable=1"
    db = sqlite3.connect(uri, uri=True)
    try:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "meta" not in tables:
            return []
        rows = db.execute("SELECT key FROM meta WHERE key LIKE ?", (OPEN_MARKER + "%",))
        return [str(r[0]) for r in rows]
    finally:
        db.close()


def missing_wal(path: Path) -> str | None:
    """A store left open by a crawl that died, whose ``-wal`` has since been removed.

    After a clean close SQLite checkpoints the log into the file and deletes it, and newsmirror has
    deleted its open-marker: no marker, no log, nothing lost. After a crash the log stays, holding
    the changes since the last checkpoint, and SQLite replays it at the next open. A marker of a
    dead crawl with no log means those changes are gone (the file was copied or restored without its
    ``-wal``, or the log was deleted).
    """
    if wal_path(path).exists() or path.stat().st_size == 0:
        return None
    dead = dead_openers(markers_in_main_file(path))
    if not dead:
        return None
    return (
        f"{path}: the crawl that had it open ({', '.join(dead)}) did not close it, and its "
        f"write-ahead log {wal_path(path).name} is missing: the changes made since the last "
        f"checkpoint are lost"
    )


def pragma_check(db: sqlite3.Connection, path: Path, level: str) -> str | None:
    """SQLite's own check of every page (``quick``) or also of each index (``full``)."""
    if level == "header":
        return None
    pragma = "integrity_check" if level == "full" else "quick_check"
    try:
        rows = [str(r[0]) for r in db.execute(f"PRAGMA {pragma}(20)")]
    except sqlite3.DatabaseError as exc:  # damage that stops the check itself
        return f"{path}: damaged ({pragma}: {exc})"
    if rows == ["ok"]:
        return None
    # One line per problem, without SQLite's "*** in database main ***" heading.
    rows = [
        line.strip()
        for row in rows
        for line in row.splitlines()
        if line.strip() and not line.startswith("***")
    ]
    shown = "; ".join(rows[:3]) + (f"; … ({len(rows)} problems)" if len(rows) > 3 else "")
    return f"{path}: damaged ({pragma}: {shown})"


def schema_problems(db: sqlite3.Connection, expected_sql: str) -> list[str]:
    """Tables or columns of our schema that the store lacks or has differently."""
    want = sqlite3.connect(":memory:")
    try:
        want.executescript(expected_sql)
        problems = []
        for (table,) in want.execute("SELECT name FROM sqlite_master WHERE type='table'"):
            columns = [(r[1], r[2]) for r in want.execute(f"PRAGMA table_info({table})")]
            have = [(r[1], r[2]) for r in db.execute(f"PRAGMA table_info({table})")]
            if not have:
                problems.append(f"table {table} is missing")
            elif have != columns:
                problems.append(
                    f"table {table} has columns {', '.join(c for c, _ in have)} "
                    f"(expected {', '.join(c for c, _ in columns)})"
                )
        return problems
    finally:
        want.close()
