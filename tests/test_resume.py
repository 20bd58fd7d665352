"""Killed and stopped crawls: resumed with the same JOBDIR and store, nothing lost, nothing twice.

Each test really kills (SIGKILL) or stops (SIGTERM) a running ``scrapy crawl`` of the sample web and
restarts it with the same ``JOBDIR``; the two runs' feeds together must hold every story exactly
once, in whole lines, and the store must be consistent.
"""

from __future__ import annotations

import json
import signal
import socket
import sqlite3
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsmirror.sampleweb import SampleWeb, serve
from tests.crawl import ROOT, crawl_command, read_result, run_crawl, true_story_of


def _articles_stored(store: Path) -> int:
    if not store.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=5) as db:
            return int(db.execute("SELECT COUNT(*) FROM urls WHERE status='article'").fetchone()[0])
    except sqlite3.Error:
        return 0


def _lines(feed: Path) -> int:
    return feed.read_bytes().count(b"\n") if feed.exists() else 0


def _start(
    run: Path, proxy_url: str, homes: str, jobdir: Path | None, store: Path
) -> subprocess.Popen[str]:
    run.mkdir()
    cmd, env = crawl_command(
        run,
        proxy_url,
        args={"url": homes},
        settings={
            **({"JOBDIR": str(jobdir)} if jobdir else {}),
            "NEWSMIRROR_STORE": f"sqlite:///{store}",
            # Slow enough that a kill lands mid-crawl, on this loopback server.
            "CONCURRENT_REQUESTS": "2",
            "AUTOTHROTTLE_ENABLED": "False",
            "DOWNLOAD_DELAY": "0.05",
        },
    )
    return subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )


