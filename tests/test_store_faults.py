"""A damaged story store stops the crawl before it writes; `scrapy store` finds and rebuilds it.

Every damage is done to a copy of a store a real crawl of the sample web filled: the file cut short,
bytes flipped in a page, a table gone, a newer schema, the write-ahead log of a crashed writer lost.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import redis

from newsmirror.dedup.fingerprint import Fingerprint
from newsmirror.store import open_store
from newsmirror.store.redis import SCHEMA_VERSION as REDIS_SCHEMA
from newsmirror.store.sqlite import SCHEMA_VERSION
from tests.crawl import ROOT, SCRAPY, CrawlResult, run_crawl, true_story_of
from tests.redis_server import RedisServer

# Crawled first: the origin publishers and one aggregator. The other aggregators come later; among
# them newsroundup24.com, whose copy without attribution can only join its story through the
# near-duplicate index (content), not by a URL it names.
FIRST = (
    "www.example-wire.com",
    "www.metro-chronicle.com",
    "www.journal-exemple.fr",
    "dailymarketmirror.net",
)


def _homes(truth: dict[str, Any], first: bool) -> str:
    return ",".join(s["home"] for s in truth["sites"] if (s["domain"] in FIRST) == first)


def _crawl_second_half(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any], store_uri: str
) -> CrawlResult:
    """A crawl of the sites the ``crawled`` store has not seen, on ``store_uri``."""
    return run_crawl(
        tmp_path,
        proxy_url,
        args={"url": _homes(truth, first=False)},
        settings={"NEWSMIRROR_STORE": store_uri},
    )


def _critical(result: CrawlResult) -> str:
    """The crawl's CRITICAL log line: why it stopped."""
    return next(line for line in result.log.splitlines() if "CRITICAL" in line)


@pytest.fixture(scope="module")
def crawled(
    tmp_path_factory: pytest.TempPathFactory, proxy_url: str, truth: dict[str, Any]
) -> Path:
    """A store filled by a real crawl of some of the sample web's sites, closed cleanly."""
    tmp = tmp_path_factory.mktemp("crawled")
    result = run_crawl(
        tmp,
        proxy_url,
        args={"url": _homes(truth, first=True)},
        settings={"NEWSMIRROR_STORE": f"sqlite:///{tmp}/store.db"},
    )
    assert result.returncode == 0, result.log[-3000:]
    assert result.items
    assert not (tmp / "store.db-wal").exists()  # closed cleanly: the log is checkpointed away
    return tmp / "store.db"


def _copy(store: Path, tmp_path: Path) -> Path:
    target = tmp_path / "store.db"
    shutil.copy(store, target)
    return target


def _root_page(store: Path, table: str) -> tuple[int, int]:
    """(page size, first byte) of the root page of ``table``."""
    with sqlite3.connect(f"{store.as_uri()}?mode=ro", uri=True) as db:
        (page_size,) = db.execute("PRAGMA page_size").fetchone()
        (root,) = db.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()
    db.close()
    return int(page_size), (int(root) - 1) * int(page_size)


def _flip(store: Path, offset: int, length: int) -> None:
    data = bytearray(store.read_bytes())
    for i in range(offset, offset + length):
        data[i] ^= 0xFF
    store.write_bytes(bytes(data))


def _sql(store: Path, *statements: str) -> None:
    db = sqlite3.connect(store)
    for statement in statements:
        db.execute(statement)
    db.commit()
    db.close()


