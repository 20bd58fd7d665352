"""Five unlike JavaScript news sites for the sample web, each behind its own switch (off by default).

Each copies a few of the sample web's original stories (with an attribution line in the body) and
publishes one story of its own, and puts its articles on screen in its own way:

- ``next``: Next.js-style pages, an empty ``#__next`` and the article in ``__NEXT_DATA__``;
- ``nuxt``: Nuxt 2-style pages, the article in ``window.__NUXT__=(function(a,b,...){...}(...))``;
  found through the sitemap that robots.txt names;
- ``react``: a React app, an empty ``#root`` and no state: the body is fetched from a JSON API after
  load; the page's title is only the site's name; listed by an RSS feed;
- ``island``: normal site chrome (header, menu, footer) around an empty custom container, the
  article in an inline ``<script type="application/json">``; no ``og:type``, no JSON-LD;
- ``scroll``: a home page whose article links appear only after scrolling and "load more" clicks
  (the articles themselves are plain HTML); no feed, no sitemap.

The truth of each page says how its text can be had: ``state``, ``browser`` or ``html``.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from html import escape
from typing import Any
from urllib.parse import parse_qs, urlsplit

from newsmirror.sampleweb.model import Story
from newsmirror.sampleweb.text import Draft, english_story, slugify

Response = tuple[int, dict[str, str], bytes]
HTML = "text/html; charset=utf-8"
JS = "application/javascript; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"
ARTICLES_PER_SITE = 6  # 5 copies and 1 own story
SCROLL_PAGE = 3  # links per "page" of the infinite-scroll listing


@dataclass(frozen=True)
class JsSite:
    switch: str
    host: str
    name: str
    text_from: str  # how an article's text can be had: state, browser, html

    @property
    def home(self) -> str:
        return f"http://{self.host}/"


JS_SITES: tuple[JsSite, ...] = (
    JsSite("next", "www.nextwave-news.com", "Nextwave News", "state"),
    JsSite("nuxt", "www.nuxtpost-journal.com", "Nuxtpost Journal", "state"),
    JsSite("react", "app.reactor-times.io", "Reactor Times", "browser"),
    JsSite("island", "www.harbourline-news.com", "Harbourline News", "state"),
    JsSite("scroll", "www.endless-wire.net", "Endless Wire", "html"),
)
SWITCHES = tuple(s.switch for s in JS_SITES)


@dataclass
class JsArticle:
    site: JsSite
    url: str
    slug: str
    title: str
    paragraphs: list[str]
    authors: list[str]
    published: str
    story: Story | None  # the original it copies; None for the site's own story
    attribution_html: str | None = None
    attribution: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def body_html(self) -> str:
        paras = "".join(f"<p>{escape(p)}</p>" for p in self.paragraphs)
        return paras + (self.attribution_html or "")


def _json_script(data: Any) -> str:
    """JSON safe to put inside a <script> element."""
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def _respond(ctype: str, body: bytes) -> Response:
    return 200, {"Content-Type": ctype}, body


def _page(response_body: str) -> Response:
    return 200, {"Content-Type": HTML}, response_body.encode("utf-8")


class JsWeb:
    """The JavaScript sites switched on, built from the sample web's original stories."""

    def __init__(
        self,
        stories: list[Story],
        switches: Iterable[str],
        seed: int = 1,
        per_site: int = ARTICLES_PER_SITE,
    ) -> None:
        on = set(switches)
        unknown = on - set(SWITCHES)
        if unknown:
            raise ValueError(
                f"unknown JavaScript site(s): {', '.join(sorted(unknown))} "
                f"(known: {', '.join(SWITCHES)})"
            )
        self.sites = [s for s in JS_SITES if s.switch in on]
        self.by_host = {s.host: s for s in self.sites}
        self.rng = random.Random(seed * 7919 + 17)
        english = [s for s in stories if s.language == "en"]
        if on and not 2 <= per_site <= len(english) + 1:
            raise ValueError(
                f"{per_site} articles per JavaScript site need {per_site - 1} English stories "
                f"(there are {len(english)}): build the sample web with more stories"
            )
        self.articles: dict[str, list[JsArticle]] = {}
        self.pages: dict[str, Callable[[], Response]] = {}
        for n, site in enumerate(JS_SITES):
            if site.switch not in on:
                continue
            picked = [english[(n * 3 + k) % len(english)] for k in range(per_site - 1)]
            articles = [self._copy(site, story, k) for k, story in enumerate(picked)]
            articles.append(self._own(site, {a.slug for a in articles}))
            self.articles[site.host] = articles
            self._build(site, articles)

    # --- content -----------------------------------------------------------------------------

    def _url(self, site: JsSite, slug: str, n: int) -> str:
        h = f"http://{site.host}"
        return {
            "next": f"{h}/articles/{slug}",
            "nuxt": f"{h}/2026/11/{slug}",
            "react": f"{h}/read/{slug}",
            "island": f"{h}/stories/2026/11/{slug}",
            "scroll": f"{h}/news/{slug}-{1000 + n}.html",
        }[site.switch]

    def _copy(self, site: JsSite, story: Story, k: int) -> JsArticle:
        origin = story.site
        article = JsArticle(
            site=site,
            url=self._url(site, story.slug, k),
            slug=story.slug,
            title=story.draft.title,
            paragraphs=list(story.draft.paragraphs),
            authors=list(story.draft.authors),
            published=story.published.isoformat(),
            story=story,
        )
        if k % 2 == 0:
            text = f"This article originally appeared on {origin.name}."
            html = (
                f'<p><em>This article originally appeared on <a href="{story.url}">'
                f"{escape(origin.name)}</a>.</em></p>"
            )
            family, origin_url = "originally-appeared", story.url
        else:
            text = f"Source: {origin.name}"
            html = f"<p>{escape(text)}</p>"
            family, origin_url = "source-line", None
        article.attribution_html = html
        article.attribution = {
            "family": family,
            "text": text,
            "origin_domain": origin.host.removeprefix("www."),
            "origin_name": origin.name,
            "origin_url": origin_url,
        }
        return article

    def _own(self, site: JsSite, taken: set[str]) -> JsArticle:
        draft: Draft = english_story(self.rng)
        while slugify(draft.title) in taken:
            draft = english_story(self.rng)
        slug = slugify(draft.title)
        return JsArticle(
            site=site,
            url=self._url(site, slug, 10_000),
            slug=slug,
            title=draft.title,
            paragraphs=list(draft.paragraphs),
            authors=list(draft.authors),
            published="2026-11-19T08:00:00+00:00",
            story=None,
        )

    # --- pages -------------------------------------------------------------------------------

    def _build(self, site: JsSite, articles: list[JsArticle]) -> None:
        h = f"http://{site.host}"
        build = getattr(self, f"_site_{site.switch}")
        build(site, articles)
        self.pages.setdefault(
            f"{h}/robots.txt",
            lambda: (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow:\n"),
        )

    @staticmethod
    def _chrome(site: JsSite, title: str, main: str, head: str = "", tail: str = "") -> str:
        """A page inside the site's ordinary chrome: header, menu, footer."""
        return (
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title>{head}</head><body>"
            f'<header class="masthead"><a class="logo" href="/">{escape(site.name)}</a>'
            f'<nav class="menu"><a href="/">Home</a> <a href="/about">About us</a></nav></header>'
            f"<main>{main}</main>"
            f'<footer class="site-footer"><p>© 2026 {escape(site.name)}. All rights reserved.'
            f"</p></footer>{tail}</body></html>"
        )

    def _home_list(self, site: JsSite, articles: list[JsArticle], head: str = "") -> None:
        items = "".join(
            f'<li><h2><a href="{a.url}">{escape(a.title)}</a></h2></li>' for a in articles
        )
        html = self._chrome(site, site.name, f'<ul class="latest">{items}</ul>', head)
        self.pages[site.home] = lambda: _page(html)
        self.pages[f"http://{site.host}/about"] = lambda: _page(
            self._chrome(site, f"About us | {site.name}", "<h1>About us</h1><p>A news site.</p>")
        )

    def _site_next(self, site: JsSite, articles: list[JsArticle]) -> None:
        self._home_list(site, articles)
        for a in articles:
            data = {
                "props": {
                    "pageProps": {
                        "post": {
                            "title": a.title,
                            "slug": a.slug,
                            "contentHtml": a.body_html,
                            "excerpt": a.paragraphs[0][:140],
                            "authors": a.authors,
                            "publishedAt": a.published,
                        },
                        "related": [
                            {"title": o.title, "slug": o.slug} for o in articles if o is not a
                        ][:3],
                    },
                    "__N_SSG": True,
                },
                "page": "/articles/[slug]",
                "query": {"slug": a.slug},
                "buildId": "nw-2026-11",
            }
            html = (
                f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
                f"<title>{escape(a.title)} | {escape(site.name)}</title>"
                f'<meta property="og:type" content="article">'
                f'<meta property="og:title" content="{escape(a.title)}"></head><body>'
                f'<div id="__next"></div><script id="__NEXT_DATA__" type="application/json">'
                f"{_json_script(data)}</script>"
                f'<script src="/_next/static/chunks/main.js" defer></script></body></html>'
            )
            self.pages[a.url] = partial(_page, html)
        self.pages[f"http://{site.host}/_next/static/chunks/main.js"] = lambda: (
            200,
            {"Content-Type": JS},
            NEXT_JS.encode(),
        )

    def _site_nuxt(self, site: JsSite, articles: list[JsArticle]) -> None:
        self._home_list(site, articles)
        h = f"http://{site.host}"
        for a in articles:
            args = [a.title, a.body_html, ", ".join(a.authors), a.published, a.slug]
            payload = (
                'window.__NUXT__=(function(a,b,c,d,e){return {layout:"default",data:[{story:'
                "{title:a,html:b,byline:c,date:d,slug:e,comments:[]}}],fetch:{},error:null,"
                'state:{menu:{open:!1}},serverRendered:!0,routePath:"/2026/11/"}}('
                + ",".join(json.dumps(x, ensure_ascii=False).replace("</", "<\\/") for x in args)
                + "));"
            )
            html = (
                f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
                f"<title>{escape(a.title)} - {escape(site.name)}</title>"
                f'<meta data-n-head="ssr" name="description" content="{escape(a.paragraphs[0])}">'
                f'</head><body><div id="__nuxt"><div id="__layout"></div></div>'
                f"<script>{payload}</script>"
                f'<script src="/_nuxt/app.js" defer></script></body></html>'
            )
            self.pages[a.url] = partial(_page, html)
        self.pages[f"{h}/_nuxt/app.js"] = lambda: (200, {"Content-Type": JS}, NUXT_JS.encode())
        urlset = "".join(f"<url><loc>{a.url}</loc></url>" for a in articles)
        sitemap = (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urlset}</urlset>'
        )
        self.pages[f"{h}/news-sitemap.xml"] = lambda: (
            200,
            {"Content-Type": "application/xml"},
            sitemap.encode(),
        )
        robots = f"User-agent: *\nDisallow:\nSitemap: {h}/news-sitemap.xml\n"
        self.pages[f"{h}/robots.txt"] = lambda: (
            200,
            {"Content-Type": "text/plain"},
            robots.encode(),
        )

    def _site_react(self, site: JsSite, articles: list[JsArticle]) -> None:
        h = f"http://{site.host}"
        feed_link = f'<link rel="alternate" type="application/rss+xml" href="{h}/feed.xml">'
        self._home_list(site, [], feed_link)
        items = "".join(
            f"<item><title>{escape(a.title)}</title><link>{a.url}</link></item>" for a in articles
        )
        rss = (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>{escape(site.name)}</title><link>{h}/</link>{items}</channel></rss>"
        )
        self.pages[f"{h}/feed.xml"] = lambda: (
            200,
            {"Content-Type": "application/rss+xml"},
            rss.encode(),
        )
        shell = (
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{escape(site.name)}</title></head><body>"
            f"<noscript>You need to enable JavaScript to run this app.</noscript>"
            f'<div id="root"></div><script src="/static/js/main.js"></script></body></html>'
        )
        for a in articles:
            self.pages[a.url] = lambda: _page(shell)
            body = {
                "title": a.title,
                "authors": a.authors,
                "published": a.published,
                "blocks": [{"type": "p", "html": escape(p)} for p in a.paragraphs],
                "attribution": a.attribution_html,
            }
            self.pages[f"{h}/api/articles/{a.slug}"] = partial(
                _respond, JSON_TYPE, json.dumps(body).encode()
            )
        self.pages[f"{h}/static/js/main.js"] = lambda: (
            200,
            {"Content-Type": JS},
            REACT_JS.encode(),
        )

    def _site_island(self, site: JsSite, articles: list[JsArticle]) -> None:
        self._home_list(site, articles)
        for a in articles:
            data = {
                "story": {
                    "headline": a.title,
                    "byline": a.authors,
                    "date": a.published,
                    "bodyHtml": a.body_html,
                },
                "ads": {"slots": ["top", "side"]},
            }
            main = '<div class="story-mount" data-component="StoryView"></div>'
            tail = (
                f'<script type="application/json" data-for="StoryView">{_json_script(data)}'
                f'</script><script src="/assets/hydrate.js"></script>'
            )
            html = self._chrome(site, f"{a.title} — {site.name}", main, tail=tail)
            self.pages[a.url] = partial(_page, html)
        self.pages[f"http://{site.host}/assets/hydrate.js"] = lambda: (
            200,
            {"Content-Type": JS},
            ISLAND_JS.encode(),
        )

    def _site_scroll(self, site: JsSite, articles: list[JsArticle]) -> None:
        h = f"http://{site.host}"
        main = (
            '<h1>Latest news</h1><div class="hero" style="min-height:150vh"></div>'
            '<div id="feed"></div>'
            '<button id="more" type="button">Load more stories</button>'
        )
        home = self._chrome(site, site.name, main, tail='<script src="/js/feed.js"></script>')
        self.pages[site.home] = lambda: _page(home)
        self.pages[f"{h}/about"] = lambda: _page(
            self._chrome(site, f"About us | {site.name}", "<h1>About us</h1><p>A news site.</p>")
        )
        self.pages[f"{h}/js/feed.js"] = lambda: (200, {"Content-Type": JS}, SCROLL_JS.encode())
        self._scroll_articles = articles
        for a in articles:
            body = f"<article><h1>{escape(a.title)}</h1>"
            body += (
                f'<p class="byline">By {escape(", ".join(a.authors))}</p>{a.body_html}</article>'
            )
            html = self._chrome(
                site,
                f"{a.title} | {site.name}",
                body,
                head=(
                    f'<meta property="og:type" content="article">'
                    f'<meta property="article:published_time" content="{a.published}">'
                ),
            )
            self.pages[a.url] = partial(_page, html)

    def _scroll_feed(self, page: int) -> Response:
        chunk = self._scroll_articles[(page - 1) * SCROLL_PAGE : page * SCROLL_PAGE]
        more = page * SCROLL_PAGE < len(self._scroll_articles)
        data = {"items": [{"title": a.title, "url": a.url} for a in chunk], "more": more}
        return 200, {"Content-Type": JSON_TYPE}, json.dumps(data).encode()

    # --- serving -----------------------------------------------------------------------------

    def serves(self, host: str) -> bool:
        return host in self.by_host

    def fetch(self, url: str) -> Response:
        parts = urlsplit(url)
        key = f"http://{parts.hostname}{parts.path or '/'}"
        site = self.by_host[parts.hostname or ""]
        if site.switch == "scroll" and parts.path == "/api/feed":
            try:
                page = int((parse_qs(parts.query).get("page") or ["1"])[0])
            except ValueError:
                page = 1
            return self._scroll_feed(max(1, page))
        serve = self.pages.get(key)
        if serve is None:
            return 404, {"Content-Type": HTML}, b"<h1>Not found</h1>"
        return serve()

    def truth(self) -> dict[str, Any]:
        return {
            "sites": [
                {"domain": s.host, "name": s.name, "switch": s.switch, "text_from": s.text_from}
                for s in self.sites
            ],
            "pages": [
                {
                    "url": a.url,
                    "site": a.site.host,
                    "kind": "article",
                    "story": a.story.id if a.story else None,
                    "is_copy": a.story is not None,
                    "needs_browser": a.site.text_from == "browser",
                    "text_from": a.site.text_from,
                    "title": a.title,
                    "paragraphs": a.paragraphs,
                    "authors": a.authors,
                    "attribution": a.attribution,
                }
                for articles in self.articles.values()
                for a in articles
            ],
        }


