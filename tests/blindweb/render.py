"""Turn the planned posts into servable resources: article pages, listings, feeds, sitemaps,
robots.txt, static pages, redirects, and the original articles' real HTML."""

from __future__ import annotations

import functools
import json
from collections import OrderedDict
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from urllib.parse import quote, urlsplit

from tests.blindweb import feeds
from tests.blindweb.domains import path_key, registrable_domain
from tests.blindweb.generator import Planner, slugify, words_excerpt
from tests.blindweb.model import Category, Original, Post, Resource, Web
from tests.blindweb.realweb import page_bytes
from tests.blindweb.sites import SITES, SiteSpec
from tests.blindweb.themes import Entry, Listing, PageContext, theme_for
from tests.blindweb.themes.base import body_html
from tests.blindweb.wordings import Credit, esc, render

HTML = "text/html; charset=utf-8"
XML_RSS = "application/rss+xml; charset=UTF-8"
XML_ATOM = "application/atom+xml; charset=UTF-8"
XML = "application/xml; charset=UTF-8"
TEXT = "text/plain; charset=utf-8"
_BLOGGER_TZ = timezone(timedelta(hours=-8))

_STATIC_TEXT: dict[str, dict[str, tuple[str, list[str]]]] = {
    "en": {
        "about": (
            "About us",
            [
                "{name} was founded to bring readers the day's most important stories in one place.",
                "Our small editorial team selects, organises and publishes news from a wide range of sources, together with our own explainers and guides.",
                "We believe readers deserve fast, clear and free access to information. If you have feedback or a story tip, please get in touch.",
            ],
        ),
        "contact": (
            "Contact",
            [
                "Questions, corrections or partnership requests: write to editor@{domain}. We aim to reply within two working days.",
                "For copyright concerns please include the address of the page in question and we will review it promptly.",
            ],
        ),
        "privacy": (
            "Privacy Policy",
            [
                "This privacy policy explains what information {name} collects when you visit our website and how we use it.",
                "We use cookies to remember your preferences and to measure how our pages are used. Some cookies are set by our advertising partners.",
                "You can disable cookies in your browser settings at any time. Doing so may affect how parts of the site work.",
            ],
        ),
    },
    "fr": {
        "about": (
            "À propos",
            [
                "{name} rassemble chaque jour l'essentiel de l'actualité française et internationale.",
                "Notre équipe sélectionne les informations les plus importantes et publie également ses propres guides pratiques.",
            ],
        ),
        "contact": (
            "Contact",
            ["Pour toute question ou correction, écrivez-nous à redaction@{domain}."],
        ),
        "privacy": (
            "Mentions légales",
            [
                "Le site {name} est édité à titre indépendant. Les contenus sont publiés sous la responsabilité de la rédaction.",
                "Conformément au RGPD, vous disposez d'un droit d'accès et de suppression de vos données personnelles.",
            ],
        ),
    },
    "de": {
        "about": (
            "Impressum",
            [
                "Angaben gemäß § 5 TMG: {name}, Redaktion, Musterstraße 12, 10115 Berlin.",
                "Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV: die Redaktion. Kontakt: redaktion@{domain}.",
            ],
        ),
        "contact": (
            "Kontakt",
            ["Sie erreichen die Redaktion per E-Mail unter redaktion@{domain}."],
        ),
        "privacy": (
            "Datenschutz",
            [
                "Wir nehmen den Schutz Ihrer persönlichen Daten sehr ernst und behandeln sie vertraulich.",
                "Diese Website verwendet Cookies, um die Nutzung auszuwerten und Inhalte zu personalisieren.",
            ],
        ),
    },
    "es": {
        "about": (
            "Sobre nosotros",
            [
                "{name} reúne cada día las noticias más relevantes de España y del mundo.",
                "Nuestro equipo selecciona la información y publica además guías prácticas propias.",
            ],
        ),
        "contact": ("Contacto", ["Para dudas o correcciones, escríbanos a redaccion@{domain}."]),
        "privacy": (
            "Política de privacidad",
            [
                "En {name} respetamos su privacidad y tratamos sus datos conforme al RGPD.",
                "Utilizamos cookies propias y de terceros para analizar el uso del sitio.",
            ],
        ),
    },
}


