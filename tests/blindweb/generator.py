"""Plan the web for a seed: which aggregator copies which original, how it credits it, its own posts,
chained copies, duplicates, dates, ids and URLs, and each post's body. Rendering lives in render.py."""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

from tests.blindweb import ownposts
from tests.blindweb.domains import registrable_domain
from tests.blindweb.model import Block, CreditRecord, Original, Post, Web
from tests.blindweb.realweb import DEFAULT_REALWEB, load_originals
from tests.blindweb.sites import SITES, SiteSpec, site_by_key
from tests.blindweb.wordings import WORDINGS, YOAST_BY_LANG, Credit, esc, render

T = TypeVar("T")

ORIGINAL_COUNT = 150
COPY_COUNT_WEIGHTS = {1: 30, 2: 30, 3: 20, 4: 12, 5: 8}

# Different real articles on one topic (hand-picked from the corpus by reading them): they must stay apart.
HARD_NEGATIVE_PAIRS: tuple[tuple[str, str, str], ...] = (
    (
        "de-EuronewsDE_2026_01_06",
        "de-KlasseGegenKlasse_2026_01_07",
        "US operation in Venezuela and Maduro's capture (German)",
    ),
    (
        "uk-EuronewsEN_2026_01_06",
        "no-Dagbladet_2026_01_06",
        "US strike on Venezuela (English / Norwegian)",
    ),
    (
        "uk-EuronewsEN_2026_01_06",
        "fr-EuronewsFR_2026_01_06",
        "Venezuela after Maduro's capture, same outlet group (English / French)",
    ),
    ("us-Reuters_2024_03_07", "za-DailyMaverick_2025_05_22", "Israel and the Gaza war"),
    (
        "us-APNews_2024_09_03",
        "ca-NationalPost_2024_08_28",
        "2024 US presidential campaign, Kamala Harris",
    ),
    (
        "us-APNews_2024_09_03",
        "us-TheNation_2024_01_11",
        "2024 US presidential race, Republican field",
    ),
    ("ca-GlobalNews_2026_05_24", "us-TheGatewayPundit_2026_07_19", "Russia-Ukraine war, Zelensky"),
    ("be-PoliticoEu_2025_10_23", "uk-BBC_2026_04_25", "NATO and its critics"),
    (
        "uk-TheGuardian_2024_02_24",
        "es-LaVanguardia_2026_07_11",
        "deadly fires in Spain (English / Spanish)",
    ),
    ("uk-BBC_2024_08_01", "za-TimesLive_2025_05_22", "national budgets and fiscal watchdogs"),
)
TOPIC_CLUSTERS: tuple[str, ...] = tuple(
    sorted({k for a, b, _ in HARD_NEGATIVE_PAIRS for k in (a, b)})
)

# (target site, source site, kind of source post, how many): aggregators that take other aggregators' posts.
CHAINS: tuple[tuple[str, str, str, int], ...] = (
    (
        "tbf",
        "dnw",
        "copy",
        12,
    ),  # Feedzy imports Daily News Wire's full-text feed (with its Yoast footer)
    ("tbf", "fr", "copy", 4),  # ... and the French site's feed (Yoast fr_FR footer)
    ("tbf", "cw", "copy", 8),  # ... and Curated Wire's excerpt feed (AIOSEO footer)
    ("idh", "dnw", "copy", 6),  # the content farm scrapes Daily News Wire pages
    (
        "drupal",
        "blog",
        "copy",
        8,
    ),  # the Drupal site copies the Blogger blog, canonical to the blog post
    ("tbf", "dnw", "own", 3),  # network syndication of Daily News Wire's own posts
    ("tbf", "idh", "own", 3),  # ... and of the content farm's own market wraps
)
DUPLICATES: dict[str, int] = {"idh": 4, "blog": 2}  # the same item imported twice


def _sub_rng(seed: int, name: str) -> random.Random:
    return random.Random(f"{seed}:{name}")


def _weighted(rng: random.Random, items: Sequence[tuple[T, float]]) -> T:
    total = sum(w for _, w in items)
    pick = rng.uniform(0, total)
    for item, weight in items:
        pick -= weight
        if pick <= 0:
            return item
    return items[-1][0]


