"""A Drupal 10 site with the Olivero theme: nodes at /node/N and /news/<alias>, relative pager links,
views blocks, and (for many copies) a Metatag canonical pointing at the source."""

from __future__ import annotations

from tests.blindweb.model import Post
from tests.blindweb.sites import SiteSpec
from tests.blindweb.themes.base import Listing, PageContext, body_html, iso
from tests.blindweb.wordings import esc, esc_attr


def _drupal_date(post: Post) -> str:
    d = post.published
    return f"{d.strftime('%a')}, {d.month:02d}/{d.day:02d}/{d.year} - {d.hour:02d}:{d.minute:02d}"


class DrupalTheme:
    def __init__(self, site: SiteSpec) -> None:
        self.site = site

    def head(self, title: str, canonical: str, ctx: PageContext, post: Post | None = None) -> str:
        site = self.site
        lines = [
            "<!DOCTYPE html>",
            '<html lang="en" dir="ltr" style="--color--primary-hue:202;--color--primary-saturation:79%;--color--primary-lightness:50">',
            "<head>",
            '<meta charset="utf-8" />',
            '<meta name="Generator" content="Drupal 10 (https://www.drupal.org)" />',
            '<meta name="MobileOptimized" content="width" />',
            '<meta name="HandheldFriendly" content="true" />',
            '<meta name="viewport" content="width=device-width, initial-scale=1.0" />',
            f'<link rel="canonical" href="{esc_attr(canonical)}" />',
            f'<meta property="og:site_name" content="{esc_attr(site.name)}" />',
            f'<meta property="og:title" content="{esc_attr(title)}" />',
        ]
        if post is not None:
            lines += [
                f'<link rel="shortlink" href="{site.home}node/{post.post_id}" />',
                '<meta property="og:type" content="article" />',
                f'<meta property="og:url" content="{esc_attr(canonical)}" />',
                f'<meta property="article:published_time" content="{iso(post.published)}" />',
            ]
        lines += [
            f'<link rel="alternate" type="application/rss+xml" title="{esc_attr(site.name)}" href="{site.home}rss.xml" />',
            '<link rel="icon" href="/core/themes/olivero/favicon.ico" type="image/vnd.microsoft.icon" />',
            f"<title>{esc(title)} | {esc(site.name)}</title>",
            '<link rel="stylesheet" media="all" href="/sites/default/files/css/css_olivero.css" />',
            "</head>",
        ]
        return "\n".join(lines)

    def frame(
        self,
        head: str,
        page_title: str,
        main: str,
        ctx: PageContext,
        body_class: str,
        crumbs: str = "",
    ) -> str:
        site = self.site
        menu = "".join(
            f'<li class="primary-nav__menu-item primary-nav__menu-item--link primary-nav__menu-item--level-1"><a href="{esc_attr(ctx.category_url(c))}" class="primary-nav__menu-link primary-nav__menu-link--link primary-nav__menu-link--level-1"><span class="primary-nav__menu-link-inner primary-nav__menu-link-inner--level-1">{esc(c.name)}</span></a></li>'
            for c in site.categories
        )
        recent = "".join(
            f'<li><div class="views-field views-field-title"><span class="field-content"><a href="{esc_attr(e.url)}" hreflang="en">{esc(e.title)}</a></span></div><div class="views-field views-field-changed"><span class="field-content">{e.date.strftime("%m/%d/%Y") if e.date else ""}</span></div></li>'
            for e in ctx.recent[:6]
        )
        related = "".join(
            f'<div class="views-row"><div class="views-field views-field-title"><span class="field-content"><a href="{esc_attr(e.url)}" hreflang="en">{esc(e.title)}</a></span></div><div class="views-field views-field-body"><div class="field-content">{e.excerpt}</div></div></div>'
            for e in ctx.related[:3]
        )
        footer = "".join(
            f'<li class="menu__item"><a href="{esc_attr(u)}" class="menu__link">{esc(t)}</a></li>'
            for t, u in ctx.static_pages
        )
        return f"""{head}
<body class="{body_class}">
<a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>
<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
<div id="page-wrapper" class="page-wrapper"><div id="page">
<header id="header" class="site-header" data-drupal-selector="site-header" role="banner"><div class="site-header__fixable" data-drupal-selector="site-header-fixable"><div class="site-header__initial"></div>
<div id="site-header__inner" class="site-header__inner" data-drupal-selector="site-header-inner"><div class="container site-header__inner__container">
<div id="block-olivero-site-branding" class="site-branding block block-system block-system-branding-block"><div class="site-branding__inner"><div class="site-branding__text"><div class="site-branding__name"><a href="/" title="Home" rel="home">{esc(site.name)}</a></div><div class="site-branding__slogan">{esc(site.tagline)}</div></div></div></div>
<div class="header-nav-overlay" data-drupal-selector="header-nav-overlay"></div>
<div id="header-nav" class="header-nav" data-drupal-selector="header-nav"><nav role="navigation" aria-labelledby="block-olivero-main-menu-menu" id="block-olivero-main-menu" class="block block-menu navigation menu--main"><h2 class="visually-hidden block__title" id="block-olivero-main-menu-menu">Main navigation</h2>
<ul class="menu primary-nav__menu primary-nav__menu--level-1" data-drupal-selector="primary-nav-menu--level-1"><li class="primary-nav__menu-item primary-nav__menu-item--link primary-nav__menu-item--level-1"><a href="/" class="primary-nav__menu-link" data-drupal-link-system-path="&lt;front&gt;"><span class="primary-nav__menu-link-inner">Home</span></a></li>{menu}</ul></nav></div>
</div></div></div></header>
<div id="main-wrapper" class="layout-main-wrapper layout-container"><div id="main" class="layout-main"><div class="main-content"><a id="main-content" tabindex="-1"></a>
<div class="region region--breadcrumb grid-full layout--pass--content-medium">{crumbs}</div>
<div class="main-content__container container">
<div class="region region--content-above grid-full layout--pass--content-medium"><div id="block-olivero-page-title" class="block block-core block-page-title-block"><h1 class="title page-title"><span class="field field--name-title field--type-string field--label-hidden">{esc(page_title)}</span></h1></div></div>
<div class="sidebar-grid grid-full"><main role="main" class="site-main"><div class="region region--content grid-full layout--pass--content-medium" id="content">
<div id="block-olivero-content" class="block block-system block-system-main-block"><div class="block__content">
{main}
</div></div></div></main>
<div class="region region--sidebar"><div class="views-element-container block block-views block-views-blockcontent-recent-block-1" id="block-olivero-recent-content"><h2 class="block__title">Recent content</h2><div class="block__content"><div class="view view-content-recent view-id-content_recent view-display-id-block_1"><div class="view-content"><div class="item-list"><ul>{recent}</ul></div></div></div></div></div>
<div class="views-element-container block block-views block-views-blockrelated-articles-block-1" id="block-olivero-related"><h2 class="block__title">Related articles</h2><div class="block__content"><div class="view view-related-articles"><div class="view-content">{related}</div></div></div></div></div>
</div></div></div></div></div>
<footer class="site-footer"><div class="site-footer__inner container"><div class="region region--footer-top grid-full"><div class="region--footer_top__inner"><nav role="navigation" aria-labelledby="block-olivero-footer-menu" id="block-olivero-footer" class="block block-menu navigation menu--footer"><h2 class="visually-hidden block__title" id="block-olivero-footer-menu">Footer</h2><ul class="menu">{footer}</ul></nav></div></div>
<div class="region region--footer-bottom grid-full"><div id="block-olivero-powered" class="block block-system block-system-powered-by-block"><span>Powered by <a href="https://www.drupal.org">Drupal</a></span></div></div></div></footer>
</div></div></div>
</body>
</html>
"""

    def post_page(self, post: Post, ctx: PageContext) -> str:
        crumbs = f'<div id="block-olivero-breadcrumbs" class="block block-system block-system-breadcrumb-block"><nav class="breadcrumb" role="navigation" aria-labelledby="system-breadcrumb"><h2 id="system-breadcrumb" class="visually-hidden">Breadcrumb</h2><ol class="breadcrumb__list"><li class="breadcrumb__item"><a href="/" class="breadcrumb__link">Home</a></li><li class="breadcrumb__item"><a href="{esc_attr(ctx.category_url(post.category))}" class="breadcrumb__link">{esc(post.category.name)}</a></li></ol></nav></div>'
        main = f"""<article data-history-node-id="{post.post_id}" class="node node--type-article node--promoted node--view-mode-full">
<header class=""><div class="node__meta"><span>By <span class="field field--name-uid field--type-entity-reference field--label-hidden"><span>{esc(post.author)}</span></span></span>, <span class="field field--name-created field--type-created field--label-hidden"><time datetime="{iso(post.published)}" title="{esc_attr(_drupal_date(post))}" class="datetime">{_drupal_date(post)}</time></span></div></header>
<div class="node__content">
<div class="text-content clearfix field field--name-body field--type-text-with-summary field--label-hidden field__item">{body_html(post.body)}</div>
{post.after_html}
<div class="field field--name-field-tags field--type-entity-reference field--label-above clearfix"><h3 class="field__label">Tags</h3><ul class="links field__items"><li><a href="{esc_attr(ctx.category_url(post.category))}" hreflang="en">{esc(post.category.name)}</a></li></ul></div>
<section data-drupal-selector="comments" class="comments"><h2 class="comments__title comments__count">Comments</h2></section>
<ul class="links inline"><li><a href="/user/login?destination=/comment/reply/node/{post.post_id}/comment%23comment-form">Log in</a> to post comments</li></ul>
</div>
</article>"""
        return self.frame(
            self.head(post.title, post.canonical or post.url, ctx, post),
            post.title,
            main,
            ctx,
            "path-node page-node-type-article",
            crumbs,
        )

    def listing_page(self, listing: Listing, ctx: PageContext) -> str:
        items = []
        for post in listing.posts:
            url = ctx.post_url(post)
            items.append(f"""<div class="views-row"><article data-history-node-id="{post.post_id}" class="node node--type-article node--promoted node--view-mode-teaser">
<header><h2 class="node__title"><a href="{esc_attr(url)}" rel="bookmark"><span class="field field--name-title field--type-string field--label-hidden">{esc(post.title)}</span></a></h2>
<div class="node__meta"><span class="field field--name-created field--type-created field--label-hidden"><time datetime="{iso(post.published)}" class="datetime">{_drupal_date(post)}</time></span></div></header>
<div class="node__content"><div class="text-content clearfix field field--name-body field--type-text-with-summary field--label-hidden field__item"><p>{ctx.excerpt(post)}</p></div>
<ul class="links inline"><li class="node-readmore"><a href="{esc_attr(url)}" rel="tag" title="{esc_attr(post.title)}" hreflang="en">Read more<span class="visually-hidden"> about {esc(post.title)}</span></a></li></ul></div>
</article></div>""")
        pager = []
        if listing.prev_url:
            pager.append(
                f'<li class="pager__item pager__item--previous"><a href="{esc_attr(listing.prev_url)}" title="Go to previous page" rel="prev"><span class="visually-hidden">Previous page</span><span aria-hidden="true">&lsaquo;&lsaquo;</span></a></li>'
            )
        pager.append(
            f'<li class="pager__item is-active"><a href="?page={listing.page - 1}" title="Current page" aria-current="page"><span class="visually-hidden">Current page</span>{listing.page}</a></li>'
        )
        if listing.next_url:
            pager.append(
                f'<li class="pager__item pager__item--next"><a href="{esc_attr(listing.next_url)}" title="Go to next page" rel="next"><span class="visually-hidden">Next page</span><span aria-hidden="true">&rsaquo;&rsaquo;</span></a></li>'
            )
        main = (
            '<div class="views-element-container"><div class="view view-frontpage view-id-frontpage"><div class="view-content">'
            + "".join(items)
            + "</div>"
            + f'<nav class="pager" role="navigation" aria-labelledby="pagination-heading"><h4 id="pagination-heading" class="visually-hidden">Pagination</h4><ul class="pager__items js-pager__items">{"".join(pager)}</ul></nav></div></div>'
        )
        title = "Latest news" if listing.kind == "home" else listing.title
        return self.frame(
            self.head(title, listing.url, ctx),
            title,
            main,
            ctx,
            "path-frontpage" if listing.kind == "home" else "path-taxonomy",
        )

    def static_page(self, title: str, paragraphs: list[str], url: str, ctx: PageContext) -> str:
        main = (
            '<article class="node node--type-page node--view-mode-full"><div class="node__content"><div class="text-content clearfix field field--name-body">'
            + "".join(f"<p>{esc(p)}</p>" for p in paragraphs)
            + "</div></div></article>"
        )
        return self.frame(
            self.head(title, url, ctx), title, main, ctx, "path-node page-node-type-page"
        )
