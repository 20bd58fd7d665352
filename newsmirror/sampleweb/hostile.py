"""The sample web's hostile sites: compression bombs, oversized pages, XML attacks, redirects to
places a crawler must not go, and spider traps.

Each kind lives on its own host (its own registrable domain), so a crawl's per-site budget applies
to each trap on its own and the server's request log tells them apart. Bombs are compressed once,
when first asked for, from a stream of chunks: the server never holds their expanded bytes.
"""

from __future__ import annotations

import ipaddress
import socket
import struct
import threading
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from html import escape
from urllib.parse import parse_qs, urlsplit

import brotli
from backports import zstd

from newsmirror.sampleweb.text import STREETS, THINGS, TOWNS

BOMB_HOST = "www.bomb-news.test"
REDIRECT_HOST = "www.redirect-news.test"
TRAP_HOSTS = {
    "pagination": "www.trap-pages.test",
    "calendar": "www.trap-calendar.test",
    "loops": "www.trap-loops.test",
    "long_urls": "www.trap-longurls.test",
}
HOSTS = frozenset({BOMB_HOST, REDIRECT_HOST, *TRAP_HOSTS.values()})

# What each bomb expands to: far beyond any sane DOWNLOAD_MAXSIZE (Scrapy's default is 1 GiB,
# newsmirror's 10 MiB), while compressed it is well under it.
BOMB_BYTES = 256 * 1024 * 1024
# The oversized plain pages ("50 MB"), streamed with and without a Content-Length.
BIG_BYTES = 50 * 1024 * 1024
# The redirect chain is longer than any usual REDIRECT_MAX_TIMES (Scrapy's 20, newsmirror's 8).
CHAIN_LENGTH = 30

ENCODINGS = ("gzip", "deflate", "br", "zstd")
BOMBS = {enc: f"http://{BOMB_HOST}/bomb/{enc}/" for enc in ENCODINGS}
BIG_PAGES = {
    "with_length": f"http://{BOMB_HOST}/big/with-length/",
    "without_length": f"http://{BOMB_HOST}/big/without-length/",
}
SITEMAP_BOMB = f"http://{BOMB_HOST}/sitemap-bomb.xml.gz"
SITEMAP_XXE = f"http://{BOMB_HOST}/sitemap-xxe.xml"
SITEMAP_LAUGHS = f"http://{BOMB_HOST}/sitemap-laughs.xml"
# The one ordinary article of the bomb site: listed by the XML sitemaps next to the attack.
PLAIN_ARTICLE = f"http://{BOMB_HOST}/2026/11/21/harbour-ferry-timetable-changes-this-winter/"

# name -> the Location header the redirect sends ({port}: the server's own loopback port).
BAD_REDIRECTS = {
    "file": "file:///etc/passwd",
    "ftp": "ftp://ftp.redirect-news.test/pub/archive.txt",
    "javascript": "javascript:alert(document.cookie)",
    "data": "data:text/html,<h1>not a page</h1>",
    "loopback": "http://127.0.0.1:{port}/",
    "private": "http://10.0.0.1/admin/",
    "ipv6_loopback": "http://[::1]/",
    "localhost": "http://localhost/",
    "metadata": "http://169.254.169.254/latest/meta-data/",
    "decimal_loopback": "http://2130706433/",
}
REDIRECTS = {name: f"http://{REDIRECT_HOST}/to/{name}/" for name in BAD_REDIRECTS}
# Not linked from the home page (they depend on the machine): a redirect to a name this machine
# resolves to a loopback or private address (see internal_name()), and one to another site of
# the sample web, a name no DNS knows (only the proxy does), which must be followed.
REDIRECT_TO_INTERNAL_NAME = f"http://{REDIRECT_HOST}/to/internal-name/"
REDIRECT_ELSEWHERE = f"http://{REDIRECT_HOST}/to/elsewhere/"
REDIRECT_CHAIN = f"http://{REDIRECT_HOST}/chain/1/"
REDIRECT_LOOP = f"http://{REDIRECT_HOST}/loop/a/"
# An ordinary redirect, to check the guard lets the usual ones through.
REDIRECT_FINE = f"http://{REDIRECT_HOST}/moved/"
REDIRECT_LANDING = f"http://{REDIRECT_HOST}/2026/11/22/new-library-wing-opens-to-readers/"

