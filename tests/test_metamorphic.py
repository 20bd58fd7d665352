"""Metamorphic tests: a change that leaves every copy a copy of the same story changes no output.

Each switch of the sample web (docs/sampleweb.md, "Metamorphic switches") is crawled with the real
``scrapy crawl mirror`` into its own story store, and compared with one crawl of the plain web
(the session's web, shared by every test here): the partition of the article pages into stories
and each page's origin must be the plain crawl's for T2 (theme swap), T4 (crawl order) and T5
(noise markup), and within pairwise F1 0.99 of it for T1 (network widget), T3 (site-wide
paragraph) and T6 (credits); no story's text may hold text a switch inserted.

Seven crawls of the session's 14-story web (71 article pages, 10 of them rendered in Chromium), one
at a time: about 3 minutes on the 2-core machine (3 min 12 s measured, 25-28 s a crawl).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html import escape, unescape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from newsmirror.sampleweb import SampleWeb, Transform, serve
from newsmirror.sampleweb.score import (
    Story,
    clusters,
    latest,
    leaks,
    origins,
    pairwise,
    partition,
    true_story_of,
)
from tests.crawl import run_crawl

# Identical output, or within pairwise F1 0.99 of it (the bound for switches that put
# other stories' text or a site's own text on the page).
SAME = (Transform.THEME, Transform.ORDER, Transform.NOISE)
# Known to fail (issue 15 note): on this small web a site's paragraph is on its first pages, before
# two or three of them teach newsmirror that it is the site's template, and an origin site with two
# pages never learns it (2 story texts keep it). (Its names and figures no longer keep a truncated
# copy from its original: half the copy's paragraphs are the original's, word for word, and it
# names it.) Strict: passing is an error.
_T3_FIRST_PAGES = pytest.mark.xfail(
    strict=True, reason="a site's paragraph on its first pages, before its template is learned"
)
CLOSE = (Transform.WIDGET, Transform.SITE_PARAGRAPH, Transform.CREDITS)
INSERTING = (Transform.WIDGET, Transform.SITE_PARAGRAPH, Transform.NOISE, Transform.CREDITS)
TEXT_CHECKED = (
    Transform.WIDGET,
    pytest.param(Transform.SITE_PARAGRAPH, marks=_T3_FIRST_PAGES),
    Transform.NOISE,
    Transform.CREDITS,
)
MIN_F1 = 0.99
CrawlOf = Callable[[Transform], tuple[SampleWeb, list[Story]]]
NOT_CRAWLED = "(not crawled)"


def _transformed(web: SampleWeb, transform: Transform) -> SampleWeb:
    return SampleWeb(seed=web.seed, stories=web.stories_count, metamorphic={transform})


def _crawl(tmp: Path, proxy_url: str, web: SampleWeb) -> list[Story]:
    result = run_crawl(
        tmp,
        proxy_url,
        args={"url": ",".join(web.seeds())},
        settings={"NEWSMIRROR_STORE": f"sqlite:///{tmp}/store.db"},
    )
    assert result.returncode == 0, result.log[-3000:]
    return latest(result.items)


@pytest.fixture(scope="module")
def articles(truth: dict[str, Any]) -> list[str]:
    return list(true_story_of(truth))


@pytest.fixture(scope="module")
def plain(
    tmp_path_factory: pytest.TempPathFactory, web: SampleWeb, proxy_url: str, articles: list[str]
) -> list[Story]:
    stories = _crawl(tmp_path_factory.mktemp("plain"), proxy_url, web)
    # The reference must hold the whole web, or the comparisons below would say little.
    assert set(articles) <= set(clusters(stories))
    return stories


@pytest.fixture(scope="module")
def crawl_of(tmp_path_factory: pytest.TempPathFactory, web: SampleWeb) -> CrawlOf:
    """The transformed web and its crawl, each crawled once for the module."""
    done: dict[Transform, tuple[SampleWeb, list[Story]]] = {}

    def crawl(transform: Transform) -> tuple[SampleWeb, list[Story]]:
        if transform not in done:
            changed = _transformed(web, transform)
            with serve(changed) as server:
                tmp = tmp_path_factory.mktemp(f"crawl-{transform}")
                done[transform] = changed, _crawl(tmp, server.proxy_url, changed)
        return done[transform]

    return crawl


def _origins(stories: list[Story], articles: list[str]) -> dict[str, str | None]:
    found = origins(stories)
    return {url: found.get(url, NOT_CRAWLED) for url in articles}


def _differences(got: dict[str, Any], want: dict[str, Any]) -> list[str]:
    return [f"{url}: {want[url]} -> {got[url]}" for url in want if got[url] != want[url]][:10]


# --- the switches themselves ------------------------------------------------------------------


@pytest.mark.parametrize("transform", list(Transform), ids=str)
def test_a_switch_leaves_the_truth_file_as_it_is(
    transform: Transform, web: SampleWeb, truth: dict[str, Any]
) -> None:
    changed = _transformed(web, transform)
    assert changed.truth() == truth
    moved = [url for url in web.pages if changed.fetch(url) != web.fetch(url)]
    assert len(moved) > 20


def _served_text(web: SampleWeb, url: str) -> str:
    """What a reader of the page sees the text of: the page, and for the JavaScript site the
    story's JSON that its script renders."""
    text = web.fetch(url)[2].decode("utf-8", "replace")
    page = web.pages[url]
    if page.post is not None and page.post.site.needs_browser:
        api = f"http://{urlsplit(url).hostname}/api/stories/{page.post.slug}.json"
        text += json.loads(web.fetch(api)[2]).get("body_html", "")
    # Tags out (a line's links), comments kept: noise hides its text in them.
    return unescape(text) + "\n" + unescape(re.sub(r"</?[a-zA-Z][^>]*>", "", text))


