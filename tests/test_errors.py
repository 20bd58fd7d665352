"""Errors a person can read: the real commands, their stderr and their exit status.

Every bad argument, unknown spider or site, missing or broken data file and unusable store gets one
line (no usage text, no traceback) and a non-zero exit status; an unknown spider argument is named
in a warning; a normal crawl logs no warning at all.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.crawl import FAST, problem_lines, proxy_env, run_scrapy

SPIDERS = "actumiroir, dailymarketmirror, heartlandbriefs, mirror, newsflashhub, newsroundup24"
ARTICLE = (
    "http://www.heartlandbriefs.com/2026/11/17/storm-leaves-thousands-without-power-in-lakemont/"
)


def _files(tmp_path: Path) -> dict[str, Path]:
    broken = tmp_path / "broken.json"
    broken.write_text('{"sites": [')
    no_list = tmp_path / "no-list.json"
    no_list.write_text('{"publishers": {"a": 1}}')
    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes('{"sites": [{"name": "caf\xe9"}]}'.encode("latin-1"))
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x01" * 40)  # cut short inside its header
    return {"broken": broken, "no_list": no_list, "latin1": latin1, "damaged": damaged}


CRAWL = ["crawl", "mirror", "-a", "url=http://127.0.0.1:9/", "-s", "NEWSMIRROR_STORE="]

# (command line, exit status, what the one line says); {broken} etc. are files made by _files.
CASES: list[tuple[list[str], int, str]] = [
    (
        ["crawl", "mirror", "-a", "url=x"],
        2,
        "scrapy: error: mirror: url='x' is not an absolute http(s) URL",
    ),
    (
        ["crawl", "mirror", "-a", "max_pages=lots", "-a", "url=http://a.example/"],
        2,
        "scrapy: error: mirror: max_pages must be a whole number, got 'lots'",
    ),
    (["crawl", "mirror"], 2, "mirror needs -a url=URL[,URL...] or -a site=NAME[,NAME...]"),
    (
        ["crawl", "mirror", "-a", "site=nosuch"],
        2,
        "mirror: unknown site(s) nosuch; registered: actumiroir, dailymarketmirror,",
    ),
    (
        ["crawl", "nosuch"],
        2,
        f"scrapy: error: no spider named 'nosuch'; the spiders are: {SPIDERS}",
    ),
    (["crawl", "mirror", "-a", "url"], 2, "scrapy: error: Invalid -a value, use -a NAME=VALUE"),
    (
        ["crawl", "mirror", "-a", "url=http://a.example/", "-O", "out.unknownformat"],
        2,
        "scrapy: error: Unrecognized output format 'unknownformat'",
    ),
    (
        ["check", "nosuch"],
        2,
        f"scrapy: error: no spider named 'nosuch'; the spiders are: {SPIDERS}",
    ),
    (
        ["parse", "--spider=nosuch", ARTICLE],
        2,
        f"scrapy: error: no spider named 'nosuch'; the spiders are: {SPIDERS}",
    ),
    (
        [*CRAWL, "-s", "NEWSMIRROR_SITES_FILE=/nonexistent/sites.json"],
        1,
        "scrapy: error: NEWSMIRROR_SITES_FILE /nonexistent/sites.json: cannot read (No such file",
    ),
    (
        [*CRAWL, "-s", "NEWSMIRROR_SITES_FILE={broken}"],
        1,
        "scrapy: error: NEWSMIRROR_SITES_FILE {broken}: not valid JSON: Expecting value",
    ),
    (
        ["list", "-s", "NEWSMIRROR_SITES_FILE={latin1}"],
        1,
        "scrapy: error: NEWSMIRROR_SITES_FILE {latin1}: not UTF-8 text (invalid continuation",
    ),
    (
        [*CRAWL, "-s", "NEWSMIRROR_PUBLISHERS_FILE=/nonexistent/publishers.json"],
        1,
        "scrapy: error: NEWSMIRROR_PUBLISHERS_FILE /nonexistent/publishers.json: cannot read (No",
    ),
    (
        [*CRAWL, "-s", "NEWSMIRROR_PUBLISHERS_FILE={no_list}"],
        1,
        "scrapy: error: NEWSMIRROR_PUBLISHERS_FILE {no_list}: expected an object with a "
        "'publishers' list",
    ),
    (
        # A damaged store is found by the store's own start-up check, once the crawl is set up.
        [*CRAWL, "-s", "NEWSMIRROR_STORE=sqlite:///{damaged}"],
        1,
        "CRITICAL: {damaged}: truncated (56 bytes, shorter than an SQLite header)",
    ),
    (
        ["stories", "--store", "sqlite:////proc/store.db"],
        1,
        "scrapy: error: /proc/store.db: cannot open the story store (unable to open database "
        "file): it is not known to be damaged",
    ),
    (
        ["store", "check", "--store", "sqlite:///{tmp}"],
        1,
        "{tmp}: cannot be read (a directory, not a store file)",
    ),
]


def test_each_error_is_one_line_with_a_non_zero_exit_status(tmp_path: Path) -> None:
    files = {**_files(tmp_path), "tmp": tmp_path}
    failures = []
    for template, status, expected in CASES:
        args = [arg.format(**files) for arg in template]
        done = run_scrapy(args)
        lines = problem_lines(done.stderr) + done.stdout.splitlines()
        want = expected.format(**files)
        if (
            done.returncode != status
            or len(lines) != 1
            or want not in lines[0]
            or "Traceback" in done.stderr
            or "Usage\n=====" in done.stderr
        ):
            failures.append((args, done.returncode, lines, done.stderr[-1500:]))
    assert failures == [], "\n".join(map(repr, failures))


def test_a_failed_start_keeps_its_traceback_for_debug_level(tmp_path: Path) -> None:
    damaged = _files(tmp_path)["damaged"]
    done = run_scrapy([*CRAWL, "-s", f"NEWSMIRROR_STORE=sqlite:///{damaged}", "-L", "DEBUG"])
    assert done.returncode == 1
    assert "The crawl could not start\nTraceback (most recent call last):" in done.stderr
    assert "StoreDamaged" in done.stderr
    assert "Task exception was never retrieved" not in done.stderr


def _crawl_site(tmp_path: Path, proxy_url: str, home: str, *args: str) -> tuple[int, str, str]:
    settings = [f"{k}={v}" for k, v in FAST.items() if k != "NEWSMIRROR_STORE"]
    command = ["crawl", "mirror", "-a", f"url={home}", "-O", str(tmp_path / "out.jsonl")]
    command += ["-s", f"NEWSMIRROR_STORE=sqlite:///{tmp_path / 'store.db'}", *args]
    for setting in settings:
        command += ["-s", setting]
    done = run_scrapy(command, env=proxy_env(proxy_url))
    return done.returncode, done.stderr, (tmp_path / "out.jsonl").read_text()


@pytest.fixture
def clean_site(truth: dict[str, Any]) -> str:
    """An origin publisher of the sample web: feeds, sitemaps and articles, nothing hostile."""
    return str(next(s["home"] for s in truth["sites"] if s["domain"] == "www.example-wire.com"))


def test_a_normal_crawl_logs_no_warning_and_scrapyds_job_argument_is_accepted(
    tmp_path: Path, proxy_url: str, clean_site: str
) -> None:
    status, stderr, out = _crawl_site(tmp_path, proxy_url, clean_site, "-a", "_job=nightly-1")
    assert status == 0, stderr[-3000:]
    assert out.count("\n") > 3
    noisy = [line for line in stderr.splitlines() if " WARNING: " in line or " ERROR: " in line]
    assert noisy == []


def test_an_unknown_spider_argument_is_named_with_the_accepted_ones(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    article = next(
        p["url"] for p in truth["pages"] if p["kind"] == "article" and not p.get("needs_browser")
    )
    status, stderr, out = _crawl_site(
        tmp_path, proxy_url, article, "-a", "max_page=5", "-s", "NEWSMIRROR_BROWSER=False"
    )
    assert status == 0, stderr[-3000:]
    warnings = [line for line in stderr.splitlines() if " WARNING: " in line]
    assert len(warnings) == 1, warnings
    assert warnings[0].endswith(
        "Unknown spider argument(s) max_page='5': ignored; mirror accepts url, site, max_pages, "
        "max_depth, max_pages_per_site, max_url_length"
    )
    assert [json.loads(line)["copies"][0]["url"] for line in out.splitlines()] == [article]
