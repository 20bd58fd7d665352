"""What a crawl may skip to go faster, and that skipping it changes nothing it keeps.

- A page whose markup alone makes it a listing (or an about page) gets no text in a crawl
  (``extract_article(listing_text=False)``): its kind must be the one any text would give.
- trafilatura's fallbacks (readability, jusText) run only when its own extractor finds a short
  text (``FULL_EXTRACTION_BELOW``).
"""

from __future__ import annotations

import pytest
import trafilatura

from newsmirror.extract import PageKind, extract_article
from newsmirror.extract.classify import classify_page, kind_without_text
from newsmirror.extract.text import FULL_EXTRACTION_BELOW
from newsmirror.page import Page
from tests.realweb import needs_realweb, real_pages

LISTING = (
    "<html><head><title>News archive</title>"
    '<meta property="og:type" content="website"><link rel="next" href="/category/news/page/2/">'
    "</head><body class='archive category'><h1>News</h1>"
    + "".join(
        f"<article><h2><a href='/2026/01/0{i}/post-{i}/'>Post {i} about the council vote</a></h2>"
        f"<p>An excerpt of post {i}, about the council's plans for the district, cut short…</p>"
        "</article>"
        for i in range(1, 8)
    )
    + "</body></html>"
)


def _page(url: str, html: str) -> Page:
    return Page.from_bytes(url, html.encode())


def test_a_plain_listing_gets_its_kind_without_its_text() -> None:
    url = "https://www.mirror-daily.net/category/news/"
    page = _page(url, LISTING)
    full = extract_article(url, page.tree)
    cheap = extract_article(url, page.tree, listing_text=False)
    assert full.kind is cheap.kind is PageKind.LISTING
    assert cheap.paragraphs == []
    assert cheap.title == full.title


def test_an_article_is_extracted_whatever_listing_text_says() -> None:
    url = "https://www.mirror-daily.net/2026/01/03/council-votes/"
    html = (
        "<html><head><title>Council votes</title><meta property='og:type' content='article'>"
        "</head><body class='single'><article><h1>Council votes</h1>"
        + "".join(
            f"<p>Paragraph {i}: the council met on Tuesday to discuss the new budget for schools "
            "and roads in the district, officials said after the meeting ended late.</p>"
            for i in range(5)
        )
        + "</article></body></html>"
    )
    page = _page(url, html)
    cheap = extract_article(url, page.tree, listing_text=False)
    full = extract_article(url, page.tree)
    assert cheap.kind is full.kind is PageKind.ARTICLE
    assert (cheap.title, cheap.paragraphs) == (full.title, full.paragraphs)


@needs_realweb
def test_the_text_free_kind_is_the_kind_any_text_would_give() -> None:
    """On every realweb page whose markup gives a kind without text, ``classify_page`` gives
    that kind for no text, a little and a lot."""
    decided = 0
    for real in real_pages():
        try:
            page = Page.from_bytes(real.url or "", real.body())
            tree = page.tree
        except Exception:
            continue
        article = extract_article(real.url or "", tree)
        known = kind_without_text(real.url or "", tree, article.metadata)
        if known is None:
            continue
        decided += 1
        for chars, count in ((0, 0), (300, 2), (20_000, 40)):
            kind = classify_page(real.url or "", tree, article.metadata, chars, count)
            assert kind is known, (real.id, chars)
        assert article.kind is known, real.id
    assert decided >= 10  # the rule is exercised, on listing and about pages among them


def test_fallbacks_run_only_after_a_short_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """A long article: trafilatura's extractor alone. A short one: the full sequence at once
    (its paragraphs are too few for the first pass to be kept). Paragraphs enough, but mostly
    in the page's footer: the first pass finds little, the full sequence runs after it."""
    calls: list[bool] = []
    real = trafilatura.bare_extraction

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(bool(kwargs.get("fast")))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(trafilatura, "bare_extraction", counted)
    sentence = (
        "The council met on Tuesday to discuss the new budget for schools and roads in the "
        "district, officials said after the meeting ended late. "
    )
    footer = "".join(f"<p>Footer note {i}: {sentence}</p>" for i in range(15))
    for paragraphs, after, expected in (
        (2, "", [False]),
        (20, "", [True]),
        (2, f"<footer>{footer}</footer>", [True, False]),
    ):
        calls.clear()
        html = (
            "<html><head><title>Council votes</title></head><body><article><h1>Council votes</h1>"
            + "".join(f"<p>{i}. {sentence}</p>" for i in range(paragraphs))
            + f"</article>{after}</body></html>"
        )
        url = "https://www.mirror-daily.net/2026/01/03/council-votes/"
        extract_article(url, _page(url, html).tree)
        assert calls == expected, (paragraphs, bool(after))


def test_a_first_pass_that_took_the_menus_is_not_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """trafilatura's first pass can return a page's menus instead of its article (a real
    newspaper page did: 2,500 characters, 135 of 163 lines menu links). What counts is the text
    kept of it, template left out: too little, and the full sequence runs."""
    sentence = (
        "The council met on Tuesday to discuss the new budget for schools and roads in the "
        "district, officials said after the meeting ended late. "
    )
    article = [f"{i}. {sentence}".strip() for i in range(20)]
    sections = [f"Section number {i} of the newspaper" for i in range(60)]
    menu = "".join(f'<li><a href="/section-{i}/">{s}</a></li>' for i, s in enumerate(sections))
    html = (
        f"<html><head><title>Council votes</title></head><body><nav><ul>{menu}</ul></nav>"
        "<article><h1>Council votes</h1>"
        + "".join(f"<p>{p}</p>" for p in article)
        + "</article></body></html>"
    )
    calls: list[bool] = []

    class Doc:
        def __init__(self, text: str) -> None:
            self.text = text

    def first_pass_takes_menus(*args: object, **kwargs: object) -> Doc:
        calls.append(bool(kwargs.get("fast")))
        return Doc("\n".join(sections if kwargs.get("fast") else article))

    assert sum(len(s) for s in sections) >= FULL_EXTRACTION_BELOW
    monkeypatch.setattr(trafilatura, "bare_extraction", first_pass_takes_menus)
    url = "https://www.mirror-daily.net/2026/01/03/council-votes/"
    extracted = extract_article(url, _page(url, html).tree)
    assert calls == [True, False]
    assert extracted.paragraphs == article


