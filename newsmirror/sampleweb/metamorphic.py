"""Metamorphic switches of the sample web: changes that leave every copy a copy of the same story.

Each switch (``Transform``) changes how pages look or in which order links come, never which
article is a copy of which, so a crawl of the transformed web must give the stories, origins and
texts of the plain one (``tests/test_metamorphic.py``). All are off by default; with all off the
web is byte for byte what it was. Every choice comes from a random generator seeded with the web's
seed, the switch and the page's URL: the web's own generator is never drawn from.

``dress(post, ...)`` returns what the switches add to one article page: blocks after its paragraphs
(``Post.inserts``), the network widget (``Post.widget``, placed by the theme), nested wrappers
around the body (``Post.wrappers``) and every text it inserted, which no story text may contain.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from html import escape

from newsmirror.sampleweb.model import Post, SiteInfo


class Transform(StrEnum):
    """One metamorphic switch; its value is the name the issue and ``serve --transform`` use."""

    WIDGET = "T1"  # network widget: 3-6 other posts, each with its own attribution line
    THEME = "T2"  # theme swap: article pages rendered in another site's template
    SITE_PARAGRAPH = "T3"  # one disclaimer / newsletter / affiliate paragraph on every post
    ORDER = "T4"  # seeds, listing, feed and sitemap links in a shuffled order
    NOISE = "T5"  # comments, conditional comments, template, noscript, script, style, wrappers
    CREDITS = "T6"  # photo captions and "Source: <agency>" credits naming other publishers


ALIASES = {
    "widget": Transform.WIDGET,
    "theme": Transform.THEME,
    "disclaimer": Transform.SITE_PARAGRAPH,
    "order": Transform.ORDER,
    "noise": Transform.NOISE,
    "credits": Transform.CREDITS,
}
# Switches that change an article page's body (the JavaScript site then renders it from HTML).
BODY = frozenset({Transform.SITE_PARAGRAPH, Transform.NOISE, Transform.CREDITS})
NESTED_WRAPPERS = 40


def parse(spec: str | Iterable[str | Transform]) -> frozenset[Transform]:
    """``"T1,T3"``, ``"all"``, names (``"widget,noise"``) or an iterable of them."""
    items = spec.split(",") if isinstance(spec, str) else list(spec)
    out: set[Transform] = set()
    for item in items:
        key = str(item).strip()
        if not key:
            continue
        if key.lower() == "all":
            out.update(Transform)
        elif key.upper() in Transform._value2member_map_:
            out.add(Transform(key.upper()))
        elif key.lower() in ALIASES:
            out.add(ALIASES[key.lower()])
        else:
            names = ", ".join([*(t.value for t in Transform), *ALIASES, "all"])
            raise ValueError(f"unknown transformation {key!r} (known: {names})")
    return frozenset(out)


# T2: whose theme each site's article pages wear. The JavaScript site and Babel Mirror (whose
# pages are the fault corpus) keep theirs.
THEME_SWAP = {
    "seedlike": "wordpress",
    "wordpress": "french",
    "french": "roundup",
    "roundup": "seedlike",
    "origin-wire": "origin-paper",
    "origin-paper": "origin-wire",
    "origin-fr": "origin-paper",
}

# T3: one paragraph per site — (text, markup, position): markup "p" (a bare paragraph, like the
# story's own), "em" or "box"; position "after-first", "after-second" or "end".
SITE_PARAGRAPHS: dict[str, tuple[str, str, str]] = {
    "www.example-wire.com": (
        "Example Wire stories may be republished by our 340 member newspapers under licence "
        "agreement EW-2291. Photographs remain the property of the agency. Corrections are logged "
        "every day at 17:00 by the standards desk headed by Rosalind Achterberg.",
        "em",
        "end",
    ),
    "www.metro-chronicle.com": (
        "Sign up for The Morning Chronicle, our free newsletter: 6 headlines chosen by editor "
        "Patrick Oyelaran, delivered at 7 a.m. from Monday to Saturday. Already 48,000 readers "
        "in 12 boroughs start their day with it.",
        "box",
        "after-second",
    ),
    "www.journal-exemple.fr": (
        "Le Journal Exemple est membre de l’Alliance de la presse d’information générale depuis "
        "2004. Cet article est réservé à nos 27 000 abonnés numériques ; toute reproduction est "
        "interdite sans l’accord d’Hélène Courtadon, directrice de la rédaction.",
        "p",
        "end",
    ),
    "dailymarketmirror.net": (
        "Affiliate disclosure: Daily Market Mirror may earn a commission of up to 4.5% when "
        "readers open an account with Halvorsen Capital or Brightmoor Trading through links on "
        "this page. Rates quoted were checked on 3 November 2026 and may have changed since. "
        "Partnerships are managed by Marcus Ellery and never decide which stories we publish.",
        "p",
        "end",
    ),
    "www.heartlandbriefs.com": (
        "Get the Heartland Morning Brief: five stories from 14 counties in your inbox every "
        "weekday at 6:30 a.m., picked by editor Dana Whitcombe. More than 23,000 readers already "
        "subscribe, and it costs nothing.",
        "box",
        "after-second",
    ),
    "app.newsflash-hub.io": (
        "Newsflash Hub Premium costs $4.99 a month and removes all advertising from our 1,200 "
        "partner sources. Our community manager Theo Lindqvist answers every reader question "
        "within 48 hours.",
        "p",
        "after-first",
    ),
    "www.actu-miroir.fr": (
        "Actu Miroir est financé par la publicité et par 1 850 lecteurs donateurs. Pour soutenir "
        "notre travail, écrivez à Claire Montandon, notre trésorière, avant le 31 décembre 2026.",
        "em",
        "end",
    ),
    "newsroundup24.com": (
        "News Roundup 24 is an automated service that collects 2,400 headlines a day from 180 "
        "sources. Requests for removal are handled by Victor Anand within 72 hours of receipt.",
        "p",
        "after-first",
    ),
}

# T6: who took the photo or made the chart — agencies, and (``None``) another publisher of the web.
AGENCIES = (
    "Reuters",
    "Bloomberg",
    "Associated Press",
    "AFP",
    "Getty Images",
    "EPA-EFE",
    "Xinhua",
    None,
    None,
)
CAPTIONS_EN = (
    "Residents gather outside the town hall on Tuesday morning",
    "Workers at the site earlier this year",
    "A view of the main street after the announcement",
    "Officials arrive for the meeting at the regional office",
    "Traffic backs up on the ring road during the evening rush",
)
CAPTIONS_FR = (
    "Des habitants devant la mairie mardi matin",
    "Des ouvriers sur le chantier au début de l’année",
    "La rue principale après l’annonce",
)
CHARTS_EN = (
    "Monthly figures, January to October 2026",
    "Share of households affected, by district",
    "Spending per resident since 2019, in dollars",
)
CHARTS_FR = (
    "Évolution mensuelle, de janvier à octobre 2026",
    "Part des ménages concernés, par quartier",
)


@dataclass(frozen=True)
class Dressing:
    """What the switches put on one article page."""

    post: Post  # the post to render: extra inserts, widget, wrappers
    texts: tuple[str, ...]  # every text inserted (widget items, paragraph, noise, credits)


def _merge(inserts: dict[int, str], at: int, html: str) -> None:
    inserts[at] = inserts.get(at, "") + html


def _at(position: str, count: int) -> int:
    if position == "after-first" or count < 2:
        return 0
    if position == "after-second":
        return 1 if count > 2 else 0
    return count - 1


def _excerpt(post: Post) -> str:
    return " ".join(post.paragraphs[0].split()[:30]) if post.paragraphs else ""


def _item_attribution(item: Post, rng: random.Random) -> tuple[str, str]:
    """(html, text) of the attribution a feed importer leaves on another post."""
    assert item.story is not None
    story, origin = item.story, item.story.site
    domain = origin.host.removeprefix("www.")
    title = escape(story.draft.title)
    if item.language == "fr":
        kind = rng.choice(["yoast-fr", "initialement"])
        if kind == "yoast-fr":
            return (
                f'L’article <a href="{story.url}">{title}</a> est apparu en premier sur '
                f'<a href="{origin.home}">{escape(origin.name)}</a>.',
                f"L’article {story.draft.title} est apparu en premier sur {origin.name}.",
            )
        text = f"Cet article a été initialement publié sur {domain}"
        return escape(text), text
    kind = rng.choice(["yoast", "yoast", "published-at", "appeared-first", "source", "appeared"])
    if kind == "yoast":
        return (
            f'The post <a href="{story.url}">{title}</a> appeared first on '
            f'<a href="{origin.home}">{escape(origin.name)}</a>.',
            f"The post {story.draft.title} appeared first on {origin.name}.",
        )
    if kind == "published-at":
        return (
            f'Originally published at <a href="{story.url}">{story.url}</a>',
            f"Originally published at {story.url}",
        )
    if kind == "appeared-first":
        text = f"This post appeared first on {domain}"
        return escape(text), text
    if kind == "source":
        return (
            f'Source: <a href="{origin.home}">{escape(origin.name)}</a>',
            f"Source: {origin.name}",
        )
    return (
        f'This article originally appeared on <a href="{story.url}">{escape(origin.name)}</a>.',
        f"This article originally appeared on {origin.name}.",
    )


def _widget(post: Post, network: Sequence[Post], seed: int) -> tuple[str, list[str]]:
    """T1: 3-6 other posts of the network, a different choice on every page."""
    rng = random.Random(f"{seed}:{Transform.WIDGET}:{post.url}")
    pool = [
        p
        for p in network
        if p.language == post.language
        and p.story is not None
        and p.url != post.url
        and (post.story is None or p.story.id != post.story.id)
    ]
    by_story: dict[str, list[Post]] = {}
    for p in pool:
        assert p.story is not None
        by_story.setdefault(p.story.id, []).append(p)
    if not by_story:
        return "", []
    stories = rng.sample(sorted(by_story), min(len(by_story), rng.randint(3, 6)))
    items = [rng.choice(by_story[sid]) for sid in stories]  # one post per story, as a feed lists
    texts: list[str] = []
    lis = []
    for item in items:
        excerpt = _excerpt(item)
        html, line = _item_attribution(item, rng)
        texts += [item.title, excerpt, line]
        lis.append(
            f'<li class="network-item"><h4><a href="{item.url}">{escape(item.title)}</a></h4>'
            f'<p class="excerpt">{escape(excerpt)} […]</p><p class="item-source">{html}</p></li>'
        )
    heading = (
        "Dernières nouvelles du réseau" if post.language == "fr" else "Latest from the network"
    )
    return (
        f'<section class="widget network-feed"><h3 class="widget-title">{heading}</h3>'
        f"<ul>{''.join(lis)}</ul></section>",
        texts,
    )


def _site_paragraph(post: Post, inserts: dict[int, str]) -> list[str]:
    """T3: the site's one paragraph, at the site's place."""
    entry = SITE_PARAGRAPHS.get(post.site.host)
    if entry is None or not post.paragraphs:
        return []
    text, markup, position = entry
    html = {
        "p": f"<p>{escape(text)}</p>",
        "em": f'<p class="site-notice"><em>{escape(text)}</em></p>',
        "box": f'<div class="newsletter-signup"><p>{escape(text)}</p></div>',
    }[markup]
    _merge(inserts, _at(position, len(post.paragraphs)), html)
    return [text]


def _noise(post: Post, seed: int, inserts: dict[int, str]) -> list[str]:
    """T5: markup a browser shows nothing of, or that is not story text, between paragraphs."""
    rng = random.Random(f"{seed}:{Transform.NOISE}:{post.url}")
    n = len(post.paragraphs)
    votes, districts, words = rng.randint(300, 5000), rng.randint(5, 40), rng.randint(400, 1500)
    comment = (
        f"Ad slot {rng.randint(2, 9)} removed by the night editor: Brightwater Insurance campaign"
    )
    conditional = (
        "You are using an outdated browser. Please upgrade it to read this article in full."
    )
    poll = f"Reader poll: should the council build the new bypass? {votes} readers have voted."
    noscript = (
        f"Enable JavaScript to see the interactive map of the {districts} affected districts."
    )
    teaser = f"Officials say the plan will cost {rng.randint(3, 90)} million over three years"
    _merge(
        inserts,
        -1,
        '<!-- wp:paragraph {"className":"lead"} -->'
        "<style>.entry-body p{margin:0 0 1.2em}.dropcap::first-letter{font-size:3em}</style>",
    )
    _merge(inserts, 0, f'<!--[if lt IE 9]><p class="browser-warning">{conditional}</p><![endif]-->')
    _merge(
        inserts,
        max(0, n // 2 - 1),
        f'<template id="tpl-poll"><div class="poll"><p>{poll}</p></div></template>'
        f"<script>window.dataLayer=window.dataLayer||[];dataLayer.push("
        f'{{"wordCount":{words},"teaser":"{teaser}"}});</script>',
    )
    _merge(inserts, max(0, n - 1), f"<noscript><p>{noscript}</p></noscript><!-- {comment} -->")
    return [comment, conditional, poll, noscript, teaser]


def _credits(
    post: Post, seed: int, publishers: Sequence[SiteInfo], inserts: dict[int, str]
) -> list[str]:
    """T6: a captioned photo and a chart whose credits name other publishers."""
    rng = random.Random(f"{seed}:{Transform.CREDITS}:{post.url}")
    origin = post.story.site.host if post.story else post.site.host
    others = [s.name for s in publishers if s.host not in (origin, post.site.host)]

    def credit() -> str:
        agency = rng.choice(AGENCIES)
        return agency if agency is not None else rng.choice(others)

    french = post.language == "fr"
    colon = " :" if french else ":"
    photo_by, source_by = credit(), credit()
    caption = f"{rng.choice(CAPTIONS_FR if french else CAPTIONS_EN)}. Photo{colon} {photo_by}"
    chart = f"{rng.choice(CHARTS_FR if french else CHARTS_EN)}. Source{colon} {source_by}"
    host = post.site.host
    texts = [caption, chart]
    _merge(
        inserts,
        0,
        f'<figure class="wp-caption"><img src="http://{host}/img/{post.slug}-photo.jpg" alt="">'
        f"<figcaption>{escape(caption)}</figcaption></figure>",
    )
    chart_html = (
        f'<figure class="chart"><img src="http://{host}/img/{post.slug}-chart.png" alt="">'
        f"<figcaption>{escape(chart)}</figcaption></figure>"
    )
    if rng.random() < 0.5:  # a bare credit line under the chart, as many sites print it
        line = f"Source{colon} {credit()}, company filings"
        texts.append(line)
        chart_html += f'<p class="source-note"><small>{escape(line)}</small></p>'
    _merge(inserts, max(0, len(post.paragraphs) // 2), chart_html)
    return texts


def dress(
    post: Post,
    transforms: frozenset[Transform],
    seed: int,
    network: Sequence[Post],
    publishers: Sequence[SiteInfo],
) -> Dressing:
    """What ``transforms`` add to ``post``'s page. ``network``: the aggregators' copies a widget
    may list; ``publishers``: the origin sites a credit may name."""
    inserts = dict(post.inserts)
    texts: list[str] = []
    widget = ""
    if Transform.WIDGET in transforms and post.site.role == "aggregator":
        widget, found = _widget(post, network, seed)
        texts += found
    if Transform.SITE_PARAGRAPH in transforms:
        texts += _site_paragraph(post, inserts)
    if Transform.NOISE in transforms:
        texts += _noise(post, seed, inserts)
    if Transform.CREDITS in transforms:
        texts += _credits(post, seed, publishers, inserts)
    wrappers = NESTED_WRAPPERS if Transform.NOISE in transforms else 0
    return Dressing(replace(post, inserts=inserts, widget=widget, wrappers=wrappers), tuple(texts))


def body_only(post: Post, plain: Post) -> Post:
    """``post`` with only what the switches added to ``plain``'s paragraphs: the JavaScript site
    renders nothing but the paragraphs (no ad slots, read-more links or updated lines)."""
    extra = {
        at: html[len(plain.inserts.get(at, "")) :]
        for at, html in post.inserts.items()
        if html != plain.inserts.get(at)
    }
    return replace(post, inserts=extra, read_more=None, updated_line=None)
