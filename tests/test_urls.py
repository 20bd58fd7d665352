"""URL helpers and trap filters."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsmirror.urls import (
    crawlable,
    host_domain,
    is_http,
    needs_lookup,
    page_variants,
    parse_allowed,
    redirect_refusal,
    registrable_domain,
    same_page,
    split_url,
)


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


@pytest.mark.parametrize(
    ("target", "resolved", "refused"),
    [
        # A public-looking name that points at an internal address (DNS rebinding, /etc/hosts).
        ("http://rebound.example.net/", ["127.0.0.1"], "loopback address 127.0.0.1"),
        ("http://rebound.example.net/", ["10.9.8.7"], "private address 10.9.8.7"),
        ("http://rebound.example.net/", ["::1"], "loopback address ::1"),
        ("http://rebound.example.net/", ["0.0.0.0"], "address 0.0.0.0"),
        ("http://rebound.example.net/", ["169.254.169.254"], "link-local address"),
        # Any internal address among several is enough.
        ("http://rebound.example.net/", ["93.184.216.34", "192.168.0.9"], "192.168.0.9"),
        ("http://rebound.example.net/", ["93.184.216.34"], None),
        # A name that does not resolve is judged by its name alone.
        ("http://only-the-proxy-knows.test/", [], None),
    ],
)
def test_redirect_refusal_judges_a_name_by_what_it_resolves_to(
    target: str, resolved: list[str], refused: str | None
) -> None:
    why = redirect_refusal(PUBLIC, target, resolved=resolved)
    if refused is None:
        assert why is None
    else:
        assert why is not None
        assert refused in why
        assert "which rebound.example.net resolves to" in why


def test_a_source_internal_by_name_may_redirect_inside() -> None:
    intranet = "http://wiki.corp.example/"
    target = "http://files.corp.example/"
    assert redirect_refusal(intranet, target, resolved=["10.0.0.8"]) is not None
    assert (
        redirect_refusal(intranet, target, resolved=["10.0.0.8"], source_resolved=["10.0.0.7"])
        is None
    )


def test_the_allow_list_covers_names_by_their_addresses() -> None:
    allowed = parse_allowed(["127.0.0.0/8"])
    target = "http://vm.example/"
    assert redirect_refusal(PUBLIC, target, allowed=allowed, resolved=["127.0.1.1"]) is None
    # Every internal address must be allowed, not just one of them.
    assert redirect_refusal(PUBLIC, target, allowed=allowed, resolved=["127.0.1.1", "10.0.0.1"])
    assert (
        redirect_refusal(
            PUBLIC, target, allowed=parse_allowed(["vm.example"]), resolved=["10.0.0.1"]
        )
        is None
    )


@pytest.mark.parametrize(
    ("source", "target", "lookup"),
    [
        (PUBLIC, "http://other.example.org/x", True),
        (PUBLIC, "https://other.example.org./x", True),
        (PUBLIC, "http://news.example.com/moved/", False),  # same host: already contacted
        (PUBLIC, "http://NEWS.example.com./moved/", False),
        (PUBLIC, "http://10.0.0.1/", False),  # an IP literal is judged as it is
        (PUBLIC, "http://[::1]/", False),
        (PUBLIC, "http://localhost/", False),  # refused by its name
        ("http://127.0.0.1:8899/", "http://intranet.example/", True),
    ],
)
def test_needs_lookup(source: str, target: str, lookup: bool) -> None:
    assert needs_lookup(source, target) is lookup


URL_PARTS = st.sampled_from(
    ["http", "HTTPS", "hTtp", "ftp", ":", "//", "/", "?", "#", "@", "[", "]", "::1", "a.com",
     "WWW.Ex-ample.co.uk", ":8080", "%41", " ", "\t", "\n", "\x00", "é", "\u2100", "javascript"]
)  # fmt: skip


_REST = st.lists(
    st.one_of(URL_PARTS, st.text(st.characters(max_codepoint=127), max_size=4)), max_size=10
).map("".join)
URLS = st.one_of(
    # Mostly what pages link: http(s)://, then anything a host, path, query or fragment may hold.
    st.tuples(st.sampled_from(["http://", "https://", "HTTP://", "hTTps://"]), _REST).map("".join),
    st.tuples(
        st.sampled_from(["http", "HTTPS", "hTtp", "https", "ftp", "javascript", " http", ""]),
        st.sampled_from(["://", ":/", ":", "//", ""]),
        _REST,
    ).map("".join),
    st.lists(st.one_of(URL_PARTS, st.text(max_size=4)), max_size=10).map("".join),
)


@settings(max_examples=1000, deadline=None)
@given(URLS)
def test_split_url_reads_urls_as_urlsplit_does_and_never_raises(url: str) -> None:
    try:
        expected = urlsplit(url)
    except ValueError:
        expected = None
    assert split_url(url) == expected
    assert is_http(url) == (expected is not None and expected.scheme in ("http", "https"))
    host = (
        expected.hostname if expected is not None and "//" in url else None if "//" in url else url
    )
    assert registrable_domain(url) == host_domain((host or "").lower().rstrip("."))


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("http://example.com/a/b", "https://www.example.com/a/b/", True),
        ("https://WWW.Example.com/a", "http://example.com/a", True),
        ("http://example.com/a?id=1", "http://example.com/a?id=2", False),
        ("http://example.com/a", "http://example.com/a/b", False),
        ("http://example.com:8080/a", "http://example.com/a", False),
        ("http://news.example.com/a", "http://example.com/a", False),
        ("ftp://example.com/a", "ftp://example.org/a", False),
        ("http://example.com/a", None, False),
    ],
)
def test_same_page_sets_aside_scheme_www_and_trailing_slash_only(
    a: str, b: str | None, same: bool
) -> None:
    assert same_page(a, b) is same
    if b is not None and same_page(a, b):
        assert b in page_variants(a) or b.lower() in [v.lower() for v in page_variants(a)]
