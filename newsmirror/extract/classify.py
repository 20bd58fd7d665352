"""Is a page an article, a listing, a JavaScript shell or something else? Scored from markup."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from newsmirror.extract.metadata import Metadata

_LISTING_PATH = re.compile(
    r"/(category|categories|tag|tags|topics?|author|authors|page|archives?|search|section|rubrique"
    r"|kategorie|etiqueta|calendar)(/|$)|[?&](page|paged|p|month|cat|tag|category|section)=|^/?$"
    r"|/feed/?$"
    # A date archive (WordPress, Blogger: /2025/, /2025/01/), the site's index script, a
    # hand-made site's category script (cat.php?c=world).
    r"|^/(19|20)\d\d/(\d{1,2}/){0,2}$|^/index\.[a-z]{2,5}(\?|$)|/(cat|category|section)\.[a-z]{2,5}(\?|$)",
    re.I,
)
# A path that says it holds one article: /article.php?id=…, /article/123, /story/slug (the
# singular; /articles/ and /stories/ are as often their section's listing).
_ARTICLE_PATH = re.compile(
    r"/(article|story|artikel|articulo|artigo|articolo)(/|\.[a-z]{2,5}$)", re.I
)
_NON_ARTICLE_PATH = re.compile(
    r"/(about|about-us|contact|contact-us|impressum|privacy|privacy-policy|terms|legal|cookies?"
    r"|a-propos|mentions-legales|advertise|careers|subscribe|newsletter|faq)(/|\.html?)?$",
    re.I,
)


# Compiled once, and counted in libxml2 (no element object per match).
_ARTICLES = etree.XPath("count(//article)")
_TOP_ARTICLES = etree.XPath("//article[not(ancestor::article)]")
_HOLDS_H1 = etree.XPath("boolean(.//h1)")
# A page marked up as one post (og:type article, JSON-LD, a post's body class, a date: a structure
# score this high) whose static text is short, and that runs no app to put more on screen, is a
# brief or a feed importer's excerpt of another site's story: an article, though a short one.
SHORT_POST_SCORE = 3
SHORT_POST_CHARS = 100
_HEADING_LINKS = etree.XPath("count(//*[self::h2 or self::h3 or self::h4][.//a])")
_PAGINATED = etree.XPath('boolean(//link[@rel="next" or @rel="prev"])')
_BODY_CLASSES = etree.XPath("//body/@class")


class PageKind(StrEnum):
    ARTICLE = "article"
    LISTING = "listing"
    SHELL = "shell"  # an article rendered by JavaScript: the static HTML has no body
    OTHER = "other"


def _list_of_articles(tree: HtmlElement) -> bool:
    """Three or more ``<article>`` elements, none of them the page's post: a list of posts. A
    post's page with its "read next" cards (a Ghost theme's, many others') has one article that
    holds the page's headline (its ``<h1>``, the cards' titles being lesser headings) or more text
    than the cards together."""
    if _ARTICLES(tree) < 3:
        return False
    top = _TOP_ARTICLES(tree)
    if len(top) < 3:
        return False
    if sum(1 for a in top if _HOLDS_H1(a)) == 1:
        return False
    sizes = sorted((len(" ".join(a.text_content().split())) for a in top), reverse=True)
    return sizes[0] <= sum(sizes[1:])


def _non_article_path(url: str) -> bool:
    """An about, contact or legal page's address."""
    return bool(url) and _NON_ARTICLE_PATH.search(urlsplit(url).path or "/") is not None


# The body classes CMSs give a single post's page: WordPress's, Ghost's ("post-template"),
# Joomla's article view, Blogger's item page, Drupal's article node.
_POST_BODY_CLASSES = frozenset(
    {
        "single",
        "single-post",
        "postid",
        "post-template",
        "view-article",
        "item-view",
        "page-node-type-article",
        "node-type-article",
    }
)
_SLUG_WORDS = 3  # a slug this many words long at least spells a headline
_SLUG_SHARE = 0.8  # ...when this share of them are the headline's words


