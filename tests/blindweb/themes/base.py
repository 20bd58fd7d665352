"""What every theme gets to render a page, and the helpers they share."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from tests.blindweb.model import Block, Category, Post
from tests.blindweb.sites import SiteSpec
from tests.blindweb.wordings import esc, esc_attr

_MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "de": [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
}


def human_date(value: datetime, lang: str) -> str:
    month = _MONTHS.get(lang, _MONTHS["en"])[value.month - 1]
    if lang == "fr":
        return f"{value.day} {month} {value.year}"
    if lang == "de":
        return f"{value.day}. {month} {value.year}"
    if lang == "es":
        return f"{value.day} de {month} de {value.year}"
    return f"{month} {value.day}, {value.year}"


def iso(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


@dataclass
class Entry:
    """A post as a widget shows it."""

    title: str
    url: str
    excerpt: str = ""
    credit_html: str = ""
    category: str = ""
    date: datetime | None = None


@dataclass
class Listing:
    """One page of a list of posts (home page, category, archive)."""

    title: str
    posts: list[Post]
    page: int
    pages: int
    url: str
    prev_url: str | None
    next_url: str | None
    kind: str = "home"  # home | category | archive
    category: Category | None = None


@dataclass
class PageContext:
    site: SiteSpec
    post_url: Callable[[Post], str]
    category_url: Callable[[Category], str]
    feed_url: str | None
    recent: list[Entry] = field(default_factory=list)
    network: list[Entry] = field(default_factory=list)
    related: list[Entry] = field(default_factory=list)
    around_web: list[Entry] = field(default_factory=list)
    archive: list[tuple[str, str, int]] = field(default_factory=list)
    static_pages: list[tuple[str, str]] = field(default_factory=list)
    comments: list[tuple[str, str, str]] = field(default_factory=list)
    prev_post: Post | None = None
    next_post: Post | None = None
    excerpt: Callable[[Post], str] = lambda post: ""
    author_url: Callable[[str], str] = lambda name: ""


def block_html(
    block: Block, p_attrs: str = "", lead_tag: str = "strong", heading: str = "h2"
) -> str:
    inner = block.html or esc(block.text)
    if block.kind == "lead":
        return f"<p{p_attrs}><{lead_tag}>{inner}</{lead_tag}></p>"
    if block.kind == "h":
        return f"<{heading}>{inner}</{heading}>"
    if block.kind in ("p", "attr", "readmore", "readalso"):
        return f"<p{p_attrs}>{inner}</p>"
    if block.kind == "hellip":
        return f"<p{p_attrs}>{inner} [&hellip;]</p>"
    if block.kind == "figure":
        return (
            f'<figure class="wp-block-image size-large"><img src="{esc_attr(block.html or "/wp-content/uploads/photo.jpg")}" '
            f'alt="" loading="lazy" width="1024" height="576"><figcaption>{esc(block.text)}</figcaption></figure>'
        )
    if block.kind == "ad":
        return block.html
    return inner


def body_html(
    blocks: list[Block],
    p_attrs: str = "",
    lead_tag: str = "strong",
    heading: str = "h2",
    sep: str = "\n",
) -> str:
    return sep.join(block_html(b, p_attrs, lead_tag, heading) for b in blocks)


def article_schema(post: Post, site: SiteSpec, url: str, image: bool = True) -> str:
    """A Yoast-like JSON-LD graph for a post."""
    graph: dict[str, Any] = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "Article",
                "@id": url + "#article",
                "isPartOf": {"@id": url},
                "author": {
                    "name": post.author,
                    "@id": site.home + "#/schema/person/" + post.author.lower().replace(" ", "-"),
                },
                "headline": post.title[:110],
                "datePublished": iso(post.published),
                "dateModified": iso(post.modified or post.published),
                "mainEntityOfPage": {"@id": url},
                "publisher": {"@id": site.home + "#organization"},
                "articleSection": [post.category.name],
                "inLanguage": site.lang,
            },
            {
                "@type": "WebPage",
                "@id": url,
                "url": url,
                "name": f"{post.title} - {site.name}",
                "datePublished": iso(post.published),
                "inLanguage": site.lang,
            },
            {
                "@type": "Organization",
                "@id": site.home + "#organization",
                "name": site.name,
                "url": site.home,
            },
        ],
    }
    if image:
        graph["@graph"][0]["thumbnailUrl"] = (
            site.home + "wp-content/uploads/" + post.published.strftime("%Y/%m/") + "featured.jpg"
        )
    return (
        '<script type="application/ld+json" class="yoast-schema-graph">'
        + json.dumps(graph, ensure_ascii=False)
        + "</script>"
    )


def entry_excerpt(text: str, words: int = 30) -> str:
    parts = text.split()
    if len(parts) <= words:
        return text
    return " ".join(parts[:words]) + "&hellip;"
