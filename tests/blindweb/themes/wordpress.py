"""WordPress themes: Newspaper (tagDiv), a JNews-style content farm, Astra, GeneratePress,
Hello Elementor and Twenty Twenty-One, plus OceanWP. Same CMS, different markup, as on the real web."""

from __future__ import annotations

from tests.blindweb.model import Post
from tests.blindweb.sites import SiteSpec
from tests.blindweb.themes.base import (
    Entry,
    Listing,
    PageContext,
    article_schema,
    body_html,
    human_date,
    iso,
)
from tests.blindweb.wordings import esc, esc_attr

_LOCALE = {"en": "en_US", "fr": "fr_FR", "de": "de_DE", "es": "es_ES"}
_HTML_LANG = {"en": "en-US", "fr": "fr-FR", "de": "de-DE", "es": "es-ES"}


class WordPressTheme:
    """Shared head and helpers; subclasses write the body markup of their theme."""

    slug = "twentytwentyone"
    title_sep = "-"
    read_more = "Read more"
    yoast = True

    def __init__(self, site: SiteSpec) -> None:
        self.site = site

    # ------------------------------------------------------------------ head
    def head(
        self,
        title: str,
        description: str,
        canonical: str,
        ctx: PageContext,
        post: Post | None = None,
    ) -> str:
        site = self.site
        lines = [
            "<!DOCTYPE html>",
            f'<html lang="{_HTML_LANG.get(site.lang, "en-US")}">',
            "<head>",
            '<meta charset="UTF-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{esc(title)} {self.title_sep} {esc(site.name)}</title>"
            if post or title != site.name
            else f"<title>{esc(site.name)} {self.title_sep} {esc(site.tagline)}</title>",
            '<meta name="robots" content="index, follow, max-image-preview:large, max-snippet:-1, max-video-preview:-1">',
        ]
        if description:
            lines.append(f'<meta name="description" content="{esc_attr(description)}">')
        lines.append(f'<link rel="canonical" href="{esc_attr(canonical)}">')
        lines += [
            f'<meta property="og:locale" content="{_LOCALE.get(site.lang, "en_US")}">',
            f'<meta property="og:type" content="{"article" if post else "website"}">',
            f'<meta property="og:title" content="{esc_attr(title)}">',
            f'<meta property="og:url" content="{esc_attr(canonical)}">',
            f'<meta property="og:site_name" content="{esc_attr(site.name)}">',
        ]
        if description:
            lines.append(f'<meta property="og:description" content="{esc_attr(description)}">')
        if post is not None:
            lines += [
                f'<meta property="article:published_time" content="{iso(post.published)}">',
                f'<meta property="article:modified_time" content="{iso(post.modified or post.published)}">',
                f'<meta name="author" content="{esc_attr(post.author)}">',
                '<meta name="twitter:card" content="summary_large_image">',
            ]
            if self.yoast:
                lines.append(article_schema(post, site, canonical))
        if ctx.feed_url:
            lines.append(
                f'<link rel="alternate" type="application/rss+xml" title="{esc_attr(site.name)} &raquo; Feed" href="{esc_attr(ctx.feed_url)}">'
            )
        lines += [
            f"<link rel='stylesheet' id='{self.slug}-style-css' href='{site.home}wp-content/themes/{self.slug}/style.css?ver=6.4.3' media='all'>",
            f'<link rel="https://api.w.org/" href="{site.home}wp-json/">',
        ]
        if post is not None:
            lines.append(f"<link rel='shortlink' href='{site.home}?p={post.post_id}'>")
        lines += ['<meta name="generator" content="WordPress 6.4.3">', "</head>"]
        return "\n".join(lines)

    # ------------------------------------------------------------------ helpers
    def menu(self, ctx: PageContext, ul_class: str, li_class: str = "menu-item") -> str:
        items = [
            f'<li class="{li_class} menu-item-home"><a href="{self.site.home}">{self.home_label()}</a></li>'
        ]
        for cat in self.site.categories:
            items.append(
                f'<li class="{li_class} menu-item-type-taxonomy"><a href="{esc_attr(ctx.category_url(cat))}">{esc(cat.name)}</a></li>'
            )
        return f'<ul class="{ul_class}">' + "".join(items) + "</ul>"

    def home_label(self) -> str:
        return {"fr": "Accueil", "de": "Startseite", "es": "Inicio"}.get(self.site.lang, "Home")

    def footer_links(self, ctx: PageContext) -> str:
        return " | ".join(f'<a href="{esc_attr(u)}">{esc(t)}</a>' for t, u in ctx.static_pages)

    def content(self, post: Post) -> str:
        return body_html(post.body)

    def canonical(self, post: Post) -> str:
        return post.canonical or post.url

    # ------------------------------------------------------------------ pages
    def post_page(self, post: Post, ctx: PageContext) -> str:
        head = self.head(post.title, ctx.excerpt(post), self.canonical(post), ctx, post)
        return head + "\n" + self.post_body(post, ctx) + "\n</html>\n"

    def listing_page(self, listing: Listing, ctx: PageContext) -> str:
        head = self.head(
            listing.title, self.site.tagline if listing.kind == "home" else "", listing.url, ctx
        )
        return head + "\n" + self.listing_body(listing, ctx) + "\n</html>\n"

    def static_page(self, title: str, paragraphs: list[str], url: str, ctx: PageContext) -> str:
        head = self.head(title, paragraphs[0][:150], url, ctx)
        inner = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
        return head + "\n" + self.static_body(title, inner, ctx) + "\n</html>\n"

    # subclasses implement these three
    def post_body(self, post: Post, ctx: PageContext) -> str:
        raise NotImplementedError

    def listing_body(self, listing: Listing, ctx: PageContext) -> str:
        raise NotImplementedError

    def static_body(self, title: str, inner: str, ctx: PageContext) -> str:
        raise NotImplementedError

    def pager(
        self,
        listing: Listing,
        older: str = "Older posts",
        newer: str = "Newer posts",
        cls: str = "navigation pagination",
    ) -> str:
        parts = []
        if listing.prev_url:
            parts.append(
                f'<a class="prev page-numbers" href="{esc_attr(listing.prev_url)}">&laquo; {newer}</a>'
            )
        parts.append(
            f'<span aria-current="page" class="page-numbers current">{listing.page}</span>'
        )
        if listing.next_url:
            parts.append(
                f'<a class="next page-numbers" href="{esc_attr(listing.next_url)}">{older} &raquo;</a>'
            )
        return (
            f'<nav class="{cls}" aria-label="Posts"><div class="nav-links">'
            + "".join(parts)
            + "</div></nav>"
        )


def _entries_ul(entries: list[Entry], ul_class: str = "") -> str:
    return (
        f'<ul class="{ul_class}">'
        + "".join(f'<li><a href="{esc_attr(e.url)}">{esc(e.title)}</a></li>' for e in entries)
        + "</ul>"
    )