@pytest.mark.parametrize("transform", INSERTING, ids=str)
def test_every_inserted_text_is_on_its_page(
    transform: Transform, web: SampleWeb, articles: list[str]
) -> None:
    changed = _transformed(web, transform)
    pages = [url for url in articles if changed.inserted(url)]
    assert len(pages) >= 40
    for url in pages:
        served = _served_text(changed, url)
        missing = [t for t in changed.inserted(url) if t not in served]
        assert not missing, f"{url}: {missing}"


def test_order_shuffles_the_links_of_listings_feeds_and_sitemaps_not_what_they_link(
    web: SampleWeb,
) -> None:
    changed = _transformed(web, Transform.ORDER)
    assert sorted(changed.seeds()) == sorted(web.seeds()) != changed.seeds()
    shuffled = 0
    for url, page in web.pages.items():
        if page.kind not in ("home", "category", "tag", "archive", "feed", "sitemap"):
            continue
        before, after = web.fetch(url)[2], changed.fetch(url)[2]
        if url.endswith(".gz"):
            continue
        links = _links(before.decode())
        assert sorted(links) == sorted(_links(after.decode())), url
        shuffled += before != after
    assert shuffled > 20


def _links(text: str) -> list[str]:
    return re.findall(r'(?:href="|<loc>|<link>)([^"<]+)', text)


def test_theme_swap_keeps_every_paragraph_and_attribution(web: SampleWeb) -> None:
    changed = _transformed(web, Transform.THEME)
    swapped = 0
    for url, page in web.pages.items():
        post = page.post
        if page.kind != "article" or post is None or post.hostile or post.site.needs_browser:
            continue
        served = changed.fetch(url)[2].decode()
        if served == web.fetch(url)[2].decode():
            continue
        swapped += 1
        assert all(escape(p, quote=False) in served for p in post.paragraphs), url
        attribution = (post.attribution or {}).get("html") or (post.attribution or {}).get("head")
        if attribution:
            assert attribution in served, url
    assert swapped >= 40


# --- crawls -----------------------------------------------------------------------------------


@pytest.mark.parametrize("transform", SAME, ids=str)
def test_stories_and_origins_are_the_plain_crawl_s(
    transform: Transform, crawl_of: CrawlOf, plain: list[Story], articles: list[str]
) -> None:
    _, stories = crawl_of(transform)
    want, got = partition(clusters(plain), articles), partition(clusters(stories), articles)
    assert got == want, (
        f"split or joined: {sorted(map(sorted, got - want))[:5]} instead of "
        f"{sorted(map(sorted, want - got))[:5]}"
    )
    assert _origins(stories, articles) == _origins(plain, articles), _differences(
        _origins(stories, articles), _origins(plain, articles)
    )


@pytest.mark.parametrize("transform", CLOSE, ids=str)
def test_stories_and_origins_stay_within_f1_0_99_of_the_plain_crawl_s(
    transform: Transform, crawl_of: CrawlOf, plain: list[Story], articles: list[str]
) -> None:
    _, stories = crawl_of(transform)
    pairs = pairwise(clusters(stories), clusters(plain), articles)
    got, want = _origins(stories, articles), _origins(plain, articles)
    same_origin = sum(got[url] == want[url] for url in articles) / len(articles)
    assert pairs.f1 >= MIN_F1, (
        f"pairwise precision {pairs.precision:.3f} recall {pairs.recall:.3f} "
        f"F1 {pairs.f1:.3f} against the plain crawl"
    )
    assert same_origin >= MIN_F1, (
        f"{same_origin:.3f} of the pages keep their origin: {_differences(got, want)}"
    )


@pytest.mark.parametrize("transform", TEXT_CHECKED, ids=str)
def test_story_texts_gain_no_inserted_text(
    transform: Transform, crawl_of: CrawlOf, truth: dict[str, Any]
) -> None:
    changed, stories = crawl_of(transform)
    found = leaks(stories, truth, changed.inserted)
    assert not found, f"{len(found)} inserted texts in story texts, e.g. " + "; ".join(
        f"{leak.text!r} ({leak.url})" for leak in found[:5]
    )
