"""Originals that cannot be fetched (issue 7, item 10): the copy is still written, unverified, and
the original is tried again by the next run, which then makes it the story's text.

Each fault is real: the sample web's server resets the connection, never answers, drops the body
after announcing it, or fails the TLS handshake of an https original (its proxy opens the CONNECT
tunnel, then answers the ClientHello with plain HTTP or a TLS alert); an attribution whose link is
not HTTP is never requested.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsmirror.sampleweb import SampleWeb, serve
from newsmirror.sampleweb.fault_hosts import (
    Action,
    Cut,
    FixedFaults,
    HandshakeAlert,
    Hang,
    NotTls,
    Reset,
    Respond,
    TlsFault,
)
from newsmirror.store import open_store
from newsmirror.urls import host_of
from tests.crawl import CrawlResult, run_crawl

# Short timeouts and few retries: each failure is over in seconds.
QUICK = {"DOWNLOAD_TIMEOUT": "3", "RETRY_TIMES": "1"}


def _copy_naming_its_original(truth: dict[str, Any]) -> dict[str, Any]:
    return next(
        p
        for p in truth["pages"]
        if p["site"] == "www.heartlandbriefs.com"
        and p["kind"] == "article"
        and (p.get("attribution") or {}).get("origin_url")
    )


def _written_unverified(
    run: CrawlResult, copy: dict[str, Any], original: str, store_uri: str
) -> dict[str, Any]:
    """The first run's one story: the copy's text, its original named, unverified, retried next."""
    [story] = run.items
    assert story["copies"][0]["url"] == copy["url"]
    assert story["text_source"] == "copy"
    assert story["origin"]["url"] == original
    assert story["origin"].get("verified") is None
    store = open_store(store_uri)
    assert store.urls_with_status("original_failed") == [original]
    store.close()
    return story


def _verified(
    run: CrawlResult, story: dict[str, Any], copy: dict[str, Any], original: str
) -> dict[str, Any]:
    """The next run's one record: the same story, now read from its verified original."""
    assert run.returncode == 0, run.log[-3000:]
    [again] = run.items
    assert again["id"] == story["id"]
    assert again["version"] > story["version"]
    assert again["text_source"] == "original"
    assert again["origin"]["verified"] is True
    assert {c["url"] for c in again["copies"]} == {copy["url"], original}
    return again


@pytest.mark.parametrize(
    "fault",
    [Reset(), Hang(seconds=5), Cut()],
    ids=["connection-reset", "no-answer", "body-dropped"],
)
def test_an_original_that_fails_leaves_the_copy_unverified_and_the_next_run_verifies_it(
    fault: Action, tmp_path: Path, web: SampleWeb, truth: dict[str, Any]
) -> None:
    copy = _copy_naming_its_original(truth)
    original = copy["attribution"]["origin_url"]
    store_uri = f"sqlite:///{tmp_path}/store.db"
    settings = {**QUICK, "NEWSMIRROR_STORE": store_uri}
    (tmp_path / "first").mkdir()
    with serve(web, faults=[FixedFaults({original: fault})]) as server:
        first = run_crawl(
            tmp_path / "first", server.proxy_url, args={"url": copy["url"]}, settings=settings
        )
        tries = sum(1 for r in server.requests if original.endswith(r.path) and r.host in original)
    assert first.returncode == 0, first.log[-3000:]
    assert tries >= 1  # the original was really asked for, and failed
    assert first.stat("newsmirror/originals/failed") == 1
    assert f"Original {original} could not be fetched" in first.log
    story = _written_unverified(first, copy, original, store_uri)

    (tmp_path / "second").mkdir()
    with serve(web) as server:
        second = run_crawl(
            tmp_path / "second", server.proxy_url, args={"url": copy["url"]}, settings=settings
        )
    again = _verified(second, story, copy, original)
    assert again["canonical_url"] == original


