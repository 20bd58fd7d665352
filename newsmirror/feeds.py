"""How newsmirror uses Scrapy's feed exports: which items go where, per-job names, whole lines.

Canonical feeds get :class:`Story` records; ``NEWSMIRROR_SIGHTINGS_FEED`` gets the copies of stories
already written. JSON Lines are flushed line by line, so a crawl killed at any moment leaves only
whole lines behind, and the store can tell which stories have reached a local feed.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from scrapy.exporters import JsonLinesItemExporter
from scrapy.extensions.feedexport import FeedExporter, FileFeedStorage, StdoutFeedStorage

from newsmirror.items import Sighting, Story
from newsmirror.runtime import absolute_feed_uri, data_dir, is_relative_local, scrapyd_job

logger = logging.getLogger(__name__)

JSON_LINES = ("jsonlines", "jsonl", "jl")


def route_feeds(settings: Any, spider: object | None = None) -> dict[str, str]:
    """Canonical feeds get stories only (unless told otherwise); sightings get a feed if asked.

    Under Scrapyd, a relative local feed path is put in the data directory, not in Scrapyd's
    working directory. Returns those moved feeds: {URI as given: URI used}.
    """
    moved: dict[str, str] = {}
    feeds = dict(settings.getdict("FEEDS"))
    sightings = settings.get("NEWSMIRROR_SIGHTINGS_FEED")
    if sightings:
        feeds.setdefault(sightings, {"format": "jsonlines", "item_classes": [Sighting]})
    job = scrapyd_job(spider)
    base = data_dir(str(settings.get("NEWSMIRROR_DATA_DIR") or ""), job is not None)
    routed: dict[str, Any] = {}
    for uri, options in feeds.items():
        options = dict(options or {})
        if options.get("format") in JSON_LINES and not options.get("overwrite"):
            path = local_path(str(uri))
            if path is not None:
                cut_torn_line(path)
        if not options.get("item_classes") and not options.get("item_filter"):
            options["item_classes"] = [Story]
        uri = str(uri)
        if job is not None and is_relative_local(uri):
            moved[uri] = uri = absolute_feed_uri(uri, base)
        routed[uri] = options
    if routed:
        settings.set("FEEDS", routed, priority=max(settings.getpriority("FEEDS") or 0, 30))
    return moved


def log_moved_feeds(crawler: Any, moved: dict[str, str]) -> None:
    """Say where each feed :func:`route_feeds` moved is written, its placeholders (``%(job)s``,
    ``%(time)s``…) filled in as the feed exporter filled them when it opened the feed."""
    exporter = crawler.get_extension(FeedExporter)
    files = {slot.uri_template: slot.uri for slot in exporter.slots} if exporter else {}
    job = scrapyd_job(crawler.spider)
    for given, used in moved.items():
        logger.info("Scrapyd job %s: feed %s is written to %s", job, given, files.get(used, used))


def local_path(uri: str) -> Path | None:
    """The file a local feed URI without placeholders appends to, or None."""
    if "%(" in uri:
        return None  # a new file per crawl: nothing to repair
    parts = urlsplit(uri)
    if parts.scheme == "file":
        return Path(parts.path)
    if not parts.scheme or len(parts.scheme) == 1:
        return Path(uri)
    return None


def cut_torn_line(path: Path) -> int:
    """Cut a last line without its newline (a crawl killed mid-write, or a crash of the machine)
    off a JSON Lines file that this crawl is about to append to; the bytes cut, logged."""
    try:
        with path.open("rb+") as feed:
            size = feed.seek(0, os.SEEK_END)
            if size == 0:
                return 0
            feed.seek(size - 1)
            if feed.read(1) == b"\n":
                return 0
            start = max(0, size - (1 << 20))
            while True:  # find the last newline, reading backwards a megabyte at a time
                feed.seek(start)
                end = feed.read(size - start).rfind(b"\n")
                if end >= 0 or start == 0:
                    keep = start + end + 1 if end >= 0 else 0
                    break
                start = max(0, start - (1 << 20))
            feed.truncate(keep)
    except FileNotFoundError:
        return 0
    except OSError as exc:
        logger.error("Could not check the end of feed %s: %s", path, exc)
        return 0
    logger.warning(
        "Feed %s ended with a torn line (%d bytes, left by a killed crawl or a crash): cut off "
        "before appending",
        path,
        size - keep,
    )
    return size - keep


def feed_uri_params(params: dict[str, Any], spider: object) -> dict[str, Any]:
    """``FEED_URI_PARAMS``: adds ``%(job)s`` — the Scrapyd job id, else the crawl's start time."""
    return {**params, "job": scrapyd_job(spider) or params["time"]}


