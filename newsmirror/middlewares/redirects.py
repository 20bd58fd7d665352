"""Redirects a crawler must not follow: to other schemes, from public sites to internal addresses,
and back to where they came from.

Scrapy's ``RedirectMiddleware`` follows any http(s) ``Location`` (and quietly keeps the 3xx
response when the target is ``file:``, ``javascript:``...), and ends loops only through its
dupefilter or ``REDIRECT_MAX_TIMES``. Two halves, each with a warning naming both URLs and a
``newsmirror/redirect/...`` stat:

- :class:`RedirectSchemeGuard`, before ``RedirectMiddleware``, refuses a 3xx whose target is not
  http(s) (``file:``, ``ftp:``, ``javascript:``, ``data:``);
- :class:`RedirectGuard`, before robots.txt on every redirected request (HTTP 3xx and
  ``<meta http-equiv=refresh>`` alike), refuses a public site sending the crawler to a loopback,
  private, link-local or reserved address (literal IPs in any form, ``localhost``, and names that
  resolve to one: a target on another host is resolved first, through Scrapy's resolver and its
  cache, whatever proxy the download would take), unless ``NEWSMIRROR_REDIRECT_ALLOW_PRIVATE``
  lists the host or its network.

A redirect back to one of the request's own earlier hops is a loop: refused here when the
dupefilter lets it through (seeds are ``dont_filter``), reported through the ``request_dropped``
signal when the dupefilter drops it, as it does any redirect to a URL already requested.
"""

from __future__ import annotations

import logging
from typing import Any, Self
from urllib.parse import urljoin, urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector
from w3lib.url import safe_url_string

from newsmirror.config import NewsmirrorConfig
from newsmirror.lookup import AddressLookup, cached_addresses
from newsmirror.urls import Network, host_of, ip_of, needs_lookup, parse_allowed, redirect_refusal

logger = logging.getLogger(__name__)

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class RedirectRefused(IgnoreRequest):
    """A redirect this middleware refused; already logged and counted."""


class RedirectSchemeGuard:
    """Refuse HTTP redirects to other schemes; runs before Scrapy's ``RedirectMiddleware``."""

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        assert crawler.stats is not None
        return cls(crawler.stats)

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        location = response.headers.get(b"Location")
        if response.status not in _REDIRECT_STATUSES or not location:
            return response
        target = urljoin(request.url, safe_url_string(location))
        scheme = urlsplit(target).scheme.lower()
        if scheme not in ("http", "https"):
            self.stats.inc_value("newsmirror/redirect/scheme")
            logger.warning(
                "Refused redirect from %s to %s: not an HTTP(S) URL (%s scheme)",
                request.url,
                target,
                scheme or "no",
            )
            raise RedirectRefused(f"redirect to {target} refused: not an HTTP(S) URL")
        return response


class RedirectGuard:
    """Refuse redirects from public sites to internal addresses; report redirect loops."""

    def __init__(
        self,
        allowed: tuple[frozenset[str], tuple[Network, ...]],
        stats: StatsCollector,
        lookup: AddressLookup | None = None,
    ) -> None:
        self.allowed = allowed
        self.stats = stats
        self.lookup = lookup or AddressLookup()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        config = NewsmirrorConfig.from_settings(crawler.settings)
        assert crawler.stats is not None
        guard = cls(parse_allowed(config.redirect_allow_private), crawler.stats)
        crawler.signals.connect(guard.request_dropped, signal=signals.request_dropped)
        return guard

    def _refuse(self, source: str, target: str, why: str, stat: str) -> RedirectRefused:
        self.stats.inc_value(f"newsmirror/redirect/{stat}")
        logger.warning("Refused redirect from %s to %s: %s", source, target, why)
        return RedirectRefused(f"redirect to {target} refused: {why}")

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        hops: list[str] = request.meta.get("redirect_urls") or []
        if not hops:
            return
        source, target = hops[-1], request.url
        if target in hops:  # a loop the dupefilter let through (a seed: dont_filter)
            self._loop(request, hops)
            raise RedirectRefused(f"redirect loop back to {target}")
        target_host, source_host = host_of(target), host_of(source)
        # Where the name points, whatever proxy the download goes through.
        if needs_lookup(source, target):
            resolved = await self.lookup.addresses(target_host)
        else:
            resolved = cached_addresses(target_host)
        why = redirect_refusal(source, target, allowed=self.allowed, resolved=resolved)
        if why is not None and ip_of(source_host) is None:
            # A site that is itself internal by name (an intranet) may redirect within it.
            why = redirect_refusal(
                source,
                target,
                allowed=self.allowed,
                resolved=resolved,
                source_resolved=await self.lookup.addresses(source_host),
            )
        if why is not None:
            raise self._refuse(source, target, why, "internal")

    def _loop(self, request: Request, hops: list[str]) -> None:
        self.stats.inc_value("newsmirror/redirect/loop")
        logger.warning(
            "Skipped %s: a redirect loop (%s)", hops[0], " -> ".join([*hops, request.url])
        )

    def request_dropped(self, request: Request, spider: Any = None) -> None:
        hops: list[str] = request.meta.get("redirect_urls") or []
        if not hops:
            return
        if request.url in hops:
            self._loop(request, hops)
        else:
            self.stats.inc_value("newsmirror/redirect/to_seen")
            logger.info(
                "%s redirects to %s, which this crawl already requested", hops[-1], request.url
            )
