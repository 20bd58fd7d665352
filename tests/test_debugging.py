"""Debugging one spider: `scrapy parse` with origin and dedup, `scrapy check` with site contracts.

Real `scrapy` subprocesses against the sample web, as users run them.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from newsmirror.registry import load_sites
from newsmirror.sampleweb.server import SampleWebServer
from tests.crawl import proxy_env, run_scrapy


def scrapy(proxy_url: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return run_scrapy(list(args), env=proxy_env(proxy_url), timeout=timeout)


def attributed_copy(truth: dict[str, Any], site: str) -> dict[str, Any]:
    return next(
        p
        for p in truth["pages"]
        if p["site"] == site and p["kind"] == "article" and p.get("attribution")
    )


def test_parse_shows_the_article_its_origin_with_evidence_and_the_dedup_decision(
    tmp_path: Path, server: SampleWebServer, truth: dict[str, Any]
) -> None:
    page = attributed_copy(truth, "dailymarketmirror.net")
    attribution = page["attribution"]
    db = tmp_path / "store.db"
    store = ["-s", f"NEWSMIRROR_STORE=sqlite:///{db}", "-s", "NEWSMIRROR_FETCH_ORIGINS=False"]

    first = scrapy(server.proxy_url, "parse", "--spider=mirror", page["url"], "--nocolour", *store)
    assert first.returncode == 0, first.stderr[-2000:]
    out = first.stdout
    # Scrapy's own output first: the item (without the parsed page) and the links to follow.
    assert ">>> STATUS DEPTH LEVEL 1 <<<" in out
    assert f"'title': {page['title']!r}" in out
    assert "'page':" not in out
    # The origin is the pipelines' to decide: no "'origin': None" above an "Origin chosen" below.
    assert "'origin':" not in out.split("# Origin and story")[0]
    assert "# Requests" in out
    # Then what the pipelines would make of it.
    section = out.split("# Origin and story")[1]
    assert f"Article: {page['url']}" in section
    assert f"Origin chosen: {attribution['origin_domain']} by line, confidence" in section
    assert f"Attribution (line, {attribution['family']}): {attribution['text']!r}" in section
    assert "Attribution line removed from the text." in section
    assert "(does not exist yet)" in section
    assert "Decision: a new story" in section
    assert not db.exists()  # read-only: the store is not even created

    # --pipelines runs the article through the pipelines, as a crawl does: it is placed in the
    # store (the dedup pipeline's deferral of new stories is no error) ...
    placed = scrapy(
        server.proxy_url,
        "parse",
        "--spider=mirror",
        page["url"],
        "--pipelines",
        "--nolinks",
        *store,
    )
    assert placed.returncode == 0, placed.stderr[-2000:]
    assert "Task exception was never retrieved" not in placed.stderr
    assert db.exists()
    # ... so the next look finds the copy's story and says it would join it.
    again = scrapy(server.proxy_url, "parse", "--spider=mirror", page["url"], "--nolinks", *store)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "(found by same page URL)" in again.stdout
    assert "-> text matches" in again.stdout
    assert "Decision: joins story " in again.stdout


def test_parse_keeps_scrapys_options(
    tmp_path: Path, server: SampleWebServer, truth: dict[str, Any]
) -> None:
    listing = "http://dailymarketmirror.net/category/latest-news/"
    articles = [
        p["url"]
        for p in truth["pages"]
        if p["kind"] == "article"
        and p["url"].startswith("http://dailymarketmirror.net/latest-news/")
    ]
    store = f"NEWSMIRROR_STORE=sqlite:///{tmp_path}/store.db"
    deep = scrapy(
        server.proxy_url,
        "parse",
        "--spider=mirror",
        listing,
        "--depth",
        "2",
        "-c",
        "parse",
        "--meta",
        json.dumps({"nm_note": "from the test"}),
        "-a",
        "max_depth=4",
        "--nolinks",
        "--nocolour",
        "-s",
        store,
    )
    assert deep.returncode == 0, deep.stderr[-2000:]
    assert ">>> STATUS DEPTH LEVEL 2 <<<" in deep.stdout
    assert "# Requests" not in deep.stdout
    section = deep.stdout.split("# Origin and story")[1]
    shown = {
        line.removeprefix("Article: ")
        for line in section.splitlines()
        if line.startswith("Article: ")
    }
    assert shown
    assert shown <= set(articles)
    assert section.count("Decision: a new story") == len(shown)

    # --meta reaches the request: robots.txt disallows this article, and the meta lifts that.
    private = next(p for p in truth["pages"] if p["kind"] == "disallowed")
    since = len(server.requests)
    lifted = scrapy(
        server.proxy_url,
        "parse",
        "--spider=mirror",
        private["url"],
        "--meta",
        json.dumps({"dont_obey_robotstxt": True}),
        "--nolinks",
        "--nocolour",
        "-s",
        store,
    )
    assert lifted.returncode == 0, lifted.stderr[-2000:]
    fetched = [f"http://{r.host}{r.path}" for r in server.requests[since:] if r.status == 200]
    assert private["url"] in fetched
    assert f"Article: {private['url']}" in lifted.stdout

    quiet = scrapy(
        server.proxy_url, "parse", "--spider=mirror", articles[0], "--noitems", "-s", store
    )
    assert quiet.returncode == 0, quiet.stderr[-2000:]
    assert "# Scraped Items" not in quiet.stdout
    assert "# Origin and story" not in quiet.stdout
    assert "# Requests" in quiet.stdout


def test_scrapy_check_passes_for_every_registered_site(default_server: SampleWebServer) -> None:
    proc = scrapy(default_server.proxy_url, "check", "-v")
    report = proc.stdout + proc.stderr
    assert proc.returncode == 0, report[-3000:]
    sites = load_sites()
    for name in sites:
        for contract in ("returns", "scrapes", "origin"):
            assert f"[{name}] parse (@{contract} post-hook) ... ok" in report
    assert f"Ran {3 * len(sites)} contracts" in report
    # The JavaScript-only site's page was rendered in Chromium: its script fetched the story.
    rendered = [s for s in sites.values() if s.needs_browser]
    assert rendered
    for site in rendered:
        assert site.check_url is not None
        slug = site.check_url.rstrip("/").rsplit("/", 1)[1]
        assert any(
            r.host in site.check_url and r.path == f"/api/stories/{slug}.json"
            for r in default_server.requests
        )


def test_a_false_contract_makes_scrapy_check_fail(
    tmp_path: Path, default_server: SampleWebServer
) -> None:
    sites = load_sites()
    dmm, heartland = sites["dailymarketmirror"], sites["heartlandbriefs"]
    wrong = {
        "sites": [
            {  # the right page, the wrong origin
                "name": dmm.name,
                "domains": list(dmm.domains),
                "start_urls": list(dmm.start_urls),
                "check_url": dmm.check_url,
                "check_origin": "example-wire.com",
            },
            {  # a listing, not an article
                "name": heartland.name,
                "domains": list(heartland.domains),
                "start_urls": list(heartland.start_urls),
                "check_url": "http://www.heartlandbriefs.com/",
                "check_origin": heartland.check_origin,
            },
        ]
    }
    sites_file = tmp_path / "sites.json"
    sites_file.write_text(json.dumps(wrong))
    proc = scrapy(
        default_server.proxy_url,
        "check",
        dmm.name,
        heartland.name,
        "-s",
        f"NEWSMIRROR_SITES_FILE={sites_file}",
    )
    report = proc.stdout + proc.stderr
    assert proc.returncode == 1, report[-3000:]
    assert "FAILED (failures=" in report
    assert "origin metro-chronicle.com, expected example-wire.com" in report
    assert "[heartlandbriefs] parse (@returns post-hook)" in report
    assert "Returned 0 items, expected 1" in report
