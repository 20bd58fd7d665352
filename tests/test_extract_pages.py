"""Extraction on saved pages of templates unlike the sample web's, against golden expectations.

Each folder under ``tests/pages/`` holds ``input.html`` and ``expected.json``: the page kind and, for
articles, title, authors, dates, language, image, paragraph openings that must be in the text (in
order) and template strings that must not.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsmirror.extract import PageKind, extract_article
from newsmirror.page import Page

PAGES = sorted(p for p in (Path(__file__).parent / "pages").iterdir() if p.is_dir())


@pytest.mark.parametrize("folder", PAGES, ids=[p.name for p in PAGES])
def test_saved_page_extracts_as_expected(folder: Path) -> None:
    expected: dict[str, Any] = json.loads((folder / "expected.json").read_text("utf-8"))
    page = Page.from_bytes(expected["url"], (folder / "input.html").read_bytes())
    article = extract_article(page.url, page.tree)
    assert article.kind == PageKind(expected["kind"])
    if article.kind is not PageKind.ARTICLE:
        return
    for field in ("title", "authors", "published", "modified", "language"):
        assert getattr(article, field) == expected[field], field
    assert article.metadata.image == expected["image"]
    positions = []
    for opening in expected["paragraphs"]:
        hits = [i for i, p in enumerate(article.paragraphs) if p.startswith(opening)]
        assert hits, f"paragraph starting {opening!r} missing from {article.paragraphs}"
        positions.append(hits[0])
    assert positions == sorted(positions)
    for template in expected["not_in_text"]:
        assert template not in article.text