class JsonLinesExporter(JsonLinesItemExporter):
    """JSON Lines, each line handed to the OS in one write as soon as it is exported.

    A write that fails (disk full, file size limit, I/O error) may leave part of a line in the
    file; the exporter then drops every later line, so that no whole line follows the torn one
    (the next crawl appending to the file cuts the torn line off). The error is kept for
    :func:`feed_failure`: the story is not marked written and the crawl stops, with one line
    saying why (raising it would only add a traceback per item to the log).
    """

    error: OSError | None = None

    def export_item(self, item: Any) -> None:
        if self.error is not None:
            return
        try:
            super().export_item(item)
            self.file.flush()
        except OSError as exc:
            self.error = exc


class LocalFeedStorage(FileFeedStorage):
    """Scrapy's local file storage, which remembers a file it could not open.

    Scrapy opens a feed's file at its first item; an error there is logged by the signal machinery
    and the item is dropped from the feed. Kept here, the error lets :func:`feed_failure` see that
    the story did not reach the feed (the crawl checks its feed paths before it starts, so this
    takes a file removed or a disk unmounted during the crawl)."""

    error: OSError | None = None

    def open(self, spider: Any) -> IO[bytes]:
        try:
            return super().open(spider)
        except OSError as exc:
            self.error = exc
            raise


def local_feed_paths(crawler: Any) -> list[str]:
    """The files of the open feeds that write straight to local disk."""
    extensions = getattr(getattr(crawler, "extensions", None), "middlewares", ())
    return [
        str(slot.storage.path)
        for extension in extensions
        if isinstance(extension, FeedExporter)
        for slot in extension.slots
        if isinstance(slot.storage, FileFeedStorage)
    ]


def line_written(path: str | Path, story_id: str, version: int, tail: int = 16 << 20) -> bool:
    """Whether the JSON Lines file at ``path`` ends (within ``tail`` bytes) with a whole line for
    ``version`` of story ``story_id``. Used after a kill, for the one line that was being written."""
    try:
        with open(path, "rb") as feed:
            feed.seek(0, os.SEEK_END)
            size = feed.tell()
            feed.seek(max(0, size - tail))
            data = feed.read()
    except OSError:
        return False
    needle = json.dumps(story_id).encode()
    for line in data.split(b"\n")[-64:]:
        if needle not in line:
            continue
        try:
            record = json.loads(line)
        except ValueError:
            continue  # the partial first line of the tail, or a torn one
        if (
            isinstance(record, dict)
            and record.get("id") == story_id
            and record.get("version") == version
        ):
            return True
    return False


def flush_local_feeds(crawler: Any) -> str | None:
    """Hand what the local feeds hold in memory to the OS, whatever their exporter.

    Returns what went wrong (the feed and the error) if a feed could not take its data."""
    failure = None
    extensions = getattr(getattr(crawler, "extensions", None), "middlewares", ())
    for extension in extensions:
        if isinstance(extension, FeedExporter):
            for slot in extension.slots:
                flush = getattr(slot.file, "flush", None)
                if flush is not None and isinstance(slot.storage, FileFeedStorage):
                    try:
                        flush()
                    except (OSError, ValueError) as exc:
                        failure = failure or f"feed {slot.storage.path}: {exc}"
    return failure


def feed_failure(crawler: Any) -> str | None:
    """The first feed whose exporter could not write a line, with the error; None if none."""
    extensions = getattr(getattr(crawler, "extensions", None), "middlewares", ())
    for extension in extensions:
        if isinstance(extension, FeedExporter):
            for slot in extension.slots:
                error = getattr(slot.exporter, "error", None) or getattr(
                    slot.storage, "error", None
                )
                if error is not None:
                    where = getattr(slot.storage, "path", None) or slot.uri
                    return f"feed {where}: {error}"
    return None


def feeds_are_local(crawler: Any) -> bool:
    """Whether every open feed writes straight to a local file (or stdout).

    Remote storages (S3, FTP, GCS…) upload a temporary file when the crawl closes: a story is only
    written there once the feed is closed.
    """
    extensions = getattr(getattr(crawler, "extensions", None), "middlewares", ())
    for extension in extensions:
        if isinstance(extension, FeedExporter):
            return all(
                isinstance(slot.storage, FileFeedStorage | StdoutFeedStorage)
                for slot in extension.slots
            )
    return True
