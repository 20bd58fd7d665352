"""Outputs that cannot be written: the crawl says so at once, or never marks a story written.

The paths are really unwritable, for root too (the tests run as root, who ignores permission
bits): ``/proc`` refuses new files, and a path under a regular file has no directory to go in.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.crawl import FAST, ROOT, problem_lines, proxy_env, run_scrapy


def _bad_outputs(tmp_path: Path) -> list[tuple[list[str], str]]:
    """(options of `scrapy crawl`, what its one error line must say)."""
    regular = tmp_path / "a-file"
    regular.write_text("not a directory\n")
    return [
        (["-O", "/proc/out.jsonl"], "feed /proc/out.jsonl: cannot be written (No such file"),
        (["-o", f"{regular}/out.jsonl"], f"feed {regular}/out.jsonl: cannot be written (Not a dir"),
        (
            ["-O", f"{regular}/sub/out.jsonl"],
            f"cannot create directory {regular}/sub (Not a directory)",
        ),
        (
            ["-O", "/proc/nm-%(time)s/out.jsonl"],
            "feed /proc/nm-%(time)s/out.jsonl: cannot create files in /proc (No such file",
        ),
        (
            ["-s", "NEWSMIRROR_SIGHTINGS_FEED=/proc/sightings.jsonl"],
            "sightings feed /proc/sightings.jsonl: cannot be written (No such file",
        ),
        (
            ["-s", "NEWSMIRROR_STORE=sqlite:////proc/store.db"],
            "story store /proc/store.db: cannot create files in /proc (No such file",
        ),
        (
            ["-s", f"NEWSMIRROR_STORE=sqlite:///{tmp_path}"],
            f"story store {tmp_path}: a directory, not a store file",
        ),
        (
            ["-s", f"NEWSMIRROR_STORE=sqlite:///{regular}/store.db"],
            f"story store {regular}/store.db: {regular} is not a directory",
        ),
    ]


def test_an_output_that_cannot_be_written_stops_the_crawl_before_it_starts(tmp_path: Path) -> None:
    good_feed = tmp_path / "good.jsonl"
    store = tmp_path / "store.db"
    for options, expected in _bad_outputs(tmp_path):
        args = ["crawl", "mirror", "-a", "url=http://127.0.0.1:9/"]
        if "-O" not in options and "-o" not in options:
            args += ["-O", str(good_feed)]
        if not any(o.startswith("NEWSMIRROR_STORE=") for o in options):
            args += ["-s", f"NEWSMIRROR_STORE=sqlite:///{store}"]
        args += ["-s", f"NEWSMIRROR_STATS_FILE={tmp_path / 'stats.json'}", *options]
        done = run_scrapy(args, timeout=120)
        errors = problem_lines(done.stderr)
        assert done.returncode == 1, (options, done.stderr[-2000:])
        assert len(errors) == 1, (options, errors)
        assert errors[0].startswith("scrapy: error: ")
        assert expected in errors[0], (options, errors[0])
        assert "Traceback" not in done.stderr
        assert "damaged" not in done.stderr
        # Nothing started: no spider opened, no stats, no store, no feed, nothing left behind.
        assert "Spider opened" not in done.stderr
        assert not (tmp_path / "stats.json").exists()
        assert not store.exists()
        assert not good_feed.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_demo_names_the_output_it_cannot_write_not_a_damaged_store() -> None:
    done = run_scrapy(["demo", "-o", "/proc/x.jsonl"], timeout=120)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "scrapy: error: feed /proc/x.jsonl: cannot be written (No such file or directory); "
        "story store /proc/store.db: cannot create files in /proc (No such file or directory)"
    ]
    assert done.stdout == ""  # no summary of a crawl that did not run


SCRIPT = """
import json, sys
from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

settings = get_project_settings()
settings.setdict(json.loads(sys.argv[1]), priority="cmdline")
process = CrawlerProcess(settings)
process.crawl("mirror", url=sys.argv[2])
process.start()
"""


def test_a_feed_that_cannot_be_opened_mid_crawl_stops_it_and_no_story_is_marked_written(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    """Without the crawl command's check (a script running the crawl itself), the feed's file is
    opened at the first story, and cannot be: the crawl stops, and the store keeps every story
    unwritten for the next run."""
    store = tmp_path / "store.db"
    settings = {
        **FAST,
        "FEEDS": {"/proc/out.jsonl": {"format": "jsonlines"}},
        "NEWSMIRROR_STORE": f"sqlite:///{store}",
        "NEWSMIRROR_STATS_FILE": str(tmp_path / "stats.json"),
    }
    home = next(s["home"] for s in truth["sites"] if s["domain"] == "www.heartlandbriefs.com")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(settings), home],
        cwd=ROOT,
        env=proxy_env(proxy_url),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert "Could not write to feed /proc/out.jsonl: [Errno 2] No such file" in done.stderr
    stats = json.loads((tmp_path / "stats.json").read_text())
    assert stats["finish_reason"] == "feed_write_failed"
    assert stats["newsmirror/feed/write_failed"] >= 1
    with sqlite3.connect(store) as db:
        stories = db.execute("SELECT count(*) FROM stories").fetchone()[0]
        written = db.execute(
            "SELECT count(*) FROM stories WHERE exported_version >= version"
        ).fetchone()[0]
    db.close()
    assert stories > 0
    assert written == 0


def test_a_scrapyd_job_says_which_file_each_feed_is_written_to(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    """Scrapyd passes the job id as ``-a _job=``: relative feed paths go to the data directory,
    and the log names the very file, its placeholders filled in (not ``%(job)s``)."""
    article = next(
        p["url"] for p in truth["pages"] if p["kind"] == "article" and not p.get("needs_browser")
    )
    data = tmp_path / "data"
    args = ["crawl", "mirror", "-a", f"url={article}", "-a", "_job=job-7", "-O", "stories.jsonl"]
    args += ["-s", f"NEWSMIRROR_DATA_DIR={data}", "-s", "NEWSMIRROR_BROWSER=False"]
    args += ["-s", "NEWSMIRROR_SIGHTINGS_FEED=sightings/%(name)s-%(job)s.jsonl"]
    done = run_scrapy(args, env=proxy_env(proxy_url))
    assert done.returncode == 0, done.stderr[-3000:]
    assert (
        f"Scrapyd job job-7: feed sightings/%(name)s-%(job)s.jsonl is written to "
        f"{data}/sightings/mirror-job-7.jsonl"
    ) in done.stderr
    assert f"Scrapyd job job-7: feed stories.jsonl is written to {data}/stories.jsonl" in (
        done.stderr
    )
    assert (data / "sightings/mirror-job-7.jsonl").exists()
    assert len((data / "stories.jsonl").read_text().splitlines()) == 1
