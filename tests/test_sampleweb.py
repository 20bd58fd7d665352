"""The sample web itself: deterministic, served through the proxy as its truth file says."""

from __future__ import annotations

import gzip
import html
import http.client
import json
import re
import time
import urllib.error
import urllib.request
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from newsmirror.sampleweb import SampleWeb
from newsmirror.sampleweb.__main__ import main
from newsmirror.sampleweb.faults import content_type
from newsmirror.sampleweb.server import SampleWebServer, serve
from newsmirror.urls import registrable_domain

Fetched = tuple[int, dict[str, str], bytes]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def get(server: SampleWebServer, url: str, headers: dict[str, str] | None = None) -> Fetched:
    """GET ``url`` through the sample web as an HTTP proxy, redirects not followed."""
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({"http": server.proxy_url}),
        _NoRedirect(),
    )
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def visible_text(markup: str) -> str:
    """Tag-free, unescaped text with collapsed whitespace: what a reader sees."""
    text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", markup, flags=re.S)
    text = re.sub(r"</?(?:a|em|strong|span|time)\b[^>]*>", "", text)
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", text)).split())


def articles(truth: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in truth["pages"] if p["kind"] == "article"]


def test_same_seed_same_web() -> None:
    a, b = SampleWeb(seed=5, stories=20), SampleWeb(seed=5, stories=20)
    assert json.dumps(a.truth()) == json.dumps(b.truth())
    for page in a.truth()["pages"]:
        if page["kind"] != "hostile":
            assert a.fetch(page["url"]) == b.fetch(page["url"]), page["url"]
    assert SampleWeb(seed=6, stories=20).truth() != a.truth()


def test_stories_are_long_varied_and_unique(truth: dict[str, Any]) -> None:
    big = SampleWeb(seed=2, stories=300).truth()
    stories = big["stories"]
    assert all(6 <= len(s["paragraphs"]) <= 14 for s in stories)
    assert len({s["title"] for s in stories}) == len(stories)
    assert {s["language"] for s in stories} == {"en", "fr", "ru", "zh", "ja"}
    assert {len(s["authors"]) for s in stories} >= {1, 2}
    markets = sum(s["family"] == "market-report" for s in stories)
    assert 0.05 * len(stories) <= markets <= 0.15 * len(stories)
    assert any(s["published"] == s["modified"] for s in stories)
    assert any(s["published"] != s["modified"] for s in stories)
    assert any("“" in p for s in stories for p in s["paragraphs"])
    for s in stories:
        datetime.fromisoformat(s["published"]).utcoffset()  # ISO 8601 with an offset


def test_copies_follow_their_originals(truth: dict[str, Any]) -> None:
    big = SampleWeb(seed=2, stories=300).truth()
    stories = {s["id"]: s for s in big["stories"]}
    sites = {s["domain"]: s for s in big["sites"]}
    copies = Counter[str]()
    for page in articles(big):
        if not page["is_copy"]:
            continue
        story = stories[page["story"]]
        copies[story["id"]] += 1
        assert sites[page["site"]]["role"] == "aggregator"
        assert sites[page["site"]]["language"] in (story["language"], "mul")
        lag = datetime.fromisoformat(page["published"]) - datetime.fromisoformat(story["published"])
        assert timedelta(hours=1) <= lag <= timedelta(hours=30)
        assert page["transformations"]
        if page["attribution"]:
            assert page["attribution"]["origin_domain"] in story["url"]
            assert page["attribution"]["origin_url"] in (None, story["url"])
    assert set(copies) == set(stories)
    assert min(copies.values()) >= 1
    assert max(copies.values()) <= 4
    own = [p for p in articles(big) if sites[p["site"]]["role"] == "aggregator" and not p["story"]]
    assert own
    assert all(p["attribution"] is None for p in own)
    assert any("appeared first on" in " ".join(p["paragraphs"]) for p in own)
    families = {p["attribution"]["family"] for p in articles(big) if p["attribution"]}
    assert families >= {"appeared-first", "yoast", "yoast-fr", "source-line", "canonical"}