class SiteRenderer:
    """Renders every resource of one aggregator site."""

    def __init__(
        self, site: SiteSpec, posts: list[Post], originals: list[Original], web: Web
    ) -> None:
        self.site = site
        self.posts = sorted(posts, key=lambda p: (p.published, p.post_id), reverse=True)
        self.originals = originals
        self.web = web
        self.theme = theme_for(site)
        self.table: dict[str, Resource] = web.resources.setdefault(site.host, {})
        self.static_pages = self._static_urls()
        self.position = {id(p): i for i, p in enumerate(self.posts)}
        self._excerpts: dict[tuple[int, int], str] = {}

    # ------------------------------------------------------------------ URL schemes
    def path(self, url: str) -> str:
        parts = urlsplit(url)
        return path_key(parts.path, parts.query)

    def category_url(self, cat: Category) -> str:
        scheme = self.site.permalink
        if scheme == "plain":
            return self.site.url(f"/?cat={cat.term_id}")
        if scheme == "blogger":
            return self.site.url(f"/search/label/{quote(cat.name)}")
        if scheme == "drupal":
            return self.site.url(f"/topics/{cat.slug}")
        if scheme == "php":
            return self.site.url(f"/cat.php?c={cat.slug}")
        return self.site.url(f"/category/{cat.slug}/")

    def author_url(self, name: str) -> str:
        return self.site.url(f"/author/{slugify(name)}/")

    def page_url(self, base: str, page: int, last_on_prev: Post | None) -> str:
        """URL of page ``page`` (1-based) of a listing whose first page is ``base``."""
        if page == 1:
            return base
        scheme = self.site.permalink
        if scheme == "plain":
            return base + ("&" if "?" in base else "?") + f"paged={page}"
        if scheme == "blogger":
            assert last_on_prev is not None
            stamp = last_on_prev.published.astimezone(_BLOGGER_TZ).isoformat(timespec="seconds")
            query = f"updated-max={quote(stamp, safe=':-')}&max-results={self.site.per_page}"
            if base == self.site.home:
                return self.site.url("/search?" + query)
            return base + ("&" if "?" in base else "?") + query
        if scheme == "drupal":
            if base == self.site.home:
                return self.site.url(f"/?page={page - 1}")
            return base + f"?page={page - 1}"
        if scheme == "php":
            if base == self.site.home:
                return self.site.url(f"/index.php?page={page}")
            return base + f"&page={page}"
        return base + f"page/{page}/"

    def _static_urls(self) -> list[tuple[str, str]]:
        texts = _STATIC_TEXT.get(self.site.lang, _STATIC_TEXT["en"])
        scheme = self.site.permalink
        if scheme == "plain":
            paths = {"about": "/?page_id=2", "contact": "/?page_id=5", "privacy": "/?page_id=3"}
        elif scheme == "blogger":
            paths = {
                "about": "/p/about.html",
                "contact": "/p/contact.html",
                "privacy": "/p/privacy-policy.html",
            }
        elif scheme == "drupal":
            paths = {"about": "/about", "contact": "/contact", "privacy": "/privacy"}
        elif scheme == "php":
            paths = {"about": "/about.php", "contact": "/contact.php", "privacy": "/privacy.php"}
        else:
            paths = {k: "/" + slugify(texts[k][0]) + "/" for k in ("about", "contact", "privacy")}
        return [(texts[k][0], self.site.url(paths[k])) for k in ("about", "contact", "privacy")]

    # ------------------------------------------------------------------ helpers
    def excerpt(self, post: Post, words: int = 40) -> str:
        key = (id(post), words)
        if key not in self._excerpts:
            text = words_excerpt(post, words)
            more = len(text.split()) >= words
            self._excerpts[key] = esc(text) + ("&hellip;" if more else "")
        return self._excerpts[key]

    def credit_line(self, post: Post) -> str:
        for block in post.body:
            if block.kind in ("attr", "readmore") and block.html:
                return block.html
        return post.after_html if post.after_html and "<a" in post.after_html else ""

    def ctx(self, post: Post | None = None, page: int = 0) -> PageContext:
        site = self.site
        ctx = PageContext(
            site=site,
            post_url=lambda p: p.url,
            category_url=self.category_url,
            feed_url=self.feed_url(),
            static_pages=self.static_pages,
            excerpt=self.excerpt,
            author_url=self.author_url,
        )
        ctx.recent = [Entry(p.title, p.url, date=p.published) for p in self.posts[:8]]
        pool = [p for p in self.posts if p is not post]
        if pool:
            seed = (post.index * 5 + 1) if post is not None else page * 3
            count = 4 + (seed % 3)
            start = seed % len(pool)
            chosen = [pool[(start + i * 3) % len(pool)] for i in range(min(count, len(pool)))]
            ctx.network = [
                Entry(
                    p.title,
                    p.url,
                    self.excerpt(p, 25),
                    self.credit_line(p),
                    p.category.name,
                    p.published,
                )
                for p in _unique(chosen)
            ]
            same = [p for p in pool if post is not None and p.category == post.category] or pool
            rstart = ((post.index if post else page) * 2) % len(same)
            related = [same[(rstart + i) % len(same)] for i in range(min(4, len(same)))]
            ctx.related = [
                Entry(p.title, p.url, self.excerpt(p, 22), "", p.category.name, p.published)
                for p in _unique(related)
            ]
        if "around_web" in site.widgets and self.originals:
            n = len(self.originals)
            base = ((post.index if post else page) * 7) % n
            ctx.around_web = [
                Entry(
                    o.title,
                    o.url,
                    "",
                    f'<a href="{o.home}" target="_blank" rel="nofollow">{esc(o.publisher)}</a>',
                    "",
                    o.published,
                )
                for o in (self.originals[(base + i * 11) % n] for i in range(5))
            ]
        if site.permalink == "blogger":
            months: OrderedDict[tuple[int, int], int] = OrderedDict()
            for p in self.posts:
                key = (p.published.year, p.published.month)
                months[key] = months.get(key, 0) + 1
            ctx.archive = [
                (f"{_MONTH_NAMES[m - 1]} {y}", site.url(f"/{y}/{m:02d}/"), n)
                for (y, m), n in months.items()
            ]
        if post is not None:
            i = self.position[id(post)]
            ctx.next_post = self.posts[i - 1] if i > 0 else None
            ctx.prev_post = self.posts[i + 1] if i + 1 < len(self.posts) else None
        return ctx

    def feed_url(self) -> str | None:
        feed = self.site.feed
        if feed == "wp_rss":
            return (
                self.site.url("/?feed=rss2")
                if self.site.permalink == "plain"
                else self.site.url("/feed/")
            )
        if feed == "blogger_atom":
            return self.site.url("/feeds/posts/default")
        if feed == "drupal_rss":
            return self.site.url("/rss.xml")
        return None

    def put(self, url: str, resource: Resource) -> None:
        self.table[self.path(url)] = resource

    def put_html(self, url: str, html_text: str, article: bool = False) -> None:
        body = html_text.encode(self.site.charset, "xmlcharrefreplace")
        self.put(
            url,
            Resource(
                200,
                f"text/html; charset={self.site.charset.upper() if self.site.charset != 'utf-8' else 'UTF-8'}",
                body,
            ),
        )
        if not article:
            self.web.non_articles.append(url)

    def redirect(self, url: str, target: str) -> None:
        self.put(url, Resource(301, location=target))

    # ------------------------------------------------------------------ render
    def render(self) -> None:
        self._articles()
        self._listings()
        self._static()
        self._feeds()
        self._sitemaps()
        self.put(
            self.site.url("/robots.txt"),
            Resource(200, TEXT, feeds.robots_for(self.site, self._robots_sitemap()).encode()),
        )
        if self.site.theme.startswith("wp_"):
            api = {
                "name": self.site.name,
                "description": self.site.tagline,
                "url": self.site.home.rstrip("/"),
                "home": self.site.home.rstrip("/"),
                "namespaces": ["oembed/1.0", "wp/v2", "wp-site-health/v1"],
            }
            self.put(
                self.site.url("/wp-json/"),
                Resource(200, "application/json; charset=UTF-8", json.dumps(api).encode()),
            )
        for alt in self.site.alt_hosts:
            self.web.host_redirects[alt] = self.site.host
        if self.site.lenient_query:
            self.web.lenient_query_hosts.add(self.site.host)

    def _articles(self) -> None:
        for post in self.posts:
            page = self.theme.post_page(post, self.ctx(post))
            self.put_html(post.url, page, article=True)
            for alias in post.aliases:
                self.web.aliases[alias] = post.url
                if alias.endswith("?m=1") or "/node/" in alias:
                    self.put_html(alias, page, article=True)
                else:
                    self.redirect(alias, post.url)

    def _listing_pages(
        self,
        base: str,
        title: str,
        posts: list[Post],
        kind: str,
        cat: Category | None = None,
        per_page: int | None = None,
    ) -> None:
        per = per_page or self.site.per_page
        chunks = [posts[i : i + per] for i in range(0, len(posts), per)] or [[]]
        urls: list[str] = []
        for n in range(1, len(chunks) + 1):
            urls.append(self.page_url(base, n, chunks[n - 2][-1] if n > 1 else None))
        for n, chunk in enumerate(chunks, start=1):
            nxt = urls[n] if n < len(chunks) else None
            prv = urls[n - 2] if n > 1 else None
            if self.site.permalink == "drupal":
                nxt = nxt and "?" + urlsplit(nxt).query
                prv = prv and ("?" + urlsplit(prv).query if n > 2 else urlsplit(prv).path)
            listing = Listing(title, chunk, n, len(chunks), urls[n - 1], prv, nxt, kind, cat)
            self.put_html(urls[n - 1], self.theme.listing_page(listing, self.ctx(None, n)))
            if n == 1 and self.site.permalink == "drupal":
                first = base + ("&" if "?" in base else "?") + "page=0"
                self.put(first, self.table[self.path(urls[0])])
                self.web.aliases[first] = urls[0]

    def _listings(self) -> None:
        site = self.site
        self._listing_pages(site.home, site.name, self.posts, "home")
        for extra in {"php": "/index.php", "drupal": "/node"}.get(site.permalink, "").split():
            self.put(site.url(extra), self.table[self.path(site.home)])
            self.web.aliases[site.url(extra)] = site.home
        cat_label = {"fr": "Catégorie : ", "de": "Kategorie: ", "es": "Categoría: "}.get(
            site.lang, "Category: "
        )
        if site.permalink == "blogger":
            cat_label = "Showing posts with label "
        for cat in site.categories:
            posts = [p for p in self.posts if p.category == cat]
            base = self.category_url(cat)
            self._listing_pages(base, cat_label + cat.name, posts, "category", cat)
            if site.permalink == "drupal":
                self.put(site.url(f"/taxonomy/term/{cat.term_id}"), self.table[self.path(base)])
                self.web.aliases[site.url(f"/taxonomy/term/{cat.term_id}")] = base
        if site.theme.startswith("wp_") and site.permalink != "plain":
            author_label = {"fr": "Auteur : ", "de": "Autor: ", "es": "Autor: "}.get(
                site.lang, "Author: "
            )
            for name in sorted({p.author for p in self.posts}):
                posts = [p for p in self.posts if p.author == name]
                self._listing_pages(self.author_url(name), author_label + name, posts, "archive")
        if site.permalink == "blogger":
            months: dict[str, list[Post]] = {}
            years: dict[str, list[Post]] = {}
            for p in self.posts:
                months.setdefault(p.published.strftime("/%Y/%m/"), []).append(p)
                years.setdefault(p.published.strftime("/%Y/"), []).append(p)
            for path, posts in list(months.items()) + list(years.items()):
                self._listing_pages(
                    site.url(path), path.strip("/"), posts, "archive", per_page=len(posts)
                )

    def _static(self) -> None:
        texts = _STATIC_TEXT.get(self.site.lang, _STATIC_TEXT["en"])
        domain = self.site.host.removeprefix("www.")
        for (title, url), key in zip(
            self.static_pages, ("about", "contact", "privacy"), strict=False
        ):
            paragraphs = [p.format(name=self.site.name, domain=domain) for p in texts[key][1]]
            self.put_html(url, self.theme.static_page(title, paragraphs, url, self.ctx()))
            if self.site.permalink in ("date_slug", "month_slug", "postname", "section_slug"):
                self.redirect(url.rstrip("/"), url)

    # ------------------------------------------------------------------ feeds and sitemaps
    def _feed_footer(self, post: Post) -> str:
        if not self.site.feed_footer:
            return ""
        credit = Credit(
            post.url,
            post.title,
            self.site.name,
            self.site.home,
            self.site.host.removeprefix("www."),
        )
        return "<p>" + render(self.site.feed_footer, credit) + "</p>\n"

    def _feeds(self) -> None:
        site = self.site
        latest = self.posts[:10]
        if site.feed == "wp_rss":

            def link(p: Post) -> str:
                return p.url + (
                    f"?utm_source=rss&utm_medium=rss&utm_campaign={p.slug}" if site.feed_utm else ""
                )

            def content(p: Post) -> str:
                return body_html(p.body) + "\n" + self._feed_footer(p) if site.feed_full else ""

            def description(p: Post) -> str:
                return (
                    esc(words_excerpt(p))
                    + " [&#8230;]"
                    + ("\n" + self._feed_footer(p) if self._feed_footer(p) else "")
                )

            url = self.feed_url()
            assert url is not None
            xml = feeds.wordpress_rss(
                site,
                latest,
                url,
                link,
                content,
                description,
                lambda p: site.url(f"/?p={p.post_id}"),
            )
            self.put(url, Resource(200, XML_RSS, xml.encode("utf-8")))
            if site.permalink != "plain":
                self.redirect(site.url("/feed"), url)
                self.put(site.url("/feed/rss2/"), Resource(200, XML_RSS, xml.encode("utf-8")))
        elif site.feed == "blogger_atom":
            per = 25
            total = len(self.posts)

            def full(p: Post) -> str:
                return body_html(p.body)

            for start in range(1, total + 1, per):
                chunk = self.posts[start - 1 : start - 1 + per]
                xml = feeds.blogger_atom(site, chunk, total, start, per, full)
                url = site.url("/feeds/posts/default") + (
                    f"?start-index={start}&max-results={per}" if start > 1 else ""
                )
                self.put(url, Resource(200, XML_ATOM, xml.encode("utf-8")))
            rss = feeds.blogger_atom(site, self.posts[:per], total, 1, per, full, rss=True)
            self.put(
                site.url("/feeds/posts/default?alt=rss"),
                Resource(200, XML_RSS, rss.encode("utf-8")),
            )
        elif site.feed == "drupal_rss":

            def teaser(p: Post) -> str:
                return f'<span class="field field--name-title">{esc(p.title)}</span>\n<div class="field field--name-body"><p>{self.excerpt(p, 50)}</p></div>'

            self.put(
                site.url("/rss.xml"),
                Resource(200, XML_RSS, feeds.drupal_rss(site, latest, teaser).encode("utf-8")),
            )

    def _robots_sitemap(self) -> str | None:
        return {
            "yoast": self.site.url("/sitemap_index.xml"),
            "wp_core": self.site.url("/wp-sitemap.xml"),
            "blogger": self.site.url("/sitemap.xml"),
            "drupal": self.site.url("/sitemap.xml"),
        }.get(self.site.sitemap or "")

    def _sitemaps(self) -> None:
        site = self.site
        kind = site.sitemap
        if kind is None:
            return
        Entries = list[tuple[str, datetime | None]]  # noqa: N806
        posts: Entries = [
            (p.url, p.modified or p.published)
            for p in sorted(self.posts, key=lambda p: p.published)
        ]
        pages: Entries = [(url, None) for _, url in self.static_pages]
        cats: Entries = [(self.category_url(c), None) for c in site.categories]
        newest = self.posts[0].published if self.posts else None
        home: Entries = [(site.home, newest)]

        def xml(text: str) -> Resource:
            return Resource(200, "text/xml; charset=UTF-8", text.encode("utf-8"))

        if kind in ("yoast", "rankmath"):
            style = f"//{site.host}/main-sitemap.xsl"
            self.put(
                site.url("/sitemap_index.xml"),
                xml(
                    feeds.sitemap_index(
                        [
                            (site.url("/post-sitemap.xml"), newest),
                            (site.url("/page-sitemap.xml"), None),
                            (site.url("/category-sitemap.xml"), newest),
                        ],
                        style,
                    )
                ),
            )
            self.put(site.url("/post-sitemap.xml"), xml(feeds.urlset(home + posts, style)))
            self.put(site.url("/page-sitemap.xml"), xml(feeds.urlset(pages, style)))
            self.put(site.url("/category-sitemap.xml"), xml(feeds.urlset(cats, style)))
            self.redirect(site.url("/sitemap.xml"), site.url("/sitemap_index.xml"))
        elif kind == "wp_core":
            style = site.url("/wp-sitemap.xsl")
            self.put(
                site.url("/wp-sitemap.xml"),
                xml(
                    feeds.sitemap_index(
                        [
                            (site.url("/wp-sitemap-posts-post-1.xml"), None),
                            (site.url("/wp-sitemap-posts-page-1.xml"), None),
                            (site.url("/wp-sitemap-taxonomies-category-1.xml"), None),
                        ],
                        site.url("/wp-sitemap-index.xsl"),
                    )
                ),
            )
            self.put(site.url("/wp-sitemap-posts-post-1.xml"), xml(feeds.urlset(posts, style)))
            self.put(site.url("/wp-sitemap-posts-page-1.xml"), xml(feeds.urlset(pages, style)))
            self.put(
                site.url("/wp-sitemap-taxonomies-category-1.xml"), xml(feeds.urlset(cats, style))
            )
        elif kind == "blogger":
            self.put(
                site.url("/sitemap.xml"),
                xml(feeds.sitemap_index([(site.url("/sitemap.xml?page=1"), newest)])),
            )
            self.put(site.url("/sitemap.xml?page=1"), xml(feeds.urlset(posts)))
            self.put(site.url("/sitemap-pages.xml"), xml(feeds.urlset(pages)))
        elif kind == "drupal":
            self.put(site.url("/sitemap.xml"), xml(feeds.urlset(home + posts + cats + pages)))


_MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _unique(posts: list[Post]) -> list[Post]:
    seen: set[int] = set()
    out = []
    for p in posts:
        if id(p) not in seen:
            seen.add(id(p))
            out.append(p)
    return out


def _original_resources(web: Web, originals: list[Original]) -> None:
    for original in originals:
        loader: Callable[[], bytes] = functools.partial(page_bytes, original)
        resource = Resource(200, HTML, loader)
        for url in (original.url, *original.aliases):
            parts = urlsplit(url)
            host = parts.hostname or original.host
            table = web.resources.setdefault(host, {})
            table[path_key(parts.path, parts.query)] = resource
            table.setdefault("/robots.txt", Resource(200, TEXT, feeds.ORIGINAL_ROBOTS.encode()))
            web.lenient_query_hosts.add(host)
            if url != original.url:
                web.aliases[url] = original.url
        alt = original.host[4:] if original.host.startswith("www.") else "www." + original.host
        if registrable_domain(alt) == original.domain and alt not in web.resources:
            web.host_redirects.setdefault(alt, original.host)


def render_web(planner: Planner) -> Web:
    web = Web(
        seed=planner.seed,
        sites=list(SITES),
        originals=planner.originals,
        posts=planner.posts,
        resources={},
        host_redirects={},
        lenient_query_hosts=set(),
        non_articles=[],
        aliases={},
        hard_negatives=[(a.url, b.url, why) for a, b, why in planner.hard_negatives],
    )
    for site in SITES:
        SiteRenderer(site, planner.site_posts(site.key), planner.originals, web).render()
    _original_resources(web, planner.originals)
    for host in list(web.host_redirects):
        if host in web.resources:
            del web.host_redirects[host]
    return web
