"""robots.txt as RFC 9309 reads it, for every request, including those that wait for it together.

Scrapy 2.19's ``RobotsTxtMiddleware`` allows everything when robots.txt answers 5xx or cannot be
fetched, ignores Crawl-delay, and lets through all but the first of the requests that wait for a
host's robots.txt at the same moment (they share one Deferred, whose result the first waiter
consumes). This middleware takes its place:

- 2xx: the rules apply; ``Crawl-delay`` (capped by ``NEWSMIRROR_MAX_CRAWL_DELAY``) spaces that
  host's requests (the downloader enforces it, see ``newsmirror/downloader.py``);
- 4xx other than 429: no robots.txt, everything is allowed (RFC 9309 §2.3.1.3);
- 5xx, 429, a timeout (``NEWSMIRROR_ROBOTS_TIMEOUT``) or a connection failure: the host is
  "unreachable", so nothing of it is fetched (§2.3.1.4) until robots.txt is fetched again,
  ``NEWSMIRROR_ROBOTS_RECHECK`` seconds later; a copy fetched earlier in the crawl is kept instead;
- a fetched robots.txt is fetched again after ``NEWSMIRROR_ROBOTS_MAX_AGE`` seconds.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from scrapy import Request, signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler, load_object
from twisted.internet.defer import Deferred

from newsmirror.config import PolitenessConfig
from newsmirror.download_errors import describe
from newsmirror.downloader import host_policy
from newsmirror.politeness import RobotsVerdict, robots_verdict

if TYPE_CHECKING:
    from typing import Self

    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.robotstxt import RobotParser

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Robots:
    """What a host's robots.txt said, and when it was asked."""

    parser: RobotParser | None  # None: no rules (everything allowed, unless unreachable)
    unreachable: str  # why the host counts as unreachable; "" if it does not
    fetched_at: float


