"""A page's own attribution line among other posts' (widgets, network lists): issue 15, rule 1."""

from __future__ import annotations

import pytest

from newsmirror.dedup.index import credit_only
from newsmirror.extract import extract_article
from newsmirror.origin import OriginResult, Publisher, PublisherTable, detect_origin
from newsmirror.page import Page

TABLE = PublisherTable(
    [
        (Publisher("cnn.com", "CNN"), []),
        (Publisher("nbcnews.com", "NBC News"), []),
        (Publisher("reuters.com", "Reuters", "wire"), []),
        (Publisher("bbc.co.uk", "BBC News"), ["BBC"]),
    ]
)
URL = "https://www.mirror-daily.net/2026/01/03/council-votes/"
TITLE = "Council votes for the new school budget"
STORY = (
    "<p>The council met on Tuesday to discuss the new budget for schools and roads in the "
    "district, officials said after the meeting ended late.</p>"
    "<p>Members voted seven to two in favour of the plan after a long debate that ran past "
    "midnight in the old town hall on Main Street.</p>"
    "<p>The mayor said the vote showed the town was ready to invest in its future.</p>"
)


def yoast(title: str, site: str, host: str) -> str:
    slug = title.lower().replace(" ", "-")
    return (
        f'The post <a href="https://{host}/2026/01/{slug}/">{title}</a> appeared first on '
        f'<a href="https://{host}/">{site}</a>.'
    )


def widget(items: list[tuple[str, str, str]]) -> str:
    """A "Latest from the network" list: title link, excerpt, and each item's own line."""
    lis = "".join(
        f'<li class="item"><h4><a href="https://www.mirror-daily.net/{i}/">{title}</a></h4>'
        f"<p>An excerpt of another post about {title.lower()}, cut after some words…</p>"
        f"<p>{yoast(title, site, host)}</p></li>"
        for i, (title, site, host) in enumerate(items)
    )
    return f'<div class="network"><h3>Latest from the network</h3><ul>{lis}</ul></div>'


NETWORK = [
    ("Storm closes the coastal highway", "NBC News", "www.nbcnews.com"),
    ("Rail strike talks resume in Lyon", "Reuters", "www.reuters.com"),
    ("Museum reopens after two years", "BBC News", "www.bbc.co.uk"),
]


def detect(body: str, after: str = "", title: str = TITLE) -> OriginResult:
    html = (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f'<div class="entry-content">{body}</div></article>{after}</body></html>'
    )
    page = Page.from_bytes(URL, html.encode())
    article = extract_article(page.url, page.tree)
    return detect_origin(page.url, page.tree, article.paragraphs, TABLE)


def table_page(body: str, item_line: str) -> OriginResult:
    """An old table layout: the post (``body``) in one cell of a row, and in the cell beside it a
    sidebar listing one other post (Reuters'), with its line (``item_line``, given ``{url}``)."""
    t, _, host = NETWORK[1]
    line = item_line.format(url=f"https://{host}/2026/0/story")
    item = (
        f'<tr><td class="morenews"><a href="/p/0/"><b>{t}</b></a><br><font size="1">A short '
        f"excerpt about {t.lower()}…<br>{line}</font></td></tr>"
    )
    html = (
        f"<html><head><title>{TITLE}</title></head><body><table><tr>"
        f'<td class="newscell"><b>{TITLE}</b><div class="newsbody">{body}</div></td>'
        f'<td width="280"><table class="sidebox"><tr><th>More News</th></tr>{item}</table></td>'
        "</tr></table></body></html>"
    )
    page = Page.from_bytes(URL, html.encode())
    article = extract_article(page.url, page.tree)
    return detect_origin(page.url, page.tree, article.paragraphs, TABLE)


