"""Lines that are a page's furniture, never its text (``extract.text.is_boilerplate``)."""

from __future__ import annotations

import pytest
from lxml.html import HtmlElement

from newsmirror.extract import extract_article
from newsmirror.extract.classify import text_size
from newsmirror.extract.metadata import clean, split_authors, text_of
from newsmirror.extract.text import (
    FULL_EXTRACTION_BELOW,
    is_boilerplate,
    main_paragraphs,
    marked_body_lines,
    outside_cards,
    with_standfirst,
    within_marked_body,
)
from newsmirror.page import Page
from newsmirror.sampleweb import SampleWeb, Transform


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Doe",  # a byline standing alone: the authors are read into their own field
        "BY JANE DOE",
        "Von Nina Magoley",
        "von Katja Belousova",
        "Par Jean-Pierre Dupont",
        "Por Agencia EFE",
        "di Mario Rossi",
        "Stand: 22.04.2024, 06:00 Uhr",  # German "as of" dateline
        "Posted: 03.05.2026 09:40",
        "Updated May 3, 2026",
        "Log in to post comments",  # Drupal's comment link, as a list item too
        "- Log in or register to post comments",
        "Get our best stories delivered to your inbox every morning.",  # a newsletter box
        "Get the Valley Brief: five stories in your inbox every weekday at 6 a.m. It is free.",
    ],
)
def test_bylines_and_datelines_alone_are_furniture(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "By the numbers",  # a subhead: its words are not names
        "By contrast, the council said the bridge would wait.",
        "By the end of 2026 the bridge will open to cyclists.",
        "Von Kindern und Eltern",
        "Stand der Dinge ist, dass der Rat noch nicht entschieden hat.",
        "Stand up for your town: the council wants to hear from you on 3 May.",
        "Get ready: the storm will reach your inbox of worries on Tuesday, forecasters said.",
        "Residents get the tax letters in their mailboxes, not in your inbox, the office said.",
    ],
)
def test_sentences_and_subheads_are_text(line: str) -> None:
    assert not is_boilerplate(line)


def test_a_short_text_is_its_own_paragraphs_not_the_whole_column() -> None:
    """Under 250 characters, trafilatura falls back to the text of the whole container as one
    line (byline, tags, widget and all); a feed excerpt that short is its own paragraphs."""
    excerpt = "Romance novelists gathered with readers at a book fair in the harbour town."
    line = "The post Book fair first appeared on Example Wire."
    html = (
        "<html><head><title>Book fair</title></head><body><article><h1>Book fair</h1>"
        "<ul class='meta'><li>Post author: Bot</li><li>Reading time: 1 min</li></ul>"
        f"<div class='entry-content'><p>{excerpt}</p><p>{line}</p></div>"
        "<section class='related'><h3>You Might Also Like</h3><article><h3><a href='/x/'>Other "
        "post</a></h3><p>Another post's excerpt, of some length, on another subject.</p></article>"
        "</section></article></body></html>"
    )
    url = "https://aggregator.example/2026/01/03/book-fair/"
    assert main_paragraphs(Page.from_bytes(url, html.encode()).tree, url) == [excerpt, line]


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("By editor, Thu, 12/05/2024 - 11:34", ["editor"]),  # Drupal's byline and date
        ("Didier Roy, 21 juin 2018", ["Didier Roy"]),
        ("By Jane Roe and John Doe", ["Jane Roe", "John Doe"]),
        ("freeman1984", ["freeman1984"]),  # a login with a number in it is a name
        ("Monday Night Staff", ["Monday Night Staff"]),
    ],
)
def test_a_bylines_date_is_no_author(byline: str, authors: list[str]) -> None:
    assert split_authors([byline]) == authors


def test_a_cjk_character_counts_twice_against_the_article_bar() -> None:
    assert text_size(["abc", "北川市"]) == 3 + 6
    assert text_size(["한국어"]) == 6


def test_no_figure_caption_is_the_articles_text() -> None:
    """A photo's or a chart's caption, credit and all, is no sentence of the article, wherever
    trafilatura's passes put it: on the sample web with its metamorphic switches on (captions
    naming other publishers, T6; network widgets, a newsletter box and 40 nested wrappers
    besides), the readability pass took two pages' captions in with the text."""
    web = SampleWeb(seed=1, stories=30, metamorphic=frozenset(Transform))
    checked = 0
    for url, page in web.pages.items():
        if page.kind != "article":
            continue
        _, _, body = web.fetch(url)
        tree = Page.from_bytes(url, body).tree
        captions = [clean(text_of(c)) for c in tree.iter("figcaption")]
        if not captions:
            continue
        paragraphs = extract_article(url, tree).paragraphs
        assert not [c for c in captions if any(c in p for p in paragraphs)], url
        checked += 1
    assert checked >= 50


