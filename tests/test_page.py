"""Decoding and parsing of fetched pages, including lying charsets and broken markup."""

from __future__ import annotations

import pytest

from newsmirror.page import Page, PageError, decode_html

FRENCH = (
    "<html><head><title>Élections à Montréal</title></head><body><p>Le député a déclaré "
    "qu’il était très déçu des résultats, selon un communiqué publié à Québec.</p></body></html>"
)
RUSSIAN = (
    "<html><head><title>Новости дня</title></head><body><p>Правительство объявило о новых мерах "
    "поддержки для жителей региона, сообщили в пресс-службе министерства.</p></body></html>"
)


@pytest.mark.parametrize(
    ("body", "declared", "expected_encoding", "repaired"),
    [
        (FRENCH.encode("utf-8"), "utf-8", "utf-8", False),
        (FRENCH.encode("cp1252"), "utf-8", None, True),
        (RUSSIAN.encode("cp1251"), "utf-8", None, True),
        (FRENCH.encode("utf-8"), "iso-8859-1", "utf-8", True),
        (FRENCH.encode("cp1252"), "windows-1252", "cp1252", False),
        (b"<html><body>plain ascii</body></html>", None, "utf-8", False),
    ],
)
def test_declared_charset_is_trusted_only_when_the_bytes_agree(
    body: bytes, declared: str | None, expected_encoding: str | None, repaired: bool
) -> None:
    text, encoding, was_repaired = decode_html(body, declared)
    assert was_repaired is repaired
    if expected_encoding:
        assert encoding == expected_encoding
    assert "\ufffd" not in text
    assert ("Montréal" in text) or ("Новости" in text) or ("plain ascii" in text)


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


def test_empty_document_is_a_page_error() -> None:
    with pytest.raises(PageError):
        _ = Page.from_bytes("http://a.example/", b"  \n ").tree
