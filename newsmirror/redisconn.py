"""One way to open Redis for the distributed store and queue: fail fast at start, ride out outages.

At start an unreachable Redis is an immediate, clear error. Once running, a lost connection is
retried with exponential backoff (capped at 5 s per wait) for ``NEWSMIRROR_REDIS_RETRY_SECONDS``;
only then does the operation fail, and the crawl stops with a message saying Redis is gone.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

import redis
from redis.backoff import ExponentialBackoff
from redis.retry import Retry

logger = logging.getLogger(__name__)

_CAP, _BASE = 5.0, 0.1


class RedisUnavailable(RuntimeError):
    """Redis cannot be reached; the message names the server and the setting."""


def where(url: str) -> str:
    parts = urlsplit(url)
    return (
        f"{parts.scheme}://{parts.hostname or 'localhost'}:{parts.port or 6379}{parts.path or '/0'}"
    )


def retries_for(seconds: float) -> int:
    """How many exponential-backoff retries add up to about ``seconds`` of waiting."""
    waited, retries = 0.0, 0
    while waited < seconds:
        waited += min(_CAP, _BASE * 2**retries)
        retries += 1
    return retries


def connect(url: str, retry_seconds: float, setting: str) -> Any:
    """A client for ``url`` that has answered a PING, or :class:`RedisUnavailable`."""
    try:
        probe = redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=5)
        probe.ping()
        probe.close()
    except (redis.RedisError, ValueError) as exc:
        raise RedisUnavailable(
            f"{setting}={where(url)}: Redis is not reachable ({exc}). Start redis-server or fix "
            f"{setting}."
        ) from None
    return redis.Redis.from_url(
        url,
        socket_connect_timeout=5,
        socket_timeout=30,
        health_check_interval=30,
        retry=Retry(ExponentialBackoff(cap=_CAP, base=_BASE), retries_for(retry_seconds)),
        retry_on_error=[redis.ConnectionError, redis.TimeoutError],
    )
