"""``scrapy check``, as Scrapy's, with one line and exit status 2 for a spider that does not exist
(Scrapy's ends in a ``KeyError`` traceback)."""

from __future__ import annotations

import argparse

from scrapy.commands.check import Command as ScrapyCheckCommand

from newsmirror.cli import USAGE, error_line, unknown_spider


class Command(ScrapyCheckCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.crawler_process is not None
        known = self.crawler_process.spider_loader.list()
        for name in args:
            if name not in known:
                error_line(unknown_spider(name, known), self.settings)
                self.exitcode = USAGE
                return
        super().run(args, opts)