def _folded_words(text: str) -> list[str]:
    """Words without accents or case ("Süper Lig'de" -> "super", "lig", "de")."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    return re.findall(r"[a-z]+", "".join(c for c in plain if not unicodedata.combining(c)))


def _slug_of(path: str, title: str) -> bool:
    """Whether the URL's last path segment spells the page's title, as a post's slug does
    (``/2025/04/09/yellow-warning-for-thunderstorms-in-cumbria/``): no listing is named so."""
    segments = [seg for seg in path.split("/") if seg]
    if not segments:
        return False
    slug = _folded_words(re.sub(r"\.[a-z]{2,5}$", "", segments[-1], flags=re.I))
    if len(slug) < _SLUG_WORDS:
        return False
    words = set(_folded_words(title))
    return sum(w in words for w in slug) >= _SLUG_SHARE * len(slug)


def structure_score(
    url: str,
    tree: HtmlElement,
    meta: Metadata,
    article_url_pattern: re.Pattern[str] | None,
) -> int:
    """The page's markup and URL, scored: above zero reads as an article, below as a listing."""
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
    if _list_of_articles(tree) or _HEADING_LINKS(tree) >= 6:
        score -= 2
    if _PAGINATED(tree):
        score -= 1
    # A saved page read without its URL (``scrapy extract`` on a file naming no canonical) has no
    # path to judge: "/" would read as a home page.
    if url and _LISTING_PATH.search(path + ("?" + query if query else "")):
        score -= 3
    elif url and _ARTICLE_PATH.search(path):
        score += 1
    if article_url_pattern is not None:
        score += 3 if article_url_pattern.search(url) else -3
    if url and meta.title and _slug_of(path, meta.title):
        score += 1
    body_classes = " ".join(_BODY_CLASSES(tree)).split()
    if _POST_BODY_CLASSES & set(body_classes):
        score += 2
    if {"archive", "home", "blog", "category", "tag", "page-template"} & set(body_classes):
        score -= 2
    return score


def kind_without_text(
    url: str,
    tree: HtmlElement,
    meta: Metadata,
    *,
    article_url_pattern: re.Pattern[str] | None = None,
    score: int | None = None,
) -> PageKind | None:
    """The page's kind when its text cannot change it (None when it can): an about or contact
    page, or a page whose markup says listing so plainly that no text would make it an article
    (``classify_page`` gives the same). A crawl skips extracting the text of such pages.
    ``score``: the page's ``structure_score``, when the caller has it."""
    if _non_article_path(url):
        return PageKind.OTHER
    if meta.og_type == "article" or meta.json_ld_article is not None:
        return None
    if score is None:
        score = structure_score(url, tree, meta, article_url_pattern)
    return PageKind.LISTING if score <= -2 else None


# Chinese, Japanese and Korean say in one character what takes two or three in a Latin script:
# a 250-character bar measured in those characters is a page of text, not a line.
_WIDE = re.compile(
    r"[\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)


def text_size(paragraphs: Iterable[str]) -> int:
    """The length of a text as the article bars count it: a CJK character counts twice."""
    return sum(len(p) + len(_WIDE.findall(p)) for p in paragraphs)


def classify_page(
    url: str,
    tree: HtmlElement,
    meta: Metadata,
    text_chars: int,
    paragraph_count: int,
    *,
    min_text_chars: int = 250,
    article_url_pattern: re.Pattern[str] | None = None,
    score: int | None = None,
) -> PageKind:
    """Decide the page's kind from structural signals; no single signal decides alone.
    ``score``: the page's ``structure_score``, when the caller has it."""
    if _non_article_path(url):
        return PageKind.OTHER
    if score is None:
        score = structure_score(url, tree, meta, article_url_pattern)
    if text_chars >= min_text_chars and paragraph_count >= 2:
        if score >= 1 or (score >= 0 and text_chars >= 4 * min_text_chars):
            return PageKind.ARTICLE
        return PageKind.LISTING if score <= -2 else PageKind.OTHER
    scripted = score >= 2 and has_scripts(tree)
    if score >= SHORT_POST_SCORE and text_chars >= SHORT_POST_CHARS and not scripted:
        return PageKind.ARTICLE
    if scripted:
        return PageKind.SHELL
    return PageKind.LISTING if score <= -1 else PageKind.OTHER


# --- pages whose article is put on screen by JavaScript -------------------------------------------

_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+){2,}(?:\.[a-z]{2,5})?$", re.I)
_NUMBER = re.compile(r"^\d+(?:\.[a-z]{2,5})?$", re.I)
_INLINE_CODE_CHARS = 200  # an inline script shorter than this is a snippet, not an app


