"""Origin detection on hand-made pages: resolution, conflicts, self-references and stripping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsmirror.extract import extract_article
from newsmirror.origin import (
    OriginResult,
    Publisher,
    PublisherTable,
    clear_caches,
    detect_origin,
)
from newsmirror.origin.publishers import PublisherTableError, load_publishers
from newsmirror.page import Page

TABLE = PublisherTable(
    [
        (Publisher("cnn.com", "CNN"), ["CNN Wire"]),
        (Publisher("nbcnews.com", "NBC News"), []),
        (Publisher("apnews.com", "Associated Press", "wire"), ["AP"]),
        (Publisher("github.blog", "The GitHub Blog"), []),
    ]
)
COPY_URL = "https://www.mirror-daily.net/2026/01/03/council-votes/"
STORY = (
    "<p>The council met on Tuesday to discuss the new budget for schools and roads in the "
    "district, officials said after the meeting.</p>"
    "<p>Members voted seven to two in favour of the plan after a long debate that ran past "
    "midnight in the old town hall.</p>"
    "<p>The mayor said the vote showed the town was ready to invest in its future.</p>"
)
STORY_PARAGRAPHS = [
    "The council met on Tuesday to discuss the new budget for schools and roads in the district, "
    "officials said after the meeting.",
    "Members voted seven to two in favour of the plan after a long debate that ran past midnight "
    "in the old town hall.",
    "The mayor said the vote showed the town was ready to invest in its future.",
]


def detect(
    body: str, head: str = "", url: str = COPY_URL, table: PublisherTable = TABLE
) -> OriginResult:
    html = (
        f"<html><head><title>Council votes</title>{head}</head><body><article>"
        f"<h1>Council votes</h1>{body}</article></body></html>"
    )
    page = Page.from_bytes(url, html.encode())
    article = extract_article(page.url, page.tree)
    return detect_origin(page.url, page.tree, article.paragraphs, table)


@pytest.mark.parametrize(
    ("line", "domain", "url"),
    [
        ("<p>This post appeared first on cnn.com</p>", "cnn.com", None),
        ("<p>This post appeared first on www.cnn.com.</p>", "cnn.com", None),
        ("<p>This post appeared first on NBC NEWS</p>", "nbcnews.com", None),
        ("<p>This post appeared first on “The GitHub Blog”</p>", "github.blog", None),
        (
            '<p>This post appeared first on CNN. <a href="https://edition.cnn.com/2026/01/x.html">'
            "Read the entire article here</a></p>",
            "cnn.com",
            "https://edition.cnn.com/2026/01/x.html",
        ),
        (
            '<p>The post <a href="https://www.nbcnews.com/news/a-1">Council votes</a> appeared first '
            'on <a href="https://www.nbcnews.com/">NBC News</a>.</p>',
            "nbcnews.com",
            "https://www.nbcnews.com/news/a-1",
        ),
        ("<div class='source'>Source: AP</div>", "apnews.com", None),
        (
            "<p><em>Originally published at https://www.nbcnews.com/world/b-2</em></p>",
            "nbcnews.com",
            "https://www.nbcnews.com/world/b-2",
        ),
    ],
)
def test_line_resolves_to_domain_and_url(line: str, domain: str, url: str | None) -> None:
    result = detect(STORY + line)
    assert result.origin is not None
    assert (result.origin.domain, result.origin.url) == (domain, url)
    # Whatever the line's wording, it is gone and the story is left exactly as it was.
    assert result.paragraphs == STORY_PARAGRAPHS


def test_a_source_label_and_its_one_value_block_are_the_pages_origin() -> None:
    """The counterpart of the lists of sources below: one value after the label names the page's
    origin."""
    for body in ("<p>Source:</p><p>cnn.com</p>", "<p>Source:</p><p>CNN</p><p>Share this post</p>"):
        result = detect(STORY + body)
        assert result.origin is not None
        assert result.origin.domain == "cnn.com"


@pytest.mark.parametrize(
    "body",
    [
        STORY + "<p>The series appeared first on Netflix in 2019 and became a hit.</p>",
        STORY + "<p>Source: a person familiar with the matter said talks were close.</p>",
        STORY + "<p>She joined the meeting via a video link from the capital.</p>",
        STORY + "<p>Originally published in 1954, the novel was adapted twice for film.</p>",
        # "Sources:" heading the article's own list of sources, one a block: what it cites.
        STORY + "<p>Sources:</p><p>cnn.com</p><p>nbcnews.com</p><p>www.webmd.com</p>",
        STORY + "<p>Source:</p><p>CNN</p><p>Associated Press</p>",
        STORY,
    ],
)
def test_ordinary_sentences_are_not_attribution(body: str) -> None:
    result = detect(body)
    assert result.origin is None
    assert len(result.paragraphs) == body.count("<p>")


def test_self_references_are_not_an_origin() -> None:
    head = (
        '<link rel="canonical" href="https://mirror-daily.net/2026/01/03/council-votes/">'
        '<meta property="og:url" content="http://www.mirror-daily.net/x">'
        '<meta name="syndication-source" content="https://mirror-daily.net/y">'
    )
    assert (
        detect(STORY + "<p>This post appeared first on Mirror-Daily.net</p>", head).origin is None
    )


def test_a_line_seen_on_an_earlier_page_is_read_afresh_on_the_next() -> None:
    """Lines, keyword nodes and publisher names are matched once per text and kept: what a later
    page gets from them must still depend on that page alone (its links, its own site)."""
    clear_caches()
    line = '<p>This post appeared first on <a href="{href}">CNN</a>.</p>'
    first = detect(STORY + line.format(href="https://www.cnn.com/2026/01/03/a/"))
    again = detect(STORY + line.format(href="https://www.cnn.com/2026/01/03/b/"))
    assert first.origin is not None
    assert again.origin is not None
    assert (first.origin.url, again.origin.url) == (
        "https://www.cnn.com/2026/01/03/a/",
        "https://www.cnn.com/2026/01/03/b/",
    )
    text = "<p>Originally published at cnn.com</p>"
    assert detect(STORY + text, url="https://edition.cnn.com/2026/01/03/x/").origin is None
    elsewhere = detect(STORY + text)
    assert elsewhere.origin is not None
    assert elsewhere.origin.domain == "cnn.com"
    assert elsewhere.paragraphs == detect(STORY).paragraphs


def test_malformed_urls_are_no_origin_and_never_raise() -> None:
    """A URL ``urlsplit`` rejects (an unclosed IPv6 bracket, a host that NFKC turns into a path)
    neither names an origin nor stops detection: the page's other signals still count."""
    head = (
        '<meta name="syndication-source" content="http://[bad/">'
        '<meta property="og:url" content="https://a\u2100b.com/x">'
    )
    line = '<p>This post appeared first on <a href="http://[bad/story">CNN</a>.</p>'
    result = detect(STORY + line, head)
    assert result.origin is not None
    assert (result.origin.domain, result.origin.url, result.origin.method) == (
        "cnn.com",
        None,
        "line",
    )
    assert [s.method for s in result.signals] == ["line"]
    assert detect(STORY, head).origin is None


