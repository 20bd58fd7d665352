"""``scrapy crawl`` that checks a newsmirror spider's arguments before starting the crawl.

A bad ``-a`` value (a URL that is not one, an unknown site, a limit that is not a number) gets a
one-line error and exit status 2 instead of a traceback from inside the engine.
"""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from newsmirror.config import ConfigError
from newsmirror.runtime import crawl_failures, fatal_stops


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) == 1 and self.crawler_process is not None:
            try:
                spidercls = self.crawler_process.spider_loader.load(args[0])
            except KeyError:
                raise UsageError(f"Spider not found: {args[0]}", print_help=False) from None
            check = getattr(spidercls, "check_arguments", None)
            if check is not None:
                try:
                    assert self.settings is not None
                    check(dict(opts.spargs), bool(self.settings.get("NEWSMIRROR_QUEUE")))
                except ConfigError as exc:
                    raise UsageError(f"{args[0]}: {exc}", print_help=False) from None
        super().run(args, opts)
        if (fatal_stops or crawl_failures) and not self.exitcode:
            # Stopped early (Redis or the store gone, disk full) or lost items: say so to cron.
            self.exitcode = 1
