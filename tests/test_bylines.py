"""Bylines and datelines are not story text, in any of the sample web's languages (issue 18)."""

from __future__ import annotations

import re

from newsmirror.extract import extract_article
from newsmirror.page import Page
from newsmirror.sampleweb import SampleWeb

_YEAR = re.compile(r"\b20\d\d\b")


def test_no_extracted_paragraph_is_a_byline_with_its_date() -> None:
    web = SampleWeb(seed=1, stories=30)
    truth = web.truth()
    checked = 0
    seen_languages: set[str] = set()
    for page in truth["pages"]:
        if page["kind"] != "article" or page.get("hostile") or not page.get("authors"):
            continue
        status, _headers, body = web.fetch(page["url"])
        if status != 200:
            continue
        parsed = Page.from_bytes(page["url"], body, None)
        article = extract_article(page["url"], parsed.tree)
        for paragraph in article.paragraphs:
            byline = any(name in paragraph[:120] for name in page["authors"])
            assert not (byline and _YEAR.search(paragraph) and len(paragraph) < 160), (
                page["url"],
                paragraph,
            )
        checked += 1
        seen_languages.add(page.get("language") or "")
    languages = len(seen_languages)
    assert checked >= 50
    assert languages >= 2