def test_a_cross_site_canonical_names_the_origin() -> None:
    result = detect(STORY, '<link rel="canonical" href="https://www.cnn.com/2026/01/02/a.html">')
    assert result.origin is not None
    assert (result.origin.domain, result.origin.url, result.origin.method) == (
        "cnn.com",
        "https://www.cnn.com/2026/01/02/a.html",
        "canonical",
    )


def test_conflicting_signals_lower_confidence_and_are_all_recorded() -> None:
    agreed = detect(
        STORY + "<p>This post appeared first on cnn.com</p>",
        '<link rel="canonical" href="https://www.cnn.com/a.html">',
    ).origin
    conflict = detect(
        STORY + "<p>This post appeared first on cnn.com</p>",
        '<link rel="canonical" href="https://www.nbcnews.com/a.html">',
    ).origin
    assert agreed is not None
    assert conflict is not None
    assert conflict.domain == "cnn.com"  # the visible line outranks markup
    assert conflict.confidence < agreed.confidence
    assert {e.get("domain") for e in conflict.evidence} == {"cnn.com", "nbcnews.com"}


def test_only_the_attribution_line_is_stripped_from_its_paragraph() -> None:
    body = STORY.replace(
        "its future.</p>", "its future. This article originally appeared on nbcnews.com.</p>"
    )
    result = detect(body)
    assert result.origin is not None
    assert result.origin.domain == "nbcnews.com"
    assert (
        result.paragraphs[-1]
        == "The mayor said the vote showed the town was ready to invest in its future."
    )


