"""Per-host politeness state: when a host may next be sent a request, and its circuit breaker.

Pure code (no Scrapy): the downloader (``newsmirror/downloader.py``) asks it before each request
leaves for a host and tells it how each one ended; the robots.txt middleware gives it the hosts'
Crawl-delay. Times are ``time.monotonic()`` seconds, passed in so that tests can drive the clock.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import UTC
from email.utils import parsedate_to_datetime


def parse_retry_after(value: str | None, now_epoch: float) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delay-seconds or an HTTP-date, RFC 9110
    §10.2.3), or None when there is no usable value. A date in the past means no wait."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if text.isdigit():
        return float(int(text))
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)  # HTTP-dates are always GMT
    return max(0.0, when.timestamp() - now_epoch)


class Breaker(enum.Enum):
    """What the circuit breaker lets through to a host."""

    CLOSED = "closed"  # everything
    OPEN = "open"  # nothing: requests are dropped until the cool-down ends
    TRIAL = "trial"  # the cool-down ended: one request may go, to see whether the host is back
    WAITING = "waiting"  # that one request is out: hold the others until it ends


@dataclass
class _Host:
    not_before: float = 0.0  # Retry-After deadline
    min_gap: float = 0.0  # Crawl-delay
    answered: float = 0.0  # when the host last answered (kept only once it has a Crawl-delay)
    failures: int = 0  # consecutive
    opened_at: float | None = None
    trial_out: bool = False


@dataclass
class HostPolicy:
    """Deadlines, Crawl-delays and circuit breakers of every host of a crawl.

    ``breaker_failures`` consecutive failures open a host's breaker for ``breaker_cooldown``
    seconds (0 failures: no breaker); then one trial request goes, whose success closes it and
    whose failure opens it again.
    """

    breaker_failures: int = 5
    breaker_cooldown: float = 60.0
    _hosts: dict[str, _Host] = field(default_factory=dict)

    def _host(self, host: str) -> _Host:
        state = self._hosts.get(host)
        if state is None:
            state = self._hosts[host] = _Host()
        return state

    # --- when the next request may go --------------------------------------------------------

    def defer(self, host: str, until: float) -> bool:
        """Send nothing to ``host`` before ``until``; True if that moves its deadline later."""
        state = self._host(host)
        if until <= state.not_before:
            return False
        state.not_before = until
        return True

    def not_before(self, host: str) -> float:
        state = self._hosts.get(host)
        return state.not_before if state else 0.0

    def set_min_gap(self, host: str, seconds: float, now: float = 0.0) -> None:
        """Leave at least ``seconds`` between two requests to ``host`` (its Crawl-delay), ``now``
        being when its robots.txt answered."""
        state = self._host(host)
        state.min_gap = max(0.0, seconds)
        state.answered = max(state.answered, now)

    def answered(self, host: str, now: float) -> None:
        """``host`` answered a request (or failed to) at ``now``."""
        state = self._hosts.get(host)
        if state is not None and state.min_gap:
            state.answered = max(state.answered, now)

    def min_gap(self, host: str) -> float:
        state = self._hosts.get(host)
        return state.min_gap if state else 0.0

    def wait(self, host: str, now: float, last_sent: float, delay: float = 0.0) -> float:
        """Seconds before the next request may go to ``host``, the last one having gone at
        ``last_sent`` and the downloader's own delay for it being ``delay``."""
        state = self._hosts.get(host)
        waits = [delay - (now - last_sent) if delay else 0.0]
        if state is not None:
            if state.min_gap:
                # A Crawl-delay counts from the later of the last request leaving and the host's
                # last answer: a request that left late (a busy event loop, a new connection)
                # still reaches the host a whole Crawl-delay after the one before.
                waits.append(state.min_gap - (now - max(last_sent, state.answered)))
            waits.append(state.not_before - now)
        return max(0.0, *waits)

    # --- circuit breaker ---------------------------------------------------------------------

    def breaker(self, host: str, now: float) -> Breaker:
        state = self._hosts.get(host)
        if state is None or state.opened_at is None:
            return Breaker.CLOSED
        if now - state.opened_at < self.breaker_cooldown:
            return Breaker.OPEN
        return Breaker.WAITING if state.trial_out else Breaker.TRIAL

    def trial_sent(self, host: str) -> None:
        self._host(host).trial_out = True

    def succeeded(self, host: str) -> bool:
        """A request to ``host`` went well; True if that closed its breaker."""
        state = self._hosts.get(host)
        if state is None:
            return False
        was_open = state.opened_at is not None
        state.failures = 0
        state.opened_at = None
        state.trial_out = False
        return was_open

    def failed(self, host: str, now: float) -> bool:
        """A request to ``host`` failed; True if that opened (or reopened) its breaker."""
        if self.breaker_failures <= 0:
            return False
        state = self._host(host)
        state.failures += 1
        if state.trial_out or (state.opened_at is None and state.failures >= self.breaker_failures):
            state.opened_at = now
            state.trial_out = False
            return True
        return False

    def failures(self, host: str) -> int:
        state = self._hosts.get(host)
        return state.failures if state else 0


class RobotsVerdict(enum.Enum):
    """What a robots.txt answer means for the host (RFC 9309 §2.3.1)."""

    RULES = "rules"  # 2xx: parse and obey it
    ALLOW_ALL = "allow_all"  # 4xx (or 3xx left over): "unavailable", anything may be crawled
    UNREACHABLE = "unreachable"  # 5xx (and 429): complete disallow, for now


def robots_verdict(status: int) -> RobotsVerdict:
    """The verdict of a robots.txt response's final status (after redirects)."""
    if 200 <= status < 300:
        return RobotsVerdict.RULES
    # 429 is a 4xx, but it says "come back later", not "there is none": treated as a 5xx.
    if 300 <= status < 500 and status != 429:
        return RobotsVerdict.ALLOW_ALL
    return RobotsVerdict.UNREACHABLE
