"""Article extraction in a worker process, beside the crawl.

Scrapy runs a crawl on one thread: while a page's text is extracted (trafilatura, metadata,
classification: most of a crawl's CPU time), nothing else moves. With ``NEWSMIRROR_EXTRACT_PROCESSES``
workers, the spider hands each page's decoded HTML to a worker and goes on parsing other pages,
following links and writing records until the article comes back. A worker builds its own tree
from the same text with the same code, so what it extracts is what the crawl's own process would
(``tests/test_extract_pool.py``). A worker that dies costs the pages it held (each logged and
counted as a failed extraction); the next page starts a new one.

Workers are started by a fork server (never forked from the crawl's process, whose threads may
hold locks), with the extraction code imported once, before the first page.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import re
import signal
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from logging.handlers import QueueHandler, QueueListener
from typing import Any

from newsmirror.extract.article import ExtractedArticle, extract_article, published_finder
from newsmirror.extract.classify import PageKind
from newsmirror.page import Page
from newsmirror.registry import Selectors

# What a worker sends back: the article, whether its date was looked for, and the date.
Result = tuple[ExtractedArticle, bool, str | None]


@dataclass(frozen=True)
class Job:
    """One page to extract: everything :func:`extract_article` is given, its tree as text."""

    url: str
    html: str
    selectors: Selectors | None
    min_text_chars: int
    article_url_pattern: re.Pattern[str] | None
    listing_text: bool

    def run_on(self, tree: Any) -> ExtractedArticle:
        return extract_article(
            self.url,
            tree,
            self.selectors,
            min_text_chars=self.min_text_chars,
            article_url_pattern=self.article_url_pattern,
            listing_text=self.listing_text,
        )


def extract_job(job: Job) -> Result:
    """In a worker: the page's article, and its publication date when it is an article (the
    date a crawl reads of articles only; ``find_published`` cannot cross processes)."""
    tree = Page(url=job.url, html=job.html).tree
    article = job.run_on(tree)
    looked = article.kind is PageKind.ARTICLE
    published = article.published if looked else None
    article.find_published = _nothing
    return article, looked, published


def _nothing() -> None:
    return None


def received(result: Result, tree: Any, job: Job) -> ExtractedArticle:
    """The worker's article, with its date as the worker found it; a page the worker did not
    find an article (which the browser or its serialized state makes one) has it looked for on
    first use in ``tree``, the crawl's own, as :func:`extract_article` would."""
    article, looked, published = result
    if looked:
        article.find_published = lambda: published
    else:
        article.find_published = published_finder(tree, job.url, job.selectors, article.metadata)
    return article


def _start_worker(logs: Any, level: int) -> None:
    """In a new worker: its log records go to the crawl's log (through ``logs``), it holds none
    of the crawl's standard streams (a caller reading them until they close is not kept waiting
    by a worker), signals to stop are the crawl's, and it ends when the crawl's process is gone
    (killed, the crawl cannot stop it)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(QueueHandler(logs))
    root.setLevel(level)
    # ^C and a SIGTERM to the whole process group are the crawl's to handle (it stops cleanly,
    # extracting the pages in flight, then stops its workers).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)
    # The crawl's process (not the fork server, which lives as long as any worker does): its
    # end closes the sentinel the worker was started with.
    crawl = multiprocessing.parent_process()
    if crawl is not None:

        def watch() -> None:
            crawl.join()
            os._exit(0)

        threading.Thread(target=watch, name="orphan-watch", daemon=True).start()


def _log_threshold() -> int:
    """The lowest level the crawl's log keeps (Scrapy's ``LOG_LEVEL`` is its handler's level,
    the root logger's is left at NOTSET): a worker sends nothing below it."""
    root = logging.getLogger()
    handlers = [h.level for h in root.handlers]
    return max(root.getEffectiveLevel(), min(handlers) if handlers else logging.WARNING)


class _Relay(logging.Handler):
    """Hands a worker's log record to the logger it was logged to, in the crawl's process."""

    def emit(self, record: logging.LogRecord) -> None:
        logging.getLogger(record.name).handle(record)


class ExtractionPool:
    """A pool of ``processes`` extraction workers, started on first use."""

    def __init__(self, processes: int) -> None:
        self.processes = processes
        self._executor: ProcessPoolExecutor | None = None
        self._listener: QueueListener | None = None

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        if self._executor is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["newsmirror.extract.pool"])
            logs = context.Queue()
            self._listener = QueueListener(logs, _Relay())
            self._listener.start()
            self._executor = ProcessPoolExecutor(
                self.processes,
                mp_context=context,
                initializer=_start_worker,
                initargs=(logs, _log_threshold()),
            )
        try:
            return self._executor.submit(fn, *args)
        except BrokenProcessPool:
            self.lost()
            return self.submit(fn, *args)

    def lost(self) -> None:
        """The workers died (a page took one down): the next page starts new ones."""
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
        self._stop_listening()

    def _stop_listening(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.stop()

    def close(self) -> dict[str, float]:
        """Stop the workers; what they cost, where the system tells (Linux ``/proc``): CPU
        seconds and the largest worker's peak RSS in MB."""
        executor, self._executor = self._executor, None
        cost: dict[str, float] = {}
        if executor is not None:
            processes = getattr(executor, "_processes", None) or {}
            for pid in list(processes):
                used = _process_cost(pid)
                cost["cpu_s"] = cost.get("cpu_s", 0.0) + used.get("cpu_s", 0.0)
                cost["peak_rss_mb"] = max(cost.get("peak_rss_mb", 0.0), used.get("rss_mb", 0.0))
            executor.shutdown(wait=True, cancel_futures=True)
        self._stop_listening()  # after the workers: their last records are in the crawl's log
        return cost


def _process_cost(pid: int) -> dict[str, float]:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            hwm = next((line for line in status if line.startswith("VmHWM:")), "VmHWM: 0 kB")
    except OSError:
        return {}
    ticks = os.sysconf("SC_CLK_TCK")
    return {
        "cpu_s": (int(fields[11]) + int(fields[12])) / ticks,  # utime, stime
        "rss_mb": int(hwm.split()[1]) / 1024,
    }
