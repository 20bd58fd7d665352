"""The realweb pages (``../shared/realweb``, third-party: read in place, never copied here) and
the path a crawl takes with each page: decode, parse, classify and extract, origin, story record."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from newsmirror.extract import extract_article
from newsmirror.items import Article
from newsmirror.origin import PublisherTable, detect_origin, load_publishers
from newsmirror.page import Page
from newsmirror.pipelines.story import build_story
from newsmirror.urls import host_of

REALWEB = Path(__file__).resolve().parent.parent.parent / "shared" / "realweb"
SOURCES = ("fundus", "readability", "trafilatura")

needs_realweb = pytest.mark.skipif(
    not (REALWEB / "score.py").is_file(),
    reason=f"the realweb pages are not at {REALWEB} (../shared/realweb from the repository)",
)


@dataclass(frozen=True)
class RealPage:
    id: str
    source: str
    url: str  # the manifest's, or a stand-in on the page's id where it has none
    file: Path
    expected: dict[str, Any]

    def body(self) -> bytes:
        return gzip.decompress(self.file.read_bytes())


@cache
def real_pages() -> tuple[RealPage, ...]:
    pages = []
    for source in SOURCES:
        with (REALWEB / f"{source}.jsonl").open(encoding="utf-8") as lines:
            for line in lines:
                rec = json.loads(line)
                url = rec["url"] or f"https://realweb.invalid/{source}/{rec['id']}"
                pages.append(RealPage(rec["id"], source, url, REALWEB / rec["file"], rec))
    return tuple(pages)


@cache
def publishers() -> PublisherTable:
    return load_publishers()


def crawl_path(url: str, body: bytes, declared: str | None = None) -> dict[str, Any]:
    """What a crawl makes of the page ``body`` fetched from ``url``: its kind and, whatever that
    kind is (a crawl stops at articles; this goes on, to try every step), its story record."""
    page = Page.from_bytes(url, body, declared)
    tree = page.tree
    extracted = extract_article(url, tree)
    meta = extracted.metadata
    article = Article(
        url=url,
        site=host_of(url),
        title=extracted.title or "",
        text=extracted.text,
        paragraphs=extracted.paragraphs,
        authors=extracted.authors,
        published=extracted.published,
        modified=extracted.modified,
        language=extracted.language,
        image=meta.image,
        canonical=meta.canonical,
        og_url=meta.og_url,
        fetched_at="2026-01-01T00:00:00+00:00",
        metadata=meta,
        page=page,
    )
    result = detect_origin(url, tree, article.paragraphs, publishers(), meta)
    article.paragraphs = result.paragraphs
    article.text = "\n\n".join(result.paragraphs)
    article.origin = result.origin
    story = build_story(article)
    return {
        "kind": str(extracted.kind),
        "title": story.title,
        "text": story.text,
        "authors": story.authors,
        "published": story.published,
        "modified": story.modified,
        "language": story.language,
        "origin": story.origin,
        "canonical_url": story.canonical_url,
    }


def iter_pages(source: str | None = None) -> Iterator[RealPage]:
    return (p for p in real_pages() if source is None or p.source == source)
