"""``scrapy extract PATH... [-o OUT.jsonl] [--url URL]``: extraction for saved pages.

Reads ``.html``, ``.htm`` and ``.html.gz`` files (and folders of them) and writes one JSON line per
page with what a crawl would extract from it: ``path``, ``url``, ``kind``, ``title``, ``text``,
``authors``, ``published``, ``modified``, ``language``, ``origin`` (as in a story record) and
``error`` (null, or why the page gave nothing). One bad page never stops the batch. Fetches nothing.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from newsmirror.config import NewsmirrorConfig
from newsmirror.extract.record import (
    PageRecord,
    SavedPageError,
    extract_record,
    read_saved_page,
    saved_pages,
)
from newsmirror.origin import load_publishers
from newsmirror.registry import load_sites
from newsmirror.urls import is_http


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "PATH... [-o OUT.jsonl] [--url URL]"

    def short_desc(self) -> str:
        return "Extract saved pages (.html, .htm, .html.gz, folders of them) as JSON Lines"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("-o", "--output", default="-", help="file to write, - for stdout")
        parser.add_argument(
            "--url",
            help="the address the page was fetched from (one page only; default: its "
            "canonical or og:url)",
        )

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        if not args:
            raise UsageError("give at least one file or folder", print_help=False)
        if opts.url is not None and not is_http(opts.url):
            raise UsageError(f"--url must be an http(s) URL, not {opts.url!r}", print_help=False)
        paths = list(saved_pages(Path(a) for a in args))
        if opts.url is not None and len(paths) != 1:
            raise UsageError(
                f"--url is one page's address, and {len(paths)} pages were given", print_help=False
            )
        # Extraction's own warnings (trafilatura's "discarding data") would drown the output.
        logging.getLogger("trafilatura").setLevel(logging.ERROR)
        config = NewsmirrorConfig.from_settings(self.settings)
        publishers = load_publishers(self.settings.get("NEWSMIRROR_PUBLISHERS_FILE") or None)
        sites = load_sites(config.sites_file or None)
        max_size = self.settings.getint("DOWNLOAD_MAXSIZE")
        out = sys.stdout if opts.output == "-" else open(opts.output, "w", encoding="utf-8")  # noqa: SIM115
        pages = errors = articles = 0
        try:
            for path in paths:
                try:
                    body = read_saved_page(path, max_size)
                except SavedPageError as exc:
                    record = PageRecord(path=str(path), url=opts.url, error=str(exc))
                else:
                    record = extract_record(
                        body,
                        publishers,
                        url=opts.url,
                        path=str(path),
                        sites=sites,
                        min_text_chars=config.min_text_chars,
                    )
                out.write(json.dumps(record.as_dict(), ensure_ascii=False) + "\n")
                out.flush()
                pages += 1
                errors += record.error is not None
                articles += record.kind == "article"
        finally:
            if out is not sys.stdout:
                out.close()
        print(
            f"Extracted {_count(pages, 'page')}: {_count(articles, 'article')}, "
            f"{errors} with an error",
            file=sys.stderr,
        )
        if any(not Path(a).exists() for a in args):
            self.exitcode = 1


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
