"""The sample web's data: sites, original stories and the pages that copy them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newsmirror.sampleweb.text import Draft


@dataclass(frozen=True)
class SiteInfo:
    host: str
    name: str
    role: str  # "origin" | "aggregator"
    language: str
    template: str
    utc_offset_hours: int
    needs_browser: bool = False

    @property
    def home(self) -> str:
        return f"http://{self.host}/"


@dataclass
class Story:
    id: str
    draft: Draft
    language: str
    site: SiteInfo
    url: str
    slug: str
    published: datetime
    modified: datetime
    image: str
    section: str


@dataclass
class Post:
    """An article page on any site: an original, a copy, or an aggregator's own post."""

    site: SiteInfo
    url: str
    slug: str
    title: str
    paragraphs: list[str]
    authors: list[str]
    published: datetime
    modified: datetime
    image: str
    language: str
    category: str
    story: Story | None = None
    is_copy: bool = False
    transformations: list[str] = field(default_factory=list)
    attribution: dict[str, Any] | None = None
    # paragraph index -> inserted block html (-1: before the first paragraph)
    inserts: dict[int, str] = field(default_factory=dict)
    boilerplate: list[str] = field(default_factory=list)
    read_more: str | None = None  # link to the original for truncated copies
    read_more_text: str = "Continue reading"
    updated_line: str | None = None
    hostile: str | None = None
    kind: str = "article"
    topic: str = "news"  # the tag its site files it under
    # Metamorphic switches only (metamorphic.py): the network widget, placed by the theme, and
    # how many nested wrappers enclose the body.
    widget: str = ""
    wrappers: int = 0
