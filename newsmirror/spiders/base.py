"""The crawl shared by every newsmirror spider: discover a site's articles, extract each one.

Seeds may be home pages, feeds, sitemaps (plain, index or gzipped), WordPress REST API roots or
single articles; ``parse`` recognises each by its body. Every crawl is bounded by depth, a per-site
page budget, a global page cap and URL filters, so pagination and calendar traps end.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import time
from collections import Counter, defaultdict
from collections.abc import AsyncIterator, Generator, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar, Self
from urllib.parse import urljoin

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, DownloadCancelledError, IgnoreRequest
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils._compression import _DecompressionMaxSizeExceeded
from scrapy.utils.gz import gunzip
from scrapy.utils.job import job_dir
from scrapy_playwright.page import PageMethod
from twisted.python.failure import Failure
from w3lib.encoding import http_content_type_encoding

import newsmirror
from newsmirror.budget import LEDGER, PageBudget
from newsmirror.config import ConfigError, CrawlLimits, NewsmirrorConfig
from newsmirror.discovery import (
    BodyKind,
    LinkKind,
    declares_entities,
    feed_links,
    html_links,
    is_wp_api,
    robots_sitemaps,
    sitemap_entries,
    sniff,
    wp_api_links,
    wp_api_posts_url,
)
from newsmirror.download_errors import describe, tls_error
from newsmirror.extract import PageKind
from newsmirror.extract.article import ExtractedArticle
from newsmirror.extract.classify import (
    RenderCheck,
    javascript_check,
    rendered_kind,
    text_size,
    url_shape,
)
from newsmirror.extract.failure import one_line
from newsmirror.extract.language import guess_language
from newsmirror.extract.pool import ExtractionPool, Job, extract_job, received
from newsmirror.extract.state import StateArticle, read_state, state_page_html
from newsmirror.feeds import log_moved_feeds, route_feeds
from newsmirror.items import Article, Story
from newsmirror.middlewares.redirects import RedirectRefused
from newsmirror.page import MAX_NESTING, Page, PageError, UndecidableCharset
from newsmirror.pipelines.dedup import DedupPipeline
from newsmirror.queue import fleet_scheduler
from newsmirror.registry import Site, load_sites, site_for_domain
from newsmirror.runtime import fatal_stops, stop_crawl
from newsmirror.store import StoreUnavailable, StoryStore
from newsmirror.urls import crawlable, host_of, is_http, registrable_domain, site_root

logger = logging.getLogger(__name__)

USUAL_PATHS = (
    "/sitemap.xml",
    "/sitemap_index.xml",
    "/wp-sitemap.xml",
    "/feed/",
    "/rss.xml",
    "/atom.xml",
    "/feed.xml",
)
_LIMIT_ARGS = ("max_pages", "max_depth", "max_pages_per_site", "max_url_length")
# Arguments Scrapyd gives every job (its id), not the user.
_SCRAPYD_ARGS = {"_job"}


def browser_through_proxy(settings: Any) -> None:
    """Chromium does not read ``http_proxy``: hand it the same proxy Scrapy uses."""
    proxy = os.environ.get("http_proxy") or os.environ.get("HTTP_PROXY")
    options = dict(settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS"))
    if proxy and "proxy" not in options:
        options["proxy"] = {"server": proxy}
        settings.set(
            "PLAYWRIGHT_LAUNCH_OPTIONS",
            options,
            priority=max(settings.getpriority("PLAYWRIGHT_LAUNCH_OPTIONS") or 0, 30),
        )


# Scrolls a rendered listing to its end and clicks its "load more" button until no new link
# appears (at most 30 rounds); a button, never a link, so the page is not navigated away.
SCROLL_FOR_LINKS = """async () => {
  const more = /^(load|show|see|view) more|more (stories|articles|news|posts)|mehr (laden|anzeigen)|voir plus|plus d'articles|cargar más|ver más/i;
  const pause = (ms) => new Promise((done) => setTimeout(done, ms));
  let last = -1, still = 0;
  for (let round = 0; round < 30 && still < 2; round++) {
    window.scrollTo(0, document.body.scrollHeight);
    const button = [...document.querySelectorAll("button, [role=button]:not([href])")].find(
      (b) => more.test((b.innerText || "").trim()) && !b.disabled && b.offsetParent !== null);
    if (button) button.click();
    await pause(400);
    const now = document.querySelectorAll("a[href]").length;
    still = now === last ? still + 1 : 0;
    last = now;
  }
}"""


def browser_meta(
    meta: dict[str, Any], reason: str = "site_needs_browser", *, scroll: bool = False
) -> dict[str, Any]:
    """Request meta that renders the page in Chromium and waits for its scripts to settle
    (``scroll``: and scrolls it for the links that appear on scrolling); ``reason`` says why."""
    methods = [PageMethod("wait_for_load_state", "networkidle")]
    if scroll:
        methods.append(PageMethod("evaluate", SCROLL_FOR_LINKS))
    return {
        **meta,
        "playwright": True,
        "nm_rendered": True,
        "nm_render_reason": reason,
        "playwright_page_methods": methods,
    }


@dataclass(frozen=True)
class Extraction:
    """What a page's handler asks ``parse`` for: the page extracted (here or by a worker)."""

    job: Job
    tree: Any


