"""A fetched page decoded once (with charset repair) and parsed once into an lxml tree.

Every later step — classification, extraction, link discovery, attribution — reads this one tree.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any
from urllib.parse import urljoin

import lxml.html
from charset_normalizer import CharsetMatch, from_bytes
from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction

logger = logging.getLogger(__name__)

# XML 1.0 forbids these; lxml refuses strings that hold them.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# The same characters written as references (``&#1;``, ``&#xFFFF;``): libxml2 puts them into the
# tree, and lxml then refuses every string holding one (a link made absolute, a tail joined when a
# node is dropped).
_CHARACTER_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")


def _without_forbidden_reference(match: re.Match[str]) -> str:
    hex_digits, digits = match.groups()
    code = int(hex_digits, 16) if hex_digits else int(digits)
    return "" if code < 0x110000 and _CONTROL_CHARS.match(chr(code)) else match.group(0)


_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([a-zA-Z0-9_\-]+)", re.I)
# XML declarations at the start: lxml refuses a str that begins with one naming an encoding (the
# text is already decoded), and an HTML parser ignores them anyway. All of them: under the first
# a second would begin the text.
_XML_DECLARATION = re.compile(r"^(?:\s*<\?xml[^>]*>)+", re.I)
# libxml2 stops building the tree at 256 levels and silently drops the rest of the document; pages
# nested deeper are flattened to this depth first (wrapper tags dropped, text kept).
MAX_NESTING = 128


class PageError(ValueError):
    """The page cannot be turned into a usable document."""


class UndecidableCharset(PageError):
    """The bytes match neither the declared charset nor any charset we can detect reliably."""


def _norm_encoding(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(body: bytes, header: str | None) -> str | None:
    """The charset the page claims: its HTTP header's, else its ``<meta charset>``."""
    if header is not None:
        return header
    match = _META_CHARSET.search(body[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def decode_html(body: bytes, declared: str | None) -> tuple[str, str, bool]:
    """Decode ``body``; return (text, encoding used, whether the declared charset was wrong).

    The declared charset (HTTP header, else ``<meta charset>``) is trusted only when the bytes agree
    with it: bytes that are not valid UTF-8 under a UTF-8 label, or valid multi-byte UTF-8 under a
    single-byte label, are re-detected.
    """
    declared = declared_charset(body, declared)
    enc = _norm_encoding(declared) or "utf-8"
    if body.startswith(codecs.BOM_UTF8):
        return body[len(codecs.BOM_UTF8) :].decode("utf-8", "replace"), "utf-8", enc != "utf-8"
    if enc == "utf-8":
        text = _utf8(body)
        if text is not None:
            return text, "utf-8", False
    else:
        if not body.isascii():
            text = _utf8(body)
            if text is not None and enc not in ("utf-16", "utf-32"):
                return text, "utf-8", True
        try:
            return body.decode(enc), enc, False
        except UnicodeDecodeError:
            pass
    best = _detect(body)
    if best is None or best.encoding is None:
        raise UndecidableCharset(f"bytes are not {enc} and no other charset fits")
    detected = _norm_encoding(best.encoding) or best.encoding
    if best.chaos > 0.2:
        raise UndecidableCharset(
            f"bytes are not {enc}; best guess {detected} looks garbled (chaos {best.chaos:.2f})"
        )
    return body.decode(detected, "replace"), detected, detected != enc


_NON_ASCII = re.compile("[^\x00-\x7f]")
# Valid multi-byte characters needed per stray byte for bytes to read as UTF-8 nonetheless: a
# legacy charset's text mislabelled UTF-8 forms a valid UTF-8 sequence only by chance (far fewer
# than one per stray). Fifty refused a UTF-8 page with a few accents and a stray byte, and the
# detector then read it as a legacy code page, every accent garbled.
_UTF8_PER_STRAY = 10


def _utf8(body: bytes) -> str | None:
    """``body`` as UTF-8, or None if it is not.

    A character cut off at the end (a page cut short in transfer) is dropped, and a few stray
    bytes in text that is otherwise plainly UTF-8 are replaced: neither is a sign of another
    charset, and re-detecting would garble every other character of the page.
    """
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.end == len(body) and exc.reason == "unexpected end of data":
            try:
                return body[: exc.start].decode("utf-8")
            except UnicodeDecodeError:
                pass
    text = body.decode("utf-8", "replace")
    strays = text.count("\ufffd") - body.count("\ufffd".encode())
    valid = len(_NON_ASCII.findall(text)) - strays
    return text if valid >= _UTF8_PER_STRAY * strays else None


# How common each legacy charset is on the web: among detections that fit about equally well,
# the more common one is the likelier truth (short texts fit several code pages).
_WEB_PRIOR = tuple(
    codecs.lookup(name).name
    for name in (
        "cp1252",
        "cp1251",
        "gbk",
        "gb18030",
        "shift_jis",
        "euc_kr",
        "cp1250",
        "big5",
        "euc_jp",
        "iso8859_15",
        "iso8859_2",
        "koi8_r",
        "cp1256",
        "cp1253",
        "cp1254",
        "cp874",
        "cp1255",
        "cp1257",
        "iso8859_9",
    )
)
_TAG = re.compile(rb"<[^>]{0,2000}>")
# C0 controls but tab and line breaks, and DEL: no charset writes text with them, and the detector
# counts each as garble (four DELs and one stray byte in a short page left it no charset at all).
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _detect(body: bytes) -> CharsetMatch | None:
    """Detect the charset from the page's text (markup stripped), breaking near-ties by prior."""
    sample = _TAG.sub(b" ", body[:200_000])
    if sample.count(0) * 10 < len(sample):  # not UTF-16/32: control bytes are noise, not text
        sample = _CONTROL_BYTES.sub(b"", sample)
    matches = list(from_bytes(sample))
    if not matches:
        return None
    floor = min(m.chaos for m in matches)
    close = [m for m in matches if m.chaos <= floor + 0.02]

    def rank(match: CharsetMatch) -> int:
        name = _norm_encoding(match.encoding) or match.encoding
        return _WEB_PRIOR.index(name) if name in _WEB_PRIOR else len(_WEB_PRIOR)

    return min(close, key=rank)


@dataclass
class Page:
    """An HTML page: its URL, decoded text and the one parsed tree shared by every step."""

    url: str
    html: str
    encoding: str = "utf-8"
    charset_repaired: bool = False
    declared: str | None = None  # the charset the page claimed (header, else <meta>)
    flattened: bool = False  # nesting deeper than libxml2 builds was flattened before parsing
    _tree: HtmlElement | None = field(default=None, repr=False)

    @classmethod
    def from_bytes(cls, url: str, body: bytes, declared_encoding: str | None = None) -> Page:
        html, encoding, repaired = decode_html(body, declared_encoding)
        return cls(
            url=url,
            html=html,
            encoding=encoding,
            charset_repaired=repaired,
            declared=declared_charset(body, declared_encoding),
        )

    @cached_property
    def tree(self) -> HtmlElement:
        """The parsed document, built on first use (raises :class:`PageError` if unusable)."""
        if self._tree is not None:
            return self._tree
        text = _CONTROL_CHARS.sub("", self.html)
        if "&#" in text:
            text = _CHARACTER_REFERENCE.sub(_without_forbidden_reference, text)
        text = _XML_DECLARATION.sub("", text, count=1)
        if not text.strip():
            raise PageError("empty document")
        tree, too_deep = _parse(text)
        if too_deep:
            tree, too_deep = _parse(flatten_nesting(text, MAX_NESTING))
            self.flattened = True
        if too_deep:
            raise PageError(f"nesting deeper than {MAX_NESTING} levels remains after flattening")
        absolute_links(tree, self.url)
        return tree


_LINK_ATTRIBUTES = etree.XPath("//@href | //@src")
_BASE_HREF = etree.XPath("//base[@href]")
# An absolute URL that urljoin would give back unchanged (it has a host; no empty query, fragment
# or parameters, whitespace or dot segment for urljoin to drop).
_PLAIN_ABSOLUTE = re.compile(r"https?://[^/?#\s\[\]]+(?:/[^\s?#;]*)?(?:\?[^\s#]+)?(?:#\S+)?\Z")
# A path from the site's root that urljoin would only put after the base's scheme and host: no
# dot segment, empty query, fragment or parameters for it to drop, no tab or newline to remove.
_PLAIN_ROOTED = re.compile(r"/(?![/\\])[^?#;\t\r\n]*(?:\?[^#\t\r\n]+)?(?:#[^\t\r\n]+)?\Z")
_HTTP_BASE = re.compile(r"(https?://[^/?#\s\\]+)(?:[/?#]|\Z)")


def absolute_links(tree: HtmlElement, base_url: str) -> None:
    """Make every ``href`` and ``src`` in ``tree`` absolute against ``base_url`` (and the page's
    ``<base href>``, which is then removed); a link that cannot be resolved is dropped.

    The attributes later steps read, in one XPath pass: lxml's ``make_links_absolute`` visits
    every attribute that can hold a URL and parses every style for ``url()``, a sixth of a page's
    extraction time for links nothing reads. The two commonest links need no ``urljoin``: an
    absolute one is kept, a plain path from the root goes after the base's scheme and host; and a
    link repeated on the page (menus, footers) is resolved once.
    """
    if _BASE_HREF(tree):
        tree.resolve_base_href(handle_failures="discard")
    host = _HTTP_BASE.match(base_url)
    rooted_base = host.group(1) if host else None
    resolved: dict[str, str | None] = {}
    for value in _LINK_ATTRIBUTES(tree):
        if value in resolved:
            new = resolved[value]
        else:
            new = resolved[value] = _resolve(base_url, rooted_base, value)
        if new is None:
            del value.getparent().attrib[value.attrname]
        elif new != value:
            value.getparent().set(value.attrname, new)


def _resolve(base_url: str, rooted_base: str | None, value: str) -> str | None:
    """``value`` joined to ``base_url`` as urljoin does (None: it cannot be)."""
    link = value.strip()
    if _PLAIN_ABSOLUTE.match(link) and "/." not in link:
        return link
    if rooted_base is not None and "/." not in link and _PLAIN_ROOTED.match(link):
        return rooted_base + link
    try:
        return urljoin(base_url, link)
    except ValueError:
        return None


# lxml.html's elements, chosen in C: lxml.html's own parser picks each element's class in Python
# (a form class for <form>, <input>... that nothing here or in trafilatura uses), a call per
# element each time the tree is walked, about a tenth of extraction's time.
_ELEMENT_CLASSES = etree.ElementDefaultClassLookup(
    element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
)


def _parse(text: str) -> tuple[HtmlElement, bool]:
    """The parsed tree, and whether libxml2 gave up on nesting too deep (dropping the rest).

    Comments and processing instructions are left out of the tree (as trafilatura's own parser
    does): they are never content, and a tree of elements and text alone is what every later walk
    expects. A comment inside a sentence no longer splits its text.
    """
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)
    parser.set_element_class_lookup(_ELEMENT_CLASSES)
    try:
        tree = lxml.html.document_fromstring(text, parser=parser)
    except (ValueError, lxml.etree.ParserError) as exc:
        if "Document is empty" in str(exc):  # markup, but not one element: a doctype, a comment
            raise PageError("empty document") from None
        raise PageError(f"cannot parse HTML: {exc}") from exc
    too_deep = any("Excessive depth" in e.message for e in parser.error_log)
    return tree, too_deep


_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"  # comments
    r"|<(script|style|textarea|title|xmp|plaintext)\b[^>]*>.*?(?:</\1\s*>|\Z)"  # raw text, kept whole
    r"|<(/?)([a-zA-Z][^\s/>]*)([^>]*)>",
    re.S | re.I,
)
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr basefont frame "
    "isindex keygen".split()
)
_CLOSE_SEARCH = 256  # how far down the open-element stack a closing tag looks for its opener


