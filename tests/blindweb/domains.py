"""Registrable domains and URL normalisation shared by the generator, the truth and the scorer."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

# The multi-label public suffixes that occur in this web (a tiny slice of the Public Suffix List).
# blogspot.com is a public suffix there too: every blog is its own registrable domain.
_MULTI_LABEL_SUFFIXES: frozenset[str] = frozenset(
    {
        "co.uk",
        "org.uk",
        "ac.uk",
        "gov.uk",
        "me.uk",
        "com.au",
        "net.au",
        "org.au",
        "co.jp",
        "ne.jp",
        "or.jp",
        "co.za",
        "org.za",
        "co.tz",
        "co.kr",
        "or.kr",
        "com.tr",
        "com.cn",
        "com.na",
        "com.my",
        "com.tw",
        "com.py",
        "com.br",
        "com.ar",
        "com.mx",
        "com.es",
        "com.lb",
        "com.ua",
        "com.vn",
        "com.sg",
        "com.hk",
        "co.nz",
        "co.in",
        "co.il",
        "blogspot.com",
    }
)

# Query parameters that only track a click: dropped when URLs are compared.
_TRACKING_PARAM = re.compile(
    r"^(utm_[a-z_]+|fbclid|gclid|mc_cid|mc_eid|wt_mc|ref|source|dicbo|at_medium|at_campaign|ito|cmp|ns_mchannel|ns_source|ocid|ftag)$",
    re.IGNORECASE,
)


def host_of(value: str) -> str:
    """The lower-case host of a URL or bare host name, without port, www-less forms kept as given."""
    value = value.strip()
    if "//" not in value:
        value = "//" + value
    host = urlsplit(value).hostname or ""
    return host.rstrip(".").lower()


def registrable_domain(value: str | None) -> str | None:
    """The registrable domain ("eTLD+1") of a URL or host: ``www.nine.com.au`` -> ``nine.com.au``."""
    if not value:
        return None
    host = host_of(value)
    if not host:
        return None
    if re.fullmatch(r"[\d.]+", host):
        return host
    labels = host.split(".")
    if len(labels) <= 2:
        return host
    if ".".join(labels[-2:]) in _MULTI_LABEL_SUFFIXES:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def strip_www(host: str) -> str:
    return host[4:] if host.startswith("www.") else host


def to_http(url: str) -> str:
    """The same URL with the scheme forced to http (this web has no TLS)."""
    parts = urlsplit(url.strip())
    return urlunsplit(("http", parts.netloc, parts.path or "/", parts.query, ""))


def normalize_url(url: str) -> str:
    """A comparison key for a URL: http, lower-case host, no port 80, decoded path, no fragment,
    no tracking parameters. Percent-encoding is normalised (decoded, then re-encoded uppercase)."""
    url = url.strip()
    if url.startswith("//"):
        url = "http:" + url
    parts = urlsplit(url)
    host = (parts.hostname or "").rstrip(".").lower()
    if parts.port and parts.port != 80:
        host = f"{host}:{parts.port}"
    path = quote(unquote(parts.path or "/"), safe="/:@!$&'()*+,;=-._~")
    query_items = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not _TRACKING_PARAM.match(k)
    ]
    query = urlencode(query_items, doseq=True)
    return urlunsplit(("http", host, path, query, ""))


def path_key(path: str, query: str) -> str:
    """The key under which the server stores a resource: decoded path plus raw query."""
    decoded = unquote(path or "/")
    return decoded + ("?" + query if query else "")


def drop_tracking(query: str) -> str:
    items = [
        (k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not _TRACKING_PARAM.match(k)
    ]
    return urlencode(items, doseq=True)