# ============================================================================ Newspaper (tagDiv)
class Newspaper(WordPressTheme):
    slug = "Newspaper"

    def frame(self, main: str, sidebar: str, ctx: PageContext, body_class: str, today: str) -> str:
        site = self.site
        return f"""<body class="{body_class} td-standard-pack global-block-template-1 td-full-layout" itemscope="itemscope" itemtype="https://schema.org/WebPage">
<div class="td-scroll-up"><i class="td-icon-menu-up"></i></div>
<div id="td-outer-wrap" class="td-theme-wrap">
<div class="tdc-header-wrap">
<div class="td-header-top-menu"><div class="td_data_time">{today}</div>
<ul class="top-header-menu">{"".join(f'<li class="menu-item"><a href="{esc_attr(u)}">{esc(t)}</a></li>' for t, u in ctx.static_pages)}</ul></div>
<div class="td-header-menu-wrap"><div class="td-logo"><a class="td-main-logo" href="{site.home}"><span class="td-logo-text">{esc(site.name)}</span><span class="td-tagline-text">{esc(site.tagline)}</span></a></div>
<div id="td-header-menu" role="navigation">{self.menu(ctx, "sf-menu", "menu-item")}</div></div>
</div>
<div class="td-main-content-wrap td-container-wrap"><div class="td-container">
<div class="td-pb-row">
<div class="td-pb-span8 td-main-content" role="main"><div class="td-ss-main-content">
{main}
</div></div>
<div class="td-pb-span4 td-main-sidebar" role="complementary"><div class="td-ss-main-sidebar">
{sidebar}
</div></div>
</div></div></div>
<div class="td-footer-wrapper td-container-wrap"><div class="td-container"><div class="footer-text-wrap">{esc(site.name)} brings you the latest headlines from trusted sources around the world, updated around the clock. Contact us: newsroom@{site.host.removeprefix("www.")}</div></div>
<div class="td-sub-footer-container"><div class="td-sub-footer-copy">&copy; 2025 {esc(site.name)}. All rights reserved.</div>
<div class="td-subfooter-menu">{self.footer_links(ctx)}</div></div></div>
</div>
</body>"""

    def sidebar(self, ctx: PageContext) -> str:
        entries = []
        for e in ctx.network:
            credit = (
                f'<div class="td-excerpt td-source">{e.credit_html}</div>' if e.credit_html else ""
            )
            entries.append(f"""<div class="td_module_wrap td_module_flex td_module_flex_1"><div class="td-module-container">
<h3 class="entry-title td-module-title"><a href="{esc_attr(e.url)}" rel="bookmark" title="{esc_attr(e.title)}">{esc(e.title)}</a></h3>
<div class="td-editor-date"><span class="td-post-date"><time class="entry-date updated td-module-date" datetime="{iso(e.date) if e.date else ""}">{human_date(e.date, "en") if e.date else ""}</time></span></div>
<div class="td-excerpt">{e.excerpt}</div>{credit}</div></div>""")
        popular = _entries_ul(ctx.recent[:6], "td-popular-list")
        return f"""<aside class="td_block_template_1 widget widget_block"><h4 class="block-title"><span>Latest from the network</span></h4>
<div class="td_block_inner td-mc1-wrap">{"".join(entries)}</div></aside>
<aside class="td_block_template_1 widget widget_recent_entries"><h4 class="block-title"><span>Popular</span></h4>{popular}</aside>
<aside class="td_block_template_1 widget"><div class="td-a-rec td-a-rec-id-sidebar"><span class="td-adspot-title">- Advertisement -</span><div class="ad-slot" data-slot="sidebar-300x250"></div></div></aside>"""

    def post_body(self, post: Post, ctx: PageContext) -> str:
        site = self.site
        cat_url = ctx.category_url(post.category)
        related = "".join(
            f'<div class="td-related-span4"><div class="td_module_related_posts"><h3 class="entry-title td-module-title"><a href="{esc_attr(e.url)}" rel="bookmark">{esc(e.title)}</a></h3></div></div>'
            for e in ctx.related[:3]
        )
        main = f"""<div class="td-crumb-container"><div class="entry-crumbs"><span><a href="{site.home}" class="entry-crumb">Home</a></span> <i class="td-icon-right td-bread-sep"></i> <span><a class="entry-crumb" href="{esc_attr(cat_url)}">{esc(post.category.name)}</a></span> <i class="td-icon-right td-bread-sep td-bred-no-url-last"></i> <span class="td-bred-no-url-last">{esc(post.title)}</span></div></div>
<article id="post-{post.post_id}" class="post-{post.post_id} post type-post status-publish format-standard has-post-thumbnail category-{post.category.slug}">
<div class="td-post-header">
<ul class="td-category"><li class="entry-category"><a href="{esc_attr(cat_url)}">{esc(post.category.name)}</a></li></ul>
<header class="td-post-title"><h1 class="entry-title">{esc(post.title)}</h1>
<div class="td-module-meta-info"><div class="td-post-author-name"><div class="td-author-by">By</div> <a href="{esc_attr(ctx.author_url(post.author))}">{esc(post.author)}</a><div class="td-author-line"> - </div></div>
<span class="td-post-date"><time class="entry-date updated td-module-date" datetime="{iso(post.published)}">{human_date(post.published, "en")}</time></span>
<div class="td-post-views"><i class="td-icon-views"></i><span class="td-nr-views-{post.post_id}">{(post.post_id * 37) % 4000 + 120}</span></div></div>
</header></div>
<div class="td-post-sharing-top"><div class="td-post-sharing"><span class="td-social-share-text">Share</span> <a class="td-social-facebook" href="#"><span>Facebook</span></a> <a class="td-social-twitter" href="#"><span>Twitter</span></a> <a class="td-social-whatsapp" href="#"><span>WhatsApp</span></a></div></div>
<div class="td-post-content tagdiv-type">
<div class="td-post-featured-image"><img width="696" height="392" class="entry-thumb" src="{site.home}wp-content/uploads/{post.published.strftime("%Y/%m")}/{post.post_id}-696x392.jpg" alt=""></div>
{self.content(post)}
</div>
<footer>{post.after_html}
<div class="td-post-sharing-bottom"><div class="td-post-sharing-classic"></div></div>
<div class="td-author-name vcard author" style="display:none"><span class="fn"><a href="{site.home}">{esc(post.author)}</a></span></div>
</footer>
<div class="td_block_wrap td_block_related_posts"><h4 class="td-related-title td-block-title"><a class="td-related-left td-cur-simple-item" href="#">RELATED ARTICLES</a><a class="td-related-right" href="#">MORE FROM AUTHOR</a></h4><div class="td_block_inner">{related}</div></div>
<div class="comments" id="comments"><div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">LEAVE A REPLY</h3>
<form action="{site.home}wp-comments-post.php" method="post" id="commentform" class="comment-form"><div class="clearfix"></div><div class="comment-form-input-wrap td-form-comment"><textarea placeholder="Comment:" id="comment" name="comment" cols="45" rows="8"></textarea><div class="td-warning-comment">Please enter your comment!</div></div>
<div class="comment-form-input-wrap td-form-author"><input class="" id="author" name="author" placeholder="Name:*" type="text" value="" size="30"><div class="td-warning-author">Please enter your name here</div></div>
<p class="comment-form-cookies-consent"><input id="wp-comment-cookies-consent" name="wp-comment-cookies-consent" type="checkbox" value="yes"><label for="wp-comment-cookies-consent">Save my name, email, and website in this browser for the next time I comment.</label></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment"></p></form></div></div>
</article>"""
        return self.frame(
            main,
            self.sidebar(ctx),
            ctx,
            f"post-template-default single single-post postid-{post.post_id} single-format-standard",
            human_date(post.published, "en"),
        )

    def listing_body(self, listing: Listing, ctx: PageContext) -> str:
        items = []
        for post in listing.posts:
            url = ctx.post_url(post)
            items.append(f"""<div class="td_module_10 td_module_wrap td-animation-stack"><div class="td-module-thumb"><a href="{esc_attr(url)}" rel="bookmark" class="td-image-wrap" title="{esc_attr(post.title)}"><img width="218" height="150" class="entry-thumb" src="{self.site.home}wp-content/uploads/{post.published.strftime("%Y/%m")}/{post.post_id}-218x150.jpg" alt=""></a></div>
<div class="item-details"><h3 class="entry-title td-module-title"><a href="{esc_attr(url)}" rel="bookmark" title="{esc_attr(post.title)}">{esc(post.title)}</a></h3>
<div class="td-module-meta-info"><span class="td-post-author-name"><a href="#">{esc(post.author)}</a> <span>-</span> </span><span class="td-post-date"><time class="entry-date updated td-module-date" datetime="{iso(post.published)}">{human_date(post.published, "en")}</time></span></div>
<div class="td-excerpt">{ctx.excerpt(post)}</div></div></div>""")
        heading = (
            ""
            if listing.kind == "home"
            else f'<div class="td-category-header"><h1 class="entry-title td-page-title">{esc(listing.title)}</h1></div>'
        )
        pager = self.pager(listing, "Next", "Prev", "page-nav td-pb-padding-side")
        main = heading + '<div class="td-block-span12">' + "".join(items) + "</div>" + pager
        return self.frame(
            main,
            self.sidebar(ctx),
            ctx,
            "home blog" if listing.kind == "home" else "archive category",
            "",
        )

    def static_body(self, title: str, inner: str, ctx: PageContext) -> str:
        main = f'<div class="td-page-header"><h1 class="entry-title td-page-title"><span>{esc(title)}</span></h1></div><div class="td-page-content tagdiv-type">{inner}</div>'
        return self.frame(main, self.sidebar(ctx), ctx, "page-template-default page", "")


