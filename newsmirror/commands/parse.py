"""``scrapy parse``, as Scrapy's, plus what the pipelines would make of each article.

The spider callback yields an :class:`~newsmirror.items.Article`; its origin is attached later by
the origin pipeline and its story by the dedup pipeline, so Scrapy's ``parse`` alone shows neither.
After Scrapy's usual output this command prints, for every article scraped, the origin the detector
finds (domain, URL, method, confidence and every piece of evidence) and the dedup decision against
the configured story store (``NEWSMIRROR_STORE``), which is only read. Every option of Scrapy's
``parse`` works as before; ``--noitems`` also leaves this part out.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy import Spider
from scrapy.commands.parse import Command as ScrapyParseCommand
from scrapy.exceptions import DropItem
from scrapy.http import Request
from scrapy.settings import SETTINGS_PRIORITIES
from scrapy.utils import display
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.log import failure_to_exc_info

from newsmirror.cli import FAILED, USAGE, error_line, unknown_spider
from newsmirror.diagnosis import (
    dedup_lines,
    dedup_view,
    origin_line,
    signal_lines,
    text_line,
)
from newsmirror.items import Article
from newsmirror.origin import detect_origin, load_publishers
from newsmirror.runtime import resolved_store

if TYPE_CHECKING:
    from scrapy.http.request import CallbackT
    from twisted.python.failure import Failure

logger = logging.getLogger(__name__)


def displayed(item: Any) -> dict[str, Any]:
    """An item as Scrapy's ``parse`` prints it, less the dataclass fields kept out of ``repr``
    (an Article's parsed page and raw metadata: internal, and pages long)."""
    data = ItemAdapter(item).asdict()
    if dataclasses.is_dataclass(item):
        for f in dataclasses.fields(item):
            if not f.repr:
                data.pop(f.name, None)
    if isinstance(item, Article) and item.origin is None:
        # Not decided yet: the origin pipeline decides it, and "Origin chosen" below says what
        # it would be ('origin': None here read as "none found").
        data.pop("origin", None)
    return data


def _label(item: Any) -> str:
    return str(getattr(item, "url", None) or type(item).__name__)


def diagnose(article: Article, settings: Any) -> list[str]:
    """What the origin and dedup pipelines would make of ``article``, read-only, in plain words."""
    out = [f"Article: {article.url}", f"Title: {article.title!r}"]
    if article.page is None:
        return [*out, "No parsed page kept with the article: origin not checked."]
    paragraphs = list(article.paragraphs)
    origin = None
    publishers = load_publishers(settings.get("NEWSMIRROR_PUBLISHERS_FILE") or None)
    if settings.getbool("NEWSMIRROR_ORIGIN_ENABLED", True):
        result = detect_origin(
            article.url, article.page.tree, paragraphs, publishers, article.metadata
        )
        origin = result.origin
        out += signal_lines(result)
        out.append(origin_line(origin))
        out.append(text_line(paragraphs, result))
        paragraphs = result.paragraphs
    else:
        out.append("Origin detection off (NEWSMIRROR_ORIGIN_ENABLED): origin null.")
    view = dedup_view(
        resolved_store(settings), paragraphs, article.url, origin, publishers, article.title
    )
    return out + dedup_lines(view)


class Command(ScrapyParseCommand):
    """Scrapy's ``parse`` command, followed by each article's origin and dedup decision."""

    def short_desc(self) -> str:
        return "Parse URL (using its spider), print the results and each article's origin and story"

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        self.diagnoses: list[list[str]] = []
        assert self.settings is not None
        if not opts.pipelines:
            # Scrapy instantiates the pipelines even when items do not go through them, and
            # newsmirror's dedup pipeline opens (or creates) the store, retries failed originals
            # and writes pending stories at idle: without --pipelines, leave the store alone.
            # As in `scrapy check`: above spider settings, below the command line.
            priority = (SETTINGS_PRIORITIES["spider"] + SETTINGS_PRIORITIES["cmdline"]) // 2
            self.settings.set("ITEM_PIPELINES", {}, priority=priority)

    def scraped_data(
        self,
        args: tuple[list[Any], list[Request], argparse.Namespace, int, Spider, CallbackT],
    ) -> list[Any]:
        # Before the pipelines (--pipelines) change the article or place it in the store.
        items, requests, opts, depth, spider, callback = args
        if not opts.noitems:
            for item in items:
                if isinstance(item, Article):
                    self.diagnoses.append(diagnose(item, spider.crawler.settings))
        if opts.pipelines:
            # Scrapy's parse leaves a pipeline's DropItem unhandled ("Task exception was never
            # retrieved"); newsmirror's dedup pipeline drops every new story until the crawl is
            # idle. Run the items through the pipelines here, as the scraper would.
            for item in items:
                self._through_pipelines(item, spider)
            opts = argparse.Namespace(**{**vars(opts), "pipelines": False})
        return super().scraped_data((items, requests, opts, depth, spider, callback))

    def _through_pipelines(self, item: Any, spider: Spider) -> None:
        engine = self.pcrawler.engine
        assert engine is not None
        assert engine.scraper.itemproc is not None
        processed = deferred_from_coro(engine.scraper.itemproc.process_item_async(item))

        def failed(failure: Failure) -> None:
            if isinstance(failure.value, DropItem):
                logger.info("Item pipelines dropped %s: %s", _label(item), failure.value)
            else:
                logger.error(
                    "Item pipelines failed on %s",
                    _label(item),
                    exc_info=failure_to_exc_info(failure),
                    extra={"spider": spider},
                )

        processed.addErrback(failed)

    def print_items(self, lvl: int | None = None, colour: bool = True) -> None:
        if lvl is None:
            items = [item for level in self.items.values() for item in level]
        else:
            items = self.items.get(lvl, [])
        print("# Scraped Items ", "-" * 60)
        display.pprint([displayed(x) for x in items], colorize=colour)

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.crawler_process is not None
        known = self.crawler_process.spider_loader.list()
        if opts.spider and opts.spider not in known:  # Scrapy's parse logs it and exits 0
            error_line(unknown_spider(opts.spider, known), self.settings)
            self.exitcode = USAGE
            return
        super().run(args, opts)
        if self.spidercls is None and len(args) == 1:  # no spider for the URL: logged above
            self.exitcode = FAILED
            return
        if opts.noitems or not self.first_response:
            return
        print("# Origin and story ", "-" * 58)
        if not self.diagnoses:
            print("No article scraped: nothing for the origin and dedup pipelines.")
        for lines in self.diagnoses:
            print("\n".join([lines[0], *(f"  {line}" for line in lines[1:])]))
