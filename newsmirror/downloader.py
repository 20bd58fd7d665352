"""Scrapy's downloader, holding each host's requests to its Retry-After, Crawl-delay and breaker.

The check sits where a request leaves its downloader slot for the network, so it also holds the
requests already waiting in the slot when a 429 or 503 arrives (a downloader middleware only sees
requests before they join the slot, and Scrapy's downloader sends the next queued one as soon as a
response is in, before any middleware has read it). Each host's state is a
:class:`newsmirror.politeness.HostPolicy`, shared with the robots.txt middleware through
:func:`host_policy`.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from scrapy import Request, signals
from scrapy.core.downloader import Downloader, Slot
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.asyncio import call_later, sleep
from scrapy.utils.defer import _process_pending_io, _schedule_coro
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import load_object

from newsmirror.config import PolitenessConfig
from newsmirror.politeness import Breaker, HostPolicy, parse_retry_after

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)

# Answers that ask the client to come back later (RFC 9110 §15.5.20 / RFC 6585 §4).
BUSY_STATUSES = (429, 503)

_POLICIES: WeakKeyDictionary[Crawler, HostPolicy] = WeakKeyDictionary()


def host_policy(crawler: Crawler) -> HostPolicy:
    """The crawl's per-host politeness state (one per crawler)."""
    policy = _POLICIES.get(crawler)
    if policy is None:
        config = PolitenessConfig.from_settings(crawler.settings)
        policy = HostPolicy(config.breaker_failures, config.breaker_cooldown)
        _POLICIES[crawler] = policy
    return policy


