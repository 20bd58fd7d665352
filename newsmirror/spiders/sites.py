"""One spider per registered site, built from the registry (no class is written per site)."""

from __future__ import annotations

from typing import Any

from newsmirror.registry import Site
from newsmirror.spiders.base import NewsSpider


class SiteSpider(NewsSpider):
    """Crawls one registered site from its registry start URLs, with its selectors."""

    def seed_urls(self) -> list[str]:
        assert self.site is not None
        return list(self.site.start_urls)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        assert self.site is not None
        # Extra start URLs on the site's own domains may still be given with -a url=...
        self.allowed_domains = list(self.site.domains)


def spider_class(site: Site) -> type[SiteSpider]:
    """The spider class for ``site``: named after it, so ``scrapy crawl <name>`` runs it."""
    return type(
        f"{site.name.title().replace('_', '')}Spider",
        (SiteSpider,),
        {
            "name": site.name,
            "site": site,
            "__module__": __name__,
            "__doc__": f"Crawl {site.title} ({', '.join(site.domains)}).",
        },
    )