# ============================================================================ JNews-style content farm
class JNewsFarm(WordPressTheme):
    slug = "jnews"
    title_sep = "|"
    yoast = False

    def frame(self, main: str, ctx: PageContext, body_class: str) -> str:
        site = self.site
        trending = _entries_ul(ctx.recent[:5], "jeg_trending_list")
        return f"""<body class="{body_class} wp-theme-jnews jeg_single_tpl_2 jnews jsc_normal">
<div class="jeg_ad jeg_ad_top jnews_header_top_ads"><div class="ads-wrapper"></div></div>
<div class="jeg_viewport">
<div class="jeg_header_wrapper"><div class="jeg_topbar jeg_container normal"><div class="container"><div class="jeg_nav_row">
<div class="jeg_nav_col jeg_nav_left"><div class="jeg_nav_item jeg_social_icon_block socials_widget nobg"><span class="jeg_social_title">Connect with us</span> <a href="#" class="jeg_facebook"><i class="fa fa-facebook"></i></a> <a href="#" class="jeg_twitter"><i class="fa fa-twitter"></i></a> <a href="#" class="jeg_linkedin"><i class="fa fa-linkedin"></i></a></div></div>
</div></div></div>
<div class="jeg_midbar jeg_container normal"><div class="container"><div class="jeg_logo jeg_desktop_logo"><a href="{site.home}" style="padding: 0 0 0 0;"><span class="jeg_logo_text">{esc(site.name)}</span></a></div>
<div class="jeg_search_wrapper search_icon"><form action="{site.home}" method="get" class="jeg_search_form" target="_top"><input name="s" class="jeg_search_input" placeholder="Hi, what are you looking for?" type="text" value="" autocomplete="off"><button aria-label="Search Button" type="submit" class="jeg_search_button btn"><i class="fa fa-search"></i></button></form></div></div></div>
<div class="jeg_bottombar jeg_navbar jeg_container jeg_navbar_wrapper"><div class="container"><div class="jeg_main_menu_wrapper">{self.menu(ctx, "jeg_menu jeg_main_menu jeg_menu_style_1", "menu-item")}</div></div></div>
</div>
<div class="jeg_main"><div class="jeg_container"><div class="jeg_content jeg_singlepage"><div class="container"><div class="row">
<div class="jeg_main_content col-md-8">{main}</div>
<div class="jeg_sidebar left jeg_sticky_sidebar col-md-4"><div class="widget widget_jnews_module_block_21"><div class="jeg_block_heading jeg_block_heading_6"><h3 class="jeg_block_title"><span>Trending</span></h3></div>{trending}</div></div>
</div></div></div></div></div>
<div class="footer-holder" id="footer"><div class="jeg_footer jeg_footer_1 dark"><div class="jeg_footer_container jeg_container"><div class="jeg_footer_bottom"><div class="container"><p class="copyright">Copyright &copy; 2025 {esc(site.name.replace(" ", ""))}.com</p><div class="jeg_footer_menu">{self.footer_links(ctx)}</div></div></div></div></div></div>
</div>
</body>"""

    def post_body(self, post: Post, ctx: PageContext) -> str:
        site = self.site
        cat_url = ctx.category_url(post.category)
        cards = "".join(
            f"""<article class="jeg_post jeg_pl_md_1 format-standard"><div class="jeg_thumb"><a href="{esc_attr(e.url)}"><div class="thumbnail-container animate-lazy size-500"><img class="lazyload" data-src="{site.home}wp-content/uploads/related-{i}.jpg" alt=""></div></a><div class="jeg_post_category"><span><a href="#" class="category-{esc_attr(e.category.lower().replace(" ", "-"))}">{esc(e.category)}</a></span></div></div>
<div class="jeg_postblock_content"><h3 class="jeg_post_title"><a href="{esc_attr(e.url)}">{esc(e.title)}</a></h3><div class="jeg_post_excerpt"><p>{e.excerpt}</p></div></div></article>"""
            for i, e in enumerate(ctx.related[:4])
        )
        domain = site.host.removeprefix("www.")
        main = f"""<div class="jeg_inner_content">
<div class="jeg_breadcrumbs jeg_breadcrumb_container"><div id="breadcrumbs"><span class=""><a href="{site.home}">Home</a></span><i class="fa fa-angle-right"></i><span class="breadcrumb_last_link"><a href="{esc_attr(cat_url)}">{esc(post.category.name)}</a></span></div></div>
<div class="entry-header"><div class="jeg_post_category"><span><a href="{esc_attr(cat_url)}" class="category-{post.category.slug}">{esc(post.category.name)}</a></span></div>
<h1 class="jeg_post_title">{esc(post.title)}</h1>
<div class="jeg_meta_container"><div class="jeg_post_meta jeg_post_meta_2"><div class="meta_left"><div class="jeg_meta_author"><span class="meta_text">by</span> <a href="{esc_attr(ctx.author_url(post.author))}">{esc(post.author)}</a></div><div class="jeg_meta_date"><a href="{esc_attr(post.url)}">{human_date(post.published, "en")}</a></div></div></div></div></div>
<div class="jeg_featured featured_image"><div class="thumbnail-container animate-lazy"><img width="750" height="375" src="{site.home}wp-content/uploads/{post.published.strftime("%Y/%m")}/{esc_attr(post.slug[:40])}-750x375.jpg" class="attachment-jnews-750x375 size-jnews-750x375 wp-post-image" alt=""></div></div>
<div class="jeg_share_top_container"><div class="jeg_share_button clearfix"><div class="jeg_sharelist"><a href="#" class="jeg_btn-facebook expanded"><span>Share on Facebook</span></a><a href="#" class="jeg_btn-twitter expanded"><span>Share on Twitter</span></a></div></div></div>
<div class="entry-content no-share"><div class="jeg_share_button share-float jeg_sticky_share clearfix share-monocrhome"></div>
<div class="content-inner ">
{self.content(post)}
</div></div>
<div class="jeg_ad jeg_article jnews_content_bottom_ads"><div class="ads-wrapper"><div class="ads_code"></div></div></div>
<div class="jnews_newsletter_box"><div class="jeg_newsletter_box"><h3>Join the Investors Club</h3><p>Get the morning market briefing before the opening bell. Members receive our weekly watchlist, early access to special reports and invitations to live question-and-answer sessions with our analysts. Sign up today and never miss a move.</p>
<form class="newsletter-form"><input type="email" name="EMAIL" placeholder="Your email address"><button type="submit">Subscribe</button></form>
<p class="jeg_newsletter_footer">By signing up you agree to receive emails from us and our partners. You can unsubscribe at any time; we never share your address.</p></div></div>
<div class="jnews_related_post_container"><div class="jeg_postblock_22 jeg_postblock jeg_module_hook jeg_pagination_disable jeg_col_2o3"><div class="jeg_block_heading jeg_block_heading_6 jeg_subcat_right"><h3 class="jeg_block_title"><span>You May Also Like</span></h3></div>
<div class="jeg_block_container"><div class="jeg_posts_wrap"><div class="jeg_posts jeg_load_more_flag">{cards}</div></div></div></div></div>
<div class="jeg_disclaimer"><p>Disclaimer: {domain}, its owners, staff and partners (together "the Publisher") make no guarantee about the accuracy of the market information on this site. Articles are provided for general information only and are not personal financial advice. The Publisher is not a registered investment adviser and holds no licence to recommend securities in any jurisdiction. Always speak to a qualified adviser and read the relevant filings before making any investment decision.</p></div>
</div>"""
        return self.frame(
            main,
            ctx,
            f"wp-singular post-template-default single single-post postid-{post.post_id} single-format-standard",
        )

    def listing_body(self, listing: Listing, ctx: PageContext) -> str:
        items = []
        for post in listing.posts:
            url = ctx.post_url(post)
            items.append(f"""<article class="jeg_post jeg_pl_lg_2 format-standard"><div class="jeg_thumb"><a href="{esc_attr(url)}"><img src="{self.site.home}wp-content/uploads/thumb-{post.post_id}.jpg" alt=""></a></div>
<div class="jeg_postblock_content"><div class="jeg_post_category"><a href="{esc_attr(ctx.category_url(post.category))}">{esc(post.category.name)}</a></div><h3 class="jeg_post_title"><a href="{esc_attr(url)}">{esc(post.title)}</a></h3>
<div class="jeg_post_meta"><div class="jeg_meta_date"><i class="fa fa-clock-o"></i> {human_date(post.published, "en")}</div></div><div class="jeg_post_excerpt"><p>{ctx.excerpt(post)}</p><a href="{esc_attr(url)}" class="jeg_readmore">Read more</a></div></div></article>""")
        title = (
            ""
            if listing.kind == "home"
            else f'<div class="jeg_cat_header"><h1 class="jeg_cat_title">{esc(listing.title)}</h1></div>'
        )
        main = (
            title
            + '<div class="jeg_postblock_3 jeg_postblock"><div class="jeg_posts">'
            + "".join(items)
            + "</div></div>"
            + self.pager(listing, "Next", "Prev", "jeg_navigation jeg_pagination")
        )
        return self.frame(main, ctx, "home blog" if listing.kind == "home" else "archive category")

    def static_body(self, title: str, inner: str, ctx: PageContext) -> str:
        return self.frame(
            f'<div class="jeg_inner_content"><h1 class="jeg_post_title">{esc(title)}</h1><div class="entry-content">{inner}</div></div>',
            ctx,
            "page-template-default page",
        )


