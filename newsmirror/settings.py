"""Scrapy settings for newsmirror: polite defaults, our components, and every NEWSMIRROR_ setting.

Each ``NEWSMIRROR_*`` setting is read once into :class:`newsmirror.config.NewsmirrorConfig`;
docs/settings.md documents them.
"""

from __future__ import annotations

from scrapy.settings import default_settings as _scrapy_defaults

BOT_NAME = "newsmirror"
SPIDER_MODULES = ["newsmirror.spiders"]
NEWSPIDER_MODULE = "newsmirror.spiders"
COMMANDS_MODULE = "newsmirror.commands"
SPIDER_LOADER_CLASS = "newsmirror.spiders.loader.RegistrySpiderLoader"

# --- newsmirror ----------------------------------------------------------------------------
# Contact put in the User-Agent so site owners can reach whoever runs the crawl.
NEWSMIRROR_CONTACT = "https://github.com/newsmirror/newsmirror"
# Crawl bounds; each is also a spider argument (-a max_pages=..., -a max_depth=..., ...).
NEWSMIRROR_MAX_PAGES = 0  # pages fetched in the whole crawl; 0 = no limit
NEWSMIRROR_MAX_DEPTH = 12  # link hops from a seed (feeds and sitemaps count as hops)
# Distinct pages requested per registrable domain (a link seen again does not count); in a
# distributed crawl, for the whole fleet.
NEWSMIRROR_MAX_PAGES_PER_SITE = 5000
NEWSMIRROR_MAX_URL_LENGTH = 2048
# A page whose main text is shorter than this is not a story.
NEWSMIRROR_MIN_TEXT_CHARS = 250
# Worker processes extracting articles beside the crawl; None: one where there is a second core,
# none (extraction in the crawl's process) on a single core.
NEWSMIRROR_EXTRACT_PROCESSES = None
# Probe the usual feed and sitemap paths of every seed site.
NEWSMIRROR_PROBE_USUAL_PATHS = True
# Extra site registry (JSON file) merged over the bundled one.
NEWSMIRROR_SITES_FILE = ""
# Origin detection (attribution lines and markup); extra publishers table (JSON file).
NEWSMIRROR_ORIGIN_ENABLED = True
NEWSMIRROR_PUBLISHERS_FILE = ""
# The story store: stories, their copies, crawl state and the near-duplicate index.
# sqlite:///relative/path.db (inside NEWSMIRROR_DATA_DIR) or sqlite:////absolute/path.db;
# empty = no dedup, one record per page.
NEWSMIRROR_STORE = "sqlite:///store.db"
# How much of an SQLite store is checked before a crawl uses it: "quick" (PRAGMA quick_check: every
# page), "full" (PRAGMA integrity_check: also each index against its table), "header" (the file's
# header and size only, for very large stores). A store that fails stops the crawl before it starts.
NEWSMIRROR_STORE_CHECK = "quick"
# Where relative store paths (and, under Scrapyd, relative feed paths) go. Empty: .scrapy/newsmirror
# in the working directory for `scrapy crawl`; $XDG_DATA_HOME/newsmirror for a Scrapyd job.
NEWSMIRROR_DATA_DIR = ""
# Fetch (once, one hop) the original a copy names, to verify it and use its text.
NEWSMIRROR_FETCH_ORIGINS = True
# An article URL already processed is fetched again only when older than this (days).
NEWSMIRROR_REFRESH_DAYS = 7.0
# Also write copies of already-written stories ("sightings") to this feed URI (JSON Lines).
NEWSMIRROR_SIGHTINGS_FEED = ""
# Log a plain-words summary of the crawl when it ends.
NEWSMIRROR_SUMMARY = True
# When set, the crawl's final stats are written to this JSON file.
NEWSMIRROR_STATS_FILE = ""

