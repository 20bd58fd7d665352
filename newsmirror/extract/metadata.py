"""Article metadata from markup: title, authors, dates, language, lead image, canonical URLs.

Reads, in order of trust, JSON-LD, OpenGraph/article meta tags, microdata, then visible markup.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any

from dateutil import parser as dateparser
from lxml import etree
from lxml.html import HtmlElement

ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "blogposting",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "techarticle",
        "scholarlyarticle",
        "liveblogposting",
        "posting",
        "socialmediaposting",
    }
)
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•»]+\s+")
_BYLINE_PREFIX = re.compile(r"^\s*(by|par|von|por|di|door|de)\s+", re.I)
# What follows the names in a byline: "Par X — publié le …", "By X | Staff", "By X, Reporter".
_BYLINE_TAIL = re.compile(
    r"\s+[—–|·•]\s+|\s+-\s+|,\s+(?=(?:staff|senior|chief|reporter|correspondent|editor|writer)\b)",
    re.I,
)
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bet\b|\bund\b|\by\b|\be\b|\ben\b)\s*", re.I)


def clean(text: str | None) -> str:
    """Whitespace runs to one space, ends trimmed.

    ``str.split()`` and the regex ``\\s`` agree on what is whitespace (``str.isspace``); splitting
    and joining costs a quarter to a tenth of substituting with the regex, and every block's and
    paragraph's text goes through here.
    """
    return " ".join(text.split()) if text else ""


def text_of(el: HtmlElement) -> str:
    """``el.text_content()``, serialised in C instead of through an XPath call (half the cost)."""
    text: str = etree.tostring(el, method="text", encoding=str, with_tail=False)
    return text


@dataclass
class Metadata:
    """What the markup says about the page."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    language: str | None = None
    image: str | None = None
    canonical: str | None = None
    og_url: str | None = None
    og_type: str | None = None
    site_name: str | None = None
    json_ld: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)  # every <meta> tag, for later steps

    @property
    def json_ld_article(self) -> dict[str, Any] | None:
        for node in self.json_ld:
            if ARTICLE_TYPES & {t.lower() for t in _types(node)}:
                return node
        return None


def _types(node: dict[str, Any]) -> list[str]:
    raw = node.get("@type")
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, list):
        return [t for t in raw if isinstance(t, str)]
    return []


def _flatten_ld(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for entry in data:
            yield from _flatten_ld(entry)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _flatten_ld(graph)


def json_ld_nodes(tree: HtmlElement) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            # Trailing commas and HTML comments are common; one more lenient try.
            try:
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", raw.strip("<!->")))
            except ValueError:
                continue
        nodes.extend(_flatten_ld(data))
    return nodes


def meta_tags(tree: HtmlElement) -> dict[str, str]:
    """``name``/``property``/``itemprop`` (lower-cased) -> first non-empty ``content``."""
    found: dict[str, str] = {}
    for el in tree.iter("meta"):
        content = el.get("content")
        if not content or not content.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = el.get(attr)
            if key:
                found.setdefault(key.strip().lower(), content.strip())
    return found


_NO_YEAR = datetime(1, 1, 1)
_OTHER_DAY = datetime(1, 2, 2)
# Numeric dates with dots or dashes and the year last are written day first ("12.03.2021",
# "01-11-2023"); month first is the slash's convention ("11/01/2023").
_DAY_FIRST = re.compile(r"^\d{1,2}[.-]\d{1,2}[.-]\d{2,4}\b")
_FUTURE_SLACK = timedelta(days=1)
# Zone abbreviations dateutil knows only from the machine's own zone: it warns about the rest and
# reads them as no zone. The common ones in news pages, as fixed offsets (hours); the ambiguous
# (IST: India, Ireland or Israel; CST: US Central or China) stay without a zone.
_ZONES = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 1, "BST": 1, "CET": 1, "CEST": 2, "MEZ": 1,
    "MESZ": 2, "EET": 2, "EEST": 3, "MSK": 3, "JST": 9, "KST": 9, "HKT": 8,
    "AEST": 10, "AEDT": 11, "EST": -5, "EDT": -4, "CDT": -5, "MST": -7, "MDT": -6,
    "PST": -8, "PDT": -7,
}  # fmt: skip


