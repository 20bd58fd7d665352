"""HTML templates of the sample web: three origin publishers and five aggregators, all different."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from html import escape

from newsmirror.sampleweb.model import Post, SiteInfo
from newsmirror.sampleweb.text import MOIS_FR, MONTHS_EN

NEWSLETTER = (
    "Become a VIP member by joining our mailing list today. Get early access to our "
    "market briefings, members-only offers and invitations to reader events!"
)
OPT_IN = (
    "By opting in you agree to receive emails from us and our partners. We never sell your data."
)
DISCLAIMER = (
    "Disclaimer: dailymarketmirror.net, its owners, staff and partners make no promise or "
    "warranty about the products mentioned above. Everything on this site is for "
    "information only and is not personal financial advice. Speak to a licensed adviser "
    "before you invest."
)
COPYRIGHT = "Copyright © 2026 DailyMarketMirror.net"
WP_SHARE = ["Share this:", "Share on Facebook", "Share on X", "Email a friend"]
WP_COMMENTS = [
    "Great write-up, thanks for posting this.",
    "I drove through there last week and saw it myself.",
]
FR_SHARE = ["Partager sur Facebook", "Partager par e-mail"]
FR_FOOTER = "© 2026 Actu Miroir — Tous droits réservés"
ROUNDUP_FOOTER = "News Roundup 24 — all the headlines, all day. Contact the webmaster for removals."

BOILERPLATE = {
    "dailymarketmirror.net": [
        "Connect with us",
        "Hi, what are you looking for?",
        NEWSLETTER,
        OPT_IN,
        "You May Also Like",
        DISCLAIMER,
        COPYRIGHT,
    ],
    "www.heartlandbriefs.com": [
        *WP_SHARE,
        *WP_COMMENTS,
        "Leave a Reply",
        "Heartland Briefs — small-town news, big-picture views",
    ],
    "www.actu-miroir.fr": [*FR_SHARE, FR_FOOTER, "À lire aussi"],
    "newsroundup24.com": [ROUNDUP_FOOTER, "Top headlines"],
    "app.newsflash-hub.io": ["Newsflash Hub — news in a flash"],
    "www.example-wire.com": ["Example Wire — trusted news since 1987", "Licensing enquiries"],
    "www.metro-chronicle.com": ["Subscribe to The Metro Chronicle", "Most read"],
    "www.journal-exemple.fr": ["Abonnez-vous au Journal Exemple", "Les plus lus"],
    "www.vestnik-zarechya.ru": [
        "Вестник Заречья — новости вашего города",
        "Перепечатка только с разрешения редакции",
    ],
    "www.hekou-daily.cn": ["河口日报：本地新闻", "版权所有，未经许可不得转载"],
    "www.kawaguchi-shimbun.jp": ["川口新聞：地域のニュース", "記事の無断転載を禁じます"],
    "www.babel-mirror.net": [
        "Babel Mirror - the news of the world, mirrored",
        "Report a problem with this page",
    ],
}


def human_date(dt: datetime, language: str) -> str:
    if language == "fr":
        return f"{dt.day} {MOIS_FR[dt.month - 1]} {dt.year}"
    return f"{MONTHS_EN[dt.month - 1]} {dt.day}, {dt.year}"


def _paras(post: Post, visible: Sequence[str] | None = None) -> str:
    parts = [post.inserts[-1]] if -1 in post.inserts else []
    for i, text in enumerate(visible if visible is not None else post.paragraphs):
        parts.append(f"<p>{escape(text, quote=False)}</p>")
        if i in post.inserts:
            parts.append(post.inserts[i])
    if post.read_more:
        parts.append(
            f'<p><a class="more-link" href="{post.read_more}">{escape(post.read_more_text)}</a></p>'
        )
    if post.updated_line:
        parts.append(f"<p><em>{escape(post.updated_line)}</em></p>")
    body = "\n".join(parts)
    if post.wrappers:  # metamorphic T5: the body deep inside a page builder's wrappers
        opened = "".join(f'<div class="wrap-{k}">' for k in range(post.wrappers))
        body = opened + body + "</div>" * post.wrappers
    return body


def body_html(post: Post) -> str:
    """The paragraphs of ``post`` with the blocks inserted between them, as HTML."""
    return _paras(post)


def _attribution(post: Post, where: str) -> str:
    a = post.attribution
    if not a or a.get("html") is None or a["placement"] != where:
        return ""
    return str(a["html"])


def _body_with_attribution(post: Post) -> str:
    """Paragraphs, with an attribution line appended to the last story paragraph when placed so."""
    a = post.attribution
    if not (a and a.get("html") and a["placement"] == "end-of-last-paragraph"):
        return _paras(post)
    visible = [*post.paragraphs[:-1], "\x00LAST\x00"]
    last = f"{escape(post.paragraphs[-1], quote=False)} {a['html']}"
    return _paras(post, visible).replace("\x00LAST\x00", last)


def _rebrand(text: str, site: SiteInfo, owner: str, forms: Sequence[str]) -> str:
    """A theme's fixed string with its owner's name (any of ``forms``) replaced by the site's,
    when another site wears the theme (metamorphic T2)."""
    if site.host == owner:
        return text
    for form in forms:
        text = text.replace(form, site.name)
    return text


def _head(post: Post | None, site: SiteInfo, title: str, extra: str = "") -> str:
    lang = post.language if post is not None else site.language
    tags = [f'<meta charset="utf-8"><title>{escape(title)}</title>']
    if post is not None:
        tags.append(f'<meta property="og:title" content="{escape(post.title)}">')
        tags.append('<meta property="og:type" content="article">')
        tags.append(f'<meta property="og:image" content="{post.image}">')
    tags.append(f'<meta property="og:site_name" content="{escape(site.name)}">')
    return f'<!DOCTYPE html>\n<html lang="{lang}"><head>{"".join(tags)}{extra}</head>'


def _ld(post: Post, url: str) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": post.title,
        "datePublished": post.published.isoformat(),
        "dateModified": post.modified.isoformat(),
        "author": [{"@type": "Person", "name": a} for a in post.authors],
        "image": [post.image],
        "mainEntityOfPage": url,
        "inLanguage": post.language,
        "publisher": {"@type": "Organization", "name": post.site.name},
    }
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def teaser_excerpt(post: Post) -> str:
    """The truncated excerpt a "You May Also Like" teaser shows, as on the seed page."""
    text = post.paragraphs[0]
    cut = text[: min(150, len(text) - 12)]
    return cut[: cut.rfind(" ")].rstrip(" ,;:") + "..."


def listing_items(posts: Sequence[Post], with_excerpt: bool = True) -> str:
    out = []
    for p in posts:
        excerpt = f"<p>{escape(p.paragraphs[0][:140])}…</p>" if with_excerpt else ""
        out.append(
            f'<article class="teaser"><h2><a href="{p.url}">{escape(p.title)}</a></h2>'
            f"{excerpt}</article>"
        )
    return "\n".join(out)


# --- origins --------------------------------------------------------------------------------


def origin_article(post: Post, template: str | None = None) -> str:
    """An origin's article page; ``template``: the layout to use (``origin-paper`` or another
    origin's), the site's own by default."""
    site = post.site
    template = template or site.template
    canonical = (
        f'<link rel="canonical" href="{post.url}"><meta property="og:url" content="{post.url}">'
    )
    byline = ", ".join(post.authors)
    if template == "origin-paper":
        promo = _rebrand(
            "Subscribe to The Metro Chronicle",
            site,
            "www.metro-chronicle.com",
            ["The Metro Chronicle"],
        )
        head = _head(
            post,
            site,
            f"{post.title} | {site.name}",
            canonical + f'<meta property="article:published_time" '
            f'content="{post.published.isoformat()}"><meta name="author" content="{escape(byline)}">',
        )
        return (
            f'{head}<body><div id="masthead"><a href="/">{site.name}</a> '
            f'<a href="/world/">World</a> <a href="/business/">Business</a></div>'
            f'<div class="promo">{escape(promo)}</div>'
            f'<div class="story"><h1>{escape(post.title)}</h1><div class="byline">By {escape(byline)}</div>'
            f'<div class="story-body">{_paras(post)}</div></div>'
            f'<div class="most-read"><h3>Most read</h3></div></body></html>'
        )
    extra = canonical + _ld(post, post.url)
    head = _head(post, site, f"{post.title} - {site.name}", extra)
    footer = BOILERPLATE[site.host][0]
    return (
        f'{head}<body><header><a href="/">{site.name}</a><nav><a href="/">Home</a> '
        f'<a href="/rss.xml">RSS</a></nav></header><main><article>'
        f'<h1>{escape(post.title)}</h1><p class="byline">{escape(byline)} · '
        f'<time datetime="{post.published.isoformat()}">{human_date(post.published, post.language)}</time></p>'
        f'<div class="article-body">{_paras(post)}</div></article></main>'
        f"<footer><p>{escape(footer)}</p><p>{BOILERPLATE[site.host][1]}</p></footer></body></html>"
    )


# --- aggregators ----------------------------------------------------------------------------


def seedlike_article(post: Post, teasers: Sequence[Post], nav: str) -> str:
    site = post.site
    extra = (
        f'<meta property="article:published_time" content="{post.published.isoformat()}">'
        f'<meta property="article:modified_time" content="{post.modified.isoformat()}">'
        f'<link rel="alternate" type="application/rss+xml" href="http://{site.host}/feed/">'
        f"{post.attribution.get('head', '') if post.attribution else ''}"
    )
    head = _head(post, site, f"{post.title} - {site.name}", extra)
    owner, forms = "dailymarketmirror.net", ["DailyMarketMirror.net", "dailymarketmirror.net"]
    disclaimer = _rebrand(DISCLAIMER, site, owner, forms)
    copyright_line = _rebrand(COPYRIGHT, site, owner, forms)
    sidebar = f'<aside class="sidebar-left">{post.widget}</aside>' if post.widget else ""
    teaser_html = "".join(
        f'<div class="teaser"><span class="cat">{escape(t.category.replace("-", " ").title())}</span>'
        f'<h4><a href="{t.url}">{escape(t.title)}</a></h4><p>{escape(teaser_excerpt(t))}</p></div>'
        for t in teasers
    )
    return (
        f'{head}<body class="post-template-default single">'
        f'<div class="topbar"><span>Connect with us</span></div>'
        f'<div class="search"><p>Hi, what are you looking for?</p></div>'
        f'<div class="menu">{nav}</div><div class="ticker"><h3>Latest News</h3></div>{sidebar}'
        f'<div class="content"><h1 class="entry-title">{escape(post.title)}</h1>'
        f'<div class="meta"><span class="date">{human_date(post.published, "en")}</span></div>'
        f'<div class="post-body">{_body_with_attribution(post)}{_attribution(post, "own-paragraph")}'
        f"{_attribution(post, 'source-div')}</div>{_attribution(post, 'after-body')}"
        f"{_attribution(post, 'article-footer')}</div>"
        f'<div class="vip-box"><p>{NEWSLETTER}</p><form><input type="email"></form><p>{OPT_IN}</p></div>'
        f'<div class="related"><h3>You May Also Like</h3>{teaser_html}</div>'
        f'<div class="disclaimer"><p>{disclaimer}</p></div>'
        f"<footer><p>{copyright_line}</p></footer></body></html>"
    )


def wordpress_article(post: Post, related: Sequence[Post], nav: str, post_id: int) -> str:
    site = post.site
    extra = (
        f'<link rel="alternate" type="application/rss+xml" title="{site.name} &raquo; Feed" '
        f'href="http://{site.host}/feed/"><link rel="https://api.w.org/" href="http://{site.host}/wp-json/">'
        f'<link rel="stylesheet" href="/wp-content/themes/briefs/style.css">'
        f"{post.attribution.get('head', '') if post.attribution else ''}"
    )
    head = _head(post, site, f"{post.title} – {site.name}", extra)
    rel = "".join(f'<li><a href="{r.url}">{escape(r.title)}</a></li>' for r in related)
    comments = "".join(f'<li class="comment"><p>{c}</p></li>' for c in WP_COMMENTS)
    share = "".join(f'<a class="share" href="#">{s}</a>' for s in WP_SHARE[1:])
    colophon = _rebrand(
        "Heartland Briefs — small-town news, big-picture views",
        site,
        "www.heartlandbriefs.com",
        ["Heartland Briefs"],
    )
    author = ", ".join(
        f'<a href="/author/{a.lower().replace(" ", "-")}/" rel="author">{escape(a)}</a>'
        for a in post.authors
    )
    return (
        f'{head}<body class="post-template-default single single-post postid-{post_id}">'
        f'<header id="masthead"><p class="site-title"><a href="/">{site.name}</a></p>'
        f'<nav class="main-navigation">{nav}</nav></header><main id="main">'
        f'<article id="post-{post_id}" class="post type-post"><header class="entry-header">'
        f'<h1 class="entry-title">{escape(post.title)}</h1><div class="entry-meta">'
        f'<time class="entry-date published" datetime="{post.published.isoformat()}">'
        f'{human_date(post.published, "en")}</time> <span class="byline">{author}</span></div></header>'
        f'<div class="entry-content">{_body_with_attribution(post)}{_attribution(post, "own-paragraph")}'
        f"{_attribution(post, 'source-div')}{post.widget}"
        f'<div class="sharedaddy"><h3>{WP_SHARE[0]}</h3>{share}</div></div>'
        f'<footer class="entry-footer">{_attribution(post, "article-footer")}</footer></article>'
        f"{_attribution(post, 'after-body')}"
        f'<section class="related-posts"><h3>Related</h3><ul>{rel}</ul></section>'
        f'<div id="comments"><h3>2 thoughts on this</h3><ol>{comments}</ol>'
        f"<h3>Leave a Reply</h3></div></main>"
        f'<footer id="colophon"><p>{escape(colophon)}</p>'
        f'<a href="/go/a">Partners</a> <a href="/missing-page/">Archive 2019</a> '
        f'<a href="/server-error/">Status</a> <a href="/calendar/?month=2026-11">Events</a></footer>'
        f"</body></html>"
    )


def french_article(post: Post, related: Sequence[Post], nav: str) -> str:
    site = post.site
    extra = (
        f'<meta property="article:published_time" content="{post.published.isoformat()}">'
        f"{post.attribution.get('head', '') if post.attribution else ''}"
    )
    head = _head(post, site, f"{post.title} | {site.name}", extra)
    rel = "".join(f'<li><a href="{r.url}">{escape(r.title)}</a></li>' for r in related)
    share = "".join(f'<a href="#">{s}</a>' for s in FR_SHARE)
    footer = _rebrand(FR_FOOTER, site, "www.actu-miroir.fr", ["Actu Miroir"])
    return (
        f'{head}<body><div class="entete"><a href="/">{site.name}</a><ul class="menu">{nav}</ul></div>'
        f'<div class="colonne"><div class="article"><h1>{escape(post.title)}</h1>'
        f'<p class="auteur">Par {escape(", ".join(post.authors))} — publié le '
        f'{human_date(post.published, "fr")}</p><div class="contenu-article">'
        f"{_body_with_attribution(post)}{_attribution(post, 'own-paragraph')}{_attribution(post, 'source-div')}</div>"
        f"{post.widget}"
        f'<div class="partage">{share}</div></div>{_attribution(post, "after-body")}'
        f"{_attribution(post, 'article-footer')}"
        f'<div class="a-lire"><h3>À lire aussi</h3><ul>{rel}</ul></div></div>'
        f"<footer><p>{footer}</p></footer></body></html>"
    )


def roundup_article(post: Post, headlines: Sequence[Post], nav: str) -> str:
    site = post.site
    extra = post.attribution.get("head", "") if post.attribution else ""
    head = _head(post, site, f"{post.title} :: {site.name}", extra)
    tops = "".join(f'<li><a href="{h.url}">{escape(h.title)}</a></li>' for h in headlines)
    footer = _rebrand(ROUNDUP_FOOTER, site, "newsroundup24.com", ["News Roundup 24"])
    return (
        f'{head}<body><table width="100%"><tr><td colspan="2" class="top"><a href="/">{site.name}</a> '
        f'{nav}</td></tr><tr><td class="main" valign="top">'
        f'<div itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">{escape(post.title)}</h1>'
        f'<meta itemprop="datePublished" content="{post.published.isoformat()}">'
        f'<div class="info">{human_date(post.published, "en")} | <span itemprop="author">'
        f"{escape(', '.join(post.authors))}</span></div>"
        f'<div itemprop="articleBody">{_body_with_attribution(post)}{_attribution(post, "own-paragraph")}'
        f"{_attribution(post, 'source-div')}</div>{_attribution(post, 'after-body')}"
        f"{_attribution(post, 'article-footer')}</div>"
        f'</td><td class="side" valign="top">{post.widget}<h3>Top headlines</h3><ul>{tops}</ul></td></tr>'
        f'<tr><td colspan="2"><small>{footer}</small></td></tr></table></body></html>'
    )


def babel_article(post: Post, nav: str) -> str:
    """A plain article page whose every character fits the story's legacy charset."""
    site = post.site
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": post.title,
        "datePublished": post.published.isoformat(),
        "author": [{"@type": "Person", "name": a} for a in post.authors],
        "image": [post.image],
        "inLanguage": post.language,
    }
    ld = f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'
    head = _head(post, site, f"{post.title} | {site.name}", ld)
    footer = "".join(f"<p>{escape(line)}</p>" for line in BOILERPLATE[site.host])
    return (
        f'{head}<body class="single"><header><a href="/">{site.name}</a><nav>{nav}</nav></header>'
        f"<main><article><h1>{escape(post.title)}</h1>"
        f'<p class="byline">{escape(", ".join(post.authors))} | '
        f'<time datetime="{post.published.isoformat()}">{human_date(post.published, "en")}</time></p>'
        f'<div class="article-body">{_attribution(post, "before-body")}{_paras(post)}</div>'
        f"</article></main><footer>{footer}</footer></body></html>"
    )