def test_every_truth_page_is_served_through_the_proxy(
    server: SampleWebServer, truth: dict[str, Any]
) -> None:
    expected_status = {"redirect": 302, "error": None}
    content_types = {
        "feed": ("application/rss+xml", "application/atom+xml"),
        "sitemap": ("application/xml", "application/gzip"),
        "api": ("application/json",),
        "robots": ("text/plain",),
        "asset": ("application/javascript", "application/json"),
        "article": ("text/html; charset=utf-8",),
        "home": ("text/html; charset=utf-8",),
    }
    for page in truth["pages"]:
        if page["kind"] == "hostile":
            continue  # 12 MB each; see test_oversized_pages
        status, headers, body = get(server, page["url"])
        want = expected_status.get(page["kind"], 200)
        if want is None:
            assert status in (404, 500), page["url"]
        else:
            assert status == want, page["url"]
        if page.get("fault"):  # served with the charset it lies about
            assert headers["Content-Type"] == content_type(page["fault"]["header"]), page["url"]
        elif page["kind"] in content_types:
            assert headers["Content-Type"].startswith(content_types[page["kind"]]), page["url"]
        if page["kind"] == "article" and not page["needs_browser"] and not page["hostile"]:
            markup = body.decode("utf-8")
            for paragraph in page["paragraphs"]:
                escaped = paragraph.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                assert escaped in markup, (page["url"], paragraph[:50])
            text = visible_text(markup)
            assert page["title"] in text
            attribution = page["attribution"]
            if attribution and attribution["text"]:
                assert attribution["text"] in text, page["url"]
            if attribution and attribution["origin_url"]:
                assert attribution["origin_url"] in markup


def test_page_boilerplate_is_on_the_page_but_not_in_the_story(
    web: SampleWeb, truth: dict[str, Any]
) -> None:
    sites = {s["domain"]: s for s in truth["sites"]}
    seen_site_boilerplate: dict[str, set[str]] = {d: set() for d in sites}
    checked: set[str] = set()  # sites with an ordinary article page (Babel Mirror has none)
    for page in articles(truth):
        if page["needs_browser"] or page["hostile"]:
            continue
        checked.add(page["site"])
        text = visible_text(web.fetch(page["url"])[2].decode("utf-8"))
        story = "\n".join(page["paragraphs"])
        for item in page["boilerplate"]:
            assert item in text, (page["url"], item)
            assert item not in story
        for item in sites[page["site"]]["boilerplate"]:
            assert item not in story
            if item in text:
                seen_site_boilerplate[page["site"]].add(item)
    assert checked >= {d for d, s in sites.items() if s["role"] == "origin"}
    for domain in checked:
        assert seen_site_boilerplate[domain] == set(sites[domain]["boilerplate"]), domain


def test_javascript_site_needs_a_browser_but_its_data_is_static(
    server: SampleWebServer, truth: dict[str, Any]
) -> None:
    page = next(p for p in articles(truth) if p["needs_browser"])
    _, _, shell = get(server, page["url"])
    assert b'<div id="root"></div>' in shell
    assert b'src="/static/app.js"' in shell
    assert page["paragraphs"][0].encode() not in shell
    slug = page["url"].rstrip("/").rsplit("/", 1)[-1]
    status, _, body = get(server, f"http://app.newsflash-hub.io/api/stories/{slug}.json")
    assert status == 200
    data = json.loads(body)
    assert data["title"] == page["title"]
    assert data["paragraphs"] == page["paragraphs"]
    assert b"document.title" in get(server, "http://app.newsflash-hub.io/static/app.js")[2]


def test_unknown_hosts_are_refused(server: SampleWebServer) -> None:
    assert get(server, "http://no-such-site.example/")[0] == 502


def test_clones_serve_each_site_again_under_hosts_of_their_own(web: SampleWeb) -> None:
    links = re.compile(r'(?:href|src)="https?://([^/"]+)')
    with serve(web, clones=2) as server:
        for original in ("newsroundup24.com", "www.heartlandbriefs.com"):
            clone = f"c2-{original}.test"
            assert registrable_domain(clone) == clone  # its own site for politeness and budgets
            status, _, home = get(server, f"http://{clone}/")
            assert status == 200
            assert set(links.findall(home.decode())) == {clone}  # the crawl stays on the clone
            assert set(links.findall(get(server, f"http://{original}/")[2].decode())) == {original}
        robots = get(server, "http://c1-newsroundup24.com.test/robots.txt")
        assert robots[0] == 200
        assert "Sitemap: http://c1-newsroundup24.com.test/sitemap_index.xml" in robots[2].decode()
        index = get(server, "http://c1-newsroundup24.com.test/sitemap_index.xml")[2].decode()
        sitemaps = re.findall(r"<loc>(.*?)</loc>", index)
        assert sitemaps
        assert all(u.startswith("http://c1-newsroundup24.com.test/") for u in sitemaps)
        gzipped = next(u for u in sitemaps if u.endswith(".gz"))
        xml = gzip.decompress(get(server, gzipped)[2]).decode()  # rewritten inside the gzip file
        articles_in_gzip = re.findall(r"<loc>(.*?)</loc>", xml)
        assert articles_in_gzip
        assert all(u.startswith("http://c1-newsroundup24.com.test/") for u in articles_in_gzip)
        heartland = get(server, "http://c1-www.heartlandbriefs.com.test/robots.txt")
        assert heartland[0] == 200
        assert b"Disallow: /private/" in heartland[2]
        assert get(server, "http://c3-newsroundup24.com.test/")[0] == 404  # only clones 1 and 2
        assert get(server, "http://c0-newsroundup24.com.test/robots.txt")[0] == 404
        hosts = {r.host for r in server.requests}
    assert "c2-newsroundup24.com.test" in hosts
    assert "c3-newsroundup24.com.test" in hosts