def test_the_line_naming_this_pages_title_wins_over_a_widgets_lines() -> None:
    own = f"<p>{yoast(TITLE, 'CNN', 'edition.cnn.com')}</p>"
    for before in (True, False):  # the widget above or below the article
        body = widget(NETWORK) + STORY + own if before else STORY + own + widget(NETWORK)
        result = detect(body)
        assert result.origin is not None
        assert result.origin.domain == "cnn.com"
        assert {s.domain for s in result.signals} == {"cnn.com"}
        assert len(result.ignored) == len(NETWORK)
        assert "another post's title" in result.ignored[0][1]


def test_a_widget_alone_gives_no_origin_never_a_neighbours() -> None:
    for where in ("inside", "after"):
        if where == "inside":
            result = detect(STORY + widget(NETWORK))
        else:
            result = detect(STORY, after=f"<aside>{widget(NETWORK)}</aside>")
        assert result.origin is None, where
        # Other posts' lines, titles and excerpts are not this story's text either.
        assert not any("appeared first" in p for p in result.paragraphs), where
        assert not any("excerpt of another post" in p for p in result.paragraphs), where
        assert any("council met on Tuesday" in p for p in result.paragraphs), where


def test_a_widget_of_one_publishers_posts_gives_no_origin() -> None:
    same = [(t, "NBC News", "www.nbcnews.com") for t, _, _ in NETWORK]
    result = detect(STORY + widget(same))
    assert result.origin is None


def test_items_without_titles_in_the_line_are_told_apart_by_their_list() -> None:
    items = "".join(
        f'<div class="card"><h4><a href="/p/{i}/">{t}</a></h4><p>A short excerpt of a post about '
        f"{t.lower()} and what it means.</p><p>Originally published at "
        f'<a href="https://{h}/2026/01/{i}/">{h}</a></p></div>'
        for i, (t, _, h) in enumerate(NETWORK)
    )
    result = detect(STORY + f'<section class="related">{items}</section>')
    assert result.origin is None
    own = '<p>Originally published at <a href="https://edition.cnn.com/2026/01/x.html">CNN</a></p>'
    result = detect(STORY + own + f'<section class="related">{items}</section>')
    assert result.origin is not None
    assert result.origin.domain == "cnn.com"
    assert result.origin.url == "https://edition.cnn.com/2026/01/x.html"


def test_two_plain_lines_naming_different_origins_give_none_and_say_why() -> None:
    body = (
        STORY[: STORY.index("<p>Members")]
        + "<p>This post appeared first on nbcnews.com</p>"
        + STORY[STORY.index("<p>Members") :]
        + "<p>Source: Reuters</p><p>Share this story with your friends on every network.</p>"
    )
    result = detect(body)
    assert result.origin is None
    assert result.ambiguous is not None
    assert "nbcnews.com" in result.ambiguous
    assert "reuters.com" in result.ambiguous


def test_a_retitled_copy_keeps_the_line_that_closes_its_text() -> None:
    """An aggregator that rewrote the headline keeps the feed's line: it closes the text."""
    line = f"<p>{yoast('Council backs school budget', 'CNN', 'edition.cnn.com')}</p>"
    result = detect(STORY + line, title="Town council says yes to school money")
    assert result.origin is not None
    assert result.origin.domain == "cnn.com"


def test_one_credit_said_twice_in_two_wordings_is_the_pages_own() -> None:
    """A post in <br> runs ending "Continue reading at X »", then "Via X": two lines read from
    one block, but one credit, not a list of other posts."""
    link = '<a href="https://www.cnn.com/2026/01/03/council-votes/">CNN</a>'
    body = (
        "<div class='post-body'>The council met on Tuesday to discuss the new budget for schools "
        "and roads in the district, officials said after the meeting ended late.<br><br>Members "
        "voted seven to two in favour of the plan after a long debate.<br><br>"
        f"Continue reading at CNN &raquo;<br><br>Via {link}</div>"
    )
    result = detect(body)
    assert result.origin is not None
    assert (result.origin.domain, result.origin.url) == (
        "cnn.com",
        "https://www.cnn.com/2026/01/03/council-votes/",
    )
    assert len(result.signals) == 2


