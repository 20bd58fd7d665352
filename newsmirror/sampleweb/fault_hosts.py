"""Hosts that misbehave on purpose, and random faults injected into the sample web.

:class:`FaultSites` serves small sites of their own, each with one fault: a robots.txt answering
500, one that never answers, none at all (404), a Crawl-delay, a host answering 429 or 503 with a
``Retry-After`` (seconds or an HTTP-date) to its first requests, one failing every request, and one
slow to answer every page.
:class:`FaultInjector` turns a share of the sample web's ordinary answers into faults (503 with
``Retry-After``, connection resets, malformed pages); :class:`FixedFaults` fails given URLs. They
hand the server a :data:`Action` per request (a :data:`TlsFault` fails a host's https handshake);
the server logs every request (see ``server.py``), which is what tests check politeness against. Article text comes from our own word banks (``text.py``).
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, replace
from email.utils import formatdate
from html import escape
from typing import Protocol
from urllib.parse import urlsplit

from newsmirror.sampleweb.text import english_story, slugify


@dataclass(frozen=True)
class Respond:
    """Answer with this, after ``delay`` seconds. A Retry-After it announces is ``retry_in`` seconds
    from when the answer is sent (delay-seconds), or the wall-clock time ``retry_at`` (an
    HTTP-date)."""

    status: int
    headers: dict[str, str]
    body: bytes
    retry_in: float | None = None
    retry_at: float | None = None
    delay: float = 0.0


@dataclass(frozen=True)
class Hang:
    """Read the request, say nothing for ``seconds``, then close the connection."""

    seconds: float


@dataclass(frozen=True)
class Reset:
    """Read the request and reset the connection (TCP RST), with no answer."""


@dataclass(frozen=True)
class Mangle:
    """Serve the page, cut short and littered with NUL bytes and unclosed tags."""


@dataclass(frozen=True)
class Cut:
    """Announce the whole page (its Content-Length), send half of it, and close: a dropped body."""


Action = Respond | Hang | Reset | Mangle | Cut


@dataclass(frozen=True)
class NotTls:
    """An https host whose port speaks plain HTTP: the client's TLS ClientHello is answered with
    an HTTP error instead of a TLS record, so the handshake fails."""


@dataclass(frozen=True)
class HandshakeAlert:
    """An https host with no protocol version or cipher in common with the client: its ClientHello
    is answered with a fatal TLS alert (handshake_failure) and the connection closed."""


# How a host's https tunnel fails its TLS handshake (see ``SampleWebServer.tls_faults``).
TlsFault = NotTls | HandshakeAlert


class FaultSource(Protocol):
    """Decides, per request, whether the server answers with a fault instead of the page."""

    def decide(self, url: str) -> Action | None: ...


HTML = "text/html; charset=utf-8"
TEXT = "text/plain; charset=utf-8"

ROBOTS_ERROR = "www.robots-error.net"  # robots.txt: HTTP 500
ROBOTS_HANG = "www.robots-hang.net"  # robots.txt: no answer
ROBOTS_NONE = "www.robots-none.net"  # robots.txt: HTTP 404
ROBOTS_FLAKY = "www.robots-flaky.net"  # robots.txt: HTTP 500 to the first requests, then rules
CRAWL_DELAY = "www.slow-lane.net"  # robots.txt: Crawl-delay, /private/ disallowed
BUSY_SECONDS = "www.busy-seconds.net"  # first requests: 429, Retry-After: seconds
BUSY_DATE = "www.busy-date.net"  # first requests: 503, Retry-After: HTTP-date
ALWAYS_DOWN = "www.always-down.net"  # every page: HTTP 500
RESET_ONCE = "www.reset-once.net"  # its second page request: connection reset
SLOW_ANSWERS = "www.slow-answers.net"  # every page answered after a pause (robots.txt at once)
HOSTS = (
    ROBOTS_ERROR,
    ROBOTS_HANG,
    ROBOTS_NONE,
    ROBOTS_FLAKY,
    CRAWL_DELAY,
    BUSY_SECONDS,
    BUSY_DATE,
    ALWAYS_DOWN,
    RESET_ONCE,
    SLOW_ANSWERS,
)
# The Crawl-delay host's home page also links to these hosts' articles (a partner's links).
PARTNERS = {CRAWL_DELAY: ROBOTS_FLAKY}


def retry_after_response(status: int, seconds: float, as_date: bool) -> Respond:
    """A 429/503 asking to come back in ``seconds``, as delay-seconds or as an HTTP-date."""
    if as_date:
        # HTTP-dates have whole seconds: the deadline is the second the header names.
        when = int(time.time() + seconds)
        header = formatdate(when, usegmt=True)
        headers = {"Content-Type": TEXT, "Retry-After": header}
        return Respond(status, headers, f"Busy: come back after {header}\n".encode(), retry_at=when)
    header = str(int(seconds))
    headers = {"Content-Type": TEXT, "Retry-After": header}
    return Respond(
        status, headers, f"Busy: come back in {header} s\n".encode(), retry_in=int(seconds)
    )


class FixedFaults:
    """The given URLs fail the given way (an origin that cannot be fetched, say); others are
    served as usual."""

    def __init__(self, faults: dict[str, Action]) -> None:
        self.faults = dict(faults)

    def decide(self, url: str) -> Action | None:
        return self.faults.get(url)


class FaultSites:
    """The misbehaving hosts (see the module docstring); each has ``pages`` articles linked from
    its home page, and /private/ copies of them that the Crawl-delay host's robots.txt forbids."""

    def __init__(
        self,
        seed: int = 1,
        pages: int = 4,
        crawl_delay: float = 1.0,
        busy_first: int = 2,
        retry_after: int = 2,
        hang_seconds: float = 10.0,
        flaky_robots: int = 3,
        slow_seconds: float = 0.5,
    ) -> None:
        self.crawl_delay = crawl_delay
        self.slow_seconds = slow_seconds
        self.busy_first = busy_first
        self.retry_after = retry_after
        self.hang_seconds = hang_seconds
        self.flaky_robots = flaky_robots
        rng = random.Random(seed)
        self.articles: dict[str, dict[str, bytes]] = {}
        for host in HOSTS:
            site: dict[str, bytes] = {}
            for _ in range(pages):
                draft = english_story(rng)
                slug = slugify(draft.title)
                paragraphs = "".join(f"<p>{escape(p)}</p>\n" for p in draft.paragraphs)
                html = (
                    f"<!DOCTYPE html>\n<html lang=en><head><title>{escape(draft.title)}</title>"
                    '<meta property="og:type" content="article">'
                    '<meta property="article:published_time" content="2026-11-20T06:00:00Z">'
                    f"</head><body><article><h1>{escape(draft.title)}</h1>\n"
                    f"<p class=byline>By {escape(', '.join(draft.authors))}</p>\n"
                    f"{paragraphs}</article></body></html>\n"
                )
                site[f"/story/{slug}/"] = html.encode()
                site[f"/private/{slug}/"] = html.encode()
            self.articles[host] = site
        self._served: dict[str, int] = dict.fromkeys(HOSTS, 0)
        self._robots_served: dict[str, int] = dict.fromkeys(HOSTS, 0)
        self._lock = threading.Lock()

    def urls(self, host: str, section: str = "story") -> list[str]:
        return sorted(f"http://{host}{p}" for p in self.articles[host] if p[1:].startswith(section))

    def decide(self, url: str) -> Action | None:
        action = self._decide(url)
        parts = urlsplit(url)
        if (
            isinstance(action, Respond)
            and parts.hostname == SLOW_ANSWERS
            and parts.path != "/robots.txt"
        ):
            return replace(action, delay=self.slow_seconds)
        return action

    def _decide(self, url: str) -> Action | None:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if host not in self.articles:
            return None
        path = parts.path or "/"
        if path == "/robots.txt":
            return self._robots(host)
        with self._lock:
            self._served[host] += 1
            nth = self._served[host]
        if host in (BUSY_SECONDS, BUSY_DATE) and nth <= self.busy_first:
            return retry_after_response(
                429 if host == BUSY_SECONDS else 503, self.retry_after, as_date=host == BUSY_DATE
            )
        if host == RESET_ONCE and nth == 2:
            return Reset()
        if host == ALWAYS_DOWN:
            return Respond(500, {"Content-Type": HTML}, b"<h1>Internal Server Error</h1>\n")
        if path == "/":
            links = "".join(
                f'<li><a href="{u}">{u.rsplit("/", 2)[-2]}</a></li>\n' for u in self.urls(host)
            )
            links += "".join(
                f'<li><a href="{u}">{u.rsplit("/", 2)[-2]}</a></li>\n'
                for u in self.urls(host, "private")
            )
            if host in PARTNERS:
                links += "".join(
                    f'<li><a href="{u}">{u.rsplit("/", 2)[-2]}</a></li>\n'
                    for u in self.urls(PARTNERS[host])
                )
            home = f"<!DOCTYPE html>\n<html><head><title>{host}</title></head><body><ul>\n{links}</ul></body></html>\n"
            return Respond(200, {"Content-Type": HTML}, home.encode())
        page = self.articles[host].get(path)
        if page is None:
            return Respond(404, {"Content-Type": HTML}, b"<h1>Not found</h1>\n")
        return Respond(200, {"Content-Type": HTML}, page)

    def _robots(self, host: str) -> Action:
        with self._lock:
            self._robots_served[host] += 1
            nth = self._robots_served[host]
        if host == ROBOTS_ERROR or (host == ROBOTS_FLAKY and nth <= self.flaky_robots):
            return Respond(500, {"Content-Type": TEXT}, b"Internal Server Error\n")
        if host == ROBOTS_HANG:
            return Hang(self.hang_seconds)
        if host == ROBOTS_NONE:
            return Respond(404, {"Content-Type": HTML}, b"<h1>Not found</h1>\n")
        rules = "User-agent: *\nDisallow: /private/\n"
        if host == CRAWL_DELAY:
            rules += f"Crawl-delay: {self.crawl_delay:g}\n"
        return Respond(200, {"Content-Type": TEXT}, rules.encode())


class FaultInjector:
    """Turns ``rate`` of the requests (robots.txt excepted) into faults, in equal shares: 503 with
    ``Retry-After: retry_after``, a connection reset, a malformed page. Seeded: same seed, same
    faults in the same order."""

    KINDS = ("busy", "reset", "malformed")

    def __init__(self, rate: float = 0.1, seed: int = 1, retry_after: int = 1) -> None:
        self.rate = rate
        self.retry_after = retry_after
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self.injected: dict[str, int] = dict.fromkeys(self.KINDS, 0)

    def decide(self, url: str) -> Action | None:
        if urlsplit(url).path == "/robots.txt":
            return None
        with self._lock:
            if self._rng.random() >= self.rate:
                return None
            kind = self._rng.choice(self.KINDS)
            self.injected[kind] += 1
        if kind == "busy":
            return retry_after_response(503, self.retry_after, as_date=False)
        if kind == "reset":
            return Reset()
        return Mangle()
