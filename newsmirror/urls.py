"""URL helpers: registrable domains (public-suffix aware, offline), normalisation and trap filters."""

from __future__ import annotations

import hashlib
import ipaddress
import re
import socket
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import SplitResult, urlsplit, urlunsplit

import tldextract
from w3lib.url import canonicalize_url

# The suffix list bundled with tldextract: no network access at run time. Its private part too:
# every blog on blogspot.com, github.io, wordpress.com… is a site (and a publisher) of its own.
_EXTRACT = tldextract.TLDExtract(
    suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
)

_SKIP_EXTENSIONS = frozenset(
    [
        "jpg",
        "jpeg",
        "png",
        "gif",
        "webp",
        "svg",
        "ico",
        "bmp",
        "tif",
        "tiff",
        "avif",
        "mp3",
        "mp4",
        "m4a",
        "wav",
        "ogg",
        "webm",
        "mov",
        "avi",
        "mkv",
        "pdf",
        "doc",
        "docx",
        "xls",
        "xlsx",
        "ppt",
        "pptx",
        "zip",
        "gz",
        "tgz",
        "rar",
        "7z",
        "exe",
        "dmg",
        "apk",
        "css",
        "js",
        "woff",
        "woff2",
        "ttf",
        "eot",
    ]
)
_NON_CONTENT_PATH = re.compile(
    r"/(wp-admin|wp-login\.php|wp-content|wp-includes|cart|checkout|login|logout|signin|"
    r"register|account|cdn-cgi)(/|$)|/(share|print|amp)/?$",
    re.I,
)
_NON_CONTENT_QUERY = re.compile(r"(^|&)(replytocom|share|utm_[a-z]+|print|s|q|search)=", re.I)


@lru_cache(maxsize=1024)
def split_url(url: str) -> SplitResult | None:
    """``urlsplit(url)``, or None for a URL it rejects (an unbalanced ``[`` in the host, a host
    that NFKC normalisation turns into a path...): pages link such URLs, and reading one must not
    stop the reading of the page.

    A plain ``http(s)://`` URL (ASCII, no tab or line break, no bracket in its host: nearly every
    link a page holds) is split here directly, just as ``urlsplit`` splits it, at half its cost:
    detection and link discovery look at every link they meet, most of them new. The few calls
    made about one link (is it http? which site? a home page?) share one split.
    """
    if url.isascii() and "\t" not in url and "\n" not in url and "\r" not in url:
        head = url[:8].lower()
        start = 7 if head.startswith("http://") else 8 if head.startswith("https://") else 0
        if start:
            end = len(url)
            for delimiter in "/?#":
                found = url.find(delimiter, start, end)
                if found != -1:
                    end = found
            netloc = url[start:end]
            if "[" not in netloc and "]" not in netloc:
                path, _, fragment = url[end:].partition("#")
                path, _, query = path.partition("?")
                return SplitResult(head[: start - 3], netloc, path, query, fragment)
    try:
        return urlsplit(url)
    except ValueError:
        return None


@lru_cache(maxsize=16384)
def registrable_domain(url_or_host: str) -> str:
    """``https://www.bbc.co.uk/x`` -> ``bbc.co.uk``; IPs and bare hosts come back as they are.

    A URL ``urlsplit`` rejects has none: ``""``.
    """
    if "//" in url_or_host:
        parts = split_url(url_or_host)
        if parts is None:
            host = None
        elif "@" in parts.netloc or "[" in parts.netloc:
            host = parts.hostname
        else:
            host = parts.netloc.partition(":")[0]  # what .hostname reads, without its steps
    else:
        host = url_or_host
    return host_domain((host or "").lower().rstrip("."))