NEXT_JS = """(function () {
  var data = JSON.parse(document.getElementById('__NEXT_DATA__').textContent);
  var post = data.props.pageProps.post;
  var root = document.getElementById('__next');
  root.innerHTML = '<article><h1></h1><div class="content"></div></article>';
  root.querySelector('h1').textContent = post.title;
  root.querySelector('.content').innerHTML = post.contentHtml;
})();
"""

NUXT_JS = """(function () {
  var story = window.__NUXT__.data[0].story;
  var root = document.getElementById('__layout');
  root.innerHTML = '<article><h1></h1><p class="byline"></p><div class="body"></div></article>';
  root.querySelector('h1').textContent = story.title;
  root.querySelector('.byline').textContent = 'By ' + story.byline;
  root.querySelector('.body').innerHTML = story.html;
})();
"""

REACT_JS = """(function () {
  var slug = location.pathname.split('/').pop();
  fetch('/api/articles/' + slug).then(function (r) { return r.json(); }).then(function (a) {
    document.title = a.title + ' | Reactor Times';
    var root = document.getElementById('root');
    var html = '<article><h1></h1><p class="byline"></p>';
    a.blocks.forEach(function (b) { html += '<p>' + b.html + '</p>'; });
    html += (a.attribution || '') + '</article>';
    root.innerHTML = html;
    root.querySelector('h1').textContent = a.title;
    root.querySelector('.byline').textContent = 'By ' + a.authors.join(', ');
  });
})();
"""