# ============================================================================ Astra (French site)
class Astra(WordPressTheme):
    slug = "astra"
    read_more = "Lire la suite"

    def frame(self, main: str, ctx: PageContext, body_class: str) -> str:
        site = self.site
        recent = "".join(
            f'<li><a class="wp-block-latest-posts__post-title" href="{esc_attr(e.url)}">{esc(e.title)}</a></li>'
            for e in ctx.recent[:5]
        )
        cats = "".join(
            f'<li class="cat-item cat-item-{c.term_id}"><a href="{esc_attr(ctx.category_url(c))}">{esc(c.name)}</a></li>'
            for c in site.categories
        )
        return f"""<body itemtype="https://schema.org/Blog" itemscope="itemscope" class="{body_class} ast-desktop ast-separate-container ast-right-sidebar astra-4.6.4 ast-header-custom-item-inside">
<a class="skip-link screen-reader-text" href="#content">Aller au contenu</a>
<div class="hfeed site" id="page">
<header class="site-header header-main-layout-1 ast-primary-menu-enabled ast-logo-title-inline" id="masthead" itemtype="https://schema.org/WPHeader" itemscope="itemscope">
<div class="main-header-bar-wrap"><div class="main-header-bar"><div class="ast-container"><div class="ast-flex main-header-container">
<div class="site-branding"><div class="ast-site-identity" itemtype="https://schema.org/Organization" itemscope="itemscope"><div class="ast-site-title-wrap"><span class="site-title" itemprop="name"><a href="{site.home}" rel="home" itemprop="url">{esc(site.name)}</a></span><p class="site-description" itemprop="description">{esc(site.tagline)}</p></div></div></div>
<div class="ast-main-header-bar-alignment"><div class="main-header-bar-navigation"><nav class="site-navigation ast-flex-grow-1 navigation-accessibility" id="primary-site-navigation" aria-label="Navigation du site" itemtype="https://schema.org/SiteNavigationElement" itemscope="itemscope">{self.menu(ctx, "main-header-menu ast-menu-shadow ast-nav-menu ast-flex submenu-with-border", "menu-item")}</nav></div></div>
</div></div></div></div></header>
<div id="content" class="site-content"><div class="ast-container">
<div id="primary" class="content-area primary"><main id="main" class="site-main">
{main}
</main></div>
<div class="widget-area secondary" id="secondary" role="complementary" itemtype="https://schema.org/WPSideBar" itemscope="itemscope"><div class="sidebar-main">
<aside id="block-3" class="widget widget_block"><div class="wp-block-group"><h2 class="wp-block-heading">Articles récents</h2><ul class="wp-block-latest-posts__list wp-block-latest-posts">{recent}</ul></div></aside>
<aside id="categories-2" class="widget widget_categories"><h2 class="widget-title">Catégories</h2><nav aria-label="Catégories"><ul>{cats}</ul></nav></aside>
</div></div>
</div></div>
<footer class="site-footer" id="colophon" itemtype="https://schema.org/WPFooter" itemscope="itemscope"><div class="ast-small-footer footer-sml-layout-1"><div class="ast-footer-overlay"><div class="ast-container"><div class="ast-small-footer-wrap"><div class="ast-small-footer-section ast-small-footer-section-1">Copyright &copy; 2025 {esc(site.name)} | Propulsé par Astra WordPress Theme</div><div class="ast-small-footer-section ast-small-footer-section-2">{self.footer_links(ctx)}</div></div></div></div></div></footer>
</div>
</body>"""

    def post_body(self, post: Post, ctx: PageContext) -> str:
        site = self.site
        nav = []
        if ctx.prev_post is not None:
            nav.append(
                f'<div class="nav-previous"><a title="{esc_attr(ctx.prev_post.title)}" href="{esc_attr(ctx.post_url(ctx.prev_post))}" rel="prev"><span class="ast-left-arrow">&larr;</span> Article précédent</a></div>'
            )
        if ctx.next_post is not None:
            nav.append(
                f'<div class="nav-next"><a title="{esc_attr(ctx.next_post.title)}" href="{esc_attr(ctx.post_url(ctx.next_post))}" rel="next">Article suivant <span class="ast-right-arrow">&rarr;</span></a></div>'
            )
        main = f"""<article class="post-{post.post_id} post type-post status-publish format-standard hentry category-{post.category.slug} ast-article-single" id="post-{post.post_id}" itemtype="https://schema.org/CreativeWork" itemscope="itemscope">
<div class="ast-post-format- ast-no-thumb single-layout-1">
<header class="entry-header ast-no-thumbnail"><h1 class="entry-title" itemprop="headline">{esc(post.title)}</h1>
<div class="entry-meta"><span class="posted-by vcard author" itemtype="https://schema.org/Person" itemscope="itemscope" itemprop="author">Par <a title="Voir tous les articles de {esc_attr(post.author)}" href="{esc_attr(ctx.author_url(post.author))}" rel="author" class="url fn n" itemprop="url"><span class="author-name" itemprop="name">{esc(post.author)}</span></a></span> / <span class="posted-on"><span class="published" itemprop="datePublished">{human_date(post.published, "fr")}</span></span> / <span class="cat-links"><a href="{esc_attr(ctx.category_url(post.category))}" rel="category tag">{esc(post.category.name)}</a></span></div>
</header>
<div class="entry-content clear" itemprop="text">
{self.content(post)}
</div>
{post.after_html}
</div>
</article>
<nav class="navigation post-navigation" aria-label="Publications"><h2 class="screen-reader-text">Navigation de l’article</h2><div class="nav-links">{"".join(nav)}</div></nav>
<div id="comments" class="comments-area"><div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Laisser un commentaire</h3><form action="{site.home}wp-comments-post.php" method="post" id="ast-commentform" class="comment-form"><p class="comment-notes"><span id="email-notes">Votre adresse e-mail ne sera pas publiée.</span> Les champs obligatoires sont indiqués avec <span class="required">*</span></p><div class="ast-row comment-textarea"><fieldset class="comment-form-comment"><textarea id="comment" name="comment" placeholder="Saisissez votre commentaire ici..." cols="45" rows="8"></textarea></fieldset></div><p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Laisser un commentaire"></p></form></div></div>"""
        return self.frame(
            main,
            ctx,
            f"post-template-default single single-post postid-{post.post_id} single-format-standard",
        )

    def listing_body(self, listing: Listing, ctx: PageContext) -> str:
        items = []
        for post in listing.posts:
            url = ctx.post_url(post)
            items.append(f"""<article class="post-{post.post_id} post type-post status-publish format-standard hentry ast-article-post" id="post-{post.post_id}" itemtype="https://schema.org/CreativeWork" itemscope="itemscope"><div class="ast-post-format- blog-layout-1 ast-no-date-box"><div class="post-content ast-grid-common-col">
<h2 class="entry-title ast-blog-single-element" itemprop="headline"><a href="{esc_attr(url)}" rel="bookmark">{esc(post.title)}</a></h2>
<header class="entry-header ast-blog-single-element ast-blog-meta-container"><div class="entry-meta"><span class="posted-on">{human_date(post.published, "fr")}</span></div></header>
<div class="ast-excerpt-container ast-blog-single-element"><p>{ctx.excerpt(post)}</p></div>
<p class="ast-blog-single-element ast-read-more-container read-more"><a class="" href="{esc_attr(url)}">Lire la suite &raquo;<span class="screen-reader-text">{esc(post.title)}</span></a></p>
</div></div></article>""")
        header = (
            ""
            if listing.kind == "home"
            else f'<section class="ast-archive-description"><h1 class="page-title ast-archive-title">{esc(listing.title)}</h1></section>'
        )
        main = (
            header
            + '<div class="ast-row">'
            + "".join(items)
            + "</div>"
            + self.pager(listing, "Suivant", "Précédent", "ast-pagination")
        )
        return self.frame(main, ctx, "home blog" if listing.kind == "home" else "archive category")

    def static_body(self, title: str, inner: str, ctx: PageContext) -> str:
        return self.frame(
            f'<article class="page type-page status-publish ast-article-single"><header class="entry-header"><h1 class="entry-title">{esc(title)}</h1></header><div class="entry-content clear">{inner}</div></article>',
            ctx,
            "page-template-default page",
        )


