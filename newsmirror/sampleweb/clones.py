"""Clones of the sample web's sites, each under a host and registrable domain of its own.

Clone ``k`` (1..``count``) of the site ``www.example-wire.com`` is
``c{k}-www.example-wire.com.test``: ``.test`` is a reserved top-level domain outside the public
suffix list, so every clone host is its own registrable domain (``registrable_domain()`` in
``newsmirror/urls.py`` keeps such a host whole). A clone answers what the original site answers,
with the original host name rewritten to the clone's in the body (gzipped ones included) and in the
headers, so its links, feeds, sitemaps, robots.txt and redirects stay on the clone. Other sites'
host names (an aggregator's links to its origins) are left as they are. A crawl seeded with clone
home pages therefore sees as many separate sites as it has seeds, which is what a crawl with more
concurrent requests than the sample web has sites needs (``benchmarks/fault_soak.py --clones``).
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit

from newsmirror.sampleweb.web import BY_HOST, SITES, Response, SampleWeb

_CLONE_HOST = re.compile(r"c(\d+)-(.+)\.test")
_GZIP_MAGIC = b"\x1f\x8b"


def clone_host(host: str, k: int) -> str:
    """The host of clone ``k`` of the site at ``host``."""
    return f"c{k}-{host}.test"


@lru_cache(maxsize=256)
def _host_pattern(host: str) -> re.Pattern[bytes]:
    """``host`` as a whole host name: not part of a longer name (``cdn.host``, ``host-x``)."""
    return re.compile(rb"(?<![A-Za-z0-9.\-])" + re.escape(host.encode()) + rb"(?![A-Za-z0-9\-])")


def rewrite(data: bytes, host: str, clone: str) -> bytes:
    """``data`` with every mention of the host name ``host`` turned into ``clone``."""
    return _host_pattern(host).sub(clone.encode(), data)


class ClonedWeb:
    """A :class:`SampleWeb` that also serves ``count`` clones of every site (see the module
    docstring). With ``count=0`` it serves the sample web unchanged."""

    def __init__(self, web: SampleWeb, count: int = 0) -> None:
        if count < 0:
            raise ValueError(f"clones must be 0 or more, not {count}")
        self.web = web
        self.count = count

    def hosts(self, original: str) -> list[str]:
        """The clone hosts of the site at ``original``."""
        return [clone_host(original, k) for k in range(1, self.count + 1)]

    def homes(self, *, browser: bool = True) -> list[str]:
        """Every clone's home page (``browser=False``: not of sites that need a browser)."""
        return [
            f"http://{host}/"
            for site in SITES
            if browser or not site.needs_browser
            for host in self.hosts(site.host)
        ]

    def _split(self, url: str) -> tuple[str, str, int] | None:
        """(the original site's URL, its host, the clone index) for a clone host's URL."""
        parts = urlsplit(url)
        match = _CLONE_HOST.fullmatch(parts.hostname or "")
        if match is None or match.group(2) not in BY_HOST:
            return None
        original = urlunsplit(parts._replace(netloc=match.group(2)))
        return original, match.group(2), int(match.group(1))

    def fetch(self, url: str) -> Response:
        """(status, headers, body) for ``url``, a clone's or the sample web's own."""
        split = self._split(url)
        if split is None:
            return self.web.fetch(url)
        original, host, k = split
        if not 1 <= k <= self.count:
            return (
                404,
                {"Content-Type": "text/plain; charset=utf-8"},
                f"no clone {k} of {host}: clones 1 to {self.count} are served\n".encode(),
            )
        clone = clone_host(host, k)
        status, headers, body = self.web.fetch(original)
        headers = {
            key: rewrite(value.encode(), host, clone).decode() for key, value in headers.items()
        }
        if body.startswith(_GZIP_MAGIC):
            body = gzip.compress(rewrite(gzip.decompress(body), host, clone), mtime=0)
        else:
            body = rewrite(body, host, clone)
        return status, headers, body

    def oversized(self, url: str) -> tuple[int, bool] | None:
        """(size, send Content-Length) if ``url`` is one of the oversized pages, or a clone's."""
        split = self._split(url)
        if split is None:
            return self.web.oversized(url)
        original, _, k = split
        return self.web.oversized(original) if 1 <= k <= self.count else None
