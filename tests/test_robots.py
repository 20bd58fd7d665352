"""robots.txt is obeyed by every request, including those that wait for it at the same moment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsmirror.sampleweb.server import SampleWebServer
from tests.crawl import run_crawl


def test_requests_waiting_together_for_a_hosts_robots_txt_all_obey_it(
    tmp_path: Path, server: SampleWebServer, truth: dict[str, Any]
) -> None:
    """Seeds on a host not seen yet all wait for its robots.txt at once (Scrapy 2.19 let all but
    the first through)."""
    private = sorted(
        p["url"]
        for p in truth["pages"]
        if "/private/" in p["url"] and "heartlandbriefs" in p["url"]
    )
    assert len(private) >= 2
    allowed = next(
        p["url"]
        for p in truth["pages"]
        if p["site"] == "www.heartlandbriefs.com" and p["kind"] == "article"
    )
    seen_before = len(server.requests)
    result = run_crawl(
        tmp_path,
        server.proxy_url,
        args={"url": ",".join([allowed, *private])},
    )
    assert result.returncode == 0, result.log[-3000:]
    fetched = [r.path for r in server.requests[seen_before:]]
    assert "/robots.txt" in fetched
    assert [path for path in fetched if path.startswith("/private/")] == []
    assert result.stat("robotstxt/forbidden") == len(private)
    assert [item["copies"][0]["url"] for item in result.items] == [allowed]
