"""Property-based tests: extraction, attribution and fingerprinting never raise, whatever the
input; fingerprints do not change when only whitespace or quotation marks do."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsmirror.dedup.fingerprint import Fingerprint, entity_hashes, normalize, paragraph_keys
from newsmirror.extract import extract_article
from newsmirror.origin import detect_origin, load_publishers
from newsmirror.page import Page, PageError

PUBLISHERS = load_publishers()
TAGS = st.sampled_from(["p", "div", "em", "a", "span", "article", "footer", "li", "script", "b"])
WORDS = st.sampled_from(
    [
        "This post appeared first on",
        "Source:",
        "Via",
        "cnn.com",
        "The post",
        "appeared first on",
        "Originally published at",
        "NBC NEWS",
        "“",
        "”",
        "Read the entire article here",
        ".",
        "\x00",
        "Der Beitrag",
        "erschien zuerst auf",
        "https://",
        "<",
        "&amp;",
        "é",
        "\u200b",
        "\n",
    ]
)


@st.composite
def html_documents(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        tag = draw(TAGS)
        text = " ".join(draw(st.lists(st.one_of(WORDS, st.text(max_size=20)), max_size=6)))
        href = draw(
            st.sampled_from(
                [
                    "",
                    ' href="https://www.cnn.com/x"',
                    ' href="javascript:x"',
                    ' href="/rel"',
                    ' href="http://[bad"',
                ]
            )
        )
        closed = draw(st.booleans())
        parts.append(f"<{tag}{href if tag == 'a' else ''}>{text}" + (f"</{tag}>" if closed else ""))
    head = draw(
        st.sampled_from(
            [
                "",
                '<link rel="canonical" href="https://www.reuters.com/a">',
                '<meta property="og:url" content="http://[bad/">',
                '<script type="application/ld+json">{"@type": "NewsArticle", "isBasedOn": ["x", {}]}</script>',
                '<script type="application/ld+json">{broken</script>',
                '<meta name="Googlebot-News" content="noindex">',
            ]
        )
    )
    return f"<html><head>{head}</head><body>{''.join(parts)}</body></html>"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_documents())
def test_extraction_and_detection_never_raise_on_generated_html(html: str) -> None:
    page = Page.from_bytes("https://mirror.example.net/2026/01/02/a-story/", html.encode())
    try:
        tree = page.tree
    except PageError:
        return
    article = extract_article(page.url, tree)
    result = detect_origin(page.url, tree, article.paragraphs, PUBLISHERS)
    assert all(isinstance(p, str) for p in result.paragraphs)
    if result.origin is not None:
        assert result.origin.domain != "mirror.example.net"
        assert 0.0 <= result.origin.confidence <= 1.0


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_never_raise(body: bytes) -> None:
    try:
        page = Page.from_bytes("http://a.example/x", body, None)
        tree = page.tree
    except PageError:
        return
    article = extract_article(page.url, tree)
    detect_origin(page.url, tree, article.paragraphs, PUBLISHERS)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_in_a_paragraph_never_raises(text: str) -> None:
    from html import escape

    html = f"<html><body><article><p>{escape(text)}</p></article></body></html>"
    page = Page.from_bytes("https://copy.example.org/s", html.encode("utf-8", "surrogatepass"))
    try:
        tree = page.tree
    except PageError:
        return
    article = extract_article(page.url, tree)
    detect_origin(page.url, tree, [text], PUBLISHERS)
    assert article is not None


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["div", "span", "b", "p", "li", "section", "a"]), st.booleans()),
        min_size=1,
        max_size=8,
    ),
    st.integers(260, 1000),
    st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta"]), min_size=1, max_size=6),
)
def test_any_deep_tag_soup_parses_with_all_its_words(
    tags: list[tuple[str, bool]], depth: int, words: list[str]
) -> None:
    """Nesting past libxml2's limit, closed or not, never loses a word or raises."""
    opening = "".join(f"<{tags[i % len(tags)][0]}>{words[i % len(words)]} " for i in range(depth))
    closing = "".join(
        f"</{tags[i % len(tags)][0]}>" for i in reversed(range(depth)) if tags[i % len(tags)][1]
    )
    html = f"<html><body>{opening}<p> end </p>{closing} <p> after </p></body></html>"
    page = Page.from_bytes("http://a.example/", html.encode())
    text = page.tree.text_content().split()
    assert text == [words[i % len(words)] for i in range(depth)] + ["end", "after"]


# --- fingerprints ---------------------------------------------------------------------------

SPACES = [" ", "\t", "\n", "\r\n", "\u00a0", "\u2003", "\u3000"]
# Quotation marks a copy may swap for one another (straightened, localised, curled).
APOSTROPHES = ["'", "’", "‘", "‚"]
DOUBLE_QUOTES = ['"', "“", "”", "„", "«", "»", "‹", "›"]
STORY_WORDS = st.sampled_from(
    [
        "The",
        "council",
        "said",
        "O’Brien",
        "d’Artagnan",
        "“We",
        "waited.”",
        "«Bonjour»",
        "„Guten",
        "Tag“",
        "it's",
        "Riverton",
        "3.5",
        "42%",
        "Lakemont.",
        "Maria",
        "Novak,",
        "‘quoted’",
        "Élections",
        "Москва",
        "河口市议会",
    ]
)
# Any characters but whitespace, control and quotation marks: those are what the test varies.
PLAIN_WORDS = st.text(
    st.characters(
        exclude_categories=("Z", "C"), exclude_characters="".join(APOSTROPHES + DOUBLE_QUOTES)
    ),
    min_size=1,
    max_size=12,
)
PARAGRAPHS = st.lists(
    st.lists(st.one_of(STORY_WORDS, PLAIN_WORDS), min_size=1, max_size=40), max_size=6
)


def _same(a: Fingerprint, b: Fingerprint) -> bool:
    return bool((a.signature == b.signature).all()) and (a.size, a.paragraphs, a.entities) == (
        b.size,
        b.paragraphs,
        b.entities,
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=300), max_size=5))
def test_fingerprinting_never_raises_on_any_text(paragraphs: list[str]) -> None:
    fingerprint = Fingerprint.of(paragraphs)
    assert fingerprint.signature.size > 0
    for paragraph in paragraphs:
        normalize(paragraph)
        entity_hashes(paragraph)
    paragraph_keys(paragraphs)


@settings(max_examples=100, deadline=None)
@given(PARAGRAPHS, st.data())
def test_fingerprints_ignore_whitespace_changes(
    words: list[list[str]], data: st.DataObject
) -> None:
    original = [" ".join(w) for w in words]
    respaced = []
    for paragraph in words:
        gaps = data.draw(
            st.lists(
                st.lists(st.sampled_from(SPACES), min_size=1, max_size=4).map("".join),
                min_size=len(paragraph) + 1,
                max_size=len(paragraph) + 1,
            )
        )
        respaced.append(gaps[0] + "".join(w + g for w, g in zip(paragraph, gaps[1:], strict=True)))
    assert _same(Fingerprint.of(original), Fingerprint.of(respaced))


@settings(max_examples=100, deadline=None)
@given(PARAGRAPHS, st.data())
def test_fingerprints_ignore_quote_changes(words: list[list[str]], data: st.DataObject) -> None:
    original = [" ".join(w) for w in words]

    def swap(char: str) -> str:
        for family in (APOSTROPHES, DOUBLE_QUOTES):
            if char in family:
                return data.draw(st.sampled_from(family))
        return char

    requoted = ["".join(swap(c) for c in paragraph) for paragraph in original]
    assert _same(Fingerprint.of(original), Fingerprint.of(requoted))
