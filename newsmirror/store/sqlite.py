"""The embedded story store: one SQLite file in WAL mode, safe for several crawls on one machine."""

from __future__ import annotations

import json
import logging
import secrets
import socket
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsmirror.dedup.fingerprint import Fingerprint
from newsmirror.store.base import (
    CopyRecord,
    StoreDamaged,
    StoredStory,
    StoreError,
    StoreMissing,
    StoreUnreadable,
    StoreWriteFailed,
)
from newsmirror.store.integrity import (
    CHECK_LEVELS,
    NOT_SQLITE,
    OPEN_MARKER,
    check_header,
    dead_openers,
    missing_wal,
    open_marker,
    pragma_check,
    schema_problems,
)

logger = logging.getLogger(__name__)

APPLICATION = "newsmirror-store"
# 3: a copy's kept fingerprint holds its paragraphs' line hashes (dedup.consensus), which code
# of version 2 cannot read; the tables are version 2's.
SCHEMA_VERSION = 3
_SCHEMA_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    canonical_url TEXT NOT NULL,
    origin_domain TEXT,
    first_seen TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    record TEXT NOT NULL,
    signature BLOB NOT NULL,
    size INTEGER NOT NULL,
    paragraphs TEXT NOT NULL,
    entities TEXT NOT NULL,
    exported_version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX stories_canonical ON stories (canonical_url);
CREATE INDEX stories_updated ON stories (updated_at);
CREATE INDEX stories_pending ON stories (exported_version, version);
CREATE TABLE copies (
    url TEXT PRIMARY KEY,
    story_id TEXT NOT NULL REFERENCES stories (id),
    site TEXT NOT NULL,
    published TEXT,
    seen_at TEXT NOT NULL,
    similarity REAL NOT NULL
);
CREATE INDEX copies_story ON copies (story_id);
CREATE TABLE keys (key TEXT NOT NULL, story_id TEXT NOT NULL, PRIMARY KEY (key, story_id))
    WITHOUT ROWID;
