"""Origin detection: attribution lines and markup signals, resolved to a publisher. Pure code."""

from __future__ import annotations

from newsmirror.origin import patterns, publishers, signals
from newsmirror.origin.detect import Origin, OriginResult, detect_origin
from newsmirror.origin.publishers import Publisher, PublisherTable, load_publishers

__all__ = [
    "Origin",
    "OriginResult",
    "Publisher",
    "PublisherTable",
    "clear_caches",
    "detect_origin",
    "load_publishers",
]


def clear_caches() -> None:
    """Forget what detection kept from earlier pages: keyword nodes, matched lines, publishers.

    For benchmarks, whose every pass should start as a crawl starts.
    """
    signals._holds_keyword.cache_clear()
    patterns.matches.cache_clear()
    signals.resolve_publisher.cache_clear()
    publishers.words_key.cache_clear()
