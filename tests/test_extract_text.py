"""Lines that are a page's furniture, never its text (``extract.text.is_boilerplate``)."""

from __future__ import annotations

import pytest

from newsmirror.extract.text import is_boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Doe",  # a byline standing alone: the authors are read into their own field
        "BY JANE DOE",
        "Von Nina Magoley",
        "von Katja Belousova",
        "Par Jean-Pierre Dupont",
        "Por Agencia EFE",
        "di Mario Rossi",
        "Stand: 22.04.2024, 06:00 Uhr",  # German "as of" dateline
        "Posted: 03.05.2026 09:40",
        "Updated May 3, 2026",
    ],
)
def test_bylines_and_datelines_alone_are_furniture(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "By the numbers",  # a subhead: its words are not names
        "By contrast, the council said the bridge would wait.",
        "By the end of 2026 the bridge will open to cyclists.",
        "Von Kindern und Eltern",
        "Stand der Dinge ist, dass der Rat noch nicht entschieden hat.",
        "Stand up for your town: the council wants to hear from you on 3 May.",
    ],
)
def test_sentences_and_subheads_are_text(line: str) -> None:
    assert not is_boilerplate(line)
