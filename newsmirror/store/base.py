"""What every story store offers, and how a store URI picks the backend.

Pipelines talk to this interface only (no SQL outside the backends), so the Redis backend of a
distributed crawl fits in the same place.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from os import PathLike
from typing import Any, Protocol
from urllib.parse import urlsplit

from newsmirror.dedup.fingerprint import Fingerprint


class StoreError(RuntimeError):
    """The store cannot be used; the message names the file or server and what to do."""


class StoreUnavailable(StoreError):
    """The store's server went away during the crawl and did not come back in time."""


class StoreDamaged(StoreError):
    """The store's file is damaged or incomplete; the message says which command rebuilds it."""


class StoreUnreadable(StoreError):
    """The store's file (or its directory) cannot be read or opened: not a sign of damage."""


class StoreWriteFailed(StoreError):
    """A write to the store failed (disk full, I/O error): nothing of that write was kept."""


class StoreMissing(StoreError):
    """Opened read-only, the store does not exist yet (nothing was ever placed in it)."""


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
    exported: int = 0  # the last version written to a canonical feed


class StoryStore(Protocol):
    def atomic(self) -> AbstractContextManager[None]:
        """Make a lookup-then-write sequence atomic against other processes sharing the store."""

    def story_for_url(self, url: str) -> str | None:
        """The story a copy URL or canonical URL already belongs to."""

    def stories_for_urls(self, urls: list[str]) -> dict[str, str]:
        """:meth:`story_for_url` of each of ``urls`` in one go, for those that have a story."""

    def get(self, story_id: str) -> StoredStory | None: ...

    def candidates(self, keys: list[str], max_per_key: int = 50) -> list[StoredStory]:
        """Stories sharing any key; keys shared by more than ``max_per_key`` stories are template."""

    def add_story(self, story: StoredStory, copy: CopyRecord) -> None: ...

    def join(self, story: StoredStory, copy: CopyRecord, *, changed: bool) -> None:
        """Add ``copy`` to ``story`` (its merged fingerprint and record); bump the version if
        the canonical record ``changed``."""

    def absorb(self, story: StoredStory, absorbed: list[StoredStory], copy: CopyRecord) -> None:
        """Write ``story`` (its id may be new) as the union of the ``absorbed`` stories and
        ``copy``: their copies and index keys become its own, their rows go, its version is
        bumped."""

    def copies(self, story_id: str) -> list[CopyRecord]: ...

    def mark_url(
        self, url: str, status: str, fetched_at: str, story_id: str | None = None
    ) -> None: ...

    def count_blocks(self, site: str, keys: list[str]) -> None:
        """One more page of ``site`` holds each of these text blocks (see dedup.template)."""

    def block_counts(self, site: str, keys: list[str] | None = None) -> dict[str, int]:
        """How many pages of ``site`` hold each of these blocks (``keys``, or all it counted)."""

    def put_print(self, url: str, fingerprint: Fingerprint) -> None:
        """Keep the fingerprint of the copy at ``url`` (its text as placed)."""

    def prints(self, urls: list[str]) -> dict[str, Fingerprint]:
        """The fingerprints kept for those copies (copies placed before they were kept: none)."""

    def url_fetched_at(self, url: str) -> str | None:
        """When ``url`` last gave an article (None if never)."""

    def urls_with_status(self, status: str, limit: int = 10_000) -> list[str]: ...

    def iter_stories(
        self, since: str | None = None, origin: str | None = None
    ) -> Iterator[StoredStory]: ...

    def count(self) -> int: ...

    def pending(self, limit: int = 1000) -> list[StoredStory]:
        """Stories whose current version has not been written to a canonical feed yet."""

    def mark_exported(self, story_id: str, version: int, writer: str | None = None) -> None:
        """Record that ``version`` of the story is in the canonical feeds (and, if ``writer`` is
        given, that this writer's line is out)."""

    def claim_export(self, writer: str, story_id: str, version: int, feeds: list[str]) -> bool:
        """Before a line goes to ``feeds``: journal that ``writer`` (one crawl) writes this story.

        False if the story is written already, or another crawl sharing the store is writing it."""

    def exports_in_doubt(self) -> list[tuple[str, str, int, list[str]]]:
        """Lines begun and never confirmed: (writer, story, version, feeds)."""

    def forget_export(self, writer: str, story_id: str) -> None: ...

    def close(self) -> None: ...


def open_store(
    uri: str | PathLike[str],
    retry_seconds: float = 60.0,
    *,
    read_only: bool = False,
    check: str = "quick",
) -> StoryStore:
    """``sqlite:///relative/store.db``, ``sqlite:////absolute/store.db``, a bare path, or
    ``redis://host:port/db[?prefix=name]`` (the distributed store).

    ``read_only``: for lookups that must leave the store as it is (``scrapy explain``,
    ``scrapy parse``): a missing store raises :class:`StoreMissing` instead of being created.
    ``check``: how much of an SQLite store is checked before it is used (``NEWSMIRROR_STORE_CHECK``:
    ``quick``, ``full`` or ``header``, see :mod:`newsmirror.store.integrity`).
    """
    uri = str(uri)
    parts = urlsplit(uri)
    if parts.scheme in ("sqlite", ""):
        from newsmirror.store.sqlite import SQLiteStore

        if not parts.scheme:
            return SQLiteStore(uri, read_only=read_only, check=check)
        if parts.netloc:
            raise StoreError(
                f"NEWSMIRROR_STORE={uri!r}: use sqlite:///relative/path or sqlite:////absolute/path"
            )
        path = parts.path[1:] if parts.path.startswith("/") else parts.path
        return SQLiteStore(path, read_only=read_only, check=check)
    if parts.scheme in ("redis", "rediss", "unix"):
        from newsmirror.store.redis import RedisStore

        return RedisStore(uri, retry_seconds=retry_seconds, read_only=read_only)
    raise StoreError(
        f"NEWSMIRROR_STORE={uri!r}: unknown scheme {parts.scheme!r} "
        f"(use sqlite:///path or redis://host:port/db)"
    )
