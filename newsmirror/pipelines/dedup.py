"""Join each story record to the story it copies, in the story store, and decide what to write.

A new story, or one whose canonical record changed (its original arrived), is written to the
canonical feed once, when the crawl goes idle (or, if it is stopped early, when it closes), with all
its copies; a copy of a story already written becomes a :class:`Sighting`. The store marks a story
written only once its line has reached the feed (a local file), or once the feed is closed (a remote
storage), so a killed crawl never loses a story and the next run writes what is missing. The original a copy names is fetched once (one hop) when
``NEWSMIRROR_FETCH_ORIGINS`` is on, and checked against the copy.
"""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import asdict, replace
from datetime import UTC, datetime
from typing import Any, Self

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.statscollectors import StatsCollector
from scrapy.utils.job import job_dir

from newsmirror.dedup.coherence import Coherence, coherence, naming
from newsmirror.dedup.consensus import agreed
from newsmirror.dedup.index import Deduplicator, read_from
from newsmirror.dedup.reposts import credits_another, written_origin
from newsmirror.dedup.template import learn, template, without_template
from newsmirror.feeds import (
    feed_failure,
    feeds_are_local,
    flush_local_feeds,
    line_written,
    local_feed_paths,
)
from newsmirror.items import Sighting, Story
from newsmirror.origin import load_publishers
from newsmirror.queue import NotStored
from newsmirror.runtime import fatal_stops, process_alive, resolved_store, stop_crawl
from newsmirror.store import (
    CopyRecord,
    StoredStory,
    StoreError,
    StoreUnavailable,
    StoreWriteFailed,
    StoryStore,
    open_store,
)

logger = logging.getLogger(__name__)


# Per-URL state of a page to fetch again: it is its story's original, first placed as a copy.
_REFETCH = "refetch"


class StoryDeferred(DropItem):
    """Not an error: the story is written to the canonical feed when the crawl goes idle."""


def final_record(
    store: StoryStore, stored: StoredStory, sites: dict[str, dict[str, int]]
) -> tuple[Story, Coherence]:
    """The record written for ``stored``: its copies' resemblance to its text as it reads now,
    its text without its site's template (learned since its first pages, maybe) nor what its
    copies on other sites all lack (``consensus``), its origin as
    its site's pages tell it (``reposts``), and whether its copies still match its text.
    ``sites`` keeps each site's counts for the next story."""
    copies = store.copies(stored.id)
    prints = store.prints([c.url for c in copies])
    check = coherence(
        stored.fingerprint, prints, naming(stored.record, copies), stored.record.get("title")
    )
    copies = [replace(c, similarity=check.similarity.get(c.url, c.similarity)) for c in copies]
    record = stored.record
    site = str(record.get("site") or "")
    if site not in sites:
        sites[site] = store.block_counts(site)
    paragraphs = str(record.get("text") or "").split("\n\n")
    cleaned = without_template(paragraphs, template(sites[site]))
    cleaned = agreed(cleaned, read_from(record), prints, stored.fingerprint)
    if cleaned is not paragraphs:
        record = {**record, "text": "\n\n".join(cleaned)}
    origin = written_origin(record, sites[site])
    if origin is not record.get("origin"):
        record = {**record, "origin": origin}
    return story_from_store(record, stored.version, copies), check


def story_from_store(record: dict[str, Any], version: int, copies: list[CopyRecord]) -> Story:
    fields: dict[str, Any] = {
        k: record.get(k)
        for k in Story.__dataclass_fields__
        if k not in ("copies", "version", "replaces")
    }
    fields["replaces"] = list(record.get("replaces") or [])
    return Story(**fields, copies=[asdict(c) for c in copies], version=version)