# ============================================================================ GeneratePress (German site)
class GeneratePress(WordPressTheme):
    slug = "generatepress"
    read_more = "Weiterlesen"

    def frame(self, main: str, ctx: PageContext, body_class: str) -> str:
        site = self.site
        recent = _entries_ul(ctx.recent[:6])
        return f"""<body class="{body_class} wp-embed-responsive right-sidebar nav-float-right separate-containers header-aligned-left dropdown-hover" itemtype="https://schema.org/Blog" itemscope>
<a class="screen-reader-text skip-link" href="#content" title="Zum Inhalt springen">Zum Inhalt springen</a>
<header class="site-header has-inline-mobile-toggle" id="masthead" aria-label="Website" itemtype="https://schema.org/WPHeader" itemscope>
<div class="inside-header grid-container"><div class="site-branding"><p class="main-title" itemprop="headline"><a href="{site.home}" rel="home">{esc(site.name)}</a></p><p class="site-description" itemprop="description">{esc(site.tagline)}</p></div>
<nav class="main-navigation sub-menu-right" id="site-navigation" aria-label="Primär" itemtype="https://schema.org/SiteNavigationElement" itemscope><div class="inside-navigation grid-container"><div id="primary-menu" class="main-nav">{self.menu(ctx, "menu sf-menu", "menu-item")}</div></div></nav>
</div></header>
<div class="site grid-container container hfeed" id="page"><div class="site-content" id="content">
<div class="content-area" id="primary"><main class="site-main" id="main">
{main}
</main></div>
<div class="widget-area sidebar is-right-sidebar" id="right-sidebar"><div class="inside-right-sidebar">
<aside id="search-2" class="widget inner-padding widget_search"><form method="get" class="search-form" action="{site.home}"><label><span class="screen-reader-text">Suche nach:</span><input type="search" class="search-field" placeholder="Suchen …" value="" name="s" title="Suche nach:"></label><button class="search-submit" aria-label="Suchen"></button></form></aside>
<aside id="recent-posts-2" class="widget inner-padding widget_recent_entries"><h2 class="widget-title">Neueste Beiträge</h2>{recent}</aside>
</div></div>
</div></div>
<div class="site-footer"><footer class="site-info" aria-label="Website" itemtype="https://schema.org/WPFooter" itemscope><div class="inside-site-info grid-container"><div class="copyright-bar"><span class="copyright">&copy; 2025 {esc(site.name)}</span> &bull; {self.footer_links(ctx)}</div></div></footer></div>
</body>"""

    def post_body(self, post: Post, ctx: PageContext) -> str:
        related = "".join(
            f'<li><a href="{esc_attr(e.url)}">{esc(e.title)}</a><p class="related-excerpt">{e.excerpt}</p></li>'
            for e in ctx.related[:3]
        )
        nav = []
        if ctx.prev_post is not None:
            nav.append(
                f'<div class="nav-previous"><span class="prev"><a href="{esc_attr(ctx.post_url(ctx.prev_post))}" rel="prev">{esc(ctx.prev_post.title)}</a></span></div>'
            )
        if ctx.next_post is not None:
            nav.append(
                f'<div class="nav-next"><span class="next"><a href="{esc_attr(ctx.post_url(ctx.next_post))}" rel="next">{esc(ctx.next_post.title)}</a></span></div>'
            )
        main = f"""<article id="post-{post.post_id}" class="post-{post.post_id} post type-post status-publish format-standard hentry category-{post.category.slug}" itemtype="https://schema.org/CreativeWork" itemscope>
<div class="inside-article">
<header class="entry-header" aria-label="Inhalt"><h1 class="entry-title" itemprop="headline">{esc(post.title)}</h1>
<div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="{iso(post.published)}" itemprop="datePublished">{human_date(post.published, "de")}</time></span> <span class="byline">von <span class="author vcard" itemprop="author" itemtype="https://schema.org/Person" itemscope><span class="author-name" itemprop="name">{esc(post.author)}</span></span></span></div>
</header>
<div class="entry-content" itemprop="text">
{self.content(post)}
</div>
{post.after_html}
<footer class="entry-meta" aria-label="Beitragsmeta"><span class="cat-links"><span class="screen-reader-text">Kategorien </span><a href="{esc_attr(ctx.category_url(post.category))}" rel="category tag">{esc(post.category.name)}</a></span>
<nav id="nav-below" class="post-navigation" aria-label="Beiträge"><span class="screen-reader-text">Beitrags-Navigation</span>{"".join(nav)}</nav></footer>
</div></article>
<div class="gp-related-posts inside-article"><h3 class="related-title">Das könnte Sie auch interessieren</h3><ul class="related-list">{related}</ul></div>"""
        return self.frame(
            main,
            ctx,
            f"post-template-default single single-post postid-{post.post_id} single-format-standard",
        )

    def listing_body(self, listing: Listing, ctx: PageContext) -> str:
        items = []
        for post in listing.posts:
            url = ctx.post_url(post)
            items.append(f"""<article id="post-{post.post_id}" class="post-{post.post_id} post type-post status-publish format-standard hentry" itemtype="https://schema.org/CreativeWork" itemscope><div class="inside-article">
<header class="entry-header"><h2 class="entry-title" itemprop="headline"><a href="{esc_attr(url)}" rel="bookmark">{esc(post.title)}</a></h2><div class="entry-meta"><span class="posted-on"><time class="entry-date published" datetime="{iso(post.published)}">{human_date(post.published, "de")}</time></span></div></header>
<div class="entry-summary" itemprop="text"><p>{ctx.excerpt(post)} <a title="{esc_attr(post.title)}" class="read-more" href="{esc_attr(url)}" aria-label="Mehr Informationen über {esc_attr(post.title)}">Weiterlesen</a></p></div>
</div></article>""")
        header = (
            ""
            if listing.kind == "home"
            else f'<header class="page-header" aria-label="Seite"><h1 class="page-title">{esc(listing.title)}</h1></header>'
        )
        main = (
            header
            + "".join(items)
            + self.pager(listing, "Nächste", "Vorherige", "paging-navigation")
        )
        return self.frame(main, ctx, "home blog" if listing.kind == "home" else "archive category")

    def static_body(self, title: str, inner: str, ctx: PageContext) -> str:
        return self.frame(
            f'<article class="page type-page"><div class="inside-article"><header class="entry-header"><h1 class="entry-title">{esc(title)}</h1></header><div class="entry-content">{inner}</div></div></article>',
            ctx,
            "page-template-default page",
        )


