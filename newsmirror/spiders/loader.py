"""A spider loader that adds one spider per registry entry to the project's spider modules."""

from __future__ import annotations

from typing import Self

from scrapy.settings import BaseSettings
from scrapy.spiderloader import SpiderLoader

from newsmirror.registry import RegistryError, load_sites
from newsmirror.spiders.sites import spider_class


class RegistrySpiderLoader(SpiderLoader):
    """``scrapy list`` shows ``mirror`` and every registered site (bundled + NEWSMIRROR_SITES_FILE)."""

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        try:
            sites = load_sites(settings.get("NEWSMIRROR_SITES_FILE") or None)
        except RegistryError as exc:
            # Scrapy builds the spider loader before any command runs, so no command can catch
            # this: every command (crawl, list, check, Scrapyd's listspiders…) stops here, with
            # the file and what is wrong with it in one line instead of a traceback.
            raise SystemExit(f"scrapy: error: {exc}") from None
        for site in sites.values():
            if site.name in self._spiders:
                raise ValueError(f"registry site {site.name!r} clashes with a spider of that name")
            cls = spider_class(site)
            self._spiders[site.name] = cls
            self._found[site.name].append((cls.__module__, cls.__name__))

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> Self:
        return cls(settings)
