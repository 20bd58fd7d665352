"""``scrapy explain URL``: why newsmirror does what it does with one page, in plain words.

Fetches the page through Scrapy (settings, proxy and robots.txt as in a crawl), then shows the page
kind, the extracted fields, every attribution line and tag found, the origin chosen and why, the
candidate stories of the store with their similarity, and the decision. Writes nothing: the store
is opened read-only (a missing one is not created).
"""

from __future__ import annotations

import argparse
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from scrapy import Request, Spider
from scrapy.commands import ScrapyCommand
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from w3lib.encoding import http_content_type_encoding

from newsmirror.cli import USAGE, error_line
from newsmirror.diagnosis import (
    dedup_lines,
    dedup_view,
    javascript_lines,
    origin_line,
    signal_lines,
    text_line,
)
from newsmirror.download_errors import describe
from newsmirror.extract import PageKind, extract_article
from newsmirror.origin import detect_origin, load_publishers
from newsmirror.page import Page, PageError
from newsmirror.runtime import resolved_store, store_uri
from newsmirror.urls import is_http


class _FetchOne(Spider):
    name = "newsmirror-explain"

    def __init__(self, url: str, sink: list[Response], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.url, self.sink = url, sink

    async def start(self) -> AsyncIterator[Request]:
        yield Request(self.url, callback=self.keep, errback=self.failed, dont_filter=True)

    def keep(self, response: Response) -> None:
        self.sink.append(response)

    def failed(self, failure: Any) -> None:
        error = failure.value
        if isinstance(error, HttpError):  # Scrapy's words: "Ignoring non-200 response"
            reason = f"HTTP {error.response.status}"
        else:
            reason = describe(error)
        self.logger.error("Could not fetch %s: %s", self.url, reason)


class Command(ScrapyCommand):
    requires_project = True

    def syntax(self) -> str:
        return "URL [--store URI]"

    def short_desc(self) -> str:
        return "Explain in plain words what newsmirror finds on one page and what it would do"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--store", help="story store URI (default: NEWSMIRROR_STORE)")

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        assert self.settings is not None
        if not opts.loglevel:
            self.settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
        # Nothing goes through the pipelines, but loading them opens (or creates) the store, and
        # the dedup pipeline retries failed originals when the spider opens.
        self.settings.set("ITEM_PIPELINES", {}, priority="cmdline")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1 or not is_http(args[0]):
            error_line("give one http(s) URL", self.settings)
            self.exitcode = USAGE
            return
        assert self.crawler_process is not None
        assert self.settings is not None
        responses: list[Response] = []
        self.crawler_process.crawl(_FetchOne, url=args[0], sink=responses)
        self.crawler_process.start()
        if not responses:
            self.exitcode = 1
            return
        print(
            explain_page(
                responses[0],
                store_uri(opts.store, Path.cwd())
                if opts.store is not None
                else resolved_store(self.settings),
                self.settings.get("NEWSMIRROR_PUBLISHERS_FILE") or None,
            )
        )


def explain_page(response: Response, store_uri: str | None, publishers_file: str | None) -> str:
    out = [f"Page: {response.url} (HTTP {response.status})"]
    ctype = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
    try:
        page = Page.from_bytes(response.url, response.body, http_content_type_encoding(ctype))
        tree = page.tree
    except PageError as exc:
        return "\n".join([*out, f"Not readable as HTML: {exc}"])
    article = extract_article(response.url, tree)
    out.append(
        f"Kind: {article.kind}"
        + ("" if article.kind is PageKind.ARTICLE else " — not a story, nothing would be written")
    )
    out.append(
        f"Title: {article.title!r}; published {article.published}; authors "
        f"{', '.join(article.authors) or 'none'}; language {article.language}"
    )
    out.append(f"Text: {len(article.paragraphs)} paragraphs, {len(article.text)} characters")
    out += javascript_lines(response.url, tree, article)
    publishers = load_publishers(publishers_file)
    result = detect_origin(response.url, tree, article.paragraphs, publishers, article.metadata)
    out += signal_lines(result)
    if result.origin is not None:
        out.append(origin_line(result.origin))
    out.append(text_line(article.paragraphs, result))
    if article.kind is not PageKind.ARTICLE:
        return "\n".join(out)
    view = dedup_view(
        store_uri, result.paragraphs, response.url, result.origin, publishers, article.title
    )
    return "\n".join(out + dedup_lines(view))