def _weighted_sample(
    rng: random.Random, items: list[tuple[SiteSpec, float]], k: int
) -> list[SiteSpec]:
    pool = list(items)
    out: list[SiteSpec] = []
    while pool and len(out) < k:
        site = _weighted(rng, pool)
        out.append(site)
        pool = [(s, w) for s, w in pool if s is not site]
    return out


def hard_negative_pairs(originals: list[Original]) -> list[tuple[Original, Original, str]]:
    by_key = {o.key: o for o in originals}
    return [
        (by_key[a], by_key[b], why)
        for a, b, why in HARD_NEGATIVE_PAIRS
        if a in by_key and b in by_key
    ]


_SPIN = {
    "says": "claims",
    "said": "stated",
    "warns": "cautions",
    "dig": "swipe",
    "hits": "strikes",
    "amid": "as",
    "big": "major",
    "new": "fresh",
    "slams": "blasts",
    "rises": "climbs",
    "falls": "drops",
    "win": "victory",
    "killed": "dead",
    "plans": "eyes",
    "urges": "calls on",
    "faces": "confronts",
    "reveals": "unveils",
    "after": "following",
    "help": "aid",
    "cuts": "slashes",
}
_SMALL = {
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "by",
    "with",
    "as",
    "vs",
}
_TITLE_VARIANTS: dict[str, tuple[tuple[str, float], ...]] = {
    "dnw": (("keep", 0.9), ("unquote", 0.1)),
    "idh": (("keep", 0.35), ("titlecase", 0.4), ("spin", 0.25)),
    "de": (("keep", 0.85), ("rubric", 0.15)),
    "blog": (("keep", 0.85), ("flag", 0.15)),
    "table": (("keep", 0.7), ("cut", 0.3)),
    "cw": (("keep", 0.75), ("publisher", 0.25)),
    "tbf": (("keep", 0.85), ("spin", 0.15)),
}


def vary_title(
    site: SiteSpec, title: str, publisher: str, category: str, rng: random.Random
) -> str:
    """Titles as aggregators print them: mostly as imported, sometimes title-cased, spun, prefixed,
    cut to a column width, or carrying the publisher like a news-reader feed ("Title - Publisher")."""
    how = _weighted(rng, list(_TITLE_VARIANTS.get(site.key, (("keep", 1.0),))))
    if how == "unquote":
        return re.sub(r"[‘’“”\"']", "", title)
    if how == "titlecase":
        words = title.split(" ")
        return " ".join(
            w if (i and w.lower() in _SMALL) or not w[:1].isalpha() else w[:1].upper() + w[1:]
            for i, w in enumerate(words)
        )
    if how == "spin":
        return re.sub(r"\b(" + "|".join(_SPIN) + r")\b", lambda m: _SPIN[m.group(1)], title)
    if how == "rubric":
        return f"{category}: {title}"
    if how == "flag" and site.lang == "en":
        return rng.choice(["BREAKING: ", "WATCH: ", "UPDATE: "]) + title
    if how == "cut" and len(title) > 60:
        return title[:60].rsplit(" ", 1)[0] + "..."
    if how == "publisher":
        return f"{title} - {publisher}"
    return title


def slugify(title: str, max_len: int = 80) -> str:
    """WordPress-like slug: accents folded, other scripts kept (percent-encoded later)."""
    title = title.replace("’", "").replace("'", "")
    folded = "".join(
        c for c in unicodedata.normalize("NFKD", title) if not unicodedata.combining(c)
    )
    folded = folded.replace("ß", "ss").lower()
    slug = re.sub(r"[^\w]+", "-", folded, flags=re.UNICODE).strip("-_")
    slug = slug.replace("_", "-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0]
    return slug or "post"


def ascii_slug(title: str, max_len: int = 40) -> str:
    title = title.replace("’", "").replace("'", "")
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0]
    return slug


def plain_text(html_text: str) -> str:
    text = re.sub(r"<[^>]+>", "", html_text)
    return (
        text.replace("&hellip;", "…")
        .replace("&raquo;", "»")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
    )


def words_excerpt(post: Post, words: int = 55) -> str:
    for block in post.body:
        if block.kind in ("p", "lead", "hellip") and (block.text or block.html):
            text = block.text or plain_text(block.html)
            parts = text.split()
            return " ".join(parts[:words])
    return post.title


