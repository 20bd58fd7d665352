"""Site templates. Each theme renders a post page, a listing page and a static page."""

from __future__ import annotations

from typing import Protocol

from tests.blindweb.model import Post
from tests.blindweb.sites import SiteSpec
from tests.blindweb.themes.base import Entry, Listing, PageContext
from tests.blindweb.themes.blogger import BloggerTheme
from tests.blindweb.themes.drupal import DrupalTheme
from tests.blindweb.themes.table import TableTheme
from tests.blindweb.themes.wordpress import WORDPRESS_THEMES


class Theme(Protocol):
    def post_page(self, post: Post, ctx: PageContext) -> str: ...

    def listing_page(self, listing: Listing, ctx: PageContext) -> str: ...

    def static_page(self, title: str, paragraphs: list[str], url: str, ctx: PageContext) -> str: ...


def theme_for(site: SiteSpec) -> Theme:
    if site.theme in WORDPRESS_THEMES:
        return WORDPRESS_THEMES[site.theme](site)
    if site.theme == "blogger":
        return BloggerTheme(site)
    if site.theme == "drupal":
        return DrupalTheme(site)
    if site.theme == "table":
        return TableTheme(site)
    raise ValueError(f"unknown theme {site.theme!r} for {site.host}")


__all__ = ["Entry", "Listing", "PageContext", "Theme", "theme_for"]
