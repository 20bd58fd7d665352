"""The attribution patterns' pruning look-ahead after a publisher never changes what they match."""

from __future__ import annotations

import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsmirror.origin.patterns import _PUB_END, PATTERNS

# Each pattern as it would be without the look-ahead: the reference it must agree with.
UNPRUNED = [re.compile(p.regex.pattern.replace(_PUB_END, ""), p.regex.flags) for p in PATTERNS]

# Attribution lines are built from an opening wording, a publisher and what may close them, with
# or without spaces between.
OPENINGS = [
    "This post appeared first on",
    "The post A Title appeared first on",
    "This article was originally published on",
    "Originally published at",
    "Read the original article on",
    "This article is republished from",
    "Courtesy of",
    "Source:",
    "Quelle:",
    "via",
    "(via",
    "( Via:",
    "Der Beitrag Ein Titel erschien zuerst auf",
    "L'article Un titre est apparu en premier sur",
]
PUBLISHERS = ["cnn.com", "NBC NEWS", "The GitHub Blog", "https://www.reuters.com/world/a-story"]
# What can follow a publisher: quotes, brackets, punctuation, a licence, "read more" trails.
CLOSINGS = [
    "",
    ")",
    '"',
    "”",
    "»",
    "’",
    "'",
    ".",
    "!",
    "?",
    "…",
    ":",
    "|",
    "-",
    "–",
    "—",
    "under a Creative Commons license",
    "Read the entire article here",
    "Read more",
    "READ MORE",
    "Continue reading",
    "lire la suite",
    "Weiterlesen",
    "leer más",
    "leggi tutto",
]
SPACES = ["", " ", "\n"]


def _agree(text: str) -> None:
    for pattern, unpruned in zip(PATTERNS, UNPRUNED, strict=True):
        got, want = pattern.regex.search(text), unpruned.search(text)
        assert (got and (got.span(), got.groupdict())) == (
            want and (want.span(), want.groupdict())
        ), (pattern.family, text)


def test_every_opening_publisher_and_closing_agree() -> None:
    """Every opening with a publisher, then a mark or none, then any closing, spaced or not."""
    marks = [c for c in CLOSINGS if len(c) <= 1]
    for opening, publisher in zip(OPENINGS, itertools.cycle(PUBLISHERS)):
        for mark, space, closing, end in itertools.product(marks, SPACES, CLOSINGS, ["", " ", "."]):
            _agree(f"{opening} {publisher}{mark}{space}{closing}{end}")


NOISE = st.one_of(st.sampled_from(CLOSINGS + OPENINGS + PUBLISHERS), st.text(max_size=8))


@st.composite
def lines(draw: st.DrawFn) -> str:
    parts = [draw(st.sampled_from(OPENINGS)), draw(st.sampled_from(PUBLISHERS))]
    parts += draw(st.lists(NOISE, max_size=3))
    if draw(st.booleans()):
        parts.insert(0, draw(NOISE))
    separators = st.sampled_from(["", " ", "  ", "\n", " - ", ". "])
    return "".join(part + draw(separators) for part in parts)


@settings(max_examples=500, deadline=None)
@given(lines())
def test_lines_with_words_around_agree(text: str) -> None:
    _agree(text)
