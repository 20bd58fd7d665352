"""URL helpers and trap filters."""

from __future__ import annotations

import pytest

from newsmirror.urls import crawlable, registrable_domain


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.bbc.co.uk/news/x", "bbc.co.uk"),
        ("http://app.newsflash-hub.io/", "newsflash-hub.io"),
        ("http://dailymarketmirror.net/a", "dailymarketmirror.net"),
        ("www.example-wire.com", "example-wire.com"),
        ("http://127.0.0.1:8080/", "127.0.0.1"),
    ],
)
def test_registrable_domain(url: str, domain: str) -> None:
    assert registrable_domain(url) == domain


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("http://s.example/2026/11/03/story/", True),
        ("http://s.example/a/b/a/b/a/b/", False),
        ("http://s.example/photo.JPG", False),
        ("mailto:x@s.example", False),
        ("http://s.example/wp-admin/post.php", False),
        ("http://s.example/story/?replytocom=12", False),
        ("http://s.example/" + "x" * 3000, False),
    ],
)
def test_crawlable(url: str, ok: bool) -> None:
    assert crawlable(url) is ok
