"""Story records agree with themselves after every join, merge and promotion, whatever the order
pages come in (issue 18, item 4): a property test over random orders of the sample web's pages."""

from __future__ import annotations

import random
import tempfile
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from newsmirror.pipelines.dedup import final_record
from newsmirror.sampleweb import SampleWeb
from newsmirror.store import open_store
from newsmirror.urls import story_id
from tests.dedup_corpus import _place_all


@cache
def _pages() -> tuple[dict[str, Any], ...]:
    truth = SampleWeb(seed=4, stories=40).truth()
    return tuple(p for p in truth["pages"] if p["kind"] == "article" and not p.get("hostile"))


def _problems(record: Any, copy_urls: dict[str, str]) -> list[str]:
    """What in one written record contradicts the rest of it, or another story."""
    out = []
    origin = record.origin or {}
    if record.id != story_id(record.canonical_url):
        out.append("id is not its canonical URL's")
    if record.text_source == "original" and urlsplit(record.canonical_url).hostname != record.site:
        out.append(f"read from the original, but site {record.site} is not the canonical URL's")
    if origin.get("verified") is True:
        if record.text_source != "original":
            out.append("origin verified, but the text is a copy's")
        if origin.get("url") != record.canonical_url:
            out.append(f"origin verified, but its url {origin.get('url')} is not the canonical URL")
    if record.text_source == "copy" and not origin:
        out.append("text from a copy, but no origin named")
    holder = copy_urls.get(record.canonical_url)
    if holder is not None and holder != record.id:
        out.append("its canonical URL is a page of another story")
    for copy in record.copies:
        reads_as = copy["url"] == record.canonical_url and record.text_source == "original"
        if reads_as and copy["similarity"] != 1.0:
            out.append(f"the page it reads as has similarity {copy['similarity']}")
    return out


@settings(max_examples=5, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_records_agree_with_themselves_whatever_the_order(seed: int) -> None:
    pages = list(_pages())
    random.Random(seed).shuffle(pages)
    with tempfile.TemporaryDirectory() as tmp:
        uri = f"sqlite:///{tmp}/store.db"
        _place_all(uri, pages, pages)
        store = open_store(uri)
        try:
            written = [final_record(store, s, {})[0] for s in store.iter_stories()]
        finally:
            store.close()
    copy_urls = {c["url"]: r.id for r in written for c in r.copies}
    problems = {r.id: p for r in written if (p := _problems(r, copy_urls))}
    assert not problems, problems