def test_two_items_crediting_two_posts_of_one_publisher_are_still_a_list() -> None:
    """Each line links a post of its own: other posts, however alike their wordings."""
    body = STORY + (
        '<ul><li><a href="https://www.mirror-daily.net/1/">Storm closes the highway</a> An '
        "excerpt of another post about a storm, cut after some words… Continue reading at "
        '<a href="https://www.cnn.com/2026/01/02/storm/">CNN</a> »</li>'
        '<li><a href="https://www.mirror-daily.net/2/">Museum reopens</a> An excerpt of another '
        'post about a museum, cut after some words… Via <a href="https://www.cnn.com/2026/01/01/'
        'museum/">CNN</a></li></ul>'
    )
    assert detect(body).origin is None


def test_a_line_naming_a_twin_title_with_other_names_and_numbers_is_another_posts() -> None:
    """Template stories: "Mayor Quinn will not run again after 31 years" is not the page
    "Mayor Okafor will not run again after 12 years", however many words they share."""
    title = "Silverton mayor Okafor will not run again after 12 years"
    twin = "Silverton mayor Quinn will not run again after 31 years"
    result = detect(
        STORY, after=f"<p>{yoast(twin, 'NBC News', 'www.nbcnews.com')}</p>", title=title
    )
    assert result.origin is None
    assert any("another post's title" in why for _, why in result.ignored)
    same = detect(STORY, after=f"<p>{yoast(title, 'NBC News', 'www.nbcnews.com')}</p>", title=title)
    assert same.origin is not None
    assert same.origin.domain == "nbcnews.com"


def test_the_one_line_in_a_list_of_other_posts_is_that_posts() -> None:
    """A "Latest from the network" list whose first item alone keeps its feed importer's line
    (no title in it, the others none at all): the line is that listed post's, not the page's."""
    items = (
        '<article class="network-item"><h3><a href="/2026/01/02/wine/">Three wines for a sunny '
        "day</a></h3><p>Rosé is great, but there is more to pour this summer.</p>"
        '<p class="credit">This article is republished from <a href="https://www.cnn.com/">CNN'
        '</a> under a Creative Commons license. Read the <a href="https://www.cnn.com/2026/01/'
        'wine.html">original article</a>.</p></article>'
        + "".join(
            f'<article class="network-item"><h3><a href="/2026/01/0{i}/">{t}</a></h3>'
            f"<p>A short excerpt of a post about {t.lower()}.</p></article>"
            for i, (t, _, _) in enumerate(NETWORK, start=3)
        )
    )
    result = detect(STORY, after=f'<section class="network">{items}</section>')
    assert result.origin is None, result.origin
    assert any("list of other posts" in why for _, why in result.ignored)
    # The same wording closing the page's own text is the page's.
    own = (
        '<p class="credit">This article is republished from <a href="https://www.cnn.com/">CNN'
        '</a> under a Creative Commons license. Read the <a href="https://www.cnn.com/2026/01/'
        'council.html">original article</a>.</p>'
    )
    result = detect(STORY + own, after=f'<section class="network">{items}</section>')
    assert result.origin is not None
    assert result.origin.url == "https://www.cnn.com/2026/01/council.html"


def test_a_copy_of_a_copy_credits_its_intermediary_not_the_excerpts_publisher() -> None:
    """A feed importer copied another aggregator's excerpt: its "Read the full story at CNN"
    line, then the importer's own credit to that aggregator, naming this page's title. The
    page's origin is the aggregator (whose story names CNN): the inner line, followed by a credit
    to another origin, does not close the page's text."""
    inner = (
        '<p>Continue reading at <a href="https://www.cnn.com/2026/01/03/council-votes/">CNN</a> '
        "&raquo;</p>"
    )
    outer = f"<p>{yoast(TITLE, 'Actu Digest', 'actu-digest.example')}</p>"
    result = detect(STORY + inner + outer)
    assert result.origin is not None
    assert result.origin.domain == "actu-digest.example"


