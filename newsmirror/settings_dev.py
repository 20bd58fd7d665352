"""Development profile: ``SCRAPY_PROJECT=dev scrapy crawl <spider> ...`` hits each site only once.

Every response is kept in Scrapy's HTTP cache (``.scrapy/httpcache``), so running one spider again
and again while working on extraction fetches nothing; output is one record per article page.
"""

from __future__ import annotations

from newsmirror.settings import *  # noqa: F403

HTTPCACHE_ENABLED = True
HTTPCACHE_DIR = "httpcache"
HTTPCACHE_EXPIRATION_SECS = 0  # never expires: delete .scrapy/httpcache to refetch
HTTPCACHE_IGNORE_HTTP_CODES = [500, 502, 503, 504, 429]
NEWSMIRROR_STORE = ""  # one record per page, every run
AUTOTHROTTLE_START_DELAY = 0.2
LOG_LEVEL = "DEBUG"