@pytest.mark.parametrize(
    ("path", "listing"),
    [
        ("/2025/01/", True),  # a month's archive (WordPress, Blogger)
        ("/2022/", True),
        ("/2025/01/15/", True),
        ("/index.php", True),
        ("/cat.php?c=world", True),
        ("/category.php?id=2", True),
        ("/2025/01/15/council-votes/", False),  # a post under its date
        ("/1927", False),  # a post id, not a year
        ("/news/index.php", False),
        ("/article.php?id=3", False),
    ],
)
def test_archive_and_index_addresses_read_as_listings(path: str, listing: bool) -> None:
    """A page whose text is a few posts' (an archive shows them whole) is a listing when its
    address is an archive's, an index script or a category script."""
    url = "http://www.mirror-daily.net" + path
    body = "".join(
        f"<p>Paragraph {i}: the council met on Tuesday to discuss the new budget for schools "
        "and roads in the district, officials said after the meeting ended late.</p>"
        for i in range(6)
    )
    html = (
        "<html><head><title>Council votes</title><meta property='og:type' content='article'>"
        f"</head><body><h1>Council votes</h1>{body}</body></html>"
    )
    kind = extract_article(url, _page(url, html).tree).kind
    assert (kind is not PageKind.ARTICLE) is listing


def _cards(count: int, words: int) -> str:
    return "".join(
        f'<article class="card post"><h3><a href="/p{i}/">Other post {i}</a></h3><p>'
        + " ".join(f"excerpt{i} word{j}" for j in range(words))
        + "</p></article>"
        for i in range(count)
    )


@pytest.mark.parametrize("nested", [False, True])
def test_a_post_with_read_next_cards_is_an_article_and_a_list_of_posts_is_not(nested: bool) -> None:
    """A post's page showing four "read next" cards (a Ghost theme: no og:type, no JSON-LD)
    holds five ``<article>`` elements, one with the text: an article. Five alike articles on an
    address that says nothing are a list of posts, never an article."""
    url = "http://slow.example/council-votes-for-the-school-budget/"
    story = "".join(
        f"<p>Paragraph {i}: the council met on Tuesday to discuss the new budget for schools "
        "and roads in the district, officials said after the meeting ended late.</p>"
        for i in range(8)
    )
    cards = f'<section class="read-next">{_cards(4, 12)}</section>'
    post = f'<article class="post"><h1>Council votes</h1>{story}{cards if nested else ""}</article>'
    head = (
        "<head><title>Council votes</title>"
        '<meta property="article:published_time" content="2024-05-21T00:29:00+00:00"></head>'
    )
    html = f"<html>{head}<body><main>{post}{'' if nested else cards}</main></body></html>"
    assert extract_article(url, _page(url, html).tree).kind is PageKind.ARTICLE
    listing = f"<html>{head}<body><main>{_cards(5, 60)}</main></body></html>"
    assert extract_article(url, _page(url, listing).tree).kind is not PageKind.ARTICLE


def test_a_short_post_beside_longer_cards_is_an_article_by_its_headline() -> None:
    """A short post (a council brief) whose "read next" cards hold more text than it does: the
    one ``<article>`` holding the page's ``<h1>`` is the post, and the page is an article."""
    url = "http://slow.example/council-votes-for-the-school-budget/"
    story = "".join(
        f"<p>Paragraph {i}: the council met on Tuesday to discuss the budget.</p>" for i in range(5)
    )
    html = (
        "<html><head><title>Council votes</title>"
        '<meta property="article:published_time" content="2024-05-21T00:29:00+00:00"></head>'
        f'<body><main><article class="post"><h1>Council votes</h1>{story}</article>'
        f"{_cards(4, 30)}</main></body></html>"
    )
    assert extract_article(url, _page(url, html).tree).kind is PageKind.ARTICLE


@pytest.mark.parametrize("scripted", [False, True])
def test_a_feed_excerpt_marked_up_as_one_post_is_an_article(scripted: bool) -> None:
    """A feed importer's excerpt (one sentence and "Continue reading") on a page marked up as one
    post is an article, though under the article bar; a page that runs an app is rendered first
    (a shell), since its scripts may put the rest on screen."""
    url = "http://farm.example/2024/02/15/every-outfit-ranked/"
    app = '<script src="/app.js"></script>' if scripted else ""
    html = (
        '<html><head><title>Every outfit, ranked</title><meta property="og:type" '
        'content="article"><meta property="article:published_time" content="2024-02-15">'
        f'{app}</head><body class="single single-post"><article><h1>Every outfit, ranked</h1>'
        "<p>Zendaya is widely recognized as a fashion superstar thanks to her daring and "
        "experimental outfits, worn while promoting the films. […]</p>"
        '<p><a href="https://original.example/outfits">Continue reading</a></p>'
        "</article></body></html>"
    )
    kind = extract_article(url, _page(url, html).tree).kind
    assert kind is (PageKind.SHELL if scripted else PageKind.ARTICLE)