# ============================================================================ Hello Elementor (Spanish site)
class HelloElementor(WordPressTheme):
    slug = "hello-elementor"
    read_more = "Leer más"

    def frame(self, main: str, ctx: PageContext, body_class: str) -> str:
        site = self.site
        return f"""<body class="{body_class} elementor-default elementor-template-full-width elementor-kit-7 elementor-page-1024">
<a class="skip-link screen-reader-text" href="#content">Ir al contenido</a>
<div data-elementor-type="header" data-elementor-id="88" class="elementor elementor-88 elementor-location-header" data-elementor-post-type="elementor_library">
<section class="elementor-section elementor-top-section elementor-element elementor-section-boxed"><div class="elementor-container elementor-column-gap-default">
<div class="elementor-column elementor-col-33"><div class="elementor-widget-wrap"><div class="elementor-element elementor-widget elementor-widget-theme-site-title elementor-widget-heading"><div class="elementor-widget-container"><h2 class="elementor-heading-title elementor-size-default"><a href="{site.home}">{esc(site.name)}</a></h2></div></div></div></div>
<div class="elementor-column elementor-col-66"><div class="elementor-widget-wrap"><div class="elementor-element elementor-widget elementor-widget-nav-menu"><div class="elementor-widget-container"><nav class="elementor-nav-menu--main elementor-nav-menu__container">{self.menu(ctx, "elementor-nav-menu", "menu-item")}</nav></div></div></div></div>
</div></section></div>
<main id="content">
{main}
</main>
<div data-elementor-type="footer" data-elementor-id="95" class="elementor elementor-95 elementor-location-footer"><section class="elementor-section elementor-top-section"><div class="elementor-container">
<div class="elementor-widget-container"><div class="elementor-form-fields-wrapper"><h3>Suscríbete a nuestro boletín</h3><p>Recibe cada mañana un resumen con las noticias más importantes del día. Es gratis y puedes darte de baja cuando quieras.</p><form class="elementor-form" method="post"><input type="email" name="form_fields[email]" placeholder="Tu correo electrónico"><button type="submit" class="elementor-button">Suscribirme</button></form></div></div>
<div class="elementor-widget-container"><p>&copy; 2025 {esc(site.name)}. Todos los derechos reservados. {self.footer_links(ctx)}</p></div>
</div></section></div>
</body>"""

    def _grid(self, entries: list[Entry], heading: str) -> str:
        cards = "".join(
            f"""<article class="elementor-post elementor-grid-item post type-post status-publish"><div class="elementor-post__text"><h3 class="elementor-post__title"><a href="{esc_attr(e.url)}">{esc(e.title)}</a></h3>
<div class="elementor-post__excerpt"><p>{e.excerpt}</p></div>{f'<div class="elementor-post__source">{e.credit_html}</div>' if e.credit_html else ""}<a class="elementor-post__read-more" href="{esc_attr(e.url)}" aria-label="Leer más sobre {esc_attr(e.title)}">Leer más »</a></div></article>"""
            for e in entries
        )
        return f"""<div class="elementor-element elementor-widget elementor-widget-posts"><div class="elementor-widget-container"><h2 class="elementor-heading-title">{heading}</h2><div class="elementor-posts-container elementor-posts elementor-posts--skin-classic elementor-grid">{cards}</div></div></div>"""

    def post_body(self, post: Post, ctx: PageContext) -> str:
        main = f"""<div data-elementor-type="single-post" data-elementor-id="120" class="elementor elementor-120 elementor-location-single post-{post.post_id} post type-post status-publish format-standard hentry category-{post.category.slug}" data-elementor-post-type="elementor_library">
<section class="elementor-section elementor-top-section elementor-section-boxed"><div class="elementor-container elementor-column-gap-default"><div class="elementor-column elementor-col-100 elementor-top-column"><div class="elementor-widget-wrap elementor-element-populated">
<div class="elementor-element elementor-widget elementor-widget-theme-post-title elementor-page-title elementor-widget-heading"><div class="elementor-widget-container"><h1 class="elementor-heading-title elementor-size-default">{esc(post.title)}</h1></div></div>
<div class="elementor-element elementor-widget elementor-widget-post-info"><div class="elementor-widget-container"><ul class="elementor-inline-items elementor-icon-list-items elementor-post-info"><li class="elementor-icon-list-item elementor-repeater-item-author"><span class="elementor-icon-list-text elementor-post-info__item elementor-post-info__item--type-author">{esc(post.author)}</span></li><li class="elementor-icon-list-item elementor-repeater-item-date"><span class="elementor-icon-list-text elementor-post-info__item elementor-post-info__item--type-date"><time>{human_date(post.published, "es")}</time></span></li><li class="elementor-icon-list-item"><span class="elementor-post-info__terms-list"><a href="{esc_attr(ctx.category_url(post.category))}" class="elementor-post-info__terms-list-item">{esc(post.category.name)}</a></span></li></ul></div></div>
<div class="elementor-element elementor-widget elementor-widget-theme-post-content"><div class="elementor-widget-container">
{self.content(post)}
</div></div>
{post.after_html}
<div class="elementor-element elementor-widget elementor-widget-share-buttons"><div class="elementor-widget-container"><div class="elementor-grid"><div class="elementor-grid-item"><div class="elementor-share-btn elementor-share-btn_facebook" role="button"><span class="elementor-share-btn__title">Compartir</span></div></div></div></div></div>
{self._grid(ctx.related[:3], "Noticias relacionadas")}
{self._grid(ctx.network[:4], "Lo último de la red")}
</div></div></div></section></div>"""
        return self.frame(
            main,
            ctx,
            f"post-template-default single single-post postid-{post.post_id} single-format-standard",
        )

    def listing_body(self, listing: Listing, ctx: PageContext) -> str:
        entries = [
            Entry(p.title, ctx.post_url(p), ctx.excerpt(p), "", p.category.name, p.published)
            for p in listing.posts
        ]
        header = (
            f'<h1 class="elementor-heading-title">{esc(listing.title)}</h1>'
            if listing.kind != "home"
            else ""
        )
        nav = []
        if listing.prev_url:
            nav.append(
                f'<a class="page-numbers prev" href="{esc_attr(listing.prev_url)}">&laquo; Anterior</a>'
            )
        if listing.next_url:
            nav.append(
                f'<a class="page-numbers next" href="{esc_attr(listing.next_url)}">Siguiente &raquo;</a>'
            )
        main = (
            header
            + self._grid(entries, "Últimas noticias")
            + '<nav class="elementor-pagination" aria-label="Paginación">'
            + " ".join(nav)
            + "</nav>"
        )
        return self.frame(main, ctx, "home blog" if listing.kind == "home" else "archive category")

    def static_body(self, title: str, inner: str, ctx: PageContext) -> str:
        return self.frame(
            f'<div class="page-header"><h1 class="entry-title">{esc(title)}</h1></div><div class="page-content">{inner}</div>',
            ctx,
            "page-template-default page",
        )