def test_a_publisher_the_table_does_not_know_closes_an_excerpt_by_name() -> None:
    """ "Continue reading at Kestrel Gazette »": the text goes on at a publisher the table does
    not know, whose name is the origin (no domain is invented); the line leaves the text. "Read
    more on Brexit" sends readers to a topic: no origin."""
    body = STORY + "<p>Continue reading at Kestrel Gazette &raquo;</p>"
    result = detect(body)
    assert result.origin is not None
    assert (result.origin.domain, result.origin.name) == (None, "Kestrel Gazette")
    assert not any("Continue reading" in p for p in result.paragraphs)
    topic = detect(STORY + "<p>Read more on Brexit</p>")
    assert topic.origin is None


def test_a_name_the_table_does_not_know_agrees_with_the_domain_another_line_gives() -> None:
    """A post in <br> runs ending "Continue reading at Kestrel Gazette »", then "Originally
    published at <its URL>": one credit, the domain the URL gives, not a list of other posts."""
    original = "https://www.kestrel-gazette.example/news/council-votes-123"
    body = (
        "<div class='post-body'>The council met on Tuesday to discuss the new budget for schools "
        "and roads in the district, officials said after the meeting ended late.<br><br>Members "
        "voted seven to two in favour of the plan after a long debate.<br><br>"
        f"Continue reading at Kestrel Gazette &raquo;<br><br>Originally published at {original}"
        "</div>"
    )
    result = detect(body)
    assert result.origin is not None
    assert (result.origin.domain, result.origin.url) == ("kestrel-gazette.example", original)


def test_a_credit_opening_a_post_written_in_br_runs_is_read_from_its_run() -> None:
    """Blogger's post body: "Source: CNN<br><br>excerpt…<br><br>Continue reading at CNN »"."""
    body = (
        "<div class='post-body'>Source: CNN<br><br>The council met on Tuesday to discuss the new "
        "budget for schools and roads in the district, officials said after the meeting ended "
        "late.<br><br>Continue reading at CNN &raquo;</div>"
    )
    result = detect(body)
    assert result.origin is not None
    assert result.origin.domain == "cnn.com"
    assert len(result.signals) + len(result.ignored) == 2  # both lines read
    assert not any("Source" in p for p in result.paragraphs)


def test_an_article_in_a_table_cell_beside_a_sidebar_item_keeps_its_text() -> None:
    """An old table layout: the text and its own line in one cell of a row, a sidebar listing
    other posts in the cell beside it, one of them with a line crediting another publisher. The two
    cells are siblings of one row, but the article's cell is no item of a list of posts: its text
    stays, and its own line gives the origin."""
    long_story = STORY * 4  # an article's text, well over what a listed post's excerpt holds
    own = f"<br>{yoast(TITLE, 'CNN', 'edition.cnn.com')}<br>"
    result = table_page(f"{long_story}{own}", "Originally published at {url}")
    assert result.origin is not None
    assert result.origin.domain == "cnn.com"
    assert any("council met on Tuesday" in p for p in result.paragraphs)
    assert not any("Originally published" in p for p in result.paragraphs)


def test_a_line_loose_after_a_figure_is_read_and_wins_over_a_sidebar_items() -> None:
    """A post written in <br> runs with a picture in it: its own line is the loose text after the
    figure ("…</figure>The post … appeared first on cnn.com.<br>"), a line of its own though no
    <br> opens it. It is read, and as it names the page's title it is the page's, not the line
    of the one post a sidebar lists beside it."""
    body = (
        "The council met on Tuesday to discuss the new budget for schools and roads in the "
        "district, officials said.<br><br><figure><img src='/up/1.jpg'><figcaption>Symbolic "
        f"image. Photo: EPA</figcaption></figure>The post {TITLE} appeared first on cnn.com.<br>"
    )
    result = table_page(body, "This post was originally published on {url}.")
    assert result.origin is not None
    assert result.origin.domain == "cnn.com"
    assert any(s.domain == "reuters.com" for s, _ in result.ignored)


