"""Make ``JOBDIR`` safe for crawls that end badly: killed, or run twice on one directory.

Scrapy saves a ``JOBDIR``'s request queue only when the crawl closes cleanly; after a SIGKILL (or a
crash, or a lost machine) the queue files are torn and the seen-request file is partly written, so
resuming from them would skip pages that were never fetched. This extension leaves a marker in the
``JOBDIR`` while the crawl runs. Found at start, the marker means the last crawl did not close: its
queue and seen-request file are set aside and the crawl starts over from its seeds, skipping every
article the story store already holds, and writing the stories the killed run had not written yet.
A crawl that closed cleanly (finished, or paused with Ctrl-C / SIGTERM) resumes exactly as Scrapy
resumes it. The page budget's ledger (:mod:`newsmirror.budget`) is never set aside: it is written
page by page, so a killed run's is whole, and the run that starts over goes on with its counts.
"""

from __future__ import annotations

import logging
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.job import job_dir

from newsmirror.budget import LEDGER
from newsmirror.runtime import process_alive

logger = logging.getLogger(__name__)

MARKER = "newsmirror.running"
# What Scrapy keeps in a JOBDIR between runs (queue, seen-request fingerprints).
_SCHEDULER_STATE = ("requests.queue", "requests.seen")
# What newsmirror keeps there: written as the crawl goes, so a killed run's is kept too.
_CRAWL_STATE = (LEDGER,)


class JobdirInUse(RuntimeError):
    """Another live crawl is using this JOBDIR."""


def recover(jobdir: Path, pid: int) -> list[str]:
    """Check ``jobdir`` before a crawl: set aside what a killed run left, mark this run's use.

    Returns the names of the entries set aside. Raises :class:`JobdirInUse` if the crawl that left
    the marker is still running.
    """
    jobdir.mkdir(parents=True, exist_ok=True)
    marker = jobdir / MARKER
    moved: list[str] = []
    if marker.exists():
        text = marker.read_text("utf-8").split()
        previous = int(text[0]) if text and text[0].isdigit() else 0
        if previous and previous != pid and process_alive(previous):
            raise JobdirInUse(
                f"JOBDIR {jobdir} is in use by a running crawl (pid {previous}); give each "
                f"crawl its own JOBDIR"
            )
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        for name in _SCHEDULER_STATE:
            entry = jobdir / name
            if entry.exists():
                entry.rename(jobdir / f"{name}.killed-{stamp}")
                moved.append(name)
    marker.write_text(f"{pid} {datetime.now(UTC).isoformat(timespec='seconds')}\n", "utf-8")
    return moved


def release(jobdir: Path, reason: str) -> None:
    """After a clean close: a finished crawl's seen-requests (and spent page budgets) would make
    the next run crawl nothing new, so they go; a paused crawl keeps them, to resume."""
    if reason == "finished":
        for name in _SCHEDULER_STATE + _CRAWL_STATE:
            entry = jobdir / name
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
        for leftover in jobdir.glob("requests.*.killed-*"):
            shutil.rmtree(leftover, ignore_errors=True) if leftover.is_dir() else leftover.unlink()
    (jobdir / MARKER).unlink(missing_ok=True)


class JobdirGuard:
    """Recovers a ``JOBDIR`` left by a killed crawl; refuses one that a live crawl uses."""

    def __init__(self, crawler: Crawler, jobdir: Path) -> None:
        self.crawler = crawler
        self.jobdir = jobdir
        self.recovered = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        path = job_dir(crawler.settings)
        if not path:
            # The usual case: no warning ("Disabled ...") in every crawl without a JOBDIR.
            logger.debug("No JOBDIR: nothing to guard")
            raise NotConfigured
        guard = cls(crawler, Path(path))
        # Extensions are built before the scheduler reads the JOBDIR: recover it first.
        try:
            moved = recover(guard.jobdir, os.getpid())
        except JobdirInUse as exc:
            logger.critical("%s", exc)
            raise
        if moved:
            logger.warning(
                "The last crawl with JOBDIR %s did not close (killed?): its request queue cannot "
                "be trusted and was set aside (%s). Starting again from the seeds; articles "
                "already in the story store are not fetched again.",
                guard.jobdir,
                ", ".join(moved),
            )
            guard.recovered = True
        crawler.signals.connect(guard.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(guard.spider_closed, signal=signals.spider_closed)
        return guard

    def spider_opened(self) -> None:
        if self.recovered:
            assert self.crawler.stats is not None
            self.crawler.stats.set_value("newsmirror/jobdir/recovered", 1)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        release(self.jobdir, reason)
