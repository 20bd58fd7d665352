"""Make every lost item and every feed that could not be stored visible: a log line, a stat, and a
non-zero exit status of ``scrapy crawl``.

Scrapy logs an exception raised by an item pipeline and goes on without the item; a feed that
cannot be stored when the crawl closes is logged too. Either means output is missing, so the crawl
must not end as a success. The story pipeline keeps the lost article's page out of the "done"
pages, so the next run fetches it again.
"""

from __future__ import annotations

import logging
from typing import Any, Self

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from newsmirror.runtime import crawl_failures

logger = logging.getLogger(__name__)


def item_url(item: Any, response: Any = None) -> str:
    """The page an item came from: a story's first copy, a sighting's URL, else the response's."""
    copies = getattr(item, "copies", None)
    if copies:
        return str(copies[0].get("url", "?"))
    url = getattr(item, "url", None) or getattr(response, "url", None)
    return str(url or "?")


class CrawlFailures:
    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        assert crawler.stats is not None
        extension = cls(crawler.stats)
        crawler.signals.connect(extension.item_error, signal=signals.item_error)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def item_error(self, item: Any, response: Any, spider: Any, failure: Any) -> None:
        url = item_url(item, response)
        crawl_failures.append(url)
        self.stats.inc_value("newsmirror/items/lost")
        error = getattr(failure, "value", failure)
        logger.error(
            "Lost the item of %s: an item pipeline raised %s: %s. The page is crawled again by "
            "the next run",
            url,
            type(error).__name__,
            error,
        )

    def spider_closed(self, spider: Any, reason: str) -> None:
        failed = sum(
            int(count)
            for key, count in self.stats.get_stats().items()
            if key.startswith("feedexport/failed_count/")
        )
        if failed:
            crawl_failures.append(f"{failed} feed(s) not stored")
            logger.error(
                "%d feed(s) could not be stored (see the errors above): the crawl fails; the "
                "stories they held are written again by the next run",
                failed,
            )