class PoliteDownloader(Downloader):
    """Scrapy's downloader; a host's requests wait for its Retry-After deadline and Crawl-delay,
    and are dropped while its circuit breaker is open."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.config = PolitenessConfig.from_settings(crawler.settings)
        self.policy = host_policy(crawler)
        assert crawler.stats is not None
        self.stats = crawler.stats
        self.failure_types: tuple[type[BaseException], ...] = tuple(
            load_object(x) if isinstance(x, str) else x
            for x in crawler.settings.getlist("RETRY_EXCEPTIONS")
        )
        self._keys: dict[Slot, str] = {}
        self._pools_checked: set[str] = set()

    # --- slots know their key (a host, unless a request names its own download_slot) --------

    def _get_slot(self, request: Request, spider: Any = None) -> tuple[str, Slot]:
        key, slot = super()._get_slot(request)
        self._keys[slot] = key
        return key, slot

    def _slot_gc(self, age: float = 60) -> None:
        super()._slot_gc(age)
        live = set(self.slots.values())
        for slot in [s for s in self._keys if s not in live]:
            del self._keys[slot]

    def needs_backout(self) -> bool:
        # Requests held in a slot for a host's delay do not stop other hosts' requests (up to
        # CONCURRENT_REQUESTS of them), so one slow or busy host does not stall the crawl.
        if not self.total_concurrency:
            return False
        held = sum(len(slot.queue) for slot in self._keys if slot.latercall is not None)
        return self.total_concurrency <= len(self.active) - min(held, self.total_concurrency)

    # --- the gate --------------------------------------------------------------------------

    def _process_queue(self, slot: Slot) -> None:
        if slot.latercall:
            return  # a call is already scheduled for when the slot may send again
        key = self._keys.get(slot, "")
        now = time.monotonic()
        state = self.policy.breaker(key, now)
        if state is Breaker.OPEN:
            self._drop_queued(key, slot)
            return
        if state is Breaker.WAITING:
            return  # the trial request's end calls this again
        delay = slot.download_delay()
        wait = self.policy.wait(key, now, slot.lastseen, delay)
        if wait > 0:
            slot.latercall = call_later(wait, self._latercall, slot)
            return
        one_at_a_time = bool(delay or self.policy.min_gap(key)) or state is Breaker.TRIAL
        while slot.queue and slot.free_transfer_slots() > 0:
            slot.lastseen = now
            request, queue_dfd = slot.queue.popleft()
            # Counted as transferring from here, not from when its task starts: under the asyncio
            # reactor the task starts later, and Scrapy's loop would meanwhile empty the queue
            # whatever CONCURRENT_REQUESTS_PER_DOMAIN says (11 at once to a host with a limit of 1).
            slot.transferring.add(request)
            if state is Breaker.TRIAL:
                self.policy.trial_sent(key)
                logger.info("Circuit breaker for %s: trying %s after the cool-down", key, request)
            _schedule_coro(self._wait_for_download(slot, request, queue_dfd))
            if one_at_a_time:
                self._process_queue(slot)
                break

    def _drop_queued(self, key: str, slot: Slot) -> None:
        while slot.queue:
            request, queue_dfd = slot.queue.popleft()
            self.stats.inc_value("newsmirror/breaker/dropped")
            logger.debug("Dropped %s: circuit breaker open for %s", request, key)
            queue_dfd.errback(
                IgnoreRequest(
                    f"circuit breaker open for {key} after "
                    f"{self.policy.breaker_failures} consecutive failures"
                )
            )

    async def _download(self, slot: Slot, request: Request) -> Response:
        # Scrapy's, with each outcome told to the host policy before the slot sends its next
        # request (the ``finally`` below), so a 429/503 deadline holds that request too.
        slot.transferring.add(request)  # already there when it came from _process_queue
        key = self._keys.get(slot, "")
        try:
            self._no_silent_resend(request)
            # A 429/503 may have come in between this request leaving its slot and this coroutine
            # running (they are scheduled apart): it waits here too, so nothing goes out early.
            while (wait := self.policy.not_before(key) - time.monotonic()) > 0:
                await sleep(wait)
            try:
                self._sending(request)
                response: Response = await self.handlers.download_request_async(request)
            except Exception as exc:
                if isinstance(exc, self.failure_types):
                    self._failed(key, request, f"{type(exc).__name__}: {exc}")
                else:  # the host answered (too big a page, say): no sign that it is down
                    self.policy.succeeded(key)
                raise
            self._observe(key, request, response)
            self.signals.send_catch_log(
                signal=signals.response_downloaded,
                response=response,
                request=request,
                spider=self.crawler.spider,
            )
            return response
        except Exception:
            await _process_pending_io()
            raise
        finally:
            slot.transferring.remove(request)
            self.policy.answered(key, time.monotonic())
            self._process_queue(slot)
            self.signals.send_catch_log(
                signal=signals.request_left_downloader,
                request=request,
                spider=self.crawler.spider,
            )

    def _sending(self, request: Request) -> None:
        """Called as ``request`` is handed to the download handler (a hook for benchmarks)."""

    def _no_silent_resend(self, request: Request) -> None:
        """Twisted's connection pool sends a GET again, unseen by Scrapy, when a kept-alive
        connection dies before the answer: past the host's deadline and breaker. Turned off, the
        failure reaches Scrapy's RetryMiddleware, whose retry goes through the gate."""
        scheme = urlparse_cached(request).scheme
        if scheme in self._pools_checked:
            return
        self._pools_checked.add(scheme)
        pool = getattr(self.handlers._get_handler(scheme), "_pool", None)
        if pool is not None and hasattr(pool, "retryAutomatically"):
            pool.retryAutomatically = False

    # --- outcomes --------------------------------------------------------------------------

    def _observe(self, key: str, request: Request, response: Response) -> None:
        status = response.status
        if status in BUSY_STATUSES:
            self._come_back_later(key, request, response)
        if status >= 500 or status == 429:
            self._failed(key, request, f"HTTP {status}")
        elif self.policy.succeeded(key):
            self.stats.inc_value("newsmirror/breaker/closed")
            logger.info("Circuit breaker for %s closed: %s answered", key, request.url)

    def _come_back_later(self, key: str, request: Request, response: Response) -> None:
        raw = response.headers.get(b"Retry-After")
        header = raw.decode("latin-1") if raw else None
        asked = parse_retry_after(header, time.time())
        if asked is None:
            seconds = self.config.retry_after_default
            self.stats.inc_value("newsmirror/retry_after/default")
            why = f"no usable Retry-After ({header!r}); NEWSMIRROR_RETRY_AFTER_DEFAULT"
        elif asked > self.config.max_retry_after:
            seconds = self.config.max_retry_after
            self.stats.inc_value("newsmirror/retry_after/capped")
            why = f"Retry-After {header!r} capped by NEWSMIRROR_MAX_RETRY_AFTER"
        else:
            seconds = asked
            self.stats.inc_value("newsmirror/retry_after/honoured")
            why = f"Retry-After {header!r}"
        if self.policy.defer(key, time.monotonic() + seconds):
            logger.info(
                "HTTP %d from %s: nothing more is sent to %s for %.1f s (%s)",
                response.status,
                request.url,
                key,
                seconds,
                why,
            )

    def _failed(self, key: str, request: Request, reason: str) -> None:
        if self.policy.failed(key, time.monotonic()):
            self.stats.inc_value("newsmirror/breaker/opened")
            logger.warning(
                "Circuit breaker open for %s after %d consecutive failures (last: %s, %s): "
                "its requests are dropped for %.0f s (NEWSMIRROR_BREAKER_COOLDOWN), then one "
                "is tried",
                key,
                self.policy.failures(key),
                request.url,
                reason,
                self.policy.breaker_cooldown,
            )
