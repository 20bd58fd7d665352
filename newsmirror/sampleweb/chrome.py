"""A full magazine theme's chrome: what a real WordPress news page carries around its article.

The sample web's own templates are lean (a few kB, some fifty elements a page), while the news
pages newsmirror meets are typically 60–150 kB with a thousand elements or more: a mega menu,
tickers, sidebars of widgets, a related-posts grid, comment threads, footer link columns, cookie
banners, inline styles and scripts. :func:`dress` wraps any page in such chrome, generated from the
sample web's own word banks, so that costs can also be measured on pages of a realistic size.
"""

from __future__ import annotations

import json
import random
import re
from html import escape

from newsmirror.sampleweb.text import (
    COMPANIES,
    MONTHS_EN,
    TOPICS_EN,
    TOWNS,
    full_name,
    slugify,
)

_SECTIONS = ("News", "Business", "Markets", "Sport", "Culture", "Opinion", "Weather", "Video")
_COMMENT_BITS = (
    "Thanks for covering this.",
    "I first heard about it from a neighbour last week.",
    "Does anyone know when the council meets next?",
    "This is the third time this year.",
    "Great photos, as always.",
    "The original plan was much better, in my view.",
    "Source for the figures in paragraph four?",
    "We drove past there on Saturday and it was packed.",
    "Not sure I agree with the quote at the end.",
    "Shared this with my book club.",
)
_FOOTER_COLUMNS = {
    "About": ("About us", "Our team", "Careers", "Contact", "Advertise", "Press room"),
    "Sections": _SECTIONS,
    "Help": ("FAQ", "Corrections", "Accessibility", "Sitemap", "RSS feeds", "Newsletters"),
    "Legal": ("Terms of use", "Privacy policy", "Cookie settings", "Sources and methods", "Ethics"),
}
_CSS_RULE = ".{name}{{margin:0 {a}px;padding:{b}px {a}px;color:#{c:06x};font-size:{d}px}}"
_ICON = (
    '<svg class="icon" viewBox="0 0 24 24" aria-hidden="true"><path d="M{a} {b}l{c} {d}h-{a}v{b}z'
    '"/><circle cx="12" cy="12" r="{d}"/></svg>'
)


def _headline(rng: random.Random) -> str:
    return (
        f"{rng.choice(TOWNS)} {rng.choice(('council', 'residents', 'firm', 'school', 'club'))} "
        f"{rng.choice(('weighs', 'backs', 'rejects', 'delays', 'unveils'))} "
        f"{rng.choice(('new plan', 'budget', 'expansion', 'festival', 'road works', 'merger'))}"
    )


def _links(rng: random.Random, host: str, count: int, prefix: str) -> str:
    items = []
    for _ in range(count):
        title = _headline(rng)
        items.append(
            f'<li><a href="http://{host}/{prefix}/{slugify(title)}/">{escape(title)}</a></li>'
        )
    return "".join(items)


def _icon(rng: random.Random) -> str:
    return _ICON.format(
        a=rng.randint(1, 9), b=rng.randint(1, 9), c=rng.randint(1, 9), d=rng.randint(2, 9)
    )


def _head_extra(rng: random.Random, host: str) -> str:
    css = "".join(
        _CSS_RULE.format(
            name=f"c{i}",
            a=rng.randint(0, 40),
            b=rng.randint(0, 40),
            c=rng.randint(0, 0xFFFFFF),
            d=rng.randint(10, 30),
        )
        for i in range(120)
    )
    config = {
        "site": host,
        "ads": {
            f"slot_{i}": {"sizes": [[300, 250], [728, 90]], "refresh": i * 15} for i in range(30)
        },
        "analytics": {"id": f"UA-{rng.randint(10**6, 10**7)}", "sample": 0.25},
    }
    return (
        f"<style>{css}</style>"
        f"<script>window.__THEME__={json.dumps(config)};</script>"
        f'<script src="http://{host}/wp-includes/js/jquery/jquery.min.js"></script>'
        f'<link rel="stylesheet" href="http://{host}/wp-content/themes/magazine/style.css">'
    )


def _before(rng: random.Random, host: str, site_name: str) -> str:
    menu = "".join(
        f'<li class="menu-item"><a href="http://{host}/{section.lower()}/">{section}</a>'
        f'<ul class="sub-menu">{_links(rng, host, 8, section.lower())}</ul></li>'
        for section in _SECTIONS
    )
    ticker = "".join(
        f'<li><span class="time">{rng.randint(1, 12)}:{rng.randint(0, 59):02d}</span> '
        f'<a href="http://{host}/news/{i}/">{escape(_headline(rng))}</a></li>'
        for i in range(10)
    )
    social = "".join(
        f'<a class="social" href="#" aria-label="{n}">{_icon(rng)}</a>'
        for n in ("Facebook", "X", "Instagram", "YouTube")
    )
    return (
        f'<div class="cookie-banner"><p>We use cookies to improve your experience and to show '
        f"you relevant offers.</p><button>Accept</button><button>Settings</button></div>"
        f'<div class="top-bar"><span>{rng.choice(MONTHS_EN)} {rng.randint(1, 28)}, 2026</span>'
        f"{social}</div>"
        f'<header class="site-header"><a class="logo" href="http://{host}/">{escape(site_name)}</a>'
        f'<form class="search-form"><input type="search" placeholder="Search"><button>'
        f"{_icon(rng)}</button></form>"
        f'<nav class="mega-menu"><ul>{menu}</ul></nav></header>'
        f'<div class="breaking"><h3>Breaking</h3><ul>{ticker}</ul></div>'
    )