class RobotsTxtObeyed:
    """Obey robots.txt (see the module docstring)."""

    DOWNLOAD_PRIORITY = 1000

    def __init__(self, crawler: Crawler) -> None:
        if not crawler.settings.getbool("ROBOTSTXT_OBEY"):
            raise NotConfigured("ROBOTSTXT_OBEY is off")
        assert crawler.stats is not None
        self.crawler = crawler
        self.stats = crawler.stats
        self.config = PolitenessConfig.from_settings(crawler.settings)
        self.policy = host_policy(crawler)
        self.useragent: str = (
            crawler.settings.get("ROBOTSTXT_USER_AGENT") or crawler.settings["USER_AGENT"]
        )
        self._parserimpl: Any = load_object(crawler.settings.get("ROBOTSTXT_PARSER"))
        build_from_crawler(self._parserimpl, crawler, b"")  # fails now if its library is missing
        self._robots: dict[str, _Robots] = {}
        self._waiting: dict[str, list[Deferred[_Robots]]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    async def process_request(self, request: Request, spider: Any = None) -> None:
        if request.meta.get("dont_obey_robotstxt") or request.url.startswith(("data:", "file:")):
            return
        robots = await self._robots_for(request)
        if robots.unreachable:
            self.stats.inc_value("newsmirror/robots/unreachable_skipped")
            raise IgnoreRequest(
                f"robots.txt of {urlparse_cached(request).netloc} unreachable "
                f"({robots.unreachable}): nothing of the host is fetched until it is read again"
            )
        if robots.parser is not None and not robots.parser.allowed(request.url, self.useragent):
            logger.debug("Forbidden by robots.txt: %s", request)
            self.stats.inc_value("robotstxt/forbidden")
            raise IgnoreRequest("Forbidden by robots.txt")

    async def _robots_for(self, request: Request) -> _Robots:
        netloc = urlparse_cached(request).netloc
        known = self._robots.get(netloc)
        if known is not None and not self._stale(known):
            return known
        waiting = self._waiting.get(netloc)
        if waiting is not None:  # being fetched: wait for it, each waiter with its own Deferred
            own: Deferred[_Robots] = Deferred()
            waiting.append(own)
            return await maybe_deferred_to_future(own)
        self._waiting[netloc] = []
        try:
            robots = await self._fetch(request, netloc, known)
        except Exception as exc:  # never leave the waiters hanging
            logger.exception("Could not read robots.txt of %s", netloc)
            robots = _Robots(None, f"{type(exc).__name__}: {exc}", time.monotonic())
        self._robots[netloc] = robots
        for own in self._waiting.pop(netloc):
            own.callback(robots)
        return robots

    def _stale(self, robots: _Robots) -> bool:
        age = time.monotonic() - robots.fetched_at
        if robots.unreachable:
            return age >= self.config.robots_recheck
        return bool(self.config.robots_max_age) and age >= self.config.robots_max_age

    async def _fetch(self, request: Request, netloc: str, known: _Robots | None) -> _Robots:
        url = urlparse_cached(request)
        robots_url = f"{url.scheme}://{netloc}/robots.txt"
        robots_request = Request(
            robots_url,
            priority=self.DOWNLOAD_PRIORITY,
            meta={
                "dont_obey_robotstxt": True,
                "download_timeout": self.config.robots_timeout,
                # The host's own rules, asked for because a request to it is about to go: never
                # off-site, whatever the spider's allowed domains (an original on another site).
                "allow_offsite": True,
            },
            callback=NO_CALLBACK,
        )
        self.stats.inc_value("robotstxt/request_count")
        assert self.crawler.engine is not None
        now = time.monotonic()
        try:
            response = await self.crawler.engine.download_async(robots_request)
        except Exception as exc:
            self.stats.inc_value(f"robotstxt/exception_count/{type(exc)}")
            return self._unreachable(robots_url, describe(exc), known, now)
        self.stats.inc_value("robotstxt/response_count")
        self.stats.inc_value(f"robotstxt/response_status_count/{response.status}")
        verdict = robots_verdict(response.status)
        if verdict is RobotsVerdict.UNREACHABLE:
            return self._unreachable(robots_url, f"HTTP {response.status}", known, now)
        if verdict is RobotsVerdict.ALLOW_ALL:
            self.stats.inc_value("newsmirror/robots/missing")
            logger.info(
                "No robots.txt at %s (HTTP %d): everything on %s may be crawled",
                robots_url,
                response.status,
                netloc,
            )
            return _Robots(None, "", now)
        parser = build_from_crawler(self._parserimpl, self.crawler, response.body)
        await self.crawler.signals.send_catch_log_async(
            signal=signals.robots_parsed, robotparser=parser, request=request
        )
        self._crawl_delay(robots_url, url.hostname or "", parser, response)
        return _Robots(parser, "", now)

    def _unreachable(self, robots_url: str, why: str, known: _Robots | None, now: float) -> _Robots:
        if known is not None and not known.unreachable:
            self.stats.inc_value("newsmirror/robots/kept_cached")
            logger.warning(
                "robots.txt at %s unreachable (%s): keeping the copy read %.0f s ago",
                robots_url,
                why,
                now - known.fetched_at,
            )
            return _Robots(known.parser, "", now)
        self.stats.inc_value("newsmirror/robots/unreachable")
        logger.warning(
            "robots.txt at %s unreachable (%s): nothing of that host is fetched before it is read "
            "again, in %.0f s (NEWSMIRROR_ROBOTS_RECHECK)",
            robots_url,
            why,
            self.config.robots_recheck,
        )
        return _Robots(None, why, now)

    def _crawl_delay(
        self, robots_url: str, host: str, parser: RobotParser, response: Response
    ) -> None:
        asked = parser.crawl_delay(self.useragent)
        if not asked or asked <= 0:
            self.policy.set_min_gap(host, 0.0)
            return
        delay = min(float(asked), self.config.max_crawl_delay)
        self.policy.set_min_gap(host, delay, time.monotonic())
        self.stats.inc_value("newsmirror/robots/crawl_delay")
        if delay < asked:
            self.stats.inc_value("newsmirror/robots/crawl_delay_capped")
        logger.info(
            "%s asks for Crawl-delay: %s; requests to %s are spaced %.1f s apart%s",
            robots_url,
            asked,
            host,
            delay,
            " (capped by NEWSMIRROR_MAX_CRAWL_DELAY)" if delay < asked else "",
        )