def _read(url: str, html: str) -> tuple[HtmlElement, list[str], list[str]]:
    """The page's tree, trafilatura's lines (``main_paragraphs``) and the article's text."""
    tree = Page.from_bytes(url, html.encode()).tree
    return tree, main_paragraphs(tree, url), extract_article(url, tree).paragraphs


def test_a_short_posts_text_is_its_marked_body_not_the_boxes_around_it() -> None:
    """A brief under trafilatura's minimum sends it to its fallbacks, which read the author box
    and the "You might also like" cards around it too: the text is what the page marks up as
    the post's body. Whether the page is an article is judged on the page as read."""
    body = [
        "Zara Holm was named head coach of the national rowing team on Monday, the federation said.",
        "She replaces Ivo Brandt, who retired after the world championships in Plovdiv. [...]",
    ]
    cards = "".join(
        f"<div class='card'><h4><a href='/2026/01/0{n}/{slug}/'>{title}</a></h4><p>{text}</p></div>"
        for n, slug, title, text in (
            (
                2,
                "ferry",
                "Ferry to Varde adds a third crossing",
                "Nordlys adds a third daily "
                "crossing to the island from May, with tickets on sale next week at 22 euros.",
            ),
            (
                1,
                "storm",
                "First autumn storm reaches the fjords",
                "Forecasters expect gusts of 90 "
                "kilometres an hour at Cape Hallen on Friday, and ferries may stop.",
            ),
        )
    )
    html = (
        "<html><head><title>New coach</title></head><body><article class='post'><h1>New coach</h1>"
        "<div class='entry-content'>" + "".join(f"<p>{p}</p>" for p in body) + "</div>"
        "<div class='box'><p>admin gathers the most interesting sports stories from around the "
        "web, around the clock.</p></div>"
        f"<div class='more'><h3>You Might Also Like</h3>{cards}</div></article></body></html>"
    )
    url = "https://aggregator.example/2026/01/03/new-coach/"
    tree, read, text = _read(url, html)
    assert len(read) > len(body) + 1  # trafilatura's text: the boxes too
    assert text == body
    # A long body, or two marked bodies (a listing of posts), leave trafilatura's lines alone.
    long = [body[0] * 8]
    assert within_marked_body(tree, [*long, "x"]) == [*long, "x"]
    two = html.replace("</article>", "<div class='entry-content'><p>Other</p></div></article>")
    assert within_marked_body(Page.from_bytes(url, two.encode()).tree, read) == read


@pytest.mark.parametrize("seed", [1, 2])
def test_captions_in_a_post_leave_its_text_as_it_was(seed: int) -> None:
    """T6 at the extraction level: photos and charts with credit captions in a post change no
    page's kind or text. (On seed 1 a brief's two captions made trafilatura score the box of
    related posts above the post: nothing of the page was kept, and the page was no article.)"""
    plain = SampleWeb(seed=seed, stories=30)
    credits = SampleWeb(seed=seed, stories=30, metamorphic={Transform.CREDITS})
    changed = []
    for url, page in plain.pages.items():
        if page.kind != "article":
            continue
        before = extract_article(url, Page.from_bytes(url, plain.fetch(url)[2]).tree)
        after = extract_article(url, Page.from_bytes(url, credits.fetch(url)[2]).tree)
        if (after.kind, after.paragraphs) != (before.kind, before.paragraphs):
            changed.append(url)
    assert changed == []


