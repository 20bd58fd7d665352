"""The story store: one interface, an embedded SQLite backend, chosen by ``NEWSMIRROR_STORE``."""

from __future__ import annotations

from newsmirror.store.base import (
    CopyRecord,
    StoredStory,
    StoreError,
    StoreMissing,
    StoreUnavailable,
    StoryStore,
    open_store,
)

__all__ = [
    "CopyRecord",
    "StoreError",
    "StoreMissing",
    "StoreUnavailable",
    "StoredStory",
    "StoryStore",
    "open_store",
]
