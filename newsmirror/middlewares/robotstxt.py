"""robots.txt obeyed by every request, even those that wait for it together.

Scrapy 2.19's ``RobotsTxtMiddleware`` keeps one Twisted ``Deferred`` per host while its robots.txt
is being fetched, and each request that arrives meanwhile awaits that Deferred through
``Deferred.asFuture``. ``asFuture`` consumes the result: the first waiter gets the parser, every
later one gets ``None``, which the middleware reads as "no robots.txt, allow everything". So when
several requests for a host not seen yet are in flight at once (a fleet worker popping a site's
links from the shared queue, or originals on a new host named by several copies), all but one skip
robots.txt. Here each waiter gets its own Deferred, fed from the shared one without consuming it.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred


def _relay(shared: Deferred[Any]) -> Deferred[Any]:
    """A Deferred that fires with ``shared``'s result, leaving that result for the others."""
    own: Deferred[Any] = Deferred()

    def forward(result: Any) -> Any:
        own.callback(result)
        return result

    shared.addCallback(forward)
    return own


class RobotsTxtObeyed(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, with the shared wait fixed (see the module docstring)."""

    async def robot_parser(self, request: Request) -> Any:
        parser = self._parsers.get(urlparse_cached(request).netloc)
        if isinstance(parser, Deferred):
            return await maybe_deferred_to_future(_relay(parser))
        return await super().robot_parser(request)
