"""Two crawls running at once on one story store (Scrapyd with max_proc > 1, cron overlaps)."""

from __future__ import annotations

import sqlite3
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

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