ISLAND_JS = """(function () {
  document.querySelectorAll('[data-component="StoryView"]').forEach(function (mount) {
    var data = JSON.parse(
      document.querySelector('script[data-for="StoryView"]').textContent).story;
    mount.innerHTML = '<article><h1></h1><div class="story-body"></div></article>';
    mount.querySelector('h1').textContent = data.headline;
    mount.querySelector('.story-body').innerHTML = data.bodyHtml;
  });
})();
"""

SCROLL_JS = """(function () {
  var feed = document.getElementById('feed');
  var button = document.getElementById('more');
  var next = 1, loading = false, done = false;
  function load() {
    if (loading || done) { return; }
    loading = true;
    fetch('/api/feed?page=' + next).then(function (r) { return r.json(); }).then(function (d) {
      d.items.forEach(function (item) {
        var el = document.createElement('article');
        el.innerHTML = '<h2><a></a></h2>';
        el.querySelector('a').href = item.url;
        el.querySelector('a').textContent = item.title;
        feed.appendChild(el);
      });
      next += 1; loading = false;
      if (!d.more) { done = true; button.disabled = true; button.style.display = 'none'; }
    });
  }
  // The first stories come on scrolling; the rest on "Load more stories".
  window.addEventListener('scroll', function () { if (next === 1) { load(); } });
  button.addEventListener('click', function () { if (next > 1) { load(); } });
})();
"""
