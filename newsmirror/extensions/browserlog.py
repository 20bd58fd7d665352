"""One line, not a traceback, for a page Chromium could not load in time.

scrapy-playwright logs every page it gives up on with the exception's traceback. A navigation that
timed out is an ordinary download failure: it is retried (``RETRY_EXCEPTIONS``) and, if it fails
for good, recorded like any other; the line already names the exception and its message. Other
browser errors keep their traceback.
"""

from __future__ import annotations

import logging
from typing import Self

from playwright.async_api import TimeoutError as PageTimeout
from scrapy import signals
from scrapy.crawler import Crawler

BROWSER_LOGGER = "scrapy-playwright"


class PageTimeoutFilter(logging.Filter):
    """Drops the traceback of a record about a page timeout; the record itself stays."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info
        if exc and exc[0] is not None and issubclass(exc[0], PageTimeout):
            record.exc_info = None
            record.exc_text = None
        return True


class BrowserLog:
    """Puts :class:`PageTimeoutFilter` on scrapy-playwright's logger for the crawl."""

    def __init__(self) -> None:
        self.filter = PageTimeoutFilter()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        ext = cls()
        logging.getLogger(BROWSER_LOGGER).addFilter(ext.filter)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_closed(self) -> None:
        logging.getLogger(BROWSER_LOGGER).removeFilter(self.filter)