def test_a_line_with_links_in_a_post_of_br_runs_leaves_the_text_as_it_reads() -> None:
    """Blogger's post body: br runs, a "read more" paragraph, then the feed importer's line with
    two links ("… se publicó primero en <a>CNN</a>.") loose in the body. The line is read as it
    reads (no space before the full stop the link leaves), so it is found in the text and taken
    out of it: it would otherwise stay in the story's text, and in its fingerprint."""
    body = (
        "<div class='post-body entry-content'>The council met on Tuesday to discuss the new "
        "budget for schools and roads in the district, officials said.<br /><br />Members voted "
        "seven to two in favour of the plan after a long debate.<br /><br /><p class='read-more'>"
        f"[…] <a href='https://edition.cnn.com/2026/01/council/'>Seguir leyendo</a></p>La entrada "
        f"<a href='https://edition.cnn.com/2026/01/council/'>{TITLE}</a> se publicó primero en "
        "<a href='https://edition.cnn.com/'>CNN</a>.<br /></div>"
    )
    result = detect(body)
    assert result.origin is not None
    assert result.origin.domain == "cnn.com"
    assert any("council met on Tuesday" in p for p in result.paragraphs)
    assert not any("primero" in p for p in result.paragraphs), result.paragraphs


def test_a_line_with_links_loose_after_a_block_is_read() -> None:
    """A blog's excerpt post: its lead, a "read more" paragraph, then its own line, loose text
    with links in it ("…</p>The post <a>…</a> appeared first on <a>CNN</a>.<br>"). The keyword
    is in a link's tail: the run around the link is the line, as after a <br>, and it is the
    page's, not the line of the post a sidebar lists beside it."""
    lead = (
        "The council met on Tuesday to discuss the new budget for schools and roads in the "
        "district, officials said after the meeting ended late."
    )
    body = (
        f'{lead}<br><br><p class="read-more">[…] <a href="https://edition.cnn.com/2026/01/'
        f'council-votes/">Continue reading</a></p>\n{yoast(TITLE, "CNN", "edition.cnn.com")}<br>'
    )
    title, site, host = NETWORK[1]
    card = f'<li><a href="/p/1/">{title}</a><div>An excerpt… {yoast(title, site, host)}</div></li>'
    for after in ("", f'<div class="sidebar"><h2>Popular posts</h2><ul>{card}</ul></div>'):
        result = detect(body, after=after)
        assert result.origin is not None
        assert result.origin.domain == "cnn.com"
        assert result.paragraphs == [lead]


@pytest.mark.parametrize(
    ("line", "family"),
    [
        # The name links the article the post was taken from (WP RSS Aggregator, Feedzy).
        (
            'Source: <a href="https://www.sankei-example.jp/article/2025-QBJP5I25/">Sankei</a>',
            "source-link",
        ),
        (
            'Source: <a href="https://www.reuters.com/world/bridge-2026-01-03/">Reuters</a>',
            "source-link",
        ),
        # The name links a home page: a credit, as "Source: AFP" under a newspaper's article.
        ('Source: <a href="https://www.reuters.com/">Reuters</a>', "source-line"),
        # A rights line: what links is an offer to buy the rights, not the name.
        (
            'Quelle: F.A.Z. <a href="https://www.faz-rechte.de/l?a=1104">Artikelrechte erwerben</a>',
            "source-line",
        ),
    ],
)
def test_a_source_line_whose_name_links_an_article_is_no_mere_credit(
    line: str, family: str
) -> None:
    """ "Source: <a href=…/the-article>Name</a>" closing a post names the article the post was
    taken from: a statement of copy, as "appeared first on" is, so the post is a link in its
    copies' chain (``dedup.index.credit_only``). A source line linking something else stays a
    credit, which a publisher's own article carries too."""
    result = detect(f"{STORY}<p>{line}</p>")
    assert result.origin is not None
    assert [e["family"] for e in result.origin.evidence] == [family]
    assert credit_only({"evidence": result.origin.evidence}) is (family == "source-line")