class DedupPipeline:
    def __init__(self, crawler: Crawler, store: StoryStore, fetch_origins: bool) -> None:
        self.crawler = crawler
        self.store = store
        self.dedup = Deduplicator(store)
        # The publisher table, for the other domains of a publisher a page names.
        self.publishers = load_publishers(
            crawler.settings.get("NEWSMIRROR_PUBLISHERS_FILE") or None
        )
        self.fetch_origins = fetch_origins
        self.requested_originals: set[str] = set()
        assert crawler.stats is not None
        self.stats: StatsCollector = crawler.stats
        # Final records handed to the feeds in this run, and those whose feed is not closed yet.
        self.sent: set[tuple[str, int]] = set()
        self.unconfirmed: list[tuple[str, int]] = []
        self.feeds_local = True
        self.feed_paths: list[str] = []
        # This crawl, as a writer of feed lines (a store may be shared by several crawls).
        self.writer = f"{socket.gethostname()}:{os.getpid()}"

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        uri = resolved_store(crawler.settings, crawler.spider)
        if not uri:
            raise NotConfigured("NEWSMIRROR_STORE is empty: one record per article page, no dedup")
        try:
            store = open_store(
                uri,
                retry_seconds=crawler.settings.getfloat("NEWSMIRROR_REDIS_RETRY_SECONDS", 60.0),
                check=str(crawler.settings.get("NEWSMIRROR_STORE_CHECK") or "quick"),
            )
        except StoreError as exc:
            # Stop before anything is fetched or written: the crawl must not run on a bad store.
            logger.critical("%s", exc)
            raise
        logger.info("Story store: %s", uri)
        pipeline = cls(crawler, store, crawler.settings.getbool("NEWSMIRROR_FETCH_ORIGINS", True))
        crawler.signals.connect(pipeline.retry_originals, signal=signals.spider_opened)
        crawler.signals.connect(pipeline.check_feeds, signal=signals.spider_opened)
        # Connected after the feed exporter's own handler: runs once the line is written.
        crawler.signals.connect(pipeline.item_written, signal=signals.item_scraped)
        crawler.signals.connect(pipeline.feeds_closed, signal=signals.feed_exporter_closed)
        crawler.signals.connect(pipeline.item_lost, signal=signals.item_error)
        crawler.signals.connect(pipeline.store.close, signal=signals.engine_stopped)
        if crawler.spider is not None:
            # Read by the spider: its idle hook writes pending stories, its link filter skips
            # pages crawled recently.
            setattr(crawler.spider, "story_store", store)  # noqa: B010
            setattr(crawler.spider, "story_pipeline", pipeline)  # noqa: B010
        return pipeline

    def retry_originals(self) -> None:
        """Originals that could not be fetched in an earlier run are tried again, and pages an
        earlier run was to fetch again (to become their story's original) are fetched now."""
        for url in self.store.urls_with_status(_REFETCH):
            self._fetch_original(url, again=True)
        if not self.fetch_origins:
            return
        for url in self.store.urls_with_status("original_failed"):
            self._fetch_original(url)

    def original_failed(self, url: str, reason: str) -> None:
        """Called by the spider when a named original cannot be fetched."""
        try:
            self.store.mark_url(
                url, "original_failed", datetime.now(UTC).isoformat(timespec="seconds")
            )
        except StoreError as exc:
            self._store_failed(exc)
            return
        self.stats.inc_value("newsmirror/originals/failed")
        logger.warning(
            "Original %s could not be fetched (%s): its story stays unverified and it "
            "is tried again next run",
            url,
            reason,
        )

    # --- writing the final records ---------------------------------------------------------

    def check_feeds(self) -> None:
        self.feeds_local = feeds_are_local(self.crawler)
        self.feed_paths = local_feed_paths(self.crawler) if self.feeds_local else []
        self.settle_killed_writers()

    def settle_killed_writers(self) -> None:
        """A crawl killed between writing a story's line and recording it: look for the line."""
        host = socket.gethostname()
        for writer, story_id, version, feeds in self.store.exports_in_doubt():
            writer_host, _, pid = writer.rpartition(":")
            if writer_host != host or not pid.isdigit() or process_alive(int(pid)):
                continue  # another machine's crawl, or one still running
            if any(line_written(feed, story_id, version) for feed in feeds):
                self.store.mark_exported(story_id, version)
                logger.warning(
                    "A killed crawl had written story %s (version %d) to its feed without "
                    "recording it; recorded now, it is not written again",
                    story_id,
                    version,
                )
            else:
                logger.warning(
                    "A killed crawl was writing story %s (version %d) when it died; its line is "
                    "not in %s, so this run writes it",
                    story_id,
                    version,
                    ", ".join(feeds) or "a local feed",
                )
            self.store.forget_export(writer, story_id)

    def _claim(self, story: Story) -> bool:
        """Whether this crawl writes ``story`` now (another crawl sharing the store may be)."""
        self.sent.add((story.id, story.version))
        if self.store.claim_export(self.writer, story.id, story.version, self.feed_paths):
            return True
        self.stats.inc_value("newsmirror/stories/written_elsewhere")
        return False

    def unwritten(self, limit: int) -> list[Story]:
        """Final records of stories new or changed since they were last written (not yet sent).

        A story whose copies do not all match its text is counted and logged with their URLs:
        that is how a wrong join shows (``newsmirror/dedup/incoherent``)."""
        stories = self.store.pending(limit=limit + len(self.sent))
        fresh = [s for s in stories if (s.id, s.version) not in self.sent][:limit]
        records = []
        sites: dict[str, dict[str, int]] = {}
        for stored in fresh:
            record, check = final_record(self.store, stored, sites)
            if not check.coherent:
                self.stats.inc_value("newsmirror/dedup/incoherent")
                logger.warning(
                    "Story %s (%s): %d of its %d copies do not match its text: %s",
                    stored.id,
                    record.canonical_url,
                    len(check.strays),
                    len(record.copies),
                    ", ".join(check.strays),
                )
            records.append(record)
        return records

    def item_written(self, item: object) -> None:
        """After the feeds took a final record: mark it written (remote feeds: once closed).

        Not if a feed could not take the line (disk full): the story stays unwritten in the store,
        and the next run writes it."""
        if not (isinstance(item, Story) and item.version):
            return
        if not self.feeds_local:
            self.unconfirmed.append((item.id, item.version))
            return
        # The line is out before the store says so.
        failure = flush_local_feeds(self.crawler) or feed_failure(self.crawler)
        try:
            if failure:
                self.store.forget_export(self.writer, item.id)
                stop_crawl(
                    self.crawler,
                    "feed_write_failed",
                    f"Could not write to {failure}. The stories not written stay in the story "
                    f"store and the next run writes them",
                )
                return
            self.store.mark_exported(item.id, item.version, self.writer)
        except StoreError as exc:
            self._store_failed(exc)

    def item_lost(self, item: object, response: object, spider: object, failure: object) -> None:
        """A pipeline raised on an article: its page must be crawled again by the next run."""
        if isinstance(item, Story) and not item.version and item.copies:
            url = item.copies[0]["url"]
            try:
                self.store.mark_url(url, "failed", datetime.now(UTC).isoformat(timespec="seconds"))
            except StoreError as exc:
                self._store_failed(exc)

    def _store_failed(self, exc: StoreError) -> None:
        stop_crawl(
            self.crawler,
            "store_write_failed",
            f"{exc}. What is in the store stays; the pages whose articles were not stored are "
            f"crawled again, and the stories not written are written, by the next run",
        )

    def feeds_closed(self) -> None:
        if not self.unconfirmed:
            return
        failed = sum(
            int(count)
            for key, count in self.stats.get_stats().items()
            if key.startswith("feedexport/failed_count/")
        )
        if failed:  # a feed could not be stored: its stories stay unwritten for the next run
            logger.error(
                "%d feed(s) could not be stored: their %d stories are written again next run",
                failed,
                len(self.unconfirmed),
            )
            self.unconfirmed.clear()
            return
        try:
            with self.store.atomic():
                for story_id, version in self.unconfirmed:
                    self.store.mark_exported(story_id, version, self.writer)
        except StoreError as exc:
            logger.error("%s: the stories of this run's feeds are written again next run", exc)
        self.unconfirmed.clear()

    def close_spider(self) -> None:
        """A crawl stopped before going idle (SIGTERM, a page cap) still writes what it found.

        With a JOBDIR the stop is a pause: the run that resumes it writes those stories, complete,
        so that the paused and resumed runs write each story once. A worker of a fleet leaves them
        to the fleet, which writes each story once the whole crawl is over, with all its copies.
        A crawl stopped because the store is gone cannot read them: the next run writes them.
        """
        settings = self.crawler.settings
        if job_dir(settings) or settings.get("NEWSMIRROR_QUEUE") or fatal_stops:
            return
        spider = self.crawler.spider
        late = 0
        while stories := self.unwritten(limit=500):
            for story in stories:
                if not self._claim(story):
                    continue
                self.crawler.signals.send_catch_log(
                    signal=signals.item_scraped, item=story, response=None, spider=spider
                )
                late += 1
        if late:
            logger.info("Wrote %d stories found before the crawl was stopped", late)

    def process_item(self, item: object) -> object:
        try:
            return self._process(item)
        except StoreUnavailable as exc:
            stop_crawl(
                self.crawler,
                "store_unavailable",
                f"{exc}. Nothing is lost: restart the crawl once the store is back",
            )
            url = item.copies[0]["url"] if isinstance(item, Story) and item.copies else "?"
            raise NotStored(f"{url}: not stored (the story store is unreachable)") from None
        except StoreWriteFailed as exc:
            self._store_failed(exc)
            url = item.copies[0]["url"] if isinstance(item, Story) and item.copies else "?"
            raise NotStored(f"{url}: not stored (the story store could not be written)") from None

    def _process(self, item: object) -> object:
        if not isinstance(item, Story):
            return item
        if item.version:  # a final record on its way to the canonical feed
            if not self._claim(item):
                raise StoryDeferred(
                    f"story {item.id} is written by another crawl sharing the store",
                    log_level="DEBUG",
                )
            return item
        record = {k: v for k, v in asdict(item).items() if k not in ("copies", "version")}
        seen = item.copies[0]
        copy = CopyRecord(seen["url"], seen["site"], seen["published"], seen["seen_at"], 1.0)
        # A page fetched one hop off the crawl, as a copy's original, is its publisher's page:
        # what it credits says nothing of whether its site reposts (``dedup.reposts``).
        reposted = copy.url not in self.requested_originals and credits_another(
            copy.site, item.origin
        )
        paragraphs = self._without_template(copy, item.text.split("\n\n"), reposted)
        record["text"] = "\n\n".join(paragraphs)
        origin = item.origin or {}
        origin_url = origin.get("url")
        domain = origin.get("domain")
        placement = self.dedup.place(
            record,
            paragraphs,
            copy,
            origin_url,
            domain,
            self.publishers.domains_of(domain),
        )
        self.store.mark_url(copy.url, "article", copy.seen_at, placement.story_id)
        if origin_url and self.fetch_origins and origin_url not in self.requested_originals:
            self._fetch_original(origin_url)
        if placement.promote and placement.promote != copy.url:
            # Seen before its copies named it: fetched again to become the story's original.
            # Recorded first, so that a crawl stopped before the fetch has the next run do it.
            self.store.mark_url(placement.promote, _REFETCH, copy.seen_at)
            self._fetch_original(placement.promote, again=True)
        if placement.verified is not None:
            key = "verified" if placement.verified else "mismatched"
            self.stats.inc_value(f"newsmirror/originals/{key}")
            if not placement.verified:
                logger.warning(
                    "%s: %s; it and the copies naming that original stay apart, the "
                    "origin unverified",
                    copy.url,
                    placement.reason,
                )
        if placement.merged:
            self.stats.inc_value("newsmirror/dedup/merged", placement.merged)
            logger.info(
                "%s bridges %d stories into story %s: merged",
                copy.url,
                placement.merged + 1,
                placement.story_id,
            )
        if placement.new:
            self.stats.inc_value("newsmirror/dedup/new")
        elif placement.changed:
            self.stats.inc_value("newsmirror/dedup/changed")
        else:
            self.stats.inc_value("newsmirror/dedup/joined")
        logger.debug("%s -> story %s (%s)", copy.url, placement.story_id, placement.reason)
        if placement.new or placement.changed:
            raise StoryDeferred(
                f"story {placement.story_id} is written when the crawl is idle", log_level="DEBUG"
            )
        story = self.store.get(placement.story_id)
        if story is not None and story.version > story.exported:
            # Its record is still to be written, copies included: no separate sighting.
            raise StoryDeferred("story is written when the crawl is idle", log_level="DEBUG")
        return Sighting(
            placement.story_id,
            copy.url,
            copy.site,
            copy.published,
            copy.seen_at,
            placement.similarity,
        )

    def _without_template(
        self, copy: CopyRecord, paragraphs: list[str], reposted: bool
    ) -> list[str]:
        kept = learn(self.store, copy.site, copy.url, paragraphs, reposted)
        if len(kept) < len(paragraphs):
            self.stats.inc_value("newsmirror/template/blocks_removed", len(paragraphs) - len(kept))
        return kept

    def _fetch_original(self, url: str, again: bool = False) -> None:
        self.requested_originals.add(url)
        if not again and self.store.story_for_url(url) and self.store.url_fetched_at(url):
            return  # the original itself is already in the store
        spider = self.crawler.spider
        engine = self.crawler.engine
        if spider is None or engine is None:
            return
        self.stats.inc_value("newsmirror/originals/requested")
        engine.crawl(
            Request(
                url,
                callback=spider.parse,
                errback=getattr(spider, "on_error", None),
                priority=25,
                dont_filter=again,
                meta={"nm_original": True, "nm_listed": True, "allow_offsite": True},
            )
        )