def test_the_marked_body_read_as_blocks() -> None:
    """When all trafilatura reads is template, the body the page marks up is the text: its
    paragraphs, sub-headings and list items, without captions, forms or what is never shown."""
    html = (
        "<html><body><div class='entry-content'><p>First <b>line</b> of the post.</p>"
        "<figure><img src='a.jpg'><figcaption>Photo: Agency</figcaption></figure>"
        "<h2>A sub-heading</h2><ul><li><p>One item</p></li><li>Two</li></ul>"
        "<p>Last<script>var x = 1;</script><!-- note --> line.</p><template><p>Hidden</p>"
        "</template><form><p>Sign up</p></form></div>"
        "<div class='related'><p>Another post</p></div></body></html>"
    )
    tree = Page.from_bytes("https://a.example/p/", html.encode()).tree
    assert marked_body_lines(tree) == [
        "First line of the post.",
        "A sub-heading",
        "- One item",
        "- Two",
        "Last line.",
    ]
    two = html.replace("</body>", "<div class='entry-content'><p>Other</p></div></body>")
    assert marked_body_lines(Page.from_bytes("https://a.example/p/", two.encode()).tree) == []


def test_a_table_sidebars_bold_linked_cards_are_no_text() -> None:
    """A hand-made site laid out in tables: the article in one cell, beside it a box headed by a
    header row ("More News") whose rows are cards — a bold title linking a post, an excerpt and
    the post's line, set apart by ``<br>``. None of the box is the article's text."""
    story = [
        f"Paragraph {i}: the council met on Tuesday to discuss the new budget for schools and "
        "roads in the district, officials said after the meeting ended late."
        for i in range(6)
    ]
    titles = ["Storm closes the coastal highway", "Rail strike talks resume", "Museum reopens"]
    rows = "".join(
        f'<tr><td class="morenews"><a href="http://www.beat.example/article.php?id={i}"><b>{t}'
        f'</b></a><br><font size="1">An excerpt of the post about {t.lower()}, cut after a few '
        f"words and more words…<br>The post <a href='http://www.beat.example/article.php?id={i}'>"
        f"{t}</a> appeared first on <a href='http://www.beat.example/'>Beat</a>.</font></td></tr>"
        for i, t in enumerate(titles)
    )
    html = (
        "<html><head><title>Council votes</title></head><body><table><tr><td class='newscell'>"
        "<font size='5'><b>Council votes</b></font><br><div class='newsbody'>"
        + "<br><br>".join(story)
        + "</div></td><td width='280'><table class='sidebox'><tr><th>More News</th></tr>"
        + rows
        + "</table></td></tr></table></body></html>"
    )
    url = "http://www.beat.example/article.php?id=9"
    paragraphs = extract_article(url, Page.from_bytes(url, html.encode()).tree).paragraphs
    assert [p for p in paragraphs if p.startswith("Paragraph")] == story
    assert not any("excerpt of the post" in p or "More News" in p for p in paragraphs)
    assert not any(any(t in p for t in titles) for p in paragraphs)


def test_the_pages_own_card_in_a_latest_posts_box_takes_nothing_from_its_text() -> None:
    """A "latest posts" box lists the page's own post too, its excerpt the post's lead: the
    lead stays in the text (the other cards' excerpts are template)."""
    url = "https://fish.example/radical-pop-ups/"
    lead = "Radical Pop-Ups have earned a solid reputation among anglers over the last years."
    rest = [
        f"Paragraph {i}: the baits come in many flavours and float well, with two sizes in "
        "every tin and a vial of liquid to boost them before the cast."
        for i in range(4)
    ]
    cards = "".join(
        f'<div class="module"><h3><a href="{href}">{title}</a></h3>'
        f'<div class="excerpt">{excerpt}</div></div>'
        for href, title, excerpt in [
            (url, "Radical Pop-Ups", f"{lead} Paragraph 0: the baits come in many -..."),
            ("https://fish.example/pike-lures/", "Pike lures", "Lures for pike, tested in May."),
            ("https://fish.example/carp-rods/", "Carp rods", "Three carp rods under 100 euros."),
        ]
    )
    html = (
        "<html><head><title>Radical Pop-Ups</title></head><body><article><h1>Radical Pop-Ups"
        f"</h1><p><strong>{lead}</strong></p>"
        + "".join(f"<p>{p}</p>" for p in rest)
        + f'</article><aside><div class="latest">{cards}</div></aside></body></html>'
    )
    paragraphs = extract_article(url, Page.from_bytes(url, html.encode()).tree).paragraphs
    assert paragraphs[0] == lead
    assert not any("Lures for pike" in p or "carp rods" in p for p in paragraphs)