def truncate(store: Path) -> str:
    size = store.stat().st_size
    with store.open("r+b") as handle:
        handle.truncate(size // 2 + 100)
    return "truncated"


def flip_bytes(store: Path) -> str:
    _, offset = _root_page(store, "stories")
    _flip(store, offset, 16)  # the b-tree page header of the stories table
    return "damaged (quick_check"


def drop_table(store: Path) -> str:
    _sql(store, "DROP TABLE copies")
    return "table copies is missing"


def newer_schema(store: Path) -> str:
    _sql(store, f"UPDATE meta SET value = '{SCHEMA_VERSION + 1}' WHERE key = 'version'")
    return f"store schema version {SCHEMA_VERSION + 1} is newer than this newsmirror"


# A writer that places one row and dies before closing the store, as a crash does.
_DYING_WRITER = (
    "import os, sys\n"
    "from newsmirror.store.sqlite import SQLiteStore\n"
    "store = SQLiteStore(sys.argv[1])\n"
    "store.mark_url('http://www.example-wire.com/late/', 'article', '2026-11-28T00:00:00+00:00')\n"
    "os._exit(0)\n"
)


def crash_and_lose_the_wal(store: Path) -> str:
    subprocess.run([sys.executable, "-c", _DYING_WRITER, str(store)], cwd=ROOT, check=True)
    wal = store.with_name(store.name + "-wal")
    assert wal.exists()  # what the crash left: the log holds the row
    # With its log, the store is sound: SQLite replays it at the next open.
    assert _store_command("check", store).returncode == 0
    wal.unlink()
    store.with_name(store.name + "-shm").unlink(missing_ok=True)
    return "write-ahead log store.db-wal is missing"


def _store_command(action: str, store: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SCRAPY, "store", action, "--store", f"sqlite:///{store}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _digest(store: Path) -> str:
    return hashlib.sha256(store.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "damage", [truncate, flip_bytes, drop_table, newer_schema, crash_and_lose_the_wal]
)
def test_a_damaged_store_stops_the_crawl_before_anything_is_written(
    damage: Any, crawled: Path, tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    store = _copy(crawled, tmp_path)
    cause = damage(store)
    before = _digest(store)
    result = _crawl_second_half(tmp_path, proxy_url, truth, f"sqlite:///{store}")
    assert result.returncode != 0
    assert result.items == []
    assert "Crawled (200)" not in result.log
    message = _critical(result)
    assert str(store) in message, message
    assert cause in message, message
    if damage is not newer_schema:
        assert f"scrapy store rebuild-index --store sqlite:///{store}" in message
    # Not one byte written to the store, and no write-ahead log begun.
    assert _digest(store) == before
    assert not store.with_name("store.db-wal").exists()
    if damage is not newer_schema:
        # The command the message names gives a store that passes every check (exit status 0).
        rebuilt = _store_command("rebuild-index", store)
        assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
        assert f"Rebuilt {store}" in rebuilt.stdout


def _current_keys(db: sqlite3.Connection) -> set[tuple[str, str]]:
    """What the near-duplicate index must hold: each story's keys, from its stored fingerprint."""
    keys = set()
    rows = db.execute("SELECT id, signature, size, paragraphs, entities FROM stories")
    for story_id, signature, size, paragraphs, entities in rows:
        fingerprint = Fingerprint.from_bytes(
            signature, size, tuple(json.loads(paragraphs)), tuple(json.loads(entities))
        )
        keys |= {(key, story_id) for key in fingerprint.index_keys()}
    return keys


def _stories(store: Path) -> list[dict[str, Any]]:
    out = store.with_name("all.jsonl")
    subprocess.run(
        [*SCRAPY, "stories", "-o", str(out), "--store", f"sqlite:///{store}"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return [json.loads(line) for line in out.read_text("utf-8").splitlines()]


def one_story_per_true_story(stories: list[dict[str, Any]], truth: dict[str, Any]) -> set[str]:
    """The true stories found; fails if copies of one true story are split over two stories."""
    truth_of = true_story_of(truth)
    story_of: dict[str, str] = {}
    for story in stories:
        for copy in story["copies"]:
            true = truth_of[copy["url"]]
            assert story_of.setdefault(true, story["id"]) == story["id"], f"{true} split"
    return set(story_of)


def test_a_damaged_index_is_rebuilt_and_the_next_crawl_finds_copies_through_it(
    crawled: Path, tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    store = _copy(crawled, tmp_path)
    page_size, offset = _root_page(store, "keys")
    _flip(store, offset, page_size)  # the near-duplicate index's root page, all of it
    (tmp_path / "refused").mkdir()
    refused = _crawl_second_half(tmp_path / "refused", proxy_url, truth, f"sqlite:///{store}")
    assert refused.returncode != 0
    assert "damaged" in refused.log

    check = _store_command("check", store)
    assert check.returncode == 1
    assert f"{store}: damaged (integrity_check" in check.stdout
    rebuilt = _store_command("rebuild-index", store)
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    assert "Rebuilt" in rebuilt.stdout
    assert "Not carried over" not in rebuilt.stdout
    kept = next(tmp_path.glob("store.db.damaged-*"))  # the damaged file is kept beside it
    assert _digest(kept) != _digest(store)
    assert _store_command("check", store).returncode == 0
    with sqlite3.connect(crawled) as original, sqlite3.connect(store) as new:
        for table in ("stories", "copies", "urls"):
            query = f"SELECT * FROM {table} ORDER BY 1, 2"
            assert original.execute(query).fetchall() == new.execute(query).fetchall(), table
        # The index again: every key of every story's fingerprint (the bands of its earlier
        # fingerprints, which the damaged index also held, cannot be computed again).
        index = set(new.execute("SELECT key, story_id FROM keys"))
        assert index == _current_keys(new)
        assert index <= set(original.execute("SELECT key, story_id FROM keys"))
    original.close()
    new.close()

    # The next crawl, of the sites not crawled yet: their copies join the stored stories.
    result = _crawl_second_half(tmp_path, proxy_url, truth, f"sqlite:///{store}")
    assert result.returncode == 0, result.log[-3000:]
    assert result.stat("newsmirror/dedup/joined") + result.stat("newsmirror/dedup/changed") > 0
    stories = _stories(store)
    assert one_story_per_true_story(stories, truth) == set(true_story_of(truth).values())
    # A copy that names no original, crawled only now: it joined its story by content alone.
    unattributed = {
        p["url"]
        for p in truth["pages"]
        if p["kind"] == "article" and p["is_copy"] and not p["attribution"]
    }
    assert unattributed
    assert all(p["site"] not in FIRST for p in truth["pages"] if p["url"] in unattributed)
    assert unattributed <= {c["url"] for s in stories for c in s["copies"]}


@pytest.mark.parametrize(
    ("meta", "cause"),
    [
        (
            {"application": "newsmirror-store", "version": "99"},
            "store schema version 99 is newer than this newsmirror",
        ),
        ({"application": "someone-else", "version": "1"}, "not a newsmirror store"),
    ],
    ids=["newer-schema", "not-ours"],
)
def test_a_redis_store_of_another_schema_stops_the_crawl(
    meta: dict[str, str],
    cause: str,
    tmp_path: Path,
    proxy_url: str,
    truth: dict[str, Any],
    redis_server: RedisServer,
) -> None:
    prefix = f"schema-{meta['application']}"
    db = redis.Redis.from_url(redis_server.url)
    db.hset(f"{prefix}:meta", mapping=dict(meta.items()))
    before = sorted(db.keys(f"{prefix}:*"))
    result = _crawl_second_half(tmp_path, proxy_url, truth, f"{redis_server.url}?prefix={prefix}")
    assert result.returncode != 0
    assert result.items == []
    message = _critical(result)
    assert redis_server.url in message
    assert cause in message
    assert sorted(db.keys(f"{prefix}:*")) == before
    assert db.hgetall(f"{prefix}:meta") == {k.encode(): v.encode() for k, v in meta.items()}


def test_check_reports_stories_missing_from_the_index(crawled: Path, tmp_path: Path) -> None:
    """Rows lost from the index (no damage SQLite can see) are found by `scrapy store check`."""
    store = _copy(crawled, tmp_path)
    _sql(store, "DELETE FROM keys WHERE key LIKE 'b%'")  # the LSH bands, paragraph keys kept
    check = _store_command("check", store)
    assert check.returncode == 1
    assert "missing from the near-duplicate index" in check.stdout
    assert _store_command("rebuild-index", store).returncode == 0
    assert _store_command("check", store).returncode == 0
    with sqlite3.connect(store) as db:
        assert _current_keys(db) <= set(db.execute("SELECT key, story_id FROM keys"))
    db.close()


def test_another_programs_file_is_not_rebuilt(tmp_path: Path) -> None:
    """`rebuild-index` on a file that is not a store (a wrong NEWSMIRROR_STORE) leaves it be."""
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    foreign = tmp_path / "foreign.db"
    _sql(foreign, "CREATE TABLE meta (key, value)", "INSERT INTO meta VALUES ('application', 'x')")
    for path, message in ((junk, "not an SQLite database"), (foreign, "not a newsmirror store")):
        before = _digest(path)
        refused = _store_command("rebuild-index", path)
        assert refused.returncode == 1
        assert f"{path}: {message}" in refused.stderr
        assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["foreign.db", "junk.db"]


def _kept_before_line_hashes(fp: Fingerprint) -> bytes:
    """A copy's fingerprint as a store of the previous schema kept it: no line hashes."""
    head = json.dumps([fp.size, list(fp.paragraphs), list(fp.entities)]).encode()
    return head + b"\n" + fp.to_bytes()


def test_a_store_of_the_previous_schema_is_marked_this_one_and_read_as_kept(
    tmp_path: Path, redis_server: RedisServer
) -> None:
    """Version 3 (SQLite) / 2 (Redis) keep each copy's line hashes, which the code before cannot
    read: a crawl opening an older store marks it, so that older code refuses it with its one-line
    message; the fingerprints kept before are read without line hashes."""
    fp = Fingerprint.of(["One paragraph of a copy, as it was placed.", "Comments"])
    url = "http://mirror.example/a/"
    path = tmp_path / "store.db"
    open_store(f"sqlite:///{path}").close()
    _sql(
        path,
        f"UPDATE meta SET value = '{SCHEMA_VERSION - 1}' WHERE key = 'version'",
    )
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO copy_prints VALUES (?, ?)", (url, _kept_before_line_hashes(fp)))
    db.close()
    reader = open_store(f"sqlite:///{path}", read_only=True)
    assert reader.prints([url])[url].lines == ()  # read as kept; a reader marks nothing
    reader.close()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()[0] == str(
            SCHEMA_VERSION - 1
        )
    db.close()
    store = open_store(f"sqlite:///{path}")
    assert store.prints([url])[url].paragraphs == fp.paragraphs
    store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()[0] == str(
            SCHEMA_VERSION
        )
    db.close()

    prefix = "schema-previous"
    db_r = redis.Redis.from_url(redis_server.url)
    db_r.hset(f"{prefix}:meta", mapping={"application": "newsmirror-store", "version": "1"})
    db_r.hset(f"{prefix}:prints", url, _kept_before_line_hashes(fp))
    store = open_store(f"{redis_server.url}?prefix={prefix}")
    assert store.prints([url])[url].lines == ()
    store.close()
    assert db_r.hget(f"{prefix}:meta", "version") == str(REDIS_SCHEMA).encode()
