"""Attribution wordings as real WordPress plugins and real copy sites write them.

Each wording names where it comes from. The plugin defaults were looked up in the plugins' own
sources and docs (see README.md, "Wordings"): Yoast SEO's RSS footer and its translations as stored in
``wpseo_rss`` option dumps, AIOSEO's ``rssContent.after`` default, WP RSS Aggregator's display-template
prefixes and its Feed-to-Post "source link text" default, Feedzy's ``[#item_url]`` magic tag. The
rest are wordings observed on real copy pages (the content-farm footer of the shared reference page,
The Conversation's republishing notice, "Originally published at …", "Source: …").
"""

from __future__ import annotations

import html
from dataclasses import dataclass


@dataclass(frozen=True)
class Wording:
    """One attribution line template.

    Placeholders: ``{post_link}`` (link to the post, title as anchor), ``{site_link}`` (link to the
    site home, site name as anchor), ``{url}``, ``{title}``, ``{site}``, ``{home}``, ``{domain}``.
    """

    id: str
    lang: str
    template: str
    source: str

    @property
    def states(self) -> bool:
        """The line gives the URL or domain of what it credits (a link, a URL or a domain name)."""
        return any(
            p in self.template
            for p in ("{url}", "{post_link}", "{home}", "{site_link}", "{domain}")
        )

    @property
    def names(self) -> bool:
        """The line names the credited site (with or without a link)."""
        return (
            "{site}" in self.template
            or "{site_link}" in self.template
            or "{domain}" in self.template
        )


@dataclass(frozen=True)
class Credit:
    """What an attribution line credits: a post (URL, title) on a site (name, home page)."""

    url: str
    title: str
    site: str
    home: str
    domain: str


def _w(id_: str, lang: str, template: str, source: str) -> Wording:
    return Wording(id_, lang, template, source)