# --- distributed crawling (Redis) --------------------------------------------------------------
# redis://host:port/db: this crawl is one worker of a fleet sharing one request queue (scrapy-redis).
NEWSMIRROR_QUEUE = ""
# Key prefix of the shared queue in Redis (several fleets may share one Redis).
NEWSMIRROR_QUEUE_PREFIX = "newsmirror"
# A worker stops once the whole fleet has been idle (queue empty) for this many seconds.
NEWSMIRROR_QUEUE_IDLE = 10.0
# A worker on another machine that has not been heard of for this long is dead: its requests go back.
NEWSMIRROR_QUEUE_WORKER_TIMEOUT = 60.0
# How long a running crawl keeps retrying a lost Redis (store or queue) before it stops.
NEWSMIRROR_REDIS_RETRY_SECONDS = 60.0

# --- politeness ----------------------------------------------------------------------------
USER_AGENT = "newsmirror/0.1 (+https://github.com/newsmirror/newsmirror)"
ROBOTSTXT_OBEY = True
# Scrapy's robots.txt middleware allows everything when robots.txt answers 5xx or times out, ignores
# Crawl-delay and lets through requests that wait for it together; ours (RFC 9309) takes its place.
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "newsmirror.middlewares.robotstxt.RobotsTxtObeyed": 100,
    # Before robots.txt: a refused redirect's host is never contacted at all.
    "newsmirror.middlewares.redirects.RedirectGuard": 90,
    # Before Scrapy's RedirectMiddleware (600), which cannot build requests for other schemes.
    "newsmirror.middlewares.redirects.RedirectSchemeGuard": 610,
}
# robots.txt (RFC 9309): seconds to wait for it; an unreachable one (5xx, 429, timeout, connection
# failure) disallows the whole host until it is fetched again this many seconds later; a fetched one
# is fetched again after NEWSMIRROR_ROBOTS_MAX_AGE; Crawl-delay is honoured up to this many seconds.
NEWSMIRROR_ROBOTS_TIMEOUT = 20.0
NEWSMIRROR_ROBOTS_RECHECK = 600.0
NEWSMIRROR_ROBOTS_MAX_AGE = 86400.0
NEWSMIRROR_MAX_CRAWL_DELAY = 30.0
# 429/503: nothing more goes to the host before its Retry-After (seconds or HTTP date), at most
# NEWSMIRROR_MAX_RETRY_AFTER seconds; without a usable header, NEWSMIRROR_RETRY_AFTER_DEFAULT.
NEWSMIRROR_RETRY_AFTER_DEFAULT = 10.0
NEWSMIRROR_MAX_RETRY_AFTER = 300.0
# Circuit breaker: after this many consecutive failures of a host (5xx, 429, connection errors,
# timeouts; 0 = never) its requests are dropped for NEWSMIRROR_BREAKER_COOLDOWN seconds, then one is
# tried.
NEWSMIRROR_BREAKER_FAILURES = 5
NEWSMIRROR_BREAKER_COOLDOWN = 120.0
# Scrapy's downloader, holding each host's requests to the three rules above (newsmirror/downloader.py).
DOWNLOADER = "newsmirror.downloader.PoliteDownloader"
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS = 16
# One request in flight per host (as Scrapy's project template sets it): the 16 above go to
# different sites. A 429/503 then reaches the crawler while nothing else of that host is on its
# way, so the host sees nothing more before its Retry-After. With N per host, up to N-1 requests
# already sent when the 503 comes arrive after it, and no client can recall them.
CONCURRENT_REQUESTS_PER_DOMAIN = 1
# Scrapy starts this many tasks for the output of every response (its requests and items), however
# few it holds: the default, 100, cost a crawl about a tenth of its time in task creation. The
# pipelines place items one at a time anyway (the story store is one transaction per page).
CONCURRENT_ITEMS = 8
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 2
# Scrapy's own list, and a page Chromium did not load in time (PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT):
# retried like any download that timed out, instead of failing on the first try.
RETRY_EXCEPTIONS = [*_scrapy_defaults.RETRY_EXCEPTIONS, "playwright.async_api.TimeoutError"]
REDIRECT_MAX_TIMES = 8
# Redirects from a public site to these hosts or networks are followed although they are loopback,
# private or link-local addresses (e.g. ["127.0.0.1", "10.0.0.0/8"]); by default none are. A target
# name on another host is resolved first (Scrapy's resolver, DNS_TIMEOUT): a name resolving to such
# an address is refused unless listed, or all of its internal addresses are in listed networks.
NEWSMIRROR_REDIRECT_ALLOW_PRIVATE: list[str] = []

