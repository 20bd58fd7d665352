"""Spider contracts for ``scrapy check``: each registered site's extraction, checked on one page.

Every site spider's ``parse`` docstring is built from its registry entry (:func:`site_contracts`):
``@url`` the entry's ``check_url``, ``@browser`` when the site needs Chromium, ``@returns items 1 1``,
``@scrapes title text url`` and ``@origin`` the entry's ``check_origin``. The contracts below are
registered in ``SPIDER_CONTRACTS`` (settings.py); ``@origin`` runs the real origin detector
(:func:`newsmirror.origin.detect_origin`) on the page the spider extracted.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from itemadapter import ItemAdapter, is_item
from scrapy.contracts import Contract
from scrapy.exceptions import ContractFail

from newsmirror.items import Article
from newsmirror.origin import PublisherTable, detect_origin, load_publishers
from newsmirror.registry import Site
from newsmirror.spiders.base import browser_meta

logger = logging.getLogger(__name__)

SCRAPED_FIELDS = ("title", "text", "url")


def site_contracts(site: Site) -> list[str]:
    """The contract lines of ``site``'s ``parse`` callback; none without a ``check_url``."""
    if not site.check_url:
        return []
    lines = [f"@url {site.check_url}"]
    if site.needs_browser:
        lines.append("@browser")
    lines += ["@returns items 1 1", f"@scrapes {' '.join(SCRAPED_FIELDS)}"]
    if site.check_origin:
        lines.append(f"@origin {site.check_origin}")
    return lines


def _same_domain(found: str | None, expected: str) -> bool:
    def norm(domain: str) -> str:
        return domain.lower().rstrip(".").removeprefix("www.")

    return found is not None and norm(found) == norm(expected)


class BrowserContract(Contract):
    """``@browser``: fetch the sample page in Chromium, as a crawl fetches the article links of a
    site flagged ``needs_browser`` (its static HTML is an empty application shell). Without it the
    callback would get the shell, and yield only the request that renders it again."""

    name = "browser"

    def __init__(self, method: Callable[..., Any], *args: Any) -> None:
        super().__init__(method, *args)
        self.spider = getattr(method, "__self__", None)

    def adjust_request_args(self, args: dict[str, Any]) -> dict[str, Any]:
        # With NEWSMIRROR_BROWSER off, a crawl gets the shell only, and so does the check.
        if getattr(self.spider, "browser", True):
            args["meta"] = browser_meta(dict(args.get("meta") or {}))
        return args


class ScrapesContract(Contract):
    """``@scrapes field ...``: every item has each field, and not empty.

    Replaces Scrapy's own ``@scrapes``, which only asks that the field exist: an Article dataclass
    always has every field, so an empty title or text would pass it.
    """

    name = "scrapes"

    def post_process(self, output: list[Any]) -> None:
        for item in output:
            if not is_item(item):
                continue
            adapter = ItemAdapter(item)
            missing = [f for f in self.args if not adapter.get(f)]
            if missing:
                raise ContractFail(f"Missing or empty fields: {', '.join(missing)}")


class OriginContract(Contract):
    """``@origin domain``: the origin detector finds ``domain`` as the origin of every article."""

    name = "origin"

    def __init__(self, method: Callable[..., Any], *args: Any) -> None:
        super().__init__(method, *args)
        self.spider = getattr(method, "__self__", None)

    def publishers(self) -> PublisherTable:
        crawler = getattr(self.spider, "crawler", None)
        extra = crawler.settings.get("NEWSMIRROR_PUBLISHERS_FILE") if crawler else None
        return load_publishers(extra or None)

    def post_process(self, output: list[Any]) -> None:
        if len(self.args) != 1 or not self.args[0]:
            raise ContractFail("@origin takes one domain")
        expected = self.args[0]
        articles = [item for item in output if isinstance(item, Article)]
        if not articles:
            raise ContractFail(f"No article to find the origin {expected} in")
        publishers = self.publishers()
        for article in articles:
            if article.page is None:
                raise ContractFail(f"{article.url}: no parsed page kept with the article")
            result = detect_origin(
                article.url, article.page.tree, article.paragraphs, publishers, article.metadata
            )
            found = result.origin.domain if result.origin else None
            if not _same_domain(found, expected):
                evidence = "; ".join(repr(s.evidence) for s in result.signals) or "no signal"
                raise ContractFail(
                    f"{article.url}: origin {found or 'none'}, expected {expected} ({evidence})"
                )
