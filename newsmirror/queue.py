"""The shared request queue of a distributed crawl: scrapy-redis's scheduler, made reliable.

``NEWSMIRROR_QUEUE=redis://host:port/db`` turns it on (see :mod:`newsmirror.addon`). Every worker
running the same spider shares one priority queue and one seen-request set in Redis. On top of
scrapy-redis, which deletes a request from Redis when a worker pops it, newsmirror:

- pops into a per-worker in-flight hash in the same Lua call, and clears the entry only once the
  request's callback has run (:class:`InflightMiddleware`); a worker that dies (SIGKILL, a lost
  machine) leaves its in-flight requests behind, and the next worker to notice puts them back;
- keeps the per-site page budget fleet-wide: a worker claims each new page of a site in a Redis
  set before requesting it (:meth:`FleetScheduler.claim_page`);
- keeps a registry of workers with heartbeats, so a worker knows when the whole fleet is idle and
  the queue empty (the crawl is over), and the last worker out clears the seen-request set, so the
  next scheduled crawl starts afresh (the story store remembers which articles it has).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import time
import uuid
from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Self

import redis
from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.http import Response
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler

from newsmirror.redisconn import connect, where
from newsmirror.runtime import fatal_stops, process_alive, stop_crawl

logger = logging.getLogger(__name__)

# Pop the best request and record it as in flight for this worker, atomically.
_POP = """
local last = redis.call('hmget', KEYS[3], 'attempt', 'data', 'score')
if last[1] == ARGV[1] then return {last[2], last[3]} end
local found = redis.call('zrange', KEYS[1], 0, 0, 'WITHSCORES')
if #found == 0 then return nil end
redis.call('zremrangebyrank', KEYS[1], 0, 0)
redis.call('hset', KEYS[2], found[2] .. '|' .. redis.sha1hex(found[1]), found[1])
redis.call('hset', KEYS[3], 'attempt', ARGV[1], 'data', found[1], 'score', found[2])
return {found[1], found[2]}
"""
# Add a request fingerprint to the seen-set. A call retried after Redis went away (its reply lost
# with the connection) carries the same attempt id, and is answered as the first one was.
_SEEN = """
if redis.call('sadd', KEYS[1], ARGV[1]) == 1 then
  redis.call('set', KEYS[2], ARGV[2], 'EX', 3600)
  return 1
end
if redis.call('get', KEYS[2]) == ARGV[2] then return 1 end
return 0
"""
# The fleet's page budget: claim a page of a site (1), or say it was claimed already (0) or that the
# site's budget is spent (-1). KEYS: the site's set of page fingerprints, the index of such sets.
_CLAIM_PAGE = """
if redis.call('sismember', KEYS[1], ARGV[1]) == 1 then return 0 end
local budget = tonumber(ARGV[2])
if budget > 0 and redis.call('scard', KEYS[1]) >= budget then return -1 end
redis.call('sadd', KEYS[1], ARGV[1])
redis.call('sadd', KEYS[2], KEYS[1])
return 1
"""
# Put every in-flight request of a worker back in the queue.
_REQUEUE = """
local entries = redis.call('hgetall', KEYS[2])
for i = 1, #entries, 2 do
  local score = string.match(entries[i], '^([^|]*)|')
  redis.call('zadd', KEYS[1], tonumber(score), entries[i + 1])
