"""Write the crawl's final stats to a JSON file (``NEWSMIRROR_STATS_FILE``), for schedulers and tests."""

from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path
from typing import Any, Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

logger = logging.getLogger(__name__)


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


class StatsFile:
    """On close, dump ``crawler.stats`` as JSON; the file is replaced atomically."""

    def __init__(self, crawler: Crawler, path: Path) -> None:
        self.crawler = crawler
        self.path = path

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        path = crawler.settings.get("NEWSMIRROR_STATS_FILE")
        if not path:
            raise NotConfigured  # off unless asked for: no warning in every crawl
        ext = cls(crawler, Path(path))
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_closed(self, spider: Spider, reason: str) -> None:
        assert self.crawler.stats is not None
        stats = {k: _jsonable(v) for k, v in self.crawler.stats.get_stats().items()}
        stats["finish_reason"] = reason
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(self.path.suffix + ".tmp")
        tmp.write_text(json.dumps(stats, indent=1, sort_keys=True), "utf-8")
        tmp.replace(self.path)
        logger.info("Wrote crawl stats to %s", self.path)
