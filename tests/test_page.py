"""Decoding and parsing of fetched pages, including lying charsets and broken markup."""

from __future__ import annotations

import codecs
import itertools
import random
from urllib.parse import urljoin

import lxml.html
import pytest
from lxml import etree

from newsmirror.page import (
    MAX_NESTING,
    Page,
    PageError,
    UndecidableCharset,
    absolute_links,
    decode_html,
    flatten_nesting,
)
from newsmirror.sampleweb.text_intl import intl_story

FRENCH = (
    "<html><head><title>Élections à Montréal</title></head><body><p>Le député a déclaré "
    "qu’il était très déçu des résultats, selon un communiqué publié à Québec.</p></body></html>"
)
RUSSIAN = (
    "<html><head><title>Новости дня</title></head><body><p>Правительство объявило о новых мерах "
    "поддержки для жителей региона, сообщили в пресс-службе министерства.</p></body></html>"
)


ASCII = "<html><body>plain ascii</body></html>"


@pytest.mark.parametrize(
    ("source", "charset", "declared", "expected_encoding", "repaired"),
    [
        (FRENCH, "utf-8", "utf-8", "utf-8", False),
        (FRENCH, "cp1252", "utf-8", "cp1252", True),
        (RUSSIAN, "cp1251", "utf-8", "cp1251", True),
        (FRENCH, "utf-8", "iso-8859-1", "utf-8", True),
        (FRENCH, "cp1252", "windows-1252", "cp1252", False),
        (ASCII, "ascii", None, "utf-8", False),
    ],
)
def test_declared_charset_is_trusted_only_when_the_bytes_agree(
    source: str, charset: str, declared: str | None, expected_encoding: str, repaired: bool
) -> None:
    text, encoding, was_repaired = decode_html(source.encode(charset), declared)
    assert was_repaired is repaired
    assert encoding == expected_encoding  # repaired cases too: the charset the bytes are in
    assert text == source  # every character back, not one of three words


def test_meta_charset_is_used_without_a_header() -> None:
    body = (
        b'<html><head><meta charset="windows-1251"></head><body>'
        + "Новости".encode("cp1251")
        + b"</body></html>"
    )
    text, encoding, _ = decode_html(body, None)
    assert "Новости" in text
    assert encoding == "cp1251"


def test_nul_bytes_and_a_cut_mid_tag_still_parse() -> None:
    page = Page.from_bytes("http://a.example/x", b"<html><body><p>one\x00 two</p><div><p>thr")
    assert "one two" in page.tree.text_content()


def test_links_are_made_absolute_once() -> None:
    page = Page.from_bytes(
        "http://a.example/dir/x", b'<html><body><a href="../y">y</a></body></html>'
    )
    assert page.tree.xpath("//a/@href") == ["http://a.example/y"]


def test_references_to_characters_lxml_refuses_to_write_back_are_dropped() -> None:
    """``&#65535;``, ``&#1;``: libxml2 reads them into the tree, where lxml refuses them in any
    string written back (a link made absolute, a tail joined to its neighbour's as <base> goes)."""
    html = (
        b'<html><head><meta charset="utf-8">&#1;<base href="/d/">&#xFFFF;</head>'
        b'<body><a href="y&#65535;z">x&#11;y&#x1F;</a>&#8217;&#128;&#x1F600;</body></html>'
    )
    page = Page.from_bytes("http://a.example/dir/x", html)
    assert page.tree.xpath("//a/@href") == ["http://a.example/d/yz"]
    assert page.tree.find("body").text_content() == "xy\u2019\u20ac\U0001f600"


def test_every_xml_declaration_before_the_markup_is_ignored() -> None:
    declaration = b"<?xml version='1.0' encoding='iso-8859-1'?>"
    page = Page.from_bytes("http://a.example/", declaration * 2 + b"<html><body><p>one</p></html>")
    assert page.tree.text_content() == "one"


def test_empty_document_is_a_page_error() -> None:
    with pytest.raises(PageError):
        _ = Page.from_bytes("http://a.example/", b"  \n ").tree


# Stories from the sample web's own word banks, in each legacy charset's language.
_STORIES = {language: intl_story(random.Random(7), language) for language in ("ru", "zh", "ja")}
_LEGACY = [("ru", "cp1251", "windows-1251"), ("zh", "gbk", "gbk"), ("ja", "shift_jis", "shift_jis")]


def _html(language: str, meta: str | None = None) -> str:
    story = _STORIES[language]
    head = f'<meta charset="{meta}">' if meta else ""
    body = "".join(f"<p>{p}</p>" for p in story.paragraphs)
    return f"<html><head>{head}<title>{story.title}</title></head><body>{body}</body></html>"


@pytest.mark.parametrize(("language", "codec", "label"), _LEGACY)
@pytest.mark.parametrize("where", ["header", "meta", "both"])
def test_legacy_bytes_declared_utf8_are_detected(
    language: str, codec: str, label: str, where: str
) -> None:
    html = _html(language, "utf-8" if where != "header" else None)
    text, encoding, repaired = decode_html(html.encode(codec), "utf-8" if where != "meta" else None)
    assert text == html
    assert repaired
    assert codecs.lookup(encoding).name != "utf-8"


@pytest.mark.parametrize(("language", "codec", "label"), _LEGACY)
@pytest.mark.parametrize("where", ["header", "meta", "both"])
def test_utf8_bytes_declared_legacy_are_read_as_utf8(
    language: str, codec: str, label: str, where: str
) -> None:
    html = _html(language, label if where != "header" else None)
    text, encoding, repaired = decode_html(html.encode("utf-8"), label if where != "meta" else None)
    assert (text, encoding, repaired) == (html, "utf-8", True)


