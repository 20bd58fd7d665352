"""Check an SQLite story store in depth, and rebuild it from the stories it still holds.

The stories (record and fingerprint), their copies and the per-URL crawl state are what a store
knows; the near-duplicate index (the ``keys`` table: LSH bands and paragraph hashes), SQLite's own
indexes and the derived columns can all be computed again from them. :func:`rebuild` writes a new
file from every row it can read, recomputing the index, and keeps the old file beside it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsmirror.dedup.fingerprint import Fingerprint
from newsmirror.runtime import process_alive
from newsmirror.store.base import StoreError
from newsmirror.store.integrity import (
    NOT_SQLITE,
    OPEN_MARKER,
    check_header,
    markers_in_main_file,
    missing_wal,
    pragma_check,
    schema_problems,
    wal_path,
)
from newsmirror.store.sqlite import APPLICATION, SCHEMA_VERSION, SQLiteStore, schema_of


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """Read the store as it is: through its ``-wal`` if there is one, else the file alone."""
    mode = "mode=ro" if wal_path(path).exists() else "mode=ro&immutable=1"
    return sqlite3.connect(f"{path.absolute().as_uri()}?{mode}", uri=True)


def _fingerprint(row: tuple[Any, ...]) -> Fingerprint:
    signature, size, paragraphs, entities = row
    return Fingerprint.from_bytes(
        signature, size, tuple(json.loads(paragraphs)), tuple(json.loads(entities))
    )


def check(path: Path) -> list[str]:
    """Every problem found in the store at ``path`` (empty: the store is sound).

    Beyond the start-up checks: ``PRAGMA integrity_check`` (each index against its table), every
    story's record and fingerprint decoded, every story's index keys present, every copy's story
    present.
    """
    if path.is_dir():
        return [f"{path}: {UNREADABLE} (a directory, not a store file)"]
    if not path.exists():
        return [f"{path}: {NO_FILE}"]
    try:
        with path.open("rb") as readable:
            readable.read(1)
    except OSError as exc:
        return [f"{path}: {UNREADABLE} ({exc.strerror or exc}); not known to be damaged"]
    try:
        problem = check_header(path) or missing_wal(path)
    except sqlite3.DatabaseError as exc:
        problem = f"{path}: damaged ({exc})"
    if problem:
        return [problem]
    problems: list[str] = []
    try:
        db = _connect_read_only(path)
    except sqlite3.DatabaseError as exc:
        return [f"{path}: cannot be opened ({exc})"]
    try:
        meta = dict(db.execute("SELECT key, value FROM meta"))
        if meta.get("application") != APPLICATION:
            return [f"{path}: {FOREIGN}"]
        if int(meta.get("version", "0")) > SCHEMA_VERSION:
            return [f"{path}: schema version {meta['version']} is {NEWER}"]
        problems += [
            f"{path}: {p}" for p in schema_problems(db, schema_of(int(meta.get("version", "0"))))
        ]
        if problems:
            return problems
        try:
            problem = pragma_check(db, path, "full")
        except sqlite3.DatabaseError as exc:
            problem = f"{path}: damaged (integrity_check: {exc})"
        if problem:
            problems.append(problem)
        problems += _check_rows(db, path)
    except sqlite3.DatabaseError as exc:
        problems.append(f"{path}: damaged ({exc})")
    finally:
        db.close()
    return problems


FOREIGN = "not a newsmirror store"
NEWER = "newer than this newsmirror"


NO_FILE = "no such file"
UNREADABLE = "cannot be read"


def rebuildable(problems: list[str]) -> bool:
    """Whether ``rebuild-index`` is the answer: not for another program's file or a newer store."""
    return not any(
        word in p for p in problems for word in (NOT_SQLITE, FOREIGN, NEWER, NO_FILE, UNREADABLE)
    )


def _check_rows(db: sqlite3.Connection, path: Path) -> list[str]:
    problems = []
    unreadable, unindexed = [], 0
    rows = db.execute("SELECT id, record, signature, size, paragraphs, entities FROM stories")
    for story_id, record, *fp_row in rows:
        try:
            json.loads(record)
            keys = _fingerprint(tuple(fp_row)).index_keys()
        except (ValueError, TypeError):
            unreadable.append(story_id)
            continue
        for key in keys:  # by the primary key (key, story_id): no scan
            if not db.execute(
                "SELECT 1 FROM keys WHERE key = ? AND story_id = ?", (key, story_id)
            ).fetchone():
                unindexed += 1
                break
    if unreadable:
        problems.append(f"{path}: {len(unreadable)} stories cannot be read (e.g. {unreadable[0]})")
    if unindexed:
        problems.append(f"{path}: {unindexed} stories are missing from the near-duplicate index")
    (orphans,) = db.execute(
        "SELECT COUNT(*) FROM copies WHERE story_id NOT IN (SELECT id FROM stories)"
    ).fetchone()
    if orphans:
        problems.append(f"{path}: {orphans} copies belong to no story")
    return problems


@dataclass
class RebuildReport:
    path: Path
    kept_aside: Path
    rows: dict[str, int] = field(default_factory=dict)
    lost: list[str] = field(default_factory=list)  # what could not be carried over, and why