# --- bad input -----------------------------------------------------------------------------
# Pages above this are cancelled and logged with their URL; a compressed body (Content-Encoding
# gzip, deflate, br, zstd, or a gzipped sitemap) is decompressed in 64 KiB steps and dropped as
# soon as it passes this, so a compression bomb costs at most this much memory.
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024

# --- safety --------------------------------------------------------------------------------
# No remote shells into a running crawl: Scrapy's telnet console and its remote-control endpoint
# (which executes code sent to it) are off unless a user turns them on deliberately.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

# --- JavaScript-rendered pages -------------------------------------------------------------
# Render with Chromium (scrapy-playwright) the pages that need it: sites flagged in the registry
# and pages whose static HTML is an empty application shell. Every other request stays on
# Scrapy's plain HTTP downloader; the browser starts only when a page needs it.
NEWSMIRROR_BROWSER = True
DOWNLOAD_HANDLERS = {
    "http": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
    "https": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
}
PLAYWRIGHT_BROWSER_TYPE = "chromium"
# Debian's chromium package (make test installs it); the proxy, if any, is added from http_proxy.
PLAYWRIGHT_LAUNCH_OPTIONS = {
    "executable_path": "/usr/lib/chromium/chromium",
    "headless": True,
    "args": [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ],
}
PLAYWRIGHT_MAX_PAGES_PER_CONTEXT = 4
PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT = 30_000

# --- components ----------------------------------------------------------------------------
SPIDER_MIDDLEWARES: dict[str, int] = {}
ADDONS = {"newsmirror.addon.Distributed": 0}
EXTENSIONS = {
    "newsmirror.extensions.statsfile.StatsFile": 900,
    "newsmirror.extensions.summary.CrawlSummary": 910,
    "newsmirror.extensions.jobdir.JobdirGuard": 100,
    "newsmirror.extensions.failures.CrawlFailures": 500,
    "newsmirror.extensions.browserlog.BrowserLog": 510,
}
# `scrapy check`: each registered site's parse contracts (newsmirror/contracts.py); newsmirror's
# @scrapes (fields present and not empty) replaces Scrapy's (fields present).
SPIDER_CONTRACTS = {
    "scrapy.contracts.default.ScrapesContract": None,
    "newsmirror.contracts.ScrapesContract": 3,
    "newsmirror.contracts.BrowserContract": 10,
    "newsmirror.contracts.OriginContract": 10,
}
ITEM_PIPELINES = {
    "newsmirror.pipelines.origin.OriginPipeline": 300,
    "newsmirror.pipelines.story.StoryPipeline": 800,
    "newsmirror.pipelines.dedup.DedupPipeline": 850,
}

# --- output --------------------------------------------------------------------------------
FEED_EXPORT_ENCODING = "utf-8"
# %(job)s in a feed URI: the Scrapyd job id, else the crawl's start time (one file per job).
FEED_URI_PARAMS = "newsmirror.feeds.feed_uri_params"
# JSON Lines feeds (jsonlines, jsonl, jl) hand each line to the OS as soon as it is written: a killed crawl leaves whole
# lines only, and the store marks a story written only once its line is out.
FEED_EXPORTERS = {
    "jsonlines": "newsmirror.feeds.JsonLinesExporter",
    "jsonl": "newsmirror.feeds.JsonLinesExporter",  # what -o/-O pick for *.jsonl
    "jl": "newsmirror.feeds.JsonLinesExporter",
}
FEED_STORE_EMPTY = True
# Local files: Scrapy's storage, remembering a file it could not open, so that no story is marked
# written that did not reach its feed.
FEED_STORAGES = {
    "": "newsmirror.feeds.LocalFeedStorage",
    "file": "newsmirror.feeds.LocalFeedStorage",
}

LOG_LEVEL = "INFO"