def test_a_short_marked_body_is_the_text_however_much_the_fallbacks_read_around_it() -> None:
    """A post whose body, as the page marks it up, is one short line (a photo credit and a date:
    all a feed item left) sends trafilatura to its fallbacks, and at last to the whole page: a
    sidebar of popular posts, each with a snippet and its line, makes that well over the length
    at which its text is otherwise trusted. The text is still only what the page marks up as the
    post's body: the sidebar's posts are no part of it (they would join this page to theirs)."""
    items = "".join(
        f"<li><div class='item-title'><a href='/2026/05/post-{n}.html'>Harbour works, part {n}: "
        "what the board decided on the quay</a></div><div class='item-snippet'>The harbour board "
        f"said on day {n} that the works on pier {n} would run until the end of the year… The "
        f"post <a href='https://port-news.example/{n}/'>Harbour works, part {n}: what the board "
        "decided on the quay</a> appeared first on <a href='https://port-news.example/'>Port "
        "News</a>.</div></li>"
        for n in range(1, 8)
    )
    html = (
        "<html><head><title>Fact-checker speaks</title></head><body>"
        "<div class='header'><a href='/'>News Blog</a></div><div class='main-inner'>"
        "<h2 class='date-header'><span>May 18, 2024</span></h2><div class='post hentry'>"
        "<h3 class='post-title entry-title'>Fact-checker speaks</h3>"
        "<div class='post-body entry-content'><div>JANE DOE/AFP/Getty Images 22 Dec, 2016</div>"
        "</div><div class='post-footer'>Posted by editor</div></div>"
        "<div class='disclaimer'>This blog shares news from other outlets for information.</div>"
        "</div><div class='sidebar'><div class='widget PopularPosts'>"
        f"<h2>Popular posts</h2><ul>{items}</ul></div></div></body></html>"
    )
    _, read, text = _read("https://news-blog.example/2026/05/fact-checker-speaks.html", html)
    assert sum(map(len, read)) > FULL_EXTRACTION_BELOW  # the whole page: the sidebar too
    assert text == ["JANE DOE/AFP/Getty Images 22 Dec, 2016"]


DECK = "Two-year-old bug exposes thousands of servers to a crippling attack, researchers say."
LEAD = (
    "A flaw in the wildly popular online game makes it easy for just about anyone to crash the "
    "server hosting it, according to a programmer who released code that exploits it."
)
BODY = "".join(
    f"<p>{p}</p>"
    for p in (
        LEAD,
        "The bug resides in the networking internals of the protocol, he said, and allows the "
        "contents of inventory slots to be exchanged between players and servers.",
        "The developer said he reported the flaw privately 21 months ago and received no answer "
        "from the company, which did not reply to a request for comment on Thursday.",
    )
)


def deck_page(description: str, header: str, footer: str = "") -> HtmlElement:
    html = (
        f'<html><head><title>Minecraft exploit</title><meta name="description" '
        f'content="{description}"></head><body><article><header><h1>Minecraft exploit makes it '
        f'easy to crash game servers</h1>{header}</header><div class="entry-content">{BODY}</div>'
        f"{footer}</article></body></html>"
    )
    return Page.from_bytes("https://news.example.com/2015/04/exploit/", html.encode()).tree


def test_the_standfirst_the_description_repeats_opens_the_text() -> None:
    """The deck under the headline, which the page's description repeats, is the text's first
    paragraph, once, when extraction left it out (feed importers copy it into a copy's first
    lines, and a feed's excerpt is often nothing else)."""
    tree = deck_page(DECK, f'<h2 itemprop="description">{DECK}</h2>')
    assert with_standfirst(tree, [LEAD], "Minecraft exploit", DECK) == [DECK, LEAD]
    paragraphs = extract_article("https://news.example.com/2015/04/exploit/", tree).paragraphs
    assert paragraphs[0] == DECK
    assert [clean(p) for p in paragraphs].count(DECK) == 1


@pytest.mark.parametrize(
    ("description", "header", "footer"),
    [
        (DECK, "", ""),  # the description is shown nowhere: no standfirst on the page
        (DECK, "", f"<aside><p>{DECK}</p></aside>"),  # shown after the text opens: no deck
        (LEAD[:120], f"<p class='dek'>{LEAD[:120]}</p>", ""),  # the lead, cut: already the text
        ("Minecraft exploit makes it easy to crash game servers", "", ""),  # the title again
        ("Game news.", "<p>Game news.</p>", ""),  # a tagline, not a standfirst
    ],
)
def test_a_description_that_is_no_standfirst_adds_nothing(
    description: str, header: str, footer: str
) -> None:
    tree = deck_page(description, header, footer)
    title = "Minecraft exploit makes it easy to crash game servers"
    assert with_standfirst(tree, [LEAD], title, description) == [LEAD]


