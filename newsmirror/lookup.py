"""Where a host name points, asked of the resolver Scrapy downloads with, without blocking.

Scrapy installs its resolver (``TWISTED_DNS_RESOLVER``: by default a thread-pool
``gethostbyname`` with ``DNS_TIMEOUT`` and a cache, ``scrapy.resolver.dnscache``) on the reactor;
a lookup made here goes through it, so it shares that cache with the downloads. A name that does
not resolve (no DNS, or a name only a proxy knows) gives no address, and is not asked again for
``FAILED_TTL`` seconds. Without a Twisted reactor, asyncio's ``getaddrinfo`` (in a thread) answers.
"""

from __future__ import annotations

import asyncio
import socket
import time
from typing import Any

from scrapy.resolver import dnscache
from scrapy.utils.datatypes import LocalCache
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.reactor import is_reactor_installed
from twisted.internet.defer import Deferred
from twisted.internet.interfaces import IAddress, IHostResolution

from newsmirror.urls import ip_of

# A name that did not resolve is not looked up again for this long (Scrapy caches answers only);
# at most this many such names are remembered.
FAILED_TTL = 300.0
FAILED_NAMES = 10000


def cached_addresses(host: str) -> list[str]:
    """Addresses Scrapy's resolver has already cached for ``host`` (no lookup is made)."""
    cached = dnscache.get(host)
    if cached is None:
        return []
    if isinstance(cached, str):
        return [cached]
    return [str(getattr(a, "host", a)) for a in cached]


class _Collect:
    """An ``IResolutionReceiver`` (Twisted's method names): gathers a resolution's addresses and
    fires ``done`` with them when it completes."""

    def __init__(self) -> None:
        self.addresses: list[str] = []
        self.done: Deferred[list[str]] = Deferred()

    def resolutionBegan(self, resolution: IHostResolution) -> None:  # noqa: N802
        return

    def addressResolved(self, address: IAddress) -> None:  # noqa: N802
        host = getattr(address, "host", None)
        if host is not None:
            self.addresses.append(str(host))

    def resolutionComplete(self) -> None:  # noqa: N802
        self.done.callback(self.addresses)


class AddressLookup:
    """Resolves host names through the crawl's resolver; remembers failures for a while."""

    def __init__(self, failed_ttl: float = FAILED_TTL) -> None:
        self.failed_ttl = failed_ttl
        self._failed: LocalCache[str, float] = LocalCache(FAILED_NAMES)

    async def addresses(self, host: str) -> list[str]:
        """Every address ``host`` resolves to; [] for an IP literal or a name that does not
        resolve (the caller judges those by the name)."""
        host = host.strip("[]").lower().rstrip(".")
        if not host or ip_of(host) is not None:
            return []
        cached = cached_addresses(host)
        if cached:
            return cached
        failed_at = self._failed.get(host)
        if failed_at is not None and time.monotonic() - failed_at < self.failed_ttl:
            return []
        found = await (_resolve_twisted(host) if is_reactor_installed() else _resolve_asyncio(host))
        if found:
            self._failed.pop(host, None)
        else:
            self._failed[host] = time.monotonic()
        return found


async def _resolve_twisted(host: str) -> list[str]:
    from twisted.internet import reactor

    receiver = _Collect()
    resolver: Any = reactor.nameResolver
    resolver.resolveHostName(receiver, host, 0)
    return await maybe_deferred_to_future(receiver.done)


async def _resolve_asyncio(host: str) -> list[str]:
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except OSError:
        return []
    return sorted({str(info[4][0]) for info in infos})
