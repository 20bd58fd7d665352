"""Distributed crawling: workers sharing one Redis queue and one Redis story store.

A real ``redis-server`` on a free loopback port; real ``scrapy crawl`` workers started with the same
command; the sample web. The union of the workers' feeds must equal the stories of a single-worker
run on the embedded SQLite store.
"""

from __future__ import annotations

import signal
import subprocess
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import redis

from newsmirror.sampleweb import hostile
from newsmirror.sampleweb.server import SampleWebServer
from tests.crawl import ROOT, CrawlResult, crawl_command, read_result, run_crawl, true_story_of
from tests.redis_server import RedisServer


def _story_set(stories: list[dict[str, Any]]) -> set[tuple[str, str, str, frozenset[str]]]:
    """A story whole: its id, canonical URL, where its text is from and all its copies (none of
    which may depend on crawl order, which differs between runs)."""
    return {
        (s["id"], s["canonical_url"], s["text_source"], frozenset(c["url"] for c in s["copies"]))
        for s in stories
    }


@pytest.fixture(scope="module")
def single_run(
    tmp_path_factory: pytest.TempPathFactory, proxy_url: str, truth: dict[str, Any]
) -> CrawlResult:
    tmp = tmp_path_factory.mktemp("single")
    homes = ",".join(site["home"] for site in truth["sites"])
    result = run_crawl(
        tmp, proxy_url, args={"url": homes}, settings={"NEWSMIRROR_STORE": f"sqlite:///{tmp}/s.db"}
    )
    assert result.returncode == 0, result.log[-3000:]
    return result


def start_workers(
    tmp_path: Path,
    proxy_url: str,
    homes: str,
    redis_url: str,
    count: int,
    prefix: str,
    extra: dict[str, str] | None = None,
    name: str = "worker",
    seeded: int | None = None,
) -> list[tuple[Path, subprocess.Popen[str]]]:
    """``count`` workers started with the same command (one Redis for queue and store); only
    the first ``seeded`` get ``-a url=`` (all by default), the others take work from the queue."""
    workers = []
    for n in range(count):
        run = tmp_path / f"{name}{n}"
        run.mkdir()
        cmd, env = crawl_command(
            run,
            proxy_url,
            args={"url": homes} if seeded is None or n < seeded else {},
            settings={
                "NEWSMIRROR_QUEUE": redis_url,
                "NEWSMIRROR_QUEUE_PREFIX": prefix,
                "NEWSMIRROR_STORE": f"{redis_url}?prefix={prefix}",
                "NEWSMIRROR_QUEUE_IDLE": "2",
                **(extra or {}),
            },
        )
        env["no_proxy"] = "127.0.0.1"  # Redis is reached directly, pages through the sample web
        # The worker's log goes to a file in its run directory, kept whole for a failing test.
        with (run / "crawl.log").open("w") as log:
            proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stderr=log, text=True)
        workers.append((run, proc))
    return workers


def finish(workers: list[tuple[Path, subprocess.Popen[str]]]) -> list[CrawlResult]:
    results = []
    for run, proc in workers:
        proc.wait(timeout=400)
        results.append(worker_result(run, proc))
    return results


def worker_result(run: Path, proc: subprocess.Popen[str]) -> CrawlResult:
    """What a worker from :func:`start_workers` that has ended wrote: its feed, stats and log."""
    return read_result(run, proc.returncode, (run / "crawl.log").read_text("utf-8", "replace"))


def test_three_workers_write_every_story_once_as_one_sqlite_run_does(
    tmp_path: Path,
    proxy_url: str,
    truth: dict[str, Any],
    redis_server: RedisServer,
    single_run: CrawlResult,
) -> None:
    homes = [site["home"] for site in truth["sites"]]
    prefix = f"d{uuid.uuid4().hex[:10]}"
    # Half the seeds given to one worker with -a url=, half pushed to the fleet's seed list.
    given, pushed = homes[::2], homes[1::2]
    redis.Redis.from_url(redis_server.url).rpush(f"{prefix}:mirror:requests:seeds", *pushed)
    workers = start_workers(
        tmp_path, proxy_url, ",".join(given), redis_server.url, 3, prefix, seeded=1
    )
    results = finish(workers)
    for (run, _), result in zip(workers, results, strict=True):
        assert result.returncode == 0, result.log[-3000:]
        assert result.stats["finish_reason"] == "finished"
        # Its summary says which feed holds what it wrote, and that it is one worker's share.
        assert (
            f"Output: {len(result.items)} records to {run / 'out.jsonl'} (this worker's feed "
            f"only: each story is written by the one worker that claims it"
        ) in result.log
    # The work was shared through the queue: workers without seeds fetched pages too.
    assert sum(r.stat("downloader/response_count") for r in results[1:]) > 0
    stories = [s for r in results for s in r.items]
    assert max(Counter(s["id"] for s in stories).values()) == 1
    pages = {c["url"] for s in stories for c in s["copies"]}
    alone = {c["url"] for s in single_run.items for c in s["copies"]}
    assert (sorted(pages - alone), sorted(alone - pages)) == ([], [])
    assert _story_set(stories) == _story_set(single_run.items)
    truth_of = true_story_of(truth)
    assert {truth_of[c["url"]] for s in stories for c in s["copies"]} == set(truth_of.values())
    # The fleet cleaned up after itself: queue and seen-set gone, nothing in flight.
    client = redis.Redis.from_url(redis_server.url)
    assert client.keys(f"{prefix}:mirror:*") == []