def _wait_for(proc: subprocess.Popen[str], ready: Callable[[], bool], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        assert proc.poll() is None, "the crawl ended before the kill point"
        assert time.monotonic() < deadline, "kill point not reached"
        time.sleep(0.02)


def _check_two_runs(runs: list[Path], store: Path, truth: dict[str, Any]) -> list[dict[str, Any]]:
    stories: list[dict[str, Any]] = []
    for run in runs:
        raw = (run / "out.jsonl").read_bytes() if (run / "out.jsonl").exists() else b""
        assert raw == b"" or raw.endswith(b"\n"), f"{run.name}: torn last line"
        stories += [json.loads(line) for line in raw.decode("utf-8").splitlines()]
    # Every story exactly once across both feeds…
    ids = Counter(s["id"] for s in stories)
    assert [i for i, n in ids.items() if n > 1] == []
    truth_of = true_story_of(truth)
    found = Counter(truth_of[s["copies"][0]["url"]] for s in stories)
    assert set(found) == set(truth_of.values())
    assert max(found.values()) == 1
    # …and the store agrees with the feeds: consistent, nothing left to write.
    with sqlite3.connect(store) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT COUNT(*) FROM stories").fetchone()[0] == len(stories)
        assert (
            db.execute("SELECT COUNT(*) FROM stories WHERE exported_version <> version").fetchone()[
                0
            ]
            == 0
        )
    return stories


KILL_POINTS: dict[str, Callable[[Path, Path, int], bool]] = {
    # (store, first run's feed, articles in the sample web) -> kill now?
    "after-a-few-articles": lambda store, feed, total: _articles_stored(store) >= 3,
    "halfway": lambda store, feed, total: _articles_stored(store) >= total // 2,
    "while-writing-stories": lambda store, feed, total: _lines(feed) >= 1,
}


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_a_killed_crawl_resumed_with_its_jobdir_writes_every_story_once(
    point: str, tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    homes = ",".join(site["home"] for site in truth["sites"])
    jobdir, store = tmp_path / "job", tmp_path / "store.db"
    total = len(true_story_of(truth))
    first = _start(tmp_path / "run1", proxy_url, homes, jobdir, store)
    try:
        _wait_for(first, lambda: KILL_POINTS[point](store, tmp_path / "run1" / "out.jsonl", total))
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(30)
    assert first.returncode == -signal.SIGKILL
    # Killed before its spider closed (the last kill point may land just after).
    unclosed = (jobdir / "newsmirror.running").exists()
    assert unclosed or point == "while-writing-stories"

    second = _start(tmp_path / "run2", proxy_url, homes, jobdir, store)
    _, err = second.communicate(timeout=300)
    result = read_result(tmp_path / "run2", second.returncode, err)
    assert result.returncode == 0, result.log[-3000:]
    assert result.stat("newsmirror/jobdir/recovered") == int(unclosed)
    assert ("did not close (killed?)" in result.log) == unclosed
    _check_two_runs([tmp_path / "run1", tmp_path / "run2"], store, truth)


def test_sigterm_stops_cleanly_and_the_jobdir_resumes_the_crawl(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    homes = ",".join(site["home"] for site in truth["sites"])
    jobdir, store = tmp_path / "job", tmp_path / "store.db"
    total = len(true_story_of(truth))
    first = _start(tmp_path / "run1", proxy_url, homes, jobdir, store)
    _wait_for(first, lambda: _articles_stored(store) >= total // 3)
    first.send_signal(signal.SIGTERM)
    _, err = first.communicate(timeout=120)
    stopped = read_result(tmp_path / "run1", first.returncode, err)
    assert stopped.returncode == 0, stopped.log[-3000:]
    assert stopped.stats["finish_reason"] == "shutdown"
    # Paused: the stories it found are in the store, written by the run that resumes it.
    assert _articles_stored(store) >= total // 3
    assert (jobdir / "requests.queue").is_dir()
    assert not (jobdir / "newsmirror.running").exists()

    second = _start(tmp_path / "run2", proxy_url, homes, jobdir, store)
    _, err = second.communicate(timeout=300)
    resumed = read_result(tmp_path / "run2", second.returncode, err)
    assert resumed.returncode == 0, resumed.log[-3000:]
    assert resumed.stat("newsmirror/jobdir/recovered") == 0
    _check_two_runs([tmp_path / "run1", tmp_path / "run2"], store, truth)


class _HeldAnswers:
    """A fault source that, once armed, holds every answer until released (or ``seconds`` pass):
    the requests then in flight keep a graceful close from finishing."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.armed = threading.Event()
        self.released = threading.Event()
        self.holding = 0  # answers held so far
        self._lock = threading.Lock()

    def decide(self, url: str) -> None:
        """Hold the answer while armed; the page is then served as usual."""
        if self.armed.is_set():
            with self._lock:
                self.holding += 1
            self.released.wait(self.seconds)


def test_a_second_sigterm_is_a_kill_and_the_jobdir_recovers_from_it(
    tmp_path: Path, web: SampleWeb, truth: dict[str, Any]
) -> None:
    """Scrapyd's cancel twice (or Ctrl-C twice): the crawl stops at once, uncleanly, like a kill;
    the next run with the same JOBDIR recovers and every story is written once."""
    homes = ",".join(site["home"] for site in truth["sites"])
    jobdir, store = tmp_path / "job", tmp_path / "store.db"
    total = len(true_story_of(truth))
    held = _HeldAnswers(seconds=60)
    with serve(web, faults=[held]) as server:
        first = _start(tmp_path / "run1", server.proxy_url, homes, jobdir, store)
        try:
            _wait_for(first, lambda: _articles_stored(store) >= total // 3)
            # The first SIGTERM's close waits for the requests in flight, which the server now
            # holds: the second lands while the crawl is still closing, whatever the timing.
            held.armed.set()
            _wait_for(first, lambda: held.holding > 0)
            first.send_signal(signal.SIGTERM)
            time.sleep(0.5)  # two signals sent at once may arrive as one
            first.send_signal(signal.SIGTERM)
            _, err = first.communicate(timeout=120)
        finally:
            held.released.set()
            if first.poll() is None:
                first.kill()
        stopped = read_result(tmp_path / "run1", first.returncode, err)
        assert "forcing unclean shutdown" in stopped.log
        assert "Spider closed" not in stopped.log
        # It did not close: the marker stays, and its queue is not to be trusted.
        assert (jobdir / "newsmirror.running").exists()

        held.armed.clear()
        second = _start(tmp_path / "run2", server.proxy_url, homes, jobdir, store)
        _, err = second.communicate(timeout=300)
    resumed = read_result(tmp_path / "run2", second.returncode, err)
    assert resumed.returncode == 0, resumed.log[-3000:]
    assert resumed.stat("newsmirror/jobdir/recovered") == 1
    _check_two_runs([tmp_path / "run1", tmp_path / "run2"], store, truth)


def test_sigterm_without_a_jobdir_writes_what_the_crawl_found(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    """Scrapyd's cancel: the job's feed gets the stories found so far, the store knows it."""
    homes = ",".join(site["home"] for site in truth["sites"])
    store = tmp_path / "store.db"
    total = len(true_story_of(truth))
    first = _start(tmp_path / "run1", proxy_url, homes, None, store)
    _wait_for(first, lambda: _articles_stored(store) >= total // 3)
    first.send_signal(signal.SIGTERM)
    _, err = first.communicate(timeout=120)
    stopped = read_result(tmp_path / "run1", first.returncode, err)
    assert stopped.returncode == 0, stopped.log[-3000:]
    assert stopped.stats["finish_reason"] == "shutdown"
    assert stopped.items, "the stories found before the stop were not written"
    assert "found before the crawl was stopped" in stopped.log
    with sqlite3.connect(store) as db:
        written = dict(db.execute("SELECT id, exported_version FROM stories"))
    assert {s["id"]: s["version"] for s in stopped.items} == written


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


@pytest.mark.parametrize("line_was_out", [True, False])
def test_a_crawl_killed_between_a_line_and_its_record_is_settled_by_the_next_run(
    line_was_out: bool, tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    """The one story a killed crawl was writing: written again only if its line is not out."""
    page = next(p for p in truth["pages"] if p["kind"] == "article" and p["attribution"])
    store = tmp_path / "store.db"
    settings = {"NEWSMIRROR_STORE": f"sqlite:///{store}"}
    (tmp_path / "run1").mkdir()
    (tmp_path / "run2").mkdir()
    first = run_crawl(tmp_path / "run1", proxy_url, args={"url": page["url"]}, settings=settings)
    assert first.returncode == 0, first.log[-3000:]
    (story,) = first.items
    feed = tmp_path / "run1" / "out.jsonl"
    if not line_was_out:
        feed.write_bytes(b"")
    # The state a kill leaves right after the line went out: the store has not recorded it.
    with sqlite3.connect(store) as db:
        db.execute("UPDATE stories SET exported_version = 0 WHERE id = ?", (story["id"],))
        db.execute(
            "INSERT INTO meta VALUES (?, ?)",
            (
                f"writing:{socket.gethostname()}:{_dead_pid()}|{story['id']}",
                json.dumps([story["version"], [str(feed)]]),
            ),
        )
    second = run_crawl(tmp_path / "run2", proxy_url, args={"url": page["url"]}, settings=settings)
    assert second.returncode == 0, second.log[-3000:]
    assert [s["id"] for s in second.items] == ([] if line_was_out else [story["id"]])
    assert ("recorded now, it is not written again" in second.log) == line_was_out
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT COUNT(*) FROM meta WHERE key LIKE 'writing:%'").fetchone() == (0,)
        assert db.execute("SELECT exported_version FROM stories").fetchall() == [
            (story["version"],)
        ]


def test_a_torn_last_line_of_an_appended_feed_is_cut_off_and_logged(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    """``-o feed.jsonl`` appends: a line torn by a crash must not glue onto the next run's first."""
    page = next(p for p in truth["pages"] if p["kind"] == "article" and p["attribution"])
    feed = tmp_path / "feed.jsonl"
    whole = b'{"id": "earlier", "version": 1}\n'
    torn = b'{"id": "torn", "title": "cut mid-wr'
    feed.write_bytes(whole + torn)
    cmd, env = crawl_command(tmp_path, proxy_url, args={"url": page["url"]}, out=feed, append=True)
    proc = subprocess.run(
        cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    result = read_result(tmp_path, proc.returncode, proc.stderr)
    assert result.returncode == 0, result.log[-3000:]
    assert f"Feed {feed} ended with a torn line ({len(torn)} bytes" in result.log
    lines = feed.read_bytes().splitlines(keepends=True)
    assert lines[0] == whole
    assert [json.loads(line)["title"] for line in lines[1:]] == [page["title"]]
