"""The story store: one interface, an embedded SQLite backend, chosen by ``NEWSMIRROR_STORE``."""

from __future__ import annotations

from newsmirror.store.base import (
    CopyRecord,
    StoreDamaged,
    StoredStory,
    StoreError,
    StoreMissing,
    StoreUnavailable,
    StoreUnreadable,
    StoreWriteFailed,
    StoryStore,
    open_store,
)

__all__ = [
    "CopyRecord",
    "StoreDamaged",
    "StoreError",
    "StoreMissing",
    "StoreUnavailable",
    "StoreUnreadable",
    "StoreWriteFailed",
    "StoredStory",
    "StoryStore",
    "open_store",
]
