"""Disk full and pipeline errors: the crawl fails loudly, and the next run writes what was lost.

The full disk is real: the crawl runs with a file size limit (``RLIMIT_FSIZE``), so the kernel
refuses the write that would pass it (``EFBIG``), as it refuses one on a full disk (``ENOSPC``).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from scrapy.utils.project import get_project_settings

from tests.crawl import ROOT, CrawlResult, crawl_command, read_result, run_crawl, true_story_of

SITES = ("www.example-wire.com", "www.heartlandbriefs.com")


def _homes(truth: dict[str, Any]) -> str:
    return ",".join(s["home"] for s in truth["sites"] if s["domain"] in SITES)


def _file_size_limit(size: int) -> Callable[[], None]:
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))


def _crawl(
    tmp_path: Path,
    proxy_url: str,
    truth: dict[str, Any],
    store: Path | None,
    *,
    append: bool = False,
    limit: int | None = None,
) -> CrawlResult:
    cmd, env = crawl_command(
        tmp_path,
        proxy_url,
        args={"url": _homes(truth)},
        settings={"NEWSMIRROR_STORE": f"sqlite:///{store}" if store else ""},
        append=append,
    )
    proc = subprocess.run(
        cmd,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        preexec_fn=_file_size_limit(limit) if limit else None,
    )
    return read_result(tmp_path, proc.returncode, proc.stderr, out=tmp_path / "none.jsonl")


def _store_state(store: Path) -> tuple[dict[str, int], set[str], set[str]]:
    """(latest version of each story, stories recorded as written, article URLs stored)."""
    with sqlite3.connect(store) as db:
        versions = dict(db.execute("SELECT id, version FROM stories"))
        written = {
            r[0] for r in db.execute("SELECT id FROM stories WHERE exported_version >= version")
        }
        copies = {r[0] for r in db.execute("SELECT url FROM copies")}
    db.close()
    return versions, written, copies


def test_a_full_disk_under_the_feed_fails_the_crawl_and_the_next_run_writes_the_rest(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    limit = 16 << 20
    feed, store = tmp_path / "out.jsonl", tmp_path / "store.db"
    # Earlier runs' lines have filled the feed up to a few kilobytes below the limit.
    filler = (json.dumps({"filler": "x" * 1000}) + "\n").encode()
    with feed.open("wb") as handle:
        handle.write(filler * ((limit - 9000) // len(filler)))
    start = feed.stat().st_size

    first = _crawl(tmp_path, proxy_url, truth, store, append=True, limit=limit)
    assert first.returncode != 0
    assert f"Could not write to feed {feed}: [Errno 27] File too large" in first.log
    assert "the next run writes them" in first.log
    tail = feed.read_bytes()[start:]
    whole = [json.loads(line) for line in tail.split(b"\n")[:-1]]
    assert whole  # some lines fitted, then one did not
    versions, written, _ = _store_state(store)
    # Recorded as written: exactly the stories whose whole line is in the feed.
    assert written == {s["id"] for s in whole}
    assert set(versions) - written

    second = _crawl(tmp_path, proxy_url, truth, store, append=True)
    assert second.returncode == 0, second.log[-3000:]
    lines = feed.read_bytes()[start:].decode("utf-8").splitlines()
    stories = [json.loads(line) for line in lines]  # the torn line was cut off: all whole
    ids = [s["id"] for s in stories]
    assert len(ids) == len(set(ids))
    versions, written, _ = _store_state(store)
    assert set(ids) == set(versions) == written
    assert {(s["id"], s["version"]) for s in stories} == set(versions.items())


def test_a_feed_without_room_for_one_line_fails_the_crawl_and_the_next_run_writes_every_story(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    """The tmpfs test's full disk, for every machine: a file size limit (RLIMIT_FSIZE) a few
    bytes past the feed's end, so that the very first line cannot be written whole."""
    limit = 16 << 20
    feed, store = tmp_path / "out.jsonl", tmp_path / "store.db"
    filler = (json.dumps({"filler": "x" * 1000}) + "\n").encode()
    lines = (limit - 2000) // len(filler)
    pad = limit - 100 - lines * len(filler) - len(b'{"filler": ""}\n')
    feed.write_bytes(filler * lines + (json.dumps({"filler": "x" * pad}) + "\n").encode())
    start = feed.stat().st_size
    assert limit - start < 200  # shorter than any story's line

    first = _crawl(tmp_path, proxy_url, truth, store, append=True, limit=limit)
    assert first.returncode != 0
    assert f"Could not write to feed {feed}: [Errno 27] File too large" in first.log
    assert b"\n" not in feed.read_bytes()[start:]  # a torn start of a line at most
    versions, written, _ = _store_state(store)
    assert versions
    assert written == set()  # nothing is recorded as written that is not whole in the feed

    second = _crawl(tmp_path, proxy_url, truth, store, append=True)
    assert second.returncode == 0, second.log[-3000:]
    stories = [json.loads(line) for line in feed.read_bytes()[start:].decode("utf-8").splitlines()]
    assert len({s["id"] for s in stories}) == len(stories)
    versions, written, _ = _store_state(store)
    assert {s["id"] for s in stories} == set(versions) == written


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 256 KiB file system (tmpfs), where the machine lets the tests mount one (root)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    untested = (
        "ENOSPC from a real full file system not tested: {}; the RLIMIT_FSIZE tests here (EFBIG) "
        "still take the feed's failed-write path"
    )
    if os.geteuid() != 0:
        pytest.skip(untested.format(f"mounting a tmpfs needs root, running as uid {os.geteuid()}"))
    if not shutil.which("mount"):
        pytest.skip(untested.format("no mount command on PATH"))
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        reason = f"mount -t tmpfs failed: {done.stderr.decode().strip()}"
        pytest.skip(untested.format(reason))
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def test_a_disk_that_fills_up_under_the_feed_and_is_freed_loses_no_story(
    small_disk: Path, tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    """ENOSPC from a real full file system; the next run, once space is freed, writes the rest."""
    feed, store = small_disk / "out.jsonl", tmp_path / "store.db"
    other = small_disk / "other.bin"
    with other.open("wb", buffering=0) as handle:  # someone else's file fills the disk ...
        try:
            while True:
                handle.write(b"x" * 4096)
        except OSError:
            pass
    os.truncate(other, other.stat().st_size - 12288)  # ... all but three pages of it

    def crawl(name: str) -> CrawlResult:
        (tmp_path / name).mkdir()
        return _crawl_to(tmp_path / name, proxy_url, truth, store, feed)

    first = crawl("first")
    assert first.returncode != 0
    assert f"Could not write to feed {feed}: [Errno 28] No space left on device" in first.log
    whole = [json.loads(line) for line in feed.read_bytes().split(b"\n")[:-1]]
    assert whole
    versions, written, _ = _store_state(store)
    assert written == {s["id"] for s in whole}
    assert set(versions) - written

    other.unlink()  # space freed
    second = crawl("second")
    assert second.returncode == 0, second.log[-3000:]
    stories = [json.loads(line) for line in feed.read_text("utf-8").splitlines()]
    assert len({s["id"] for s in stories}) == len(stories)
    versions, written, _ = _store_state(store)
    assert {s["id"] for s in stories} == set(versions) == written


def _crawl_to(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any], store: Path, feed: Path
) -> CrawlResult:
    """A crawl appending (``-o``) to ``feed``."""
    cmd, env = crawl_command(
        tmp_path,
        proxy_url,
        args={"url": _homes(truth)},
        settings={"NEWSMIRROR_STORE": f"sqlite:///{store}"},
        out=feed,
        append=True,
    )
    proc = subprocess.run(
        cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    return read_result(tmp_path, proc.returncode, proc.stderr, out=tmp_path / "none.jsonl")


def test_without_a_store_a_full_disk_under_the_feed_fails_the_crawl_too(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    """One record per article page, no store: the feed's failure still stops the crawl, loudly."""
    limit = 64 << 10
    feed = tmp_path / "out.jsonl"
    feed.write_bytes((json.dumps({"filler": "x" * 1000}) + "\n").encode() * 60)
    result = _crawl(tmp_path, proxy_url, truth, None, append=True, limit=limit)
    assert result.returncode != 0
    assert f"Could not write to feed {feed}: [Errno 27] File too large" in result.log
    assert result.stat("newsmirror/feed/write_failed") >= 1
    assert result.stats["finish_reason"] == "feed_write_failed"


def test_a_full_disk_under_the_store_fails_the_crawl_and_the_next_run_stores_every_page(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    store = tmp_path / "store.db"
    first = _crawl(tmp_path, proxy_url, truth, store, limit=96 << 10)
    assert first.returncode != 0
    # SQLite's words for a refused write (ENOSPC: "database or disk is full"; EFBIG: this).
    assert f"{store}: could not write to the story store (disk I/O error" in first.log
    assert "crawled again" in first.log
    _, _, stored = _store_state(store)  # still a sound store: what was committed stays

    second = _crawl(tmp_path, proxy_url, truth, store)
    assert second.returncode == 0, second.log[-3000:]
    versions, written, copies = _store_state(store)
    articles = {p["url"] for p in truth["pages"] if p["kind"] == "article" and p["site"] in SITES}
    assert stored < copies
    assert articles <= copies
    assert set(versions) == written  # every story written, once the disk had room
    truth_of = true_story_of(truth)
    story_of: dict[str, str] = {}
    with sqlite3.connect(store) as db:
        for url, story_id in db.execute("SELECT url, story_id FROM copies"):
            assert story_of.setdefault(truth_of[url], story_id) == story_id, "split story"
    db.close()


def test_an_error_in_a_pipeline_fails_the_crawl_and_the_page_is_crawled_again(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    store = tmp_path / "store.db"
    url = next(
        p["url"]
        for p in truth["pages"]
        if p["kind"] == "article" and p["site"] == "www.heartlandbriefs.com"
    )
    pipelines = {
        **get_project_settings().getdict("ITEM_PIPELINES"),
        "tests.failing_pipeline.FailOnOnePage": 500,
    }
    (tmp_path / "first").mkdir()
    first = run_crawl(
        tmp_path / "first",
        proxy_url,
        args={"url": _homes(truth)},
        settings={
            "NEWSMIRROR_STORE": f"sqlite:///{store}",
            "ITEM_PIPELINES": json.dumps(pipelines),
            "TEST_FAIL_URL": url,
        },
    )
    assert first.returncode == 1
    assert f"Lost the item of {url}: an item pipeline raised ValueError" in first.log
    assert first.stat("newsmirror/items/lost") == 1
    assert url not in _store_state(store)[2]
    assert all(c["url"] != url for s in first.items for c in s["copies"])

    (tmp_path / "second").mkdir()
    second = run_crawl(
        tmp_path / "second",
        proxy_url,
        args={"url": _homes(truth)},
        settings={"NEWSMIRROR_STORE": f"sqlite:///{store}"},
    )
    assert second.returncode == 0, second.log[-3000:]
    assert url in _store_state(store)[2]  # fetched again, and stored this time
