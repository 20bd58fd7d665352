"""Running newsmirror day to day: the end-of-crawl summary and the development profile."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

from newsmirror.extensions.summary import summarize
from newsmirror.sampleweb.server import SampleWebServer
from tests.crawl import ROOT, SCRAPY, run_crawl


def test_the_crawl_ends_with_a_plain_words_summary(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    site = truth["sites"][3]
    result = run_crawl(
        tmp_path,
        proxy_url,
        args={"url": site["home"]},
        settings={"NEWSMIRROR_STORE": f"sqlite:///{tmp_path}/store.db"},
    )
    assert result.returncode == 0
    # The figures, from the truth file alone: the site's articles, the originals they link (each
    # fetched one hop, verified, and making its story change), the copies with an origin line.
    pages = [p for p in truth["pages"] if p["site"] == site["domain"]]
    articles = [p for p in pages if p["kind"] == "article"]
    attributed = [p for p in articles if p["attribution"]]
    assert attributed
    assert all(p["attribution"]["text"] for p in attributed)  # origin lines, all of them
    linked = {p["attribution"]["origin_url"] for p in attributed} - {None}
    assert linked
    stories = {p["story"] or p["url"] for p in articles}
    oversized = sum(1 for p in pages if p.get("hostile") == "oversized")
    read = len(articles) + len(linked)
    summary = result.log.split("Crawl summary (mirror, finished):\n")[1].split("\n")[:6]
    assert summary == [
        f"Pages: {result.stat('response_received_count')} fetched, {read} articles, "
        f"{result.stat('newsmirror/pages/listing')} listings, 0 rendered in the browser",
        f"Origins found: {len(attributed)} (line {len(attributed)}); "
        f"{read - len(attributed)} articles without attribution",
        f"Stories: {len(stories)} new, {len(linked)} changed, 0 copies joined to known stories, "
        "0 links to known pages not followed",
        f"Originals: {len(linked)} fetched, {len(linked)} verified, 0 not matching, 0 unreachable",
        "Coherence: 0 stories written with copies unlike their text (see the warnings; 0 is right)",
        f"Problems: 0 download errors, 0 unreadable pages, {oversized} oversized, 0 charsets "
        "repaired, 0 undecidable, 0 too deep (flattened), 0 links over a site's page budget",
    ]
    assert (len(stories), len(linked), len(attributed), oversized) == (10, 1, 9, 2)


def test_summary_of_empty_stats() -> None:
    assert "Pages: 0 fetched, 0 articles" in summarize({})


def test_development_profile_serves_repeated_runs_from_the_http_cache(
    tmp_path: Path, server: SampleWebServer, truth: dict[str, Any]
) -> None:
    home = next(s["home"] for s in truth["sites"] if s["domain"] == "newsroundup24.com")
    env = {**os.environ, "SCRAPY_PROJECT": "dev", "http_proxy": server.proxy_url}

    def crawl(name: str) -> int:
        cmd = [
            *SCRAPY,
            "crawl",
            "mirror",
            "-a",
            f"url={home}",
            "-O",
            str(tmp_path / name),
            "-s",
            f"HTTPCACHE_DIR={tmp_path / 'cache'}",
            "-s",
            "LOG_LEVEL=INFO",
            "-s",
            "NEWSMIRROR_BROWSER=False",
        ]
        before = len(server.requests)
        subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True, timeout=180)
        return len(server.requests) - before

    assert crawl("first.jsonl") > 0
    assert crawl("second.jsonl") == 0
    first = (tmp_path / "first.jsonl").read_text("utf-8").splitlines()
    assert first
    assert len((tmp_path / "second.jsonl").read_text("utf-8").splitlines()) == len(first)


def test_explain_tells_what_newsmirror_finds_on_a_page(
    tmp_path: Path, server: SampleWebServer, truth: dict[str, Any]
) -> None:
    page = next(
        p
        for p in truth["pages"]
        if p["site"] == "dailymarketmirror.net" and p["kind"] == "article" and p.get("attribution")
    )
    env = {**os.environ, "http_proxy": server.proxy_url}
    proc = subprocess.run(
        [*SCRAPY, "explain", page["url"], "--store", f"sqlite:///{tmp_path}/store.db"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Kind: article" in proc.stdout
    assert f"Title: {page['title']!r}" in proc.stdout
    assert f"Origin chosen: {page['attribution']['origin_domain']}" in proc.stdout
    assert "Decision: a new story" in proc.stdout
