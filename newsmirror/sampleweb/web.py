"""The sample web: a deterministic set of sites, stories, copies and traps, and its truth file."""

from __future__ import annotations

import gzip
import json
import random
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, timezone
from functools import partial
from html import escape
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

from newsmirror.sampleweb import faults
from newsmirror.sampleweb import metamorphic as mm
from newsmirror.sampleweb import templates as tpl
from newsmirror.sampleweb.chrome import dress
from newsmirror.sampleweb.jssites import JsWeb
from newsmirror.sampleweb.metamorphic import Transform
from newsmirror.sampleweb.model import Post, SiteInfo, Story
from newsmirror.sampleweb.text import (
    MOIS_FR,
    MONTHS_EN,
    Draft,
    english_story,
    french_story,
    slugify,
)
from newsmirror.sampleweb.text_intl import intl_story

SITES: tuple[SiteInfo, ...] = (
    SiteInfo("www.example-wire.com", "Example Wire", "origin", "en", "origin-wire", -5),
    SiteInfo("www.metro-chronicle.com", "The Metro Chronicle", "origin", "en", "origin-paper", 0),
    SiteInfo("www.journal-exemple.fr", "Le Journal Exemple", "origin", "fr", "origin-fr", 1),
    SiteInfo("dailymarketmirror.net", "Daily Market Mirror", "aggregator", "en", "seedlike", -4),
    SiteInfo("www.heartlandbriefs.com", "Heartland Briefs", "aggregator", "en", "wordpress", -6),
    SiteInfo("app.newsflash-hub.io", "Newsflash Hub", "aggregator", "en", "jsapp", 0, True),
    SiteInfo("www.actu-miroir.fr", "Actu Miroir", "aggregator", "fr", "french", 1),
    SiteInfo("newsroundup24.com", "News Roundup 24", "aggregator", "en", "roundup", 8),
    # Origins in Russian, Chinese and Japanese, and the aggregator that serves its copies of them
    # (and of English stories) with lying charsets and broken markup: see faults.py.
    SiteInfo("www.vestnik-zarechya.ru", "Vestnik Zarechya", "origin", "ru", "origin-wire", 3),
    SiteInfo("www.hekou-daily.cn", "Hekou Daily", "origin", "zh", "origin-wire", 8),
    SiteInfo("www.kawaguchi-shimbun.jp", "Kawaguchi Shimbun", "origin", "ja", "origin-wire", 9),
    SiteInfo("www.babel-mirror.net", "Babel Mirror", "aggregator", "mul", "babel", 0),
)
INTL_ORIGINS = {
    "ru": "www.vestnik-zarechya.ru",
    "zh": "www.hekou-daily.cn",
    "ja": "www.kawaguchi-shimbun.jp",
}
BABEL = "www.babel-mirror.net"
BY_HOST = {s.host: s for s in SITES}
EN_AGGREGATORS = (
    "dailymarketmirror.net",
    "www.heartlandbriefs.com",
    "app.newsflash-hub.io",
    "newsroundup24.com",
)
SEED_CATEGORIES = ("latest-news", "stock", "investing", "editors-pick")
PER_PAGE = 10
# Listing URL schemes per template: category, tag, monthly archive, and the suffix of page n (>1).
# ``None``: the site builds those pages itself.
SCHEMES: dict[str, tuple[str | None, str, str, str]] = {
    "origin-wire": ("/section/{key}/", "/topic/{key}/", "/news/{y}/{m}/", "?page={n}"),
    "origin-paper": ("/{key}/", "/tags/{key}/", "/archive/{y}-{m}/", "?page={n}"),
    "origin-fr": ("/{key}/", "/mot-cle/{key}/", "/archives/{y}/{m}/", "?page={n}"),
    "seedlike": (None, "/tag/{key}/", "/{y}/{m}/", "page/{n}/"),
    "wordpress": ("/category/{key}/", "/tag/{key}/", "/{y}/{m}/", "page/{n}/"),
    "jsapp": ("/sections/{key}", "/tags/{key}", "/archive/{y}-{m}", "?page={n}"),
    "french": (None, "/tag/{key}/", "/archives/{y}/{m}/", "?page={n}"),
    "roundup": ("/section/{key}/", "/tags/{key}.html", "/archive/{y}-{m}.html", "?p={n}"),
    "babel": (None, "/tag/{key}/", "/archive/{y}/{m}/", "?page={n}"),
}
OVERSIZE_BYTES = 12 * 1024 * 1024
BASE_TIME = datetime(2026, 11, 20, 6, 0, tzinfo=UTC)
NEGATIVE_LINES = (
    "The documentary series appeared first on a streaming service in 2019 and later moved to "
    "public television.",
    "Source: a person familiar with the plans said the talks would resume next week.",
    "Originally published in 1954, the novel has been adapted for the stage three times.",
    "Several members joined the meeting via a video link from the capital.",
)

Response = tuple[int, dict[str, str], bytes]
T = TypeVar("T")
HTML = "text/html; charset=utf-8"


def _tz(hours: int) -> timezone:
    return timezone(timedelta(hours=hours))


def _nth(first: str, suffix: str, n: int) -> str:
    """URL of page ``n`` of a listing whose first page is ``first``."""
    return first + suffix.format(n=n)


def _html(body: str, status: int = 200) -> Response:
    return status, {"Content-Type": HTML}, body.encode("utf-8")


def _xml(body: str, ctype: str = "application/xml; charset=utf-8") -> Response:
    return 200, {"Content-Type": ctype}, body.encode("utf-8")


@dataclass
class Page:
    """A truth-file entry with the function that serves it."""

    url: str
    kind: str
    serve: Callable[[], Response] = field(repr=False)
    post: Post | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _dressed(response: Response, url: str, site: SiteInfo, post: Post | None) -> Response:
    """A plain UTF-8 article page inside the theme's chrome; hostile and encoded pages as they are."""
    status, headers, body = response
    ctype = headers.get("Content-Type", "")
    if (
        status != 200
        or (post is not None and post.hostile)
        or not ctype.startswith("text/html")
        or ("charset=" in ctype and "charset=utf-8" not in ctype.lower())
        or body.startswith(b"\x1f\x8b")
    ):
        return response
    try:
        html = body.decode("utf-8")
    except UnicodeDecodeError:
        return response
    dressed = dress(html, zlib.crc32(url.encode()), site.host, site.name)
    return status, headers, dressed.encode("utf-8")


