"""The sample web itself: deterministic, served through the proxy as its truth file says."""

from __future__ import annotations

import gzip
import json
import urllib.error
import urllib.request
from typing import Any

import pytest

from newsmirror.sampleweb import SampleWeb
from newsmirror.sampleweb.server import SampleWebServer


def get(server: SampleWebServer, url: str) -> tuple[int, dict[str, str], bytes]:
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({"http": server.proxy_url}),
        _NoRedirect(),
    )
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def test_same_seed_same_web() -> None:
    a, b = SampleWeb(seed=5, stories=20), SampleWeb(seed=5, stories=20)
    assert a.truth() == b.truth()
    url = next(p["url"] for p in a.truth()["pages"] if p["kind"] == "article")
    assert a.fetch(url) == b.fetch(url)
    assert SampleWeb(seed=6, stories=20).truth() != a.truth()


def test_every_truth_page_is_served_through_the_proxy(
    server: SampleWebServer, truth: dict[str, Any]
) -> None:
    expected_status = {"redirect": 302, "error": None, "hostile": 200}
    for page in truth["pages"]:
        if page["kind"] == "hostile":
            continue  # 12 MB each; see test_oversized_pages
        status, _, body = get(server, page["url"])
        want = expected_status.get(page["kind"], 200)
        if want is None:
            assert status in (404, 500), page["url"]
        else:
            assert status == want, page["url"]
        if page["kind"] == "article" and not page["needs_browser"] and not page["hostile"]:
            html = body.decode("utf-8")
            for paragraph in page["paragraphs"]:
                escaped = paragraph.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                assert escaped in html, (page["url"], paragraph[:50])


def test_unknown_hosts_are_refused(server: SampleWebServer) -> None:
    assert get(server, "http://no-such-site.example/")[0] == 502


def test_gzipped_sitemap_is_a_gzip_file_not_an_encoding(
    server: SampleWebServer, truth: dict[str, Any]
) -> None:
    url = next(p["url"] for p in truth["pages"] if p["url"].endswith(".xml.gz"))
    status, headers, body = get(server, url)
    assert status == 200
    assert headers["Content-Type"] == "application/gzip"
    assert "Content-Encoding" not in headers
    assert b"<urlset" in gzip.decompress(body)


def test_wordpress_api_paginates_with_headers(server: SampleWebServer) -> None:
    base = "http://www.heartlandbriefs.com/wp-json/wp/v2/posts?per_page=2"
    status, headers, body = get(server, base + "&page=1")
    assert status == 200
    total_pages = int(headers["X-WP-TotalPages"])
    assert int(headers["X-WP-Total"]) >= len(json.loads(body)) == 2
    assert get(server, f"{base}&page={total_pages + 1}")[0] == 400


def test_charset_page_lies_about_its_encoding(
    server: SampleWebServer, truth: dict[str, Any]
) -> None:
    page = next(p for p in truth["pages"] if p.get("hostile") == "charset")
    _, headers, body = get(server, page["url"])
    assert "utf-8" in headers["Content-Type"]
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert page["title"] in body.decode("cp1252")


def test_traps_never_end(web: SampleWeb, truth: dict[str, Any]) -> None:
    trap = next(p for p in truth["pages"] if p["kind"] == "trap" and "/page/" in p["url"])
    html = web.fetch(trap["url"].replace("/page/", "/page/9"))[2].decode()
    assert 'rel="next"' in html
    status, _, body = web.fetch("http://www.heartlandbriefs.com/calendar/?month=1850-01")
    assert status == 200
    assert b"month=1850-02" in body


def test_oversized_pages(server: SampleWebServer, truth: dict[str, Any]) -> None:
    pages = [p for p in truth["pages"] if p.get("hostile") == "oversized"]
    assert len(pages) == 2
    for page in pages:
        status, _, body = get(server, page["url"])
        assert status == 200
        assert len(body) > 10 * 1024 * 1024


def test_a_benchmark_sized_web_has_10000_pages_with_unique_titles() -> None:
    truth = SampleWeb(seed=1, stories=3000).truth()
    assert len(truth["pages"]) > 10_000
    titles = [s["title"] for s in truth["stories"]]
    assert len(set(titles)) == len(titles)