def _after(rng: random.Random, host: str, site_name: str) -> str:
    grid = "".join(
        f'<article class="grid-item"><a href="http://{host}/news/{slugify(t)}/">'
        f'<img src="http://{host}/img/{i}.jpg" alt=""></a><span class="cat">'
        f"{rng.choice(TOPICS_EN).title()}</span><h4>{escape(t)}</h4>"
        f"<p>{escape(full_name(rng))} · {rng.randint(2, 9)} min read</p></article>"
        for i, t in enumerate(_headline(rng) for _ in range(12))
    )
    comments = "".join(
        f'<li class="comment"><img class="avatar" src="http://{host}/avatar/{i}.png" alt="">'
        f'<div class="comment-meta"><b>{escape(full_name(rng))}</b> <time>{rng.choice(MONTHS_EN)} '
        f"{rng.randint(1, 28)}, 2026 at {rng.randint(1, 12)}:{rng.randint(0, 59):02d} pm</time></div>"
        f"<p>{' '.join(rng.sample(_COMMENT_BITS, 2))}</p>"
        f'<a class="comment-reply-link" href="#respond">Reply</a></li>'
        for i in range(12)
    )
    categories = "".join(
        f'<li><a href="http://{host}/category/{slugify(t)}/">{escape(t.title())}</a> '
        f"({rng.randint(3, 400)})</li>"
        for t in TOPICS_EN
    )
    tags = " ".join(
        f'<a class="tag" href="http://{host}/tag/{slugify(w)}/">{escape(w)}</a>'
        for w in rng.sample([*TOWNS, *COMPANIES], 30)
    )
    archives = "".join(
        f'<li><a href="http://{host}/{year}/{m + 1:02d}/">{MONTHS_EN[m]} {year}</a></li>'
        for year in (2025, 2026)
        for m in range(12)
    )
    footer = "".join(
        f'<div class="col"><h5>{title}</h5><ul>'
        + "".join(f'<li><a href="http://{host}/{slugify(x)}/">{x}</a></li>' for x in entries)
        + "</ul></div>"
        for title, entries in _FOOTER_COLUMNS.items()
    )
    return (
        f'<section class="related-grid"><h3>More from {escape(site_name)}</h3>{grid}</section>'
        f'<section id="comments"><h3>12 comments</h3><ol class="comment-list">{comments}</ol>'
        f'<div id="respond"><h3>Leave a comment</h3><form><textarea></textarea><input '
        f'type="text" placeholder="Name"><input type="email" placeholder="Email"><button>Post '
        f"comment</button></form></div></section>"
        f'<aside class="sidebar"><section class="widget"><h3>Most popular</h3><ol>'
        f"{_links(rng, host, 10, 'popular')}</ol></section>"
        f'<section class="widget"><h3>Categories</h3><ul>{categories}</ul></section>'
        f'<section class="widget"><h3>Tags</h3><div class="tagcloud">{tags}</div></section>'
        f'<section class="widget"><h3>Archives</h3><ul>{archives}</ul></section></aside>'
        f'<footer class="site-footer">{footer}<p>© 2026 {escape(site_name)}. All rights '
        f"reserved.</p></footer>"
        f'<script>(function(){{var s=document.createElement("script");s.async=true;'
        f's.src="http://{host}/stats.js?v={rng.randint(1, 999)}";document.head.appendChild(s)}})();'
        f"</script>"
    )


_BODY_OPEN = re.compile(r"<body\b[^>]*>", re.I)


def dress(html: str, seed: int, host: str, site_name: str) -> str:
    """``html`` inside a magazine theme's chrome (head extras, header, sidebars, comments, footer).

    The page's own markup is kept as it is, between the header and the related-posts grid.
    """
    rng = random.Random(seed)
    head, sep, rest = html.partition("</head>")
    if not sep:
        return html
    opened = _BODY_OPEN.search(rest)
    if opened is None:
        return html
    body_end = rest.rfind("</body>")
    body_end = body_end if body_end != -1 else len(rest)
    return (
        f"{head}{_head_extra(rng, host)}</head>{rest[: opened.end()]}{_before(rng, host, site_name)}"
        f'<div class="site-content">{rest[opened.end() : body_end]}</div>'
        f"{_after(rng, host, site_name)}{rest[body_end:]}"
    )