class SampleWeb:
    """Build the whole web in memory; pages are rendered when fetched."""

    def __init__(
        self,
        seed: int = 1,
        stories: int = 30,
        *,
        chrome: bool = False,
        metamorphic: str | Iterable[str | Transform] = frozenset(),
        js_sites: Iterable[str] = (),
        js_articles: int = 6,
    ) -> None:
        """``chrome``: serve the sites' article pages inside a full magazine theme
        (``chrome.dress``: about 40 kB and 600 elements a page, a real news page's size); the
        truth file is the same.

        ``metamorphic``: the switches to turn on (``Transform``s, or ``"T1,T3"``, ``"all"``; see
        ``metamorphic.py`` and docs/sampleweb.md). None changes which article copies which: the
        truth file is the plain web's, and :meth:`inserted` names the text they put on a page.

        ``js_sites``: the JavaScript sites to add (``jssites.py``: next, nuxt, react, island,
        scroll), with ``js_articles`` articles each; none by default."""
        if stories < 1:
            raise ValueError("stories must be at least 1")
        self.chrome = chrome
        self.metamorphic = mm.parse(metamorphic)
        self._dressings: dict[str, mm.Dressing] = {}
        self.seed = seed
        self.stories_count = stories
        self.rng = random.Random(seed)
        self.stories: list[Story] = []
        self.posts: dict[str, list[Post]] = {s.host: [] for s in SITES}
        self.pages: dict[str, Page] = {}
        self._build_stories()
        self._build_copies()
        self._build_hostile_posts()
        self._build_parse_faults()
        for posts in self.posts.values():
            posts.sort(key=lambda p: (p.published, p.url), reverse=True)
        self._index_posts = {p.url: p for posts in self.posts.values() for p in posts}
        self._build_pages()
        self.js = JsWeb(self.stories, js_sites, seed, js_articles)

    # --- content ------------------------------------------------------------------------------

    def _unique_draft(self, make: Callable[[], Draft], titles: set[str]) -> Draft:
        draft = make()
        for _ in range(20):
            if draft.title not in titles:
                break
            draft = make()
        title, k = draft.title, 1
        while title in titles:  # a big web outgrows the title templates: number the follow-ups
            k += 1
            title = f"{draft.title}: update {k}"
        titles.add(title)
        return Draft(title, draft.paragraphs, draft.family, draft.authors, draft.topic)

    def _build_stories(self) -> None:
        rng = self.rng
        titles: set[str] = set()
        self._titles = titles
        for i in range(self.stories_count):
            french = rng.random() < 0.2
            market = not french and rng.random() < 0.12
            draft = self._unique_draft(
                partial(french_story, rng) if french else partial(english_story, rng, market),
                titles,
            )
            site = (
                BY_HOST["www.journal-exemple.fr"]
                if french
                else BY_HOST[rng.choice(["www.example-wire.com", "www.metro-chronicle.com"])]
            )
            published = (BASE_TIME - timedelta(hours=7 * i, minutes=rng.randint(0, 59))).astimezone(
                _tz(site.utc_offset_hours)
            )
            modified = published + timedelta(hours=rng.choice([0, 0, 1, 3]))
            slug = slugify(draft.title)
            sid = f"s{i + 1:05d}"
            if site.template == "origin-wire":
                url = f"http://{site.host}/news/{published:%Y/%m/%d}/{slug}"
                section = "news"
            elif site.template == "origin-paper":
                section = (
                    "business"
                    if draft.family == "market-report"
                    else rng.choice(["world", "local"])
                )
                url = f"http://{site.host}/{section}/{slug}-{100000 + i}.html"
            else:
                section = "societe"
                url = (
                    f"http://{site.host}/{section}/article/{published:%Y/%m/%d}/{slug}_{i + 1}.html"
                )
            story = Story(
                sid,
                draft,
                "fr" if french else "en",
                site,
                url,
                slug,
                published,
                modified,
                f"http://{site.host}/images/{slug}.jpg",
                section,
            )
            self.stories.append(story)
            self.posts[site.host].append(
                Post(
                    site=site,
                    url=url,
                    slug=slug,
                    title=draft.title,
                    paragraphs=list(draft.paragraphs),
                    authors=list(draft.authors),
                    published=published,
                    modified=modified,
                    image=story.image,
                    language=story.language,
                    category=section,
                    story=story,
                    topic=draft.topic,
                )
            )

    def _copy_url(self, site: SiteInfo, slug: str, when: datetime, n: int) -> tuple[str, str]:
        rng = self.rng
        if site.template == "seedlike":
            category = rng.choice(SEED_CATEGORIES)
            return f"http://{site.host}/{category}/{slug}/", category
        if site.template == "wordpress":
            return f"http://{site.host}/{when:%Y/%m/%d}/{slug}/", "news"
        if site.template == "jsapp":
            return f"http://{site.host}/story/{slug}", "stories"
        if site.template == "french":
            return f"http://{site.host}/actualites/{when:%Y/%m}/{slug}.html", "actualites"
        return f"http://{site.host}/news/{500000 + n}/{slug}", "headlines"

    def _transform(self, story: Story, post: Post) -> None:
        rng = self.rng
        paragraphs = list(story.draft.paragraphs)
        choice = rng.choice(
            [
                "verbatim",
                "verbatim",
                "verbatim",
                "drop_first",
                "truncate",
                "insert_blocks",
                "append_updated",
                "straighten_quotes",
                "insert_blocks+straighten_quotes",
                "drop_first+append_updated",
                "truncate+straighten_quotes",
            ]
        )
        applied = choice.split("+")
        if "drop_first" in applied:
            paragraphs = paragraphs[1:]
        if "truncate" in applied:
            paragraphs = paragraphs[: rng.randint(3, 5)]
            post.read_more = story.url
            post.read_more_text = rng.choice(
                ["Continue reading", "Read more", "Read the full story"]
                if story.language == "en"
                else ["Lire la suite", "Continuer la lecture"]
            )
            post.boilerplate.append(post.read_more_text)
        if "straighten_quotes" in applied:
            paragraphs = [
                p.replace("“", '"').replace("”", '"').replace("’", "'") for p in paragraphs
            ]
        if "insert_blocks" in applied and len(paragraphs) > 2:
            other = rng.choice(self._by_language[story.language])
            english = story.language == "en"
            ad = "Advertisement" if english else "Publicité"
            label = "Related:" if english else "À lire aussi :"
            post.inserts[0] = f'<div class="ad-slot"><p>{ad}</p></div>'
            post.inserts[rng.randint(1, len(paragraphs) - 2)] = (
                f'<div class="inline-related"><p>{label} <a href="{other.url}">'
                f"{escape(other.draft.title)}</a></p></div>"
            )
            post.boilerplate += [ad, f"{label} {other.draft.title}"]
        if "append_updated" in applied:
            later = post.published + timedelta(hours=2)
            post.updated_line = (
                f"Updated: {tpl.human_date(later, 'en')}"
                if story.language == "en"
                else f"Mis à jour le {tpl.human_date(later, 'fr')}"
            )
            post.boilerplate.append(post.updated_line)
        post.paragraphs = paragraphs
        post.transformations = applied

    def _attribution(self, story: Story, post: Post) -> dict[str, Any] | None:
        rng = self.rng
        origin = story.site
        domain = origin.host.removeprefix("www.")
        template = post.site.template
        base = {"origin_domain": domain, "origin_name": origin.name}
        if template == "seedlike":
            who = rng.choice(
                [domain, domain, origin.name, origin.name.upper(), origin.host, f"“{origin.name}”"]
            )
            text = f"This post appeared first on {who}"
            html = escape(text)
            origin_url = None
            if rng.random() < 0.3:
                html += f' <a href="{story.url}">Read the entire article here</a>'
                text += " Read the entire article here"
                origin_url = story.url
            placement = rng.choice(
                [
                    "own-paragraph",
                    "own-paragraph",
                    "source-div",
                    "end-of-last-paragraph",
                    "after-body",
                ]
            )
            wrapped = {
                "own-paragraph": f"<p>{html}</p>",
                "source-div": f'<div class="source">{html}</div>',
                "after-body": f'<p class="attribution"><em>{html}</em></p>',
                "end-of-last-paragraph": html,
            }[placement]
            return {
                **base,
                "family": "appeared-first",
                "text": text,
                "html": wrapped,
                "placement": placement,
                "origin_url": origin_url,
            }
        if template == "wordpress":
            kind = rng.choice(["yoast", "yoast", "originally-appeared", "originally-published"])
            if kind == "yoast":
                text = f"The post {story.draft.title} appeared first on {origin.name}."
                html = (
                    f'<p>The post <a href="{story.url}">{escape(story.draft.title)}</a> appeared '
                    f'first on <a href="http://{origin.host}/">{escape(origin.name)}</a>.</p>'
                )
                placement = rng.choice(["own-paragraph", "article-footer"])
                return {
                    **base,
                    "family": "yoast",
                    "text": text,
                    "html": html,
                    "placement": placement,
                    "origin_url": story.url,
                }
            if kind == "originally-appeared":
                text = f"This article originally appeared on {origin.name}."
                html = (
                    f'<p><em>This article originally appeared on <a href="{story.url}">'
                    f"{escape(origin.name)}</a>.</em></p>"
                )
                return {
                    **base,
                    "family": "originally-appeared",
                    "text": text,
                    "html": html,
                    "placement": "own-paragraph",
                    "origin_url": story.url,
                }
            text = f"Originally published at {domain}"
            return {
                **base,
                "family": "originally-published",
                "text": text,
                "html": f'<div class="source">{escape(text)}</div>',
                "placement": "source-div",
                "origin_url": None,
            }
        if template == "jsapp":
            text = rng.choice([f"Source: {origin.name}", f"Via {origin.name}"])
            return {
                **base,
                "family": "source-line",
                "text": text,
                "html": None,
                "placement": "own-paragraph",
                "origin_url": None,
                "js": text,
            }
        if template == "french":
            if rng.random() < 0.6:
                text = f"L’article {story.draft.title} est apparu en premier sur {origin.name}."
                html = (
                    f'<p>L’article <a href="{story.url}">{escape(story.draft.title)}</a> est apparu '
                    f'en premier sur <a href="http://{origin.host}/">{escape(origin.name)}</a>.</p>'
                )
                return {
                    **base,
                    "family": "yoast-fr",
                    "text": text,
                    "html": html,
                    "placement": "own-paragraph",
                    "origin_url": story.url,
                }
            text = f"Cet article a été initialement publié sur {domain}"
            return {
                **base,
                "family": "originally-published-fr",
                "text": text,
                "html": f"<p><em>{escape(text)}</em></p>",
                "placement": "after-body",
                "origin_url": None,
            }
        # roundup: markup only, or nothing at all
        if rng.random() < 0.7:
            head = f'<link rel="canonical" href="{story.url}"><meta property="og:url" content="{story.url}">'
            return {
                **base,
                "family": "canonical",
                "text": None,
                "html": None,
                "head": head,
                "placement": "head",
                "origin_url": story.url,
            }
        return None

    def _build_copies(self) -> None:
        rng = self.rng
        n = 0
        self._by_language: dict[str, list[Story]] = {"en": [], "fr": []}
        for story in self.stories:
            self._by_language[story.language].append(story)
        for story in self.stories:
            hosts = (
                ["www.actu-miroir.fr"]
                if story.language == "fr"
                else rng.sample(EN_AGGREGATORS, rng.choice([1, 2, 2, 3, 3, 4]))
            )
            for host in hosts:
                n += 1
                site = BY_HOST[host]
                when = (story.published + timedelta(hours=rng.randint(1, 30))).astimezone(
                    _tz(site.utc_offset_hours)
                )
                url, category = self._copy_url(site, story.slug, when, n)
                post = Post(
                    site=site,
                    url=url,
                    slug=story.slug,
                    title=story.draft.title,
                    paragraphs=[],
                    authors=list(story.draft.authors),
                    published=when,
                    modified=when,
                    image=story.image,
                    language=story.language,
                    category=category,
                    story=story,
                    is_copy=True,
                    topic=story.draft.topic,
                )
                self._transform(story, post)
                post.attribution = self._attribution(story, post)
                self.posts[host].append(post)
        # Each aggregator's own posts: not copies; some hold innocent look-alike phrases.
        for host in (*EN_AGGREGATORS, "www.actu-miroir.fr"):
            site = BY_HOST[host]
            for k in range(max(1, round(self.stories_count / 20))):  # ~10% of its posts
                french = site.language == "fr"
                draft = self._unique_draft(
                    (lambda: french_story(rng)) if french else (lambda: english_story(rng)),
                    self._titles,
                )
                paragraphs = list(draft.paragraphs)
                if not french and k % 2 == 0:
                    paragraphs.insert(
                        len(paragraphs) - 1, NEGATIVE_LINES[k // 2 % len(NEGATIVE_LINES)]
                    )
                when = (BASE_TIME - timedelta(hours=11 * k + 3)).astimezone(
                    _tz(site.utc_offset_hours)
                )
                n += 1
                url, category = self._copy_url(site, slugify(draft.title), when, n)
                self.posts[host].append(
                    Post(
                        site=site,
                        url=url,
                        slug=slugify(draft.title),
                        title=draft.title,
                        paragraphs=paragraphs,
                        authors=list(draft.authors),
                        published=when,
                        modified=when,
                        image=f"http://{host}/img/{slugify(draft.title)}.jpg",
                        language=site.language,
                        category=category,
                        topic=draft.topic,
                    )
                )

    @staticmethod
    def _hostile_post(
        site: SiteInfo,
        draft: Draft,
        url: str,
        when: datetime,
        image: str,
        category: str,
        hostile: str,
    ) -> Post:
        return Post(
            site=site,
            url=url,
            slug=slugify(draft.title),
            title=draft.title,
            paragraphs=list(draft.paragraphs),
            authors=list(draft.authors),
            published=when,
            modified=when,
            image=image,
            language=site.language,
            category=category,
            hostile=hostile,
            topic=draft.topic,
        )

    def _build_hostile_posts(self) -> None:
        rng = self.rng
        site = BY_HOST["newsroundup24.com"]
        draft = self._unique_draft(lambda: english_story(rng), self._titles)
        when = BASE_TIME.astimezone(_tz(site.utc_offset_hours))
        self.malformed = self._hostile_post(
            site,
            draft,
            f"http://{site.host}/news/990001/{slugify(draft.title)}",
            when,
            f"http://{site.host}/img/x.jpg",
            "headlines",
            "malformed",
        )
        fr = BY_HOST["www.actu-miroir.fr"]
        draft = self._unique_draft(lambda: french_story(rng), self._titles)
        when = (BASE_TIME - timedelta(hours=5)).astimezone(_tz(fr.utc_offset_hours))
        self.mischarset = self._hostile_post(
            fr,
            draft,
            f"http://{fr.host}/actualites/{when:%Y/%m}/encodage-{slugify(draft.title)}.html",
            when,
            f"http://{fr.host}/img/e.jpg",
            "actualites",
            "charset",
        )
        self.posts[site.host].append(self.malformed)
        self.posts[fr.host].append(self.mischarset)

    def _build_parse_faults(self) -> None:
        """Stories in ru/zh/ja on their origins, and Babel Mirror's faulty copies (own RNG, so the
        rest of the web is the same with or without them)."""
        rng = random.Random(f"{self.seed}:parse-faults")
        self.fault_info: dict[str, dict[str, Any]] = {}  # url -> how the page is broken (truth)
        copies = Counter(
            p.story.id for posts in self.posts.values() for p in posts if p.is_copy and p.story
        )
        english = [s for s in self.stories if s.language == "en" and copies[s.id] < 4]
        intl: dict[str, Story] = {}
        for k, (language, host) in enumerate(INTL_ORIGINS.items()):
            site = BY_HOST[host]
            draft = self._unique_draft(partial(intl_story, rng, language), self._titles)
            published = (
                BASE_TIME - timedelta(hours=6 * k + 2, minutes=rng.randint(0, 59))
            ).astimezone(_tz(site.utc_offset_hours))
            slug = f"{draft.topic}-{rng.randint(1000, 9999)}"
            story = Story(
                f"s{len(self.stories) + 1:05d}",
                draft,
                language,
                site,
                f"http://{host}/news/{published:%Y/%m/%d}/{slug}",
                slug,
                published,
                published + timedelta(hours=rng.choice([0, 1])),
                f"http://{host}/images/{slug}.jpg",
                "news",
            )
            self.stories.append(story)
            intl[language] = story
            self.posts[host].append(
                Post(
                    site=site,
                    url=story.url,
                    slug=slug,
                    title=draft.title,
                    paragraphs=list(draft.paragraphs),
                    authors=list(draft.authors),
                    published=story.published,
                    modified=story.modified,
                    image=story.image,
                    language=language,
                    category="news",
                    story=story,
                    topic=draft.topic,
                )
            )
        babel = BY_HOST[BABEL]

        def copy(story: Story, fault: str, keep: int | None = None) -> None:
            n = len(self.posts[BABEL]) + 1
            when = (story.published + timedelta(hours=rng.randint(1, 30))).astimezone(
                _tz(babel.utc_offset_hours)
            )
            post = Post(
                site=babel,
                url=f"http://{BABEL}/{story.language}/{n:03d}-{story.slug}.html",
                slug=story.slug,
                title=story.draft.title,
                paragraphs=list(story.draft.paragraphs[:keep]),
                authors=list(story.draft.authors),
                published=when,
                modified=when,
                image=story.image,
                language=story.language,
                category="mirror",
                story=story,
                is_copy=True,
                transformations=["truncate" if keep else "verbatim"],
                hostile=fault,
                topic=story.draft.topic,
            )
            # Its one attribution: the publisher's name linked to its home page, above the body
            # (so a cut page keeps it). No URL: the copy must find its story by its text.
            origin = story.site
            post.attribution = {
                "family": "source-line",
                "text": f"Source: {origin.name}",
                "html": f'<p class="source">Source: <a href="{origin.home}">{escape(origin.name)}</a></p>',
                "placement": "before-body",
                "origin_domain": origin.host.removeprefix("www."),
                "origin_name": origin.name,
                "origin_url": None,
            }
            self.posts[BABEL].append(post)
            if fault in faults.CHARSET_FAULTS:
                _, encoding, header, meta = faults.CHARSET_FAULTS[fault]
                info = {"bytes": encoding, "header": header, "meta": meta, "expect": "item"}
            else:
                info = {"bytes": "utf-8", "header": "utf-8", "meta": "utf-8", "expect": "item"}
            self.fault_info[post.url] = info

        for fault, (language, *_) in faults.CHARSET_FAULTS.items():
            copy(intl[language], fault)
        rng.shuffle(english)
        for fault, story in zip(faults.MARKUP_FAULTS, english, strict=False):
            keep = max(3, len(story.draft.paragraphs) * 2 // 3) if fault == "cut-mid-tag" else None
            copy(story, fault, keep)
        self._undecidable = faults.undecidable(
            rng, {lang: list(s.draft.paragraphs) for lang, s in intl.items()}
        )

    # --- pages ----------------------------------------------------------------------------------

    def _add(
        self,
        url: str,
        kind: str,
        serve: Callable[[], Response],
        post: Post | None = None,
        **extra: Any,
    ) -> None:
        self.pages[url] = Page(url, kind, serve, post, extra)

    def _nav(self, site: SiteInfo) -> str:
        links = {
            "seedlike": [(f"/category/{c}/", c.replace("-", " ").title()) for c in SEED_CATEGORIES]
            + [("/about-us/", "About"), ("/contact/", "Contact")],
            "wordpress": [
                ("/", "Home"),
                ("/category/news/", "News"),
                ("/tag/community/", "Community"),
                ("/2026/11/", "November 2026"),
                ("/about/", "About"),
                ("/contact/", "Contact"),
            ],
            "french": [
                ("/", "Accueil"),
                ("/rubrique/actualites/", "Actualités"),
                ("/a-propos/", "À propos"),
                ("/contact/", "Contact"),
            ],
            "jsapp": [("/", "Home"), ("/about", "About"), ("/contact", "Contact")],
            "roundup": [("/", "Home"), ("/about/", "About"), ("/contact.html", "Contact")],
        }.get(site.template, [("/", "Home"), ("/about/", "About"), ("/contact/", "Contact")])
        return " ".join(
            f'<a href="http://{site.host}{href}">{escape(label)}</a>' for href, label in links
        )

    def _related(self, post: Post) -> list[Post]:
        """The other posts an aggregator's article page links: teasers, related posts, sidebar."""
        site = post.site
        if site.role == "origin" or site.template == "jsapp":
            return []
        pool = self._normal[site.host]
        rng = random.Random(f"{self.seed}:{post.url}")
        picks = [p for p in rng.sample(pool, min(5, len(pool))) if p is not post][:4]
        return picks[:3] if site.template in ("wordpress", "french") else picks

    def _page_boilerplate(self, post: Post) -> list[str]:
        """Template strings of this article page that a correct extractor leaves out."""
        out = list(post.boilerplate)
        for other in self._related(post):
            out.append(other.title)
            if post.site.template == "seedlike":
                out.append(tpl.teaser_excerpt(other))
        story_text = "\n".join(post.paragraphs)
        return [b for b in dict.fromkeys(out) if b not in story_text]

    def _transformed(self, post: Post) -> bool:
        """Whether the metamorphic switches touch this article page: not Babel Mirror's (the fault
        corpus) nor the other hostile pages."""
        return bool(self.metamorphic) and not post.hostile and post.site.host != BABEL

    def _dressing(self, post: Post) -> mm.Dressing:
        found = self._dressings.get(post.url)
        if found is None:
            network = [
                p
                for host, posts in self._normal.items()
                if BY_HOST[host].role == "aggregator" and host != BABEL
                for p in posts
                if p.is_copy
            ]
            publishers = [s for s in SITES if s.role == "origin"]
            found = mm.dress(post, self.metamorphic, self.seed, network, publishers)
            self._dressings[post.url] = found
        return found

    def inserted(self, url: str) -> tuple[str, ...]:
        """Every text the metamorphic switches put on the article page at ``url`` (widget titles,
        excerpts and attribution lines, the site's paragraph, noise, captions and credits): text
        that no story's text may contain."""
        page = self.pages.get(url)
        if page is None or page.post is None or not self._transformed(page.post):
            return ()
        return self._dressing(page.post).texts

    def seeds(self) -> list[str]:
        """Every site's home page: the crawl's start URLs, in a shuffled order under T4."""
        return self._order("seeds", [s.home for s in SITES])

    def _order(self, key: str, items: Sequence[T]) -> list[T]:
        """``items`` in their own order, or (T4) shuffled by the seed and ``key``."""
        out = list(items)
        if Transform.ORDER in self.metamorphic:
            random.Random(f"{self.seed}:{Transform.ORDER}:{key}").shuffle(out)
        return out

    def _article_html(self, post: Post) -> str:
        site = post.site
        template = site.template
        plain = post
        if self._transformed(post):
            post = self._dressing(post).post
            if Transform.THEME in self.metamorphic:
                template = mm.THEME_SWAP.get(template, template)
        if site.role == "origin":
            return tpl.origin_article(post, template)
        pick = self._related(plain)
        nav = self._nav(site)
        if template == "seedlike":
            return tpl.seedlike_article(post, pick, nav)
        if template == "wordpress":
            return tpl.wordpress_article(post, pick, nav, self._post_ids[post.url])
        if template == "french":
            return tpl.french_article(post, pick, nav)
        if template == "jsapp":
            return tpl.jsapp_shell(post)
        if template == "babel":
            return tpl.babel_article(post, nav)
        return tpl.roundup_article(post, pick, nav)

    def _listing(
        self,
        site: SiteInfo,
        title: str,
        posts: list[Post],
        next_url: str | None,
        body_class: str = "archive",
        extra_head: str = "",
    ) -> Response:
        key = f"{site.host}|{title}|{next_url}|{posts[0].url if posts else ''}"
        body = tpl.listing_items(self._order(key, posts)) + self._widgets.get(site.host, "")
        if next_url:
            body += (
                f'<nav class="pagination"><a class="next" href="{next_url}">Next &raquo;</a></nav>'
            )
            extra_head += f'<link rel="next" href="{next_url}">'
        return _html(tpl.page_shell(site, title, body, self._nav(site), extra_head, body_class))

    def _taxonomy(self, site: SiteInfo, posts: list[Post]) -> None:
        """Paginated category, tag and monthly archive pages, and a widget linking them all."""
        category, tag, archive, more = SCHEMES[site.template]
        h = f"http://{site.host}"
        months = MOIS_FR if site.language == "fr" else MONTHS_EN
        links: list[str] = []
        groups: list[tuple[str, str, dict[str, list[Post]]]] = []
        if category is not None:
            by_category: dict[str, list[Post]] = (
                {"world": [], "local": [], "business": []}
                if site.template == "origin-paper"
                else {}
            )
            for p in posts:
                by_category.setdefault(p.category, []).append(p)
            groups.append(("category", category, by_category))
        by_tag: dict[str, list[Post]] = {}
        by_month: dict[str, list[Post]] = {}
        for p in posts:
            by_tag.setdefault(p.topic, []).append(p)
            by_month.setdefault(f"{p.published:%Y-%m}", []).append(p)
        groups += [("tag", tag, by_tag), ("archive", archive, by_month)]
        for kind, scheme, grouped in groups:
            for key, items in grouped.items():
                y, _, m = key.partition("-")
                first = h + scheme.format(key=key, y=y, m=m)
                if kind == "archive":
                    title = f"{months[int(m) - 1]} {y}"
                elif kind == "tag":
                    title = ("Mot-clé : " if site.language == "fr" else "Tag: ") + key
                else:
                    title = key.replace("-", " ").title()
                links.append(f'<li class="{kind}"><a href="{first}">{escape(title)}</a></li>')
                if first not in self.pages:
                    self._paginate(site, items, first, partial(_nth, first, more), kind, title)
        links = self._order(f"{site.host}|taxonomy", links)
        self._widgets[site.host] = f'<aside class="widgets"><ul>{"".join(links)}</ul></aside>'

    def _static(self, site: SiteInfo, title: str, text: str, extra: str = "") -> Response:
        return _html(
            tpl.page_shell(
                site, title, f"<p>{escape(text)}</p>{extra}", self._nav(site), body_class="page"
            )
        )

    def _feed_rss(self, site: SiteInfo, posts: list[Post]) -> Response:
        items = "".join(
            f"<item><title>{escape(p.title)}</title><link>{p.url}</link>"
            f'<guid isPermaLink="true">{p.url}</guid>'
            f"<pubDate>{p.published.strftime('%a, %d %b %Y %H:%M:%S %z')}</pubDate></item>"
            for p in self._order(f"{site.host}|rss", posts[:20])
        )
        return _xml(
            f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>{escape(site.name)}</title><link>{site.home}</link>{items}</channel></rss>",
            "application/rss+xml; charset=utf-8",
        )

    def _feed_atom(self, site: SiteInfo, posts: list[Post]) -> Response:
        entries = "".join(
            f'<entry><title>{escape(p.title)}</title><link rel="alternate" href="{p.url}"/>'
            f"<id>{p.url}</id><updated>{p.modified.isoformat()}</updated></entry>"
            for p in self._order(f"{site.host}|atom", posts[:20])
        )
        return _xml(
            f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{escape(site.name)}</title><id>{site.home}</id>{entries}</feed>",
            "application/atom+xml; charset=utf-8",
        )

    def _urlset(self, urls: list[str]) -> str:
        key = f"urlset|{urls[0] if urls else ''}|{len(urls)}"
        locs = "".join(f"<url><loc>{u}</loc></url>" for u in self._order(key, urls))
        return (
            f'<?xml version="1.0" encoding="UTF-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
        )

    def _index(self, urls: list[str]) -> str:
        key = f"index|{urls[0] if urls else ''}"
        locs = "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in self._order(key, urls))
        return (
            f'<?xml version="1.0" encoding="UTF-8"?>'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</sitemapindex>'
        )

    def _robots(self, site: SiteInfo, lines: str) -> None:
        url = f"http://{site.host}/robots.txt"
        self._add(url, "robots", lambda: (200, {"Content-Type": "text/plain"}, lines.encode()))

    def _paginate(
        self,
        site: SiteInfo,
        posts: list[Post],
        first: str,
        nth: Callable[[int], str],
        kind: str,
        title: str,
        body_class: str = "archive",
    ) -> None:
        chunks = [posts[i : i + PER_PAGE] for i in range(0, len(posts), PER_PAGE)] or [[]]
        for n, chunk in enumerate(chunks, start=1):
            url = first if n == 1 else nth(n)
            next_url = nth(n + 1) if n < len(chunks) else None
            self._add(
                url,
                kind,
                partial(self._listing, site, f"{title} – page {n}", chunk, next_url, body_class),
            )

    def _build_pages(self) -> None:
        self._widgets: dict[str, str] = {}
        self._normal: dict[str, list[Post]] = {}
        self._post_ids: dict[str, int] = {}
        for site in SITES:
            posts = self.posts[site.host]
            normal = [p for p in posts if not p.hostile]
            self._normal[site.host] = normal
            self._post_ids.update((p.url, 1000 + i) for i, p in enumerate(posts))
            for post in posts:
                self._add(post.url, "article", self._serve_article(post), post)
            getattr(self, f"_pages_{site.template.replace('-', '_')}", self._pages_origin)(
                site, normal
            )
            self._taxonomy(site, normal)

    def _serve_article(self, post: Post) -> Callable[[], Response]:
        if post.url in self.fault_info:
            return partial(self._serve_fault, post)
        if post.hostile == "malformed":

            def malformed() -> Response:
                html = self._article_html(post)
                cut = html.replace("<p>", "<p>\x00", 2).replace("</p>", "", 3)
                return 200, {"Content-Type": HTML}, cut[: int(len(cut) * 0.93)].encode()

            return malformed
        if post.hostile == "charset":
            return lambda: (
                200,
                {"Content-Type": HTML},
                self._article_html(post).encode("cp1252", "replace"),
            )
        return lambda: _html(self._article_html(post))

    def _serve_fault(self, post: Post) -> Response:
        fault = post.hostile or ""
        if fault in faults.CHARSET_FAULTS:
            served = faults.mislabel(self._article_html(post), fault)
        else:
            # Rendered whole: a cut copy is cut from the full page.
            assert post.story is not None
            whole = replace(post, paragraphs=list(post.story.draft.paragraphs))
            served = faults.break_markup(self._article_html(whole), fault, len(post.paragraphs))
        return 200, {"Content-Type": served.content_type}, served.body

    def _pages_babel(self, site: SiteInfo, posts: list[Post]) -> None:
        h = f"http://{site.host}"
        copies = self.posts[site.host]  # all of them faulty: none is in ``posts``
        unusable = {
            "nul-only": (f"{h}/misc/blank.html", faults.nul_only),
            "charset-undecidable": (f"{h}/misc/mixed-encodings.html", lambda: self._undecidable),
        }
        for fault, (url, make) in unusable.items():
            self._add(url, "hostile", partial(self._serve_served, make), None, hostile=fault)
            self.fault_info[url] = {"expect": "skipped"}
        links = "".join(
            f'<p><a href="{url}">{fault}</a></p>' for fault, (url, _) in unusable.items()
        )
        self._add(
            site.home,
            "home",
            lambda: _html(
                tpl.page_shell(
                    site,
                    site.name,
                    tpl.listing_items(self._order(f"{site.host}|home", copies)) + links,
                    self._nav(site),
                    "",
                    "home",
                )
            ),
        )
        self._add(f"{h}/about/", "about", lambda: self._static(site, "About", "We mirror news."))
        self._add(f"{h}/contact/", "contact", lambda: self._static(site, "Contact", "Write to us."))
        self._add(f"{h}/rss.xml", "feed", lambda: self._feed_rss(site, copies))
        self._robots(site, "User-agent: *\nDisallow:\n")

    @staticmethod
    def _serve_served(make: Callable[[], faults.Served]) -> Response:
        served = make()
        return 200, {"Content-Type": served.content_type}, served.body

    def _pages_origin(self, site: SiteInfo, posts: list[Post]) -> None:
        rss = f"http://{site.host}/rss.xml"
        self._paginate(
            site,
            posts,
            site.home,
            lambda n: f"http://{site.host}/?page={n}",
            "home",
            f"{site.name}",
            "home",
        )
        self._add(rss, "feed", lambda: self._feed_rss(site, posts))
        self._add(
            f"http://{site.host}/sitemap.xml",
            "sitemap",
            lambda: _xml(self._urlset([p.url for p in posts])),
        )
        self._add(
            f"http://{site.host}/about/",
            "about",
            lambda: self._static(site, "About", f"{site.name} publishes original reporting."),
        )
        self._add(
            f"http://{site.host}/contact/",
            "contact",
            lambda: self._static(site, "Contact", "Write to the newsroom."),
        )
        self._robots(site, "User-agent: *\nDisallow:\n")

    def _pages_seedlike(self, site: SiteInfo, posts: list[Post]) -> None:
        h = f"http://{site.host}"
        self._add(
            site.home,
            "home",
            lambda: self._listing(
                site,
                "Latest News",
                posts[:PER_PAGE],
                None,
                "home",
                f'<link rel="alternate" type="application/rss+xml" href="{h}/feed/">',
            ),
        )
        for cat in SEED_CATEGORIES:
            in_cat = [p for p in posts if p.category == cat]
            self._paginate(
                site,
                in_cat,
                f"{h}/category/{cat}/",
                partial("{}/category/{}/page/{}/".format, h, cat),
                "category",
                cat.replace("-", " ").title(),
            )
            real = max(1, (len(in_cat) + PER_PAGE - 1) // PER_PAGE)
            last_real = f"{h}/category/{cat}/page/{real}/" if real > 1 else f"{h}/category/{cat}/"
            # The trap: the last real page still offers "Next", and so does every page after it.
            trap = f"{h}/category/{cat}/page/{real + 1}/"
            self.pages[last_real].serve = partial(
                self._listing, site, "Archive", in_cat[(real - 1) * PER_PAGE :], trap
            )
            self._add(trap, "trap", lambda: _html(""), None, pattern=f"{h}/category/{cat}/page/N/")
        self._add(
            f"{h}/about-us/",
            "about",
            lambda: self._static(
                site,
                "About us",
                "We collect the market news that matters to you.",
                f'<p><a href="{h}/downloads/annual-report/">Annual report</a> '
                f'<a href="{h}/downloads/full-archive/">Full archive</a></p>',
            ),
        )
        self._add(
            f"{h}/contact/", "contact", lambda: self._static(site, "Contact", "Email the editors.")
        )
        self._add(f"{h}/feed/", "feed", lambda: self._feed_rss(site, posts))
        self._add(
            f"{h}/sitemap_index.xml",
            "sitemap",
            lambda: _xml(self._index([f"{h}/post-sitemap.xml", f"{h}/page-sitemap.xml"])),
        )
        self._add(
            f"{h}/post-sitemap.xml", "sitemap", lambda: _xml(self._urlset([p.url for p in posts]))
        )
        self._add(
            f"{h}/page-sitemap.xml",
            "sitemap",
            lambda: _xml(self._urlset([f"{h}/about-us/", f"{h}/contact/"])),
        )
        self._add(
            f"{h}/downloads/annual-report/",
            "hostile",
            lambda: (0, {}, b""),
            None,
            hostile="oversized",
            length=True,
        )
        self._add(
            f"{h}/downloads/full-archive/",
            "hostile",
            lambda: (0, {}, b""),
            None,
            hostile="oversized",
            length=False,
        )
        self._robots(site, f"User-agent: *\nDisallow: /wp-admin/\nSitemap: {h}/sitemap_index.xml\n")

    def _pages_wordpress(self, site: SiteInfo, posts: list[Post]) -> None:
        h = f"http://{site.host}"
        head = (
            f'<link rel="alternate" type="application/rss+xml" href="{h}/feed/">'
            f'<link rel="https://api.w.org/" href="{h}/wp-json/">'
        )
        private = [p for p in posts if p.is_copy][:2]
        chunks = [posts[i : i + PER_PAGE] for i in range(0, len(posts), PER_PAGE)]
        for n, chunk in enumerate(chunks, start=1):
            url = site.home if n == 1 else f"{h}/page/{n}/"
            nx = f"{h}/page/{n + 1}/" if n < len(chunks) else None
            extra = (
                "".join(
                    f'<p><a href="{h}/private/{p.slug}/">Members: {escape(p.title)}</a></p>'
                    for p in private
                )
                if n == 1
                else ""
            )
            self._add(
                url,
                "home",
                partial(self._wp_home, site, chunk, nx, extra, head),
            )
        for p in private:
            self._add(f"{h}/private/{p.slug}/", "disallowed", partial(self._article_response, p))
        own = [p for p in posts if not p.is_copy]
        self._add(
            f"{h}/tag/community/", "tag", lambda: self._listing(site, "Community", own[:20], None)
        )
        self._add(
            f"{h}/about/",
            "about",
            lambda: self._static(
                site, "About", "Heartland Briefs gathers news from across the region."
            ),
        )
        self._add(
            f"{h}/contact/", "contact", lambda: self._static(site, "Contact", "Use the form below.")
        )
        self._add(f"{h}/feed/", "feed", lambda: self._feed_rss(site, posts))
        half = (len(posts) + 1) // 2
        self._add(
            f"{h}/wp-sitemap.xml",
            "sitemap",
            lambda: _xml(
                self._index(
                    [f"{h}/wp-sitemap-posts-post-1.xml", f"{h}/wp-sitemap-posts-post-2.xml.gz"]
                )
            ),
        )
        self._add(
            f"{h}/wp-sitemap-posts-post-1.xml",
            "sitemap",
            lambda: _xml(self._urlset([p.url for p in posts[:half]])),
        )
        self._add(
            f"{h}/wp-sitemap-posts-post-2.xml.gz",
            "sitemap",
            lambda: (
                200,
                {"Content-Type": "application/gzip"},
                gzip.compress(self._urlset([p.url for p in posts[half:]]).encode(), mtime=0),
            ),
        )
        self._add(
            f"{h}/wp-json/",
            "api",
            lambda: _xml(
                json.dumps(
                    {"name": site.name, "namespaces": ["wp/v2"], "routes": {"/wp/v2/posts": {}}}
                ),
                "application/json; charset=UTF-8",
            ),
        )
        self._add(f"{h}/wp-json/wp/v2/posts", "api", lambda: self._wp_posts(site, posts, {}))
        self._add(f"{h}/go/a", "redirect", lambda: (302, {"Location": f"{h}/go/b"}, b""))
        self._add(f"{h}/go/b", "redirect", lambda: (302, {"Location": f"{h}/go/a"}, b""))
        self._add(f"{h}/missing-page/", "error", lambda: _html("<h1>Not found</h1>", 404))
        self._add(f"{h}/server-error/", "error", lambda: _html("<h1>Internal error</h1>", 500))
        self._add(
            f"{h}/calendar/?month=2026-11",
            "trap",
            lambda: self._calendar(site, 2026, 11),
            pattern=f"{h}/calendar/?month=YYYY-MM",
        )
        self._robots(site, "User-agent: *\nDisallow: /private/\nDisallow: /wp-admin/\n")
        self._wp_posts_list = posts

    def _wp_home(
        self, site: SiteInfo, posts: list[Post], next_url: str | None, extra: str, head: str
    ) -> Response:
        more = f'<a class="next" href="{next_url}">Older posts</a>' if next_url else ""
        key = f"{site.host}|home|{next_url}"
        body = tpl.listing_items(self._order(key, posts)) + extra + more
        return _html(tpl.page_shell(site, site.name, body, self._nav(site), head, "home blog"))

    def _article_response(self, post: Post) -> Response:
        return _html(self._article_html(post))

    def _js_story(self, post: Post) -> Response:
        data = {
            "title": post.title,
            "authors": post.authors,
            "published": post.published.isoformat(),
            "date_text": tpl.human_date(post.published, "en"),
            "paragraphs": post.paragraphs,
            "attribution": (post.attribution or {}).get("js"),
        }
        if self._transformed(post) and self.metamorphic & mm.BODY:
            data["body_html"] = tpl.body_html(mm.body_only(self._dressing(post).post, post))
        return 200, {"Content-Type": "application/json"}, json.dumps(data).encode()

    def _wp_posts(self, site: SiteInfo, posts: list[Post], query: dict[str, list[str]]) -> Response:
        per_page = min(100, int((query.get("per_page") or ["10"])[0] or 10))
        page = int((query.get("page") or ["1"])[0] or 1)
        total_pages = max(1, (len(posts) + per_page - 1) // per_page)
        if page > total_pages or page < 1:
            return (
                400,
                {"Content-Type": "application/json"},
                b'{"code":"rest_post_invalid_page_number"}',
            )
        chunk = posts[(page - 1) * per_page : page * per_page]
        data = [
            {
                "id": self._post_ids[p.url],
                "date": p.published.replace(tzinfo=None).isoformat(),
                "date_gmt": p.published.astimezone(UTC).replace(tzinfo=None).isoformat(),
                "modified": p.modified.replace(tzinfo=None).isoformat(),
                "modified_gmt": p.modified.astimezone(UTC).replace(tzinfo=None).isoformat(),
                "slug": p.slug,
                "link": p.url,
                "title": {"rendered": escape(p.title)},
                "content": {"rendered": "".join(f"<p>{escape(x)}</p>" for x in p.paragraphs)},
                "excerpt": {"rendered": f"<p>{escape(p.paragraphs[0][:100])}</p>"},
                "author": 1,
            }
            for p in chunk
        ]
        return (
            200,
            {
                "Content-Type": "application/json; charset=UTF-8",
                "X-WP-Total": str(len(posts)),
                "X-WP-TotalPages": str(total_pages),
            },
            json.dumps(data).encode(),
        )

    def _calendar(self, site: SiteInfo, year: int, month: int) -> Response:
        prev_y, prev_m = (year, month - 1) if month > 1 else (year - 1, 12)
        next_y, next_m = (year, month + 1) if month < 12 else (year + 1, 1)
        h = f"http://{site.host}/calendar/"
        body = (
            f'<p>No events this month.</p><a href="{h}?month={prev_y}-{prev_m:02d}">&laquo; Previous</a> '
            f'<a href="{h}?month={next_y}-{next_m:02d}">Next &raquo;</a>'
        )
        return _html(tpl.page_shell(site, f"Events {year}-{month:02d}", body, self._nav(site)))

    def _pages_jsapp(self, site: SiteInfo, posts: list[Post]) -> None:
        h = f"http://{site.host}"
        self._add(
            site.home,
            "home",
            lambda: self._listing(
                site,
                "Newsflash",
                posts,
                None,
                "home",
                f'<link rel="alternate" type="application/atom+xml" href="{h}/atom.xml">',
            ),
        )
        self._add(
            f"{h}/about", "about", lambda: self._static(site, "About", "Fast news for busy people.")
        )
        self._add(
            f"{h}/contact",
            "contact",
            lambda: self._static(site, "Contact", "Tips and corrections: use the form below."),
        )
        self._add(f"{h}/atom.xml", "feed", lambda: self._feed_atom(site, posts))
        self._add(f"{h}/sitemap.xml", "sitemap", lambda: _xml(self._urlset([p.url for p in posts])))
        self._add(
            f"{h}/static/app.js",
            "asset",
            lambda: (
                200,
                {"Content-Type": "application/javascript"},
                (tpl.APP_JS_RICH if self.metamorphic else tpl.APP_JS).encode(),
            ),
        )
        for p in posts:
            self._add(
                f"{h}/api/stories/{p.slug}.json",
                "asset",
                partial(self._js_story, p),
            )
        self._robots(site, "User-agent: *\nDisallow:\n")

    def _pages_french(self, site: SiteInfo, posts: list[Post]) -> None:
        h = f"http://{site.host}"
        self._add(
            site.home,
            "home",
            lambda: self._listing(
                site, "À la une", [*posts[:PER_PAGE], self.mischarset], None, "home"
            ),
        )
        self._paginate(
            site,
            posts,
            f"{h}/rubrique/actualites/",
            lambda n: f"{h}/rubrique/actualites/?page={n}",
            "category",
            "Actualités",
        )
        self._add(
            f"{h}/a-propos/",
            "about",
            lambda: self._static(site, "À propos", "Actu Miroir relaie l’actualité."),
        )
        self._add(
            f"{h}/contact/", "contact", lambda: self._static(site, "Contact", "Écrivez-nous.")
        )
        self._add(f"{h}/rss.xml", "feed", lambda: self._feed_rss(site, [*posts, self.mischarset]))
        self._add(
            f"{h}/sitemap.xml",
            "sitemap",
            lambda: _xml(self._urlset([*(p.url for p in posts), self.mischarset.url])),
        )
        self._robots(site, "User-agent: *\nDisallow:\n")

    def _pages_roundup(self, site: SiteInfo, posts: list[Post]) -> None:
        h = f"http://{site.host}"
        self._add(
            site.home,
            "home",
            lambda: self._listing(
                site, "Top headlines", [*posts[:PER_PAGE], self.malformed], None, "home"
            ),
        )
        self._add(
            f"{h}/about/",
            "about",
            lambda: self._static(site, "About", "All the headlines, all day."),
        )
        self._add(
            f"{h}/contact.html",
            "contact",
            lambda: self._static(site, "Contact", "Send removal requests to the webmaster."),
        )
        self._add(f"{h}/rss.xml", "feed", lambda: self._feed_rss(site, posts))
        self._add(
            f"{h}/sitemap_index.xml",
            "sitemap",
            lambda: _xml(self._index([f"{h}/sitemap-1.xml.gz"])),
        )
        self._add(
            f"{h}/sitemap-1.xml.gz",
            "sitemap",
            lambda: (
                200,
                {"Content-Type": "application/gzip"},
                gzip.compress(self._urlset([p.url for p in posts]).encode(), mtime=0),
            ),
        )
        self._robots(site, f"User-agent: *\nDisallow:\nSitemap: {h}/sitemap_index.xml\n")

    # --- serving --------------------------------------------------------------------------------

    def fetch(self, url: str) -> Response:
        """(status, headers, body) for ``url``; oversized pages are served by the server itself."""
        page = self.pages.get(url)
        parts = urlsplit(url)
        host = parts.hostname or ""
        if self.js.serves(host):
            return self.js.fetch(url)
        site = BY_HOST.get(host)
        if site is None:
            return 502, {"Content-Type": "text/plain"}, f"unknown host {host}\n".encode()
        if page is not None and page.kind != "trap":
            response = page.serve()
            if self.chrome and page.kind == "article" and not site.needs_browser:
                response = _dressed(response, url, site, page.post)
            return response
        query = parse_qs(parts.query)
        if site.template == "wordpress" and parts.path == "/wp-json/wp/v2/posts":
            return self._wp_posts(site, self._wp_posts_list, query)
        if site.template == "wordpress" and parts.path == "/calendar/":
            month = (query.get("month") or ["2026-11"])[0]
            try:
                year, mon = (int(x) for x in month.split("-"))
                if not 1 <= mon <= 12:
                    raise ValueError(month)
            except ValueError:
                return _html("<h1>Bad month</h1>", 400)
            return self._calendar(site, year, mon)
        if (
            site.template == "seedlike"
            and parts.path.startswith("/category/")
            and "/page/" in parts.path
        ):
            title = "Archive"
            teasers = self.posts[host][:3]
            nxt = int(parts.path.rstrip("/").rsplit("/", 1)[-1]) + 1
            base = parts.path.rsplit("/page/", 1)[0]
            return self._listing(
                site, title, teasers if nxt % 2 else [], f"http://{host}{base}/page/{nxt}/"
            )
        if page is not None:
            return page.serve()
        return _html("<h1>Not found</h1>", 404)

    def oversized(self, url: str) -> tuple[int, bool] | None:
        """(size, send Content-Length) if ``url`` is one of the oversized pages."""
        page = self.pages.get(url)
        if page is not None and page.extra.get("hostile") == "oversized":
            return OVERSIZE_BYTES, bool(page.extra.get("length"))
        return None

    # --- truth ----------------------------------------------------------------------------------

    def truth(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "stories_count": self.stories_count,
            "sites": [
                {
                    "domain": s.host,
                    "name": s.name,
                    "role": s.role,
                    "language": s.language,
                    "home": s.home,
                    "needs_browser": s.needs_browser,
                    "boilerplate": tpl.BOILERPLATE[s.host],
                }
                for s in SITES
            ],
            "stories": [
                {
                    "id": s.id,
                    "url": s.url,
                    "publisher": s.site.host,
                    "title": s.draft.title,
                    "language": s.language,
                    "published": s.published.isoformat(),
                    "modified": s.modified.isoformat(),
                    "authors": list(s.draft.authors),
                    "paragraphs": list(s.draft.paragraphs),
                    "family": s.draft.family,
                }
                for s in self.stories
            ],
            "pages": [self._truth_page(p) for p in self.pages.values()],
        } | ({"js_sites": self.js.truth()} if self.js.sites else {})

    def _truth_page(self, page: Page) -> dict[str, Any]:
        host = urlsplit(page.url).hostname or ""
        site = BY_HOST[host]
        out: dict[str, Any] = {
            "url": page.url,
            "site": host,
            "kind": page.kind,
            "story": None,
            "is_copy": False,
            "needs_browser": False,
            "hostile": page.extra.get("hostile"),
        }
        if page.extra.get("pattern"):
            out["pattern"] = page.extra["pattern"]
        if page.url in self.fault_info:
            out["fault"] = self.fault_info[page.url]
        post = page.post
        if post is None or page.kind != "article":
            return out
        a = post.attribution
        out.update(
            {
                "story": post.story.id if post.story else None,
                "is_copy": post.is_copy,
                "needs_browser": site.needs_browser,
                "hostile": post.hostile,
                "title": post.title,
                "published": post.published.isoformat(),
                # Only these templates publish a modification date.
                "modified": post.modified.isoformat()
                if site.template in ("origin-wire", "origin-fr", "seedlike")
                else None,
                # dailymarketmirror.net's template shows no byline: nothing to extract.
                "authors": [] if site.template == "seedlike" else post.authors,
                "language": post.language,
                "image": post.image,
                "paragraphs": post.paragraphs,
                "boilerplate": self._page_boilerplate(post),
                "transformations": post.transformations,
                "attribution": None
                if a is None
                else {
                    "family": a["family"],
                    "text": a.get("text"),
                    "placement": a["placement"],
                    "origin_domain": a["origin_domain"],
                    "origin_name": a["origin_name"],
                    "origin_url": a.get("origin_url"),
                },
            }
        )
        return out
