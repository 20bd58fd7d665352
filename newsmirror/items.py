"""Items: the article a spider extracts from one page, and the story newsmirror publishes.

``Article`` is internal: it carries the parsed page so later pipelines (attribution, dedup) read the
HTML without parsing it again. ``Story`` is the published record, one JSON object per line; the
docs/records.md documents every field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from newsmirror.extract.metadata import Metadata
from newsmirror.origin.detect import Origin
from newsmirror.page import Page


@dataclass
class Article:
    """One article page as extracted, before origin detection and deduplication."""

    url: str
    site: str
    title: str
    text: str
    paragraphs: list[str]
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    language: str | None = None
    image: str | None = None
    canonical: str | None = None
    og_url: str | None = None
    fetched_at: str = ""
    origin: Origin | None = None
    # Where the text was read: "html" (the page as fetched), "state" (the serialized state a
    # JavaScript page ships), "browser" (the page rendered in Chromium).
    text_from: str = "html"
    metadata: Metadata | None = field(default=None, repr=False, compare=False)
    page: Page | None = field(default=None, repr=False, compare=False)


@dataclass
class Copy:
    """One page on which a story was seen."""

    url: str
    site: str
    published: str | None
    seen_at: str
    similarity: float = 1.0


@dataclass
class Story:
    """The published record of one story (see docs/records.md)."""

    id: str
    canonical_url: str
    title: str
    text: str
    authors: list[str]
    published: str | None
    modified: str | None
    language: str | None
    image: str | None
    site: str
    origin: dict[str, Any] | None
    copies: list[dict[str, Any]]
    first_seen: str
    text_source: str
    # How the text was read from its page: "html", "state" (serialized state), "browser".
    text_from: str = "html"
    version: int = 0  # 0 until the story store placed it; consumers upsert by id, keep the highest
    # Ids of stories written before that turned out to be this one (consumers delete them).
    replaces: list[str] = field(default_factory=list)


@dataclass
class Sighting:
    """A copy of a story already known: recorded in the store, written to the sightings feed."""

    story_id: str
    url: str
    site: str
    published: str | None
    seen_at: str
    similarity: float
