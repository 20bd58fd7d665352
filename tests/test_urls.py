"""URL helpers and trap filters."""

from __future__ import annotations

import pytest

from newsmirror.urls import crawlable, parse_allowed, redirect_refusal, registrable_domain


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


PUBLIC = "http://news.example.com/story/"


@pytest.mark.parametrize(
    ("source", "target", "refused"),
    [
        (PUBLIC, "http://other.example.org/", None),
        (PUBLIC, "https://93.184.216.34/", None),
        (PUBLIC, "file:///etc/passwd", "file scheme"),
        (PUBLIC, "ftp://ftp.example.com/x", "ftp scheme"),
        (PUBLIC, "javascript:alert(1)", "javascript scheme"),
        (PUBLIC, "data:text/html,x", "data scheme"),
        (PUBLIC, "http://127.0.0.1:8899/", "loopback address 127.0.0.1"),
        (PUBLIC, "http://127.1/", "loopback address 127.0.0.1"),
        (PUBLIC, "http://2130706433/", "loopback address 127.0.0.1"),
        (PUBLIC, "http://0x7f000001/", "loopback address 127.0.0.1"),
        (PUBLIC, "http://[::1]/", "loopback address ::1"),
        (PUBLIC, "http://[::ffff:10.1.2.3]/", "private address 10.1.2.3"),
        (PUBLIC, "http://localhost:8080/", "loopback (localhost)"),
        (PUBLIC, "http://admin.localhost/", "loopback (localhost)"),
        (PUBLIC, "http://10.0.0.1/", "private address 10.0.0.1"),
        (PUBLIC, "http://192.168.1.1/", "private address 192.168.1.1"),
        (PUBLIC, "http://169.254.169.254/latest/", "link-local address 169.254.169.254"),
        (PUBLIC, "http://0.0.0.0/", "address 0.0.0.0"),
        (PUBLIC, "http://100.64.0.1/", "non-public address 100.64.0.1"),
        # From an internal address itself (a crawl of a local site), internal redirects are fine.
        ("http://127.0.0.1:8899/", "http://127.0.0.1:8899/b/", None),
        ("http://10.0.0.5/", "http://localhost/", None),
    ],
)
def test_redirect_refusal(source: str, target: str, refused: str | None) -> None:
    why = redirect_refusal(source, target)
    if refused is None:
        assert why is None
    else:
        assert why is not None
        assert refused in why


def test_redirect_refusal_allow_list_names_hosts_and_networks() -> None:
    allowed = parse_allowed(["127.0.0.1", "10.0.0.0/8", "intranet.localhost", " "])
    assert redirect_refusal(PUBLIC, "http://127.0.0.1:8899/", allowed=allowed) is None
    assert redirect_refusal(PUBLIC, "http://10.20.30.40/", allowed=allowed) is None
    assert redirect_refusal(PUBLIC, "http://intranet.localhost/", allowed=allowed) is None
    assert redirect_refusal(PUBLIC, "http://192.168.0.1/", allowed=allowed) is not None
    assert redirect_refusal(PUBLIC, "http://localhost/", allowed=allowed) is not None
    assert redirect_refusal(PUBLIC, "file:///etc/passwd", allowed=allowed) is not None


def test_redirect_refusal_uses_addresses_already_resolved() -> None:
    target = "http://rebound.example.net/"
    assert redirect_refusal(PUBLIC, target) is None
    assert "private address 192.168.5.5" in (
        redirect_refusal(PUBLIC, target, resolved=["192.168.5.5"]) or ""
    )
