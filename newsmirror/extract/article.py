"""From a parsed page to an article's fields: metadata, main text and the page's kind."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from lxml.html import HtmlElement

from newsmirror.extract.classify import (
    PageKind,
    classify_page,
    kind_without_text,
    structure_score,
    text_size,
)
from newsmirror.extract.dates import published_date
from newsmirror.extract.language import guess_language
from newsmirror.extract.metadata import Metadata, clean, extract_metadata, split_authors, to_iso
from newsmirror.extract.text import (
    css_to_xpath,
    main_paragraphs,
    outside_cards,
    teaser_cards,
    with_standfirst,
    within_marked_body,
)
from newsmirror.registry import Selectors


@dataclass
class ExtractedArticle:
    """Everything extraction learned from one page; ``kind`` says whether it is a story."""

    kind: PageKind
    title: str | None
    paragraphs: list[str]
    metadata: Metadata
    authors: list[str] = field(default_factory=list)
    modified: str | None = None
    language: str | None = None
    find_published: Callable[[], str | None] = field(
        default=lambda: None, repr=False, compare=False
    )

    @cached_property
    def published(self) -> str | None:
        """The publication date, looked for on first use: without a date in its markup or URL a
        page's text is searched (htmldate), which listing pages, most of a crawl's non-articles,
        never need."""
        return self.find_published()

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def _select_text(tree: HtmlElement, css: str | None) -> str | None:
    if not css:
        return None
    nodes = tree.xpath(css_to_xpath(css))
    if not nodes:
        return None
    node = nodes[0]
    if isinstance(node, str):
        return clean(node)
    return clean(node.get("datetime") or node.get("content") or node.text_content())


def declared_published(tree: HtmlElement, selectors: Selectors, meta: Metadata) -> str | None:
    """The publication date the page declares: its site's selector, else its markup."""
    return to_iso(_select_text(tree, selectors.published)) or meta.published


def published_finder(
    tree: HtmlElement, url: str, selectors: Selectors | None, meta: Metadata
) -> Callable[[], str | None]:
    """What finds the page's publication date on first use (looking past what it declares costs
    a walk of the tree, which a crawl spends on articles only)."""
    declared = declared_published(tree, selectors or Selectors(), meta)
    return lambda: published_date(tree, url, declared)


def extract_article(
    url: str,
    tree: HtmlElement,
    selectors: Selectors | None = None,
    *,
    min_text_chars: int = 250,
    article_url_pattern: re.Pattern[str] | None = None,
    listing_text: bool = True,
) -> ExtractedArticle:
    """Extract the article on ``tree`` (which is not modified).

    ``listing_text=False``: a page whose markup alone makes it no article (``kind_without_text``:
    a listing, an about page) gets no text, the costliest part of extraction, which a crawl does
    not use on such pages."""
    sel = selectors or Selectors()
    meta = extract_metadata(tree)
    score = structure_score(url, tree, meta, article_url_pattern)
    known = None if listing_text else kind_without_text(url, tree, meta, score=score)
    own_card: set[str] = set()
    cards = set() if known is not None else teaser_cards(tree, url, own=own_card)
    paragraphs = (
        []
        if known is not None
        else main_paragraphs(tree, url, body_css=sel.body, remove=sel.remove, cards=cards)
    )
    title = _select_text(tree, sel.title) or meta.title
    if title and paragraphs and clean(paragraphs[0]).casefold() == clean(title).casefold():
        paragraphs = paragraphs[1:]  # the headline is not part of the text
    text_chars = text_size(paragraphs)
    kind = known or classify_page(
        url,
        tree,
        meta,
        text_chars,
        len(paragraphs),
        min_text_chars=min_text_chars,
        score=score,
    )
    if not sel.body:
        # A short post's page is an article as read (a brief with its box of related posts); its
        # text is what the page marks up as the post's body.
        paragraphs = within_marked_body(tree, paragraphs)
    # What a card's text holds is no article's, though a page's kind counts it (an excerpt page
    # beside a network's excerpts is read as the article it is).
    paragraphs = outside_cards(paragraphs, cards, own_card)
    if not sel.body:
        description = meta.meta.get("og:description") or meta.meta.get("description")
        paragraphs = with_standfirst(tree, paragraphs, title, description)
    modified = to_iso(_select_text(tree, sel.modified)) or meta.modified
    authors = split_authors([a]) if (a := _select_text(tree, sel.authors)) else meta.authors
    language = meta.language or guess_language(" ".join(paragraphs[:5]))
    return ExtractedArticle(
        kind=kind,
        title=title,
        paragraphs=paragraphs,
        metadata=meta,
        authors=authors,
        modified=modified or None,
        language=language,
        find_published=published_finder(tree, url, sel, meta),
    )
