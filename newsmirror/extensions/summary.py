"""A short, plain-words summary of the crawl at its end, in the log (stats keys are for machines)."""

from __future__ import annotations

import logging
from typing import Any, Self

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.extensions.feedexport import FeedExporter
from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)

_METHODS = ("line", "source_line", "meta_source", "canonical", "json_ld", "og_url")


def summarize(stats: dict[str, Any]) -> str:
    """The summary lines for a crawl's final stats."""

    def get(key: str) -> int:
        return int(stats.get(key, 0) or 0)

    origins = (
        ", ".join(
            f"{m} {get(f'newsmirror/origin/{m}')}"
            for m in _METHODS
            if get(f"newsmirror/origin/{m}")
        )
        or "none"
    )
    errors = sum(
        v
        for k, v in stats.items()
        if k.startswith("newsmirror/download_error/") and isinstance(v, int)
    )
    articles = get("newsmirror/pages/article")
    return "\n".join(
        [
            f"Pages: {get('response_received_count')} fetched, {articles} articles, "
            f"{get('newsmirror/pages/listing')} listings, "
            f"{get('newsmirror/browser/detected') + get('playwright/request_count/navigation')} "
            f"rendered in the browser",
            f"Origins found: {articles - get('newsmirror/origin/none')} ({origins}); "
            f"{get('newsmirror/origin/none')} articles without attribution",
            f"Stories: {get('newsmirror/dedup/new')} new, {get('newsmirror/dedup/changed')} changed, "
            f"{get('newsmirror/dedup/joined')} copies joined to known stories, "
            f"{get('newsmirror/incremental/skipped')} links to known pages not followed",
            f"Originals: {get('newsmirror/originals/requested')} fetched, "
            f"{get('newsmirror/originals/verified')} verified, "
            f"{get('newsmirror/originals/mismatched')} not matching, "
            f"{get('newsmirror/originals/failed')} unreachable",
            f"Coherence: {get('newsmirror/dedup/incoherent')} stories written with copies unlike "
            f"their text (see the warnings; 0 is right)",
            f"Problems: {errors} download errors, {get('newsmirror/parse_error')} unreadable pages, "
            f"{get('newsmirror/oversized')} oversized, {get('newsmirror/charset_repaired')} charsets "
            f"repaired, {get('newsmirror/charset_undecidable')} undecidable, "
            f"{get('newsmirror/nesting_flattened')} too deep (flattened), "
            f"{get('newsmirror/limit/site_budget')} links over a site's page budget",
        ]
    )


def output_line(feeds: list[tuple[str, int]], fleet: bool) -> str:
    """Where this crawl's records went: each feed with its count of records.

    A worker of a fleet places stories in the shared store, but each story is written by the one
    worker that claims it when the fleet is done: its own feed may hold few of the stories it
    counted as new, or none."""
    written = "; ".join(f"{count} records to {uri}" for uri, count in feeds) or "no feed"
    line = f"Output: {written}"
    if fleet:
        line += (
            " (this worker's feed only: each story is written by the one worker that claims it, "
            "so the fleet's stories are in the union of the workers' feeds)"
        )
    return line


def feed_counts(crawler: Crawler) -> list[tuple[str, int]]:
    """(feed URI, records written to it) for the crawl's feeds; batches of one feed summed."""
    counts: dict[str, int] = {}
    exporter = crawler.get_extension(FeedExporter)
    for slot in exporter.slots if exporter is not None else ():
        counts[slot.uri_template] = counts.get(slot.uri_template, 0) + slot.itemcount
    return list(counts.items())


class CrawlSummary:
    """Logs :func:`summarize` when the spider closes (``NEWSMIRROR_SUMMARY``, on by default)."""

    def __init__(self, crawler: Crawler, stats: StatsCollector) -> None:
        self.crawler = crawler
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.getbool("NEWSMIRROR_SUMMARY", True):
            raise NotConfigured
        assert crawler.stats is not None
        ext = cls(crawler, crawler.stats)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_closed(self, spider: Spider, reason: str) -> None:
        fleet = bool(self.crawler.settings.get("NEWSMIRROR_QUEUE"))
        logger.info(
            "Crawl summary (%s, %s):\n%s\n%s",
            spider.name,
            reason,
            summarize(self.stats.get_stats()),
            output_line(feed_counts(self.crawler), fleet),
        )