@pytest.mark.parametrize(("language", "codec", "label"), _LEGACY)
def test_legacy_bytes_declared_rightly_are_trusted(language: str, codec: str, label: str) -> None:
    html = _html(language, label)
    text, encoding, repaired = decode_html(html.encode(codec), label)
    assert (text, repaired) == (html, False)
    assert encoding == codecs.lookup(label).name


def test_a_utf8_page_with_few_accents_and_a_stray_byte_stays_utf8() -> None:
    """Fifteen accented letters and one stray byte: UTF-8 with the byte replaced, not cp1250 with
    every accent garbled ("cafĂ©")."""
    para = "<p>The café council’s “bridge” budget was approved on Tuesday by a wide margin.</p>"
    html = "<html><head><meta charset='utf-8'></head><body>" + para * 5
    body = (html + "<p>Plain text about the budget.</p>" * 300).encode() + b"\x80 end</body></html>"
    text, encoding, repaired = decode_html(body, None)
    assert (encoding, repaired) == ("utf-8", False)
    assert "The café council’s “bridge” budget" in text


def test_mixed_charsets_and_random_high_bytes_are_undecidable() -> None:
    rng = random.Random(1)
    body = b"<html><body>"
    for language, codec, _ in _LEGACY:
        body += b"<p>" + _STORIES[language].paragraphs[1].encode(codec) + b"</p>"
        body += b"<p>" + bytes(rng.randrange(0x80, 0x100) for _ in range(120)) + b"</p>"
    with pytest.raises(UndecidableCharset):
        decode_html(body + b"</body></html>", "utf-8")


def test_nesting_deeper_than_libxml2_builds_is_flattened_and_the_text_kept() -> None:
    deep = "<div>" * 10_000 + "<p>first <a href='/x'>link</a></p><p>second</p>" + "</div>" * 10_000
    html = f"<html><body><article>{deep}<p>after</p></article></body></html>"
    page = Page.from_bytes("http://a.example/", html.encode())
    tree = page.tree
    assert page.flattened
    assert [p.text_content() for p in tree.iter("p")] == ["first link", "second", "after"]
    assert tree.xpath("//a/@href") == ["http://a.example/x"]
    assert max(len(list(e.iterancestors())) for e in tree.iter()) <= MAX_NESTING


def test_ordinary_nesting_is_left_alone() -> None:
    html = (
        "<html><body>" + "<div>" * 200 + "<p>deep but fine</p>" + "</div>" * 200 + "</body></html>"
    )
    page = Page.from_bytes("http://a.example/", html.encode())
    assert "deep but fine" in page.tree.text_content()
    assert not page.flattened
    assert flatten_nesting(html, 1000) == html


def test_links_resolve_as_urljoin_does_with_the_base_href() -> None:
    links = [
        "../y",
        "https://other.example/a?b=1#c",
        " https://other.example/spaced ",
        "https://other.example/x/../z",
        "https://#",
        "//cdn.example/i.png",
        "http://[bad",
        "mailto:a@b.example",
    ]
    html = '<html><head><base href="/base/dir/"></head><body>'
    html += "".join(f'<a href="{link}">x</a>' for link in links) + '<img src="p.png"></body></html>'
    page = Page.from_bytes("http://a.example/page", html.encode())
    base = "http://a.example/base/dir/"
    expected = [urljoin(base, link.strip()) for link in links if "[bad" not in link]
    assert page.tree.xpath("//a/@href") == expected
    assert page.tree.xpath("//img/@src") == ["http://a.example/base/dir/p.png"]
    assert page.tree.xpath("//base") == []


_BASES = [
    "http://a.example/dir/page",
    "https://a.example:8443/dir/",
    "HTTP://A.Example/x",
    "http://user@a.example",
    "http://a.example?q=1",
    "https://a.example#top",
    "http://a.example\\dir/x",
    "",
    "file:///tmp/x.html",
]
_PIECES = ["/", ".", "..", "?", "#", ";", "a", " ", "\t", "\\", ":", "%2e", "ü", "="]
_LINKS = [
    start + "".join(rest)
    for start in ("", "/", "//b.example", "http://b.example/", " /")
    for n in range(4)
    for rest in itertools.product(_PIECES, repeat=n)
]


@pytest.mark.parametrize("base", _BASES)
def test_every_link_resolves_as_urljoin_resolves_it(base: str) -> None:
    """Every link of up to three pieces after five starts, each on the page twice (the second
    from the page's memo): what urljoin makes of it, or no link where urljoin raises."""
    tree = lxml.html.document_fromstring("<html><body></body></html>")
    body = tree.find("body")
    expected: list[str | None] = []
    for link in _LINKS:
        for _ in range(2):
            etree.SubElement(body, "a", href=link)
        try:
            expected += [urljoin(base, link.strip())] * 2
        except ValueError:
            expected += [None] * 2
    absolute_links(tree, base)
    assert [a.get("href") for a in body] == expected


def test_control_bytes_and_a_stray_byte_in_a_short_ascii_page_still_decode() -> None:
    """NULs and DELs are noise the detector must not read as text: four DELs and one stray byte in
    front of a short English page once left it no charset at all (the page was refused)."""
    page = "<html><head><title>Script parsing</title></head><body><article>"
    page += "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.</p>" * 8
    body = b"\x00" * 15 + b"\x7f" * 4 + b"\x80" + page.encode() + b"</article></body></html>"
    text, _, _ = decode_html(body, None)
    assert text.count("Lorem ipsum dolor sit amet") == 8
