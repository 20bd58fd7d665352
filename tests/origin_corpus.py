"""A labelled corpus of copy pages for origin detection, generated deterministically.

Written from the attribution families newsmirror must read (issue 3), not from the detector: every
family in several wordings, publishers written as a domain, a host, a name, in capitals or quotes,
with and without links, in six placements and five page templates; plus negatives — the same words in
ordinary sentences, self-referencing markup, pages with no attribution at all. ``evaluate`` scores a
detector run; ``benchmarks/origin_quality.py`` prints the table.
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

from newsmirror.extract import extract_article
from newsmirror.origin import PublisherTable, detect_origin, load_publishers
from newsmirror.page import Page


@dataclass(frozen=True)
class Case:
    id: str
    family: str
    language: str
    placement: str
    linked: bool
    url: str
    html: str
    expected_domain: str | None
    expected_url: str | None
    attribution_line: str | None
    keep: tuple[str, ...]


@dataclass(frozen=True)
class Pub:
    domain: str  # registrable
    host: str
    name: str
    path: str  # an article path on the origin


PUBS = (
    Pub("cnn.com", "www.cnn.com", "CNN", "/2026/03/14/politics/budget-vote/index.html"),
    Pub("nbcnews.com", "www.nbcnews.com", "NBC News", "/news/us-news/river-flooding-rcna1234"),
    Pub("apnews.com", "apnews.com", "Associated Press", "/article/wildfire-evacuations-8a7b6c"),
    Pub("reuters.com", "www.reuters.com", "Reuters", "/world/europe/port-strike-2026-03-02/"),
    Pub(
        "theguardian.com", "www.theguardian.com", "The Guardian", "/uk-news/2026/mar/03/rail-fares"
    ),
    Pub(
        "github.blog", "github.blog", "The GitHub Blog", "/news-insights/product-news/new-runners/"
    ),
    Pub("foxbusiness.com", "www.foxbusiness.com", "Fox Business", "/markets/oil-prices-slide"),
    Pub("bbc.co.uk", "www.bbc.co.uk", "BBC News", "/news/uk-politics-68000000"),
    Pub(
        "theconversation.com", "theconversation.com", "The Conversation", "/why-bees-matter-221234"
    ),
    Pub("nytimes.com", "www.nytimes.com", "The New York Times", "/2026/03/02/us/school-lunch.html"),
    Pub("propublica.org", "www.propublica.org", "ProPublica", "/article/water-utility-records"),
    Pub("cnbc.com", "www.cnbc.com", "CNBC", "/2026/03/05/fed-holds-rates.html"),
)
PUBS_DE = (
    Pub("spiegel.de", "www.spiegel.de", "DER SPIEGEL", "/politik/deutschland/haushalt-a-1234.html"),
    Pub("zeit.de", "www.zeit.de", "ZEIT ONLINE", "/politik/2026-03/bundestag-debatte"),
)
PUBS_FR = (
    Pub(
        "lemonde.fr", "www.lemonde.fr", "Le Monde", "/politique/article/2026/03/02/budget_123.html"
    ),
    Pub("lefigaro.fr", "www.lefigaro.fr", "Le Figaro", "/actualite-france/greve-20260302"),
)
PUBS_ES = (Pub("elpais.com", "elpais.com", "El País", "/espana/2026-03-02/presupuestos.html"),)
PUBS_IT = (
    Pub(
        "corriere.it",
        "www.corriere.it",
        "Corriere della Sera",
        "/politica/26_marzo_02/bilancio.shtml",
    ),
)
PUBS_PT = (
    Pub("publico.pt", "www.publico.pt", "Público", "/2026/03/02/politica/noticia/orcamento-123"),
    Pub("globo.com", "oglobo.globo.com", "O Globo", "/politica/noticia/2026/03/orcamento.ghtml"),
)
PUBS_NL = (Pub("nos.nl", "nos.nl", "NOS", "/artikel/2512345-kabinet-begroting"),)
WIRES = (
    Pub("apnews.com", "apnews.com", "Associated Press", "/article/x"),
    Pub("reuters.com", "www.reuters.com", "Reuters", "/world/x"),
    Pub("afp.com", "www.afp.com", "AFP", "/en/news/x"),
)
UNLISTED = (
    Pub("valleyobserver.com", "www.valleyobserver.com", "Valley Observer", "/local/2026/park-plan"),
    Pub("coastaltimes.net", "coastaltimes.net", "Coastal Times", "/news/ferry-fares-up/"),
)
COPY_HOSTS = (
    "dailynewsmirror.net",
    "www.investhub-daily.com",
    "newsfeedz.org",
    "www.trendwire24.co.uk",
    "actu-express.fr",
    "nachrichten-spiegelung.de",
    "noticias-rapidas.es",
    "www.buzzdigest.info",
)

SENTENCES = {
    "en": [
        "The council voted on Tuesday to approve a new budget for roads and schools.",
        "Officials said the work would begin in the spring and take about two years.",
        "Residents who spoke at the meeting were divided over the cost of the plan.",
        "A spokesperson for the agency said more details would follow next week.",
        "The figures are the highest recorded since the survey began in 2004.",
        "Analysts expect prices to stay high until at least the end of the year.",
        "Emergency crews worked through the night to clear fallen trees from the highway.",
        "The company said it would hire 300 workers at the new plant over three years.",
        "Critics argue the timetable is too short and that smaller towns were not consulted.",
        "Volunteers spent the weekend checking on elderly neighbours after the storm.",
    ],
    "de": [
        "Der Stadtrat hat am Dienstag einen neuen Haushalt beschlossen.",
        "Die Arbeiten sollen im Frühjahr beginnen und etwa zwei Jahre dauern.",
        "Anwohner äußerten in der Sitzung Bedenken wegen der hohen Kosten.",
        "Ein Sprecher der Behörde kündigte weitere Details für nächste Woche an.",
    ],
    "fr": [
        "Le conseil municipal a adopté mardi un nouveau budget pour les écoles.",
        "Les travaux doivent commencer au printemps et durer environ deux ans.",
        "Plusieurs habitants ont dénoncé le coût du projet lors de la séance.",
        "La préfecture a annoncé de nouvelles mesures pour la semaine prochaine.",
    ],
    "es": [
        "El ayuntamiento aprobó el martes un nuevo presupuesto para las escuelas.",
        "Las obras comenzarán en primavera y durarán unos dos años.",
        "Varios vecinos criticaron el coste del proyecto durante la sesión.",
    ],
    "it": [
        "Il consiglio comunale ha approvato martedì un nuovo bilancio per le scuole.",
        "I lavori inizieranno in primavera e dureranno circa due anni.",
        "Alcuni residenti hanno criticato il costo del progetto durante la seduta.",
    ],
    "pt": [
        "A câmara municipal aprovou na terça-feira um novo orçamento para as escolas.",
        "As obras devem começar na primavera e durar cerca de dois anos.",
        "Vários moradores criticaram o custo do projeto durante a sessão.",
    ],
    "nl": [
        "De gemeenteraad heeft dinsdag een nieuwe begroting voor scholen goedgekeurd.",
        "De werkzaamheden beginnen in het voorjaar en duren ongeveer twee jaar.",
        "Verschillende bewoners hadden kritiek op de kosten van het plan.",
    ],
}
TITLES = {
    "en": "Council approves new budget after long debate",
    "de": "Stadtrat beschließt neuen Haushalt",
    "fr": "Le conseil adopte un nouveau budget",
    "es": "El ayuntamiento aprueba el presupuesto",
    "it": "Il consiglio approva il bilancio",
    "pt": "Câmara aprova novo orçamento",
    "nl": "Gemeenteraad keurt begroting goed",
}
NOISE = {
    "newsletter": '<div class="newsletter"><h3>Join our VIP list</h3><p>Get exclusive market updates '
    "straight to your inbox every morning.</p><p>By opting in you agree to receive emails "
    "from us and our partners.</p></div>",
    "teasers": '<div class="related"><h3>You May Also Like</h3><div><h4><a href="/x/other-story/">Fuel '
    "prices climb again</a></h4><p>Drivers paid more at the pump for a third week...</p></div>"
    '<div><h4><a href="/x/another/">Ferry service resumes</a></h4><p>The crossing reopened '
    "on Monday after repairs...</p></div></div>",
    "disclaimer": '<div class="disclaimer"><p>Disclaimer: this site and its staff make no warranty about '
    "the products mentioned above. Information here is for research only.</p></div>",
    "comments": '<div id="comments"><h3>2 Comments</h3><p>Great article, thanks!</p><p>I was there '
    "when it happened.</p></div>",
}


def _doc(
    lang: str, title: str, head: str, content: str, after: str, template: str, rng: random.Random
) -> str:
    noise = "".join(rng.sample(list(NOISE.values()), rng.randint(1, 4)))
    nav = '<nav><a href="/">Home</a> <a href="/category/news/">News</a> <a href="/about/">About</a></nav>'
    h = f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)}</title>{head}</head>'
    if template == "wordpress":
        return (
            f'{h}<body class="single single-post"><header>{nav}</header><main><article class="post">'
            f'<h1 class="entry-title">{escape(title)}</h1><div class="entry-content">{content}</div>'
            f"</article>{after}{noise}</main><footer>© 2026 Mirror Site</footer></body></html>"
        )
    if template == "article":
        return (
            f'{h}<body>{nav}<article><h1>{escape(title)}</h1>{content}<footer class="article-footer">'
            f"{{FOOTER}}</footer></article>{after}{noise}<footer>All rights reserved.</footer></body></html>"
        )
    if template == "divs":
        return (
            f'{h}<body><div id="top">{nav}</div><div id="content"><div class="story"><h1>{escape(title)}</h1>'
            f'<div class="story-body">{content}</div></div>{after}</div>{noise}</body></html>'
        )
    if template == "table":
        return (
            f'{h}<body><table width="100%"><tr><td>{nav}</td></tr><tr><td class="main"><h1>{escape(title)}'
            f'</h1>{content}{after}</td><td class="side">{noise}</td></tr></table></body></html>'
        )
    return (
        f'{h}<body><div class="td-container">{nav}<div class="td-post-content"><h1>{escape(title)}</h1>'
        f"{content}</div>{after}</div>{noise}</body></html>"
    )


TEMPLATES = ("wordpress", "article", "divs", "table", "farm")
PLACEMENTS = (
    "own-paragraph",
    "source-div",
    "em",
    "end-of-last-paragraph",
    "after-body",
    "article-footer",
)


def _place(
    line_html: str, placement: str, sentences: list[str]
) -> tuple[str, str, str, tuple[str, ...]]:
    """(content html, after-body html, footer html, kept sentences) for a line at ``placement``."""
    paras = [f"<p>{escape(s)}</p>" for s in sentences]
    keep = tuple(sentences)
    if placement == "end-of-last-paragraph":
        paras[-1] = f"<p>{escape(sentences[-1])} {line_html}</p>"
        return "".join(paras), "", "", keep
    if placement == "after-body":
        return "".join(paras), f'<p class="attribution">{line_html}</p>', "", keep
    if placement == "article-footer":
        return "".join(paras), "", f"<p>{line_html}</p>", keep
    wrapped = {
        "own-paragraph": f"<p>{line_html}</p>",
        "source-div": f'<div class="source">{line_html}</div>',
        "em": f"<p><em>{line_html}</em></p>",
    }[placement]
    return "".join(paras) + wrapped, "", "", keep


def _pub_text(pub: Pub, rng: random.Random) -> tuple[str, str]:
    """How the line writes the publisher, and which form it is."""
    form = rng.choice(["domain", "host", "name", "caps", "quoted", "curly"])
    text = {
        "domain": pub.domain,
        "host": pub.host,
        "name": pub.name,
        "caps": pub.name.upper(),
        "quoted": f'"{pub.name}"',
        "curly": f"“{pub.name}”",
    }[form]
    return text, form


class _Builder:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.cases: list[Case] = []
        self.counter: dict[str, int] = defaultdict(int)

    def add(
        self,
        family: str,
        lang: str,
        line_text: str | None,
        line_html: str | None,
        expected_domain: str | None,
        expected_url: str | None,
        *,
        head: str = "",
        linked: bool = False,
        placement: str | None = None,
        extra_keep: tuple[str, ...] = (),
        sentences: list[str] | None = None,
        copy_host: str | None = None,
    ) -> None:
        rng = self.rng
        self.counter[family] += 1
        sents = sentences or rng.sample(
            SENTENCES[lang], min(len(SENTENCES[lang]), rng.randint(3, 5))
        )
        placement = placement or rng.choice(PLACEMENTS)
        template = rng.choice(TEMPLATES)
        if line_html is None:
            content, after, footer = "".join(f"<p>{escape(s)}</p>" for s in sents), "", ""
            keep = tuple(sents)
            placement = "markup" if head else "none"
        else:
            if template != "article" and placement == "article-footer":
                placement = "after-body"
            content, after, footer, keep = _place(line_html, placement, sents)
        host = copy_host or rng.choice(COPY_HOSTS)
        url = f"https://{host}/2026/03/{rng.randint(1, 28):02d}/{family}-{self.counter[family]}/"
        html = _doc(lang, TITLES[lang], head, content, after, template, rng).replace(
            "{FOOTER}", footer
        )
        self.cases.append(
            Case(
                f"{family}-{self.counter[family]:03d}",
                family,
                lang,
                placement,
                linked,
                url,
                html,
                expected_domain,
                expected_url,
                line_text,
                keep + extra_keep,
            )
        )


def _line_variants(b: _Builder) -> None:
    rng = b.rng
    trail = ("", " Read the entire article here", ". Read the entire article here.")
    # "This post appeared first on X"
    for i in range(60):
        pub = PUBS[i % len(PUBS)]
        who, _form = _pub_text(pub, rng)
        item = rng.choice(["post", "article", "story"])
        tail = rng.choice(trail)
        text = f"This {item} appeared first on {who}{tail}"
        linked = bool(tail) and rng.random() < 0.7
        url = f"https://{pub.host}{pub.path}"
        html = escape(f"This {item} appeared first on {who}")
        if tail and linked:
            html += f'{". " if tail.startswith(".") else " "}<a href="{url}">Read the entire article here</a>'
        elif tail:
            html += escape(tail)
        b.add(
            "appeared-first", "en", text, html, pub.domain, url if linked else None, linked=linked
        )
    # SEO plugin footers: title anchor (original URL) + site anchor (origin home)
    seo = {
        "yoast": ("en", PUBS, "The post {t} appeared first on {s}."),
        "aioseo": ("en", PUBS, "The post {t} first appeared on {s}."),
        "yoast-de": ("de", PUBS_DE, "Der Beitrag {t} erschien zuerst auf {s}."),
        "yoast-fr": ("fr", PUBS_FR, "L’article {t} est apparu en premier sur {s}."),
        "yoast-es": ("es", PUBS_ES, "La entrada {t} se publicó primero en {s}."),
        "yoast-it": ("it", PUBS_IT, "L'articolo {t} sembra essere il primo su {s}."),
        "yoast-pt": ("pt", PUBS_PT, "O post {t} apareceu primeiro em {s}."),
        "yoast-nl": ("nl", PUBS_NL, "Het bericht {t} verscheen eerst op {s}."),
    }
    for family, (lang, pubs, pattern) in seo.items():
        for i in range(30 if family in ("yoast", "aioseo") else 18):
            pub = pubs[i % len(pubs)]
            title = TITLES[lang] if i % 3 else f"{TITLES[lang]}: what it means"
            url = f"https://{pub.host}{pub.path}"
            anchored = i % 5 != 4  # a few sites strip the anchors from the footer
            t_html = f'<a href="{url}">{escape(title)}</a>' if anchored else escape(title)
            s_html = (
                f'<a href="https://{pub.host}/">{escape(pub.name)}</a>'
                if anchored
                else escape(pub.name)
            )
            text = pattern.format(t=title, s=pub.name)
            html = pattern.format(t=t_html, s=s_html)
            placement = rng.choice(
                ["own-paragraph", "own-paragraph", "after-body", "article-footer", "em"]
            )
            b.add(
                family,
                lang,
                text,
                html,
                pub.domain,
                url if anchored else None,
                linked=anchored,
                placement=placement,
            )
    # feed-to-post plugins and hand-written lines
    for i in range(20):
        pub = PUBS[i % len(PUBS)]
        url = f"https://{pub.host}{pub.path}"
        b.add(
            "originally-published-this-site",
            "en",
            "This post was originally published on this site",
            f'This post was originally published on <a href="{url}">this site</a>',
            pub.domain,
            url,
            linked=True,
        )
    for i in range(36):
        pub = PUBS[(i * 5) % len(PUBS)]
        prep = ["at", "on", "in", "by"][i % 4]
        url = f"https://{pub.host}{pub.path}"
        if i % 3 == 0:
            text = f"Originally published {prep} {pub.name}"
            html = f'Originally published {prep} <a href="{url}">{escape(pub.name)}</a>'
            b.add("originally-published", "en", text, html, pub.domain, url, linked=True)
        elif i % 3 == 1:
            text = (
                f"Originally published {prep} {url}"
                if prep in ("at", "on")
                else f"Originally published {prep} {pub.domain}"
            )
            exp_url = url if prep in ("at", "on") else None
            b.add("originally-published", "en", text, escape(text), pub.domain, exp_url)
        else:
            who, _ = _pub_text(pub, rng)
            text = f"This article was originally published {prep} {who}."
            b.add("originally-published", "en", text, escape(text), pub.domain, None)
    for i in range(24):
        pub = PUBS[(i * 7) % len(PUBS)]
        url = f"https://{pub.host}{pub.path}"
        item, verb, prep = [
            ("article", "originally appeared", "on"),
            ("story", "originally appeared", "in"),
            ("post", "originally ran", "on"),
        ][i % 3]
        linked = i % 2 == 0
        who = escape(pub.name) if not linked else f'<a href="{url}">{escape(pub.name)}</a>'
        text = f"This {item} {verb} {prep} {pub.name}."
        b.add(
            "originally-appeared",
            "en",
            text,
            f"This {item} {verb} {prep} {who}.",
            pub.domain,
            url if linked else None,
            linked=linked,
        )
    for i in range(24):
        pub = PUBS[(i * 3 + 1) % len(PUBS)]
        url = f"https://{pub.host}{pub.path}"
        item, prep = [("story", "in"), ("article", "on"), ("report", "in")][i % 3]
        linked = i % 3 == 0
        who_text, _ = _pub_text(pub, rng)
        who = f'<a href="{url}">{escape(who_text)}</a>' if linked else escape(who_text)
        b.add(
            "first-appeared",
            "en",
            f"This {item} first appeared {prep} {who_text}.",
            f"This {item} first appeared {prep} {who}.",
            pub.domain,
            url if linked else None,
            linked=linked,
        )
    for i in range(16):
        pub = PUBS[(i * 5 + 2) % len(PUBS)]
        who_text, _ = _pub_text(pub, rng)
        b.add(
            "first-published-by",
            "en",
            f"First published by {who_text}.",
            escape(f"First published by {who_text}."),
            pub.domain,
            None,
        )
    for i in range(20):
        pub = PUBS[(i * 7 + 3) % len(PUBS)]
        url = f"https://{pub.host}{pub.path}"
        if i % 2:
            b.add(
                "read-original",
                "en",
                "Read the original article",
                f'<a href="{url}">Read the original article</a>',
                pub.domain,
                url,
                linked=True,
            )
        else:
            b.add(
                "read-original",
                "en",
                f"Read the original article on {pub.name}.",
                f'Read the original article on <a href="{url}">{escape(pub.name)}</a>.',
                pub.domain,
                url,
                linked=True,
            )
    for i in range(14):
        pub = PUBS[(i * 5 + 4) % len(PUBS)]
        url = f"https://{pub.host}{pub.path}"
        b.add(
            "content-originally-published-here",
            "en",
            "This content was originally published here.",
            f'This content was originally published <a href="{url}">here</a>.',
            pub.domain,
            url,
            linked=True,
        )
    for i in range(16):
        pub = PUBS[(i * 7 + 5) % len(PUBS)]
        who_text, _ = _pub_text(pub, rng)
        b.add(
            "republished-permission",
            "en",
            f"Republished with permission from {who_text}.",
            escape(f"Republished with permission from {who_text}."),
            pub.domain,
            None,
        )
    conv = next(p for p in PUBS if p.domain == "theconversation.com")
    for i in range(16):
        url = f"https://{conv.host}/story-{1000 + i}"
        text = (
            f"This article is republished from {conv.name} under a Creative Commons license. "
            "Read the original article."
        )
        html = (
            f'This article is republished from <a href="https://{conv.host}/">{conv.name}</a> under a '
            f'Creative Commons license. Read the <a href="{url}">original article</a>.'
        )
        b.add(
            "republished-cc",
            "en",
            text,
            html,
            conv.domain,
            url,
            linked=True,
            placement=rng.choice(["own-paragraph", "em", "after-body"]),
        )
    for i in range(24):
        pub = (WIRES + PUBS)[i % (len(WIRES) + len(PUBS))]
        name = pub.name if i % 4 else {"Associated Press": "AP"}.get(pub.name, pub.domain)
        b.add(
            "source-line",
            "en",
            f"Source: {name}",
            escape(f"Source: {name}"),
            pub.domain,
            None,
            placement=rng.choice(["own-paragraph", "source-div", "after-body"]),
        )
    for i in range(16):
        pub = PUBS[(i * 5 + 1) % len(PUBS)]
        url = f"https://{pub.host}{pub.path}"
        linked = i % 2 == 0
        who = f'<a href="{url}">{escape(pub.name)}</a>' if linked else escape(pub.name)
        text, html = (
            (f"Via {pub.name}", f"Via {who}") if i % 3 else (f"(via {pub.name})", f"(via {who})")
        )
        b.add(
            "via-line",
            "en",
            text,
            html,
            pub.domain,
            url if linked else None,
            linked=linked,
            placement=rng.choice(["own-paragraph", "source-div"]),
        )
    # publishers missing from the table: the domain written out or linked still names them
    for i in range(12):
        pub = UNLISTED[i % len(UNLISTED)]
        url = f"https://{pub.host}{pub.path}"
        if i % 2:
            b.add(
                "appeared-first",
                "en",
                f"This post appeared first on {pub.domain}",
                escape(f"This post appeared first on {pub.domain}"),
                pub.domain,
                None,
            )
        else:
            b.add(
                "yoast",
                "en",
                f"The post {TITLES['en']} appeared first on {pub.name}.",
                f'The post <a href="{url}">{TITLES["en"]}</a> appeared first on '
                f'<a href="https://{pub.host}/">{pub.name}</a>.',
                pub.domain,
                url,
                linked=True,
            )


def _markup_variants(b: _Builder) -> None:
    for i in range(16):
        pub = PUBS[i % len(PUBS)]
        url = f"https://{pub.host}{pub.path}"
        b.add(
            "canonical",
            "en",
            None,
            None,
            pub.domain,
            url,
            head=f'<link rel="canonical" href="{url}">',
        )
        b.add(
            "og-url",
            "en",
            None,
            None,
            pub.domain,
            url,
            head=f'<meta property="og:url" content="{url}">',
        )
        b.add(
            "syndication-source",
            "en",
            None,
            None,
            pub.domain,
            url,
            head=f'<meta name="syndication-source" content="{url}">',
        )
        b.add(
            "original-source",
            "en",
            None,
            None,
            pub.domain,
            url,
            head=f'<meta name="original-source" content="{url}">',
        )
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": TITLES["en"],
            "isBasedOn": url if i % 2 else {"@type": "CreativeWork", "url": url},
        }
        b.add(
            "jsonld-isbasedon",
            "en",
            None,
            None,
            pub.domain,
            url,
            head=f'<script type="application/ld+json">{json.dumps(ld)}</script>',
        )
        ld2 = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": TITLES["en"],
            "sourceOrganization": {"@type": "NewsMediaOrganization", "name": pub.name},
        }
        b.add(
            "jsonld-source-org",
            "en",
            None,
            None,
            pub.domain,
            None,
            head=f'<script type="application/ld+json">{json.dumps(ld2)}</script>',
        )
    for i in range(12):
        wire = WIRES[i % len(WIRES)]
        key = "publisher" if i % 2 else "author"
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": TITLES["en"],
            key: {"@type": "Organization", "name": wire.name},
        }
        b.add(
            "jsonld-wire",
            "en",
            None,
            None,
            wire.domain,
            None,
            head=f'<script type="application/ld+json">{json.dumps(ld)}</script>',
        )


NEG_PHRASES = (
    "The series appeared first on Netflix in 2019 and quickly became a hit with teenagers.",
    "The species was first published by a Dutch botanist who found it near the river in 1871.",
    "Source: a person familiar with the matter said the talks were close to a deal.",
    "She joined the hearing via a video link from the capital.",
    "Originally published in 1954, the novel has been adapted for the stage three times.",
    "This article first appeared to be a hoax, but officials later confirmed the report.",
    "The band's first single appeared first on a small local label before it was re-released.",
    "Sources: officials at the ministry declined to comment on the figures.",
    "The map was originally published by the county surveyor and is kept in the library.",
    "Via the new bridge, the trip to the coast takes less than an hour.",
    "The recipe first appeared in a church cookbook printed in 1962.",
    "The post office appeared first on the list of buildings to be repaired.",
)


def _negatives(b: _Builder) -> None:
    rng = b.rng
    for i in range(48):
        phrase = NEG_PHRASES[i % len(NEG_PHRASES)]
        sents = rng.sample(SENTENCES["en"], 3)
        pos = rng.randint(0, 3)
        sents.insert(pos, phrase)
        b.add("neg-phrase", "en", None, None, None, None, sentences=sents)
    for i in range(24):
        host = COPY_HOSTS[i % len(COPY_HOSTS)]
        bare = host.removeprefix("www.")
        own = f"https://{'www.' + bare if i % 2 else bare}/2026/03/02/own-story-{i}/"
        head = rng.choice(
            [
                f'<link rel="canonical" href="{own}">',
                f'<meta property="og:url" content="{own}">',
                f'<meta name="syndication-source" content="{own}">',
                f'<link rel="canonical" href="{own}"><meta property="og:url" content="{own}">',
            ]
        )
        b.add("neg-self-canonical", "en", None, None, None, None, head=head, copy_host=host)
    for i in range(24):
        lang = ("en", "en", "fr", "de")[i % 4]
        b.add("neg-none", lang, None, None, None, None)
    for _ in range(12):
        b.add(
            "neg-googlebot-only",
            "en",
            None,
            None,
            None,
            None,
            head='<meta name="Googlebot-News" content="noindex, nofollow">',
        )
    # A wordy line naming nothing resolvable and linking nowhere off-site
    for i in range(8):
        text = [
            "Source: staff reports",
            "Via our newsroom",
            "Source: company filings",
            "Via press release",
        ][i % 4]
        b.add(
            "neg-unresolvable",
            "en",
            None,
            escape(text),
            None,
            None,
            placement="own-paragraph",
            extra_keep=(text,),
        )


def _hard_cases(b: _Builder) -> None:
    """Conflicts and odd forms, written one by one."""
    cnn, nbc = PUBS[0], PUBS[1]
    cnn_url, nbc_url = f"https://{cnn.host}{cnn.path}", f"https://{nbc.host}{nbc.path}"
    # The visible line and the canonical disagree: the line the copy shows wins.
    b.add(
        "hard-conflict",
        "en",
        "This post appeared first on cnn.com",
        escape("This post appeared first on cnn.com"),
        "cnn.com",
        None,
        head=f'<link rel="canonical" href="{nbc_url}">',
        placement="own-paragraph",
    )
    b.add(
        "hard-conflict",
        "en",
        "This post appeared first on NBC NEWS",
        escape("This post appeared first on NBC NEWS"),
        "nbcnews.com",
        None,
        head=f'<meta property="og:url" content="{cnn_url}">',
        placement="own-paragraph",
    )
    # Line and canonical agree: the canonical supplies the exact URL.
    b.add(
        "hard-agree",
        "en",
        "This post appeared first on CNN",
        escape("This post appeared first on CNN"),
        "cnn.com",
        cnn_url,
        head=f'<link rel="canonical" href="{cnn_url}">',
        placement="own-paragraph",
    )
    # Attribution inside a longer closing paragraph, after a sentence that stays.
    keep = "The mayor thanked the volunteers who cleared the roads."
    b.add(
        "hard-appended",
        "en",
        "This article originally appeared on NBC News.",
        escape(f"{keep} This article originally appeared on NBC News."),
        "nbcnews.com",
        None,
        placement="own-paragraph",
        extra_keep=(keep,),
    )
    # Name-only attribution of a listed publisher, in capitals with the leading article.
    b.add(
        "hard-name",
        "en",
        "This post appeared first on THE GUARDIAN",
        escape("This post appeared first on THE GUARDIAN"),
        "theguardian.com",
        None,
        placement="em",
    )
    # A line pointing back at the copy's own site is not an origin.
    b.add(
        "hard-self-line",
        "en",
        None,
        escape("This post appeared first on dailynewsmirror.net"),
        None,
        None,
        placement="own-paragraph",
        copy_host="dailynewsmirror.net",
    )
    # A subdomain of the origin publisher.
    b.add(
        "hard-subdomain",
        "en",
        "Originally published at edition.cnn.com",
        escape("Originally published at edition.cnn.com"),
        "cnn.com",
        None,
        placement="source-div",
    )
    # A line with a link to the original and "Read the entire article here" also linked.
    b.add(
        "hard-two-links",
        "en",
        "This post appeared first on CNN. Read the entire article here",
        f'This post appeared first on <a href="https://{cnn.host}/">CNN</a>. '
        f'<a href="{cnn_url}">Read the entire article here</a>',
        "cnn.com",
        cnn_url,
        linked=True,
        placement="own-paragraph",
    )


def _more_hard_cases(b: _Builder) -> None:
    cnbc = next(p for p in PUBS if p.domain == "cnbc.com")
    url = f"https://{cnbc.host}{cnbc.path}"
    b.add(
        "hard-editors-note",
        "en",
        "This post appeared first on CNBC.",
        escape("Editor's note: This post appeared first on CNBC."),
        "cnbc.com",
        None,
        placement="own-paragraph",
        extra_keep=(),
    )
    b.add(
        "hard-line-break",
        "en",
        "This post appeared first on cnbc.com",
        f"{escape(SENTENCES['en'][0])}<br>This post appeared first on cnbc.com",
        "cnbc.com",
        None,
        placement="own-paragraph",
        extra_keep=(SENTENCES["en"][0],),
    )
    b.add(
        "hard-capitals",
        "en",
        "THIS POST APPEARED FIRST ON CNBC.COM",
        "THIS POST APPEARED FIRST ON CNBC.COM",
        "cnbc.com",
        None,
        placement="source-div",
    )
    b.add(
        "hard-dotted-title",
        "en",
        "The post U.S. stocks rally. What now? appeared first on CNBC.",
        f'The post <a href="{url}">U.S. stocks rally. What now?</a> appeared first on '
        f'<a href="https://{cnbc.host}/">CNBC</a>.',
        "cnbc.com",
        url,
        linked=True,
        placement="own-paragraph",
    )
    b.add(
        "hard-nbsp",
        "en",
        "This post appeared first on CNBC",
        "This post appeared\u00a0first on\u00a0CNBC",
        "cnbc.com",
        None,
        placement="own-paragraph",
    )
    b.add(
        "hard-dash",
        "en",
        "Originally published at cnbc.com",
        escape(f"{SENTENCES['en'][1]} — Originally published at cnbc.com"),
        "cnbc.com",
        None,
        placement="own-paragraph",
        extra_keep=(SENTENCES["en"][1],),
    )


def cases(seed: int = 20261128) -> list[Case]:
    """The whole corpus, the same on every call."""
    builder = _Builder(seed)
    _line_variants(builder)
    _markup_variants(builder)
    _negatives(builder)
    _hard_cases(builder)
    _more_hard_cases(builder)
    return builder.cases


@dataclass
class FamilyScore:
    cases: int = 0
    predicted: int = 0
    correct: int = 0
    positives: int = 0
    url_cases: int = 0
    url_correct: int = 0
    strip_cases: int = 0
    strip_ok: int = 0
    failures: list[str] = field(default_factory=list)


@dataclass
class Report:
    families: dict[str, FamilyScore]

    def total(self) -> FamilyScore:
        t = FamilyScore()
        for s in self.families.values():
            for name in (
                "cases",
                "predicted",
                "correct",
                "positives",
                "url_cases",
                "url_correct",
                "strip_cases",
                "strip_ok",
            ):
                setattr(t, name, getattr(t, name) + getattr(s, name))
            t.failures += s.failures
        return t


def ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def evaluate(
    all_cases: list[Case],
    publishers: PublisherTable | None = None,
    detect: Callable[..., object] = detect_origin,
) -> Report:
    """Run the detector on every case; precision/recall on the origin's registrable domain."""
    table = publishers or load_publishers()
    families: dict[str, FamilyScore] = defaultdict(FamilyScore)
    for case in all_cases:
        score = families[case.family]
        score.cases += 1
        page = Page.from_bytes(case.url, case.html.encode("utf-8"))
        article = extract_article(page.url, page.tree)
        result = detect(page.url, page.tree, article.paragraphs, table)
        origin = result.origin  # type: ignore[attr-defined]
        predicted = origin.domain if origin is not None else None
        if case.expected_domain is not None:
            score.positives += 1
        if predicted is not None:
            score.predicted += 1
            if predicted == case.expected_domain:
                score.correct += 1
        if predicted != case.expected_domain:
            score.failures.append(f"{case.id}: expected {case.expected_domain}, got {predicted}")
        if case.expected_url is not None:
            score.url_cases += 1
            got_url = origin.url if origin is not None else None
            if got_url == case.expected_url:
                score.url_correct += 1
            else:
                score.failures.append(f"{case.id}: expected URL {case.expected_url}, got {got_url}")
        before = "\n".join(article.paragraphs)
        after = "\n".join(result.paragraphs)  # type: ignore[attr-defined]
        score.strip_cases += 1
        # Every story sentence must reach the output: one extraction lost counts as one stripping
        # dropped (the reader loses it all the same).
        lost = [s for s in case.keep if s not in after]
        removed = case.attribution_line is None or case.attribution_line not in after
        if not lost and removed:
            score.strip_ok += 1
        elif lost:
            where = "dropped story text" if lost[0] in before else "story text lost in extraction"
            score.failures.append(f"{case.id}: stripping: {where} {lost[0][:60]!r}")
        else:
            score.failures.append(f"{case.id}: stripping left the line")
    return Report(dict(families))