def test_the_page_budget_is_the_fleets(
    tmp_path: Path, server: SampleWebServer, redis_server: RedisServer
) -> None:
    """Two workers on an endless calendar: together they fetch the budget, not twice it."""
    budget = 60
    host = hostile.TRAP_HOSTS["calendar"]
    prefix = f"b{uuid.uuid4().hex[:10]}"
    start = len(server.requests)
    results = finish(
        start_workers(
            tmp_path,
            server.proxy_url,
            hostile.TRAPS["calendar"],
            redis_server.url,
            2,
            prefix,
            extra={
                "NEWSMIRROR_MAX_PAGES_PER_SITE": str(budget),
                "NEWSMIRROR_BROWSER": "False",
                # Slow enough, and few enough requests held by one worker, that the other (which
                # looks at an empty queue again every few seconds) still finds work to share.
                "AUTOTHROTTLE_ENABLED": "False",
                "CONCURRENT_REQUESTS": "2",
                "DOWNLOAD_DELAY": "0.15",
            },
        )
    )
    for result in results:
        assert result.returncode == 0, result.log[-3000:]
        assert result.stat("downloader/response_count") > 0, "a worker got no work"
    with server.lock:
        paths = [r.path for r in server.requests[start:] if r.host == host]
    # The budget's pages, plus the robots.txt each worker's robots middleware fetches itself.
    assert budget <= len(paths) <= budget + len(results)
    pages = [p for p in paths if p != "/robots.txt"]
    assert len(set(pages)) == len(pages)
    assert sum(r.stat("newsmirror/limit/site_budget") for r in results) > 0
    client = redis.Redis.from_url(redis_server.url)
    assert client.keys(f"{prefix}:mirror:*") == []


def test_the_fleets_page_budget_survives_a_killed_worker(
    tmp_path: Path, server: SampleWebServer, redis_server: RedisServer
) -> None:
    """A worker killed mid-trap and started again: the pages it claimed stay claimed in Redis,
    so the restarted worker goes on with the fleet's budget instead of starting a new one."""
    budget = 40
    host = hostile.TRAP_HOSTS["calendar"]
    prefix = f"r{uuid.uuid4().hex[:10]}"
    extra = {
        "NEWSMIRROR_MAX_PAGES_PER_SITE": str(budget),
        "NEWSMIRROR_BROWSER": "False",
        "AUTOTHROTTLE_ENABLED": "False",
        "CONCURRENT_REQUESTS": "2",
        "DOWNLOAD_DELAY": "0.1",
    }
    start = len(server.requests)

    def pages() -> list[str]:
        with server.lock:
            served = server.requests[start:]
        return [r.path for r in served if r.host == host and r.path != "/robots.txt"]

    ((_, first),) = start_workers(
        tmp_path, server.proxy_url, hostile.TRAPS["calendar"], redis_server.url, 1, prefix, extra
    )
    deadline = time.monotonic() + 60
    while len(pages()) < budget // 2:
        assert first.poll() is None, "the worker ended before the kill"
        assert time.monotonic() < deadline, "the worker never got that far"
        time.sleep(0.01)
    first.send_signal(signal.SIGKILL)
    first.wait(30)
    claimed = len(pages())
    (again,) = finish(
        start_workers(
            tmp_path,
            server.proxy_url,
            hostile.TRAPS["calendar"],
            redis_server.url,
            1,
            prefix,
            extra,
            name="again",
        )
    )
    assert again.returncode == 0, again.log[-3000:]
    assert "stopped without leaving (killed?)" in again.log
    assert f"Page budget of {budget} reached for trap-calendar.test" in again.log
    # The restarted worker fetched what the killed one had in flight again (put back in the
    # queue), and new pages only up to the fleet's budget: its own count started at zero, Redis's
    # did not.
    assert len(set(pages())) <= budget
    assert len(pages()) <= budget + again.stat("newsmirror/queue/requeued")
    assert len(pages()) - claimed < budget
    assert redis.Redis.from_url(redis_server.url).keys(f"{prefix}:mirror:*") == []