def test_a_cards_line_split_at_its_links_leaves_with_the_card() -> None:
    """A sidebar card (title link, excerpt, the feed importer's line) read by extraction as lines
    split at the links: the title goes as a line of the card's text, and so do the short pieces
    beside it ("The post", "appeared first on"), which alone would be in any card. A short line
    of the article that some card also holds stays, when no card line is beside it."""
    title = "Storm closes the coastal highway for the second time this week"
    card = f"{title} An excerpt of the post… The post {title} appeared first on Mirror Daily."
    text = [LEAD, "Read more", "The mayor said the vote showed the town was ready to invest."]
    read = [*text, "The post", title, "appeared first on", "Mirror Daily", "Newsletter"]
    assert outside_cards(read, {card, "Read more about the plan in our archive of stories"}) == [
        *text,
        "Newsletter",
    ]


def test_a_ghost_posts_body_is_its_content_section() -> None:
    """A Ghost theme (Casper) marks a post's body as ``<section class="gh-content gh-canvas">``.
    A feed excerpt's post there is under trafilatura's minimum, whose fallbacks read the
    membership box after the article too: the text is the content section's."""
    lead = (
        "A photographer and Navy veteran is fighting back after a photo she posted to Facebook "
        "started an online backlash."
    )
    html = (
        "<html><head><title>Veteran's photo</title></head><body><main class='gh-main'><article "
        "class='gh-article post'><header class='gh-article-header'><h1>Veteran's photo sparks "
        f"controversy</h1></header><section class='gh-content gh-canvas'><p>{lead}</p><p "
        "class='read-more'>[…] <a href='https://news.example.com/veteran-photo'>Continue reading"
        "</a></p></section></article><section class='gh-cta'><p>Slow Read is reader-supported. "
        "Become a member to get every long read in your inbox and support independent curation."
        "</p><a href='#/portal/signup'>Subscribe</a></section></main></body></html>"
    )
    _, read, text = _read("https://slow.example/veteran-photo/", html)
    assert any("reader-supported" in line for line in read)  # trafilatura's: the box too
    assert not any("reader-supported" in line for line in text)
    assert text[0] == lead


def _table_page(story: list[str], widget_lines: list[str]) -> str:
    """An old hand-made page laid out in nested tables: the article written as ``<br>`` lines in a
    cell's ``<font>``, and below it, in the same column, a "recent posts" box whose items are a
    plain title link, an excerpt and the item's line."""
    titles = ["Storm closes the coastal highway", "Rail strike talks resume", "Museum reopens"]
    items = "".join(
        f'<li class="rp-item"><a class="rp-title" href="https://www.haber.example/haber.php?id={i}">'
        f'{t}</a><p class="rp-excerpt">An excerpt of the post about {t.lower()}, cut after a few '
        f'words and more words […]</p><p class="rp-source">{line}</p></li>'
        for i, (t, line) in enumerate(zip(titles, widget_lines, strict=True))
    )
    return (
        "<html><head><title>Council votes</title></head><body><table><tr><td><table><tr>"
        "<td><h1><font size='4'>Council votes</font></h1></td></tr><tr><td class='haber_metni'>"
        "<font face='Verdana' size='2'>" + "<br><br>\n".join(story) + "<br><br></font></td></tr>"
        f"<tr><td><section class='widget'><h2>Son Haberler</h2><ul>{items}</ul></section></td>"
        "</tr></table></td></tr></table></body></html>"
    )


def test_an_article_written_in_br_lines_in_a_layout_table_is_the_text() -> None:
    """trafilatura, told to leave layout tables out, reads only the box's paragraphs there: the
    box's items are cards (a list item opening with its post's link, and more), and the article
    is the run of ``<br>`` lines in its cell."""
    story = [
        f"Paragraph {i}: the council met on Tuesday to discuss the new budget for schools and "
        "roads in the district, officials said after the meeting ended late."
        for i in range(4)
    ]
    lines = ["Kaynak: NBC News", "Originally published at cnn.com.", "Kaynak: reuters.com"]
    url = "https://www.haber.example/haber.php?id=9"
    tree = Page.from_bytes(url, _table_page(story, lines).encode()).tree
    paragraphs = extract_article(url, tree).paragraphs
    assert paragraphs == story