# A crawl asks about the same few hosts on every page (its own site, the publishers it names):
# the suffix-list lookup is done once per host.
@lru_cache(maxsize=16384)
def host_domain(host: str) -> str:
    """The registrable domain of a lower-case host without a trailing dot."""
    ext = _EXTRACT(host)
    if ext.top_domain_under_public_suffix:
        return str(ext.top_domain_under_public_suffix)
    # Not under a known suffix (an IP, "localhost", a reserved TLD like .example): keep the host,
    # less a leading "www.".
    return host.removeprefix("www.")


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def site_root(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/", "", ""))


def normalize(url: str) -> str:
    """A stable form of ``url`` for identity: no fragment, sorted query, lower-case host."""
    return canonicalize_url(url, keep_fragments=False)


def same_page(a: str | None, b: str | None) -> bool:
    """Whether two URLs name one page as publishers write them: the scheme (a credit's
    ``http://`` for a page served over https), a ``www.`` and a trailing slash aside."""
    if not a or not b:
        return False
    if a == b:
        return True
    identity = _identity(a)
    return identity is not None and identity == _identity(b)


def page_variants(url: str) -> list[str]:
    """``url`` and the forms of it :func:`same_page` takes for the same page (scheme and ``www.``
    swapped, a trailing slash added or dropped), to look the page up under each."""
    parts = split_url(url)
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        return [url]
    host = parts.netloc
    hosts = [host, host[4:] if host.lower().startswith("www.") else "www." + host]
    path = parts.path or "/"
    paths = [path] if path == "/" else [path, path[:-1] if path.endswith("/") else path + "/"]
    out = [url]
    for scheme in (parts.scheme, "https" if parts.scheme == "http" else "http"):
        for netloc in hosts:
            for p in paths:
                variant = urlunsplit((scheme, netloc, p, parts.query, parts.fragment))
                if variant not in out:
                    out.append(variant)
    return out


def _identity(url: str) -> tuple[str, str, str] | None:
    parts = split_url(url)
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().removeprefix("www.")
    if parts.port is not None and parts.port not in (80, 443):
        host += f":{parts.port}"
    return host, (parts.path or "/").rstrip("/") or "/", parts.query


def story_id(url: str) -> str:
    """The id of the story whose canonical URL is ``url``: the same whatever order pages came in."""
    return hashlib.sha256(normalize(url).encode("utf-8")).hexdigest()[:20]


def is_http(url: str) -> bool:
    """Whether ``url`` is an http(s) URL; False for one ``urlsplit`` rejects."""
    parts = split_url(url)
    return parts is not None and parts.scheme in ("http", "https")


def repeated_segments(path: str, limit: int = 2) -> bool:
    """``/a/b/a/b/a/`` style loops: some path segment occurs more than ``limit`` times."""
    segments = [s for s in path.split("/") if s]
    return bool(segments) and max(Counter(segments).values()) > limit


def crawlable(url: str, max_length: int = 2048, *, documents_only: bool = True) -> bool:
    """Whether a discovered link is worth a request at all (before any site rules).

    ``documents_only`` refuses binary files by extension; feeds and sitemaps (``.xml.gz``) are
    followed with it off.
    """
    if len(url) > max_length or not is_http(url):
        return False
    parts = split_url(url)  # the split is_http made, from its cache
    assert parts is not None  # an http URL splits
    ext = parts.path.rsplit(".", 1)[-1].lower() if "." in parts.path.rsplit("/", 1)[-1] else ""
    if documents_only and ext in _SKIP_EXTENSIONS:
        return False
    if _NON_CONTENT_PATH.search(parts.path) or _NON_CONTENT_QUERY.search(parts.query):
        return False
    return not repeated_segments(parts.path)


Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def ip_of(host: str) -> Address | None:
    """The address a host names literally, in any form a resolver accepts (``127.1``, ``0x7f.1``,
    ``2130706433``, ``[::ffff:127.0.0.1]``); None for a name."""
    host = host.strip("[]").lower()
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        if not re.fullmatch(r"[0-9a-fx.]+", host) or not re.search(r"\d", host):
            return None
        try:  # the legacy IPv4 forms getaddrinfo() also accepts
            address = ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def internal_address(host: str, resolved: Iterable[str] = ()) -> str | None:
    """Why ``host`` is not on the public internet (loopback, private, ...), or None if it is.

    ``resolved``: addresses the name is already known to have; nothing is looked up here.
    """
    name = host.strip("[]").lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return "loopback (localhost)"
    addresses = [a for a in (ip_of(name), *(ip_of(r) for r in resolved)) if a is not None]
    for address in addresses:
        for kind in ("loopback", "link_local", "private", "reserved", "unspecified", "multicast"):
            if getattr(address, f"is_{kind}"):
                return f"{kind.replace('_', '-')} address {address}"
        if not address.is_global:  # shared (100.64.0.0/10), documentation and the like
            return f"non-public address {address}"
    return None


def parse_allowed(entries: Iterable[str]) -> tuple[frozenset[str], tuple[Network, ...]]:
    """``["127.0.0.1", "10.0.0.0/8", "intranet.local"]`` -> (host names, networks)."""
    names: set[str] = set()
    networks: list[Network] = []
    for entry in (e.strip().lower() for e in entries):
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
        except ValueError:
            names.add(entry)
    return frozenset(names), tuple(networks)


def redirect_refusal(
    source: str,
    target: str,
    *,
    allowed: tuple[frozenset[str], tuple[Network, ...]] = (frozenset(), ()),
    resolved: Iterable[str] = (),
    source_resolved: Iterable[str] = (),
) -> str | None:
    """Why a redirect from ``source`` to ``target`` must not be followed, or None.

    Refused: a target that is not http(s), and a target on an internal address (see
    :func:`internal_address`) when the source is a public site, unless ``allowed`` (names,
    networks; see :func:`parse_allowed`) lists it. ``resolved`` and ``source_resolved``: the
    addresses the target's and the source's host names resolve to, as far as known (a name that
    does not resolve is judged by the name alone).
    """
    scheme = urlsplit(target).scheme.lower()
    if scheme not in ("http", "https"):
        return f"not an HTTP(S) URL ({scheme or 'no'} scheme)"
    target_host = host_of(target)
    resolved = list(resolved)
    why = internal_address(target_host, resolved)
    if why is None or internal_address(host_of(source), source_resolved) is not None:
        return None
    names, networks = allowed
    if target_host.strip("[]") in names:
        return None
    # Allowed when every internal address the target has is in an allowed network.
    addresses = [a for a in (ip_of(target_host), *(ip_of(r) for r in resolved)) if a is not None]
    internal = [a for a in addresses if internal_address(str(a)) is not None]
    if internal and all(any(a in n for n in networks) for a in internal):
        return None
    if internal_address(target_host) is None:  # internal only by what the name resolves to
        why = f"{why}, which {target_host} resolves to"
    return f"a public site redirecting to a {why}"


def needs_lookup(source: str, target: str) -> bool:
    """Whether the redirect's host names must be resolved before it is judged: the target is on
    another host, named (not an IP literal, not ``localhost``)."""
    target_host = host_of(target).rstrip(".")
    if target_host == host_of(source).rstrip(".") or ip_of(target_host) is not None:
        return False
    return internal_address(target_host) is None
