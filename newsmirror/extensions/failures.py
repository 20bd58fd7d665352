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

from newsmirror.feeds import feed_failure
from newsmirror.runtime import crawl_failures, stop_crawl

logger = logging.getLogger(__name__)


def item_url(item: Any, response: Any = None) -> str:
    """The page an item came from: a story's first copy, a sighting's URL, else the response's."""
    copies = getattr(item, "copies", None)
    if copies:
        return str(copies[0].get("url", "?"))
    url = getattr(item, "url", None) or getattr(response, "url", None)
    return str(url or "?")


class CrawlFailures:
    def __init__(self, crawler: Crawler, stats: StatsCollector) -> None:
        self.crawler = crawler
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        assert crawler.stats is not None
        extension = cls(crawler, crawler.stats)
        crawler.signals.connect(extension.item_error, signal=signals.item_error)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: Any) -> None:
        # Connected now, after the feed exporter and the story pipeline: runs once both have
        # seen the item (the story pipeline says first what happens to the stories).
        self.crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)

    def item_scraped(self, item: Any, response: Any, spider: Any) -> None:
        """A feed that could not take the item (disk full): stop before more is lost."""
        failure = feed_failure(self.crawler)
        if failure is None:
            return
        self.stats.inc_value("newsmirror/feed/write_failed")
        stop_crawl(
            self.crawler,
            "feed_write_failed",
            f"Could not write to {failure}. The feed keeps the whole lines written before it",
        )

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
