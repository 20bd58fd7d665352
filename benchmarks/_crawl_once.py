"""One benchmark crawl in its own process: ``mirror``, the bare baseline, or the bare baseline
running ``trafilatura.extract`` on each article; writes its figures."""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import trafilatura
from scrapy import Request, Spider, signals
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response, TextResponse
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


class TrafilaturaSpider(BareSpider):
    """The bare spider, running ``trafilatura.extract`` on each article page (a naive crawler's
    extraction): what ``mirror``'s discovery, extraction and origin detection are compared with."""

    name = "bare-trafilatura"

    def __init__(self, urls: list[str], articles: set[str], **kwargs: Any) -> None:
        super().__init__(urls, **kwargs)
        self.articles = articles
        self.extracted = 0

    def parse(self, response: Response, **kwargs: Any) -> None:
        if response.url not in self.articles or not isinstance(response, TextResponse):
            return
        if trafilatura.extract(response.text, url=response.url):
            self.extracted += 1


def _time_origin() -> dict[str, dict[str, float]]:
    """Wrap the spider's ``extract_article`` and the origin pipeline's ``detect_origin`` in timers.

    Each call's time is kept by page URL, so the two are compared on the same pages (articles;
    listing pages are extracted but never reach detection) as the crawl runs them: extraction in
    the spider's callback, then Scrapy's item handling, then detection in the pipeline.
    """
    from newsmirror.pipelines import origin as origin_pipeline
    from newsmirror.spiders import base

    timings: dict[str, dict[str, float]] = {"extract": {}, "detect": {}}

    def timed(name: str, func: Any) -> Any:
        spent = timings[name]

        def wrapper(url: str, *args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return func(url, *args, **kwargs)
            finally:
                spent[url] = spent.get(url, 0.0) + time.perf_counter() - started

        return wrapper

    base.extract_article = timed("extract", base.extract_article)  # type: ignore[attr-defined]
    origin_pipeline.detect_origin = timed("detect", origin_pipeline.detect_origin)  # type: ignore[attr-defined]
    return timings


def _timing_figures(timings: dict[str, dict[str, float]]) -> dict[str, Any]:
    extract, detect = timings["extract"], timings["detect"]
    both = [url for url in detect if url in extract]
    extract_s = sum(extract[url] for url in both)
    detect_s = sum(detect[url] for url in both)
    return {
        "pages": len(both),
        "extract_ms_per_page": round(1000 * extract_s / max(len(both), 1), 3),
        "detect_ms_per_page": round(1000 * detect_s / max(len(both), 1), 3),
        "detect_share_of_extract": round(detect_s / extract_s, 4) if extract_s else None,
    }


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["mirror", "bare", "trafilatura"])
    parser.add_argument("result")
    parser.add_argument("--urls", default="")
    parser.add_argument("--urls-out")
    parser.add_argument("--urls-in")
    parser.add_argument("--articles-in", help="the article URLs trafilatura mode extracts")
    parser.add_argument("--set", dest="settings", action="append", default=[])
    parser.add_argument(
        "--time-origin",
        action="store_true",
        help="time extraction (in the spider) and origin detection (in its pipeline) per page",
    )
    opts = parser.parse_args()

    if opts.time_origin:
        timings = _time_origin()
    settings = get_project_settings()
    for pair in opts.settings:
        key, _, value = pair.partition("=")
        settings.set(key, value, priority="cmdline")
    if opts.mode != "mirror":
        settings.set("ITEM_PIPELINES", {}, priority="cmdline")
    process = CrawlerProcess(settings)
    fetched: list[str] = []

    def on_response(response: Response, request: Request, spider: Spider) -> None:
        if not request.url.endswith("/robots.txt"):
            fetched.append(request.url)

    spiders: dict[str, Any] = {"mirror": "mirror", "bare": BareSpider}
    spiders["trafilatura"] = TrafilaturaSpider
    crawler = process.create_crawler(spiders[opts.mode])
    crawler.signals.connect(on_response, signal=signals.response_received)
    urls = Path(opts.urls_in).read_text().split() if opts.urls_in else []
    kwargs: dict[str, Any] = {"url": opts.urls} if opts.mode == "mirror" else {"urls": urls}
    if opts.mode == "trafilatura":
        kwargs["articles"] = set(Path(opts.articles_in).read_text().split())
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
        # CPU time of the crawl's process, and of its extraction workers (mirror, when it has
        # any): a crawl that uses a second core is faster, not cheaper.
        "cpu_s": round(_cpu_seconds(), 1),
    }
    for key in ("cpu_s", "peak_rss_mb"):
        if f"newsmirror/extract/workers_{key}" in stats:
            result[f"workers_{key}"] = stats[f"newsmirror/extract/workers_{key}"]
    if isinstance(crawler.spider, TrafilaturaSpider):
        result["extracted"] = crawler.spider.extracted
    if opts.time_origin:
        result["origin_timing"] = _timing_figures(timings)
    Path(opts.result).write_text(json.dumps(result))


if __name__ == "__main__":
    main()
