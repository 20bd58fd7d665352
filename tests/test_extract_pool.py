"""Extraction in a worker process (``NEWSMIRROR_EXTRACT_PROCESSES``): what a worker extracts is what
the crawl's own process would, a worker that dies costs only the pages it held, and a crawl's
stories do not depend on where its pages were extracted."""

from __future__ import annotations

import os
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

import pytest
from scrapy.settings import Settings

from newsmirror.config import ConfigError, NewsmirrorConfig
from newsmirror.extract.article import ExtractedArticle
from newsmirror.extract.pool import ExtractionPool, Job, extract_job, received
from newsmirror.page import Page
from tests.crawl import run_crawl
from tests.realweb import needs_realweb, real_pages

ARTICLE = (
    "<html><head><title>Council votes</title>"
    '<meta property="article:published_time" content="2026-01-03T10:00:00+00:00"></head>'
    "<body><article><h1>Council votes</h1>"
    + "".join(
        f"<p>{i}. The council met on Tuesday to discuss the new budget for schools and roads in "
        "the district, officials said after the meeting ended late.</p>"
        for i in range(12)
    )
    + "</article></body></html>"
)


def _fields(article: ExtractedArticle) -> tuple[Any, ...]:
    return (
        article.kind,
        article.title,
        article.paragraphs,
        article.metadata,
        article.authors,
        article.modified,
        article.language,
        article.published,
    )


def _both_ways(pool: ExtractionPool, url: str, body: bytes) -> tuple[Any, Any]:
    page = Page.from_bytes(url, body)
    job = Job(url, page.html, None, 250, None, True)
    here = job.run_on(page.tree)
    there = received(pool.submit(extract_job, job).result(timeout=120), page.tree, job)
    return _fields(here), _fields(there)


def test_a_worker_extracts_what_the_crawls_process_would() -> None:
    pool = ExtractionPool(1)
    try:
        url = "https://www.mirror-daily.net/2026/01/03/council-votes/"
        here, there = _both_ways(pool, url, ARTICLE.encode())
        assert here == there
        assert there[7] == "2026-01-03T10:00:00+00:00"  # an article's date, found by the worker
    finally:
        pool.close()


@needs_realweb
def test_a_worker_extracts_what_the_crawls_process_would_on_real_pages() -> None:
    """Every tenth realweb page (97 pages of three suites): the same fields either way."""
    pool = ExtractionPool(1)
    try:
        checked = 0
        for real in real_pages()[::10]:
            here, there = _both_ways(pool, real.url or "", real.body())
            assert here == there, real.id
            checked += 1
        assert checked >= 90
    finally:
        pool.close()


def test_a_dead_worker_costs_its_page_and_the_next_page_gets_a_new_one() -> None:
    pool = ExtractionPool(1)
    try:
        with pytest.raises(BrokenProcessPool):
            pool.submit(os._exit, 1).result(timeout=120)
        pool.lost()
        url = "https://www.mirror-daily.net/2026/01/03/council-votes/"
        here, there = _both_ways(pool, url, ARTICLE.encode())
        assert here == there
    finally:
        pool.close()


@pytest.mark.parametrize("value", ["-1", "two"])
def test_a_bad_number_of_workers_is_refused_in_one_line(value: str) -> None:
    with pytest.raises(ConfigError, match="NEWSMIRROR_EXTRACT_PROCESSES must be 0 or more"):
        NewsmirrorConfig.from_settings(Settings({"NEWSMIRROR_EXTRACT_PROCESSES": value}))


def _stories(result: Any) -> set[tuple[Any, ...]]:
    return {
        (
            story["canonical_url"],
            (story.get("origin") or {}).get("domain"),
            (story.get("origin") or {}).get("verified"),
            story["text"],
            frozenset(c["url"] for c in story["copies"]),
        )
        for story in result.items
    }


def test_a_crawl_gives_the_same_stories_with_a_worker_and_without(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    homes = ",".join(site["home"] for site in truth["sites"])
    outcomes = []
    for processes in ("0", "1"):
        run = tmp_path / f"processes-{processes}"
        run.mkdir()
        result = run_crawl(
            run,
            proxy_url,
            args={"url": homes},
            settings={
                "NEWSMIRROR_STORE": f"sqlite:///{run}/store.db",
                "NEWSMIRROR_EXTRACT_PROCESSES": processes,
            },
        )
        assert result.returncode == 0, result.log[-3000:]
        assert result.stats.get("newsmirror/extract/failed") is None
        outcomes.append(_stories(result))
        if processes == "1":  # the worker did the extraction, and said what it cost
            assert result.stats["newsmirror/extract/workers_cpu_s"] > 0
    assert outcomes[0] == outcomes[1]
    assert len(outcomes[0]) >= 10