end
redis.call('del', KEYS[2])
return #entries / 2
"""


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class SharedQueue(PriorityQueue):  # type: ignore[misc]
    """scrapy-redis's priority queue; pops go through the worker's in-flight hash."""

    inflight_key = ""

    def pop(self, timeout: int = 0) -> Request | None:
        # One attempt id for this pop and any retry of it: a pop whose reply was lost when Redis
        # went away is answered again, instead of moving a second request into flight.
        attempt = uuid.uuid4().hex
        found = self.server.eval(
            _POP, 3, self.key, self.inflight_key, f"{self.inflight_key}:pop", attempt
        )
        if not found:
            return None
        data, score = found
        request: Request = self._decode_request(data)
        request.meta["nm_inflight"] = f"{score.decode()}|{hashlib.sha1(data).hexdigest()}"
        return request


class SharedSeenSet(RFPDupeFilter):  # type: ignore[misc]
    """scrapy-redis's seen-request set, safe to retry: a request is never taken for seen because
    the reply to its own first try was lost with the connection."""

    def request_seen(self, request: Request) -> bool:
        fingerprint = self.request_fingerprint(request)
        attempt = f"{fingerprint}:{uuid.uuid4().hex}"
        added = self.server.eval(
            _SEEN, 2, self.key, f"{self.key}:attempt:{worker_id()}", fingerprint, attempt
        )
        return not added


class FleetScheduler(Scheduler):  # type: ignore[misc]
    """The shared queue and seen-set in Redis, the in-flight hash, and the worker registry."""

    def __init__(self, crawler: Crawler, server: Any, **kwargs: Any) -> None:
        super().__init__(server, **kwargs)
        self.crawler = crawler
        self.worker = worker_id()
        settings = crawler.settings
        self.worker_timeout = settings.getfloat("NEWSMIRROR_QUEUE_WORKER_TIMEOUT", 60.0)
        self._beat = 0.0
        self._idle = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        server = connect(
            settings.get("NEWSMIRROR_QUEUE"),
            settings.getfloat("NEWSMIRROR_REDIS_RETRY_SECONDS", 60.0),
            "NEWSMIRROR_QUEUE",
        )
        instance = cls(
            crawler,
            server,
            persist=True,  # never flush the shared queue when one worker stops
            queue_key=settings.get("SCHEDULER_QUEUE_KEY"),
            queue_cls="newsmirror.queue.SharedQueue",
            dupefilter_key=settings.get("SCHEDULER_DUPEFILTER_KEY"),
            dupefilter_cls="newsmirror.queue.SharedSeenSet",
        )
        instance.stats = crawler.stats
        return instance

    # --- keys -------------------------------------------------------------------------------

    def _key(self, suffix: str) -> str:
        return f"{self.queue.key}:{suffix}"

    @property
    def workers_key(self) -> str:
        return self._key("workers")

    @property
    def seeds_key(self) -> str:
        """A Redis list: URLs pushed there (RPUSH) are crawled as seeds by the fleet."""
        return self._key("seeds")

    def pop_seeds(self, limit: int = 1000) -> list[str]:
        try:
            raw = self.server.lpop(self.seeds_key, limit) or []
        except redis.RedisError as exc:
            self._lost(exc)
            return []
        return [url.decode("utf-8", "replace").strip() for url in raw]

    def inflight_key(self, worker: str) -> str:
        return self._key(f"inflight:{worker}")

    @property
    def pages_key(self) -> str:
        """A Redis set naming the per-site sets of pages claimed against the page budget."""
        return self._key("pages")

    def claim_page(self, site: str, fingerprint: bytes, budget: int) -> int | None:
        """Claim a page of ``site`` for the whole fleet: 1 new, 0 claimed before, -1 budget spent;
        None when Redis cannot say (the worker then decides alone)."""
        try:
            return int(
                self.server.eval(
                    _CLAIM_PAGE,
                    2,
                    self._key(f"pages:{site}"),
                    self.pages_key,
                    fingerprint,
                    budget,
                )
            )
        except redis.RedisError as exc:
            logger.debug("Page budget of %s not checked fleet-wide: %s", site, exc)
            return None

    # --- lifecycle --------------------------------------------------------------------------

    def open(self, spider: Spider) -> None:
        self.spider = spider
        super().open(spider)
        # scrapy-redis opens its own connection for the seen-request set, without our retries:
        # the set goes through ours, so an outage is ridden out there too.
        self.df.server = self.server
        self.queue.inflight_key = self.inflight_key(self.worker)
        self.heartbeat(force=True)
        self.requeue_dead_workers()
        logger.info(
            "Distributed crawl: worker %s on queue %s (%d requests queued, %d workers)",
            self.worker,
            self.queue.key,
            len(self.queue),
            len(self.live_workers()),
        )

    def close(self, reason: str) -> None:
        try:
            mine = self.inflight_key(self.worker)
            if reason == "finished":
                left = self.server.hgetall(mine)
                if left:  # should not happen: each ended as a page fetched or a failure
                    urls = sorted(self.queue._decode_request(v).url for v in left.values())
                    logger.warning(
                        "%d requests were still in flight when the crawl finished: %s",
                        len(urls),
                        ", ".join(urls[:20]),
                    )
                    self.stats.inc_value("newsmirror/queue/unaccounted", len(urls))
                self.server.delete(mine)
            else:
                back = self.server.eval(_REQUEUE, 2, self.queue.key, mine)
                if back:
                    logger.info("Put %d unfinished requests back in the shared queue", back)
            self.server.hdel(self.workers_key, self.worker)
            # This worker's retry bookkeeping (last pop, last seen-set attempt) goes with it.
            self.server.delete(f"{mine}:pop", f"{self.df.key}:attempt:{self.worker}")
            if reason == "finished" and not self.live_workers() and not len(self.queue):
                # The last worker out: the next crawl starts from its seeds again.
                self.df.clear()
                sites = self.server.smembers(self.pages_key)
                self.server.delete(self.pages_key, *sites)
                logger.info("Crawl over on every worker: cleared the shared seen-request set")
        except Exception as exc:  # Redis gone: the next start repairs from what Redis kept
            logger.error("Could not leave the shared queue cleanly: %s", exc)

    # --- requests ---------------------------------------------------------------------------

    def _lost(self, exc: Exception) -> None:
        stop_crawl(
            self.crawler,
            "redis_unavailable",
            f"The shared queue ({where(self.crawler.settings.get('NEWSMIRROR_QUEUE'))}) is "
            f"unreachable after retrying for NEWSMIRROR_REDIS_RETRY_SECONDS ({exc}). Restart "
            f"this worker once Redis is back: the requests it held go back to the queue",
        )

    def enqueue_request(self, request: Request) -> bool:
        # A retry or a redirect carries the meta of the request it replaces, which is in flight:
        # that request's fate is now this one's, so it leaves the in-flight hash as this one is
        # queued, and the pair counts as one request queued.
        parent = request.meta.pop("nm_inflight", None)
        try:
            queued = bool(super().enqueue_request(request))
            logger.debug("Queued %s: %s (parent %s)", request.url, queued, parent)
            if parent is None:
                if queued:
                    self.stats.inc_value("newsmirror/queue/enqueued")
            else:
                self.server.hdel(self.inflight_key(self.worker), parent)
                if not queued:
                    # Redirected to a page the fleet has seen: fetched, nothing more to do.
                    self.stats.inc_value("newsmirror/queue/done")
            return queued
        except redis.RedisError as exc:
            # The page that led here is still in flight: it is crawled again after a restart.
            log = logger.debug if fatal_stops else logger.error
            log("Could not queue %s: %s", request.url, exc)
            self._lost(exc)
            return False

    def next_request(self) -> Request | None:
        try:
            self.heartbeat()
            request: Request | None = super().next_request()
        except redis.RedisError as exc:
            self._lost(exc)
            return None
        if request is not None and self._idle:
            self._idle = False
            self.heartbeat(force=True)
        return request

    def has_pending_requests(self) -> bool:
        try:
            return len(self) > 0
        except redis.RedisError as exc:
            self._lost(exc)
            return False

    def done(self, request: Request, failed: bool = False) -> None:
        """The request's callback has run (or, ``failed``, its failure was recorded by the
        spider's errback): it is no longer in flight.

        Every request the fleet queued ends here once, as a page fetched or a recorded failure
        (``newsmirror/queue/enqueued`` = ``.../done`` + ``.../failed`` summed over the workers,
        when no worker was killed)."""
        key = request.meta.get("nm_inflight")
        if not key or request.meta.get("nm_settled"):
            return
        # Counted here, once per request (an errback and the output of its error response both
        # settle it), not by what HDEL answers: a retried HDEL whose first try went through
        # answers 0.
        request.meta["nm_settled"] = True
        self.stats.inc_value(f"newsmirror/queue/{'failed' if failed else 'done'}")
        try:
            removed = self.server.hdel(self.inflight_key(self.worker), key)
            logger.debug("Settled %s (failed %s): %s", request.url, failed, removed)
        except Exception as exc:  # Redis gone: the entry stays, and is put back later
            logger.debug("Could not clear in-flight %s: %s", request.url, exc)

    # --- the fleet --------------------------------------------------------------------------

    def heartbeat(self, idle: bool | None = None, force: bool = False) -> None:
        if idle is not None:
            force = force or idle != self._idle
            self._idle = idle
        now = time.time()
        if force or now - self._beat >= 1.0:
            self._beat = now
            self.server.hset(
                self.workers_key, self.worker, json.dumps({"at": now, "idle": self._idle})
            )

    def _workers(self) -> dict[str, dict[str, Any]]:
        return {k.decode(): json.loads(v) for k, v in self.server.hgetall(self.workers_key).items()}

    def _dead(self, worker: str, state: dict[str, Any]) -> bool:
        host, _, pid = worker.rpartition(":")
        if host == socket.gethostname() and pid.isdigit():
            return not process_alive(int(pid))
        return time.time() - float(state.get("at", 0)) > self.worker_timeout

    def live_workers(self) -> dict[str, dict[str, Any]]:
        return {w: s for w, s in self._workers().items() if not self._dead(w, s)}

    def requeue_dead_workers(self) -> int:
        """Put back the in-flight requests of workers that died; forget those workers."""
        total = 0
        for worker, state in self._workers().items():
            if worker == self.worker or not self._dead(worker, state):
                continue
            back = int(self.server.eval(_REQUEUE, 2, self.queue.key, self.inflight_key(worker)))
            self.server.hdel(self.workers_key, worker)
            self.server.delete(
                f"{self.inflight_key(worker)}:pop", f"{self.df.key}:attempt:{worker}"
            )
            total += back
            logger.warning(
                "Worker %s stopped without leaving (killed?): %d of its requests put back in "
                "the shared queue",
                worker,
                back,
            )
        if self.stats and total:
            self.stats.inc_value("newsmirror/queue/requeued", total)
        return total

    def fleet_idle(self) -> bool:
        """Whether the shared queue is empty and every live worker is idle."""
        self.heartbeat(idle=True)
        self.requeue_dead_workers()
        if len(self.queue):
            return False
        return all(state.get("idle") for state in self.live_workers().values())


def fleet_scheduler(crawler: Crawler) -> FleetScheduler | None:
    engine = crawler.engine
    scheduler = getattr(getattr(engine, "_slot", None), "scheduler", None)
    return scheduler if isinstance(scheduler, FleetScheduler) else None


class NotStored(DropItem):
    """An item dropped because the store was unreachable: its page must be crawled again."""


@dataclass
class _Output:
    """What is still pending of one response's callback output."""

    request: Request
    items: int = 0
    exhausted: bool = False
    failed: bool = False