def test_an_unknown_name_is_kept_as_name_without_inventing_a_domain() -> None:
    result = detect(STORY + "<p>This post appeared first on Valley Courier Weekly</p>")
    assert result.origin is not None
    assert result.origin.domain is None
    assert result.origin.name == "Valley Courier Weekly"


def test_googlebot_news_noindex_is_only_a_hint() -> None:
    result = detect(STORY, '<meta name="Googlebot-News" content="noindex">')
    assert result.origin is None
    assert result.copy_hint


def test_json_ld_wire_author_names_the_wire() -> None:
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "x", '
        '"author": {"@type": "Organization", "name": "Associated Press"}}</script>'
    )
    result = detect(STORY, ld)
    assert result.origin is not None
    assert (result.origin.domain, result.origin.method) == ("apnews.com", "json_ld")


def test_publisher_file_adds_names(tmp_path: Path) -> None:
    extra = tmp_path / "pubs.json"
    extra.write_text(
        json.dumps(
            {
                "publishers": [
                    {"domain": "www.valleycourier.example", "name": "Valley Courier Weekly"}
                ]
            }
        )
    )
    table = load_publishers(extra)
    found = table.by_name("VALLEY COURIER WEEKLY")
    assert found is not None
    assert found.domain == "valleycourier.example"
    extra.write_text('{"publishers": [{"name": "no domain"}]}')
    with pytest.raises(PublisherTableError, match="entry 0"):
        load_publishers(extra)


def test_a_line_between_line_breaks_mid_block_is_read_and_stripped() -> None:
    """Old templates write the whole post in <br> runs: the attribution is one run among others,
    followed by the template's own links, not the end of its block."""
    body = (
        "<font>The council met on Tuesday to discuss the new budget for schools and roads in the "
        "district.<br><br>Members voted seven to two in favour of the plan.<br><br>"
        "Originally published at https://www.nbcnews.com/world/b-2<br><br>"
        "<a href='javascript:print()'>Print this article</a> | E-mail to a friend</font>"
    )
    result = detect(body)
    assert result.origin is not None
    assert (result.origin.domain, result.origin.url) == (
        "nbcnews.com",
        "https://www.nbcnews.com/world/b-2",
    )
    assert not any("Originally published" in p for p in result.paragraphs)


def test_the_keyword_inside_an_ordinary_run_of_text_is_no_line() -> None:
    body = (
        "<font>The report was originally published at the start of the year.<br><br>"
        "Members voted seven to two in favour of the plan.</font>"
    )
    assert detect(body).origin is None


EDITIONS = PublisherTable(
    [
        (Publisher("thetimes.co.uk", "The Times"), []),
        (Publisher("latimes.com", "Los Angeles Times"), ["LA Times"]),
        (Publisher("publico.pt", "Público", language="pt"), ["Publico"]),
        (Publisher("publico.es", "Público", language="es"), ["Publico"]),
    ]
)


def test_a_name_is_read_as_written_before_its_article_is_dropped() -> None:
    """ "LA Times" is no "The Times" with a French article: each names its own paper, and
    "Times" alone, which both could be, names neither."""
    found = {n: EDITIONS.by_name(n) for n in ("The Times", "LA Times", "the times", "Times")}
    assert {n: p.domain if p else None for n, p in found.items()} == {
        "The Times": "thetimes.co.uk",
        "LA Times": "latimes.com",
        "the times": "thetimes.co.uk",
        "Times": None,
    }


