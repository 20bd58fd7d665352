"""What every story store offers, and how a store URI picks the backend.

Pipelines talk to this interface only (no SQL outside the backends), so the Redis backend of a
distributed crawl fits in the same place.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from os import PathLike
from typing import Any, Protocol
from urllib.parse import urlsplit

from newsmirror.dedup.fingerprint import Fingerprint


class StoreError(RuntimeError):
    """The store cannot be used; the message names the file or server and what to do."""


@dataclass(frozen=True)
class CopyRecord:
    url: str
    site: str
    published: str | None
    seen_at: str
    similarity: float


@dataclass(frozen=True)
class StoredStory:
    id: str
    version: int
    record: dict[str, Any]  # the published story record
    fingerprint: Fingerprint


class StoryStore(Protocol):
    def story_for_url(self, url: str) -> str | None:
        """The story a copy URL or canonical URL already belongs to."""

    def get(self, story_id: str) -> StoredStory | None: ...

    def candidates(self, keys: list[str], max_per_key: int = 50) -> list[StoredStory]:
        """Stories sharing any key; keys shared by more than ``max_per_key`` stories are template."""

    def add_story(self, story: StoredStory, copy: CopyRecord) -> None: ...

    def join(self, story: StoredStory, copy: CopyRecord, *, changed: bool) -> None:
        """Add ``copy`` to ``story`` (its merged fingerprint and record); bump the version if
        the canonical record ``changed``."""

    def copies(self, story_id: str) -> list[CopyRecord]: ...

    def mark_url(
        self, url: str, status: str, fetched_at: str, story_id: str | None = None
    ) -> None: ...

    def url_fetched_at(self, url: str) -> str | None: ...

    def iter_stories(
        self, since: str | None = None, origin: str | None = None
    ) -> Iterator[StoredStory]: ...

    def count(self) -> int: ...

    def close(self) -> None: ...


def open_store(uri: str | PathLike[str]) -> StoryStore:
    """``sqlite:///path/store.db`` (or a bare path) -> the SQLite store."""
    uri = str(uri)
    parts = urlsplit(uri)
    if parts.scheme in ("sqlite", ""):
        from newsmirror.store.sqlite import SQLiteStore

        path = parts.path if parts.scheme else uri
        if parts.scheme and parts.netloc:
            path = parts.netloc + parts.path  # sqlite://relative/path.db
        return SQLiteStore(path)
    raise StoreError(
        f"NEWSMIRROR_STORE={uri!r}: unknown scheme {parts.scheme!r} (use sqlite:///path)"
    )