def test_origin_form_requests_with_a_host_header(server: SampleWebServer) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request(
            "GET", "/robots.txt", headers={"Host": "www.heartlandbriefs.com", "User-Agent": "t/1"}
        )
        response = connection.getresponse()
        assert response.status == 200
        assert b"Disallow: /private/" in response.read()
    finally:
        connection.close()
    record = next(r for r in reversed(server.requests) if r.user_agent == "t/1")
    assert (record.host, record.method, record.status, record.user_agent) == (
        "www.heartlandbriefs.com",
        "GET",
        200,
        "t/1",
    )


def test_html_is_gzipped_on_request(server: SampleWebServer, truth: dict[str, Any]) -> None:
    url = next(p["url"] for p in articles(truth) if not p["hostile"] and not p["needs_browser"])
    status, headers, body = get(server, url, {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body).startswith(b"<!DOCTYPE html>")


def test_gzipped_sitemap_is_a_gzip_file_not_an_encoding(
    server: SampleWebServer, truth: dict[str, Any]
) -> None:
    gzipped = [p["url"] for p in truth["pages"] if p["url"].endswith(".xml.gz")]
    assert len(gzipped) >= 2
    article_urls = {p["url"] for p in articles(truth)}
    for url in gzipped:
        status, headers, body = get(server, url, {"Accept-Encoding": "gzip"})
        assert status == 200
        assert headers["Content-Type"] == "application/gzip"
        assert "Content-Encoding" not in headers
        xml = gzip.decompress(body).decode()
        assert "<urlset" in xml
        assert set(re.findall(r"<loc>(.*?)</loc>", xml)) <= article_urls


def test_sitemap_indexes_and_robots_announce_what_exists(
    server: SampleWebServer, truth: dict[str, Any]
) -> None:
    urls = {p["url"] for p in truth["pages"]}
    for page in truth["pages"]:
        if page["kind"] == "robots":
            text = get(server, page["url"])[2].decode()
            for line in text.splitlines():
                if line.startswith("Sitemap:"):
                    assert line.split(None, 1)[1] in urls
        elif page["kind"] == "sitemap" and not page["url"].endswith(".gz"):
            xml = get(server, page["url"])[2].decode()
            assert set(re.findall(r"<loc>(.*?)</loc>", xml)) <= urls, page["url"]


def test_disallowed_pages_are_linked_and_disallowed(
    server: SampleWebServer, truth: dict[str, Any]
) -> None:
    disallowed = [p for p in truth["pages"] if p["kind"] == "disallowed"]
    assert disallowed
    home = get(server, "http://www.heartlandbriefs.com/")[2].decode()
    robots = get(server, "http://www.heartlandbriefs.com/robots.txt")[2].decode()
    assert "Disallow: /private/" in robots
    for page in disallowed:
        assert page["url"] in home
        assert "/private/" in page["url"]


def test_wordpress_api_paginates_with_headers(server: SampleWebServer) -> None:
    base = "http://www.heartlandbriefs.com/wp-json/wp/v2/posts?per_page=2"
    status, headers, body = get(server, base + "&page=1")
    assert status == 200
    total_pages = int(headers["X-WP-TotalPages"])
    posts = json.loads(body)
    assert int(headers["X-WP-Total"]) >= len(posts) == 2
    assert set(posts[0]) >= {"id", "date", "date_gmt", "modified", "slug", "link", "title"}
    assert posts[0]["content"]["rendered"].startswith("<p>")
    assert get(server, f"{base}&page={total_pages}")[0] == 200
    assert get(server, f"{base}&page={total_pages + 1}")[0] == 400
    root = json.loads(get(server, "http://www.heartlandbriefs.com/wp-json/")[2])
    assert "wp/v2" in root["namespaces"]
    home = get(server, "http://www.heartlandbriefs.com/")[2]
    assert b'rel="https://api.w.org/" href="http://www.heartlandbriefs.com/wp-json/"' in home


def test_charset_page_lies_about_its_encoding(
    server: SampleWebServer, truth: dict[str, Any]
) -> None:
    page = next(p for p in truth["pages"] if p.get("hostile") == "charset")
    assert page["kind"] == "article"
    _, headers, body = get(server, page["url"])
    assert "utf-8" in headers["Content-Type"]
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    decoded = body.decode("cp1252")
    assert page["title"] in decoded
    for paragraph in page["paragraphs"]:
        assert paragraph in decoded


def test_malformed_page_is_broken_but_holds_the_story(
    server: SampleWebServer, truth: dict[str, Any]
) -> None:
    page = next(p for p in truth["pages"] if p.get("hostile") == "malformed")
    assert page["kind"] == "article"
    status, _, body = get(server, page["url"])
    assert status == 200
    assert b"\x00" in body
    assert not body.rstrip().endswith(b"</html>")
    markup = body.decode("utf-8").replace("\x00", "")
    for paragraph in page["paragraphs"]:
        assert paragraph in markup


def test_traps_never_end(server: SampleWebServer, truth: dict[str, Any]) -> None:
    trap = next(p for p in truth["pages"] if p["kind"] == "trap" and "/page/" in p["url"])
    status, _, body = get(server, trap["url"].replace("/page/", "/page/9"))
    assert status == 200
    assert 'rel="next"' in body.decode()
    status, _, body = get(server, "http://www.heartlandbriefs.com/calendar/?month=1850-01")
    assert status == 200
    assert b"month=1850-02" in body
    assert b"month=1849-12" in body
    status, headers, _ = get(server, "http://www.heartlandbriefs.com/go/a")
    assert (status, headers["Location"]) == (302, "http://www.heartlandbriefs.com/go/b")
    status, headers, _ = get(server, "http://www.heartlandbriefs.com/go/b")
    assert (status, headers["Location"]) == (302, "http://www.heartlandbriefs.com/go/a")


def test_oversized_pages(server: SampleWebServer, truth: dict[str, Any]) -> None:
    pages = [p for p in truth["pages"] if p.get("hostile") == "oversized"]
    assert len(pages) == 2
    lengths = set()
    for page in pages:
        status, headers, body = get(server, page["url"])
        assert status == 200
        assert len(body) == 12 * 1024 * 1024
        lengths.add(headers.get("Content-Length"))
    assert lengths == {str(12 * 1024 * 1024), None}


def test_cli_writes_the_truth_file(tmp_path: Path) -> None:
    out = tmp_path / "truth.json"
    assert main(["truth", "--seed", "2", "--stories", "5", "-o", str(out)]) == 0
    assert json.loads(out.read_text("utf-8")) == SampleWeb(seed=2, stories=5).truth()


def test_a_benchmark_sized_web_builds_fast_with_unique_titles() -> None:
    start = time.monotonic()
    web = SampleWeb(seed=1, stories=3000)
    truth = web.truth()
    assert time.monotonic() - start < 10
    assert len(truth["pages"]) > 10_000
    titles = [s["title"] for s in truth["stories"]]
    assert len(set(titles)) == len(titles)


def test_chrome_serves_article_pages_at_a_real_pages_size_with_the_same_story(
    web: SampleWeb, truth: dict[str, Any]
) -> None:
    """``chrome=True`` wraps each plain article page in the magazine theme; the story, its
    extraction and its origin stay the same, and hostile or encoded pages are served as they are."""
    from newsmirror.extract import extract_article
    from newsmirror.origin import detect_origin, load_publishers
    from newsmirror.page import Page

    dressed_web = SampleWeb(seed=web.seed, stories=web.stories_count, chrome=True)
    publishers = load_publishers()
    dressed = 0
    for entry in articles(truth):
        plain = web.fetch(entry["url"])
        served = dressed_web.fetch(entry["url"])
        if served == plain:
            assert (
                entry.get("hostile")
                or entry["needs_browser"]
                or "utf-8" not in plain[1].get("Content-Type", "")
            )
            continue
        dressed += 1
        assert len(served[2]) > len(plain[2]) + 20_000
        results = []
        for _, _, body in (plain, served):
            page = Page.from_bytes(entry["url"], body)
            article = extract_article(page.url, page.tree)
            origin = detect_origin(page.url, page.tree, article.paragraphs, publishers).origin
            results.append((article.title, origin.domain if origin else None))
        assert results[0] == results[1]
    assert dressed >= 0.6 * len(articles(truth))
