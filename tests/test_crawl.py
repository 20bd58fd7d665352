"""Real crawls of the sample web, checked against its truth file."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import pytest

from newsmirror.discovery import BodyKind, sitemap_entries
from newsmirror.sampleweb import SampleWeb
from tests.crawl import CrawlResult, run_crawl


def pages_by_url(truth: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {page["url"]: page for page in truth["pages"]}


def boilerplate_of(truth: dict[str, Any], page: dict[str, Any]) -> list[str]:
    site = next(s for s in truth["sites"] if s["domain"] == page["site"])
    return [b for b in [*site["boilerplate"], *page.get("boilerplate", [])] if b.strip()]


@pytest.fixture(scope="module")
def full_crawl(
    tmp_path_factory: pytest.TempPathFactory, proxy_url: str, truth: dict[str, Any]
) -> CrawlResult:
    homes = ",".join(site["home"] for site in truth["sites"])
    result = run_crawl(tmp_path_factory.mktemp("full"), proxy_url, args={"url": homes})
    assert result.returncode == 0, result.log[-3000:]
    return result


def test_every_article_is_found_and_nothing_else(
    full_crawl: CrawlResult, truth: dict[str, Any]
) -> None:
    pages = pages_by_url(truth)
    emitted = [item["copies"][0]["url"] for item in full_crawl.items]
    assert len(emitted) == len(set(emitted)), "a page was emitted twice"
    # JavaScript-rendered articles included: they are crawled in Chromium.
    expected = {
        url
        for url, page in pages.items()
        if page["kind"] == "article" and page.get("hostile") is None
    }
    missing = expected - set(emitted)
    assert not missing, f"articles not found: {sorted(missing)[:10]}"
    not_articles = [url for url in emitted if pages.get(url, {}).get("kind") != "article"]
    assert not not_articles, f"non-article pages emitted: {not_articles[:10]}"


def test_titles_dates_authors_and_language_match_the_truth(
    full_crawl: CrawlResult, truth: dict[str, Any]
) -> None:
    pages = pages_by_url(truth)
    wrong: list[tuple[Any, ...]] = []
    for item in full_crawl.items:
        page = pages[item["copies"][0]["url"]]
        for field in ("title", "published", "modified", "authors", "language"):
            if item[field] != page[field]:
                wrong.append((page["url"], field, item[field], page[field]))
    assert not wrong, wrong[:10]


def test_text_has_the_story_and_none_of_the_template(
    full_crawl: CrawlResult, truth: dict[str, Any]
) -> None:
    pages = pages_by_url(truth)
    problems = []
    for item in full_crawl.items:
        page = pages[item["copies"][0]["url"]]
        text = item["text"]
        for paragraph in page["paragraphs"]:
            if paragraph not in text:
                problems.append((page["url"], "missing", paragraph[:60]))
        for template in boilerplate_of(truth, page):
            if template in text:
                problems.append((page["url"], "template", template[:60]))
    assert not problems, problems[:10]


def test_hostile_pages_are_logged_and_the_crawl_goes_on(
    full_crawl: CrawlResult, truth: dict[str, Any]
) -> None:
    hostile = [p for p in truth["pages"] if p.get("hostile")]
    assert {p["hostile"] for p in hostile} >= {"malformed", "charset", "oversized"}
    by_url = {item["copies"][0]["url"]: item for item in full_crawl.items}
    for page in hostile:
        if page["hostile"] == "oversized":
            assert page["url"] not in by_url
            assert f"Skipped {page['url']}: larger than DOWNLOAD_MAXSIZE" in full_crawl.log
        elif page["hostile"] == "charset":
            item = by_url[page["url"]]
            assert item["title"] == page["title"]
            assert "\ufffd" not in item["text"]
            assert f"Repaired charset of {page['url']}" in full_crawl.log
        elif page["hostile"] == "malformed":
            # NUL bytes, unclosed paragraphs and a cut mid-page: parsed leniently, not a crash.
            assert f"Spider error processing <GET {page['url']}>" not in full_crawl.log
            item = by_url[page["url"]]
            assert item["title"] == page["title"]
            assert "\x00" not in item["text"]
            assert all(paragraph in item["text"] for paragraph in page["paragraphs"])
    assert full_crawl.stat("newsmirror/oversized") >= 1
    assert full_crawl.stats["finish_reason"] == "finished"


def test_disallowed_paths_are_never_requested(
    full_crawl: CrawlResult, truth: dict[str, Any]
) -> None:
    disallowed = {p["url"] for p in truth["pages"] if p["kind"] == "disallowed"}
    assert disallowed
    assert full_crawl.stat("robotstxt/forbidden") >= 1
    emitted = {item["copies"][0]["url"] for item in full_crawl.items}
    assert not disallowed & emitted


def test_single_article_seed_yields_that_article_only(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    article = next(
        p
        for p in truth["pages"]
        if p["kind"] == "article"
        and p["is_copy"]
        and not p["needs_browser"]
        and not p.get("hostile")
    )
    result = run_crawl(tmp_path, proxy_url, args={"url": article["url"]})
    assert result.returncode == 0
    assert [item["copies"][0]["url"] for item in result.items] == [article["url"]]
    assert result.items[0]["title"] == article["title"]


@pytest.mark.parametrize("kind", ["feed", "sitemap", "api"])
def test_feed_sitemap_and_api_seeds_find_articles(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any], kind: str
) -> None:
    seed = next(
        p
        for p in truth["pages"]
        if p["kind"] == kind and (kind != "api" or p["url"].rstrip("/").endswith("/wp-json"))
    )
    site_articles = {
        p["url"]
        for p in truth["pages"]
        if p["kind"] == "article" and p["site"] == seed["site"] and not p.get("hostile")
    }
    result = run_crawl(tmp_path, proxy_url, args={"url": seed["url"]})
    assert result.returncode == 0
    found = {item["copies"][0]["url"] for item in result.items}
    assert found, f"nothing found from {seed['url']}"
    # Every article of the seed's site, and none of another site's.
    assert found == site_articles, (sorted(site_articles - found), sorted(found - site_articles))


def test_a_gzipped_sitemap_seed_finds_every_article_it_lists(
    tmp_path: Path, proxy_url: str, web: SampleWeb, truth: dict[str, Any]
) -> None:
    seed = next(p["url"] for p in truth["pages"] if p["url"].endswith(".xml.gz"))
    _, _, body = web.fetch(seed)
    kind, listed = sitemap_entries(gzip.decompress(body), seed)
    assert kind is BodyKind.URLSET
    assert listed
    result = run_crawl(tmp_path, proxy_url, args={"url": seed})
    assert result.returncode == 0
    assert {item["copies"][0]["url"] for item in result.items} == set(listed)


def test_endless_pagination_ends_at_the_depth_limit(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    trap = next(p for p in truth["pages"] if p["kind"] == "trap" and "/page/" in p["url"])
    result = run_crawl(
        tmp_path, proxy_url, args={"url": trap["url"], "max_depth": "6"}, timeout=120
    )
    assert result.returncode == 0
    assert result.stats["finish_reason"] == "finished"
    assert result.stat("request_depth_max") <= 6
    assert result.stat("downloader/request_count") < 200


def test_per_site_budget_stops_a_site(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    home = next(s["home"] for s in truth["sites"] if s["domain"] == "dailymarketmirror.net")
    result = run_crawl(tmp_path, proxy_url, args={"url": home, "max_pages_per_site": "15"})
    assert result.returncode == 0
    assert result.stat("newsmirror/limit/site_budget") >= 1
    assert result.stat("downloader/request_count") <= 15 + 2  # + robots.txt fetched by Scrapy
    assert "Page budget of 15 reached for dailymarketmirror.net" in result.log


def test_registered_site_spider_crawls_its_site(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    result = run_crawl(tmp_path, proxy_url, spider="heartlandbriefs")
    assert result.returncode == 0
    expected = {
        p["url"]
        for p in truth["pages"]
        if p["kind"] == "article"
        and p["site"] == "www.heartlandbriefs.com"
        and not p.get("hostile")
    }
    assert {item["copies"][0]["url"] for item in result.items} >= expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"url": "not-a-url"}, "is not an absolute http(s) URL"),
        ({"site": "no_such_site"}, "unknown site(s) no_such_site"),
        ({"url": "http://dailymarketmirror.net/", "max_depth": "deep"}, "max_depth must be"),
        ({}, "mirror needs -a url="),
    ],
)
def test_bad_spider_arguments_fail_fast_with_a_clear_message(
    tmp_path: Path, proxy_url: str, args: dict[str, str], message: str
) -> None:
    result = run_crawl(tmp_path, proxy_url, args=args, timeout=60)
    assert result.returncode == 2
    assert message in result.log


def test_every_copy_names_the_origin_the_truth_gives(
    full_crawl: CrawlResult, truth: dict[str, Any]
) -> None:
    pages = pages_by_url(truth)
    wrong: list[tuple[Any, ...]] = []
    for item in full_crawl.items:
        page = pages[item["copies"][0]["url"]]
        attribution = page["attribution"]
        origin = item["origin"]
        expected = (
            (attribution["origin_domain"], attribution["origin_url"]) if attribution else None
        )
        got = (origin["domain"], origin["url"]) if origin else None
        if got != expected:
            wrong.append((page["url"], expected, got))
        if attribution and attribution["text"] and attribution["text"] in item["text"]:
            wrong.append((page["url"], "attribution line left in text", attribution["text"]))
        if origin:
            assert item["text_source"] == "copy"
            assert origin["evidence"]
    assert not wrong, wrong[:10]
    copies = sum(1 for item in full_crawl.items if pages[item["copies"][0]["url"]]["attribution"])
    methods = ("line", "source_line", "meta_source", "canonical", "json_ld", "og_url")
    found = sum(full_crawl.stat(f"newsmirror/origin/{m}") for m in methods)
    assert found == copies
    assert full_crawl.stat("newsmirror/origin/none") == len(full_crawl.items) - copies