def _salvage(
    db: sqlite3.Connection, table: str, report: RebuildReport
) -> Iterator[tuple[Any, ...]]:
    """Every row of ``table`` that can be read; a damaged part ends the table, said in ``lost``."""
    count = 0
    try:
        for row in db.execute(f"SELECT * FROM {table}"):
            count += 1
            yield tuple(row)
    except sqlite3.DatabaseError as exc:
        report.lost.append(f"table {table}: rows after the first {count} unreadable ({exc})")


def rebuild(path: Path) -> RebuildReport:
    """Write a new store from what ``path`` holds, then put it in place of the old one.

    The old file (and its ``-wal``) is renamed ``<name>.damaged-<time>``. Stories whose record or
    fingerprint cannot be decoded are dropped, with their copies and their pages' crawl state, so
    that the next crawl fetches those pages again.
    """
    if not path.is_file():
        raise StoreError(f"{path}: {NO_FILE}")
    problem = check_header(path)
    if problem and NOT_SQLITE in problem:
        raise StoreError(f"{problem}: not a store to rebuild")
    try:
        markers = markers_in_main_file(path)
    except sqlite3.DatabaseError:
        markers = []  # too damaged for a crawl to have opened it
    alive = [
        m
        for m in markers
        if (pid := m[len(OPEN_MARKER) :].split(":")[1]).isdigit() and process_alive(int(pid))
    ]
    if alive:
        raise StoreError(f"{path}: a crawl has it open ({alive[0]}); rebuild it once it is over")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    report = RebuildReport(path, aside)
    new = path.with_name(path.name + ".rebuilding")
    salvage = _cut_to_whole_pages(path)
    for leftover in (new, wal_path(new), new.with_name(new.name + "-shm")):
        leftover.unlink(missing_ok=True)
    try:
        old = _connect_read_only(salvage or path)
        target = SQLiteStore(new, check="header")
        try:
            with target.transaction():
                _copy(old, target.db, report)
        finally:
            old.close()
            target.close()
    except BaseException:
        for leftover in (new, wal_path(new), new.with_name(new.name + "-shm")):
            leftover.unlink(missing_ok=True)
        raise
    finally:
        if salvage is not None:
            salvage.unlink(missing_ok=True)
    for suffix in ("", "-wal", "-shm"):
        src = path.with_name(path.name + suffix)
        if src.exists():
            src.rename(aside.with_name(aside.name + suffix))
    new.rename(path)
    return report


def _cut_to_whole_pages(path: Path) -> Path | None:
    """For a file cut short: a copy SQLite can read, or None if the file is not cut short.

    SQLite refuses a file shorter than the page count in its header altogether; the copy keeps the
    whole pages that are there and says so in its header, so every table whose pages survived
    can be read.
    """
    problem = check_header(path)
    if problem is None or "truncated" not in problem:
        return None
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    del data[len(data) - len(data) % page_size :]
    data[28:32] = (len(data) // page_size).to_bytes(4, "big")
    copy = path.with_name(path.name + ".salvage")
    copy.write_bytes(bytes(data))
    return copy


def _copy(old: sqlite3.Connection, new: sqlite3.Connection, report: RebuildReport) -> None:
    meta = list(_salvage(old, "meta", report))
    application = dict(meta).get("application")
    if application is not None and application != APPLICATION:
        raise StoreError(f"{report.path}: {FOREIGN}, not rebuilt")
    for key, value in meta:
        if key in ("application", "version") or str(key).startswith(OPEN_MARKER):
            continue
        new.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
    stories: set[str] = set()
    bad = 0
    for row in _salvage(old, "stories", report):
        story_id, record, signature, size, paragraphs, entities = (
            row[0],
            row[6],
            row[7],
            row[8],
            row[9],
            row[10],
        )
        try:
            json.loads(record)
            keys = _fingerprint((signature, size, paragraphs, entities)).index_keys()
        except (ValueError, TypeError):
            bad += 1
            continue
        new.execute(f"INSERT INTO stories VALUES ({', '.join('?' * len(row))})", row)
        new.executemany("INSERT OR IGNORE INTO keys VALUES (?, ?)", [(k, story_id) for k in keys])
        stories.add(story_id)
    if bad:
        report.lost.append(f"{bad} stories whose record or fingerprint cannot be decoded")
    report.rows["stories"] = len(stories)
    for table in ("copies", "urls"):
        kept = dropped = 0
        for row in _salvage(old, table, report):
            story_id = row[1]
            if story_id is not None and story_id not in stories:
                dropped += 1  # its story is lost: the page is fetched again
                continue
            new.execute(f"INSERT INTO {table} VALUES ({', '.join('?' * len(row))})", row)
            kept += 1
        report.rows[table] = kept
        if dropped:
            report.lost.append(f"{dropped} {table} rows of lost stories")
    # The live index also holds the LSH bands of each story's earlier fingerprints (before copies
    # merged into it); those cannot be computed again, so whatever of them can be read is kept.
    for key, story_id in _salvage(old, "keys", report):
        if story_id in stories:
            new.execute("INSERT OR IGNORE INTO keys VALUES (?, ?)", (key, story_id))
    report.lost = [lost for lost in report.lost if not lost.startswith("table keys:")]
    (keys,) = new.execute("SELECT COUNT(*) FROM keys").fetchone()
    report.rows["index keys"] = int(keys)