def test_a_line_closing_the_posts_body_is_its_own_whatever_extraction_reads_after_it() -> None:
    """A hand-made table layout: the post in <br> runs ends with its own line, which names no
    title; a sidebar beside it lists posts, one with a line crediting another publisher.
    Extraction reads the site's note and the sidebar's line fragments ("The post", "appeared
    first on") after the post, so its line is not the text's last paragraph. It still ends the
    block holding the text: it is the page's, and the sidebar's line another post's."""
    text = (STORY * 4).replace("<p>", "").replace("</p>", "<br><br>")
    own = "This post was originally published on https://edition.cnn.com/2026/01/council-votes/."
    t, _, host = NETWORK[1]
    items = "".join(
        f'<tr><td class="morenews"><a href="/p/{i}/"><b>{t} {i}</b></a><br><font size="1">An '
        f'excerpt…<br>The post <a href="/p/{i}/">{t} {i}</a> appeared first on <a href="/">Mirror '
        "Daily</a>.</font></td></tr>"
        for i in range(4)
    )
    items += (
        f'<tr><td class="morenews"><a href="/p/9/"><b>{t}</b></a><br><font size="1">An excerpt…'
        f"<br>This post was originally published on https://{host}/2026/0/story.</font></td></tr>"
    )
    html = (
        f"<html><head><title>{TITLE}</title></head><body><table><tr><td class='newscell'><b>"
        f"{TITLE}</b><div class='newsbody'>{text}<br>{own}<br></div><hr><font size='1'>Mirror "
        "Daily is an automated news service. Articles are provided as-is.</font></td><td><table>"
        f"<tr><th>More News</th></tr>{items}</table></td></tr></table></body></html>"
    )
    page = Page.from_bytes(URL, html.encode())
    article = extract_article(page.url, page.tree)
    assert article.paragraphs[-1] != own  # the case: more is read after the post's line
    result = detect_origin(page.url, page.tree, article.paragraphs, TABLE)
    assert result.origin is not None
    assert result.origin.domain == "cnn.com"
    assert [s.domain for s, _ in result.ignored] == ["reuters.com"]
    assert own not in result.paragraphs


def test_a_line_alone_in_a_list_of_posts_whose_titles_are_plain_links_is_another_posts() -> None:
    """A "recent posts" box whose items are a title link (no heading), an excerpt and a line in a
    wording the page has no other of; only one item's line is read: it is that item's, and the
    page (an aggregator's own post, crediting no one) has no origin."""
    items = "".join(
        f'<li class="rp-item"><a class="rp-title" href="https://www.mirror-daily.net/{i}/">'
        f'{title}</a><p class="rp-excerpt">An excerpt of another post about {title.lower()}, '
        f'cut after a few words […]</p><p class="rp-source">{line}</p></li>'
        for i, (title, line) in enumerate(
            [
                ("Storm closes the coastal highway", "Kaynak: NBC News"),
                (
                    "Rail strike talks resume in Lyon",
                    'Originally published at <a href="https://www.cnn.com/2026/01/rail/">cnn.com'
                    "</a>.",
                ),
                ("Museum reopens after two years", ""),
            ]
        )
    )
    after = f'<section class="widget"><h2>Son Haberler</h2><ul>{items}</ul></section>'
    result = detect(STORY, after)
    assert result.origin is None
    assert any("an item of a list" in why for _, why in result.ignored)
