"""Finding a site's articles: links on HTML pages, feeds, sitemaps, robots.txt, WordPress's API.

Pure functions over bytes and trees; the spider decides what to request from what they return.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree
from lxml.html import HtmlElement

from newsmirror.extract.metadata import clean


class LinkKind(IntEnum):
    """What a link leads to; the value is its request priority (higher goes first)."""

    NAVIGATION = 0
    ARTICLE = 20
    PAGINATION = 30
    FEED = 40
    SITEMAP = 40
    API = 40


class BodyKind(StrEnum):
    HTML = "html"
    RSS = "rss"
    ATOM = "atom"
    URLSET = "urlset"
    SITEMAP_INDEX = "sitemapindex"
    JSON = "json"
    GZIP = "gzip"
    TEXT = "text"
    OTHER = "other"


@dataclass(frozen=True)
class Link:
    url: str
    kind: LinkKind


_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")
_NEXT_TEXT = re.compile(
    r"^(next|older|more|suivant|suivante|weiter|nächste|siguiente|successivo|próxima|volgende"
    r"|older\s+(posts|entries)|next\s+page|page\s+suivante|load\s+more|»|›|→|>>?)\W*$",
    re.I,
)
_PAGE_URL = re.compile(r"/page/\d+/?$|[?&](page|paged|p|pg)=\d+", re.I)
_ARTICLE_URL = re.compile(
    r"/\d{4}/\d{1,2}/(\d{1,2}/)?[^/]+|[a-z0-9]+(-[a-z0-9]+){3,}(/|\.html?|-\d+)?/?$|\d{5,}",
    re.I,
)
_XML_PARSER_OPTS: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "huge_tree": False,
    "recover": True,
    "load_dtd": False,
    "dtd_validation": False,
}


def sniff(body: bytes, content_type: str = "") -> BodyKind:
    """What a response body is, from its first bytes (trusting the header only for JSON/text)."""
    if body[:2] == b"\x1f\x8b":
        return BodyKind.GZIP
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    ctype = content_type.lower()
    if head.startswith((b"{", b"[")) and ("json" in ctype or not ctype):
        return BodyKind.JSON
    if head.startswith(b"<?xml") or head.startswith(
        (b"<rss", b"<feed", b"<urlset", b"<sitemapindex")
    ):
        for marker, kind in (
            (b"<rss", BodyKind.RSS),
            (b"<rdf:rdf", BodyKind.RSS),
            (b"<feed", BodyKind.ATOM),
            (b"<urlset", BodyKind.URLSET),
            (b"<sitemapindex", BodyKind.SITEMAP_INDEX),
        ):
            if marker in head:
                return kind
        return BodyKind.OTHER
    if b"<html" in head or b"<!doctype html" in head or "html" in ctype:
        return BodyKind.HTML
    if "text/plain" in ctype:
        return BodyKind.TEXT
    return BodyKind.OTHER


_ENTITY_DECLARATION = re.compile(rb"<!DOCTYPE[^>\[]*\[[^\]]*<!ENTITY", re.I)


def declares_entities(body: bytes) -> bool:
    """Whether an XML body declares entities (external files, or nested 'billion laughs' ones).

    They are never resolved nor expanded (see ``_XML_PARSER_OPTS``); this only lets the crawl say
    so. The DOCTYPE comes before the root element, so the head of the body is enough.
    """
    return bool(_ENTITY_DECLARATION.search(body[:65536]))


def _xml_root(body: bytes) -> etree._Element | None:
    try:
        return etree.fromstring(body, etree.XMLParser(**_XML_PARSER_OPTS))
    except etree.XMLSyntaxError:
        return None


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def feed_links(body: bytes, base_url: str) -> list[str]:
    """Item links of an RSS 0.9x/1.0/2.0 or Atom feed."""
    root = _xml_root(body)
    if root is None:
        return []
    links: list[str] = []
    for el in root.iter():
        name = _local(el.tag)
        if name in ("item", "entry"):
            url = None
            for child in el:
                cname = _local(child.tag)
                if cname == "link":
                    href = child.get("href")
                    if href and child.get("rel", "alternate") == "alternate":
                        url = href
                        break
                    if not href and child.text and child.text.strip():
                        url = child.text.strip()
                        break
                elif cname == "guid" and child.get("isPermaLink", "true") == "true" and child.text:
                    url = url or child.text.strip()
            if url:
                links.append(urljoin(base_url, url))
    return links


def sitemap_entries(body: bytes, base_url: str) -> tuple[BodyKind, list[str]]:
    """(``URLSET`` or ``SITEMAP_INDEX``, the ``<loc>`` URLs); (``OTHER``, []) if it is not one."""
    root = _xml_root(body)
    if root is None:
        return BodyKind.OTHER, []
    kind = {"urlset": BodyKind.URLSET, "sitemapindex": BodyKind.SITEMAP_INDEX}.get(_local(root.tag))
    if kind is None:
        return BodyKind.OTHER, []
    locs = [
        urljoin(base_url, el.text.strip())
        for el in root.iter()
        if _local(el.tag) == "loc"
        and el.text
        and el.text.strip()
        # image:loc and video:loc live in other namespaces; keep only the sitemap's own.
        and (el.tag == "loc" or "sitemaps.org" in str(el.tag))
    ]
    return kind, locs


def robots_sitemaps(text: str, base_url: str) -> list[str]:
    found = []
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == "sitemap" and value.strip():
            found.append(urljoin(base_url, value.strip()))
    return found


def wp_api_links(body: bytes) -> list[str]:
    """Post permalinks from a ``/wp-json/wp/v2/posts`` page (empty if it is not one)."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return []
    if not isinstance(data, list):
        return []
    return [p["link"] for p in data if isinstance(p, dict) and isinstance(p.get("link"), str)]