class Planner:
    """Builds the posts of the web. ``plan()`` returns the originals and the posts, fully built."""

    def __init__(self, seed: int, realweb: Path) -> None:
        self.seed = seed
        self.realweb = realweb
        self.originals: list[Original] = []
        self.posts: list[Post] = []
        self.hard_negatives: list[tuple[Original, Original, str]] = []

    # ------------------------------------------------------------------ plan
    def plan(self) -> None:
        self.originals = load_originals(
            self.realweb, _sub_rng(self.seed, "originals"), ORIGINAL_COUNT, TOPIC_CLUSTERS
        )
        self.hard_negatives = hard_negative_pairs(self.originals)
        self._direct_copies()
        self._own_posts()
        self._chains()
        self._duplicates()
        self._assign_urls()
        self._build_bodies()

    def site_posts(self, key: str) -> list[Post]:
        return [p for p in self.posts if p.site_key == key]

    # ------------------------------------------------------------------ copies
    def _direct_copies(self) -> None:
        rng = _sub_rng(self.seed, "copies")
        placed: dict[str, set[str]] = {}
        for original in self.originals:
            eligible = [
                (s, s.accepts(original.lang)) for s in SITES if s.accepts(original.lang) > 0
            ]
            k = _weighted(rng, [(n, float(w)) for n, w in COPY_COUNT_WEIGHTS.items()])
            for site in _weighted_sample(rng, eligible, min(k, len(eligible))):
                self._add_copy(original, site, rng)
                placed.setdefault(original.key, set()).add(site.key)
        # Same-topic pairs meet on at least one site, in the same category.
        for a, b, _ in self.hard_negatives:
            common = placed.setdefault(a.key, set()) & placed.setdefault(b.key, set())
            if not common:
                both = [s for s in SITES if s.accepts(a.lang) > 0 and s.accepts(b.lang) > 0]
                if not both:
                    continue
                holding = [s for s in both if s.key in placed[a.key] | placed[b.key]]
                host = holding[0] if holding else rng.choice(both)
                for original in (a, b):
                    if host.key not in placed[original.key]:
                        self._add_copy(original, host, rng)
                        placed[original.key].add(host.key)
                common = {host.key}
            site_key = sorted(common)[0]
            pa = next(p for p in self.posts if p.site_key == site_key and p.source is a)
            pb = next(p for p in self.posts if p.site_key == site_key and p.source is b)
            pb.category = pa.category

    def _add_copy(self, original: Original, site: SiteSpec, rng: random.Random) -> Post:
        style = _weighted(rng, [((w, pl), wt) for w, pl, wt in site.attribution_mix])
        mode = _weighted(rng, list(site.copy_modes))
        category = rng.choice(site.categories)
        post = Post(
            site_key=site.key,
            kind="copy",
            title=vary_title(site, original.title, original.publisher, category.name, rng),
            published=original.published + timedelta(minutes=rng.randint(70, 2600)),
            author=rng.choice(site.authors),
            category=category,
            source=original,
            copy_mode=mode,
            attribution_style=style,
        )
        self.posts.append(post)
        return post

    # ------------------------------------------------------------------ own posts
    def _own_posts(self) -> None:
        rng = _sub_rng(self.seed, "own")
        for site in SITES:
            copies = self.site_posts(site.key)
            start = min(p.published for p in copies) if copies else datetime(2024, 1, 1, tzinfo=UTC)
            end = max(p.published for p in copies) if copies else datetime(2025, 1, 1, tzinfo=UTC)
            span = max(1.0, (end - start).total_seconds())
            series_day = start + timedelta(seconds=span * rng.uniform(0.2, 0.8))
            series_day = series_day.replace(hour=21, minute=5, second=0, microsecond=0)
            for i in range(site.own_count):
                genre = site.own_genres[i % len(site.own_genres)]
                when = start + timedelta(seconds=span * rng.random())
                if genre == "market_wrap":
                    while series_day.weekday() >= 5:
                        series_day += timedelta(days=1)
                    article = ownposts.market_wrap(rng, series_day)
                    when = series_day
                    series_day += timedelta(days=1)
                elif genre == "weather":
                    article = ownposts.weather_note(rng, series_day)
                    when = series_day.replace(hour=6, minute=0)
                    series_day += timedelta(days=1)
                elif genre == "digest":
                    picks = rng.sample(self.originals, 3)
                    when = max(p.published for p in picks) + timedelta(hours=rng.randint(8, 20))
                    picks = [p for p in picks if p.lang == "en"] or picks
                    article = ownposts.digest(rng, when, picks)
                else:
                    article = ownposts.SIMPLE_GENRES[genre](rng)
                self.posts.append(
                    Post(
                        site_key=site.key,
                        kind="own",
                        title=article.title,
                        published=when,
                        author=rng.choice(site.authors),
                        category=rng.choice(site.categories),
                        own=article,
                    )
                )

    # ------------------------------------------------------------------ chains and duplicates
    def _chains(self) -> None:
        rng = _sub_rng(self.seed, "chains")
        for target_key, source_key, kind, count in CHAINS:
            target = site_by_key(target_key)
            on_target = {
                root.source.key
                for root in (p.root() for p in self.site_posts(target_key))
                if root.source is not None
            }
            pool = [
                p
                for p in self.site_posts(source_key)
                if p.kind == kind
                and p.parent is None
                and (p.source is None or p.source.key not in on_target)
                and (p.own is None or p.own.genre != "digest")
            ]
            for parent in rng.sample(pool, min(count, len(pool))):
                if parent.source is not None:
                    on_target.add(parent.source.key)
                category = rng.choice(target.categories)
                title = vary_title(
                    target, parent.title, site_by_key(source_key).name, category.name, rng
                )
                self.posts.append(
                    Post(
                        site_key=target_key,
                        kind="copy",
                        title=title,
                        published=parent.published + timedelta(minutes=rng.randint(25, 900)),
                        author=rng.choice(target.authors),
                        category=category,
                        parent=parent,
                        copy_mode="chain",
                    )
                )

    def _duplicates(self) -> None:
        rng = _sub_rng(self.seed, "dups")
        for key, count in DUPLICATES.items():
            pool = [
                p
                for p in self.site_posts(key)
                if p.kind == "copy" and p.parent is None and p.duplicate_of is None
            ]
            for first in rng.sample(pool, min(count, len(pool))):
                self.posts.append(
                    Post(
                        site_key=key,
                        kind="copy",
                        title=first.title,
                        published=first.published + timedelta(minutes=rng.randint(90, 400)),
                        author=first.author,
                        category=first.category,
                        source=first.source,
                        copy_mode=first.copy_mode,
                        attribution_style=first.attribution_style,
                        duplicate_of=first,
                    )
                )

    # ------------------------------------------------------------------ ids, slugs, URLs
    def _assign_urls(self) -> None:
        rng = _sub_rng(self.seed, "urls")
        for site in SITES:
            posts = sorted(self.site_posts(site.key), key=lambda p: (p.published, p.title))
            next_id = {"blogger": 0, "drupal": 40, "php": 2200}.get(
                site.permalink, 150 + rng.randint(0, 400)
            )
            used: set[str] = set()
            for post in posts:
                if site.permalink == "blogger":
                    post.post_id = rng.randint(10**18, 9 * 10**18)
                else:
                    next_id += (
                        rng.randint(1, 3)
                        if site.permalink in ("drupal", "php")
                        else rng.randint(2, 37)
                    )
                    post.post_id = next_id
                post.slug = self._unique_slug(site, post, used)
                post.url, post.aliases = self._url(site, post)
                post.canonical = post.url
            for index, post in enumerate(reversed(posts)):
                post.index = index

    def _unique_slug(self, site: SiteSpec, post: Post, used: set[str]) -> str:
        if site.permalink == "blogger":
            base = ascii_slug(post.title) or f"blog-post_{post.published.day:02d}"
        elif site.permalink == "drupal":
            base = ascii_slug(post.title, 70) or f"node-{post.post_id}"
        else:
            base = slugify(post.title)
        slug, n = base, 2
        scope = post.published.strftime("%Y/%m/") if site.permalink == "blogger" else ""
        while scope + slug in used:
            slug = f"{base}-{n}" if site.permalink != "blogger" else f"{base}_{n}"
            n += 1
        used.add(scope + slug)
        return slug

    @staticmethod
    def _url(site: SiteSpec, post: Post) -> tuple[str, list[str]]:
        enc = quote(post.slug, safe="-").lower()
        d = post.published
        aliases: list[str] = []
        if site.permalink == "date_slug":
            path = f"/{d:%Y/%m/%d}/{enc}/"
        elif site.permalink == "month_slug":
            path = f"/{d:%Y/%m}/{enc}/"
        elif site.permalink == "postname":
            path = f"/{enc}/"
        elif site.permalink == "section_slug":
            path = f"/{post.category.slug}/{enc}/"
        elif site.permalink == "plain":
            return site.url(f"/?p={post.post_id}"), []
        elif site.permalink == "blogger":
            return site.url(f"/{d:%Y/%m}/{post.slug}.html"), [
                site.url(f"/{d:%Y/%m}/{post.slug}.html?m=1")
            ]
        elif site.permalink == "drupal":
            node = site.url(f"/node/{post.post_id}")
            return site.url(f"/news/{post.slug}"), [node]
        elif site.permalink == "php":
            return site.url(f"/article.php?id={post.post_id}"), []
        else:
            raise ValueError(site.permalink)
        aliases.append(site.url(f"/?p={post.post_id}"))
        aliases.append(site.url(path.rstrip("/")))
        return site.url(path), aliases

    # ------------------------------------------------------------------ bodies
    def _build_bodies(self) -> None:
        rng = _sub_rng(self.seed, "bodies")
        for post in self.posts:
            if post.kind == "own":
                self._own_body(post)
            elif post.duplicate_of is None and post.parent is None:
                self._copy_body(post, rng)
        for post in self.posts:
            if post.duplicate_of is not None:
                first = post.duplicate_of
                post.body = list(first.body)
                post.after_html, post.meta_html = first.after_html, first.meta_html
                if first.canonical != first.url:
                    post.canonical = first.canonical
                post.credits = list(first.credits)
        for post in self.posts:
            if post.parent is not None:
                self._chain_body(post, rng)

    def _own_body(self, post: Post) -> None:
        assert post.own is not None
        article = post.own
        if article.genre == "digest":
            blocks = [Block("p", article.paragraphs[0])]
            for para, (name, url) in zip(article.paragraphs[1:-1], article.links, strict=False):
                head = para[: para.rfind(f"(via {name})")]
                blocks.append(
                    Block("p", para, html=f'{esc(head)}(via <a href="{url}">{esc(name)}</a>)')
                )
            blocks.append(Block("p", article.paragraphs[-1]))
            post.body = blocks
        else:
            post.body = [Block("p", text) for text in article.paragraphs]

    def _original_link(self, original: Original, rng: random.Random) -> str:
        """Copies link the original by its http URL mostly, by its real https URL sometimes."""
        return original.real_url if rng.random() < 0.22 else original.url

    def _copy_body(self, post: Post, rng: random.Random) -> None:
        original = post.source
        assert original is not None
        site = site_by_key(post.site_key)
        blocks = list(original.blocks)
        mode = post.copy_mode
        link = self._original_link(original, rng)
        credits = post.credits
        if mode == "lead_dropped":
            first_text = next(i for i, b in enumerate(blocks) if b.kind in ("lead", "p"))
            del blocks[first_text]
        elif mode == "inserts":
            others = [p for p in self.site_posts(site.key) if p is not post]
            for n, at in enumerate(
                sorted({max(1, len(blocks) // 3), max(2, 2 * len(blocks) // 3)}, reverse=True)
            ):
                other = rng.choice(others)
                if n % 2 == 0:
                    blocks.insert(
                        at,
                        Block(
                            "readalso",
                            html=f'<strong>READ ALSO:</strong> <a href="{other.url}">{esc(other.title)}</a>',
                        ),
                    )
                else:
                    blocks.insert(
                        at,
                        Block(
                            "ad",
                            html=f'<div class="code-block code-block-{n + 2}" style="margin: 8px 0; clear: both;"><span class="ad-label">Advertisement</span><div id="div-gpt-ad-{post.post_id}-{n}" class="ad-slot"></div></div>',
                        ),
                    )
        elif mode.startswith("partial"):
            tail = mode.split(":", 1)[1]
            keep = rng.randint(2, 4)
            kept: list[Block] = []
            for b in blocks:
                kept.append(b)
                if b.kind in ("p", "lead"):
                    keep -= 1
                    if keep == 0:
                        break
            blocks = kept
            if tail == "hellip":
                blocks[-1] = Block("hellip", blocks[-1].text)
            elif tail in WORDINGS:
                credit = Credit(
                    link, original.title, original.publisher, original.home, original.domain
                )
                blocks.append(Block("readmore", html=render(tail, credit)))
                credits.append(CreditRecord(tail, original.domain, WORDINGS[tail].states, True))
        post.body = blocks
        self._attribute(post, original, link)

    def _attribute(self, post: Post, original: Original, link: str) -> None:
        wording, placement = post.attribution_style
        credits = post.credits
        if wording == "none":
            return
        if wording == "canonical":
            post.canonical = link
            credits.append(CreditRecord("canonical", original.domain, True, False))
            return
        site_name = original.publisher
        if wording == "source_yoast":
            wording = YOAST_BY_LANG.get(original.lang, "yoast_en")
            site_name = original.blog_name
        domain_text = original.host.removeprefix("www.")
        line = render(wording, Credit(link, original.title, site_name, original.home, domain_text))
        self._place(post, line, placement, original.published, original.authors)
        credits.append(
            CreditRecord(
                wording,
                original.domain,
                WORDINGS[wording].states,
                placement in ("after", "inline_last", "before"),
            )
        )

    @staticmethod
    def _place(
        post: Post, line: str, placement: str, published: datetime, authors: tuple[str, ...]
    ) -> None:
        if placement == "after":
            post.body.append(Block("attr", html=line))
        elif placement == "before":
            post.body.insert(0, Block("attr", html=line))
        elif placement == "inline_last":
            for i in range(len(post.body) - 1, -1, -1):
                b = post.body[i]
                if b.kind == "p":
                    post.body[i] = Block("p", b.text, html=(b.html or esc(b.text)) + " " + line)
                    break
        elif placement == "div_after":
            post.after_html = (
                line if line.startswith("<div") else f'<div class="source-credit">{line}</div>'
            )
        elif placement == "meta":
            by = (
                f' | <span class="feed-author">By {esc(", ".join(authors))}</span>'
                if authors
                else ""
            )
            post.meta_html = (
                f'<div class="wprss-feed-meta"><span class="feed-source">{line}</span> | '
                f'<span class="feed-date">Published on: {published:%Y-%m-%d}</span>{by}</div>'
            )
        else:
            raise ValueError(placement)

    def _chain_body(self, post: Post, rng: random.Random) -> None:
        parent = post.parent
        assert parent is not None
        source_site = site_by_key(parent.site_key)
        target = post.site_key
        carried = [c for c in parent.credits if c.in_content]
        credits = post.credits
        parent_domain = registrable_domain(source_site.host) or source_site.host
        parent_credit = Credit(
            parent.url,
            parent.title,
            source_site.name,
            source_site.home,
            source_site.host.removeprefix("www."),
        )
        if target == "tbf":
            if source_site.feed_full:
                post.body = list(parent.body)
                credits.extend(carried)
            else:
                post.body = [Block("hellip", words_excerpt(parent))]
            if source_site.feed_footer:
                post.body.append(Block("attr", html=render(source_site.feed_footer, parent_credit)))
                credits.append(CreditRecord(source_site.feed_footer, parent_domain, True, True))
            if rng.random() < 0.6 or not source_site.feed_footer:
                link = parent.url + (
                    f"?utm_source=rss&utm_medium=rss&utm_campaign={parent.slug}"
                    if source_site.feed_utm
                    else ""
                )
                post.body.append(
                    Block(
                        "readmore",
                        html=render(
                            "feedzy_readmore",
                            Credit(link, parent.title, source_site.name, source_site.home, ""),
                        ),
                    )
                )
                credits.append(CreditRecord("feedzy_readmore", parent_domain, True, True))
            post.copy_mode = "chain_feed_full" if source_site.feed_full else "chain_feed_excerpt"
        elif target == "idh":
            post.body = [
                *list(parent.body),
                Block("attr", html=render("farm_domain", parent_credit)),
            ]
            credits.extend(carried)
            credits.append(CreditRecord("farm_domain", parent_domain, True, True))
            post.copy_mode = "chain_scraped"
        elif target == "drupal":
            post.body = list(parent.body)
            post.canonical = parent.url
            credits.extend(carried)
            credits.append(CreditRecord("canonical", parent_domain, True, False))
            post.copy_mode = "chain_canonical"
        else:
            raise ValueError(target)


def generate(seed: int = 1, realweb: Path = DEFAULT_REALWEB) -> Web:
    """Build the whole web for ``seed`` from the realweb corpus at ``realweb``."""
    from tests.blindweb.render import render_web

    planner = Planner(seed, Path(realweb))
    planner.plan()
    return render_web(planner)
