"""Origin detection: attribution lines and markup signals, resolved to a publisher. Pure code."""

from __future__ import annotations

from newsmirror.origin.detect import Origin, OriginResult, detect_origin
from newsmirror.origin.publishers import Publisher, PublisherTable, load_publishers

__all__ = [
    "Origin",
    "OriginResult",
    "Publisher",
    "PublisherTable",
    "detect_origin",
    "load_publishers",
]