@pytest.mark.parametrize(
    ("text", "domain"),
    [
        (
            "<p>Los vecinos del barrio exigen cambios en las próximas ediciones de las fiestas, "
            "que según la asociación se celebran cada año con más ruido y menos control.</p>"
            "<p>El ayuntamiento dijo que estudiará las propuestas de los vecinos para el verano.</p>",
            "publico.es",
        ),
        (
            "<p>Os moradores do bairro exigem mudanças nas próximas edições das festas, que segundo "
            "a associação se realizam todos os anos com mais ruído e menos controlo.</p>"
            "<p>A câmara disse que vai estudar as propostas dos moradores para o verão.</p>",
            "publico.pt",
        ),
        (STORY, None),  # an English text: neither edition's language, so neither
    ],
)
def test_a_name_two_editions_share_is_the_edition_in_the_texts_language(
    text: str, domain: str | None
) -> None:
    html = (
        "<html lang='en'><head><title>Fiestas</title></head><body><article><h1>Fiestas</h1>"
        f"{text}<p>The post Fiestas appeared first on Público.</p></article></body></html>"
    )
    page = Page.from_bytes(COPY_URL, html.encode())
    article = extract_article(page.url, page.tree)
    clear_caches()
    result = detect_origin(page.url, page.tree, article.paragraphs, EDITIONS)
    assert result.origin is not None
    assert result.origin.domain == domain
    if domain is None:
        assert result.origin.name == "Público"  # named, with no domain guessed


def test_a_users_entry_overrides_the_bundled_name(tmp_path: Path) -> None:
    extra = tmp_path / "pubs.json"
    extra.write_text(
        json.dumps(
            {
                "publishers": [
                    {"domain": "bbc.com", "name": "BBC News", "aliases": ["BBC"]},
                    {"domain": "publico.es", "name": "Público", "language": "es"},
                ]
            }
        )
    )
    table = load_publishers(extra)
    assert [p.domain for p in table.named("BBC")] == ["bbc.com"]
    # The user's file knows one Público: that one, whatever the text's language.
    assert [p.domain for p in table.named("Público")] == ["publico.es"]
    found = table.by_name("Público", "pt")
    assert found is not None
    assert found.domain == "publico.es"
    extra.write_text('{"publishers": [{"domain": "x.example", "name": "X", "language": 3}]}')
    with pytest.raises(PublisherTableError, match="entry 0 'language'"):
        load_publishers(extra)


def test_share_buttons_are_no_publisher() -> None:
    """A "Sources" tab beside share buttons reads like "Quellen: Teilen": the buttons lead to
    services that are handed the page's address, never to where the story came from."""
    share = (
        '<div class="actions"><a href="#sources">Quellen</a> <a href="#">Teilen</a>'
        '<a href="https://www.facebook.com/sharer/sharer.php?u=https://www.mirror-daily.net/x/"></a>'
        '<a href="https://wa.me/?text=https%3A%2F%2Fwww.mirror-daily.net%2Fx%2F"></a></div>'
    )
    assert detect(STORY + share).origin is None
    # The same block linking a page (no address handed on) is a source line, as before.
    linked = '<div class="src">Quelle: <a href="https://www.nbcnews.com/news/a-1">NBC</a></div>'
    result = detect(STORY + linked)
    assert result.origin is not None
    assert result.origin.domain == "nbcnews.com"


def test_a_credit_under_an_embedded_player_is_the_players() -> None:
    giphy = (
        '<div class="gif"><iframe src="https://giphy.com/embed/3o7TKBX7"></iframe></div>'
        '<p><a href="https://giphy.com/gifs/wtf-3o7TKBX7">via GIPHY</a></p>'
    )
    result = detect(STORY[:-4] + "</p>" + giphy + "<p>The debate goes on next week.</p>")
    assert result.origin is None
    assert any("embedded" in why for _, why in result.ignored)
    assert "via GIPHY" not in "\n".join(result.paragraphs)
    # A picture from the original's servers above the original's own line changes nothing.
    picture = '<figure><img src="https://media.cnn.com/council.jpg"></figure>'
    line = '<p>This post appeared first on <a href="https://www.cnn.com/2026/01/x.html">CNN</a></p>'
    result = detect(STORY + picture + line)
    assert result.origin is not None
    assert result.origin.domain == "cnn.com"