def _tzinfos(name: str | None, offset: int | None) -> tzinfo | None:
    if offset is not None:
        return timezone(timedelta(seconds=offset))
    hours = _ZONES.get((name or "").upper())
    return timezone(timedelta(hours=hours)) if hours is not None else None


def to_iso(value: str | None) -> str | None:
    """Normalise a date string to ISO 8601 (keeping the offset when the source gives one)."""
    value = clean(value)
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            # Without a year ("2:33 PM", "Jun 17") dateutil would take this year's: the year-1
            # default makes such a string no date at all.
            dayfirst = bool(_DAY_FIRST.match(value))
            parsed = dateparser.parse(
                value, default=_NO_YEAR, dayfirst=dayfirst, fuzzy=False, tzinfos=_tzinfos
            )
            # Nor is a month or a year alone ("Dec 2019"): the day would be made up.
            other = dateparser.parse(
                value, default=_OTHER_DAY, dayfirst=dayfirst, fuzzy=False, tzinfos=_tzinfos
            )
        except (ValueError, OverflowError):
            return None
        if parsed.date() != other.date():
            return None
    if parsed.year < 1990 or parsed.year > 2100:
        return None
    latest = datetime.now(parsed.tzinfo or None) + _FUTURE_SLACK
    if parsed > latest:  # a date to come is no publication date (a bad clock, an event's date)
        return None
    if (parsed.hour, parsed.minute, parsed.second) == (0, 0, 0) and len(value) <= 10:
        return parsed.date().isoformat()
    return parsed.isoformat()


def _ld_text(value: Any) -> str | None:
    if isinstance(value, str):
        return clean(value) or None
    if isinstance(value, dict):
        return _ld_text(value.get("name") or value.get("url") or value.get("@id"))
    if isinstance(value, list) and value:
        return _ld_text(value[0])
    return None


