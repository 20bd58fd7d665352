"""Real crawls into a story store: one story per true story, across pages and across runs."""

from __future__ import annotations

import json
import subprocess
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from newsmirror.sampleweb.server import SampleWebServer
from tests.crawl import ROOT, SCRAPY, CrawlResult, run_crawl, true_story_of


@pytest.fixture(scope="module")
def store_uri(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('store')}/store.db"


@pytest.fixture(scope="module")
def first_run(
    tmp_path_factory: pytest.TempPathFactory, proxy_url: str, truth: dict[str, Any], store_uri: str
) -> CrawlResult:
    homes = ",".join(site["home"] for site in truth["sites"])
    result = run_crawl(
        tmp_path_factory.mktemp("run1"),
        proxy_url,
        args={"url": homes},
        settings={"NEWSMIRROR_STORE": store_uri},
    )
    assert result.returncode == 0, result.log[-3000:]
    return result


def test_one_story_per_true_story_with_all_its_copies(
    first_run: CrawlResult, truth: dict[str, Any]
) -> None:
    truth_of = true_story_of(truth)
    stories_of: dict[str, set[str]] = defaultdict(set)
    for story in first_run.items:
        trues = {truth_of[c["url"]] for c in story["copies"]}
        assert len(trues) == 1, f"story {story['id']} merges {trues}"
        stories_of[trues.pop()].add(story["id"])
    assert set(stories_of) == set(truth_of.values())
    assert all(len(ids) == 1 for ids in stories_of.values())
    crawled = {c["url"] for story in first_run.items for c in story["copies"]}
    assert crawled == set(truth_of)
    assert len({s["id"] for s in first_run.items}) == len(first_run.items)


def test_the_original_text_is_canonical_whenever_the_original_is_reachable(
    first_run: CrawlResult, truth: dict[str, Any]
) -> None:
    originals = {s["url"]: s for s in truth["stories"]}
    for story in first_run.items:
        urls = {c["url"] for c in story["copies"]}
        original = next((originals[u] for u in urls if u in originals), None)
        if original is None:
            continue
        assert story["canonical_url"] == original["url"]
        assert story["text_source"] == "original"
        assert story["title"] == original["title"]
        assert story["text"] == "\n\n".join(original["paragraphs"])
        if len(urls) > 1 and story["origin"]:
            assert story["origin"]["verified"] is True


def test_a_second_run_writes_nothing_new_and_fetches_no_article_again(
    first_run: CrawlResult,
    tmp_path: Path,
    proxy_url: str,
    server: SampleWebServer,
    truth: dict[str, Any],
    store_uri: str,
) -> None:
    homes = ",".join(site["home"] for site in truth["sites"])
    since = len(server.requests)
    second = run_crawl(
        tmp_path,
        proxy_url,
        args={"url": homes},
        settings={
            "NEWSMIRROR_STORE": store_uri,
            "NEWSMIRROR_SIGHTINGS_FEED": str(tmp_path / "sightings.jsonl"),
        },
    )
    assert second.returncode == 0
    assert second.items == []
    assert second.stat("newsmirror/incremental/skipped") > 0
    assert second.stat("newsmirror/dedup/new") == 0
    # The server's own log: every article was fetched by the first run, none is fetched again.
    articles = {p["url"] for p in truth["pages"] if p["kind"] == "article"}
    requested = {f"{r.scheme}://{r.host}{r.path}" for r in server.requests[since:]}
    assert requested  # the homes and listings were fetched
    assert not requested & articles, sorted(requested & articles)[:5]


