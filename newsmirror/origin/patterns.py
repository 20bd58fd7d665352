"""Attribution-line patterns: the wordings aggregators, SEO and feed-to-post plugins put on copies.

Each pattern matches a whole sentence that ends its block (the usual place), capturing the publisher
expression (``pub``) and, for the SEO footers, the original's title (``title``). Wording that only
*contains* the words inside an ordinary sentence does not match: the sentence must start with the
attribution and end with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from typing import Generic, TypeVar


class Needs(StrEnum):
    """What a match must also have before it counts as an attribution."""

    ANY = "any"  # a publisher we can name, or a link
    LINK = "link"  # an off-site link (the wording names no publisher: "this site", "here")
    KNOWN = "known"  # a publisher in the table, a domain, or a link (loose wordings: Source:, Via)


@dataclass(frozen=True)
class LinePattern:
    family: str
    regex: re.Pattern[str]
    needs: Needs = Needs.ANY
    whole_block: bool = False  # the block must hold nothing but the line
    # Lower-case words one of which the line must contain: a cheap test before the regex.
    keywords: tuple[str, ...] = ()


# The line starts the block or a sentence. The regex is tried at every position of the block: the
# one-character look behind for a space turns most positions away before the longer ones run.
_START = r"(?:^|(?<=\s)(?:(?<=[.!?…]\s)|(?<=[.!?…][\"”»)\]]\s)|(?<=\s[-–—|]\s)))"
# A publisher can only end where what follows it can start: a closing quote, a space, punctuation,
# ")" (``via``), the start of a "read more" trail (r, c, l, w), or the end. Testing that first
# spares the lazy group trying the trail after every character of the name; it never changes a
# match (``tests/test_origin_patterns.py`` checks the patterns against the same without it).
_PUB_END = r"(?=[\s\"“”»’'.!\-–—|:)rclw]|$)"
# A name is short; a URL written out in full ("Originally published at https://…") may be long.
_PUB = rf"[\"“”«‘']?(?P<pub>https?://\S{{2,2000}}?|[^\n]{{2,120}}?){_PUB_END}[\"“”»’']?"
_TRAIL = (
    r"[\s.!]*(?:[-–—|:]?\s*(?:read\s+(?:the\s+)?(?:entire|full|original|complete|rest\s+of\s+the)"
    r"\s+(?:article|story|post|piece)(?:\s+(?:here|there))?|continue\s+reading|read\s+more|"
    r"lire\s+la\s+suite|weiterlesen|leer\s+más|leggi\s+(?:tutto|l'articolo))\s*[.!]?)?[\s.]*$"
)
_ITEM = r"(?:post|article|story|entry|piece|item|report|content|blog\s+post)"


def _p(
    family: str,
    keywords: str,
    body: str,
    needs: Needs = Needs.ANY,
    whole_block: bool = False,
) -> LinePattern:
    regex = re.compile(_START + body + _TRAIL, re.I | re.S)
    return LinePattern(family, regex, needs, whole_block, tuple(keywords.split("|")))


PATTERNS: tuple[LinePattern, ...] = (
    # "This post appeared first on cnn.com" / Yoast "The post TITLE appeared first on SITE."
    # / All in One SEO "The post TITLE first appeared on SITE."
    _p(
        "appeared-first",
        "appeared|first",
        rf"(?:this|the)\s+{_ITEM}\s+(?:(?P<title>.{{1,300}}?)\s+)?(?:appeared\s+first|first\s+appeared"
        rf"|was\s+first\s+published|was\s+published\s+first|first\s+ran|was\s+first\s+posted)"
        rf"\s+(?:on|in|at|by)\s+{_PUB}",
    ),
    _p(
        "appeared-first-de",
        "zuerst",
        rf"(?:der|dieser)\s+(?:beitrag|artikel|post)\s+(?:(?P<title>.{{1,300}}?)\s+)?"
        rf"(?:erschien|ist)\s+zuerst\s+(?:auf|bei|in|erschienen\s+(?:auf|bei|in))\s+{_PUB}",
    ),
    _p(
        "appeared-first-fr",
        "premier|initialement|abord|originellement|paru",
        rf"(?:l[’']article|le\s+billet|l[’']entrée|cet\s+article|ce\s+billet)\s+"
        rf"(?:(?P<title>.{{1,300}}?)\s+)?(?:est\s+apparu\s+en\s+premier|est\s+paru\s+en\s+premier"
        rf"|a\s+d[’']abord\s+été\s+publié|a\s+été\s+(?:initialement|d[’']abord|originellement)\s+publié"
        rf"|est\s+(?:initialement|d[’']abord)\s+paru)\s+(?:sur|dans|par)\s+{_PUB}",
    ),
    _p(
        "appeared-first-es",
        "primero|originalmente",
        rf"(?:la\s+entrada|el\s+art[ií]culo|la\s+publicaci[oó]n|el\s+post|esta\s+entrada"
        rf"|este\s+art[ií]culo)\s+(?:(?P<title>.{{1,300}}?)\s+)?(?:se\s+public[oó]\s+primero"
        rf"|apareci[oó]\s+primero|fue\s+publicad[oa]\s+(?:originalmente|primero)"
        rf"|se\s+public[oó]\s+originalmente)\s+(?:en|por)\s+{_PUB}",
    ),
    _p(
        "appeared-first-it",
        "primo|proviene|originariamente|prima volta",
        rf"(?:l[’']articolo|il\s+post|questo\s+articolo)\s+(?:(?P<title>.{{1,300}}?)\s+)?"
        rf"(?:sembra\s+essere\s+il\s+primo\s+su|proviene\s+da|è\s+apparso\s+per\s+primo\s+su"
        rf"|è\s+stato\s+pubblicato\s+(?:per\s+la\s+prima\s+volta|originariamente)\s+su)\s+{_PUB}",
    ),
    _p(
        "appeared-first-pt",
        "primeiro|originalmente",
        rf"(?:o\s+(?:post|artigo)|a\s+(?:entrada|publica[cç][aã]o|mat[eé]ria)|este\s+artigo)\s+"
        rf"(?:(?P<title>.{{1,300}}?)\s+)?(?:apareceu\s+primeiro|foi\s+publicad[oa]\s+primeiro"
        rf"|foi\s+publicad[oa]\s+originalmente|apareceu\s+originalmente)\s+(?:em|no|na|por)\s+{_PUB}",
    ),
    _p(
        "appeared-first-nl",
        "eerst",
        rf"(?:het\s+(?:bericht|artikel)|dit\s+(?:bericht|artikel))\s+(?:(?P<title>.{{1,300}}?)\s+)?"
        rf"(?:verscheen\s+(?:eerst|als\s+eerste)|is\s+eerst\s+verschenen|werd\s+eerst\s+gepubliceerd)"
        rf"\s+(?:op|in|bij)\s+{_PUB}",
    ),
    # Yoast's Turkish: "%%POSTLINK%% yazısı ilk önce %%BLOGLINK%% üzerinde ortaya çıktı."
    _p(
        "appeared-first-tr",
        "yazısı",
        rf"(?:(?P<title>.{{1,300}}?)\s+)?yazısı\s+ilk\s+(?:önce|olarak)\s+{_PUB}"
        r"\s+(?:üzerinde|sitesinde)\s+(?:ortaya\s+çıktı|yayınlandı)",
    ),
    # "This post was originally published on this site" (feed-to-post plugins; links the original)
    _p(
        "originally-published",
        "originally|first",
        rf"(?:(?:a\s+version\s+of\s+)?(?:this|the)\s+{_ITEM}\s+(?:was\s+|is\s+)?|it\s+was\s+)?"
        rf"(?:originally|first)"
        rf"\s+(?:published|posted|appeared|ran|syndicated)\s+(?:at|on|in|by|to)\s+{_PUB}",
    ),
    _p(
        "content-here",
        "originally",
        rf"(?:this|the)\s+{_ITEM}\s+was\s+originally\s+published\s+(?P<pub>here)",
        Needs.LINK,
    ),
    _p(
        "read-original",
        "original",
        rf"read\s+the\s+original\s+(?:{_ITEM}|version)(?:\s+(?:on|at|in)\s+{_PUB})?",
        Needs.LINK,
    ),
    _p(
        "read-original-named",
        "original",
        rf"read\s+the\s+original\s+(?:{_ITEM}|version)\s+(?:on|at|in)\s+{_PUB}",
    ),
    _p(
        "republished",
        "republish|reprint|repost|syndicat|shared",
        rf"(?:(?:this|the)\s+{_ITEM}\s+(?:is|was|has\s+been)\s+)?(?:republished|reprinted|reposted"
        rf"|syndicated|shared)\s+(?:with\s+(?:the\s+)?(?:kind\s+)?permission\s+(?:from|of)|from|courtesy\s+of)"
        rf"\s+{_PUB}(?:\s+under\s+(?:a|the)\s+creative\s+commons\s+licen[cs]e(?:\s*\([^)]*\))?)?",
    ),
    _p(
        "courtesy",
        "courtesy|reprinted|syndicated",
        rf"(?:{_ITEM}\s+)?(?:courtesy\s+of|reprinted\s+from|syndicated\s+from)\s+{_PUB}",
        Needs.KNOWN,
    ),
    _p(
        "source-line",
        "source|quelle|fuente|fonte|bron|origine|kaynak",
        rf"(?:source|sources|quelle|quellen|fuente|fonte|bron|origine|kaynak)\s*[:：]\s*{_PUB}",
        Needs.KNOWN,
        whole_block=True,
    ),
    _p("via-line", "via", rf"\(?\s*via\s*:?\s+{_PUB}\s*\)?", Needs.KNOWN, whole_block=True),
    # "(via NBC News)" closing a paragraph: the parentheses set it off from the sentence.
    _p("via-paren", "via", rf"\(\s*via\s*:?\s+{_PUB}\s*\)", Needs.KNOWN),
    # A truncated copy's tail: "Read the full story at X", "Continue reading at X »", "Lire la
    # suite sur X", "Weiterlesen bei X", "Seguir leyendo en X" — only as a block of its own. It
    # says the text goes on at X: a publisher's name the table does not know counts too.
    _p(
        "read-on",
        "full story|full article|continue reading|keep reading|suite|weiterlesen|leyendo",
        r"(?:read\s+(?:the\s+)?(?:full|whole|entire|rest\s+of\s+the)\s+(?:story|article|post)"
        r"|continue\s+reading|keep\s+reading|lire\s+la\s+suite|weiterlesen"
        r"|seguir\s+leyendo|continuar\s+leyendo)"
        rf"\s+(?:at|on|in|sur|bei|auf|en|su)\s*:?\s+{_PUB}\s*[»›>]*",
        whole_block=True,
    ),
    # "Read more on X" is also how a site sends its readers to a topic ("Read more on Brexit"):
    # only a publisher the table knows, a domain or a link.
    _p(
        "read-on",
        "read more|leer más",
        rf"(?:read\s+more|leer\s+más)\s+(?:at|on|in|en)\s*:?\s+{_PUB}\s*[»›>]*",
        Needs.KNOWN,
        whole_block=True,
    ),
    # A feed importer's bare "Read More" (Feedzy) after the copy: the link is the original's.
    _p("read-more-link", "read more", r"read\s+more\s*[»›>]*", Needs.LINK, whole_block=True),
)


def _keyword_bits() -> tuple[int, tuple[tuple[str, int], ...]]:
    always = 0
    bits: dict[str, int] = {}
    for i, pattern in enumerate(PATTERNS):
        if not pattern.keywords:
            always |= 1 << i
        for keyword in pattern.keywords:
            bits[keyword] = bits.get(keyword, 0) | 1 << i
    return always, tuple(bits.items())


# Each keyword once, with the patterns (one bit each) that need it.
_ALWAYS, _KEYWORD_BITS = _keyword_bits()


def candidates(lowered: str) -> tuple[LinePattern, ...]:
    """The patterns, in order, that can match a block whose lower-cased text is ``lowered``.

    A pattern needs one of its keywords in the text: each keyword is looked for once, however
    many patterns share it.
    """
    mask = _ALWAYS
    for keyword, bits in _KEYWORD_BITS:
        if keyword in lowered:
            mask |= bits
    chosen = _BY_MASK.get(mask)
    if chosen is None:
        chosen = tuple(pattern for i, pattern in enumerate(PATTERNS) if mask >> i & 1)
        if len(_BY_MASK) < 4096:  # pages hold few keyword combinations; bounded all the same
            _BY_MASK[mask] = chosen
    return chosen


# The patterns each keyword mask selects, listed once.
_BY_MASK: dict[int, tuple[LinePattern, ...]] = {}


# A site's template repeats its line, word for word, on page after page (more than half the
# blocks read on the sample web and in the corpus are repeats): what is worked out from a short
# text is kept. Kept: 4096 texts of at most 500 characters (2 MB of ASCII text; an attribution
# line is shorter).
CACHED_TEXTS = 4096
CACHED_TEXT_CHARS = 500
T = TypeVar("T")


class ShortTextMemo(Generic[T]):
    """``fn(text)``, worked out once for each text of at most ``CACHED_TEXT_CHARS`` characters
    (the ``CACHED_TEXTS`` most recent are kept) and every time for longer ones."""

    def __init__(self, fn: Callable[[str], T]) -> None:
        self._fn = fn
        self._cached = lru_cache(maxsize=CACHED_TEXTS)(fn)

    def __call__(self, text: str) -> T:
        return self._cached(text) if len(text) <= CACHED_TEXT_CHARS else self._fn(text)

    def cache_clear(self) -> None:
        self._cached.cache_clear()


def _matches(text: str) -> tuple[tuple[LinePattern, re.Match[str]], ...]:
    """Each pattern that matches somewhere in ``text``, with its match, in pattern order."""
    found = []
    for pattern in candidates(text.lower()):
        match = pattern.regex.search(text)
        if match is not None:
            found.append((pattern, match))
    return tuple(found)


matches = ShortTextMemo(_matches)
