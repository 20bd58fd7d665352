"""Reading the article from a page's serialized state (newsmirror.extract.state), table-driven,
and checked against the real pages of ../shared/realweb."""

from __future__ import annotations

import gzip
import json
from typing import Any

import lxml.html
import pytest

from newsmirror.extract.jsvalue import JsValueError, read_js_value
from newsmirror.extract.state import read_state
from newsmirror.page import Page
from newsmirror.sampleweb.score import shingle_f1
from tests.realweb import REALWEB

TITLE = "Harbour authority approves the long-delayed ferry terminal expansion"
PARAS = [
    "The harbour authority on Tuesday approved a plan to expand the ferry terminal, ending two "
    "years of hearings over noise, traffic and the cost of dredging the eastern basin.",
    "Construction is due to start in the spring and to last about eighteen months, officials said. "
    "Ferries will keep running from the western quay while the work goes on.",
    "Residents who opposed the plan said they would study the decision before deciding whether to "
    "appeal. “We are not done yet,” one of them said after the vote.",
]
BODY_HTML = "".join(f"<p>{p}</p>" for p in PARAS)
OTHER_TITLE = "City council delays the vote on the new bicycle lanes once again"
OTHER_BODY = "".join(
    f"<p>{p}</p>"
    for p in [
        "The council postponed its vote on the bicycle lanes for the third time this year, saying "
        "it needed more figures on parking and deliveries before it could decide anything at all.",
        "Cyclists' groups called the delay a disgrace. Shop owners welcomed it. The mayor said the "
        "vote would come before the summer recess, whatever the figures show in the end.",
        "A consultation will open next month. The council expects thousands of answers to it.",
    ]
    * 2
)


def page(head: str, body: str = "", title: str = TITLE) -> str:
    return (
        f"<html><head><title>{title} | The Daily Example</title>{head}</head>"
        f"<body><header><nav><a href='/'>Home</a></nav></header>"
        f"<div class='story-mount'></div>{body}<footer>© Example</footer></body></html>"
    )


def script(code: str, attrs: str = "") -> str:
    return f"<script{attrs}>{code}</script>"


def j(data: Any) -> str:
    return json.dumps(data).replace("</", "<\\/")


NEXT = {
    "props": {
        "pageProps": {
            "article": {"id": 7, "headline": TITLE, "body": BODY_HTML, "excerpt": PARAS[0]},
            "related": [{"title": OTHER_TITLE, "body": OTHER_BODY}],
        }
    },
    "page": "/news/[slug]",
}


def nuxt3_payload() -> list[Any]:
    """Nuxt 3's ``__NUXT_DATA__`` (devalue): a flat array whose containers hold indices."""
    return [
        ["ShallowReactive", 1],
        {"data": 2, "state": 9, "once": 10},
        ["ShallowReactive", 3],
        {"story-42": 4},
        {"title": 5, "content": 6, "tags": 7, "published": 8},
        TITLE,
        BODY_HTML,
        [11, 12],
        ["Date", "2026-11-20T06:00:00.000Z"],
        {},
        ["Set"],
        "harbour",
        "ferries",
    ]


NUXT2 = (
    'window.__NUXT__=(function(a,b,c,d){return {layout:"default",data:[{story:{id:d,'
    "title:a,html:b,section:c,published:!0}}],state:{auth:{user:null}},serverRendered:!0}}"
    f'({json.dumps(TITLE)},{json.dumps(BODY_HTML)},"local",1042));'
)
INITIAL = (
    "window.__INITIAL_STATE__ = {article: {title: '"
    + TITLE
    + "', paragraphs: "
    + json.dumps(PARAS)
    + "}, user: {loggedIn: false}, related: [{title: '"
    + OTHER_TITLE
    + "', text: "
    + json.dumps(OTHER_BODY)
    + "}]};"
)
PRELOADED = (
    "window.__PRELOADED_STATE__ = JSON.parse("
    + json.dumps(json.dumps({"entities": {"a1": {"title": TITLE, "text": "\n\n".join(PARAS)}}}))
    + ");"
)
APOLLO = (
    "window.__APOLLO_STATE__ = "
    + j(
        {
            "Article:1": {"__typename": "Article", "title": TITLE, "bodyHtml": BODY_HTML},
            "Article:2": {"__typename": "Article", "title": OTHER_TITLE, "bodyHtml": OTHER_BODY},
            "ROOT_QUERY": {'article({"id":1})': {"__ref": "Article:1"}},
        }
    )
    + ";"
)
BLOCKS = {
    "story": {
        "name": TITLE,
        "blocks": [
            {"type": "paragraph", "text": PARAS[0]},
            {"type": "image", "src": "https://img.example/1.jpg", "caption": "The western quay"},
            {"type": "paragraph", "text": PARAS[1]},
            {"type": "paragraph", "text": PARAS[2]},
        ],
    }
}
LD = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "headline": TITLE,
    "description": PARAS[0],
    "articleBody": "\n".join(PARAS),
}

