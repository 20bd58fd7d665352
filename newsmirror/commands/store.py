"""``scrapy store check|rebuild-index``: find what is wrong with the story store, and rebuild it.

``check`` exits with status 1 when it finds a problem; ``rebuild-index`` writes a new store from the
stories, copies and crawl state the old one still holds (the near-duplicate index and SQLite's own
indexes computed again) and keeps the old file beside it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import urlsplit

from scrapy.commands import ScrapyCommand

from newsmirror.cli import USAGE, error_line
from newsmirror.runtime import resolved_store, store_uri
from newsmirror.store import StoreError, open_store
from newsmirror.store.repair import check, rebuild, rebuildable

ACTIONS = ("check", "rebuild-index")


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "check|rebuild-index [--store URI]"

    def short_desc(self) -> str:
        return "Check the story store (NEWSMIRROR_STORE), or rebuild its index from its stories"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--store", help="store URI (default: NEWSMIRROR_STORE)")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        if len(args) != 1 or args[0] not in ACTIONS:
            error_line(f"give one of: {', '.join(ACTIONS)}", self.settings)
            self.exitcode = USAGE
            return
        uri = store_uri(opts.store, Path.cwd()) if opts.store else resolved_store(self.settings)
        if not uri:
            error_line("no store: set NEWSMIRROR_STORE or give --store", self.settings)
            self.exitcode = USAGE
            return
        parts = urlsplit(uri)
        if parts.scheme != "sqlite":
            self._server_store(args[0], uri)
            return
        path = Path(parts.path[1:] if parts.path.startswith("/") else parts.path)
        if args[0] == "check":
            problems = check(path)
            for problem in problems:
                print(problem)
            if problems:
                if rebuildable(problems):
                    print(f"Rebuild it with: scrapy store rebuild-index --store {uri}")
                self.exitcode = 1
            else:
                print(f"{path}: no problem found")
            return
        try:
            report = rebuild(path)
        except StoreError as exc:
            print(exc, file=sys.stderr)
            self.exitcode = 1
            return
        rows = ", ".join(f"{count} {name}" for name, count in report.rows.items())
        print(f"Rebuilt {path}: {rows}")
        print(f"The old file is kept as {report.kept_aside}")
        for lost in report.lost:
            print(f"Not carried over: {lost} (those pages are crawled again)")
        problems = check(path)
        for problem in problems:
            print(problem)
        if problems:
            self.exitcode = 1

    def _server_store(self, action: str, uri: str) -> None:
        """A Redis store: its schema is checked as a crawl does; its index is rebuilt in place
        by no command yet."""
        if action == "rebuild-index":
            print(f"{uri}: rebuild-index works on SQLite stores only", file=sys.stderr)
            self.exitcode = 1
            return
        try:
            store = open_store(uri, read_only=True)
        except StoreError as exc:
            print(exc)
            self.exitcode = 1
            return
        print(f"{uri}: a newsmirror store of {store.count()} stories, schema known")
        store.close()