@pytest.mark.parametrize(
    ("fault", "obey_robots", "error", "stat"),
    [
        # robots.txt is the host's first https request: its failure keeps the original out.
        (NotTls(), True, "wrong version number", "newsmirror/robots/unreachable"),
        # Without robots.txt the original's own request meets the failed handshake.
        (HandshakeAlert(), False, "alert handshake failure", "newsmirror/download_error/tls"),
    ],
    ids=["plain-http-on-the-tls-port", "handshake-alert"],
)
def test_an_https_original_whose_tls_handshake_fails_is_verified_by_the_next_run(
    fault: TlsFault,
    obey_robots: bool,
    error: str,
    stat: str,
    tmp_path: Path,
    web: SampleWeb,
    truth: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    copy = _copy_naming_its_original(truth)
    origin_host = host_of(copy["attribution"]["origin_url"])
    # The copy links its original over https: a site that moved to TLS.
    status, headers, body = web.fetch(copy["url"])
    body = body.replace(
        f'href="http://{origin_host}'.encode(), f'href="https://{origin_host}'.encode()
    )
    original = copy["attribution"]["origin_url"].replace("http://", "https://", 1)
    assert original.encode() in body
    copy_served = FixedFaults({copy["url"]: Respond(status, headers, body)})
    store_uri = f"sqlite:///{tmp_path}/store.db"
    settings = {**QUICK, "NEWSMIRROR_STORE": store_uri, "ROBOTSTXT_OBEY": str(obey_robots)}
    (tmp_path / "first").mkdir()
    with serve(web, faults=[copy_served], tls_faults={origin_host: fault}) as server:
        monkeypatch.setenv("https_proxy", server.proxy_url)
        first = run_crawl(
            tmp_path / "first", server.proxy_url, args={"url": copy["url"]}, settings=settings
        )
        served = list(server.requests)
    assert first.returncode == 0, first.log[-3000:]
    # The crawler did open the tunnel, and nothing of the origin was served over it.
    assert any(r.method == "CONNECT" and r.host == origin_host for r in served)
    assert not any(r.host == origin_host and r.method == "GET" for r in served)
    assert first.stat("newsmirror/originals/failed") == 1
    [warning] = [
        line
        for line in first.log.splitlines()
        if f"Original {original} could not be fetched" in line
    ]
    assert "TLS error (" in warning
    assert error in warning
    assert first.stat(stat) == 1
    story = _written_unverified(first, copy, original, store_uri)
    assert story["origin"]["domain"] == copy["attribution"]["origin_domain"]

    (tmp_path / "second").mkdir()
    with serve(web, faults=[copy_served]) as server:
        monkeypatch.setenv("https_proxy", server.proxy_url)
        second = run_crawl(
            tmp_path / "second", server.proxy_url, args={"url": copy["url"]}, settings=settings
        )
        served = list(server.requests)
    again = _verified(second, story, copy, original)
    assert any(
        r.scheme == "https" and r.method == "GET" and original.endswith(r.path) for r in served
    )
    assert again["origin"]["url"] == original
    store = open_store(store_uri)
    assert store.urls_with_status("original_failed") == []
    store.close()


def test_an_attribution_link_that_is_not_http_is_never_requested(
    tmp_path: Path, web: SampleWeb, truth: dict[str, Any]
) -> None:
    copy = _copy_naming_its_original(truth)
    original = copy["attribution"]["origin_url"]
    real_fetch = web.fetch

    def fetch(url: str) -> Any:
        status, headers, body = real_fetch(url)
        if url == copy["url"]:
            body = body.replace(original.encode(), b"javascript:void(0)")
        return status, headers, body

    web.fetch = fetch  # type: ignore[method-assign]
    try:
        with serve(web) as server:
            result = run_crawl(
                tmp_path,
                server.proxy_url,
                args={"url": copy["url"]},
                settings={**QUICK, "NEWSMIRROR_STORE": f"sqlite:///{tmp_path}/store.db"},
            )
            paths = [r.path for r in server.requests]
    finally:
        web.fetch = real_fetch  # type: ignore[method-assign]
    assert result.returncode == 0, result.log[-3000:]
    assert not any("javascript" in path for path in paths)
    assert "javascript:" not in "".join(
        line for line in result.log.splitlines() if "GET" in line or "Crawled" in line
    )
    [story] = result.items
    # The publisher is still known from the line's words; no URL to verify it by.
    assert story["origin"]["domain"] == copy["attribution"]["origin_domain"]
    assert story["origin"].get("url") is None
    assert story["text_source"] == "copy"
