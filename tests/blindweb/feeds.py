"""Feeds, sitemaps and robots.txt in the dialects real CMSs write them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape as xml_escape

from tests.blindweb.model import Post
from tests.blindweb.sites import SiteSpec


def _attr(text: str) -> str:
    return xml_escape(text, {"'": "&apos;", '"': "&quot;"})


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def rfc822(value: datetime) -> str:
    return format_datetime(value.astimezone(UTC), usegmt=False).replace("-0000", "+0000")


def wordpress_rss(
    site: SiteSpec,
    posts: list[Post],
    self_url: str,
    item_link: Callable[[Post], str],
    content: Callable[[Post], str],
    description: Callable[[Post], str],
    guid: Callable[[Post], str],
) -> str:
    """A WordPress RSS 2.0 feed. ``content`` returns '' when the site publishes excerpts only."""
    lang = {"en": "en-US", "fr": "fr-FR", "de": "de-DE", "es": "es-ES"}.get(site.lang, "en-US")
    items = []
    for post in posts:
        full = content(post)
        encoded = f"\n\t\t<content:encoded>{_cdata(full)}</content:encoded>" if full else ""
        items.append(f"""	<item>
		<title>{xml_escape(post.title)}</title>
		<link>{xml_escape(item_link(post))}</link>
		<comments>{xml_escape(item_link(post))}#respond</comments>
		<dc:creator>{_cdata(post.author)}</dc:creator>
		<pubDate>{rfc822(post.published)}</pubDate>
		<category>{_cdata(post.category.name)}</category>
		<guid isPermaLink="false">{xml_escape(guid(post))}</guid>
		<description>{_cdata(description(post))}</description>{encoded}
		<slash:comments>0</slash:comments>
	</item>""")
    build = rfc822(max((p.published for p in posts), default=datetime(2024, 1, 1, tzinfo=UTC)))
    return f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
	xmlns:slash="http://purl.org/rss/1.0/modules/slash/"
	>

<channel>
	<title>{xml_escape(site.name)}</title>
	<atom:link href="{xml_escape(self_url)}" rel="self" type="application/rss+xml" />
	<link>{xml_escape(site.home.rstrip("/"))}</link>
	<description>{xml_escape(site.tagline)}</description>
	<lastBuildDate>{build}</lastBuildDate>
	<language>{lang}</language>
	<sy:updatePeriod>
	hourly	</sy:updatePeriod>
	<sy:updateFrequency>
	1	</sy:updateFrequency>
	<generator>https://wordpress.org/?v=6.4.3</generator>
{chr(10).join(items)}
	</channel>
</rss>
"""