TRAPS = {name: f"http://{host}/" for name, host in TRAP_HOSTS.items()}

_HEAD = b"<!DOCTYPE html>\n<html><head><title>Everything</title></head><body>\n"
_FILLER = (b"<p>" + b"Filler text that never ends. " * 200 + b"</p>\n") * 40


@dataclass
class Reply:
    """A response: ``body`` is bytes, or chunks streamed with ``length`` (None: until close)."""

    status: int
    headers: dict[str, str]
    body: bytes | Callable[[], Iterator[bytes]] = b""
    length: int | None = None


def _html(title: str, body: str, status: int = 200, head: str = "") -> Reply:
    page = (
        f"<!DOCTYPE html>\n<html><head><title>{escape(title)}</title>{head}</head>"
        f"<body><h1>{escape(title)}</h1>{body}</body></html>"
    )
    return Reply(status, {"Content-Type": "text/html; charset=utf-8"}, page.encode())


def _links(urls: list[str]) -> str:
    return (
        "<ul>" + "".join(f'<li><a href="{escape(u)}">{escape(u)}</a></li>' for u in urls) + "</ul>"
    )


def _filler(size: int, head: bytes = _HEAD) -> Iterator[bytes]:
    yield head
    left = size - len(head)
    while left > 0:
        chunk = _FILLER[:left]
        left -= len(chunk)
        yield chunk


def _deflated(head: bytes, size: int, container: str) -> bytes:
    """``head`` and filler up to ``size`` bytes as a gzip or zlib stream, in well under a second.

    After a full flush the compressor starts afresh, so each copy of the filler compresses to the
    same bytes: one compressed block is repeated instead of compressing ``size`` bytes.
    """
    reps, rest = divmod(size - len(head), len(_FILLER))
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = z.compress(head) + z.flush(zlib.Z_FULL_FLUSH)
    block = z.compress(_FILLER) + z.flush(zlib.Z_FULL_FLUSH)
    raw = first + block * reps + z.compress(_FILLER[:rest]) + z.flush()
    check = zlib.crc32 if container == "gzip" else zlib.adler32
    value = check(head, 0 if container == "gzip" else 1)
    for _ in range(reps):
        value = check(_FILLER, value)
    value = check(_FILLER[:rest], value)
    if container == "gzip":
        header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
        return header + raw + struct.pack("<II", value, size & 0xFFFFFFFF)
    return b"\x78\xda" + raw + struct.pack(">I", value)


def _compressed(encoding: str, size: int, head: bytes = _HEAD) -> bytes:
    """A ``size``-byte page compressed with ``encoding`` (a Content-Encoding token)."""
    if encoding in ("gzip", "deflate"):
        return _deflated(head, size, "gzip" if encoding == "gzip" else "zlib")
    chunks = _filler(size, head)
    if encoding == "br":
        b = brotli.Compressor(quality=5, lgwin=24)
        return b"".join([*(b.process(c) for c in chunks), b.finish()])
    s = zstd.ZstdCompressor(level=3)
    return b"".join([*(s.compress(c) for c in chunks), s.flush()])


_WORDS = [w for town in TOWNS for w in town.lower().split()] + [
    w for thing, _ in THINGS for w in thing.split()
]


def _article(title: str) -> Reply:
    """An ordinary article page: what a crawl keeps from a hostile site."""
    paragraphs = "".join(
        f"<p>Residents of {TOWNS[i % len(TOWNS)]} met on {STREETS[i % len(STREETS)]} to discuss "
        f"{THINGS[i % len(THINGS)][0]}; the council will publish its answer next month, after "
        f"hearing from shop owners, parents and the transport board.</p>"
        for i in range(5)
    )
    head = (
        '<meta property="og:type" content="article">'
        '<meta property="article:published_time" content="2026-11-21T09:00:00+00:00">'
    )
    return _html(title, f"<article>{paragraphs}</article>", head=head)


def is_internal_host(host: str) -> bool:
    """IP literals and ``localhost``: where a redirect the crawler refused would have gone."""
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost") or host.isdigit():
        return True
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


