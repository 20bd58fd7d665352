"""An item pipeline with a bug that shows on one page: the fault the pipeline-error tests inject.

It sits between the origin and the story pipelines, as a user's enrichment step would, and raises
on the article whose URL is ``TEST_FAIL_URL``.
"""

from __future__ import annotations

from typing import Any, Self

from scrapy.crawler import Crawler


class FailOnOnePage:
    def __init__(self, url: str) -> None:
        self.url = url

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(str(crawler.settings.get("TEST_FAIL_URL")))

    def process_item(self, item: Any) -> Any:
        if getattr(item, "url", None) == self.url:
            raise ValueError(f"no handler for the layout of {self.url}")
        return item