def jsapp_shell(post: Post) -> str:
    site = post.site
    head = _head(
        post,
        site,
        site.name,
        f'<meta property="article:published_time" content="{post.published.isoformat()}">',
    )
    sidebar = f'<aside class="sidebar">{post.widget}</aside>' if post.widget else ""
    return (
        f'{head}<body>{sidebar}<div id="root"></div><noscript>Please enable JavaScript.</noscript>'
        f'<script src="/static/app.js" data-story="{post.slug}"></script></body></html>'
    )


APP_JS = """(function () {
  var el = document.currentScript || document.querySelector('script[data-story]');
  var slug = el.getAttribute('data-story');
  fetch('/api/stories/' + slug + '.json').then(function (r) { return r.json(); }).then(function (s) {
    document.title = s.title + ' | Newsflash Hub';
    var root = document.getElementById('root');
    var art = document.createElement('article');
    var h1 = document.createElement('h1'); h1.textContent = s.title; art.appendChild(h1);
    var meta = document.createElement('p'); meta.className = 'byline';
    var t = document.createElement('time'); t.setAttribute('datetime', s.published);
    t.textContent = s.date_text; meta.textContent = s.authors.join(', ') + ' · '; meta.appendChild(t);
    art.appendChild(meta);
    s.paragraphs.forEach(function (p) { var e = document.createElement('p'); e.textContent = p; art.appendChild(e); });
    if (s.attribution) { var a = document.createElement('p'); a.className = 'source'; a.textContent = s.attribution; art.appendChild(a); }
    root.appendChild(art);
    var f = document.createElement('footer'); f.textContent = 'Newsflash Hub \\u2014 news in a flash'; root.appendChild(f);
  });
})();
"""

# What the JavaScript site serves when a metamorphic switch is on: a story's JSON may then carry
# its body as HTML (``body_html``: paragraphs and the blocks the switches put between them).
APP_JS_RICH = APP_JS.replace(
    "    s.paragraphs.forEach(",
    "    if (s.body_html) { art.insertAdjacentHTML('beforeend', s.body_html); } else\n"
    "    s.paragraphs.forEach(",
)


def page_shell(
    site: SiteInfo, title: str, body: str, nav: str, extra_head: str = "", body_class: str = ""
) -> str:
    head = _head(
        None,
        site,
        f"{title} | {site.name}",
        '<meta property="og:type" content="website">' + extra_head,
    )
    return (
        f'{head}<body class="{body_class}"><header><a href="/">{site.name}</a>'
        f"<nav>{nav}</nav></header><main><h1>{escape(title)}</h1>{body}</main>"
        f"<footer><p>{escape(BOILERPLATE[site.host][0])}</p></footer></body></html>"
    )
