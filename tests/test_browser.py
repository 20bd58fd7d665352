"""The JavaScript-only site, crawled with real Chromium through scrapy-playwright."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.crawl import run_crawl


def test_javascript_site_gives_the_stories_of_the_truth_file(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    result = run_crawl(tmp_path, proxy_url, spider="newsflashhub", timeout=240)
    assert result.returncode == 0, result.log[-2000:]
    pages = {p["url"]: p for p in truth["pages"]}
    expected = {
        p["url"]
        for p in truth["pages"]
        if p["site"] == "app.newsflash-hub.io" and p["kind"] == "article"
    }
    assert expected
    found = {item["copies"][0]["url"]: item for item in result.items}
    assert set(found) == expected
    for url, item in found.items():
        page = pages[url]
        assert item["title"] == page["title"]
        assert item["published"] == page["published"]
        assert all(paragraph in item["text"] for paragraph in page["paragraphs"])
        attribution = page["attribution"]
        assert (item["origin"] or {}).get("domain") == (attribution or {}).get("origin_domain")
    # Only the article pages went through the browser; listings, feeds and robots.txt did not.
    assert 0 < result.stat("playwright/request_count/navigation") <= len(expected) + 1


def test_a_shell_page_seen_by_the_mirror_spider_is_rendered_again(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    page = next(
        p for p in truth["pages"] if p["site"] == "app.newsflash-hub.io" and p["kind"] == "article"
    )
    result = run_crawl(tmp_path, proxy_url, args={"url": page["url"]}, timeout=240)
    assert result.returncode == 0
    assert result.stat("newsmirror/browser/detected") == 1
    assert [item["title"] for item in result.items] == [page["title"]]


def test_without_the_browser_a_shell_page_is_skipped_with_a_message(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    page = next(
        p for p in truth["pages"] if p["site"] == "app.newsflash-hub.io" and p["kind"] == "article"
    )
    result = run_crawl(
        tmp_path, proxy_url, args={"url": page["url"]}, settings={"NEWSMIRROR_BROWSER": "False"}
    )
    assert result.returncode == 0
    assert result.items == []
    assert f"{page['url']} is rendered by JavaScript and NEWSMIRROR_BROWSER is off" in result.log
    assert "scrapy-playwright" not in result.log  # not even its download handler started
