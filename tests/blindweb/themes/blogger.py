"""A Blogger-style blog: post bodies in one div with <br> breaks, date headers, an Atom feed, label
and archive widgets; the home page pages through /search?updated-max=… (disallowed in robots.txt)."""

from __future__ import annotations

from tests.blindweb.model import Block, Post
from tests.blindweb.sites import SiteSpec
from tests.blindweb.themes.base import Listing, PageContext, iso
from tests.blindweb.wordings import esc, esc_attr

_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _long_date(post: Post) -> str:
    d = post.published
    return f"{_DAYS[d.weekday()]}, {_MONTHS[d.month - 1]} {d.day}, {d.year}"


def _time(post: Post) -> str:
    d = post.published
    hour = d.hour % 12 or 12
    return f"{hour}:{d.minute:02d} {'AM' if d.hour < 12 else 'PM'}"


def _blogger_body(blocks: list[Block], breaks: bool) -> str:
    """Blogger's editor writes text runs separated by <br /><br />; pasted posts keep their <p>s."""
    if not breaks:
        out = []
        for b in blocks:
            inner = b.html or esc(b.text)
            out.append(f"<h3>{inner}</h3>" if b.kind == "h" else f"<p>{inner}</p>")
        return "\n".join(out)
    parts = []
    for b in blocks:
        inner = b.html or esc(b.text)
        if b.kind == "h":
            parts.append(f"<b>{inner}</b>")
        elif b.kind == "lead":
            parts.append(f"<i>{inner}</i>")
        else:
            parts.append(inner)
    return "<br />\n<br />\n".join(parts)


