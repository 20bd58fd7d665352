"""Turn each extracted :class:`Article` into the published :class:`Story` record."""

from __future__ import annotations

import logging
from typing import Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector

from newsmirror.items import Article, Story
from newsmirror.urls import registrable_domain, story_id

__all__ = ["StoryPipeline", "build_story", "own_canonical", "story_id"]

logger = logging.getLogger(__name__)


def own_canonical(article: Article) -> str:
    """The page's canonical URL when it points at the page's own site, else the page URL.

    A cross-site canonical names the original (an origin signal, read by origin detection);
    it does not make the copy live at that address.
    """
    for candidate in (article.canonical, article.og_url):
        if candidate and registrable_domain(candidate) == registrable_domain(article.url):
            return candidate
    return article.url


def build_story(article: Article) -> Story:
    origin = article.origin
    # A copy that names its original's exact URL belongs to the story at that URL.
    canonical = origin.url if origin is not None and origin.url else own_canonical(article)
    return Story(
        id=story_id(canonical),
        canonical_url=canonical,
        title=article.title,
        text=article.text,
        authors=article.authors,
        published=article.published,
        modified=article.modified,
        language=article.language,
        image=article.image,
        site=article.site,
        origin=origin.as_dict() if origin is not None else None,
        copies=[
            {
                "url": article.url,
                "site": article.site,
                "published": article.published,
                "seen_at": article.fetched_at,
                "similarity": 1.0,
            }
        ],
        first_seen=article.fetched_at,
        text_source="copy" if origin is not None else "original",
        text_from=article.text_from,
    )


class StoryPipeline:
    """Last pipeline: validates an article and emits its story record for the feeds."""

    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        assert crawler.stats is not None
        return cls(crawler.stats)

    def process_item(self, item: object) -> object:
        if not isinstance(item, Article):
            return item
        if not item.text.strip():
            self.stats.inc_value("newsmirror/items/dropped/empty_text")
            raise DropItem(f"{item.url}: no article text")
        self.stats.inc_value("newsmirror/items/stories")
        return build_story(item)