def test_a_copy_s_named_original_is_fetched_once_and_becomes_canonical(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    # Crawl one aggregator only: the originals live elsewhere and are fetched one hop.
    result = run_crawl(
        tmp_path,
        proxy_url,
        spider="heartlandbriefs",
        settings={"NEWSMIRROR_STORE": f"sqlite:///{tmp_path}/store.db"},
    )
    assert result.returncode == 0
    linked = {
        p["attribution"]["origin_url"]
        for p in truth["pages"]
        if p["site"] == "www.heartlandbriefs.com"
        and p.get("attribution")
        and p["attribution"]["origin_url"]
    }
    assert linked
    assert result.stat("newsmirror/originals/requested") == len(linked)
    canonical = {s["canonical_url"]: s for s in result.items}
    for url in linked:
        assert canonical[url]["text_source"] == "original"
        assert canonical[url]["origin"]["verified"] is True


def test_stories_command_exports_the_store(
    first_run: CrawlResult, store_uri: str, tmp_path: Path
) -> None:
    out = tmp_path / "all.jsonl"
    proc = subprocess.run(
        [*SCRAPY, "stories", "-o", str(out), "--store", store_uri],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    exported = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert {s["id"] for s in exported} == {s["id"] for s in first_run.items}
    origin = next(s["origin"]["domain"] for s in exported if s["origin"])
    proc = subprocess.run(
        [*SCRAPY, "stories", "--store", store_uri, "--origin", origin],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = [json.loads(line) for line in proc.stdout.splitlines()]
    assert lines
    assert all(s["origin"]["domain"] == origin for s in lines)


def test_a_corrupt_store_stops_the_crawl_before_anything_is_fetched(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    bad = tmp_path / "store.db"
    bad.write_bytes(b"this is not sqlite" * 64)
    result = run_crawl(
        tmp_path,
        proxy_url,
        args={"url": truth["sites"][0]["home"]},
        settings={"NEWSMIRROR_STORE": f"sqlite:///{bad}"},
    )
    assert result.returncode != 0
    assert str(bad) in result.log
    assert result.items == []


def test_an_unreachable_original_leaves_the_story_unverified_and_is_retried(
    tmp_path: Path,
    proxy_url: str,
    server: SampleWebServer,
    truth: dict[str, Any],
    web: Any,
) -> None:
    from newsmirror.store import open_store

    store_uri = f"sqlite:///{tmp_path}/store.db"
    copy = next(
        p
        for p in truth["pages"]
        if p["site"] == "www.heartlandbriefs.com"
        and p.get("attribution")
        and p["attribution"]["origin_url"]
    )
    original = copy["attribution"]["origin_url"]
    # The sample web cannot reach this original: point the copy at a host it does not serve.
    unreachable = original.replace("http://www.", "http://gone.")
    real_fetch = web.fetch

    def fetch(url: str) -> Any:
        status, headers, body = real_fetch(url)
        if url == copy["url"]:
            body = body.replace(original.encode(), unreachable.encode())
        return status, headers, body

    web.fetch = fetch
    try:
        first = run_crawl(
            tmp_path, proxy_url, args={"url": copy["url"]}, settings={"NEWSMIRROR_STORE": store_uri}
        )
    finally:
        web.fetch = real_fetch
    assert first.returncode == 0
    assert first.stat("newsmirror/originals/failed") == 1
    assert f"Original {unreachable} could not be fetched" in first.log
    [story] = first.items
    assert story["text_source"] == "copy"
    assert story["origin"]["verified"] is None
    store = open_store(store_uri)
    assert store.urls_with_status("original_failed") == [unreachable]
    store.close()

    # The next run is not led to the original by any page: it crawls one page that links to
    # nothing (a 404), so only the retry of failed originals can request it. It is reachable now.
    def fetch_again(url: str) -> Any:
        if url.startswith("http://gone."):  # the host is back, serving what www. serves
            return real_fetch(url.replace("http://gone.", "http://www.", 1))
        return fetch(url)

    (tmp_path / "again").mkdir()
    since = len(server.requests)
    web.fetch = fetch_again
    try:
        again = run_crawl(
            tmp_path / "again",
            proxy_url,
            args={"url": "http://www.heartlandbriefs.com/no-such-page/"},
            settings={"NEWSMIRROR_STORE": store_uri},
        )
    finally:
        web.fetch = real_fetch
    assert again.returncode == 0, again.log[-3000:]
    requested = [f"{r.scheme}://{r.host}{r.path}" for r in server.requests[since:]]
    assert requested.count(unreachable) == 1
    assert copy["url"] not in requested
    assert again.stat("newsmirror/originals/requested") == 1
    [story] = again.items
    assert story["id"] == first.items[0]["id"]
    assert story["text_source"] == "original"
    assert story["origin"]["verified"] is True
    store = open_store(store_uri)
    assert store.urls_with_status("original_failed") == []
    store.close()


def test_an_original_that_does_not_match_stays_apart_from_its_copy_which_is_unverified(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any], web: Any
) -> None:
    copy = next(
        p
        for p in truth["pages"]
        if p["site"] == "www.heartlandbriefs.com"
        and p.get("attribution")
        and p["attribution"]["origin_url"]
    )
    original = copy["attribution"]["origin_url"]
    stub = (
        "<html><head><title>Subscribe</title><meta property='og:type' content='article'></head>"
        "<body><article><h1>Subscribe to read</h1><p>This story is for subscribers only. Sign in "
        "or start a free trial to keep reading the journalism of the Example Wire. Our reporters "
        "cover the region every day and we depend on readers like you to keep doing it, so "
        "please consider joining today.</p><p>Already a subscriber? Log in here to continue to "
        "the full article and everything else we publish every day.</p></article></body></html>"
    )
    real_fetch = web.fetch

    def fetch(url: str) -> Any:
        if url == original:
            return 200, {"Content-Type": "text/html; charset=utf-8"}, stub.encode()
        return real_fetch(url)

    web.fetch = fetch
    try:
        result = run_crawl(
            tmp_path,
            proxy_url,
            args={"url": copy["url"]},
            settings={"NEWSMIRROR_STORE": f"sqlite:///{tmp_path}/store.db"},
        )
    finally:
        web.fetch = real_fetch
    assert result.returncode == 0
    assert result.stat("newsmirror/originals/mismatched") == 1
    # Text wins over the URL: the copy and the page it names are two stories, never one.
    by_url = {c["url"]: s for s in result.items for c in s["copies"]}
    story, stub_story = by_url[copy["url"]], by_url[original]
    assert story["id"] != stub_story["id"]
    assert story["text_source"] == "copy"
    assert story["canonical_url"] == copy["url"]
    assert story["origin"]["url"] == original
    assert story["origin"]["verified"] is False
    assert "does not match" in story["origin"]["reason"]
    assert all(p in story["text"] for p in copy["paragraphs"])
    assert [c["url"] for c in stub_story["copies"]] == [original]
    assert stub_story["canonical_url"] == original
    assert "subscribers only" in stub_story["text"]


def test_copies_of_stories_written_in_an_earlier_run_become_sightings(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    store = f"sqlite:///{tmp_path}/store.db"
    homes = [s["home"] for s in truth["sites"] if s["domain"] != "newsroundup24.com"]
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first = run_crawl(
        tmp_path / "one",
        proxy_url,
        args={"url": ",".join(homes)},
        settings={"NEWSMIRROR_STORE": store},
    )
    assert first.returncode == 0
    sightings = tmp_path / "sightings.jsonl"
    second = run_crawl(
        tmp_path / "two",
        proxy_url,
        args={"url": "http://newsroundup24.com/"},
        settings={"NEWSMIRROR_STORE": store, "NEWSMIRROR_SIGHTINGS_FEED": str(sightings)},
    )
    assert second.returncode == 0
    seen = [json.loads(line) for line in sightings.read_text("utf-8").splitlines()]
    known = {s["id"] for s in first.items}
    copies = [
        p
        for p in truth["pages"]
        if p["site"] == "newsroundup24.com" and p["kind"] == "article" and p["is_copy"]
    ]
    assert copies
    # Every roundup copy of a story written in the first run is a sighting, not a second story.
    assert {s["url"] for s in seen} | {c["url"] for s in second.items for c in s["copies"]} >= {
        c["url"] for c in copies
    }
    assert all(s["story_id"] in known for s in seen)
    assert not {s["id"] for s in second.items if s["version"] == 1} & known