def flatten_nesting(html: str, max_depth: int) -> str:
    """``html`` with its element tags nested no deeper than ``max_depth``, all text kept.

    The outer levels (the page's frame) and the inner ones (paragraphs, links) are kept, half of
    ``max_depth`` each; the wrapper elements in between lose their tags. A tag-level pass, not a
    parser: a closing tag implicitly closes what was opened after its opener, as in HTML.
    """
    half = max(1, max_depth // 2)
    tokens: list[tuple[int, int, int]] = []  # (start, end, opener token of a closing tag or -1)
    depth_of: dict[int, int] = {}  # opening tag token -> depth
    height_of: dict[int, int] = {}  # opening tag token -> levels of elements inside it
    stack: list[list[Any]] = []  # [tag name, token, height so far]

    def close(down_to: int) -> None:
        while len(stack) > down_to:
            _, token, height = stack.pop()
            height_of[token] = height
            if stack:
                stack[-1][2] = max(stack[-1][2], height + 1)

    for m in _TOKEN.finditer(html):
        name = m.group(3)
        if name is None:  # comment or raw-text element: no nesting inside
            continue
        name = name.lower()
        index = len(tokens)
        if not m.group(2):
            tokens.append((m.start(), m.end(), -1))
            depth_of[index] = len(stack) + 1
            if name in _VOID or m.group(4).rstrip().endswith("/"):
                height_of[index] = 0
            else:
                stack.append([name, index, 0])
            continue
        for i in range(len(stack) - 1, max(-1, len(stack) - 1 - _CLOSE_SEARCH), -1):
            if stack[i][0] == name:
                tokens.append((m.start(), m.end(), stack[i][1]))
                close(i)
                break
    close(0)

    def kept(opener: int) -> bool:
        return depth_of[opener] <= half or height_of[opener] < half

    out: list[str] = []
    pos = 0
    for index, (start, end, opener) in enumerate(tokens):
        if not kept(index if opener < 0 else opener):
            out.append(html[pos:start])
            pos = end
    out.append(html[pos:])
    return "".join(out)
