"""Two crawls running at once on one story store (Scrapyd with max_proc > 1, cron overlaps)."""

from __future__ import annotations

import multiprocessing
import sqlite3
import subprocess
import time
from collections import Counter
from pathlib import Path
from typing import Any

from newsmirror.store import open_store
from tests.crawl import ROOT, crawl_command, read_result, true_story_of


def test_concurrent_crawls_on_one_store_write_each_story_version_once(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    homes = ",".join(site["home"] for site in truth["sites"])
    store = tmp_path / "store.db"
    procs = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        cmd, env = crawl_command(
            tmp_path / name,
            proxy_url,
            args={"url": homes},
            settings={"NEWSMIRROR_STORE": f"sqlite:///{store}"},
        )
        procs.append(subprocess.Popen(cmd, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True))
    results = []
    for name, proc in zip(("a", "b"), procs, strict=True):
        _, err = proc.communicate(timeout=300)
        results.append(read_result(tmp_path / name, proc.returncode, err))
    for result in results:
        assert result.returncode == 0, result.log[-3000:]
    stories = [story for result in results for story in result.items]
    versions = Counter((s["id"], s["version"]) for s in stories)
    assert [key for key, n in versions.items() if n > 1] == []
    truth_of = true_story_of(truth)
    assert {truth_of[c["url"]] for s in stories for c in s["copies"]} == set(truth_of.values())
    with sqlite3.connect(store) as db:
        latest = dict(db.execute("SELECT id, version FROM stories"))
        assert db.execute(
            "SELECT COUNT(*) FROM stories WHERE exported_version <> version"
        ).fetchone() == (0,)
        assert db.execute("SELECT COUNT(*) FROM meta WHERE key LIKE 'writing:%'").fetchone() == (0,)
    # The latest version of every story reached one of the two feeds.
    written = {(s["id"], s["version"]) for s in stories}
    assert set(latest.items()) <= written


def test_eight_crawls_writing_one_sqlite_store_lose_no_row_and_split_no_story(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    """Eight crawls at once on one store, the sample web's sites dealt out among them: every
    write waits its turn (busy timeout), none fails; every article page is stored, and each true
    story is one story."""
    store = tmp_path / "store.db"
    procs = []
    for n in range(8):
        (tmp_path / str(n)).mkdir()
        homes = ",".join(site["home"] for site in truth["sites"][n::8])
        cmd, env = crawl_command(
            tmp_path / str(n),
            proxy_url,
            args={"url": homes},
            settings={"NEWSMIRROR_STORE": f"sqlite:///{store}"},
        )
        procs.append(subprocess.Popen(cmd, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True))
    results = []
    for n, proc in enumerate(procs):
        _, err = proc.communicate(timeout=300)
        results.append(read_result(tmp_path / str(n), proc.returncode, err))
    for result in results:
        assert result.returncode == 0, result.log[-3000:]
        assert "database is locked" not in result.log
        assert "could not write to the story store" not in result.log
    # Each story version reached one feed only.
    versions = Counter((s["id"], s["version"]) for r in results for s in r.items)
    assert [key for key, n in versions.items() if n > 1] == []
    truth_of = true_story_of(truth)
    with sqlite3.connect(store) as db:
        copies = dict(db.execute("SELECT url, story_id FROM copies"))
        assert db.execute(
            "SELECT COUNT(*) FROM stories WHERE exported_version <> version"
        ).fetchone() == (0,)
    db.close()
    assert set(copies) == set(truth_of)  # every article page of the sample web: no lost row
    story_of: dict[str, str] = {}
    for url, story_id in copies.items():
        assert story_of.setdefault(truth_of[url], story_id) == story_id, f"{url}: split story"
    assert len(set(copies.values())) == len(set(truth_of.values()))


def _open_on_cue(path: str, cue: Any, outcomes: Any) -> None:
    cue.wait()
    try:
        store = open_store(f"sqlite:///{path}")
        outcomes.put("opened")
        time.sleep(0.1)  # kept open a moment, as a crawl keeps it
        store.close()
    except Exception as exc:  # reported to the test, whatever it is
        outcomes.put(f"{type(exc).__name__}: {exc}")


def test_crawls_started_together_each_open_the_new_store(tmp_path: Path) -> None:
    """Two processes open a store that does not exist yet at the same moment (crawls started
    by one cron line or one Scrapyd schedule), thirty times over: each opens it, neither takes
    the other's creating it for damage."""
    fork = multiprocessing.get_context("fork")
    for trial in range(30):
        path = tmp_path / f"store{trial}.db"
        cue, outcomes = fork.Barrier(2), fork.Queue()
        procs = [
            fork.Process(target=_open_on_cue, args=(str(path), cue, outcomes)) for _ in range(2)
        ]
        for proc in procs:
            proc.start()
        got = [outcomes.get(timeout=60) for _ in procs]
        for proc in procs:
            proc.join(30)
        assert got == ["opened"] * 2, (trial, got)
