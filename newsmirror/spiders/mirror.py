"""``mirror``: the generic spider. ``scrapy crawl mirror -a url=URL[,URL...]`` on any site."""

from __future__ import annotations

from typing import Any

from newsmirror.config import ConfigError
from newsmirror.registry import load_sites
from newsmirror.spiders.base import NewsSpider, split_urls


class MirrorSpider(NewsSpider):
    """Crawl the given home pages, feeds, sitemaps, WordPress API roots or single articles.

    Arguments: ``url`` (comma-separated) and/or ``site`` (registered site names, comma-separated),
    plus the crawl bounds ``max_pages``, ``max_depth``, ``max_pages_per_site``, ``max_url_length``.
    """

    name = "mirror"
    arguments = ("url", "site", *NewsSpider.arguments)

    def __init__(
        self, *args: Any, url: str | None = None, site: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.url_arg = url
        self.site_arg = site

    @classmethod
    def check_arguments(cls, spargs: dict[str, Any], distributed: bool = False) -> None:
        super().check_arguments(spargs, distributed)
        urls = split_urls(spargs.get("url"))
        names = [n.strip() for n in (spargs.get("site") or "").split(",") if n.strip()]
        if not urls and not names and not distributed:
            # A fleet worker may start without seeds: it takes them from the shared queue.
            raise ConfigError("mirror needs -a url=URL[,URL...] or -a site=NAME[,NAME...]")
        cls._sites_for(names)

    @staticmethod
    def _sites_for(names: list[str], sites_file: str | None = None) -> list[str]:
        sites = load_sites(sites_file)
        unknown = [n for n in names if n not in sites]
        if unknown:
            raise ConfigError(
                f"unknown site(s) {', '.join(unknown)}; registered: {', '.join(sorted(sites))}"
            )
        return [u for n in names for u in sites[n].start_urls]

    def seed_urls(self) -> list[str]:
        names = [n.strip() for n in (self.site_arg or "").split(",") if n.strip()]
        urls = split_urls(self.url_arg) + self._sites_for(names, self.config.sites_file or None)
        # No seeds is legitimate for `scrapy parse`/`scrapy shell`; `scrapy crawl` refuses it.
        return list(dict.fromkeys(urls))
