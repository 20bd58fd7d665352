"""The aggregator sites of the web: one declarative spec each (template, URL scheme, feeds, sitemaps,
how they credit what they copy, which widgets they show)."""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.blindweb.model import Category


@dataclass(frozen=True)
class SiteSpec:
    key: str
    host: str
    alt_hosts: tuple[str, ...]
    name: str
    tagline: str
    lang: str
    theme: str
    permalink: (
        str  # date_slug | postname | month_slug | plain | section_slug | blogger | drupal | php
    )
    feed: str | None  # wp_rss | blogger_atom | drupal_rss | None
    feed_full: bool
    feed_footer: str | None  # wording the site's own SEO plugin appends to each feed item
    feed_utm: bool
    sitemap: str | None  # yoast | wp_core | rankmath | blogger | drupal | None
    per_page: int
    categories: tuple[Category, ...]
    lang_weights: dict[str, float]
    attribution_mix: tuple[
        tuple[str, str, float], ...
    ]  # (wording id | "canonical" | "none", placement, weight)
    copy_modes: tuple[tuple[str, float], ...]
    own_genres: tuple[str, ...]
    own_count: int
    authors: tuple[str, ...]
    widgets: tuple[str, ...]
    charset: str = "utf-8"
    www: bool = False
    lenient_query: bool = True
    notes: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def home(self) -> str:
        return f"http://{self.host}/"

    def url(self, path: str) -> str:
        return f"http://{self.host}{path}"

    def accepts(self, lang: str) -> float:
        return self.lang_weights.get(lang, self.lang_weights.get("*", 0.0))


def _cats(*names: tuple[str, str]) -> tuple[Category, ...]:
    return tuple(Category(slug, name, 3 + i * 4) for i, (slug, name) in enumerate(names))


EN_CATS = _cats(
    ("world", "World"),
    ("politics", "Politics"),
    ("business", "Business"),
    ("tech", "Tech"),
    ("lifestyle", "Lifestyle"),
)