def _ld_people(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and clean(name):
            names.append(clean(name))
    return names


# A byline's date, as Drupal writes one ("By editor, Thu, 12/05/2024 - 11:34", "21 juin 2018"): a
# date, a time, a year or a weekday is no one's name (a login with a number in it, "jdoe1984",
# may be).
_NOT_A_NAME = re.compile(
    r"\d\s*[/.:-]\s*\d|\b\d{4}\b|^\d+$|^(?:mon|tue|wed|thu|fri|sat|sun)(?:[a-z]{0,5}day)?\.?$", re.I
)


def split_authors(raw: Iterable[str]) -> list[str]:
    """``"By Jane Roe and John Doe"`` -> ``["Jane Roe", "John Doe"]``; URLs and dupes dropped."""
    out: list[str] = []
    for text in raw:
        text = _BYLINE_PREFIX.sub("", clean(text))
        for part in _AUTHOR_SPLIT.split(text):
            name = clean(part).strip(".·|")
            if (
                name
                and "://" not in name
                and not _NOT_A_NAME.search(name)
                and len(name) <= 80
                and len(name.split()) <= 6
                and name.lower() not in {n.lower() for n in out}
            ):
                out.append(name)
    return out


def _strip_site_suffix(title: str, site_names: Iterable[str]) -> str:
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    names = {n.lower() for n in site_names if n}
    # Drop a trailing (or leading) part that is the site's name, or a short brand-like tail.
    if parts[-1].lower() in names or (len(parts[-1].split()) <= 4 and len(parts[0].split()) >= 4):
        return clean(" - ".join(parts[:-1])) if len(parts) > 2 else parts[0]
    if parts[0].lower() in names:
        return clean(" - ".join(parts[1:]))
    return title


def _title(tree: HtmlElement, meta: dict[str, str], ld: dict[str, Any] | None) -> str | None:
    site_names = [meta.get("og:site_name", ""), meta.get("application-name", "")]
    h1s = [clean(text_of(h)) for h in tree.iter("h1")]
    h1s = [h for h in h1s if h]
    candidates = [
        _ld_text(ld.get("headline") or ld.get("name")) if ld else None,
        meta.get("og:title"),
        meta.get("twitter:title"),
        meta.get("headline"),
    ]
    doc_title = clean(tree.findtext(".//title"))
    metas = [clean(c) for c in candidates if c] + ([doc_title] if doc_title else [])
    stripped = [_strip_site_suffix(c, site_names) for c in metas]
    lowered = {s.lower() for s in metas + stripped}
    for h1 in h1s:
        if h1.lower() in lowered:
            return h1
    for value in metas[: len(metas) - (1 if doc_title else 0)]:
        if value:
            return _strip_site_suffix(value, site_names)
    if len(h1s) == 1:
        return h1s[0]
    return _strip_site_suffix(doc_title, site_names) if doc_title else (h1s[0] if h1s else None)


def _first(*values: str | None) -> str | None:
    for value in values:
        if value:
            return value
    return None


_DATE_PROPS = {
    "published": etree.XPath('//*[@itemprop="datePublished"]'),
    "modified": etree.XPath('//*[@itemprop="dateModified"]'),
}
_UPDATED_TIMES = etree.XPath('//time[contains(@class,"updated") or contains(@class,"modified")]')
_TIMES = etree.XPath("//time[@datetime]")


def _time_datetime(tree: HtmlElement, kind: str) -> str | None:
    """A ``<time datetime>`` or microdata date in the page, preferring one marked for ``kind``."""
    for el in _DATE_PROPS[kind](tree):
        # <abbr title="2025-06-07T03:36:12+02:00">3:36 AM</abbr>: microformats' datetime
        # pattern (Blogger, hAtom themes), the machine-readable date in the title.
        machine = el.get("title") if el.tag == "abbr" else None
        for value in (el.get("datetime"), el.get("content"), machine, el.text_content()):
            if value and to_iso(value):
                return to_iso(value)
    if kind != "published":
        for el in _UPDATED_TIMES(tree):
            if to_iso(el.get("datetime")):
                return to_iso(el.get("datetime"))
        return None
    times = _TIMES(tree)
    preferred = [
        t
        for t in times
        if any(k in (t.get("class") or "") for k in ("publish", "entry-date", "pubdate", "posted"))
        or t.get("pubdate") is not None
    ]
    for el in preferred + times:
        value = to_iso(el.get("datetime"))
        if value:
            return value
    return None


def _language(tree: HtmlElement, meta: dict[str, str], ld: dict[str, Any] | None) -> str | None:
    raw = _first(
        tree.get("lang"),
        tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        _ld_text(ld.get("inLanguage")) if ld else None,
        meta.get("og:locale"),
        meta.get("content-language"),
        meta.get("language"),
    )
    if not raw:
        return None
    code = re.split(r"[-_,;\s]", raw.strip())[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None


def _image(tree: HtmlElement, meta: dict[str, str], ld: dict[str, Any] | None) -> str | None:
    ld_image = None
    if ld:
        img = ld.get("image")
        if isinstance(img, dict):
            ld_image = img.get("url")
        elif isinstance(img, list) and img:
            ld_image = img[0].get("url") if isinstance(img[0], dict) else img[0]
        elif isinstance(img, str):
            ld_image = img
    return _first(
        meta.get("og:image"),
        meta.get("og:image:url"),
        meta.get("twitter:image"),
        ld_image if isinstance(ld_image, str) else None,
    )


# Compiled once; the string tests run in libxml2 (a class token is checked in Python on the few
# elements whose class holds the word at all, and only short blocks are made into strings).
_AUTHOR_PROPS = etree.XPath(
    '//*[@itemprop="author"]//*[@itemprop="name"] | //*[@itemprop="author" and not(*)]'
    ' | //a[@rel="author"]'
)
# From the links up, not from every container down: nested containers (a post inside an article
# inside main) would have their descendants walked once per container (4x the time).
_AUTHOR_LINKS = etree.XPath(
    '//a[contains(@href,"/author/") or contains(@href,"/authors/")]'
    '[ancestor::*[self::article or self::main or @role="main"]]'
    "[not(ancestor::nav)][not(ancestor::footer)]"
)
_BYLINE_CLASSES = etree.XPath('//*[contains(@class,"byline") or contains(@class,"author")]')
_BYLINE_TOKENS = frozenset({"byline", "author-name", "author"})
_SHORT_BLOCKS = etree.XPath(
    '//*[self::article or self::main or @role="main" or contains(@class,"article")'
    ' or contains(@class,"story") or contains(@class,"post")]'
    "//*[self::p or self::div or self::span][not(*[self::p or self::div])]"
)


def _authors(tree: HtmlElement, meta: dict[str, str], ld: dict[str, Any] | None) -> list[str]:
    if ld and ld.get("author"):
        names = _ld_people(ld["author"])
        if names:
            return split_authors(names)
    for key in ("author", "article:author", "sailthru.author", "parsely-author", "dc.creator"):
        if key in meta and "://" not in meta[key]:
            return split_authors([meta[key]])
    nodes = _AUTHOR_PROPS(tree)
    if nodes:
        return split_authors(n.get("content") or n.text_content() for n in nodes)
    # Author archive links (WordPress, Ghost, most CMSs) inside the article, not in menus.
    links = _AUTHOR_LINKS(tree)
    if links:
        return split_authors(a.text_content() for a in links[:4])
    for node in _BYLINE_CLASSES(tree):
        if _BYLINE_TOKENS & set(node.get("class", "").split()):
            text = clean(text_of(node))
            if 0 < len(text) <= 120:
                return split_authors([_BYLINE_TAIL.split(text, maxsplit=1)[0]])
    # A short block that reads as a byline ("By …", "Par …", "Von …") in the article.
    for node in _SHORT_BLOCKS(tree):
        text = clean(text_of(node))
        if len(text) <= 120 and _BYLINE_PREFIX.match(text):
            return split_authors([_BYLINE_TAIL.split(text, maxsplit=1)[0]])
    return []


def extract_metadata(tree: HtmlElement) -> Metadata:
    meta = meta_tags(tree)
    nodes = json_ld_nodes(tree)
    md = Metadata(json_ld=nodes, meta=meta)
    ld = md.json_ld_article
    md.title = _title(tree, meta, ld)
    md.published = _first(
        to_iso(meta.get("article:published_time")),
        to_iso(_ld_text(ld.get("datePublished"))) if ld else None,
        _time_datetime(tree, "published"),
        *(
            to_iso(meta.get(k))
            for k in (
                "og:published_time",
                "pubdate",
                "publishdate",
                "date",
                "dc.date",
                "dc.date.issued",
                "parsely-pub-date",
                "sailthru.date",
            )
        ),
    )
    md.modified = _first(
        to_iso(meta.get("article:modified_time")),
        to_iso(meta.get("og:updated_time")),
        to_iso(_ld_text(ld.get("dateModified"))) if ld else None,
        _time_datetime(tree, "modified"),
        to_iso(meta.get("last-modified")),
    )
    md.authors = _authors(tree, meta, ld)
    md.language = _language(tree, meta, ld)
    md.image = _image(tree, meta, ld)
    canon = tree.xpath('//link[@rel="canonical"]/@href | //link[@rel="Canonical"]/@href')
    md.canonical = clean(canon[0]) if canon else None
    md.og_url = meta.get("og:url")
    md.og_type = meta.get("og:type", "").lower() or None
    md.site_name = meta.get("og:site_name")
    return md
