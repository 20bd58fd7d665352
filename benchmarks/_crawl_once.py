"""One benchmark crawl in its own process: ``mirror`` or the bare baseline; prints its figures."""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response
from scrapy.utils.project import get_project_settings


class BareSpider(Spider):
    """Fetches a fixed list of URLs and extracts nothing: the cost of Scrapy alone."""

    name = "bare"

    def __init__(self, urls: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls = urls

    async def start(self) -> AsyncIterator[Request]:
        for url in self.urls:
            yield Request(url, callback=self.parse, errback=lambda f: None)

    def parse(self, response: Response, **kwargs: Any) -> None:
        return None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["mirror", "bare"])
    parser.add_argument("result")
    parser.add_argument("--urls", default="")
    parser.add_argument("--urls-out")
    parser.add_argument("--urls-in")
    parser.add_argument("--set", dest="settings", action="append", default=[])
    opts = parser.parse_args()

    settings = get_project_settings()
    for pair in opts.settings:
        key, _, value = pair.partition("=")
        settings.set(key, value, priority="cmdline")
    if opts.mode == "bare":
        settings.set("ITEM_PIPELINES", {}, priority="cmdline")
    process = CrawlerProcess(settings)
    fetched: list[str] = []

    def on_response(response: Response, request: Request, spider: Spider) -> None:
        if not request.url.endswith("/robots.txt"):
            fetched.append(request.url)

    crawler = process.create_crawler("mirror" if opts.mode == "mirror" else BareSpider)
    crawler.signals.connect(on_response, signal=signals.response_received)
    urls = Path(opts.urls_in).read_text().split() if opts.urls_in else []
    kwargs: dict[str, Any] = {"url": opts.urls} if opts.mode == "mirror" else {"urls": urls}
    started = time.perf_counter()
    process.crawl(crawler, **kwargs)
    process.start()
    elapsed = time.perf_counter() - started
    assert crawler.stats is not None
    stats = crawler.stats.get_stats()
    if opts.urls_out:
        Path(opts.urls_out).write_text("\n".join(fetched))
    pages = len(fetched)
    result = {
        "pages": pages,
        "items": stats.get("item_scraped_count", 0),
        "seconds": round(elapsed, 2),
        "pages_per_s": round(pages / elapsed, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    Path(opts.result).write_text(json.dumps(result))


if __name__ == "__main__":
    main()
