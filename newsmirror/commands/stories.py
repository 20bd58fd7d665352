"""``scrapy stories -o FILE.jsonl``: export every story in the store, merged, with all its copies."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from scrapy.commands import ScrapyCommand

from newsmirror.cli import FAILED, USAGE, error_line
from newsmirror.pipelines.dedup import final_record
from newsmirror.runtime import resolved_store, store_uri
from newsmirror.store import StoreError, open_store


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "-o FILE.jsonl [--since ISO-DATE] [--origin DOMAIN] [--check]"

    def short_desc(self) -> str:
        return "Export the stories of the story store (NEWSMIRROR_STORE) as JSON Lines"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("-o", "--output", default="-", help="file to write, - for stdout")
        parser.add_argument("--since", help="only stories updated at or after this ISO 8601 time")
        parser.add_argument("--origin", help="only stories whose origin is this registrable domain")
        parser.add_argument("--store", help="store URI (default: NEWSMIRROR_STORE)")
        parser.add_argument(
            "--check",
            action="store_true",
            help="list stories whose copies do not match their text; exit status 1 if any",
        )

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        uri = store_uri(opts.store, Path.cwd()) if opts.store else resolved_store(self.settings)
        if not uri:
            error_line("no store: set NEWSMIRROR_STORE or give --store", self.settings)
            self.exitcode = USAGE
            return
        try:
            store = open_store(uri)
        except StoreError as exc:
            error_line(str(exc), self.settings)
            self.exitcode = FAILED
            return
        out = sys.stdout if opts.output == "-" else open(opts.output, "w", encoding="utf-8")  # noqa: SIM115
        count = incoherent = 0
        try:
            sites: dict[str, dict[str, int]] = {}
            for story in store.iter_stories(since=opts.since, origin=opts.origin):
                record, check = final_record(store, story, sites)
                if opts.origin and (record.origin or {}).get("domain") != opts.origin:
                    continue  # written without that origin (dedup/reposts.py)
                if opts.check and not check.coherent:
                    incoherent += 1
                    print(
                        f"Incoherent story {story.id} ({record.canonical_url}): "
                        f"{len(check.strays)} of {len(record.copies)} copies do not match its "
                        f"text: {', '.join(check.strays)}",
                        file=sys.stderr,
                    )
                out.write(json.dumps(asdict(record), ensure_ascii=False) + "\n")
                count += 1
        finally:
            if out is not sys.stdout:
                out.close()
            store.close()
        print(f"Exported {count} stories", file=sys.stderr)
        if opts.check:
            print(f"{incoherent} incoherent stories (copies unlike their text)", file=sys.stderr)
            self.exitcode = 1 if incoherent else 0
