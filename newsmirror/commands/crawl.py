"""``scrapy crawl`` that checks a newsmirror crawl before starting it.

A bad ``-a`` value (a URL that is not one, an unknown site, a limit that is not a number), an unknown
spider, a feed or story store path that cannot be written, or a publisher file that cannot be read
gets one line and a non-zero exit status at once, before anything is fetched — instead of a
traceback from inside the engine, or a crawl whose stories cannot be written.
"""

from __future__ import annotations

import argparse
import logging

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from newsmirror.cli import (
    FAILED,
    LOGGED_WHERE_RAISED,
    USAGE,
    error_line,
    on_bootstrap_failure,
    plain_error,
)
from newsmirror.cli import unknown_spider as unknown_spider_message
from newsmirror.config import ConfigError
from newsmirror.origin.publishers import PublisherTableError, load_publishers
from newsmirror.preflight import output_problems
from newsmirror.runtime import crawl_failures, fatal_stops

logger = logging.getLogger(__name__)


class Command(ScrapyCrawlCommand):
    usage_problem: str | None = None

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        try:
            super().process_options(args, opts)
        except UsageError as exc:
            if not str(exc):
                raise
            # Reported by run() in one line, without the dozen lines of usage argparse adds.
            self.usage_problem = str(exc)

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if self.usage_problem:
            error_line(self.usage_problem, self.settings)
            self.exitcode = USAGE
            return
        if len(args) != 1:
            super().run(args, opts)  # Scrapy's own usage errors
            return
        assert self.crawler_process is not None
        assert self.settings is not None
        name = args[0]
        problem, status = self.check(name, opts)
        if problem:
            error_line(problem, self.settings)
            self.exitcode = status
            return
        crawl = self.crawler_process.crawl(self._create_crawler(name), **opts.spargs)
        on_bootstrap_failure(crawl, self.bootstrap_failed)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = FAILED
        if (fatal_stops or crawl_failures) and not self.exitcode:
            # Stopped early (Redis or the store gone, disk full) or lost items: say so to cron.
            self.exitcode = FAILED

    def check(self, name: str, opts: argparse.Namespace) -> tuple[str | None, int]:
        """(what is wrong with this crawl, exit status), or (None, 0) when it may start."""
        assert self.crawler_process is not None
        assert self.settings is not None
        loader = self.crawler_process.spider_loader
        try:
            spidercls = loader.load(name)
        except KeyError:
            return unknown_spider_message(name, loader.list()), USAGE
        spargs = dict(opts.spargs)
        check = getattr(spidercls, "check_arguments", None)
        if check is not None:
            try:
                check(spargs, bool(self.settings.get("NEWSMIRROR_QUEUE")))
            except ConfigError as exc:
                return f"{name}: {exc}", USAGE
        try:
            load_publishers(self.settings.get("NEWSMIRROR_PUBLISHERS_FILE") or None)
        except PublisherTableError as exc:
            return str(exc), FAILED
        job = spargs.get("_job")  # Scrapyd's job id: relative paths go to the data directory
        problems = output_problems(self.settings, str(job) if job else None)
        if problems:
            return "; ".join(problems) + ". Nothing was fetched or written", FAILED
        return None, 0

    def bootstrap_failed(self, exc: BaseException) -> None:
        """The crawl could not start (a damaged store…): one line, the traceback at DEBUG."""
        message = plain_error(exc)
        if message is None:
            logger.error("The crawl could not start: %r", exc, exc_info=exc)
            return
        logger.debug("The crawl could not start", exc_info=exc)
        if not isinstance(exc, LOGGED_WHERE_RAISED):
            logger.critical("%s", message)
