"""Attach each article's origin, from its attribution signals, and strip the attribution line."""

from __future__ import annotations

import logging
from typing import Self

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.statscollectors import StatsCollector

from newsmirror.extract.failure import one_line
from newsmirror.items import Article
from newsmirror.origin import PublisherTable, detect_origin, load_publishers

logger = logging.getLogger(__name__)


class OriginPipeline:
    """Reads the page's parsed tree (kept on the item) once; the detector itself is pure."""

    def __init__(self, publishers: PublisherTable, stats: StatsCollector) -> None:
        self.publishers = publishers
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.getbool("NEWSMIRROR_ORIGIN_ENABLED", True):
            raise NotConfigured("NEWSMIRROR_ORIGIN_ENABLED is off")
        assert crawler.stats is not None
        publishers = load_publishers(crawler.settings.get("NEWSMIRROR_PUBLISHERS_FILE") or None)
        return cls(publishers, crawler.stats)

    def process_item(self, item: object) -> object:
        if not isinstance(item, Article) or item.page is None:
            return item
        try:
            result = detect_origin(
                item.url, item.page.tree, item.paragraphs, self.publishers, item.metadata
            )
        except Exception as exc:  # a page's oddity costs its origin, never its article
            self.stats.inc_value("newsmirror/origin/failed")
            logger.warning(
                "Origin detection failed on %s (%s): kept without an origin",
                item.url,
                one_line(exc),
            )
            return item
        item.paragraphs = result.paragraphs
        item.text = "\n\n".join(result.paragraphs)
        item.origin = result.origin
        method = result.origin.method if result.origin else "none"
        self.stats.inc_value(f"newsmirror/origin/{method}")
        if result.copy_hint:
            self.stats.inc_value("newsmirror/origin/hint/googlebot_news_noindex")
        if result.origin is not None and len({s.domain for s in result.signals if s.domain}) > 1:
            self.stats.inc_value("newsmirror/origin/conflicting")
            logger.info(
                "Conflicting origin signals on %s: chose %s (confidence %.2f)",
                item.url,
                result.origin.domain,
                result.origin.confidence,
            )
        return item