class InflightMiddleware:
    """Spider middleware: a request leaves the in-flight hash once its callback has run and every
    item it gave has been through the pipelines (so a page whose story could not be stored, say
    Redis went away, is crawled again after a restart)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.outputs: dict[int, _Output] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        middleware = cls(crawler)
        crawler.signals.connect(middleware.item_done, signal=signals.item_scraped)
        crawler.signals.connect(middleware.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(middleware.item_failed, signal=signals.item_error)
        return middleware

    def _settle(self, response: Response, output: _Output) -> None:
        if not output.exhausted or output.items > 0:
            return
        self.outputs.pop(id(response), None)
        scheduler = fleet_scheduler(self.crawler)
        # Once the crawl stops for Redis, nothing more counts as done: links and items may have
        # been lost on the way, so every page still in flight is crawled again after a restart.
        if scheduler is not None and not output.failed and not fatal_stops:
            scheduler.done(output.request)

    def _item_over(self, response: Response | None, failed: bool) -> None:
        output = self.outputs.get(id(response)) if response is not None else None
        if output is None or response is None:
            return
        output.items -= 1
        output.failed = output.failed or failed
        self._settle(response, output)

    def item_done(self, item: Any, response: Response | None = None) -> None:
        self._item_over(response, failed=False)

    def item_dropped(
        self, item: Any, exception: BaseException, response: Response | None = None
    ) -> None:
        self._item_over(response, failed=isinstance(exception, NotStored))

    def item_failed(self, item: Any, response: Response | None = None) -> None:
        self._item_over(response, failed=True)

    def _start(self, response: Response) -> _Output | None:
        if response.request is None:
            return None
        output = _Output(response.request)
        self.outputs[id(response)] = output
        return output

    def _seen(self, output: _Output | None, element: Any) -> None:
        if output is not None and not isinstance(element, Request):
            output.items += 1

    def _end(self, response: Response, output: _Output | None) -> None:
        if output is not None:
            output.exhausted = True
            self._settle(response, output)

    def process_spider_output(
        self, response: Response, result: Iterable[Any], spider: Spider | None = None
    ) -> Iterator[Any]:
        output = self._start(response)
        for element in result:
            self._seen(output, element)
            yield element
        self._end(response, output)

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any], spider: Spider | None = None
    ) -> AsyncIterator[Any]:
        output = self._start(response)
        async for element in result:
            self._seen(output, element)
            yield element
        self._end(response, output)


__all__ = [
    "FleetScheduler",
    "InflightMiddleware",
    "NotStored",
    "RFPDupeFilter",
    "SharedQueue",
    "SharedSeenSet",
]
