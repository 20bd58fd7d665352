"""Is a page an article, a listing, a JavaScript shell or something else? Scored from markup."""

from __future__ import annotations

import re
from enum import StrEnum
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from newsmirror.extract.metadata import Metadata

_LISTING_PATH = re.compile(
    r"/(category|categories|tag|tags|topics?|author|authors|page|archives?|search|section|rubrique"
    r"|kategorie|etiqueta|calendar)(/|$)|[?&](page|paged|p|month|cat|tag)=|^/?$|/feed/?$",
    re.I,
)
_NON_ARTICLE_PATH = re.compile(
    r"/(about|about-us|contact|contact-us|impressum|privacy|privacy-policy|terms|legal|cookies?"
    r"|a-propos|mentions-legales|advertise|careers|subscribe|newsletter|faq)(/|\.html?)?$",
    re.I,
)
# Where a JavaScript application renders the page: its root element, or (Next.js's app router,
# which has none) the scripts that stream its content.
_APP_ROOT = (
    '//div[@id="root" or @id="app" or @id="__next" or @id="__nuxt" or @id="svelte"]'
    ' | //script[not(@src)][starts-with(normalize-space(.), "self.__next_f")]'
)


class PageKind(StrEnum):
    ARTICLE = "article"
    LISTING = "listing"
    SHELL = "shell"  # an article rendered by JavaScript: the static HTML has no body
    OTHER = "other"


def classify_page(
    url: str,
    tree: HtmlElement,
    meta: Metadata,
    text_chars: int,
    paragraph_count: int,
    *,
    min_text_chars: int = 250,
    article_url_pattern: re.Pattern[str] | None = None,
) -> PageKind:
    """Decide the page's kind from structural signals; no single signal decides alone."""
    path = urlsplit(url).path or "/"
    query = urlsplit(url).query
    score = 0
    ld_article = meta.json_ld_article is not None
    if meta.og_type == "article":
        score += 2
    elif meta.og_type in ("website", "profile", "blog") and not ld_article:
        # Many CMSs write og:type "website" on every page; a JSON-LD article says more.
        score -= 2
    if ld_article:
        score += 2
    if meta.published:
        score += 1
    articles = len(tree.xpath("//article"))
    heading_links = len(tree.xpath("//*[self::h2 or self::h3 or self::h4][.//a]"))
    if articles >= 3 or heading_links >= 6:
        score -= 2
    if tree.xpath('//link[@rel="next" or @rel="prev"]'):
        score -= 1
    # A saved page read without its URL (``scrapy extract`` on a file naming no canonical) has no
    # path to judge: "/" would read as a home page.
    if url and _LISTING_PATH.search(path + ("?" + query if query else "")):
        score -= 3
    if article_url_pattern is not None:
        score += 3 if article_url_pattern.search(url) else -3
    body_classes = " ".join(tree.xpath("//body/@class")).split()
    if {"single", "single-post", "postid"} & set(body_classes):
        score += 2
    if {"archive", "home", "blog", "category", "tag", "page-template"} & set(body_classes):
        score -= 2

    if url and _NON_ARTICLE_PATH.search(path):
        return PageKind.OTHER
    if text_chars >= min_text_chars and paragraph_count >= 2:
        if score >= 1 or (score >= 0 and text_chars >= 4 * min_text_chars):
            return PageKind.ARTICLE
        return PageKind.LISTING if score <= -2 else PageKind.OTHER
    if score >= 2 and tree.xpath(_APP_ROOT) and tree.xpath("//script[@src]"):
        return PageKind.SHELL
    return PageKind.LISTING if score <= -1 else PageKind.OTHER