CASES = [
    ("next_data", script(j(NEXT), ' id="__NEXT_DATA__" type="application/json"'), "next_data"),
    (
        "nuxt3",
        script(j(nuxt3_payload()), ' id="__NUXT_DATA__" type="application/json"'),
        "nuxt_data",
    ),
    ("nuxt2", script(NUXT2), "script:__NUXT__"),
    ("initial_state", script(INITIAL), "script:__INITIAL_STATE__"),
    ("preloaded_json_parse", script(PRELOADED), "script:__PRELOADED_STATE__"),
    ("apollo", script(APOLLO), "script:__APOLLO_STATE__"),
    (
        "json_blocks",
        script(j(BLOCKS), ' type="application/json" data-island="story"'),
        "json_script",
    ),
    ("json_ld", script(j(LD), ' type="application/ld+json"'), "json_ld"),
]


@pytest.mark.parametrize(("name", "head", "source"), CASES, ids=[c[0] for c in CASES])
def test_the_article_is_read_from_each_kind_of_state(name: str, head: str, source: str) -> None:
    tree = lxml.html.document_fromstring(page("", head))
    found = read_state(tree)
    assert found is not None
    assert found.source == source
    assert found.title == TITLE
    assert found.paragraphs == PARAS
    assert "<p>" in found.html


def test_another_story_s_longer_body_is_not_taken() -> None:
    """The related story's body is longer, but it is beside another title."""
    tree = lxml.html.document_fromstring(page(script(j(NEXT), ' id="__NEXT_DATA__"')))
    found = read_state(tree)
    assert found is not None
    assert found.paragraphs == PARAS
    assert found.path == "props.pageProps.article.body"


def test_nothing_is_read_when_no_title_matches_the_page() -> None:
    tree = lxml.html.document_fromstring(
        page(script(j(NEXT), ' id="__NEXT_DATA__"'), title="Something else entirely, all of it")
    )
    assert read_state(tree) is None


@pytest.mark.parametrize(
    "state",
    [
        # only a description beside the title
        {"article": {"title": TITLE, "description": " ".join(PARAS)}},
        # the body is a list of tags
        {"article": {"title": TITLE, "tags": ["ferries", "harbour", "council", "transport"]}},
        # one block of a list, the title outside the list
        {"title": TITLE, "items": [{"kind": "x", "text": OTHER_BODY}]},
        # an encoded blob
        {"title": TITLE, "payload": "QUJD" * 300},
        # too short to be the article
        {"title": TITLE, "body": "<p>Short.</p><p>Teaser.</p>"},
    ],
    ids=["description", "tags", "list-item", "blob", "short"],
)
def test_what_is_not_an_article_body_is_not_read(state: dict[str, Any]) -> None:
    tree = lxml.html.document_fromstring(page(script(j(state), ' type="application/json"')))
    assert read_state(tree) is None


@pytest.mark.parametrize(
    "code",
    [
        "window.__NUXT__=(function(a){return {x:a}",  # cut off
        "window.__INITIAL_STATE__ = {a: new Date(1)};",
        '{"a": ',
        "window.__APOLLO_STATE__ = " + "[" * 5000,
    ],
)
def test_broken_state_reads_as_nothing(code: str) -> None:
    tree = lxml.html.document_fromstring(
        page(script(code) + script(code, ' type="application/json"'))
    )
    assert read_state(tree) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "{a:1,'b':\"x\",c:[!0,!1,void 0,null]}",
            {"a": 1.0, "b": "x", "c": [True, False, None, None]},
        ),
        ("(function(a,b){a.x=1;return {t:a,u:[b,b]}}('T',\"U\"))", {"t": "T", "u": ["U", "U"]}),
        ("(function(a){return {t:a}})(`tpl`)", {"t": "tpl"}),
        ("'it\\'s \\x41'", "it's A"),
        ("{ /* c */ k: 0x10 // d\n }", {"k": 16}),
    ],
)
def test_javascript_value_literals_are_read(text: str, value: Any) -> None:
    assert read_js_value(text) == value


@pytest.mark.parametrize("text", ["{a: b()}", "`x ${y}`", "function(a){return a}", "{a:"])
def test_javascript_that_is_not_a_literal_is_refused(text: str) -> None:
    with pytest.raises(JsValueError):
        read_js_value(text)


# --- real pages ------------------------------------------------------------------------------------


@pytest.mark.skipif(not REALWEB.exists(), reason=f"the realweb pages are not at {REALWEB}")
def test_on_real_pages_state_gives_the_article_or_nothing() -> None:
    """On every real page with an expected full text (fundus, readability) where the state reader
    finds an article, it is that page's article: never another text (a bio, a teaser, a site
    blurb, a related story). Many of these pages carry state beside good static text; the reader
    is used only when the static text is too short, but it must not be wrong either way."""
    read, wrong = 0, []
    for source in ("fundus", "readability"):
        for line in (REALWEB / f"{source}.jsonl").read_text("utf-8").splitlines():
            entry = json.loads(line)
            if not entry.get("text"):
                continue
            html = gzip.decompress((REALWEB / entry["file"]).read_bytes())
            tree = Page.from_bytes(entry["url"] or "http://realweb.invalid/", html).tree
            found = read_state(tree)
            if found is None:
                continue
            read += 1
            score = shingle_f1(found.text, entry["text"])
            if score < 0.5:
                wrong.append((entry["id"], found.source, found.path, round(score, 2)))
    assert read >= 40, read  # JSON-LD articleBody, __NEXT_DATA__, PageContext... on real pages
    assert wrong == []
