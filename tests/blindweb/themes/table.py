"""A hand-rolled news site from the early 2000s: nested tables, <font> tags, relative links,
windows-1252, paragraphs separated by <br><br> inside one <font>."""

from __future__ import annotations

from tests.blindweb.model import Post
from tests.blindweb.sites import SiteSpec
from tests.blindweb.themes.base import Listing, PageContext
from tests.blindweb.wordings import esc, esc_attr


class TableTheme:
    def __init__(self, site: SiteSpec) -> None:
        self.site = site

    def _rel(self, url: str) -> str:
        """Links on this site are written relative to the root, the way its PHP scripts print them."""
        home = self.site.home
        return url[len(home) :] if url.startswith(home) else url

    def frame(self, title: str, center: str, ctx: PageContext) -> str:
        site = self.site
        nav = " | ".join(
            ['<a href="index.php">Home</a>']
            + [
                f'<a href="{esc_attr(self._rel(ctx.category_url(c)))}">{esc(c.name)}</a>'
                for c in site.categories
            ]
        )
        sections = "<br>".join(
            f'<a href="{esc_attr(self._rel(ctx.category_url(c)))}">{esc(c.name)}</a>'
            for c in site.categories
        )
        links = "<br>".join(
            f'<a href="{esc_attr(self._rel(u))}">{esc(t)}</a>' for t, u in ctx.static_pages
        )
        top = "".join(
            f'<tr><td valign="top"><font size="1">&#187;</font></td><td><font face="Verdana, Arial" size="1"><a href="{esc_attr(self._rel(e.url))}">{esc(e.title)}</a></font></td></tr>'
            for e in ctx.recent[:10]
        )
        return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>{esc(site.name)} - {esc(title)}</title>
<meta name="keywords" content="news, headlines, world, business, sports, local">
<link rel="stylesheet" href="style.css" type="text/css">
</head>
<body bgcolor="#FFFFFF" topmargin="0" leftmargin="0" marginwidth="0" marginheight="0">
<table width="980" border="0" cellspacing="0" cellpadding="0" align="center">
<tr><td colspan="3" bgcolor="#003366" height="70"><a href="index.php"><img src="images/logo.gif" alt="{esc_attr(site.name)}" border="0" width="300" height="60"></a> <font color="#FFFFFF" face="Arial" size="2">{esc(site.tagline)}</font></td></tr>
<tr><td colspan="3" bgcolor="#CCCCCC" height="22"><font face="Arial" size="2">&nbsp;{nav}</font></td></tr>
<tr valign="top">
<td width="160" bgcolor="#EEEEEE"><table width="100%" cellpadding="6"><tr><td><font face="Arial" size="2"><b>Sections</b><br>{sections}<br><br><b>Site</b><br>{links}</font></td></tr></table></td>
<td width="620"><table width="100%" cellpadding="8" cellspacing="0"><tr><td>
{center}
</td></tr></table></td>
<td width="200" bgcolor="#F5F5F5"><table width="100%" cellpadding="3"><tr><td colspan="2" bgcolor="#003366"><font color="#FFFFFF" face="Arial" size="2"><b>TOP STORIES</b></font></td></tr>{top}</table>
<br><center><font size="1" color="#999999">ADVERTISEMENT</font><br><img src="images/banner160x600.gif" width="160" height="600" alt=""></center></td>
</tr>
<tr><td colspan="3" align="center" bgcolor="#003366" height="30"><font color="#FFFFFF" face="Arial" size="1">&copy; 2003-2025 {esc(site.name)}. All rights reserved. | <a href="contact.php"><font color="#FFFFFF">Contact webmaster</font></a></font></td></tr>
</table>
</body>
</html>
"""

    def post_page(self, post: Post, ctx: PageContext) -> str:
        paras = []
        for block in post.body:
            inner = block.html or esc(block.text)
            paras.append(f"<b>{inner}</b>" if block.kind in ("h", "lead") else inner)
        body = "<br><br>\n".join(paras)
        d = post.published
        center = f"""<font face="Verdana, Arial" size="4"><b>{esc(post.title)}</b></font><br>
<font face="Arial" size="1" color="#666666">Posted: {d.day:02d}.{d.month:02d}.{d.year} {d.hour:02d}:{d.minute:02d} | Section: <a href="{esc_attr(self._rel(ctx.category_url(post.category)))}">{esc(post.category.name)}</a></font><br><br>
<font face="Verdana, Arial" size="2">
{body}
</font>
{post.after_html}
<br><br><font face="Arial" size="1"><a href="javascript:window.print()">Print this article</a> | <a href="mailto:?subject={esc_attr(post.title)}">E-mail to a friend</a></font>"""
        return self.frame(post.title, center, ctx)

    def listing_page(self, listing: Listing, ctx: PageContext) -> str:
        rows = []
        for post in listing.posts:
            url = self._rel(ctx.post_url(post))
            d = post.published
            rows.append(f"""<tr><td><font face="Verdana, Arial" size="3"><b><a href="{esc_attr(url)}">{esc(post.title)}</a></b></font><br>
<font face="Arial" size="1" color="#666666">{d.day:02d}.{d.month:02d}.{d.year}</font><br>
<font face="Verdana, Arial" size="2">{ctx.excerpt(post)} <a href="{esc_attr(url)}">more &gt;&gt;</a></font></td></tr>""")
        nav = []
        if listing.prev_url:
            nav.append(f'<a href="{esc_attr(self._rel(listing.prev_url))}">&lt;&lt; newer</a>')
        nav.append(f"Page {listing.page} of {listing.pages}")
        if listing.next_url:
            nav.append(f'<a href="{esc_attr(self._rel(listing.next_url))}">older &gt;&gt;</a>')
        heading = (
            ""
            if listing.kind == "home"
            else f'<font face="Verdana, Arial" size="4"><b>{esc(listing.title)}</b></font><br><br>'
        )
        center = (
            heading
            + '<table width="100%" cellpadding="4" cellspacing="0" border="0">'
            + "\n".join(rows)
            + f'</table><br><center><font face="Arial" size="2">{" | ".join(nav)}</font></center>'
        )
        return self.frame(listing.title, center, ctx)

    def static_page(self, title: str, paragraphs: list[str], url: str, ctx: PageContext) -> str:
        center = (
            f'<font face="Verdana, Arial" size="4"><b>{esc(title)}</b></font><br><br><font face="Verdana, Arial" size="2">'
            + "<br><br>".join(esc(p) for p in paragraphs)
            + "</font>"
        )
        return self.frame(title, center, ctx)
