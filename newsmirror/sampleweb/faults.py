"""Parse faults of the sample web: broken markup and lying charsets on the Babel Mirror aggregator.

Every faulty page but two is a copy of an original on an origin site, so a test can check that the
copy reads like its original. The bytes are made here from the page's correct HTML.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

DEEP_NESTING = 10_000

# fault -> (language of the story it copies, bytes' encoding, charset in the Content-Type header,
# charset in <meta charset>)
CHARSET_FAULTS: dict[str, tuple[str, str, str | None, str]] = {
    "cp1251-as-utf8": ("ru", "cp1251", "utf-8", "utf-8"),
    "gbk-as-utf8": ("zh", "gbk", None, "utf-8"),
    "shift_jis-as-utf8": ("ja", "shift_jis", "utf-8", "utf-8"),
    "utf8-as-cp1251": ("ru", "utf-8", "windows-1251", "windows-1251"),
    "utf8-as-gbk": ("zh", "utf-8", None, "gbk"),
    "utf8-as-shift_jis": ("ja", "utf-8", "Shift_JIS", "Shift_JIS"),
}
# Copies of English stories with broken markup; each still yields its article.
MARKUP_FAULTS = ("unclosed-tags", "deep-nesting", "nul-bytes", "cut-mid-tag")
# Pages that yield no article: skipped with a log line and a stat.
UNUSABLE_FAULTS = ("nul-only", "charset-undecidable")


@dataclass(frozen=True)
class Served:
    """How a faulty page goes on the wire."""

    content_type: str
    body: bytes


def content_type(charset: str | None) -> str:
    return f"text/html; charset={charset}" if charset else "text/html"


def mislabel(html: str, fault: str) -> Served:
    """The page in the fault's byte encoding, declared with the fault's (wrong) charsets."""
    _, encoding, header, meta = CHARSET_FAULTS[fault]
    html = html.replace('<meta charset="utf-8">', f'<meta charset="{meta}">', 1)
    return Served(content_type(header), html.encode(encoding))


_CLOSING = re.compile(r"</(p|div|span|li|td|tr|body|html)>")


def break_markup(html: str, fault: str, keep_paragraphs: int) -> Served:
    """The page with its markup broken the fault's way (UTF-8, declared so)."""
    if fault == "unclosed-tags":
        broken = _CLOSING.sub("", html)
    elif fault == "deep-nesting":
        start = html.index('<div class="article-body">')
        end = html.index("</article>")
        broken = (
            html[:start]
            + '<div class="wrap">' * DEEP_NESTING
            + html[start:end]
            + "</div>" * DEEP_NESTING
            + html[end:]
        )
    elif fault == "nul-bytes":
        # In text, in words and inside tags: browsers drop them, so must we.
        broken = re.sub(r"(\w{3})(\w)", "\\1\x00\\2", html).replace("<p>", "<p\x00>")
    elif fault == "cut-mid-tag":
        # Cut inside the opening tag of the first paragraph not kept: the transfer stopped there.
        at = _nth(html, "<p>", keep_paragraphs + 1)
        broken = html[: at + 2]
    else:
        raise ValueError(fault)
    return Served(content_type("utf-8"), broken.encode("utf-8"))


def _nth(html: str, needle: str, n: int) -> int:
    """Index of the ``n``-th (1-based) ``needle`` in the article body."""
    at = html.index('<div class="article-body">')
    for _ in range(n):
        at = html.index(needle, at + 1)
    return at


def nul_only(size: int = 4096) -> Served:
    """A page of NUL bytes and whitespace: nothing to parse."""
    return Served(content_type("utf-8"), (b"\x00" * 63 + b"\n") * (size // 64))


def undecidable(rng: random.Random, paragraphs: dict[str, list[str]]) -> Served:
    """Paragraphs in three legacy charsets and runs of random high bytes, labelled UTF-8.

    No single charset reads it: whatever one is picked, part of the page comes out as mojibake.
    """
    parts = [b'<html><head><meta charset="utf-8"><title>?</title></head><body><article>']
    for language, encoding in (("ru", "cp1251"), ("zh", "gbk"), ("ja", "shift_jis")):
        for paragraph in paragraphs[language][:2]:
            parts.append(b"<p>" + paragraph.encode(encoding) + b"</p>")
            parts.append(b"<p>" + bytes(rng.randrange(0x80, 0x100) for _ in range(120)) + b"</p>")
    parts.append(b"</article></body></html>")
    return Served(content_type("utf-8"), b"".join(parts))
