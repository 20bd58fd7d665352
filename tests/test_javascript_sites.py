"""Five unlike JavaScript sites (sampleweb/jssites.py), each crawled with real Chromium at hand:
every article out with its text and origin, the browser used only for the pages that need it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from scrapy.http import HtmlResponse

from newsmirror.commands.explain import explain_page
from newsmirror.sampleweb import SampleWeb, serve
from newsmirror.sampleweb.jssites import SWITCHES
from newsmirror.sampleweb.score import shingle_f1
from newsmirror.sampleweb.server import SampleWebServer
from tests.conftest import SEED, STORIES
from tests.crawl import run_crawl


@pytest.fixture(scope="module")
def js_web() -> SampleWeb:
    return SampleWeb(seed=SEED, stories=STORIES, js_sites=SWITCHES)


@pytest.fixture(scope="module")
def js_server(js_web: SampleWeb) -> Iterator[SampleWebServer]:
    with serve(js_web) as running:
        yield running


# What each site needs, per page kind: the stats a crawl of it must show.
EXPECTED_STATS = {
    "next": {"newsmirror/state/read": 6},
    "nuxt": {"newsmirror/state/read": 6},
    "react": {"newsmirror/browser/rendered/linked": 6},
    "island": {"newsmirror/state/read": 6},
    "scroll": {"newsmirror/browser/rendered/listing_without_links": 1},
}


@pytest.mark.parametrize("switch", SWITCHES)
def test_each_javascript_site_gives_every_article_with_its_text_and_origin(
    tmp_path: Path, js_web: SampleWeb, js_server: SampleWebServer, switch: str
) -> None:
    truth = js_web.truth()["js_sites"]
    site = next(s for s in truth["sites"] if s["switch"] == switch)
    pages = {p["url"]: p for p in truth["pages"] if p["site"] == site["domain"]}
    assert len(pages) == 6
    result = run_crawl(
        tmp_path, js_server.proxy_url, args={"url": f"http://{site['domain']}/"}, timeout=240
    )
    assert result.returncode == 0, result.log[-3000:]
    found = {item["copies"][0]["url"]: item for item in result.items}
    assert set(found) == set(pages), result.log[-3000:]
    for url, item in found.items():
        page = pages[url]
        assert item["title"] == page["title"]
        assert shingle_f1(item["text"], "\n\n".join(page["paragraphs"])) >= 0.97, url
        expected_origin = (page["attribution"] or {}).get("origin_domain")
        assert (item["origin"] or {}).get("domain") == expected_origin, url
        assert item["text_from"] == site["text_from"]
    # The browser only for the pages that need it, and each use counted by its reason.
    rendered = {
        k: v for k, v in result.stats.items() if k.startswith("newsmirror/browser/rendered/")
    }
    expected = EXPECTED_STATS[switch]
    assert rendered == {k: v for k, v in expected.items() if "/browser/" in k}
    assert result.stat("newsmirror/state/read") == expected.get("newsmirror/state/read", 0)
    assert result.stat("playwright/request_count/navigation") == sum(rendered.values())


def test_the_javascript_sites_are_off_by_default(truth: dict[str, Any]) -> None:
    """The sample web without switches is the one the demo and the truth files describe."""
    assert "js_sites" not in truth
    web = SampleWeb(seed=SEED, stories=STORIES)
    assert web.fetch("http://www.nextwave-news.com/")[0] == 502  # an unknown host


def test_an_unknown_switch_is_refused_with_the_known_ones() -> None:
    with pytest.raises(ValueError, match="known: next, nuxt, react, island, scroll"):
        SampleWeb(seed=SEED, stories=STORIES, js_sites=["angular"])


@pytest.mark.parametrize(
    ("switch", "expected"),
    [
        ("island", "its article is read from serialized state (json_script at story.bodyHtml"),
        ("react", "no article in serialized state: rendered in Chromium"),
        ("scroll", "rendered in Chromium and scrolled for its links"),
    ],
)
def test_explain_says_why_a_page_is_read_from_state_or_rendered(
    js_web: SampleWeb, switch: str, expected: str
) -> None:
    site = next(s for s in js_web.js.sites if s.switch == switch)
    url = site.home if switch == "scroll" else js_web.js.articles[site.host][0].url
    status, headers, body = js_web.fetch(url)
    text = explain_page(HtmlResponse(url, status=status, headers=headers, body=body), None, None)
    assert expected in text, text