CREATE TABLE urls (url TEXT PRIMARY KEY, story_id TEXT, status TEXT NOT NULL, fetched_at TEXT NOT NULL);
"""
# Version 2: each site's learned template (how many of its pages hold each block), and each copy's
# fingerprint (so a story's copies can be checked against its canonical text). Added to a
# version 1 store when a crawl opens it.
_SCHEMA_V2 = """
CREATE TABLE IF NOT EXISTS site_blocks (
    site TEXT NOT NULL, key TEXT NOT NULL, pages INTEGER NOT NULL, PRIMARY KEY (site, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS copy_prints (url TEXT PRIMARY KEY, print BLOB NOT NULL);
"""
_SCHEMA = _SCHEMA_V1 + _SCHEMA_V2


def schema_of(version: int) -> str:
    """The tables a store of schema ``version`` has."""
    return _SCHEMA_V1 if version == 1 else _SCHEMA


def remedy(path: Path) -> str:
    """What to run about a damaged store (the stories and copies are what matters in it)."""
    uri = f"sqlite:///{path.absolute()}"
    return (
        f"Nothing was fetched or written. Run `scrapy store check --store {uri}` for details, "
        f"and `scrapy store rebuild-index --store {uri}` to rebuild the store from the stories "
        f"it still holds (the damaged file is kept beside it)"
    )


class SQLiteStore:
    """Stories, copies, per-URL crawl state and the near-duplicate key index in one file."""

    def __init__(
        self,
        path: str | Path,
        timeout: float = 30.0,
        *,
        read_only: bool = False,
        check: str = "quick",
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        if read_only and not self.path.is_file():
            raise StoreMissing(f"{self.path}: no story store there yet")
        if check not in CHECK_LEVELS:
            raise StoreError(
                f"NEWSMIRROR_STORE_CHECK={check!r}: use one of {', '.join(CHECK_LEVELS)}"
            )
        self._depth = 0
        self._marker: str | None = None
        try:
            if not read_only and not self.path.parent.is_dir():
                try:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    reason = "a file is in the way" if isinstance(exc, FileExistsError) else exc
                    raise StoreUnreadable(
                        f"{self.path}: cannot create its directory {self.path.parent} ({reason})"
                    ) from None
            # Before SQLite opens the file for writing: a damaged store must not be written to.
            if self.path.is_file():
                with self.path.open("rb") as readable:  # unreadable is not damaged
                    readable.read(1)
                problem = check_header(self.path)
                if problem and NOT_SQLITE in problem:
                    raise StoreError(f"{problem}. Point NEWSMIRROR_STORE at another file")
                problem = problem or missing_wal(self.path)
                if problem:
                    raise StoreDamaged(f"{problem}. {remedy(self.path)}")
            if read_only:  # SQLite itself refuses every write on this connection
                target = f"{self.path.absolute().as_uri()}?mode=ro"
                self.db = sqlite3.connect(target, timeout=timeout, isolation_level=None, uri=True)
            else:
                self.db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
            self.db.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
            existing = bool(self._tables())
            if existing:
                self._check_existing(check)
            elif read_only:
                self._check_meta()  # an empty SQLite file: not a store
            if not read_only:
                self._use_wal(timeout)
                self.db.execute("PRAGMA synchronous=NORMAL")
                if not existing:
                    self._create()
                if self._check_meta() < SCHEMA_VERSION:
                    self._migrate()
                self._mark_open()
        except StoreError:
            self._abandon()
            raise
        except OSError as exc:
            self._abandon()
            raise StoreUnreadable(
                f"{self.path}: cannot read the story store ({exc.strerror or exc}); the file is "
                f"not known to be damaged: check the path and its permissions"
            ) from None
        except sqlite3.DatabaseError as exc:
            self._abandon()
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):  # busy
                raise StoreError(
                    f"{self.path}: another process kept the store locked for {timeout:g} s "
                    f"({exc}); try again once it is done"
                ) from None
            if isinstance(exc, sqlite3.OperationalError) and "unable to open" in str(exc):
                # SQLite could not open the file or create one (or its -wal) in its directory.
                raise StoreUnreadable(
                    f"{self.path}: cannot open the story store ({exc}): it is not known to be "
                    f"damaged; check that it is a file and that it and its directory can be read "
                    f"and written"
                ) from None
            raise StoreDamaged(f"{self.path}: damaged ({exc}). {remedy(self.path)}") from None

    def _use_wal(self, timeout: float) -> None:
        """Switch the file to write-ahead logging (a no-op once it is).

        SQLite answers "database is locked" at once, without its busy handler, when another
        connection holds a lock at that moment, as when crawls started together all open a new
        store and one of them is creating it. The switch is tried again until ``timeout``.
        """
        deadline = time.monotonic() + timeout
        pause = 0.005
        while True:
            try:
                self.db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() >= deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 2, 0.2)

    def _abandon(self) -> None:
        db = getattr(self, "db", None)
        if db is not None:
            db.close()

    def _tables(self) -> set[str]:
        return {
            row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }

    def _create(self) -> None:
        # Several crawls may open a new store at once: the first to get the write lock creates
        # it, the others find it made.
        with self.transaction():
            if not self._tables():
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.executemany(
                    "INSERT INTO meta VALUES (?, ?)",
                    [("application", APPLICATION), ("version", str(SCHEMA_VERSION))],
                )

    def _check_existing(self, check: str) -> None:
        """An existing store: ours, a schema this code knows, and not damaged."""
        version = self._check_meta()
        problems = schema_problems(self.db, schema_of(version))
        if problems:
            raise StoreDamaged(
                f"{self.path}: a newsmirror store whose schema is not the one of its version "
                f"{SCHEMA_VERSION} ({'; '.join(problems)}). {remedy(self.path)}"
            )
        problem = pragma_check(self.db, self.path, check)
        if problem:
            raise StoreDamaged(f"{problem}. {remedy(self.path)}")

    def _check_meta(self) -> int:
        """The store's schema version, once it is known to be a newsmirror store this code reads."""
        tables = self._tables()
        meta = dict(self.db.execute("SELECT key, value FROM meta")) if "meta" in tables else {}
        if meta.get("application") != APPLICATION:
            raise StoreError(
                f"{self.path}: this SQLite file is not a newsmirror store. Point NEWSMIRROR_STORE "
                f"at another file"
            )
        version = int(meta.get("version", "0"))
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: store schema version {version} is newer than this newsmirror "
                f"(knows {SCHEMA_VERSION}); upgrade newsmirror"
            )
        if version < 1:
            raise StoreError(f"{self.path}: store schema version {version} has no migration")
        return version

    def _migrate(self) -> None:
        """Bring an older store to this version: a version 1 store's new tables, empty (nothing
        is lost); a version 2 store's fingerprints kept before stay as they are (they have no
        line hashes, and are read without)."""
        with self.transaction():
            row = self.db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if int(row[0]) < SCHEMA_VERSION:
                for statement in _SCHEMA_V2.split(";"):
                    if statement.strip():
                        self.db.execute(statement)
                self.db.execute(
                    "UPDATE meta SET value = ? WHERE key = 'version'", (str(SCHEMA_VERSION),)
                )

    def _mark_open(self) -> None:
        """Say in the file itself that this process has the store open (until a clean close).

        Checkpointed at once, so that the marker is in the main file, not only in the ``-wal``:
        if the crawl dies and the log is later lost, the next open sees the marker and no log.
        """
        self._marker = open_marker(secrets.token_hex(4))
        with self.transaction():
            host = socket.gethostname()
            rows = self.db.execute("SELECT key FROM meta WHERE key LIKE ?", (OPEN_MARKER + "%",))
            for opener in dead_openers([str(r[0]) for r in rows], host):
                # Its log was there (else the check above refused the store): SQLite replayed it.
                logger.warning(
                    "%s: the crawl %s did not close the store; its write-ahead log was replayed",
                    self.path,
                    opener,
                )
                self.db.execute("DELETE FROM meta WHERE key LIKE ?", (f"{OPEN_MARKER}{opener}:%",))
            self.db.execute(
                "INSERT INTO meta VALUES (?, ?)",
                (self._marker, datetime.now(UTC).isoformat(timespec="seconds")),
            )
        self.db.execute("PRAGMA wal_checkpoint(PASSIVE)")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; nested uses join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise self._write_failed(exc) from exc
        self._depth = 1
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException as exc:
            with suppress(sqlite3.Error):  # after a failed COMMIT SQLite may have rolled back
                self.db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise self._write_failed(exc) from exc
            raise
        finally:
            self._depth = 0

    def _write_failed(self, exc: sqlite3.Error) -> StoreWriteFailed:
        name = getattr(exc, "sqlite_errorname", "")
        cause = f"{exc}, {name}" if name else str(exc)
        return StoreWriteFailed(f"{self.path}: could not write to the story store ({cause})")

    atomic = transaction

    # --- reads ----------------------------------------------------------------------------

    @staticmethod
    def _story(row: tuple[Any, ...]) -> StoredStory:
        sid, version, record, signature, size, paragraphs, entities, exported = row
        fingerprint = Fingerprint.from_bytes(
            signature, size, tuple(json.loads(paragraphs)), tuple(json.loads(entities))
        )
        return StoredStory(sid, version, json.loads(record), fingerprint, exported)

    _COLUMNS = "id, version, record, signature, size, paragraphs, entities, exported_version"

    def get(self, story_id: str) -> StoredStory | None:
        row = self.db.execute(
            f"SELECT {self._COLUMNS} FROM stories WHERE id = ?", (story_id,)
        ).fetchone()
        return self._story(row) if row else None

    def story_for_url(self, url: str) -> str | None:
        return self.stories_for_urls([url]).get(url)

    def stories_for_urls(self, urls: list[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        if not urls:
            return found
        marks = ",".join("?" * len(urls))
        canonical = self.db.execute(
            f"SELECT canonical_url, id FROM stories WHERE canonical_url IN ({marks})", urls
        ).fetchall()
        copies = self.db.execute(
            f"SELECT url, story_id FROM copies WHERE url IN ({marks})", urls
        ).fetchall()
        for url, sid in canonical:
            found.setdefault(str(url), str(sid))
        found.update({str(url): str(sid) for url, sid in copies})  # a copy's story first
        return found

    def candidates(self, keys: list[str], max_per_key: int = 50) -> list[StoredStory]:
        ids: dict[str, None] = {}
        for key in keys:
            rows = self.db.execute(
                "SELECT story_id FROM keys WHERE key = ? LIMIT ?", (key, max_per_key + 1)
            ).fetchall()
            if len(rows) <= max_per_key:
                ids.update(dict.fromkeys(r[0] for r in rows))
        stories = [self.get(sid) for sid in ids]
        return [s for s in stories if s is not None]

    def copies(self, story_id: str) -> list[CopyRecord]:
        rows = self.db.execute(
            "SELECT url, site, published, seen_at, similarity FROM copies "
            "WHERE story_id = ? ORDER BY seen_at, url",
            (story_id,),
        )
        return [CopyRecord(*row) for row in rows]

    def urls_with_status(self, status: str, limit: int = 10_000) -> list[str]:
        rows = self.db.execute(
            "SELECT url FROM urls WHERE status = ? ORDER BY fetched_at LIMIT ?", (status, limit)
        )
        return [str(row[0]) for row in rows]

    def url_fetched_at(self, url: str) -> str | None:
        row = self.db.execute(
            "SELECT fetched_at FROM urls WHERE url = ? AND status = 'article'", (url,)
        ).fetchone()
        return str(row[0]) if row else None

    def iter_stories(
        self, since: str | None = None, origin: str | None = None
    ) -> Iterator[StoredStory]:
        sql, args = f"SELECT {self._COLUMNS} FROM stories WHERE 1=1", []
        if since:
            sql += " AND updated_at >= ?"
            args.append(since)
        if origin:
            sql += " AND origin_domain = ?"
            args.append(origin)
        for row in self.db.execute(sql + " ORDER BY first_seen, id", args):
            yield self._story(row)

    def count(self) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM stories").fetchone()[0])

    # --- writes ---------------------------------------------------------------------------

    def _write_story(self, story: StoredStory) -> None:
        record = story.record
        fp = story.fingerprint
        self.db.execute(
            "INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT (id) DO UPDATE SET "
            "version = excluded.version, canonical_url = excluded.canonical_url, "
            "origin_domain = excluded.origin_domain, updated_at = excluded.updated_at, "
            "record = excluded.record, signature = excluded.signature, size = excluded.size, "
            "paragraphs = excluded.paragraphs, entities = excluded.entities",
            (
                story.id,
                story.version,
                record["canonical_url"],
                (record.get("origin") or {}).get("domain"),
                record["first_seen"],
                record.get("updated_at") or record["first_seen"],
                json.dumps(record, ensure_ascii=False),
                fp.to_bytes(),
                fp.size,
                json.dumps(fp.stored_keys()),
                json.dumps(list(fp.entities)),
            ),
        )
        self.db.executemany(
            "INSERT OR IGNORE INTO keys VALUES (?, ?)", [(key, story.id) for key in fp.index_keys()]
        )

    def _write_copy(self, story_id: str, copy: CopyRecord) -> None:
        self.db.execute(
            "INSERT INTO copies VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
            "story_id = excluded.story_id, seen_at = excluded.seen_at, similarity = excluded.similarity",
            (copy.url, story_id, copy.site, copy.published, copy.seen_at, copy.similarity),
        )

    def add_story(self, story: StoredStory, copy: CopyRecord) -> None:
        with self.transaction():
            self._write_story(story)
            self._write_copy(story.id, copy)

    def join(self, story: StoredStory, copy: CopyRecord, *, changed: bool) -> None:
        with self.transaction():
            current = self.db.execute(
                "SELECT version FROM stories WHERE id = ?", (story.id,)
            ).fetchone()
            version = (current[0] if current else 0) + (1 if changed else 0)
            self._write_story(StoredStory(story.id, version, story.record, story.fingerprint))
            self._write_copy(story.id, copy)

    def absorb(self, story: StoredStory, absorbed: list[StoredStory], copy: CopyRecord) -> None:
        with self.transaction():
            ids = [story.id, *(s.id for s in absorbed)]
            marks = ", ".join("?" * len(ids))
            row = self.db.execute(
                f"SELECT MAX(version) FROM stories WHERE id IN ({marks})", ids
            ).fetchone()
            version = (row[0] or 0) + 1
            self._write_story(StoredStory(story.id, version, story.record, story.fingerprint))
            for old in absorbed:
                if old.id == story.id:
                    continue
                self.db.execute(
                    "UPDATE copies SET story_id = ? WHERE story_id = ?", (story.id, old.id)
                )
                self.db.execute(
                    "UPDATE urls SET story_id = ? WHERE story_id = ?", (story.id, old.id)
                )
                keys = old.fingerprint.index_keys()
                self.db.executemany(
                    "INSERT OR IGNORE INTO keys VALUES (?, ?)", [(k, story.id) for k in keys]
                )
                self.db.executemany(
                    "DELETE FROM keys WHERE key = ? AND story_id = ?", [(k, old.id) for k in keys]
                )
                self.db.execute("DELETE FROM stories WHERE id = ?", (old.id,))
            self._write_copy(story.id, copy)

    def count_blocks(self, site: str, keys: list[str]) -> None:
        with self.transaction():
            self.db.executemany(
                "INSERT INTO site_blocks VALUES (?, ?, 1) "
                "ON CONFLICT (site, key) DO UPDATE SET pages = pages + 1",
                [(site, key) for key in dict.fromkeys(keys)],
            )

    def block_counts(self, site: str, keys: list[str] | None = None) -> dict[str, int]:
        try:
            if keys is None:
                rows = self.db.execute(
                    "SELECT key, pages FROM site_blocks WHERE site = ?", (site,)
                ).fetchall()
                return {str(k): int(n) for k, n in rows}
            found: dict[str, int] = {}
            wanted = list(dict.fromkeys(keys))
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                rows = self.db.execute(
                    f"SELECT key, pages FROM site_blocks WHERE site = ? "
                    f"AND key IN ({', '.join('?' * len(chunk))})",
                    (site, *chunk),
                ).fetchall()
                found.update((str(k), int(n)) for k, n in rows)
            return found
        except sqlite3.OperationalError:
            return {}  # a version 1 store opened read-only: nothing learned in it yet

    def put_print(self, url: str, fingerprint: Fingerprint) -> None:
        with self.transaction():
            self.db.execute(
                "INSERT INTO copy_prints VALUES (?, ?) ON CONFLICT (url) DO UPDATE SET "
                "print = excluded.print",
                (url, fingerprint.pack()),
            )

    def prints(self, urls: list[str]) -> dict[str, Fingerprint]:
        found: dict[str, Fingerprint] = {}
        try:
            for start in range(0, len(urls), 500):
                chunk = urls[start : start + 500]
                rows = self.db.execute(
                    f"SELECT url, print FROM copy_prints WHERE url IN ({', '.join('?' * len(chunk))})",
                    chunk,
                ).fetchall()
                found.update((str(u), Fingerprint.unpack(b)) for u, b in rows)
        except sqlite3.OperationalError:
            pass  # a version 1 store opened read-only: no copy's fingerprint kept yet
        return found

    def mark_url(self, url: str, status: str, fetched_at: str, story_id: str | None = None) -> None:
        with self.transaction():
            self.db.execute(
                "INSERT INTO urls VALUES (?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
                "story_id = excluded.story_id, status = excluded.status, "
                "fetched_at = excluded.fetched_at",
                (url, story_id, status, fetched_at),
            )

    def pending(self, limit: int = 1000) -> list[StoredStory]:
        rows = self.db.execute(
            f"SELECT {self._COLUMNS} FROM stories WHERE version > exported_version "
            "ORDER BY first_seen, id LIMIT ?",
            (limit,),
        )
        return [self._story(row) for row in rows]

    def mark_exported(self, story_id: str, version: int, writer: str | None = None) -> None:
        with self.transaction():
            self.db.execute(
                "UPDATE stories SET exported_version = MAX(exported_version, ?) WHERE id = ?",
                (version, story_id),
            )
            if writer is not None:
                self.forget_export(writer, story_id)

    _WRITING = "writing:"

    def claim_export(self, writer: str, story_id: str, version: int, feeds: list[str]) -> bool:
        with self.transaction():
            row = self.db.execute(
                "SELECT exported_version FROM stories WHERE id = ?", (story_id,)
            ).fetchone()
            if row is None or row[0] >= version:
                return False  # written meanwhile (by another crawl sharing the store)
            mine = f"{self._WRITING}{writer}|{story_id}"
            taken = self.db.execute(
                "SELECT 1 FROM meta WHERE key LIKE ? AND key <> ?",
                (f"{self._WRITING}%|{story_id}", mine),
            ).fetchone()
            if taken:
                return False  # another crawl is writing it (or died doing so: settled later)
            self.db.execute(
                "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (mine, json.dumps([version, feeds])),
            )
        return True

    def exports_in_doubt(self) -> list[tuple[str, str, int, list[str]]]:
        rows = self.db.execute(
            "SELECT key, value FROM meta WHERE key LIKE ?", (self._WRITING + "%",)
        ).fetchall()
        found: list[tuple[str, str, int, list[str]]] = []
        for key, value in rows:
            writer, _, story_id = key[len(self._WRITING) :].rpartition("|")
            version, feeds = json.loads(value)
            found.append((writer, story_id, int(version), list(feeds)))
        return found

    def forget_export(self, writer: str, story_id: str) -> None:
        self.db.execute("DELETE FROM meta WHERE key = ?", (f"{self._WRITING}{writer}|{story_id}",))

    def close(self) -> None:
        marker, self._marker = self._marker, None
        if marker is None:
            self.db.close()
            return
        try:
            self.db.execute("DELETE FROM meta WHERE key = ?", (marker,))
            self.db.close()
            return
        except sqlite3.Error:
            self.db.close()
        # The log could not take the delete (disk full): once the connection is closed and the log
        # checkpointed, a fresh log may. Else the next open takes this clean close for a crash
        # whose log was lost, and says so.
        try:
            db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
            try:
                db.execute("DELETE FROM meta WHERE key = ?", (marker,))
            finally:
                db.close()
        except sqlite3.Error as exc:
            logger.error(
                "%s: could not record that this crawl closed the store (%s); the next crawl "
                "will take it for one that died and refuse it until `scrapy store rebuild-index` "
                "is run",
                self.path,
                exc,
            )