def blogger_atom(
    site: SiteSpec,
    posts: list[Post],
    total: int,
    start: int,
    per_page: int,
    content: Callable[[Post], str],
    rss: bool = False,
) -> str:
    """Blogger's Atom feed (or its ?alt=rss twin) for one page of posts."""
    blog_id = site.extra.get("blog_id", "0")
    base = site.home + "feeds/posts/default"
    updated = max((p.published for p in posts), default=datetime(2024, 1, 1, tzinfo=UTC)).isoformat(
        timespec="milliseconds"
    )
    if rss:
        items = "".join(
            f"<item><guid isPermaLink='false'>tag:blogger.com,1999:blog-{blog_id}.post-{p.post_id}</guid><pubDate>{rfc822(p.published)}</pubDate>"
            f"<category domain='http://www.blogger.com/atom/ns#'>{xml_escape(p.category.name)}</category><title>{xml_escape(p.title)}</title>"
            f"<description>{xml_escape(content(p))}</description><link>{xml_escape(p.url)}</link><author>noreply@blogger.com ({xml_escape(p.author)})</author></item>"
            for p in posts
        )
        return (
            f"<?xml version='1.0' encoding='UTF-8'?><rss xmlns:atom='http://www.w3.org/2005/Atom' xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' "
            f"xmlns:blogger='http://schemas.google.com/blogger/2008' version='2.0'><channel><atom:id>tag:blogger.com,1999:blog-{blog_id}</atom:id>"
            f"<lastBuildDate>{rfc822(max(p.published for p in posts))}</lastBuildDate><title>{xml_escape(site.name)}</title><description>{xml_escape(site.tagline)}</description>"
            f"<link>{site.home}</link><managingEditor>noreply@blogger.com ({xml_escape(site.name)})</managingEditor><generator>Blogger</generator>"
            f"<openSearch:totalResults>{total}</openSearch:totalResults><openSearch:startIndex>{start}</openSearch:startIndex><openSearch:itemsPerPage>{per_page}</openSearch:itemsPerPage>"
            f"{items}</channel></rss>"
        )
    links = [
        f"<link rel='http://schemas.google.com/g/2005#feed' type='application/atom+xml' href='{base}'/>",
        f"<link rel='self' type='application/atom+xml' href='{base}"
        + (f"?start-index={start}&amp;max-results={per_page}" if start > 1 else "")
        + "'/>",
        f"<link rel='alternate' type='text/html' href='{site.home}'/>",
        "<link rel='hub' href='http://pubsubhubbub.appspot.com/'/>",
    ]
    if start + per_page <= total:
        links.append(
            f"<link rel='next' type='application/atom+xml' href='{base}?start-index={start + per_page}&amp;max-results={per_page}'/>"
        )
    entries = []
    for p in posts:
        stamp = p.published.isoformat(timespec="milliseconds")
        entries.append(
            f"<entry><id>tag:blogger.com,1999:blog-{blog_id}.post-{p.post_id}</id><published>{stamp}</published><updated>{stamp}</updated>"
            f"<category scheme='http://www.blogger.com/atom/ns#' term='{_attr(p.category.name)}'/><title type='text'>{xml_escape(p.title)}</title>"
            f"<content type='html'>{xml_escape(content(p))}</content>"
            f"<link rel='self' type='application/atom+xml' href='http://www.blogger.com/feeds/{blog_id}/posts/default/{p.post_id}'/>"
            f"<link rel='alternate' type='text/html' href='{_attr(p.url)}' title='{_attr(p.title)}'/>"
            f"<author><name>{xml_escape(p.author)}</name><email>noreply@blogger.com</email></author><thr:total>0</thr:total></entry>"
        )
    return (
        f"<?xml version='1.0' encoding='UTF-8'?><?xml-stylesheet href=\"http://www.blogger.com/styles/atom.css\" type=\"text/css\"?>"
        f"<feed xmlns='http://www.w3.org/2005/Atom' xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' xmlns:blogger='http://schemas.google.com/blogger/2008' "
        f"xmlns:georss='http://www.georss.org/georss' xmlns:gd=\"http://schemas.google.com/g/2005\" xmlns:thr='http://purl.org/syndication/thread/1.0'>"
        f"<id>tag:blogger.com,1999:blog-{blog_id}</id><updated>{updated}</updated>"
        + "".join(f"<category term='{_attr(c.name)}'/>" for c in site.categories)
        + f"<title type='text'>{xml_escape(site.name)}</title><subtitle type='html'>{xml_escape(site.tagline)}</subtitle>"
        + "".join(links)
        + f"<author><name>{xml_escape(site.name)}</name><email>noreply@blogger.com</email></author><generator version='7.00' uri='http://www.blogger.com'>Blogger</generator>"
        f"<openSearch:totalResults>{total}</openSearch:totalResults><openSearch:startIndex>{start}</openSearch:startIndex><openSearch:itemsPerPage>{per_page}</openSearch:itemsPerPage>"
        + "".join(entries)
        + "</feed>"
    )


