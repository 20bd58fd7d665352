"""Where a crawl keeps its files, whether it runs as a Scrapyd job, and per-job feed names.

A Scrapyd job runs in Scrapyd's working directory with the project loaded from a temporary egg, so
relative paths there would land in a place nobody chose. Under Scrapyd, relative store and feed
paths are therefore put in ``NEWSMIRROR_DATA_DIR`` (by default ``$XDG_DATA_HOME/newsmirror``).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

DEFAULT_DATA_DIR = ".scrapy/newsmirror"


def scrapyd_job(spider: object | None) -> str | None:
    """The Scrapyd job id (Scrapyd passes it as the ``_job`` spider argument), or None."""
    job = getattr(spider, "_job", None)
    return str(job) if job else None


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, someone else's
    return True


def data_dir(configured: str, under_scrapyd: bool, environ: Mapping[str, str] = os.environ) -> Path:
    """The directory relative store and feed paths are resolved against.

    ``NEWSMIRROR_DATA_DIR`` when set; else the project's ``.scrapy/newsmirror`` for a plain
    ``scrapy crawl``, and ``$XDG_DATA_HOME/newsmirror`` (``~/.local/share/newsmirror``) for a Scrapyd
    job, whose working directory is Scrapyd's own.
    """
    if configured:
        return Path(configured).expanduser()
    if under_scrapyd:
        base = environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        return Path(base) / "newsmirror"
    return Path(DEFAULT_DATA_DIR)


def is_relative_local(uri: str) -> bool:
    """Whether a feed URI is a relative file path (no scheme, or ``file:`` without a root)."""
    parts = urlsplit(uri)
    if parts.scheme not in ("", "file") or len(parts.scheme) == 1:  # C:\ on Windows
        return False
    path = parts.path if parts.scheme else uri
    return not Path(path).is_absolute()


def absolute_feed_uri(uri: str, base: Path) -> str:
    """A relative local feed path made absolute under ``base``; other URIs unchanged."""
    if not is_relative_local(uri):
        return uri
    path = urlsplit(uri).path if uri.startswith("file:") else uri
    # A plain path, not a file: URI, so the %(name)s-style placeholders stay unencoded.
    return str((base / path).absolute())


def store_uri(configured: str, base: Path) -> str:
    """``NEWSMIRROR_STORE`` with a relative SQLite path resolved under ``base`` (absolute)."""
    if not configured:
        return ""
    parts = urlsplit(configured)
    if parts.scheme not in ("sqlite", ""):
        return configured  # a server URI: nothing to resolve
    if parts.scheme and parts.netloc:
        return configured  # malformed; open_store says what is wrong with it
    path = (
        (parts.path[1:] if parts.path.startswith("/") else parts.path)
        if parts.scheme
        else configured
    )
    resolved = Path(path).expanduser()
    if not resolved.is_absolute():
        resolved = (base / resolved).absolute()
    return f"sqlite:///{resolved}"


def resolved_store(settings: Any, spider: object | None = None) -> str:
    """The store URI a crawl (or a command, when ``spider`` is None) uses, from the settings."""
    base = data_dir(str(settings.get("NEWSMIRROR_DATA_DIR") or ""), scrapyd_job(spider) is not None)
    return store_uri(str(settings.get("NEWSMIRROR_STORE") or ""), base)


# Why crawls in this process had to stop before their end (Redis or the store gone); the crawl
# command turns any into a non-zero exit status, for cron and Scrapyd to see.
fatal_stops: list[str] = []


# Items lost to an error in an item pipeline (their URLs); and feeds that could not be stored. The
# crawl command turns either into a non-zero exit status at the end of the crawl.
crawl_failures: list[str] = []


def stop_crawl(crawler: Any, reason: str, message: str) -> None:
    """Close the crawl cleanly (feeds flushed, store committed) because ``message``; once."""
    if reason in fatal_stops:
        return
    fatal_stops.append(reason)
    logging.getLogger(__name__).critical("%s: stopping the crawl", message)
    engine = getattr(crawler, "engine", None)
    if engine is not None:
        from scrapy.utils.defer import deferred_from_coro

        deferred_from_coro(engine.close_spider_async(reason=reason))