class BloggerTheme:
    def __init__(self, site: SiteSpec) -> None:
        self.site = site

    def head(self, title: str, canonical: str, description: str, ctx: PageContext) -> str:
        site = self.site
        return f"""<!DOCTYPE html>
<html class='v2' dir='ltr' lang='en' xmlns='http://www.w3.org/1999/xhtml' xmlns:b='http://www.google.com/2005/gml/b' xmlns:data='http://www.google.com/2005/gml/data' xmlns:expr='http://www.google.com/2005/gml/expr'>
<head>
<meta content='width=1100' name='viewport'/>
<meta content='text/html; charset=UTF-8' http-equiv='Content-Type'/>
<meta content='blogger' name='generator'/>
<link href='{site.home}favicon.ico' rel='icon' type='image/x-icon'/>
<link href='{esc_attr(canonical)}' rel='canonical'/>
<link rel="alternate" type="application/atom+xml" title="{esc_attr(site.name)} - Atom" href="{site.home}feeds/posts/default" />
<link rel="alternate" type="application/rss+xml" title="{esc_attr(site.name)} - RSS" href="{site.home}feeds/posts/default?alt=rss" />
<meta content='{esc_attr(description)}' name='description'/>
<meta content='{esc_attr(canonical)}' property='og:url'/>
<meta content='{esc_attr(title)}' property='og:title'/>
<meta content='{esc_attr(description)}' property='og:description'/>
<title>{esc(site.name)}{": " + esc(title) if title != site.name else ""}</title>
<style id='page-skin-1' type='text/css'><!--
body {{ font: normal normal 12px Arial, Tahoma, Helvetica, FreeSans, sans-serif; color: #222222; }}
--></style>
</head>"""

    def sidebar(self, ctx: PageContext) -> str:
        site = self.site
        popular = "".join(
            f"<li><div class='item-content'><div class='item-title'><a href='{esc_attr(e.url)}'>{esc(e.title)}</a></div><div class='item-snippet'>{e.excerpt}</div></div><div style='clear: both;'></div></li>"
            for e in ctx.network
        )
        years: dict[str, list[tuple[str, str, int]]] = {}
        for label, url, count in ctx.archive:
            years.setdefault(label.split()[-1], []).append((label, url, count))
        archive = ""
        for year, months in years.items():
            inner = "".join(
                f"<li class='archivedate collapsed'><a class='toggle' href='javascript:void(0)'><span class='zippy'>&#9658;&nbsp;</span></a><a class='post-count-link' href='{esc_attr(u)}'>{esc(label.split()[0])}</a> <span class='post-count' dir='ltr'>({n})</span></li>"
                for label, u, n in months
            )
            archive += f"<li class='archivedate expanded'><a class='post-count-link' href='{site.home}{year}/'>{year}</a> <span class='post-count' dir='ltr'>({sum(n for _, _, n in months)})</span><ul class='hierarchy'>{inner}</ul></li>"
        labels = "".join(
            f"<li><a dir='ltr' href='{esc_attr(ctx.category_url(c))}'>{esc(c.name)}</a></li>"
            for c in site.categories
        )
        return f"""<div class='sidebar section' id='sidebar-right-1'>
<div class='widget PopularPosts' data-version='1' id='PopularPosts1'><h2>Popular Posts</h2><div class='widget-content popular-posts'><ul>{popular}</ul></div></div>
<div class='widget BlogArchive' data-version='1' id='BlogArchive1'><h2>Blog Archive</h2><div class='widget-content'><div id='ArchiveList'><div id='BlogArchive1_ArchiveList'><ul class='hierarchy'>{archive}</ul></div></div></div></div>
<div class='widget Label' data-version='1' id='Label1'><h2>Labels</h2><div class='widget-content list-label-widget-content'><ul>{labels}</ul></div></div>
<div class='widget ReportAbuse' data-version='1' id='ReportAbuse1'><h3 class='title'><a class='report_abuse' href='https://www.blogger.com/go/report-abuse' rel='noopener nofollow' target='_blank'>Report Abuse</a></h3></div>
</div>"""

    def frame(self, head: str, main: str, ctx: PageContext, body_class: str) -> str:
        site = self.site
        return f"""{head}
<body class='{body_class}'>
<div class='navbar no-items section' id='navbar' name='Navbar'></div>
<div class='body-fauxcolumns'><div class='fauxcolumn-outer body-fauxcolumn-outer'></div></div>
<div class='content'><div class='content-outer'><div class='content-inner'>
<header><div class='header-outer'><div class='header section' id='header' name='Header'><div class='widget Header' data-version='1' id='Header1'>
<div id='header-inner'><div class='titlewrapper'><h1 class='title'><a href='{site.home}'>{esc(site.name)}</a></h1></div><div class='descriptionwrapper'><p class='description'><span>{esc(site.tagline)}</span></p></div></div>
</div></div></div></header>
<div class='tabs-outer'><div class='tabs section' id='crosscol' name='Cross-Column'><div class='widget PageList' data-version='1' id='PageList1'><div class='widget-content'><ul>{"".join(f"<li><a href='{esc_attr(u)}'>{esc(t)}</a></li>" for t, u in [("Home", site.home), *ctx.static_pages])}</ul></div></div></div></div>
<div class='main-outer'><div class='main-inner columns-2'><div class='columns-inner'>
<div class='column-center-outer'><div class='column-center-inner'><div class='main section' id='main' name='Main'>
<div class='widget Blog' data-version='1' id='Blog1'>
{main}
</div></div></div></div>
<div class='column-right-outer'><div class='column-right-inner'><aside>{self.sidebar(ctx)}</aside></div></div>
</div></div></div>
<footer><div class='footer-outer'><div class='widget Attribution' data-version='1' id='Attribution1'><div class='widget-content' style='text-align: center;'>Theme images by <a href='http://www.istockphoto.com/' target='_blank'>Michael Elkan</a>. Powered by <a href='https://www.blogger.com' target='_blank'>Blogger</a>.</div></div></div></footer>
</div></div></div>
</body>
</html>
"""

    def _post_block(self, post: Post, ctx: PageContext, full: bool) -> str:
        site = self.site
        url = ctx.post_url(post)
        breaks = post.post_id % 3 != 0
        if full:
            body = _blogger_body(post.body, breaks)
        else:
            body = (
                _blogger_body(post.body[:2], breaks)
                + f"\n<div class='jump-link'><a href='{esc_attr(url)}#more' title='{esc_attr(post.title)}'>Read more &#187;</a></div>"
            )
        label = post.category
        disclaimer = (
            (
                f"<div class='post-disclaimer' style='font-size:11px;color:#888'>Disclaimer: {esc(site.name)} aggregates news from publicly "
                "available sources. All trademarks and copyrights belong to their respective owners. If you own any of this content "
                "and want it removed, please contact us.</div>\n"
            )
            if full
            else ""
        )
        return f"""<div class='post-outer'>
<div class='post hentry uncustomized-post-template' itemprop='blogPost' itemscope='itemscope' itemtype='http://schema.org/BlogPosting'>
<meta content='{site.home}img/{post.post_id}.jpg' itemprop='image_url'/>
<meta content='{site.extra.get("blog_id", "")}' itemprop='blogId'/>
<meta content='{post.post_id}' itemprop='postId'/>
<a name='{post.post_id}'></a>
<h3 class='post-title entry-title' itemprop='name'>{esc(post.title) if full else f"<a href='{esc_attr(url)}'>{esc(post.title)}</a>"}</h3>
<div class='post-header'><div class='post-header-line-1'></div></div>
<div class='post-body entry-content' id='post-body-{post.post_id}' itemprop='description articleBody'>
{body}
<div style='clear: both;'></div>
</div>
{disclaimer}<div class='post-footer'><div class='post-footer-line post-footer-line-1'><span class='post-author vcard'>Posted by <span class='fn' itemprop='author' itemscope='itemscope' itemtype='http://schema.org/Person'><span itemprop='name'>{esc(post.author)}</span></span></span> <span class='post-timestamp'>at <meta content='{esc_attr(url)}' itemprop='url'/><a class='timestamp-link' href='{esc_attr(url)}' rel='bookmark' title='permanent link'><abbr class='published' itemprop='datePublished' title='{iso(post.published)}'>{_time(post)}</abbr></a></span> <span class='post-comment-link'></span></div>
<div class='post-footer-line post-footer-line-2'><span class='post-labels'>Labels: <a href='{esc_attr(ctx.category_url(label))}' rel='tag'>{esc(label.name)}</a></span></div>
<div class='post-footer-line post-footer-line-3'><div class='post-share-buttons goog-inline-block'><a class='goog-inline-block share-button sb-email' href='#' title='Email This'><span class='share-button-link-text'>Email This</span></a><a class='goog-inline-block share-button sb-blog' href='#' title='BlogThis!'><span class='share-button-link-text'>BlogThis!</span></a><a class='goog-inline-block share-button sb-twitter' href='#' title='Share to X'><span class='share-button-link-text'>Share to X</span></a><a class='goog-inline-block share-button sb-facebook' href='#' title='Share to Facebook'><span class='share-button-link-text'>Share to Facebook</span></a></div></div>
</div></div>
</div>"""

    def post_page(self, post: Post, ctx: PageContext) -> str:
        site = self.site
        pager = []
        if ctx.next_post is not None:
            pager.append(
                f"<span id='blog-pager-newer-link'><a class='blog-pager-newer-link' href='{esc_attr(ctx.post_url(ctx.next_post))}' id='Blog1_blog-pager-newer-link' title='Newer Post'>Newer Post</a></span>"
            )
        if ctx.prev_post is not None:
            pager.append(
                f"<span id='blog-pager-older-link'><a class='blog-pager-older-link' href='{esc_attr(ctx.post_url(ctx.prev_post))}' id='Blog1_blog-pager-older-link' title='Older Post'>Older Post</a></span>"
            )
        main = f"""<div class='blog-posts hfeed'>
<div class='date-outer'><h2 class='date-header'><span>{_long_date(post)}</span></h2>
<div class='date-posts'>
{self._post_block(post, ctx, True)}
<div class='comments' id='comments'><a name='comments'></a><h4>No comments:</h4><div id='Blog1_comments-block-wrapper'><dl class='avatar-comment-indent' id='comments-block'></dl></div><p class='comment-footer'><a href='https://www.blogger.com/comment/fullpage/post/{site.extra.get("blog_id", "")}/{post.post_id}' onclick=''>Post a Comment</a></p></div>
</div></div></div>
<div class='blog-pager' id='blog-pager'>{"".join(pager)}<a class='home-link' href='{site.home}'>Home</a></div>
<div class='clear'></div>
<div class='post-feeds'><div class='feed-links'>Subscribe to: <a class='feed-link' href='{site.home}feeds/posts/default' target='_blank' type='application/atom+xml'>Post Comments (Atom)</a></div></div>"""
        excerpt = ctx.excerpt(post).replace("&hellip;", "...")
        return self.frame(
            self.head(post.title, post.canonical or post.url, excerpt, ctx),
            main,
            ctx,
            "item-view version-1-3-3",
        )

    def listing_page(self, listing: Listing, ctx: PageContext) -> str:
        site = self.site
        groups: list[str] = []
        last_day = None
        for post in listing.posts:
            day = post.published.date()
            if day != last_day:
                if last_day is not None:
                    groups.append("</div></div>")
                groups.append(
                    f"<div class='date-outer'><h2 class='date-header'><span>{_long_date(post)}</span></h2><div class='date-posts'>"
                )
                last_day = day
            groups.append(self._post_block(post, ctx, False))
        if last_day is not None:
            groups.append("</div></div>")
        header = (
            ""
            if listing.kind == "home"
            else f"<div class='status-msg-wrap'><div class='status-msg-body'>{esc(listing.title)}</div><div class='status-msg-border'></div></div>"
        )
        pager = []
        if listing.prev_url:
            pager.append(
                f"<span id='blog-pager-newer-link'><a class='blog-pager-newer-link' href='{esc_attr(listing.prev_url)}' title='Newer Posts'>Newer Posts</a></span>"
            )
        if listing.next_url:
            pager.append(
                f"<span id='blog-pager-older-link'><a class='blog-pager-older-link' href='{esc_attr(listing.next_url)}' title='Older Posts'>Older Posts</a></span>"
            )
        main = (
            header
            + "<div class='blog-posts hfeed'>"
            + "\n".join(groups)
            + "</div>"
            + f"<div class='blog-pager' id='blog-pager'>{''.join(pager)}<a class='home-link' href='{site.home}'>Home</a></div>"
        )
        title = site.name if listing.kind == "home" else listing.title
        return self.frame(
            self.head(title, listing.url, site.tagline, ctx), main, ctx, "index version-1-3-3"
        )

    def static_page(self, title: str, paragraphs: list[str], url: str, ctx: PageContext) -> str:
        body = "<br />\n<br />\n".join(esc(p) for p in paragraphs)
        main = f"<div class='blog-posts hfeed'><div class='post-outer'><div class='post hentry'><h3 class='post-title entry-title'>{esc(title)}</h3><div class='post-body entry-content'>{body}</div></div></div></div>"
        return self.frame(
            self.head(title, url, paragraphs[0][:150], ctx), main, ctx, "static_page version-1-3-3"
        )
