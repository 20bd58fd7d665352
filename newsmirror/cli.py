"""How newsmirror's commands say that something is wrong: one line and a non-zero exit status.

Scrapy's ``UsageError`` prints the command's whole usage (a dozen lines) before the message, and an
exception raised while a crawl is being set up is printed with its traceback. A person needs the
message: the path, the setting or the argument, and what is wrong with it. Tracebacks stay in the
log at DEBUG level, for those who ask (``-L DEBUG``).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

from newsmirror.config import ConfigError
from newsmirror.extensions.jobdir import JobdirInUse
from newsmirror.origin.publishers import PublisherTableError
from newsmirror.registry import RegistryError
from newsmirror.store import StoreError

logger = logging.getLogger(__name__)

# Errors whose message says all a person needs: a setting, a file or an argument to fix.
PLAIN_ERRORS: tuple[type[Exception], ...] = (
    ConfigError,
    PublisherTableError,
    RegistryError,
    StoreError,
    JobdirInUse,
)
# Of those, the ones the component that raises them has already logged (CRITICAL), in one line.
LOGGED_WHERE_RAISED: tuple[type[Exception], ...] = (StoreError, JobdirInUse)

USAGE = 2  # exit status of a bad command line, as argparse's
FAILED = 1  # exit status of anything else that stops a command


def error_line(message: str, settings: Any = None) -> None:
    """``message`` on stderr as one line; also in the log file if the log goes to one (Scrapyd)."""
    sys.stderr.write(f"scrapy: error: {' '.join(message.split())}\n")
    sys.stderr.flush()
    if settings is not None and settings.get("LOG_FILE"):
        logger.critical("%s", message)


def unknown_spider(name: str, spiders: list[str]) -> str:
    return f"no spider named {name!r}; the spiders are: {', '.join(sorted(spiders))}"


def plain_error(exc: BaseException) -> str | None:
    """The one-line message of an error a person can fix from its message, else None."""
    if isinstance(exc, PLAIN_ERRORS):
        return str(exc)
    return None


def on_bootstrap_failure(crawl: Any, report: Callable[[BaseException], None]) -> None:
    """Hand the error that stopped a crawl before it started (a damaged store, a broken
    publisher file) to ``report`` instead of letting asyncio or Twisted print its traceback."""
    add_done_callback = getattr(crawl, "add_done_callback", None)
    if add_done_callback is not None:  # an asyncio task

        def done(task: Any) -> None:
            if not task.cancelled() and task.exception() is not None:
                report(task.exception())

        add_done_callback(done)
        return
    add_errback = getattr(crawl, "addErrback", None)
    if add_errback is not None:  # a Twisted Deferred

        def errback(failure: Any) -> None:
            report(failure.value)

        add_errback(errback)
