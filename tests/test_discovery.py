"""Discovery from feeds, sitemaps, robots.txt, WordPress's API and HTML links."""

from __future__ import annotations

import gzip
import json

import pytest

from newsmirror.discovery import (
    BodyKind,
    LinkKind,
    declares_entities,
    feed_links,
    html_links,
    robots_sitemaps,
    sitemap_entries,
    sniff,
    wp_api_links,
    wp_api_posts_url,
)
from newsmirror.page import Page

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>
<item><title>a</title><link>http://s.example/a/</link></item>
<item><title>b</title><guid isPermaLink="true">http://s.example/b/</guid></item>
</channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<entry><link rel="alternate" href="/c/"/><link rel="edit" href="/edit/c"/></entry>
<entry><link href="http://s.example/d/"/></entry></feed>"""
INDEX = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://s.example/posts-1.xml</loc></sitemap></sitemapindex>"""
URLSET = b"""<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
 xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
<url><loc>http://s.example/e/</loc><image:image><image:loc>http://s.example/e.jpg</image:loc>
</image:image></url></urlset>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&x;</loc></url></urlset>"""


@pytest.mark.parametrize(
    ("body", "ctype", "kind"),
    [
        (RSS, "application/rss+xml", BodyKind.RSS),
        (ATOM, "", BodyKind.ATOM),
        (INDEX, "text/xml", BodyKind.SITEMAP_INDEX),
        (URLSET, "application/xml", BodyKind.URLSET),
        (gzip.compress(URLSET), "application/gzip", BodyKind.GZIP),
        (b"[]", "application/json", BodyKind.JSON),
        (b"<!DOCTYPE html><html></html>", "text/html", BodyKind.HTML),
        (b"User-agent: *", "text/plain", BodyKind.TEXT),
    ],
)
def test_sniff_recognises_each_body(body: bytes, ctype: str, kind: BodyKind) -> None:
    assert sniff(body, ctype) is kind


def test_rss_and_atom_item_links() -> None:
    assert feed_links(RSS, "http://s.example/feed/") == [
        "http://s.example/a/",
        "http://s.example/b/",
    ]
    assert feed_links(ATOM, "http://s.example/atom.xml") == [
        "http://s.example/c/",
        "http://s.example/d/",
    ]


def test_sitemaps_keep_only_their_own_locs() -> None:
    assert sitemap_entries(INDEX, "http://s.example/") == (
        BodyKind.SITEMAP_INDEX,
        ["http://s.example/posts-1.xml"],
    )
    assert sitemap_entries(URLSET, "http://s.example/") == (
        BodyKind.URLSET,
        ["http://s.example/e/"],
    )


def test_sitemap_external_entities_are_not_resolved() -> None:
    kind, locs = sitemap_entries(XXE, "http://s.example/")
    assert kind is BodyKind.URLSET
    assert not any("root:" in loc for loc in locs)


def test_entity_declarations_are_noticed() -> None:
    assert declares_entities(XXE)
    laughs = b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY a "x"><!ENTITY b "&a;&a;">]><urlset/>'
    assert declares_entities(laughs)
    assert not declares_entities(URLSET)
    assert not declares_entities(b"<!DOCTYPE html><html><body>&amp;</body></html>")


def test_robots_sitemap_lines() -> None:
    text = "User-agent: *\nDisallow: /private/\nSitemap: /sitemap.xml\nsitemap: http://s.example/b.xml\n"
    assert robots_sitemaps(text, "http://s.example/robots.txt") == [
        "http://s.example/sitemap.xml",
        "http://s.example/b.xml",
    ]


def test_wordpress_api() -> None:
    body = json.dumps([{"id": 1, "link": "http://s.example/2026/01/02/x/"}, {"id": 2}]).encode()
    assert wp_api_links(body) == ["http://s.example/2026/01/02/x/"]
    assert wp_api_links(b'{"code": "rest_post_invalid_page_number"}') == []
    assert wp_api_posts_url("http://s.example/wp-json/", page=3) == (
        "http://s.example/wp-json/wp/v2/posts?per_page=100&page=3"
    )


def test_html_links_are_classified() -> None:
    html = b"""<html><head><link rel="alternate" type="application/rss+xml" href="/feed/">
    <link rel="https://api.w.org/" href="/wp-json/"></head><body>
    <nav><a href="/about/">About</a></nav>
    <article><h2><a href="/story-one/">Story one</a></h2></article>
    <a href="/2026/11/02/council-votes-on-new-budget/">x</a>
    <a href="/category/world/page/2/">Next &raquo;</a><a href="/tag/x/" rel="nofollow">t</a>
    </body></html>"""
    links = {
        link.url: link.kind for link in html_links(Page.from_bytes("http://s.example/", html).tree)
    }
    assert links == {
        "http://s.example/feed/": LinkKind.FEED,
        "http://s.example/wp-json/": LinkKind.API,
        "http://s.example/about/": LinkKind.NAVIGATION,
        "http://s.example/story-one/": LinkKind.ARTICLE,
        "http://s.example/2026/11/02/council-votes-on-new-budget/": LinkKind.ARTICLE,
        "http://s.example/category/world/page/2/": LinkKind.PAGINATION,
    }