def split_urls(raw: str | Iterable[str] | None) -> list[str]:
    """``-a url=A,B`` (or a list) -> validated absolute http(s) URLs."""
    if raw is None:
        return []
    parts = raw.split(",") if isinstance(raw, str) else list(raw)
    urls = [p.strip() for p in parts if p and p.strip()]
    for url in urls:
        if not is_http(url) or not host_of(url):
            raise ConfigError(f"url={url!r} is not an absolute http(s) URL")
    return urls


class NewsSpider(Spider):
    """Base of ``mirror`` and of every registered site's spider."""

    seeds: list[str]
    site: ClassVar[Site | None] = None
    # The spider arguments (-a NAME=VALUE) it reads; any other is named in a warning.
    arguments: ClassVar[tuple[str, ...]] = _LIMIT_ARGS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._limit_args = {k: kwargs.pop(k) for k in _LIMIT_ARGS if k in kwargs}
        super().__init__(*args, **kwargs)
        self.limits = CrawlLimits()
        self.allowed_sites: set[str] = set()
        # Distinct pages per registrable domain, against the page budget (kept in JOBDIR); the
        # fingerprints of this run's requests, so a link seen again is not requested twice.
        self.page_budget = PageBudget(0)
        self._requested: set[bytes] = set()
        # Discovered URLs already made into a request: most links of a page are ones other pages
        # had (menus, widgets), and each is turned away here before a Request is built for it.
        self._followed: set[str] = set()
        self._budget_warned: set[str] = set()
        self._discovered_sites: set[str] = set()
        # Per site, the URL shapes of the articles extracted so far (``url_shape``).
        self._article_shapes: defaultdict[str, Counter[str]] = defaultdict(Counter)
        self.started_at = datetime.now(UTC).replace(microsecond=0)

    @classmethod
    def check_arguments(cls, spargs: dict[str, Any], distributed: bool = False) -> None:
        """Raise :class:`ConfigError` with a clear message if the spider arguments are unusable."""
        CrawlLimits().override(**{k: spargs.get(k) for k in _LIMIT_ARGS})

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        spider = super().from_crawler(crawler, *args, **kwargs)
        unknown = sorted(set(kwargs) - set(cls.arguments) - _SCRAPYD_ARGS)
        if unknown:
            logger.warning(
                "Unknown spider argument(s) %s: ignored; %s accepts %s",
                ", ".join(f"{name}={kwargs[name]!r}" for name in unknown),
                cls.name,
                ", ".join(cls.arguments),
            )
        # Which code runs matters on Scrapyd, where it comes from the deployed egg.
        logger.info(
            "newsmirror %s from %s", newsmirror.__version__, Path(newsmirror.__file__).parent
        )
        config = NewsmirrorConfig.from_settings(crawler.settings)
        spider.config = config
        spider.limits = config.limits.override(**spider._limit_args)
        spider.sites = load_sites(config.sites_file or None)
        spider.seeds = spider.seed_urls()
        spider.allowed_sites = {registrable_domain(u) for u in spider.seeds}
        if spider.site is not None:
            spider.allowed_sites |= {registrable_domain(d) for d in spider.site.domains}
        # Scrapy's own components enforce the global bounds.
        crawler.settings.set("DEPTH_LIMIT", spider.limits.max_depth, priority="spider")
        crawler.settings.set("CLOSESPIDER_PAGECOUNT", spider.limits.max_pages, priority="spider")
        moved = route_feeds(crawler.settings, spider)
        if moved:  # logged once the feed exporter has filled in their placeholders
            crawler.signals.connect(
                lambda: log_moved_feeds(crawler, moved), signal=signals.engine_started, weak=False
            )
        spider.distributed = bool(crawler.settings.get("NEWSMIRROR_QUEUE"))
        # A fleet's budget is kept in Redis; one machine's in its JOBDIR, if it has one.
        jobdir = None if spider.distributed else job_dir(crawler.settings)
        spider.page_budget = PageBudget(
            spider.limits.max_pages_per_site, Path(jobdir, LEDGER) if jobdir else None
        )
        crawler.signals.connect(spider.open_budget, signal=signals.spider_opened)
        crawler.signals.connect(spider.page_budget.close, signal=signals.spider_closed)
        spider.browser = crawler.settings.getbool("NEWSMIRROR_BROWSER", True)
        if spider.browser:
            browser_through_proxy(crawler.settings)
        else:
            # Scrapy's own HTTP handlers: no Playwright driver processes (about 250 MB) at all.
            crawler.settings.set("DOWNLOAD_HANDLERS", {}, priority="spider")
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        if config.extract_processes:
            spider.extraction = ExtractionPool(config.extract_processes)
            crawler.signals.connect(spider.close_extraction, signal=signals.spider_closed)
        if config.contact and (crawler.settings.getpriority("USER_AGENT") or 0) < 30:
            ua = f"newsmirror/0.1 (+{config.contact})"
            crawler.settings.set("USER_AGENT", ua, priority="spider")
        return spider

    config: NewsmirrorConfig
    sites: dict[str, Site]

    story_store: StoryStore | None = None
    distributed: bool = False
    _quiet_since: float | None = None
    story_pipeline: DedupPipeline | None = None
    browser: bool = True
    # Extraction workers (NEWSMIRROR_EXTRACT_PROCESSES); None: pages are extracted in-process.
    extraction: ExtractionPool | None = None

    def seed_urls(self) -> list[str]:
        raise NotImplementedError

    def open_budget(self) -> None:
        """Go on with the page budget of the run this one resumes (same JOBDIR), if any."""
        carried = self.page_budget.open()
        if carried:
            assert self.crawler.stats is not None
            self.crawler.stats.set_value("newsmirror/limit/site_budget_carried", carried)
            logger.info(
                "Page budget carried over from JOBDIR (%s): %d pages of %d sites already requested",
                self.page_budget.ledger,
                carried,
                self.page_budget.sites(),
            )

    # --- the story store's end of crawl ----------------------------------------------------

    def on_idle(self) -> None:
        """Before closing, write the stories that are new or changed in this run, once each.

        A worker of a distributed crawl waits until the whole fleet is idle with the shared queue
        empty (the crawl is over) before writing, then stays ``NEWSMIRROR_QUEUE_IDLE`` seconds
        in case more work arrives.
        """
        fleet = fleet_scheduler(self.crawler) if self.distributed else None
        if fleet is not None:
            pushed = list(self.seed_requests(fleet.pop_seeds()))
            if pushed:
                assert self.crawler.engine is not None
                for request in pushed:
                    self.crawler.engine.crawl(request)
                raise DontCloseSpider("new seeds pushed to the fleet")
            try:
                quiet = fleet.fleet_idle()
            except Exception as exc:
                logger.error("The shared queue is unreachable (%s): this worker stops", exc)
                return
            if not quiet:
                self._quiet_since = None
                raise DontCloseSpider("other workers are still crawling")
        pipeline = self.story_pipeline
        if pipeline is None or not pipeline.unwritten(limit=1):
            if fleet is not None:
                now = time.monotonic()
                self._quiet_since = self._quiet_since or now
                if now - self._quiet_since < self.crawler.settings.getfloat(
                    "NEWSMIRROR_QUEUE_IDLE"
                ):
                    raise DontCloseSpider("the fleet is idle; waiting before stopping")
            return
        assert self.crawler.engine is not None
        self.crawler.engine.crawl(
            Request(
                "data:,",
                callback=self.emit_stories,
                dont_filter=True,
                priority=100,
                meta={"dont_obey_robotstxt": True},
            )
        )
        raise DontCloseSpider("writing pending stories")

    def emit_stories(self, response: Response, **kwargs: Any) -> Iterator[Story]:
        assert self.story_pipeline is not None
        yield from self.story_pipeline.unwritten(limit=500)

    def refreshed_recently(self, url: str) -> bool:
        """Whether ``url`` gave an article less than ``NEWSMIRROR_REFRESH_DAYS`` ago."""
        store = self.story_store
        if store is None:
            return False
        fetched = store.url_fetched_at(url)
        if fetched is None:
            return False
        when = datetime.fromisoformat(fetched)
        if when >= self.started_at:
            return False  # processed in this very crawl: Scrapy's dupefilter already knows it
        age = datetime.now(UTC) - when
        return age.total_seconds() < self.config.refresh_days * 86400

    # --- requests --------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        fleet = fleet_scheduler(self.crawler) if self.distributed else None
        if not self.seeds and fleet is None:
            logger.error("%s has no start URLs: give -a url=URL[,URL...]", self.name)
        for request in self.seed_requests(self.seeds):
            yield request
        if fleet is not None:
            for request in self.seed_requests(fleet.pop_seeds()):
                yield request

    def seed_requests(self, urls: Iterable[str]) -> Iterator[Request]:
        for url in urls:
            if not is_http(url):
                logger.warning("Ignored seed %r: not an http(s) URL", url)
                continue
            site = registrable_domain(url)
            if self.distributed:
                self.allowed_sites.add(site)  # seeds pushed to the fleet's seed list
            request = Request(
                url,
                callback=self.parse,
                errback=self.on_error,
                # Every worker of a fleet gives the same seeds: the shared seen-set keeps one.
                dont_filter=not self.distributed,
                priority=50,
                meta={"nm_seed": True},
            )
            fp = self._first_request(request)
            if fp is not None:
                self.page_budget.charge(site, fp)
                fleet = fleet_scheduler(self.crawler) if self.distributed else None
                budget = self.limits.max_pages_per_site
                if fleet is not None and budget:  # a seed is a page of the fleet's budget too
                    fleet.claim_page(site, fp, budget)
            yield request

    def _first_request(self, request: Request) -> bytes | None:
        """Record ``request`` and return its fingerprint; None if an equivalent one was already
        made in this crawl."""
        fingerprint = self.crawler.request_fingerprinter.fingerprint(request)
        if fingerprint in self._requested:
            return None
        self._requested.add(fingerprint)
        return fingerprint

    def follow(self, url: str, kind: LinkKind, response: Response, **meta: Any) -> Request | None:
        """A request for a discovered ``url``, or None if a filter or a budget refuses it."""
        stats = self.crawler.stats
        assert stats is not None
        if url in self._followed:
            stats.inc_value("newsmirror/links/seen")
            return None
        documents_only = kind not in (LinkKind.SITEMAP, LinkKind.FEED, LinkKind.API)
        if not crawlable(url, self.limits.max_url_length, documents_only=documents_only):
            stats.inc_value("newsmirror/links/filtered")
            return None
        site = registrable_domain(url)
        # The seeds' sites, and the site of the page itself (a fleet member may crawl pages of
        # sites another worker was seeded with).
        if site not in self.allowed_sites and site != registrable_domain(response.url):
            stats.inc_value("newsmirror/links/offsite")
            return None
        if self.refreshed_recently(url):
            stats.inc_value("newsmirror/incremental/skipped")
            return None
        budget = self.limits.max_pages_per_site
        if self.page_budget.spent(site) and not self._charged_before(url):
            self._budget_spent(site, budget)
            return None
        if kind is LinkKind.ARTICLE:
            meta = {**meta, "nm_as_article": True}
        registered = self.site or site_for_domain(self.sites, host_of(url))
        if (
            self.browser
            and kind is LinkKind.ARTICLE
            and registered
            and registered.needs_browser
            and host_of(url).endswith(registered.domains)
        ):
            meta = browser_meta(meta, "site_needs_browser")
        if response.meta.get("nm_listed") or (
            response.meta.get("nm_seed")
            and kind in (LinkKind.ARTICLE, LinkKind.SITEMAP, LinkKind.API)
            and not isinstance(response, HtmlResponse)
        ):
            # Seeded with a feed, sitemap or API: crawl what it lists, not the whole site.
            meta = {**meta, "nm_listed": True}
        request = response.follow(
            url, callback=self.parse, errback=self.on_error, priority=int(kind), meta=meta
        )
        fingerprint = self._first_request(request)
        self._followed.add(url)
        if fingerprint is None:
            # Already requested: Scrapy's dupefilter would drop it; it is no new page of the site.
            stats.inc_value("newsmirror/links/seen")
            return None
        fleet = fleet_scheduler(self.crawler) if self.distributed and budget else None
        if fleet is not None:
            # The budget is the fleet's: pages any worker claimed count, and none twice.
            claim = fleet.claim_page(site, fingerprint, budget)
            if claim == 0:
                stats.inc_value("newsmirror/links/seen")
                return None
            if claim == -1:
                self._budget_spent(site, budget)
                return None
        # Charged (and, with a JOBDIR, on disk) before the request leaves: a killed crawl's
        # successor counts every page this one asked for. A page charged by the run this one
        # resumes costs nothing again (after a kill, its request may have been lost).
        self.page_budget.charge(site, fingerprint)
        return request

    def _budget_spent(self, site: str, budget: int) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value("newsmirror/limit/site_budget")
        if site not in self._budget_warned:
            self._budget_warned.add(site)
            logger.warning(
                "Page budget of %d reached for %s; no more pages from it "
                "(raise max_pages_per_site to crawl further)",
                budget,
                site,
            )

    def _charged_before(self, url: str) -> bool:
        """Whether a plain GET of ``url`` was already charged (a repeat costs no budget)."""
        return self.page_budget.charged(
            self.crawler.request_fingerprinter.fingerprint(Request(url))
        )

    def _follow_all(
        self, urls: Iterable[tuple[str, LinkKind]], response: Response, **meta: Any
    ) -> Iterator[Request]:
        for url, kind in urls:
            request = self.follow(url, kind, response, **meta)
            if request is not None:
                yield request

    # --- responses -------------------------------------------------------------------------

    async def parse(self, response: Response, **kwargs: Any) -> AsyncIterator[Any]:
        """Handle any response: HTML page, feed, sitemap, gzipped sitemap or WordPress API."""
        steps = self._handle(response)
        try:
            answer: Any = None
            failed: BaseException | None = None
            while True:
                try:
                    step = steps.throw(failed) if failed is not None else steps.send(answer)
                except StopIteration:
                    return
                answer = failed = None
                if isinstance(step, Extraction):
                    try:
                        answer = await self._extract(step)
                    except Exception as exc:  # thrown into the page's handler, which logs it
                        failed = exc
                else:
                    yield step
        except StoreUnavailable as exc:
            # Not the page's fault: the crawl stops, and this page is crawled again on restart.
            stop_crawl(self.crawler, "store_unavailable", str(exc))
        except Exception as exc:  # one bad page must never stop the crawl
            assert self.crawler.stats is not None
            self.crawler.stats.inc_value("newsmirror/parse_error")
            logger.error(
                "Skipped %s: could not process the page (%s: %s)",
                response.url,
                type(exc).__name__,
                exc,
                exc_info=logger.isEnabledFor(logging.DEBUG),
            )

    def _handle(self, response: Response) -> Generator[Any, Any, None]:
        body = response.body
        ctype = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        kind = sniff(body, ctype)
        if kind is BodyKind.GZIP:
            maxsize = self.crawler.settings.getint("DOWNLOAD_MAXSIZE")
            try:
                body = gunzip(body, max_size=maxsize)
            except _DecompressionMaxSizeExceeded as exc:
                self._decompression_bomb(response.url, len(body), exc)
                return
            kind = sniff(body)
        xml = (BodyKind.URLSET, BodyKind.SITEMAP_INDEX, BodyKind.RSS, BodyKind.ATOM)
        if kind in xml and declares_entities(body):
            self._count("newsmirror/xml/entities_ignored")
            logger.warning(
                "%s declares XML entities: read without them (entities are never resolved)",
                response.url,
            )
        if kind in (BodyKind.URLSET, BodyKind.SITEMAP_INDEX):
            yield from self._parse_sitemap(response, body)
        elif kind in (BodyKind.RSS, BodyKind.ATOM):
            links = feed_links(body, response.url)
            self._count("newsmirror/discovery/feed_links", len(links))
            yield from self._follow_all(((u, LinkKind.ARTICLE) for u in links), response)
        elif kind is BodyKind.JSON:
            yield from self._parse_json(response, body)
        elif kind is BodyKind.HTML:
            yield from self._parse_html(response)
        elif response.meta.get("nm_robots"):
            sitemaps = robots_sitemaps(body.decode("utf-8", "replace"), response.url)
            yield from self._follow_all(((u, LinkKind.SITEMAP) for u in sitemaps), response)
        else:
            self._count("newsmirror/pages/unknown_type")
            logger.info(
                "Ignored %s: neither HTML, feed, sitemap nor API (%s)",
                response.url,
                ctype or "no Content-Type",
            )

    def close_extraction(self) -> None:
        """Stop the extraction workers; their CPU time and peak RSS go in the crawl's stats."""
        if self.extraction is None:
            return
        cost = self.extraction.close()
        assert self.crawler.stats is not None
        for key, value in cost.items():
            self.crawler.stats.set_value(f"newsmirror/extract/workers_{key}", round(value, 1))

    async def _extract(self, step: Extraction) -> ExtractedArticle:
        """The page's article: from a worker process when there are any, else extracted here."""
        if self.extraction is None:
            return step.job.run_on(step.tree)
        future = self.extraction.submit(extract_job, step.job)
        try:
            result = await asyncio.wrap_future(future)
        except BrokenProcessPool:
            self.extraction.lost()
            self._count("newsmirror/extract/worker_lost")
            raise RuntimeError("the extraction worker died on it") from None
        return received(result, step.tree, step.job)

    def _parse_sitemap(self, response: Response, body: bytes) -> Iterator[Request]:
        kind, locs = sitemap_entries(body, response.url)
        link_kind = LinkKind.SITEMAP if kind is BodyKind.SITEMAP_INDEX else LinkKind.ARTICLE
        self._count("newsmirror/discovery/sitemap_links", len(locs))
        yield from self._follow_all(((u, link_kind) for u in locs), response)

    def _parse_json(self, response: Response, body: bytes) -> Iterator[Request]:
        if not is_wp_api(response.url):
            return
        if response.url.rstrip("/").endswith("/wp-json") or "/wp/v2/posts" not in response.url:
            api_root = (
                urljoin(response.url, "/wp-json/") if "/wp-json" in response.url else response.url
            )
            request = self.follow(wp_api_posts_url(api_root), LinkKind.API, response)
            if request is not None:
                yield request
            return
        links = wp_api_links(body)
        self._count("newsmirror/discovery/api_links", len(links))
        yield from self._follow_all(((u, LinkKind.ARTICLE) for u in links), response)
        page = int(response.meta.get("nm_api_page", 1))
        total = response.headers.get(b"X-WP-TotalPages")
        more = int(total) > page if total and total.isdigit() else bool(links)
        if more:
            next_url = wp_api_posts_url(response.url, page=page + 1)
            request = self.follow(next_url, LinkKind.API, response, nm_api_page=page + 1)
            if request is not None:
                yield request

    def _page(self, response: Response) -> Page | None:
        declared = None
        ctype = response.headers.get(b"Content-Type")
        if ctype:
            declared = http_content_type_encoding(ctype.decode("latin-1"))
        try:
            page = Page.from_bytes(response.url, response.body, declared)
        except UndecidableCharset as exc:
            self._count("newsmirror/charset_undecidable")
            logger.warning("Skipped %s: its charset cannot be decided (%s)", response.url, exc)
            return None
        if page.charset_repaired:
            self._count("newsmirror/charset_repaired")
            logger.info(
                "Repaired charset of %s: declared %s, decoded as %s",
                response.url,
                page.declared or "none",
                page.encoding,
            )
        return page

    def _parse_html(self, response: Response) -> Generator[Any, Any, None]:
        page = self._page(response)
        if page is None:
            return
        try:
            tree = page.tree
        except PageError as exc:
            self._count("newsmirror/parse_error")
            logger.warning("Skipped %s: %s", response.url, exc)
            return
        if page.flattened:
            self._count("newsmirror/nesting_flattened")
            logger.warning(
                "Flattened %s: elements nested deeper than %d levels (their text is kept)",
                response.url,
                MAX_NESTING,
            )
        site = self.site or site_for_domain(self.sites, host_of(response.url))
        pattern = (
            re.compile(site.article_url_pattern) if site and site.article_url_pattern else None
        )
        # A page no link called an article, whose URL is unlike the site's articles, is not
        # worth its text when its markup alone makes it a listing (or an about page): nothing
        # below reads the text of such a page (see javascript_check).
        like_articles = self._like_site_articles(response.url)
        listing_text = bool(
            response.meta.get("nm_as_article") or response.meta.get("nm_rendered") or like_articles
        )
        job = Job(
            response.url,
            page.html,
            site.selectors if site else None,
            self.config.min_text_chars,
            pattern,
            listing_text,
        )
        try:
            # Answered by ``parse``: extracted here, or by a worker process (extract/pool.py).
            extracted: ExtractedArticle = yield Extraction(job, tree)
        except Exception as exc:  # whatever a page holds, it costs that page's article only
            self._count("newsmirror/extract/failed")
            logger.warning("Skipped %s: extraction failed (%s)", response.url, one_line(exc))
            if not response.meta.get("nm_listed"):  # its links are still followed
                yield from self._follow_all(
                    ((link.url, link.kind) for link in html_links(tree)), response
                )
            return
        rendered = bool(response.meta.get("nm_rendered"))
        reason = str(response.meta.get("nm_render_reason") or "site_needs_browser")
        text_chars = text_size(extracted.paragraphs)
        if rendered:
            self._count(f"newsmirror/browser/rendered/{reason}")
            extracted.kind = rendered_kind(
                extracted.kind,
                reason,
                extracted.title,
                text_chars,
                len(extracted.paragraphs),
                min_text_chars=self.config.min_text_chars,
            )
        self._count(f"newsmirror/pages/{extracted.kind}")
        is_seed = bool(response.meta.get("nm_seed"))
        links = html_links(tree)
        if extracted.kind is PageKind.ARTICLE:
            if not extracted.title:
                self._count("newsmirror/items/dropped/no_title")
                logger.warning("Skipped %s: an article page without a title", response.url)
            else:
                yield self._article(response, page, extracted, "browser" if rendered else "html")
            if is_seed or response.meta.get("nm_listed"):
                return  # a single article, or one a feed/sitemap listed: crawl nothing from it
        elif not rendered:
            check = self._javascript_check(
                response, tree, extracted, text_chars, links, like_articles
            )
            if check.candidate:
                state = None
                if check.reason != "listing_without_links":
                    state = read_state(tree, min_chars=self.config.min_text_chars)
                if state is not None:
                    self._count("newsmirror/state/read")
                    self._count(f"newsmirror/state/read/{state.source.split(':')[0]}")
                    logger.info(
                        "%s: %s; its article read from serialized state (%s, %s)",
                        response.url,
                        check.why,
                        state.source,
                        state.path,
                    )
                    yield self._state_article(response, page, extracted, state)
                    if is_seed or response.meta.get("nm_listed"):
                        return
                elif self.browser:
                    self._count("newsmirror/browser/detected")
                    logger.info(
                        "%s is rendered by JavaScript: fetching it again in Chromium (%s%s)",
                        response.url,
                        check.why,
                        "" if check.reason == "listing_without_links" else "; no article in state",
                    )
                    yield Request(
                        response.url,
                        callback=self.parse,
                        errback=self.on_error,
                        meta=browser_meta(
                            dict(response.meta),
                            check.reason,
                            scroll=check.reason == "listing_without_links",
                        ),
                        dont_filter=True,
                    )
                    return
                else:
                    self._count(f"newsmirror/browser/skipped/{check.reason}")
                    logger.warning(
                        "%s is rendered by JavaScript and NEWSMIRROR_BROWSER is off: skipped (%s)",
                        response.url,
                        check.why,
                    )
        elif reason != "listing_without_links":
            logger.warning(
                "%s is rendered by JavaScript and rendering it gave no article either: skipped",
                response.url,
            )
        if response.meta.get("nm_listed"):
            return
        if is_seed:
            yield from self._discover_site(response)
        yield from self._follow_all(((link.url, link.kind) for link in links), response)

    def _like_site_articles(self, url: str) -> bool:
        """Whether ``url`` has the shape of two or more articles of its site seen so far."""
        return self._article_shapes[registrable_domain(url)][url_shape(url)] >= 2

    def _javascript_check(
        self,
        response: Response,
        tree: Any,
        extracted: Any,
        text_chars: int,
        links: list[Any],
        like_articles: bool,
    ) -> RenderCheck:
        """Whether a page that gave no article needs its state read or its scripts run."""
        return javascript_check(
            response.url,
            tree,
            extracted.metadata,
            extracted.kind,
            text_chars,
            min_text_chars=self.config.min_text_chars,
            linked_as_article=bool(response.meta.get("nm_as_article")),
            like_site_articles=like_articles,
            listing_page=bool(response.meta.get("nm_seed")) or extracted.kind is PageKind.LISTING,
            article_links=sum(1 for link in links if link.kind is LinkKind.ARTICLE),
        )

    def _discover_site(self, response: Response) -> Iterator[Request]:
        """For a home-page seed: the site's robots.txt sitemaps and its usual feed paths."""
        root = site_root(response.url)
        if root in self._discovered_sites:
            return
        self._discovered_sites.add(root)
        request = self.follow(
            urljoin(root, "/robots.txt"), LinkKind.SITEMAP, response, nm_robots=True
        )
        if request is not None:
            yield request
        if self.config.probe_usual_paths:
            for path in USUAL_PATHS:
                request = self.follow(
                    urljoin(root, path), LinkKind.SITEMAP, response, nm_probe=True
                )
                if request is not None:
                    yield request

    def _state_article(
        self, response: Response, page: Page, extracted: Any, state: StateArticle
    ) -> Article:
        """The article read from the page's serialized state. Origin detection reads a page made
        of the original's head and the state's body, as it would read the rendered page."""
        extracted.title = state.title
        extracted.paragraphs = state.paragraphs
        extracted.language = extracted.metadata.language or guess_language(
            " ".join(state.paragraphs[:5])
        )
        composed = Page(url=response.url, html=state_page_html(page.tree, state))
        return self._article(response, composed, extracted, "state")

    def _article(
        self, response: Response, page: Page, extracted: Any, text_from: str = "html"
    ) -> Article:
        self._article_shapes[registrable_domain(response.url)][url_shape(response.url)] += 1
        meta = extracted.metadata
        return Article(
            url=response.url,
            site=host_of(response.url),
            title=extracted.title,
            text=extracted.text,
            paragraphs=extracted.paragraphs,
            authors=extracted.authors,
            published=extracted.published,
            modified=extracted.modified,
            language=extracted.language,
            image=meta.image,
            canonical=meta.canonical,
            og_url=meta.og_url,
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
            metadata=meta,
            page=page,
            text_from=text_from,
        )

    # --- failures --------------------------------------------------------------------------

    def on_error(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        url = request.url
        quiet = request.meta.get("nm_probe") or request.meta.get("nm_robots")
        error = failure.value
        assert error is not None  # an errback's failure always holds its exception
        pipeline = getattr(self, "story_pipeline", None)
        if request.meta.get("nm_original") and pipeline is not None:
            pipeline.original_failed(url, describe(error))
        fleet = fleet_scheduler(self.crawler) if self.distributed else None
        if fleet is not None and not fatal_stops:
            fleet.done(request, failed=True)  # recorded below: no longer in flight
        if isinstance(error, HttpError):
            status = error.response.status
            # A usual path that a site does not have is no error.
            prefix = "newsmirror/probe_miss" if quiet else "newsmirror/download_error"
            self._count(f"{prefix}/http_{status}")
            log = logger.debug if quiet else logger.info if status in (404, 410) else logger.warning
            log("Skipped %s: HTTP %d", url, status)
        elif isinstance(error, RedirectRefused):
            pass  # logged and counted by the redirect guard
        elif isinstance(cause := getattr(error, "__cause__", None), _DecompressionMaxSizeExceeded):
            # Scrapy's HttpCompressionMiddleware gave up decompressing (Content-Encoding).
            self._decompression_bomb(url, None, cause)
        elif isinstance(error, IgnoreRequest) and request.meta.get(
            "redirect_times", 0
        ) >= self.crawler.settings.getint("REDIRECT_MAX_TIMES"):
            self._count("newsmirror/redirect/too_many")
            hops = request.meta.get("redirect_urls") or [url]
            logger.warning(
                "Skipped %s: more than %d redirects (REDIRECT_MAX_TIMES), the last to %s",
                hops[0],
                self.crawler.settings.getint("REDIRECT_MAX_TIMES"),
                url,
            )
        elif isinstance(error, DownloadCancelledError):
            self._count("newsmirror/oversized")
            logger.warning(
                "Skipped %s: larger than DOWNLOAD_MAXSIZE (%d bytes)",
                url,
                self.crawler.settings.getint("DOWNLOAD_MAXSIZE"),
            )
        elif isinstance(error, IgnoreRequest):
            self._count("newsmirror/download_error/ignored")
            logger.info("Skipped %s: %s", url, failure.value)
        elif tls_error(error) is not None:
            self._count("newsmirror/download_error/tls")
            logger.warning("Skipped %s: %s", url, describe(error))
        else:
            self._count(f"newsmirror/download_error/{type(failure.value).__name__}")
            logger.warning("Skipped %s: %s: %s", url, type(failure.value).__name__, failure.value)

    def _decompression_bomb(
        self, url: str, compressed: int | None, exc: _DecompressionMaxSizeExceeded
    ) -> None:
        """A body that decompresses past DOWNLOAD_MAXSIZE: dropped where decompression stopped."""
        self._count("newsmirror/oversized/decompressed")
        assert self.crawler.stats is not None
        self.crawler.stats.max_value(
            "newsmirror/oversized/decompressed_max_bytes", exc.decompressed_size
        )
        logger.warning(
            "Skipped %s: its compressed body%s decompresses to more than DOWNLOAD_MAXSIZE "
            "(%d bytes); dropped after %d bytes",
            url,
            f" ({compressed} bytes)" if compressed is not None else "",
            exc.max_size,
            exc.decompressed_size,
        )

    def _count(self, key: str, count: int = 1) -> None:
        assert self.crawler.stats is not None
        self.crawler.stats.inc_value(key, count)


def is_text(response: Response) -> bool:
    return isinstance(response, TextResponse)
