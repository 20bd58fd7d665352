"""Which pages need their serialized state read or their scripts run (extract.classify), by
outcome: table-driven on small pages."""

from __future__ import annotations

from typing import Any

import lxml.html
import pytest

from newsmirror.extract import PageKind
from newsmirror.extract.classify import RenderCheck, javascript_check, rendered_kind, url_shape
from newsmirror.extract.metadata import extract_metadata

CHROME = "<header><nav><a href='/'>Home</a></nav></header>{}<footer>© Site</footer>"
APP = CHROME.format("<div class='mount'></div><script src='/app.js'></script>")
STATE = CHROME.format("<div class='x'></div><script type='application/json'>{\"a\": 1}</script>")
STATIC = CHROME.format("<div class='x'></div>")
OG = "<meta property='og:type' content='article'>"


def check(
    body: str, head: str = "", url: str = "http://s.test/stories/a-b-c-d", **kw: Any
) -> RenderCheck:
    tree = lxml.html.document_fromstring(f"<html><head>{head}</head><body>{body}</body></html>")
    kind = kw.pop("kind", PageKind.OTHER)
    return javascript_check(url, tree, extract_metadata(tree), kind, 20, **kw)


@pytest.mark.parametrize(
    ("body", "head", "kwargs", "candidate", "reason"),
    [
        (APP, "", {"linked_as_article": True}, True, "linked"),
        (STATE, "", {"linked_as_article": True}, True, "linked"),  # state, no external script
        (APP, "", {"like_site_articles": True}, True, "article_url"),
        (APP, OG, {}, True, "metadata"),
        (APP, "", {}, False, "not_article"),  # nothing says it is an article
        (STATIC, "", {"linked_as_article": True}, False, "no_scripts"),  # a stub, no app
        (APP, "", {"linked_as_article": True, "kind": PageKind.ARTICLE}, False, "static_article"),
        (APP, "", {"listing_page": True, "article_links": 0}, True, "listing_without_links"),
        (APP, "", {"listing_page": True, "article_links": 4}, False, "not_article"),
        (STATIC, "", {"listing_page": True, "article_links": 0}, False, "no_scripts"),
    ],
)
def test_a_page_is_a_candidate_by_what_it_gives_not_by_markup_names(
    body: str, head: str, kwargs: dict[str, Any], candidate: bool, reason: str
) -> None:
    result = check(body, head, **kwargs)
    assert (result.candidate, result.reason) == (candidate, reason)
    assert result.why


def test_long_static_text_is_never_rendered() -> None:
    tree = lxml.html.document_fromstring(f"<html><body>{APP}</body></html>")
    result = javascript_check(
        "http://s.test/x-y-z-w",
        tree,
        extract_metadata(tree),
        PageKind.OTHER,
        900,
        linked_as_article=True,
    )
    assert (result.candidate, result.reason) == (False, "not_short")


def test_about_pages_are_never_candidates() -> None:
    result = check(APP, OG, url="http://s.test/about", linked_as_article=True)
    assert (result.candidate, result.reason) == (False, "not_article_path")


@pytest.mark.parametrize(
    ("url", "shape"),
    [
        ("http://s.test/stories/2026/11/harbour-wins-the-vote", "/stories/{n}/{n}/{slug}"),
        ("http://s.test/news/harbour-wins-the-vote-1004.html", "/news/{slug}"),
        ("http://s.test/read/harbour-wins-the-vote/", "/read/{slug}/"),
        ("http://s.test/about", "/about"),
        ("http://s.test/", "/"),
    ],
)
def test_url_shapes(url: str, shape: str) -> None:
    assert url_shape(url) == shape


def test_a_rendered_candidate_with_text_and_title_is_an_article() -> None:
    assert rendered_kind(PageKind.OTHER, "linked", "T", 900, 5) is PageKind.ARTICLE
    assert rendered_kind(PageKind.OTHER, "linked", None, 900, 5) is PageKind.OTHER
    assert rendered_kind(PageKind.OTHER, "linked", "T", 100, 1) is PageKind.OTHER
    # A listing rendered for its links stays what it is.
    assert rendered_kind(PageKind.LISTING, "listing_without_links", "T", 900, 5) is PageKind.LISTING
