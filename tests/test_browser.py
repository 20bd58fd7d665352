"""The JavaScript-only site, crawled with real Chromium through scrapy-playwright."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from newsmirror.sampleweb import SampleWeb, serve
from newsmirror.sampleweb.fault_hosts import Hang
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


class _SilentOnce:
    """Says nothing, for ``seconds``, to the ``nth`` request for ``url`` (then closes); every other
    request is served as usual."""

    def __init__(self, url: str, nth: int, seconds: float) -> None:
        self.url, self.nth, self.seconds = url, nth, seconds
        self.asked = 0
        self._lock = threading.Lock()

    def decide(self, url: str) -> Hang | None:
        if url != self.url:
            return None
        with self._lock:
            self.asked += 1
            return Hang(self.seconds) if self.asked == self.nth else None


def test_a_page_chromium_could_not_load_in_time_is_retried_and_its_story_kept(
    tmp_path: Path, web: SampleWeb, truth: dict[str, Any]
) -> None:
    """The page is fetched, found to be an application shell, and sent to Chromium, whose load
    outlasts the navigation timeout: the request is retried like any download timeout."""
    page = next(
        p for p in truth["pages"] if p["site"] == "app.newsflash-hub.io" and p["kind"] == "article"
    )
    silent = _SilentOnce(page["url"], nth=2, seconds=8)  # the 1st is the plain fetch
    with serve(web, faults=[silent]) as server:
        result = run_crawl(
            tmp_path,
            server.proxy_url,
            args={"url": page["url"]},
            settings={"PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": "3000"},
            timeout=240,
        )
    assert result.returncode == 0, result.log[-3000:]
    assert silent.asked == 3  # plain fetch, Chromium's load that timed out, its retry
    assert result.stat("retry/reason_count/playwright._impl._errors.TimeoutError") == 1
    assert [item["title"] for item in result.items] == [page["title"]]
    # Logged as one line naming the timeout, not as a traceback.
    assert "Closing page due to failed request" in result.log
    assert "Timeout 3000ms exceeded" in result.log
    assert "Traceback" not in result.log