def wp_api_posts_url(api_root: str, page: int = 1, per_page: int = 100) -> str:
    """The posts endpoint for a WordPress REST API root (``.../wp-json/``) or posts URL."""
    parts = urlsplit(api_root)
    path = parts.path
    if not path.rstrip("/").endswith("/wp/v2/posts"):
        path = path.rstrip("/") + "/wp/v2/posts"
    query = dict(parse_qsl(parts.query))
    query.update({"per_page": str(per_page), "page": str(page)})
    return urlunsplit((parts.scheme, parts.netloc, path, urlencode(query), ""))


def is_wp_api(url: str) -> bool:
    return "/wp-json" in urlsplit(url).path or "rest_route=" in urlsplit(url).query


def html_links(tree: HtmlElement) -> list[Link]:
    """Every followable link on an (absolutised) page with what it probably leads to."""
    links: dict[str, LinkKind] = {}

    def add(url: str | None, kind: LinkKind) -> None:
        if url:
            url = url.strip().split("#", 1)[0]
            if url and kind > links.get(url, LinkKind.NAVIGATION - 1):
                links[url] = kind

    for el in tree.iter("link"):
        rel = (el.get("rel") or "").lower()
        href = el.get("href")
        if rel == "alternate" and (el.get("type") or "").lower() in _FEED_TYPES:
            add(href, LinkKind.FEED)
        elif rel == "sitemap":
            add(href, LinkKind.SITEMAP)
        elif rel == "https://api.w.org/":
            add(href, LinkKind.API)
        elif rel == "next":
            add(href, LinkKind.PAGINATION)
    for a in tree.iter("a"):
        href = a.get("href")
        if not href or a.get("rel", "").lower() in ("nofollow", "external nofollow"):
            continue
        rel = (a.get("rel") or "").lower().split()
        text = clean(a.text_content())
        cls = (a.get("class") or "").lower()
        if (
            "next" in rel
            or _NEXT_TEXT.match(text)
            or "next" in cls.split()
            or _PAGE_URL.search(href)
        ):
            add(href, LinkKind.PAGINATION)
        elif _looks_like_teaser(a) or _ARTICLE_URL.search(urlsplit(href).path):
            add(href, LinkKind.ARTICLE)
        else:
            add(href, LinkKind.NAVIGATION)
    return [Link(url, kind) for url, kind in links.items()]


def _looks_like_teaser(a: HtmlElement) -> bool:
    for anc in a.iterancestors():
        if anc.tag in ("h1", "h2", "h3", "h4", "article"):
            return True
        if anc.tag in ("nav", "header", "footer", "body"):
            return False
    return False