# ============================================================================ Twenty Twenty-One (WP RSS Aggregator site)
class TwentyTwentyOne(WordPressTheme):
    slug = "twentytwentyone"
    yoast = False

    def frame(self, main: str, ctx: PageContext, body_class: str) -> str:
        site = self.site
        return f"""<body class="{body_class} wp-embed-responsive is-light-theme no-js singular has-main-navigation">
<div id="page" class="site"><a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header has-title-and-tagline has-menu"><div class="site-branding"><p class="site-title"><a href="{site.home}">{esc(site.name)}</a></p><p class="site-description">{esc(site.tagline)}</p></div>
<nav id="site-navigation" class="primary-navigation" aria-label="Primary menu"><div class="primary-menu-container">{self.menu(ctx, "menu-wrapper", "menu-item")}</div></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
{main}
</main></div></div>
<footer id="colophon" class="site-footer"><div class="site-info"><div class="site-name">{esc(site.name)}</div><div class="privacy-policy">{self.footer_links(ctx)}</div><div class="powered-by">Proudly powered by WordPress.</div></div></footer>
</div>
</body>"""

    def post_body(self, post: Post, ctx: PageContext) -> str:
        around = "".join(
            f"""<li class="feed-item"><a href="{esc_attr(e.url)}" target="_blank" rel="nofollow">{esc(e.title)}</a><div class="wprss-feed-meta"><span class="feed-source">Source: {e.credit_html}</span> | <span class="feed-date">Published on: {e.date.strftime("%Y-%m-%d") if e.date else ""}</span></div></li>"""
            for e in ctx.around_web
        )
        network = "".join(
            f"""<article class="network-item"><h3 class="entry-title"><a href="{esc_attr(e.url)}">{esc(e.title)}</a></h3><p>{e.excerpt}</p>{f'<p class="network-credit">{e.credit_html}</p>' if e.credit_html else ""}</article>"""
            for e in ctx.network
        )
        nav = []
        if ctx.prev_post is not None:
            nav.append(
                f'<div class="nav-previous"><a href="{esc_attr(ctx.post_url(ctx.prev_post))}" rel="prev"><p class="meta-nav">Previous post</p><p class="post-title">{esc(ctx.prev_post.title)}</p></a></div>'
            )
        if ctx.next_post is not None:
            nav.append(
                f'<div class="nav-next"><a href="{esc_attr(ctx.post_url(ctx.next_post))}" rel="next"><p class="meta-nav">Next post</p><p class="post-title">{esc(ctx.next_post.title)}</p></a></div>'
            )
        main = f"""<article id="post-{post.post_id}" class="post-{post.post_id} post type-post status-publish format-standard hentry category-{post.category.slug} entry">
<header class="entry-header alignwide"><h1 class="entry-title">{esc(post.title)}</h1>{post.meta_html}</header>
<div class="entry-content">
{self.content(post)}
</div>
<footer class="entry-footer default-max-width"><div class="posted-by"><span class="posted-on">Published <time class="entry-date published updated" datetime="{iso(post.published)}">{human_date(post.published, "en")}</time></span><span class="byline">By <a href="{esc_attr(ctx.author_url(post.author))}" rel="author">{esc(post.author)}</a></span></div><div class="post-taxonomies"><span class="cat-links">Categorized as <a href="{esc_attr(ctx.category_url(post.category))}" rel="category tag">{esc(post.category.name)}</a></span></div></footer>
</article>
<nav class="navigation post-navigation" aria-label="Posts"><h2 class="screen-reader-text">Post navigation</h2><div class="nav-links">{"".join(nav)}</div></nav>
<section class="wp-block-group alignwide wprss-around-web"><h2 class="wp-block-heading">From around the web</h2><div class="wp-rss-aggregator"><ul class="rss-aggregator wpra-item-list">{around}</ul></div></section>
<section class="wp-block-group alignwide network-block"><h2 class="wp-block-heading">Latest from the network</h2>{network}</section>"""
        return self.frame(
            main,
            ctx,
            f"post-template-default single single-post postid-{post.post_id} single-format-standard",
        )

    def listing_body(self, listing: Listing, ctx: PageContext) -> str:
        items = []
        for post in listing.posts:
            url = ctx.post_url(post)
            items.append(f"""<article id="post-{post.post_id}" class="post-{post.post_id} post type-post status-publish format-standard hentry entry"><header class="entry-header"><h2 class="entry-title default-max-width"><a href="{esc_attr(url)}">{esc(post.title)}</a></h2></header>
<div class="entry-content"><p>{ctx.excerpt(post)}</p><div class="more-link-container"><a class="more-link" href="{esc_attr(url)}">Continue reading<span class="screen-reader-text">{esc(post.title)}</span></a></div></div>
<footer class="entry-footer default-max-width"><span class="posted-on">Published <time class="entry-date published updated" datetime="{iso(post.published)}">{human_date(post.published, "en")}</time></span></footer></article>""")
        header = (
            ""
            if listing.kind == "home"
            else f'<header class="page-header alignwide"><h1 class="page-title">{esc(listing.title)}</h1></header>'
        )
        main = (
            header
            + "".join(items)
            + self.pager(listing, "Older posts", "Newer posts", "navigation pagination")
        )
        return self.frame(
            main, ctx, "home blog hfeed" if listing.kind == "home" else "archive category hfeed"
        )

    def static_body(self, title: str, inner: str, ctx: PageContext) -> str:
        return self.frame(
            f'<article class="page type-page entry"><header class="entry-header alignwide"><h1 class="entry-title">{esc(title)}</h1></header><div class="entry-content">{inner}</div></article>',
            ctx,
            "page-template-default page",
        )