SEVERAL_DOMAINS = PublisherTable(
    [
        (Publisher("bbc.co.uk", "BBC News", other_domains=("bbc.com",)), ["BBC"]),
        (Publisher("cnn.com", "CNN"), []),
    ]
)


@pytest.mark.parametrize(
    ("line", "domain", "url"),
    [
        # The name, linked to the publisher's other site, and the title linked to the article
        # there: that site and that article, not the domain the table lists first.
        (
            '<p>The post <a href="https://www.bbc.com/news/articles/c1">Council votes</a> '
            'appeared first on <a href="https://www.bbc.com/">BBC</a>.</p>',
            "bbc.com",
            "https://www.bbc.com/news/articles/c1",
        ),
        (
            '<p>Originally published at <a href="https://www.bbc.com/">BBC</a>.</p>',
            "bbc.com",
            None,
        ),
        ("<p>The post Council votes appeared first on BBC.</p>", "bbc.co.uk", None),
        # A home link of another publisher is no evidence against the name.
        (
            '<p>The post Council votes appeared first on <a href="https://www.cnn.com/">BBC</a>.</p>',
            "bbc.co.uk",
            None,
        ),
    ],
)
def test_a_name_linked_to_its_publishers_other_site_is_that_site(
    line: str, domain: str, url: str | None
) -> None:
    result = detect(STORY + line, table=SEVERAL_DOMAINS)
    assert result.origin is not None
    assert (result.origin.domain, result.origin.url) == (domain, url)


def test_a_publishers_page_naming_it_at_another_of_its_domains_names_no_origin() -> None:
    """The BBC's own page at bbc.com crediting "BBC" (the table's bbc.co.uk) credits itself."""
    line = "<p>The post Council votes appeared first on BBC.</p>"
    assert detect(STORY + line, table=SEVERAL_DOMAINS).origin is not None
    own = detect(STORY + line, url="https://www.bbc.com/news/x", table=SEVERAL_DOMAINS)
    assert own.origin is None


def test_a_publisher_at_several_domains(tmp_path: Path) -> None:
    table = load_publishers()
    assert table.domains_of("www.bbc.com") == {"bbc.com", "bbc.co.uk"}
    assert table.domains_of("bbc.co.uk") == {"bbc.com", "bbc.co.uk"}
    assert table.domains_of("cnn.com") == {"cnn.com"}
    assert table.domains_of("unknown.example") == {"unknown.example"}
    # A user's entry giving one of those domains to another publisher takes it from the first.
    extra = tmp_path / "pubs.json"
    extra.write_text('{"publishers": [{"domain": "bbc.com", "name": "Big Bike Club"}]}')
    table = load_publishers(extra)
    assert table.domains_of("bbc.co.uk") == {"bbc.co.uk"}
    assert table.domains_of("bbc.com") == {"bbc.com"}
    extra.write_text('{"publishers": [{"domain": "x.example", "name": "X", "other_domains": "y"}]}')
    with pytest.raises(PublisherTableError, match="entry 0 'other_domains'"):
        load_publishers(extra)


def test_a_lines_own_links_say_where_the_name_leads_over_the_tables_domain() -> None:
    """ "… appeared first on <a href=https://www.zdfheute.de/>ZDF</a>", the title linking an
    article on that site: the table's domain for the name (zdf.de) is not where this line's name
    leads; the links agree with each other, and the origin is the linked article's. A name whose
    link leads elsewhere than the title's keeps the table's domain, and the title's link is no
    URL of that publisher's."""
    table = PublisherTable([(Publisher("zdf.de", "ZDF"), [])])
    article = "https://www.zdfheute.de/politik/ausland/putin-warnung-100.html"
    line = (
        f'<p>O post <a href="{article}">Council votes</a> apareceu primeiro em '
        '<a href="https://www.zdfheute.de/">ZDF</a>.</p>'
    )
    origin = detect(STORY + line, table=table).origin
    assert origin is not None
    assert (origin.domain, origin.url) == ("zdfheute.de", article)
    elsewhere = line.replace('"https://www.zdfheute.de/"', '"https://www.zdf-shop.example/"')
    origin = detect(STORY + elsewhere, table=table).origin
    assert origin is not None
    assert (origin.domain, origin.url) == ("zdf.de", None)