def drupal_rss(site: SiteSpec, posts: list[Post], teaser: Callable[[Post], str]) -> str:
    items = "\n".join(
        f"""  <item>
    <title>{xml_escape(p.title)}</title>
    <link>{xml_escape(p.url)}</link>
    <description>{xml_escape(teaser(p))}</description>
    <pubDate>{rfc822(p.published)}</pubDate>
    <dc:creator>{xml_escape(p.author)}</dc:creator>
    <guid isPermaLink="false">{p.post_id} at {site.home.rstrip("/")}</guid>
  </item>"""
        for p in posts
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xml:base="{site.home}" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>{xml_escape(site.name)}</title>
    <link>{site.home}</link>
    <description>{xml_escape(site.tagline)}</description>
    <language>en</language>
    <atom:link href="{site.home}rss.xml" rel="self" type="application/rss+xml" />
{items}
  </channel>
</rss>
"""


def urlset(entries: Sequence[tuple[str, datetime | None]], stylesheet: str | None = None) -> str:
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    if stylesheet:
        head += f'<?xml-stylesheet type="text/xsl" href="{stylesheet}"?>'
    rows = "".join(
        f"\n\t<url>\n\t\t<loc>{xml_escape(loc)}</loc>"
        + (f"\n\t\t<lastmod>{mod.isoformat(timespec='seconds')}</lastmod>" if mod else "")
        + "\n\t</url>"
        for loc, mod in entries
    )
    return (
        head
        + '\n<urlset xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1" '
        'xsi:schemaLocation="http://www.sitemaps.org/schemas/sitemap/0.9 http://www.sitemaps.org/schemas/sitemap/0.9/sitemap.xsd" '
        'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + rows + "\n</urlset>\n"
    )


def sitemap_index(
    entries: Sequence[tuple[str, datetime | None]], stylesheet: str | None = None
) -> str:
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    if stylesheet:
        head += f'<?xml-stylesheet type="text/xsl" href="{stylesheet}"?>'
    rows = "".join(
        f"\n\t<sitemap>\n\t\t<loc>{xml_escape(loc)}</loc>"
        + (f"\n\t\t<lastmod>{mod.isoformat(timespec='seconds')}</lastmod>" if mod else "")
        + "\n\t</sitemap>"
        for loc, mod in entries
    )
    return (
        head
        + '\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + rows
        + "\n</sitemapindex>\n"
    )


WORDPRESS_ROBOTS = "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n"
BLOGGER_ROBOTS = (
    "User-agent: Mediapartners-Google\nDisallow: \n\nUser-agent: *\nDisallow: /search\nAllow: /\n"
)
DRUPAL_ROBOTS = """#
# robots.txt
#
# This file is to prevent the crawling and indexing of certain parts
# of your site by web crawlers and spiders run by sites like Yahoo!
# and Google. By telling these "robots" where not to go on your site,
# you save bandwidth and server resources.
#
# For more information about the robots.txt standard, see:
# http://www.robotstxt.org/robotstxt.html

User-agent: *
# CSS, JS, Images
Allow: /core/*.css$
Allow: /core/*.js$
Allow: /profiles/*.png
# Directories
Disallow: /core/
Disallow: /profiles/
# Files
Disallow: /README.md
Disallow: /web.config
# Paths (clean URLs)
Disallow: /admin/
Disallow: /comment/reply/
Disallow: /filter/tips
Disallow: /node/add/
Disallow: /search/
Disallow: /user/register
Disallow: /user/password
Disallow: /user/login
Disallow: /user/logout
# Paths (no clean URLs)
Disallow: /index.php/admin/
Disallow: /index.php/comment/reply/
Disallow: /index.php/user/login
"""
TABLE_ROBOTS = "User-agent: *\nDisallow: /cgi-bin/\nDisallow: /admin/\nDisallow: /stats/\n"
ORIGINAL_ROBOTS = "User-agent: *\nAllow: /\n"


def robots_for(site: SiteSpec, sitemap_url: str | None) -> str:
    base = {"blogger": BLOGGER_ROBOTS, "drupal": DRUPAL_ROBOTS, "table": TABLE_ROBOTS}.get(
        site.theme, WORDPRESS_ROBOTS
    )
    if sitemap_url:
        base += f"\nSitemap: {sitemap_url}\n"
    return base
