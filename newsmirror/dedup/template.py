"""A site's template, learned from its own pages: text blocks that recur across many of them.

Widget excerpts, network feeds, disclaimers, newsletter boxes and "related" cards that extraction
keeps are the same words on most pages of one site; a story's paragraphs are not (a background
sentence that a newsroom reuses now and then is on a few of its pages, not on most). Each block (a
paragraph of the extracted text) is counted once per page of its site in the story store, beside
the count of the site's pages, so what a crawl learns serves the next, small incremental run too.
A block held by at least ``TEMPLATE_PAGES`` pages and ``TEMPLATE_SHARE`` of the pages of a site is
template there: it is kept out of the text that is fingerprinted and placed, and out of the text
written (stories read from a site's first pages, placed before the site's template was known, are
cleaned when written). Pure code but :func:`learn`, which reads and counts in the store.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from newsmirror.dedup.fingerprint import normalize
from newsmirror.store.base import StoryStore

# Pages of one site holding a block before it is template there. Three: a story reposted twice on
# one site (two URLs for one post) is still story text.
TEMPLATE_PAGES = 3
TEMPLATE_SHARE = 0.5  # ...and at least this share of the site's pages counted
PAGES = "t:pages"  # the key a site's page count is kept under, beside its blocks'
REPOSTS = "t:reposts"  # ...and its pages that credit another publisher (see ``reposts``)
_NOT_BLOCKS = frozenset({PAGES, REPOSTS})
# Every block with a word in it counts: a site's menu items and labels ("Home", "World",
# "Share") are on most of its pages too, and extraction keeps them from pages laid out in tables.
MIN_BLOCK_CHARS = 1
# A text that would lose more than this share to the template keeps it whole: the page is a
# stub, or the site's posts are all the same story.
MAX_TEMPLATE_SHARE = 0.7


@lru_cache(maxsize=16384)
def block_key(paragraph: str) -> str | None:
    """The key a block is counted under (case, quotes, punctuation and spacing folded)."""
    norm = normalize(paragraph)
    if len(norm) < MIN_BLOCK_CHARS:
        return None
    return "t:" + hashlib.blake2b(norm.encode("utf-8"), digest_size=8).hexdigest()


def block_keys(paragraphs: list[str]) -> list[str]:
    """The keys of a page's blocks, each once."""
    return list(dict.fromkeys(k for k in map(block_key, paragraphs) if k))


def template(counts: dict[str, int]) -> set[str]:
    """The blocks that are template, from a site's counts (``PAGES``: its pages counted)."""
    pages = counts.get(PAGES, 0)
    least = max(TEMPLATE_PAGES, TEMPLATE_SHARE * pages)
    return {key for key, n in counts.items() if key not in _NOT_BLOCKS and n >= least}


def without_template(paragraphs: list[str], template: set[str]) -> list[str]:
    """``paragraphs`` less the site's template blocks (all of them, if that leaves too little)."""
    if not template:
        return paragraphs
    kept = [p for p in paragraphs if block_key(p) not in template]
    total = sum(len(p) for p in paragraphs)
    if not kept or sum(len(p) for p in kept) < (1 - MAX_TEMPLATE_SHARE) * total:
        return paragraphs
    return kept


def learn(
    store: StoryStore, site: str, url: str, paragraphs: list[str], reposted: bool = False
) -> list[str]:
    """The page's text less its site's template as learned so far; the page's blocks count
    towards it (once per page: a page crawled again, already placed, adds nothing), and so does
    the page itself, as one that credits another publisher if ``reposted``."""
    keys = block_keys(paragraphs)
    learned = template(store.block_counts(site, [PAGES, *keys]))
    if store.url_fetched_at(url) is None:
        store.count_blocks(site, [PAGES, *([REPOSTS] if reposted else []), *keys])
    return without_template(paragraphs, learned)