def test_a_cut_copys_text_is_its_marked_body_when_the_fallback_reads_the_whole_page() -> None:
    """A copy cut after two short paragraphs, its line in a box inside the post, and below the
    post (in the page's main) a tag row, a share bar, an author box and a box of six other posts:
    under trafilatura's minimum, its last fallback reads all of it as one line. The post's marked
    body holds the text; its blocks are the text, not that line."""
    items = "".join(
        f'<li class="rp-item"><a class="rp-title" href="https://www.wire.example/p/{i}/">Other '
        f'post number {i} about the harbour</a><p class="rp-excerpt">Another story\'s excerpt '
        f"number {i}, about a council vote, a port closure and a market report.</p>"
        f'<p class="rp-source">The post <a href="https://www.wire.example/p/{i}/">Other post '
        f'{i}</a> appeared first on <a href="https://www.wire.example/">Wire</a>.</p></li>'
        for i in range(6)
    )
    html = (
        "<html><head><title>Twitter Lite</title></head><body class='single'><main>"
        "<article class='post'><header><h1 class='entry-title'>Twitter Lite</h1><ul>"
        "<li class='post-author'>By editor</li><li><time>2025-03-08</time></li></ul></header>"
        "<div class='entry-content'>"
        "<p>Twitter Lite is available in Google Play in 11 countries of Latin America.</p>"
        "<p>Twitter said on Monday that Twitter Lite comes to 24 new countries from today.</p>"
        "<p class='more-link'><a href='https://www.tech.example/lite/'>Continue reading</a></p>"
        "<div class='source-box'><strong>About this article</strong><p>Read more at "
        "<a href='https://www.tech.example/lite/'>www.tech.example</a></p></div></div>"
        "</article><div class='tags'><a href='/tag/media/'>media</a></div>"
        "<div class='share-bar'><a href='https://www.facebook.com/sharer.php?u=x'>Facebook</a>"
        "</div><div class='author-box'><p>editor writes about news for Wire.</p></div>"
        f"<section class='widget'><h2>You May Also Like</h2><ul>{items}</ul></section>"
        "</main></body></html>"
    )
    url = "https://www.wire.example/2025/03/08/twitter-lite/"
    tree = Page.from_bytes(url, html.encode()).tree
    main = tree.find(".//main")
    assert main is not None
    # What trafilatura's baseline gives such a page (the blind web's pages had it): one line.
    whole = [" ".join(text_of(main).split())]
    assert within_marked_body(tree, whole) == [
        "Twitter Lite is available in Google Play in 11 countries of Latin America.",
        "Twitter said on Monday that Twitter Lite comes to 24 new countries from today.",
        "Continue reading",
        "Read more at www.tech.example",
    ]
    # A line that is not the page around the body (the body's own text, read as one) stays.
    assert within_marked_body(tree, ["Twitter Lite is available in Google Play."]) == [
        "Twitter Lite is available in Google Play."
    ]


@pytest.mark.parametrize(
    ("body_class", "og_type", "path", "kind"),
    [
        ("post-template", "", "/p/9/", "article"),  # Ghost's post page, dated
        ("site com_content view-article", "", "/p/9/", "article"),  # Joomla's article view
        ("home", "", "/p/9/", "listing"),
        ("", "article", "/2025/04/09/harbour-crane-repairs-close-the-port/", "article"),
        ("", "article", "/p/9/", "other"),  # og:type alone: the slug tipped it
    ],
)
def test_a_short_posts_page_is_told_by_its_cms_classes_and_its_slug(
    body_class: str, og_type: str, path: str, kind: str
) -> None:
    """A feed excerpt of one sentence (under the article bar): an article when its markup says
    it is one post — a CMS's post body class, or og:type with a URL whose slug spells the
    headline."""
    og = f'<meta property="og:type" content="{og_type}">' if og_type else ""
    if body_class:  # a dated page
        og += '<meta property="article:published_time" content="2025-04-09T10:00:00+00:00">'
    html = (
        f"<html><head><title>Harbour crane repairs close the port</title>{og}</head>"
        f"<body class='{body_class}'><h1>Harbour crane repairs close the port</h1>"
        "<p>Harbour officials in Westmere said the terminal would close for three weeks while "
        "its cranes are repaired.</p></body></html>"
    )
    url = f"https://www.wire.example{path}"
    assert extract_article(url, Page.from_bytes(url, html.encode()).tree).kind.value == kind