def url_shape(url: str) -> str:
    """A URL's path with its variable parts replaced: ``/story/{slug}``, ``/{n}/{n}/{slug}``.
    Articles of one site share a shape; its home, sections and pages do not share theirs."""
    parts = [p for p in (urlsplit(url).path or "/").split("/") if p]
    shaped = ["{slug}" if _SLUG.match(p) else "{n}" if _NUMBER.match(p) else p for p in parts]
    trailing = "/" if parts and urlsplit(url).path.endswith("/") else ""
    return "/" + "/".join(shaped) + trailing


def has_scripts(tree: HtmlElement) -> bool:
    """Whether the page runs an app: an external script, serialized state, or inline code."""
    for script in tree.iter("script"):
        kind = (script.get("type") or "").lower()
        if script.get("src") or "json" in kind:
            return True
        if len(script.text or "") >= _INLINE_CODE_CHARS and "ld+json" not in kind:
            return True
    return False


@dataclass(frozen=True)
class RenderCheck:
    """Whether a page that gave no article is one whose article JavaScript puts on screen."""

    candidate: bool
    reason: str  # linked, article_url, metadata, listing_without_links; else why not
    why: str  # in plain words, for logs and ``scrapy explain``


def javascript_check(
    url: str,
    tree: HtmlElement,
    meta: Metadata,
    kind: PageKind,
    text_chars: int,
    *,
    min_text_chars: int = 250,
    linked_as_article: bool = False,
    like_site_articles: bool = False,
    listing_page: bool = False,
    article_links: int = 0,
) -> RenderCheck:
    """Decide by outcome, not by markup names, whether the page needs its scripts run (or its
    serialized state read) to give what it holds.

    An article candidate: a page that a listing, feed or sitemap links as an article, or whose
    URL has the shape of the site's other articles, or that carries article metadata — and whose
    static main text is too short while it carries scripts or state. A listing candidate: a seed or
    listing page with scripts and no article link at all (links that appear on scrolling or on a
    "load more" click).
    """
    scripts = has_scripts(tree)
    if kind is PageKind.ARTICLE:
        return RenderCheck(False, "static_article", "its static HTML already holds the article")
    if _non_article_path(url):
        return RenderCheck(False, "not_article_path", "an about/contact/legal page")
    evidence = []
    if linked_as_article:
        evidence.append(("linked", "a listing, feed or sitemap links it as an article"))
    if like_site_articles:
        evidence.append(("article_url", "its URL has the shape of the site's other articles"))
    if kind is PageKind.SHELL or meta.og_type == "article" or meta.json_ld_article is not None:
        evidence.append(("metadata", "it carries article metadata"))
    if not evidence:
        if listing_page and article_links == 0:
            if scripts:
                return RenderCheck(
                    True,
                    "listing_without_links",
                    "a listing page with scripts and no article link in its static HTML",
                )
            return RenderCheck(False, "no_scripts", "a listing page without links or scripts")
        return RenderCheck(False, "not_article", "nothing says it is an article")
    if text_chars >= min_text_chars:
        return RenderCheck(
            False, "not_short", f"its static text ({text_chars} chars) is long enough to judge"
        )
    if not scripts:
        return RenderCheck(False, "no_scripts", "its static text is short and it runs no script")
    reason, why = evidence[0]
    return RenderCheck(
        True,
        reason,
        f"{why}, and its static text is too short ({text_chars} chars) while it "
        "carries scripts or serialized state",
    )


def rendered_kind(
    kind: PageKind,
    reason: str,
    title: str | None,
    text_chars: int,
    paragraph_count: int,
    *,
    min_text_chars: int = 250,
) -> PageKind:
    """The kind of a page rendered because it was an article candidate: the reason it was
    rendered is evidence that it is an article, so enough text with a title makes it one."""
    if kind is PageKind.ARTICLE or reason == "listing_without_links":
        return kind
    if title and text_chars >= min_text_chars and paragraph_count >= 2:
        return PageKind.ARTICLE
    return kind
