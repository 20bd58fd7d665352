"""One spider per registered site, built from the registry (no class is written per site)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from scrapy.http import Response

from newsmirror.contracts import site_contracts
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


def parse_docstring(site: Site) -> str:
    """``parse``'s docstring for ``site``: what it does, and the site's contracts for
    ``scrapy check`` (from the registry's ``check_url`` and ``check_origin``)."""
    text = f"Handle any response of {site.title}: HTML page, feed, sitemap or WordPress API."
    contracts = site_contracts(site)
    if not contracts:
        return text
    return "\n\n".join([text, "\n".join(contracts)])


def spider_class(site: Site) -> type[SiteSpider]:
    """The spider class for ``site``: named after it, so ``scrapy crawl <name>`` runs it."""
    class_name = f"{site.name.title().replace('_', '')}Spider"

    async def parse(self: SiteSpider, response: Response, **kwargs: Any) -> AsyncIterator[Any]:
        async for output in NewsSpider.parse(self, response, **kwargs):
            yield output

    # Its own function, so its own docstring: the contracts `scrapy check <name>` runs.
    parse.__doc__ = parse_docstring(site)
    parse.__qualname__ = f"{class_name}.parse"
    parse.__module__ = __name__
    return type(
        class_name,
        (SiteSpider,),
        {
            "name": site.name,
            "site": site,
            # On the class too: `scrapy parse URL` finds the site's spider by it.
            "allowed_domains": list(site.domains),
            "parse": parse,
            "__module__": __name__,
            "__doc__": f"Crawl {site.title} ({', '.join(site.domains)}).",
        },
    )