YOAST = "Yoast SEO default RSS footer (wpseo_rss 'rssafter'), "
WORDINGS: dict[str, Wording] = {
    w.id: w
    for w in [
        _w(
            "yoast_en", "en", "The post {post_link} appeared first on {site_link}.", YOAST + "en_US"
        ),
        _w(
            "yoast_fr",
            "fr",
            "L’article {post_link} est apparu en premier sur {site_link}.",
            YOAST + "fr_FR translation",
        ),
        _w(
            "yoast_de",
            "de",
            "Der Beitrag {post_link} erschien zuerst auf {site_link}.",
            YOAST + "de_DE translation",
        ),
        _w(
            "yoast_es",
            "es",
            "La entrada {post_link} se publicó primero en {site_link}.",
            YOAST + "es_ES translation",
        ),
        _w(
            "yoast_it",
            "it",
            "L'articolo {post_link} proviene da {site_link}.",
            YOAST + "it_IT translation",
        ),
        _w(
            "aioseo_en",
            "en",
            "The post {post_link} first appeared on {site_link}.",
            "All in One SEO default RSS 'content after' (rssContent.after: 'The post #post_link first appeared on #site_link.')",
        ),
        _w(
            "wpra_f2p",
            "en",
            'This <a href="{url}" target="_blank">post</a> was originally published on <a href="{home}" target="_blank">this site</a>.',
            "WP RSS Aggregator Feed to Post default source link text 'This *post* was originally published on **this site**'",
        ),
        _w(
            "wpra_source",
            "en",
            "Source: {site_link}",
            "WP RSS Aggregator display template defaults (source_prefix 'Source:', source_is_link)",
        ),
        _w(
            "feedzy_readmore",
            "en",
            '<a href="{url}" target="_blank" class="feedzy-rss-link-icon">Read More</a>',
            "Feedzy import [#item_url] magic tag (renders a 'Read More' link to the item URL)",
        ),
        _w(
            "farm_domain",
            "en",
            "This post appeared first on {domain}",
            "content-farm footer observed on a real aggregator page (shared/reference/seed-mirror-page.txt)",
        ),
        _w(
            "farm_quoted",
            "en",
            'This post appeared first on "{site}". <a href="{url}">Read the entire article here</a>',
            "mirror footer observed on public copy pages",
        ),
        _w(
            "conversation",
            "en",
            'This article is republished from {site_link} under a Creative Commons license. Read the <a href="{url}">original article</a>.',
            "The Conversation's republishing notice, with the publisher swapped in",
        ),
        _w(
            "originally_url",
            "en",
            "Originally published at {url}",
            "common manual credit line (URL as text)",
        ),
        _w(
            "originally_link",
            "en",
            'Originally published at <a href="{url}">{site}</a>',
            "common manual credit line",
        ),
        _w(
            "originally_name",
            "en",
            "This article was originally published by {site}.",
            "common manual credit line (name only)",
        ),
        _w("source_name_en", "en", "Source: {site}", "common manual credit line (name only)"),
        _w("source_name_fr", "fr", "Source : {site}", "French credit line (name only)"),
        _w("source_link_fr", "fr", "Source : {site_link}", "French credit line"),
        _w("quelle_de", "de", "Quelle: {site}", "German credit line (name only)"),
        _w("quelle_link_de", "de", 'Quelle: <a href="{url}">{site}</a>', "German credit line"),
        _w("fuente_es", "es", "Fuente: {site}", "Spanish credit line (name only)"),
        _w("fuente_link_es", "es", 'Fuente: <a href="{url}">{site}</a>', "Spanish credit line"),
        _w(
            "originalmente_es",
            "es",
            "Artículo publicado originalmente en {site_link}.",
            "Spanish credit line",
        ),
        _w("via_link", "en", 'Via <a href="{url}">{site}</a>', "common manual credit line"),
        _w(
            "readmore_at",
            "en",
            'Read the full story at <a href="{url}">{site}</a>',
            "truncating importers' tail link",
        ),
        _w(
            "continue_at",
            "en",
            "Continue reading at {site} &raquo;",
            "truncating importers' tail (name only)",
        ),
        _w(
            "lire_suite_fr",
            "fr",
            'Lire la suite sur <a href="{url}">{site}</a>',
            "French truncation tail",
        ),
        _w(
            "weiterlesen_de",
            "de",
            'Weiterlesen bei <a href="{url}">{site}</a>',
            "German truncation tail",
        ),
        _w(
            "seguir_es",
            "es",
            'Seguir leyendo en <a href="{url}">{site}</a>',
            "Spanish truncation tail",
        ),
        _w(
            "td_source_box",
            "en",
            '<div class="td-post-source-tags"><div class="td-post-source-via"><div class="td-post-small-box">'
            '<span>SOURCE</span><a rel="nofollow" href="{url}">{site}</a></div></div></div>',
            "Newspaper (tagDiv) theme 'Source' box under the post (theme field filled by the importer)",
        ),
        _w(
            "drupal_field_source",
            "en",
            '<div class="field field--name-field-source field--type-link field--label-inline clearfix">'
            '<div class="field__label">Source</div><div class="field__item"><a href="{url}">{site}</a></div></div>',
            "Drupal link field 'Source' on an article node",
        ),
    ]
}

# Yoast's footer in the language of the feed it was written into.
YOAST_BY_LANG: dict[str, str] = {
    "en": "yoast_en",
    "fr": "yoast_fr",
    "de": "yoast_de",
    "es": "yoast_es",
    "it": "yoast_it",
}


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def esc_attr(text: str) -> str:
    return html.escape(text, quote=True)


def render(wording_id: str, credit: Credit) -> str:
    """The attribution line as inline HTML."""
    wording = WORDINGS[wording_id]
    post_link = f'<a href="{esc_attr(credit.url)}">{esc(credit.title)}</a>'
    site_link = f'<a href="{esc_attr(credit.home)}">{esc(credit.site)}</a>'
    return wording.template.format(
        post_link=post_link,
        site_link=site_link,
        url=esc_attr(credit.url),
        title=esc(credit.title),
        site=esc(credit.site),
        home=esc_attr(credit.home),
        domain=esc(credit.domain),
    )


def wording_table() -> list[tuple[str, str, str, str]]:
    """(id, language, template, source) rows, for the README and the CLI."""
    return [(w.id, w.lang, w.template, w.source) for w in WORDINGS.values()]