@cache
def internal_name() -> str | None:
    """A host name this machine resolves to loopback or private addresses only, other than
    ``localhost`` (refused by its name alone): its own host name or a Debian alias, as /etc/hosts
    says. A redirect to it looks public until the name is resolved. None if there is none."""
    for name in (socket.gethostname(), "localhost.localdomain", "ip6-localhost", "ip6-loopback"):
        name = name.lower().rstrip(".")
        if not name or is_internal_host(name):
            continue
        try:
            infos = socket.getaddrinfo(name, None, type=socket.SOCK_STREAM)
        except OSError:
            continue
        addresses = {ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos}
        if addresses and all(a.is_loopback or a.is_private for a in addresses):
            return name
    return None


@dataclass
class HostileWeb:
    """Serves the hostile hosts; ``port`` is the loopback port of the server serving it."""

    port: int = 0
    _bombs: dict[str, bytes] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def serves(self, host: str) -> bool:
        return host in HOSTS or is_internal_host(host) or host == internal_name()

    def bomb(self, encoding: str) -> bytes:
        """The compressed bomb for ``encoding`` ('sitemap': a gzipped sitemap), made once."""
        with self._lock:
            if encoding not in self._bombs:
                if encoding == "sitemap":
                    head = (
                        b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="'
                        b'http://www.sitemaps.org/schemas/sitemap/0.9">\n<!-- '
                    )
                    data = _compressed("gzip", BOMB_BYTES, head)
                else:
                    data = _compressed(encoding, BOMB_BYTES)
                self._bombs[encoding] = data
            return self._bombs[encoding]

    def fetch(self, url: str) -> Reply:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if is_internal_host(host) or host == internal_name():
            # Only a redirect the crawler should have refused (or was told to allow) gets here.
            return _html("Internal service", "<p>Not for crawlers.</p>")
        if host == BOMB_HOST:
            return self._bomb_site(parts.path)
        if host == REDIRECT_HOST:
            return self._redirect_site(parts.path)
        for name, trap_host in TRAP_HOSTS.items():
            if host == trap_host:
                return self._trap(name, parts.path, parse_qs(parts.query))
        return _html("Not found", "", 404)

    # --- bombs and oversized pages -----------------------------------------------------------

    def _bomb_site(self, path: str) -> Reply:
        h = f"http://{BOMB_HOST}"
        if path == "/":
            return _html("Bomb News", _links([*BOMBS.values(), *BIG_PAGES.values(), PLAIN_ARTICLE]))
        if path == "/robots.txt":
            text = (
                f"User-agent: *\nDisallow:\nSitemap: {SITEMAP_BOMB}\nSitemap: {SITEMAP_XXE}\n"
                f"Sitemap: {SITEMAP_LAUGHS}\n"
            )
            return Reply(200, {"Content-Type": "text/plain"}, text.encode())
        for enc, url in BOMBS.items():
            if url == h + path:
                headers = {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": enc}
                return Reply(200, headers, self.bomb(enc))
        if h + path == BIG_PAGES["with_length"]:
            return Reply(200, {"Content-Type": "text/html"}, lambda: _filler(BIG_BYTES), BIG_BYTES)
        if h + path == BIG_PAGES["without_length"]:
            return Reply(200, {"Content-Type": "text/html"}, lambda: _filler(BIG_BYTES), None)
        if h + path == SITEMAP_BOMB:
            return Reply(200, {"Content-Type": "application/gzip"}, self.bomb("sitemap"))
        if h + path == SITEMAP_XXE:
            return Reply(200, {"Content-Type": "application/xml"}, _xxe_sitemap().encode())
        if h + path == SITEMAP_LAUGHS:
            return Reply(200, {"Content-Type": "application/xml"}, _laughs_sitemap().encode())
        if h + path == PLAIN_ARTICLE:
            return _article("Harbour ferry timetable changes this winter")
        return _html("Not found", "", 404)

    # --- redirects -----------------------------------------------------------------------------

    def _redirect_site(self, path: str) -> Reply:
        h = f"http://{REDIRECT_HOST}"
        url = h + path
        if path == "/":
            return _html(
                "Redirect News",
                _links([*REDIRECTS.values(), REDIRECT_CHAIN, REDIRECT_LOOP, REDIRECT_FINE]),
            )
        if path == "/robots.txt":
            return Reply(200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow:\n")
        for name, page in REDIRECTS.items():
            if url == page:
                return _moved(BAD_REDIRECTS[name].format(port=self.port))
        if url == REDIRECT_TO_INTERNAL_NAME:
            internal = internal_name()
            if internal is None:
                return _html("Not found", "", 404)
            return _moved(f"http://{internal}:{self.port}/")
        if url == REDIRECT_ELSEWHERE:
            return _moved(PLAIN_ARTICLE)
        if path.startswith("/chain/"):
            n = int(path.strip("/").rsplit("/", 1)[-1] or 0)
            if n < CHAIN_LENGTH:
                return _moved(f"{h}/chain/{n + 1}/")
            return _article("The end of a long chain of redirects")
        if path == "/loop/a/":
            return _moved(f"{h}/loop/b/")
        if path == "/loop/b/":
            return _moved(f"{h}/loop/a/")
        if url == REDIRECT_FINE:
            return _moved(REDIRECT_LANDING)
        if url == REDIRECT_LANDING:
            return _article("New library wing opens to readers")
        return _html("Not found", "", 404)

    # --- traps ---------------------------------------------------------------------------------

    def _trap(self, name: str, path: str, query: dict[str, list[str]]) -> Reply:
        h = f"http://{TRAP_HOSTS[name]}"
        if path == "/robots.txt":
            return Reply(200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow:\n")
        if name == "pagination":
            # Endless and wide: every page links to the next five.
            n = int((query.get("page") or ["1"])[0] or 1)
            return _html(f"Archive page {n}", _links([f"{h}/?page={n + k}" for k in range(1, 6)]))
        if name == "calendar":
            return _calendar(h, path, query)
        if name == "loops":
            # Relative links: /a/ -> /a/b/ -> /a/b/a/ -> ... as broken templates make.
            return _html(f"Section {path}", _links(["a/", "b/", "../c/"]))
        # long_urls: from the home page, one chain of pages, each linking to itself with one more
        # (distinct) path segment, and once to a URL far longer than any sane limit.
        if path != "/" and not path.startswith("/longer/"):
            return _html("Not found", "", 404)
        depth = path.count("/")
        segment = "-".join(_WORDS[(depth * 5 + i) % len(_WORDS)] for i in range(6))
        base = "/longer" if path == "/" else path.rstrip("/")
        huge = f"{h}/q?" + "&".join(f"k{i}={_WORDS[i % len(_WORDS)]}" for i in range(1000))
        return _html(f"Longer {depth}", _links([f"{h}{base}/{segment}-{depth}/", huge]))


def _moved(location: str) -> Reply:
    return Reply(302, {"Location": location, "Content-Type": "text/html"}, b"")


def _calendar(h: str, path: str, query: dict[str, list[str]]) -> Reply:
    """A calendar with no end: every month links to the previous and next month and its days."""
    month = (query.get("month") or ["2026-11"])[0]
    try:
        year, mon = (int(x) for x in month.split("-"))
    except ValueError:
        return _html("Bad month", "", 400)
    prev_y, prev_m = (year, mon - 1) if mon > 1 else (year - 1, 12)
    next_y, next_m = (year, mon + 1) if mon < 12 else (year + 1, 1)
    links = [
        f"{h}/?month={prev_y:04d}-{prev_m:02d}",
        f"{h}/?month={next_y:04d}-{next_m:02d}",
        *(f"{h}/day/{year:04d}/{mon:02d}/{d:02d}/" for d in range(1, 29)),
    ]
    return _html(f"Calendar {year}-{mon:02d} {path}", _links(links))


def _xxe_sitemap() -> str:
    """A sitemap whose entity would put a local file into a URL, if a parser resolved it."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<!DOCTYPE urlset [<!ENTITY leak SYSTEM "file:///etc/passwd">]>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"<url><loc>http://{BOMB_HOST}/leak/&leak;/</loc></url>\n"
        f"<url><loc>{PLAIN_ARTICLE}</loc></url>\n"
        "</urlset>\n"
    )


def _laughs_sitemap() -> str:
    """The 'billion laughs': ten nested entities, each ten of the one before (10^9 'lol's)."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    ]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<!DOCTYPE urlset [{''.join(entities)}]>\n"
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"<url><loc>http://{BOMB_HOST}/laughs/&lol9;/</loc></url>\n"
        f"<url><loc>{PLAIN_ARTICLE}</loc></url>\n"
        "</urlset>\n"
    )