@pytest.mark.parametrize(
    ("name", "language", "domain"),
    [
        ("BSZ", "de", "braunschweiger-zeitung.de"),
        ("WAZ", "de", "waz.de"),
        ("Evening Standard", "en", "standard.co.uk"),
        ("Vn Express", "vi", "vnexpress.net"),
        ("NTV", "de", "n-tv.de"),
        ("NTV", "tr", "ntv.com.tr"),
        ("NTV", "en", None),  # two broadcasters go by it: neither, in another language
        ("Daily News", "en", None),  # a name many papers have names none of them
    ],
)
def test_the_bundled_table_knows_newsrooms_by_their_short_names(
    name: str, language: str, domain: str | None
) -> None:
    """The bundled table holds the publishers of fundus's collection (their names, the
    abbreviations they go by, their names spaced as written), besides the wires and the papers
    it had."""
    publisher = load_publishers().by_name(name, language)
    assert (publisher.domain if publisher else None) == domain


@pytest.mark.parametrize(
    ("line", "domain"),
    [
        (
            '<p><a href="https://www.nbcnews.com/news/a-1">Council votes</a> yazısı ilk önce '
            '<a href="https://www.nbcnews.com/">NBC News</a> üzerinde ortaya çıktı.</p>',
            "nbcnews.com",
        ),
        ('<p>Kaynak: <a href="https://www.nbcnews.com/news/a-1">NBC News</a></p>', "nbcnews.com"),
    ],
)
def test_turkish_lines_are_read_whatever_the_texts_language(line: str, domain: str) -> None:
    """Yoast's Turkish footer, and a Turkish site's "Kaynak:" (source) under an article in
    another language: a source line's word is looked for on pages of every language."""
    german = (
        "<p>Der Stadtrat hat am Dienstag nach einer langen Debatte den neuen Haushalt für Schulen "
        "und Straßen im Bezirk beschlossen, sagten Vertreter nach der Sitzung.</p>"
        "<p>Die Bürgermeisterin sagte, die Stadt sei bereit, in ihre Zukunft zu investieren.</p>"
    )
    origin = detect(german + line).origin
    assert origin is not None
    assert origin.domain == domain


def test_og_url_beside_a_canonical_link_says_nothing() -> None:
    """A syndication partner's page whose canonical names the page itself and og:url the
    partner's copy: no origin. With no canonical link, og:url names one."""
    partner = '<meta property="og:url" content="http://www.msn.com/en-us/news/council-votes">'
    own = f'<link rel="canonical" href="{COPY_URL}">'
    assert detect(STORY, head=own + partner).origin is None
    origin = detect(STORY, head=partner).origin
    assert origin is not None
    assert origin.domain == "msn.com"


def test_a_canonical_to_the_same_path_on_another_domain_is_a_sister_title() -> None:
    """One newsroom's article at two of its titles (``waz.de`` and ``morgenpost.de``), the
    canonical naming the other: the same publisher's page, no copy's source. A canonical to
    another path, as a copy's to its original, is one."""
    url = "https://www.waz.de/politik/article409961272/gruenen-spitze-gegen-kloeckner.html"
    sister = url.replace("www.waz.de", "www.morgenpost.de")
    assert detect(STORY, head=f'<link rel="canonical" href="{sister}">', url=url).origin is None
    original = "https://www.morgenpost.de/politik/article1/other-slug.html"
    origin = detect(STORY, head=f'<link rel="canonical" href="{original}">', url=url).origin
    assert origin is not None
    assert origin.domain == "morgenpost.de"