# ============================================================================ OceanWP (Feedzy site)
class OceanWP(WordPressTheme):
    slug = "oceanwp"

    def frame(
        self, main: str, page_title: str, ctx: PageContext, body_class: str, crumbs: str = ""
    ) -> str:
        site = self.site
        trending = _entries_ul(ctx.recent[:6])
        return f"""<body class="{body_class} oceanwp-theme dropdown-mobile default-breakpoint has-sidebar content-right-sidebar page-header-disabled" itemscope="itemscope" itemtype="https://schema.org/WebPage">
<div id="outer-wrap" class="site clr"><a class="skip-link screen-reader-text" href="#main">Skip to content</a><div id="wrap" class="clr">
<header id="site-header" class="minimal-header clr" data-height="74" itemscope="itemscope" itemtype="https://schema.org/WPHeader" role="banner"><div id="site-header-inner" class="clr container">
<div id="site-logo" class="clr" itemscope itemtype="https://schema.org/Brand"><div id="site-logo-inner" class="clr"><a href="{site.home}" rel="home" class="site-title site-logo-text">{esc(site.name)}</a></div></div>
<div id="site-navigation-wrap" class="clr"><nav id="site-navigation" class="navigation main-navigation clr" itemscope="itemscope" itemtype="https://schema.org/SiteNavigationElement" role="navigation">{self.menu(ctx, "main-menu dropdown-menu sf-menu", "menu-item")}</nav></div>
</div></header>
<main id="main" class="site-main clr" role="main">
<header class="page-header"><div class="container clr page-header-inner"><h1 class="page-header-title clr" itemprop="headline">{esc(page_title)}</h1>{crumbs}</div></header>
<div id="content-wrap" class="container clr"><div id="primary" class="content-area clr"><div id="content" class="site-content clr">
{main}
</div></div>
<aside id="right-sidebar" class="sidebar-container widget-area sidebar-primary" itemscope="itemscope" itemtype="https://schema.org/WPSideBar" role="complementary" aria-label="Primary Sidebar"><div id="right-sidebar-inner" class="clr"><div id="recent-posts-3" class="sidebar-box widget_recent_entries clr"><h4 class="widget-title">Trending in Tech</h4>{trending}</div></div></aside>
</div></main>
<footer id="footer" class="site-footer" itemscope="itemscope" itemtype="https://schema.org/WPFooter" role="contentinfo"><div id="footer-inner" class="clr"><div id="footer-bottom" class="clr no-footer-nav"><div id="footer-bottom-inner" class="container clr"><div id="copyright" class="clr" role="contentinfo">Copyright 2025 - {esc(site.name)}. Stories are gathered automatically from public feeds; all trademarks belong to their owners. {self.footer_links(ctx)}</div></div></div></div></footer>
</div></div>
</body>"""

    def post_body(self, post: Post, ctx: PageContext) -> str:
        site = self.site
        crumbs = f'<nav role="navigation" aria-label="Breadcrumbs" class="site-breadcrumbs clr position-"><ol class="trail-items"><li class="trail-item trail-begin"><a href="{site.home}" rel="home"><span>Home</span></a></li><li class="trail-item"><a href="{esc_attr(ctx.category_url(post.category))}"><span>{esc(post.category.name)}</span></a></li><li class="trail-item trail-end"><span>{esc(post.title)}</span></li></ol></nav>'
        related = "".join(
            f'<article class="related-post clr col span_1_of_3 col-{i + 1}"><h3 class="related-post-title"><a href="{esc_attr(e.url)}" rel="bookmark">{esc(e.title)}</a></h3><p class="related-excerpt">{e.excerpt}</p><time class="published" datetime="{iso(e.date) if e.date else ""}">{human_date(e.date, "en") if e.date else ""}</time></article>'
            for i, e in enumerate(ctx.related[:3])
        )
        words = sum(len((b.html or b.text).split()) for b in post.body)
        main = f"""<article class="single-post-article clr" itemscope="itemscope" itemtype="https://schema.org/BlogPosting">
<header class="entry-header clr"><h2 class="single-post-title entry-title" itemprop="headline">{esc(post.title)}</h2></header>
<ul class="meta ospm-default clr"><li class="meta-author" itemprop="name"><span class="screen-reader-text">Post author:</span><i class="icon-user" aria-hidden="true"></i><a href="{esc_attr(ctx.author_url(post.author))}" rel="author" itemprop="author">{esc(post.author)}</a></li>
<li class="meta-date" itemprop="datePublished"><span class="screen-reader-text">Post published:</span><i class="icon-clock" aria-hidden="true"></i>{human_date(post.published, "en")}</li>
<li class="meta-cat"><span class="screen-reader-text">Post category:</span><i class="icon-folder" aria-hidden="true"></i><a href="{esc_attr(ctx.category_url(post.category))}" rel="category tag">{esc(post.category.name)}</a></li>
<li class="meta-rt"><span class="screen-reader-text">Reading time:</span><i class="icon-cup" aria-hidden="true"></i>{max(1, words // 220)} min read</li></ul>
<div class="entry-content clr" itemprop="text">
{self.content(post)}
</div>
{post.after_html}
<section id="author-bio" class="clr"><div id="author-bio-inner"><div class="author-bio-content clr"><h4 class="author-bio-title"><a href="{esc_attr(ctx.author_url(post.author))}">{esc(post.author)}</a></h4><div class="author-bio-description clr"><p>{esc(post.author)} gathers the most interesting technology and business stories from around the web, around the clock.</p></div></div></div></section>
<section id="related-posts" class="clr"><h3 class="theme-heading related-posts-title"><span class="text">You Might Also Like</span></h3><div class="oceanwp-row clr">{related}</div></section>
</article>"""
        return self.frame(
            main,
            post.title,
            ctx,
            f"post-template-default single single-post postid-{post.post_id} single-format-standard",
            crumbs,
        )

    def listing_body(self, listing: Listing, ctx: PageContext) -> str:
        items = []
        for post in listing.posts:
            url = ctx.post_url(post)
            items.append(f"""<article id="post-{post.post_id}" class="blog-entry clr large-entry post-{post.post_id} post type-post status-publish format-standard"><div class="blog-entry-inner clr">
<header class="blog-entry-header clr"><h2 class="blog-entry-title entry-title"><a href="{esc_attr(url)}" rel="bookmark">{esc(post.title)}</a></h2></header>
<ul class="meta obem-default clr"><li class="meta-date"><i class="icon-clock"></i>{human_date(post.published, "en")}</li><li class="meta-cat"><a href="{esc_attr(ctx.category_url(post.category))}">{esc(post.category.name)}</a></li></ul>
<div class="blog-entry-summary clr" itemprop="text"><p>{ctx.excerpt(post)}</p></div>
<div class="blog-entry-readmore clr"><a href="{esc_attr(url)}">Continue Reading<i class="fa fa-angle-right"></i></a></div></div></article>""")
        main = (
            '<div id="blog-entries" class="entries clr">'
            + "".join(items)
            + "</div>"
            + self.pager(listing, "Next", "Previous", "oceanwp-pagination clr")
        )
        return self.frame(
            main,
            "Blog" if listing.kind == "home" else listing.title,
            ctx,
            "home blog" if listing.kind == "home" else "archive category",
        )

    def static_body(self, title: str, inner: str, ctx: PageContext) -> str:
        return self.frame(
            f'<article class="single-page-article clr"><div class="entry clr">{inner}</div></article>',
            title,
            ctx,
            "page-template-default page",
        )


WORDPRESS_THEMES: dict[str, type[WordPressTheme]] = {
    "wp_newspaper": Newspaper,
    "wp_farm": JNewsFarm,
    "wp_astra": Astra,
    "wp_generatepress": GeneratePress,
    "wp_elementor": HelloElementor,
    "wp_twentyone": TwentyTwentyOne,
    "wp_oceanwp": OceanWP,
}
