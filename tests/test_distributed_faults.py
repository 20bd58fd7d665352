"""Faults of a distributed crawl, for real: Redis down at start or mid-crawl, a worker killed."""

from __future__ import annotations

import signal
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

from newsmirror.store.redis import RedisStore
from tests.crawl import run_crawl, true_story_of
from tests.redis_server import RedisServer, free_port
from tests.reply_dropper import ReplyDropper
from tests.test_distributed import finish, start_workers

# Slow enough that a fault lands mid-crawl on this loopback web.
SLOW = {"CONCURRENT_REQUESTS": "2", "AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0.05"}


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[RedisServer]:
    """A redis-server this test may stop and start (its data survives, append-only file)."""
    server = RedisServer(tmp_path / "redis").start()
    try:
        yield server
    finally:
        server.stop()


def _articles(url: str, prefix: str) -> int:
    try:
        return int(redis.Redis.from_url(url, socket_connect_timeout=1).hlen(f"{prefix}:urls"))
    except redis.RedisError:
        return 0


def _wait(condition: Any, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.05)


def _all_once(stories: list[dict[str, Any]], truth: dict[str, Any]) -> None:
    ids = Counter(s["id"] for s in stories)
    twice = [(s["id"], s["version"], s["canonical_url"]) for s in stories if ids[s["id"]] > 1]
    assert twice == []
    truth_of = true_story_of(truth)
    found = Counter(truth_of[s["copies"][0]["url"]] for s in stories)
    assert set(found) == set(truth_of.values())
    assert max(found.values()) == 1
    assert {truth_of[c["url"]] for s in stories for c in s["copies"]} == set(truth_of.values())


@pytest.mark.parametrize("setting", ["NEWSMIRROR_QUEUE", "NEWSMIRROR_STORE"])
def test_redis_unreachable_at_start_is_a_clear_error(
    setting: str, tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    nowhere = f"redis://127.0.0.1:{free_port()}/0"
    started = time.monotonic()
    result = run_crawl(
        tmp_path, proxy_url, args={"url": truth["sites"][0]["home"]}, settings={setting: nowhere}
    )
    assert result.returncode != 0
    assert f"{setting}=redis://127.0.0.1:" in result.log
    assert "Redis is not reachable" in result.log
    assert time.monotonic() - started < 60
    assert result.stat("downloader/request_count") == 0


def test_redis_lost_mid_crawl_stops_the_workers_and_a_restart_finishes_the_job(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any], own_redis: RedisServer
) -> None:
    homes = ",".join(site["home"] for site in truth["sites"])
    prefix = f"f{uuid.uuid4().hex[:10]}"
    extra = {**SLOW, "NEWSMIRROR_REDIS_RETRY_SECONDS": "3"}
    first = start_workers(tmp_path, proxy_url, homes, own_redis.url, 2, prefix, extra, "first")
    _wait(lambda: _articles(own_redis.url, prefix) >= 5)
    own_redis.stop()
    stopped = finish(first)
    for result in stopped:
        assert result.returncode == 1, result.log[-3000:]
        assert result.stats["finish_reason"] in ("redis_unavailable", "store_unavailable")
        assert "stopping the crawl" in result.log
        assert "Traceback" not in result.log
    own_redis.start()
    second = start_workers(tmp_path, proxy_url, homes, own_redis.url, 2, prefix, extra, "second")
    resumed = finish(second)
    for result in resumed:
        assert result.returncode == 0, result.log[-3000:]
    _all_once([s for r in stopped + resumed for s in r.items], truth)


def test_a_killed_worker_loses_no_request_and_the_others_finish(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any], redis_server: RedisServer
) -> None:
    homes = ",".join(site["home"] for site in truth["sites"])
    prefix = f"k{uuid.uuid4().hex[:10]}"
    workers = start_workers(tmp_path, proxy_url, homes, redis_server.url, 3, prefix, SLOW)
    _wait(lambda: _articles(redis_server.url, prefix) >= 5)
    victim = workers[0][1]
    victim.send_signal(signal.SIGKILL)
    victim.wait(30)
    survivors = finish(workers[1:])
    for result in survivors:
        assert result.returncode == 0, result.log[-3000:]
    log = "".join(r.log for r in survivors)
    assert "stopped without leaving (killed?)" in log
    _all_once([s for r in survivors for s in r.items], truth)


def test_redis_down_again_and_again_is_ridden_out_with_every_request_accounted_for(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any], own_redis: RedisServer
) -> None:
    """Redis stopped three times for 3 s mid-crawl (the long run, ten times 30 s, is
    benchmarks/redis_outages.py): the workers wait it out, finish normally, write every story
    once, and every request the fleet queued ended as a page fetched or a recorded failure."""
    homes = ",".join(site["home"] for site in truth["sites"])
    prefix = f"o{uuid.uuid4().hex[:10]}"
    extra = {**SLOW, "NEWSMIRROR_REDIS_RETRY_SECONDS": "30"}
    workers = start_workers(tmp_path, proxy_url, homes, own_redis.url, 3, prefix, extra)
    for threshold in (5, 15, 25):
        _wait(lambda n=threshold: _articles(own_redis.url, prefix) >= n)
        own_redis.stop()
        time.sleep(3)
        own_redis.start()
    results = finish(workers)
    for result in results:
        assert result.returncode == 0, result.log[-3000:]
        assert result.stats["finish_reason"] == "finished"
        assert "Traceback" not in result.log
    _all_once([s for r in results for s in r.items], truth)
    queued = sum(r.stat("newsmirror/queue/enqueued") for r in results)
    fetched = sum(r.stat("newsmirror/queue/done") for r in results)
    failed = sum(r.stat("newsmirror/queue/failed") for r in results)
    assert queued > 30
    assert queued == fetched + failed, (queued, fetched, failed)


def test_a_lock_redis_took_but_never_confirmed_is_known_as_ours_at_once(
    redis_server: RedisServer,
) -> None:
    """Redis applied the placement lock's ``SET NX`` but its reply was lost (Redis stopped right
    after): the client's retry finds the key set, with this worker's own token. The worker holds
    the lock; it must not wait for it to expire, its reactor blocked and every worker with it."""
    prefix = f"l{uuid.uuid4().hex[:10]}"
    lock_set = f"{prefix}:lock".encode()
    relay = ReplyDropper(redis_server.port, lambda chunk: lock_set in chunk and b"NX" in chunk)
    relay.start()
    try:
        store = RedisStore(f"redis://127.0.0.1:{relay.port}/0?prefix={prefix}")
        with store.atomic():
            assert relay.dropped == 1
            # The SET and its one retry: no third try, no wait for the lock to expire.
            assert relay.matched == 2
        with store.atomic():  # released: taken at the first try
            assert relay.matched == 3
        store.close()
    finally:
        relay.stop()