SITES: tuple[SiteSpec, ...] = (
    SiteSpec(
        key="dnw",
        host="www.dailynewswire.net",
        alt_hosts=("dailynewswire.net",),
        name="Daily News Wire",
        tagline="Breaking news from around the world",
        lang="en",
        theme="wp_newspaper",
        permalink="date_slug",
        feed="wp_rss",
        feed_full=True,
        feed_footer="yoast_en",
        feed_utm=False,
        sitemap="yoast",
        per_page=10,
        categories=EN_CATS,
        lang_weights={"en": 1.0, "de": 0.08, "*": 0.06},
        attribution_mix=(
            ("source_yoast", "after", 0.42),
            ("aioseo_en", "after", 0.12),
            ("td_source_box", "div_after", 0.18),
            ("none", "none", 0.18),
            ("originally_link", "after", 0.10),
        ),
        copy_modes=(("full", 0.8), ("inserts", 0.12), ("lead_dropped", 0.08)),
        own_genres=("digest", "commentary", "explainer"),
        own_count=6,
        authors=("newsdesk", "admin", "Staff Reporter"),
        widgets=("network", "popular", "related_titles", "comment_form"),
        www=True,
        notes="WordPress, Newspaper (tagDiv) theme, Yoast SEO; imports publisher feeds that carry their own Yoast footer",
    ),
    SiteSpec(
        key="idh",
        host="investorsdigesthub.com",
        alt_hosts=("www.investorsdigesthub.com",),
        name="Investors Digest Hub",
        tagline="Markets, money and the news that moves them",
        lang="en",
        theme="wp_farm",
        permalink="postname",
        feed="wp_rss",
        feed_full=False,
        feed_footer=None,
        feed_utm=True,
        sitemap=None,
        per_page=12,
        categories=_cats(
            ("latest-news", "Latest News"),
            ("stock", "Stock"),
            ("investing", "Investing"),
            ("editors-pick", "Editor's Pick"),
        ),
        lang_weights={"en": 1.0},
        attribution_mix=(
            ("farm_domain", "after", 0.62),
            ("farm_quoted", "after", 0.10),
            ("none", "none", 0.28),
        ),
        copy_modes=(("full", 0.78), ("lead_dropped", 0.12), ("inserts", 0.10)),
        own_genres=("market_wrap", "explainer"),
        own_count=8,
        authors=("Editor", "IDH Staff"),
        widgets=("newsletter_vip", "also_like", "disclaimer"),
        notes="WordPress content farm modelled on the shared reference page: 'This post appeared first on <domain>', VIP newsletter box, 'You May Also Like', site-wide disclaimer",
    ),
    SiteSpec(
        key="fr",
        host="www.actu-en-continu.fr",
        alt_hosts=("actu-en-continu.fr",),
        name="Actu en Continu",
        tagline="L'actualité du monde, en continu",
        lang="fr",
        theme="wp_astra",
        permalink="month_slug",
        feed="wp_rss",
        feed_full=True,
        feed_footer="yoast_fr",
        feed_utm=False,
        sitemap="wp_core",
        per_page=10,
        categories=_cats(
            ("monde", "Monde"),
            ("politique", "Politique"),
            ("economie", "Économie"),
            ("societe", "Société"),
        ),
        lang_weights={"fr": 1.0, "en": 0.35, "it": 0.4, "es": 0.2},
        attribution_mix=(
            ("source_yoast", "after", 0.45),
            ("source_link_fr", "after", 0.2),
            ("source_name_fr", "inline_last", 0.1),
            ("none", "none", 0.25),
        ),
        copy_modes=(("full", 0.82), ("partial:lire_suite_fr", 0.18)),
        own_genres=("conseils",),
        own_count=3,
        authors=("La rédaction", "admin"),
        widgets=("recent_titles", "categories", "post_nav", "comment_form"),
        www=True,
        notes="WordPress, Astra theme, Yoast SEO (fr_FR), WordPress core sitemaps",
    ),
    SiteSpec(
        key="de",
        host="nachrichten-heute24.de",
        alt_hosts=("www.nachrichten-heute24.de",),
        name="Nachrichten Heute 24",
        tagline="Aktuelle Nachrichten aus Deutschland und der Welt",
        lang="de",
        theme="wp_generatepress",
        permalink="plain",
        feed="wp_rss",
        feed_full=True,
        feed_footer="yoast_de",
        feed_utm=False,
        sitemap=None,
        per_page=10,
        categories=_cats(
            ("politik", "Politik"),
            ("wirtschaft", "Wirtschaft"),
            ("panorama", "Panorama"),
            ("digital", "Digital"),
        ),
        lang_weights={"de": 1.0, "en": 0.08},
        attribution_mix=(
            ("source_yoast", "after", 0.34),
            ("quelle_de", "inline_last", 0.16),
            ("quelle_link_de", "after", 0.14),
            ("canonical", "head", 0.1),
            ("none", "none", 0.26),
        ),
        copy_modes=(("full", 0.8), ("partial:weiterlesen_de", 0.12), ("lead_dropped", 0.08)),
        own_genres=("ratgeber",),
        own_count=4,
        authors=("Redaktion", "admin"),
        widgets=("recent_titles", "related_excerpts", "footer_imprint"),
        lenient_query=False,
        notes="WordPress with plain permalinks (/?p=123, /?cat=3, /?paged=2, /?feed=rss2), GeneratePress theme, Yoast SEO (de_DE); no sitemap",
    ),
    SiteSpec(
        key="es",
        host="noticiasdeldia-hoy.com",
        alt_hosts=("www.noticiasdeldia-hoy.com",),
        name="Noticias del Día Hoy",
        tagline="Las noticias que importan",
        lang="es",
        theme="wp_elementor",
        permalink="section_slug",
        feed="wp_rss",
        feed_full=False,
        feed_footer="yoast_es",
        feed_utm=False,
        sitemap="yoast",
        per_page=9,
        categories=_cats(
            ("internacional", "Internacional"),
            ("espana", "España"),
            ("economia", "Economía"),
            ("sociedad", "Sociedad"),
        ),
        lang_weights={"es": 1.0, "pt": 1.0, "it": 0.6, "en": 0.25, "fr": 0.2},
        attribution_mix=(
            ("source_yoast", "after", 0.38),
            ("fuente_link_es", "after", 0.22),
            ("fuente_es", "before", 0.08),
            ("originalmente_es", "after", 0.12),
            ("none", "none", 0.2),
        ),
        copy_modes=(("full", 0.85), ("partial:seguir_es", 0.15)),
        own_genres=("consejos",),
        own_count=3,
        authors=("Redacción", "admin"),
        widgets=("related_grid", "newsletter_es", "network"),
        notes="WordPress, Hello Elementor theme, Yoast SEO (es_ES)",
    ),
    SiteSpec(
        key="blog",
        host="worldpulse-daily.blogspot.com",
        alt_hosts=(),
        name="World Pulse Daily",
        tagline="News digest from every corner of the world",
        lang="en",
        theme="blogger",
        permalink="blogger",
        feed="blogger_atom",
        feed_full=True,
        feed_footer=None,
        feed_utm=False,
        sitemap="blogger",
        per_page=8,
        categories=_cats(
            ("World", "World"),
            ("Asia", "Asia"),
            ("Europe", "Europe"),
            ("Americas", "Americas"),
            ("Africa", "Africa"),
        ),
        lang_weights={"en": 0.6, "de": 0.3, "*": 0.5},
        attribution_mix=(
            ("source_name_en", "before", 0.22),
            ("originally_url", "after", 0.28),
            ("via_link", "after", 0.14),
            ("none", "none", 0.36),
        ),
        copy_modes=(("full", 0.68), ("partial:continue_at", 0.22), ("lead_dropped", 0.10)),
        own_genres=("commentary", "explainer"),
        own_count=4,
        authors=("World Pulse", "Admin"),
        widgets=("popular_snippets", "archive", "labels"),
        notes="Blogger-like: /YYYY/MM/slug.html, Atom feed, robots.txt disallows /search (pagination and labels) but lists the sitemap",
        extra={"blog_id": "7051862934576120442"},
    ),
    SiteSpec(
        key="drupal",
        host="newsroom-digest.org",
        alt_hosts=("www.newsroom-digest.org",),
        name="Newsroom Digest",
        tagline="Independent news aggregation",
        lang="en",
        theme="drupal",
        permalink="drupal",
        feed="drupal_rss",
        feed_full=False,
        feed_footer=None,
        feed_utm=False,
        sitemap="drupal",
        per_page=10,
        categories=_cats(
            ("world", "World"),
            ("europe", "Europe"),
            ("economy", "Economy"),
            ("science-tech", "Science & Tech"),
        ),
        lang_weights={"en": 0.55, "de": 0.25, "*": 0.4},
        attribution_mix=(
            ("canonical", "head", 0.45),
            ("drupal_field_source", "div_after", 0.3),
            ("none", "none", 0.25),
        ),
        copy_modes=(("full", 0.9), ("lead_dropped", 0.1)),
        own_genres=("local", "commentary"),
        own_count=5,
        authors=("editor", "newsroom"),
        widgets=("recent_content", "related_view"),
        lenient_query=False,
        notes="Drupal-like: /node/123 and /news/<alias> serve the same node, metatag cross-domain canonical for many copies, /rss.xml, ?page=N pager",
    ),
    SiteSpec(
        key="table",
        host="www.headlines-now.info",
        alt_hosts=("headlines-now.info",),
        name="Headlines Now",
        tagline="Your daily headlines since 2003",
        lang="en",
        theme="table",
        permalink="php",
        feed=None,
        feed_full=False,
        feed_footer=None,
        feed_utm=False,
        sitemap=None,
        per_page=15,
        categories=_cats(
            ("world", "World"), ("business", "Business"), ("sports", "Sports"), ("local", "Local")
        ),
        lang_weights={
            "en": 0.9,
            "de": 0.1,
            "fr": 0.15,
            "es": 0.15,
            "it": 0.15,
            "nl": 0.2,
            "no": 0.2,
            "pt": 0.2,
        },
        attribution_mix=(
            ("source_name_en", "inline_last", 0.38),
            ("none", "none", 0.37),
            ("originally_url", "after", 0.25),
        ),
        copy_modes=(("full", 0.72), ("partial:readmore_at", 0.28)),
        own_genres=("local", "weather"),
        own_count=6,
        authors=("webmaster",),
        widgets=("top_stories",),
        charset="windows-1252",
        www=True,
        lenient_query=False,
        notes="hand-rolled table layout, windows-1252, article.php?id=N, no feed, no sitemap",
    ),
    SiteSpec(
        key="cw",
        host="curatedwire.com",
        alt_hosts=("www.curatedwire.com",),
        name="Curated Wire",
        tagline="The best of the web, hand-picked",
        lang="en",
        theme="wp_twentyone",
        permalink="date_slug",
        feed="wp_rss",
        feed_full=False,
        feed_footer="aioseo_en",
        feed_utm=False,
        sitemap="rankmath",
        per_page=10,
        categories=EN_CATS,
        lang_weights={"en": 1.0, "de": 0.12, "*": 0.12},
        attribution_mix=(
            ("wpra_f2p", "after", 0.5),
            ("wpra_source", "meta", 0.2),
            ("conversation", "after", 0.12),
            ("none", "none", 0.18),
        ),
        copy_modes=(("full", 0.8), ("partial:hellip", 0.2)),
        own_genres=("listicle", "review", "explainer"),
        own_count=5,
        authors=("Curator", "admin"),
        widgets=("around_web", "network"),
        notes="WordPress, Twenty Twenty-One, WP RSS Aggregator (Feed to Post + 'From around the web' feed-items block), AIOSEO feed footer",
    ),
    SiteSpec(
        key="tbf",
        host="techbizfeed.com",
        alt_hosts=("www.techbizfeed.com",),
        name="TechBiz Feed",
        tagline="Tech and business news, automatically curated",
        lang="en",
        theme="wp_oceanwp",
        permalink="date_slug",
        feed="wp_rss",
        feed_full=True,
        feed_footer=None,
        feed_utm=False,
        sitemap="yoast",
        per_page=10,
        categories=_cats(
            ("technology", "Technology"),
            ("business", "Business"),
            ("world", "World"),
            ("science", "Science"),
        ),
        lang_weights={"en": 0.6, "*": 0.08},
        attribution_mix=(
            ("feedzy_readmore", "after", 0.55),
            ("source_yoast", "after", 0.12),
            ("none", "none", 0.33),
        ),
        copy_modes=(("partial:feedzy", 0.55), ("full", 0.45)),
        own_genres=("review", "listicle"),
        own_count=6,
        authors=("TechBiz Bot", "admin"),
        widgets=("trending_titles", "related_cards", "author_box"),
        notes="WordPress, OceanWP theme, Feedzy import: takes publisher feeds and other aggregators' feeds (chained copies)",
    ),
)


def site_by_key(key: str) -> SiteSpec:
    for site in SITES:
        if site.key == key:
            return site
    raise KeyError(key)
