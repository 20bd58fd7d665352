"""The article a client-side app ships inside its page as serialized state, read without a browser.

JavaScript sites often carry the whole article in the HTML they send, for the app to render:
``__NEXT_DATA__``, ``__NUXT__`` / ``__NUXT_DATA__``, ``window.__INITIAL_STATE__`` and kin,
``<script type="application/json">`` blobs, JSON-LD ``articleBody``. :func:`read_state` looks through
all of them by shape, not by key names: the article is the longest HTML- or text-valued field that
reads as prose, found beside (in the same object or one of its two nearest enclosing objects) a field
whose value is the page's own title. A body with no such title beside it is never taken: a page's
state also holds teasers, related stories and other articles.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import lxml.html
from lxml import etree
from lxml.html import HtmlElement

from newsmirror.extract.jsvalue import JsValueError, read_js_value
from newsmirror.extract.metadata import clean

_JSON_TYPES = ("application/json", "application/ld+json")
# `window.__X__ = ...`, `self.__X__=...`, `var __INITIAL_STATE__ = ...` and the like.
_ASSIGNMENT = re.compile(
    r"(?:window|self|globalThis)\s*\.\s*([A-Za-z_$][\w$]*)\s*=\s*|"
    r"(?:\bvar|\blet|\bconst)\s+(__[\w$]+__|[\w$]*(?:State|STATE|Data|DATA))\s*=\s*|"
    r"(?<![\w$.])(__[\w$]+__)\s*=\s*"
)
_JSON_PARSE = re.compile(r"JSON\.parse\(\s*")
_TAG = re.compile(r"<\s*/?\s*(p|br|div|h[1-6]|li|ul|ol|blockquote|em|strong|a|span|figure)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?。！？…](?:[\"'”’»)\]]*)(?:\s|$)")
_WORD = re.compile(r"\w+")
_URLISH = re.compile(r"https?://\S+|www\.\S+")
_BLOCKS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption")
# Devalue (Nuxt 3's ``__NUXT_DATA__``): a flat array whose first element is the root and whose
# containers hold indices into the array; these tagged pairs wrap a value.
_DEVALUE_WRAPPERS = frozenset(
    {"Reactive", "ShallowReactive", "Ref", "ShallowRef", "EmptyRef", "EmptyShallowRef"}
)
# Fields that hold prose about the article, not the article: a body is never taken from these.
_NOT_BODY = re.compile(
    r"desc|summary|excerpt|abstract|teaser|subtitle|subhead|dek$|lede|standfirst|snippet|bio"
    r"|about|caption|credit|alt$|seo|meta|og_|twitter|share|comment|review|answer|instruction",
    re.I,
)
_MAX_NODES = 200_000  # a state blob larger than this is walked no further


@dataclass(frozen=True)
class StateArticle:
    """An article found in a page's serialized state."""

    source: str  # next_data, nuxt_data, json_script, json_ld, script:<global name>
    path: str  # where the body was found, e.g. props.pageProps.article.body
    title: str
    paragraphs: list[str]
    html: str  # the body as HTML (paragraphs in <p> when the state held plain text)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class _Blob:
    source: str
    data: Any


def _norm_title(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def titles_match(candidate: str, page_titles: Iterable[str]) -> bool:
    """Whether ``candidate`` is the page's title: equal once case, spaces and punctuation are set
    aside, or the whole of a page title that also carries a site name (``Title | Site``)."""
    cand = _norm_title(candidate)
    if len(cand) < 12 or len(cand.split()) < 3:
        return False
    for title in page_titles:
        norm = _norm_title(title)
        if not norm:
            continue
        if cand == norm:
            return True
        if len(cand) >= 0.5 * len(norm) and (norm.startswith(cand) or norm.endswith(cand)):
            return True
    return False


def _looks_html(value: str) -> bool:
    return len(_TAG.findall(value[:20_000])) >= 2


def _html_paragraphs(html: str) -> list[str]:
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    for bad in root.xpath(".//script|.//style|.//noscript|.//template"):
        bad.drop_tree()
    blocks = [
        el for el in root.iter(*_BLOCKS) if not any(d.tag in _BLOCKS for d in el.iterdescendants())
    ]
    if blocks:
        out = [clean(el.text_content()) for el in blocks]
    else:
        for br in root.iter("br"):
            br.tail = "\n" + (br.tail or "")
        out = [clean(line) for line in root.text_content().split("\n")]
    return [p for p in out if p]


def _text_paragraphs(text: str) -> list[str]:
    return [p for p in (clean(line) for line in re.split(r"\n+", text)) if p]


def _reads_as_article(paragraphs: list[str], min_chars: int) -> bool:
    """Prose, not a teaser, a list of names, code or an encoded blob."""
    text = " ".join(paragraphs)
    if len(text) < min_chars:
        return False
    if len(_URLISH.findall(text)) * 40 > len(text):
        return False
    letters = sum(ch.isalpha() for ch in text)
    if letters < 0.6 * len(text):
        return False
    words = text.split()
    if not words or (max(len(w) for w in words) > 80 and len(text) / len(words) > 12):
        return False  # base64, minified code, a URL list
    if len(_SENTENCE_END.findall(text)) < 3:
        return False
    return not ("{" in text and "}" in text and text.count(";") * 30 > len(text))


def _paragraphs_of(value: Any) -> tuple[list[str], str] | None:
    """(paragraphs, html) of a string field, or of a list of text blocks; None for anything else."""
    if isinstance(value, str):
        if _looks_html(value):
            paragraphs = _html_paragraphs(value)
            return paragraphs, value
        paragraphs = _text_paragraphs(value)
        return paragraphs, "".join(f"<p>{_escape(p)}</p>" for p in paragraphs)
    if isinstance(value, list) and len(value) >= 2:
        # Rich-text blocks: ["para", ...] or [{"type": "paragraph", "text": "..."}, ...]
        texts: list[str] = []
        for item in value:
            text = item if isinstance(item, str) else _block_text(item)
            if text is None:
                return None
            texts.append(text)
        told = sorted(len(t) for t in texts if t)
        if len(told) < 2 or told[len(told) // 2] < 40:
            return None  # keywords, tags, names: not paragraphs
        html = "".join(t if _looks_html(t) else f"<p>{_escape(t)}</p>" for t in texts if t)
        return _html_paragraphs(html), html
    return None


def _block_text(item: Any) -> str | None:
    """The one text of a rich-text block: its longest string field, or its children's texts."""
    if not isinstance(item, dict):
        return None
    if any(
        isinstance(v, str) and v.startswith(("http://", "https://", "/")) for v in item.values()
    ):
        return ""  # an image, video or embed: its caption is not the article's text
    strings = [
        v for k, v in item.items() if isinstance(v, str) and " " in v and not _NOT_BODY.search(k)
    ]
    if strings:
        return max(strings, key=len)
    for value in item.values():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            parts = [_block_text(v) for v in value]
            if all(p is not None for p in parts):
                return "".join(p for p in parts if p)
    return ""  # an image or embed block: no text, not a reason to refuse the list


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- finding the blobs ---------------------------------------------------------------------------


def _devalue(data: list[Any]) -> Any:
    """Rebuild Nuxt 3's devalue-serialized payload (``__NUXT_DATA__``) as plain JSON values."""
    done: dict[int, Any] = {}
    budget = [_MAX_NODES]

    def build(index: Any, depth: int) -> Any:
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(data):
            return None
        if index in done:
            return done[index]
        budget[0] -= 1
        if budget[0] < 0 or depth > 60:
            return None
        value = data[index]
        out: Any
        if isinstance(value, dict):
            out = {}
            done[index] = out
            for key, child in value.items():
                out[key] = build(child, depth + 1)
        elif isinstance(value, list):
            if value and isinstance(value[0], str):
                tag = value[0]
                if tag in _DEVALUE_WRAPPERS and len(value) == 2:
                    out = build(value[1], depth + 1)
                elif tag == "Date" and len(value) == 2:
                    out = value[1]
                else:
                    out = None  # Set, Map, RegExp, BigInt...: no article text
            else:
                out = []
                done[index] = out
                out.extend(build(child, depth + 1) for child in value)
        else:
            out = value
        done[index] = out
        return out

    return build(0, 0)


def _is_devalue(data: Any) -> bool:
    return (
        isinstance(data, list)
        and len(data) > 1
        and (
            (isinstance(data[0], list) and data[0][:1] in (["Reactive"], ["ShallowReactive"]))
            or (isinstance(data[0], dict) and all(isinstance(v, int) for v in data[0].values()))
        )
    )


def _assigned_values(script: str) -> Iterator[tuple[str, Any]]:
    """The values a script assigns to globals: ``window.__X__ = {...}``, ``__X__ = JSON.parse("...")``,
    ``window.__NUXT__=(function(a,b){return {...}}(...))``."""
    for match in _ASSIGNMENT.finditer(script):
        name = next(g for g in match.groups() if g)
        pos = match.end()
        parse = _JSON_PARSE.match(script, pos)
        try:
            if parse:
                text = read_js_value(script, parse.end())
                if isinstance(text, str):
                    yield name, json.loads(text)
            elif script[pos : pos + 1] in ("{", "[", "("):
                yield name, read_js_value(script, pos)
        except (JsValueError, json.JSONDecodeError, RecursionError):
            continue


def state_blobs(tree: HtmlElement) -> list[_Blob]:
    """Every piece of serialized state on the page, parsed."""
    blobs: list[_Blob] = []
    for script in tree.iter("script"):
        code = script.text or ""
        if not code.strip() or script.get("src"):
            continue
        kind = (script.get("type") or "").split(";")[0].strip().lower()
        sid = script.get("id") or ""
        if kind in _JSON_TYPES or sid in ("__NEXT_DATA__", "__NUXT_DATA__"):
            try:
                data = json.loads(code)
            except (json.JSONDecodeError, RecursionError):
                continue
            if _is_devalue(data):
                blobs.append(_Blob("nuxt_data", _devalue(data)))
            elif sid == "__NEXT_DATA__":
                blobs.append(_Blob("next_data", data))
            elif kind == "application/ld+json":
                blobs.append(_Blob("json_ld", data))
            else:
                blobs.append(_Blob("json_script", data))
        elif kind in ("", "text/javascript", "application/javascript", "module"):
            for name, value in _assigned_values(code):
                blobs.append(_Blob(f"script:{name}", value))
    return blobs


# --- finding the article in a blob ----------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    source: str
    path: str
    title: str
    paragraphs: list[str]
    html: str


def _title_in(node: dict[str, Any], page_titles: list[str]) -> str | None:
    for value in node.values():
        if isinstance(value, str) and len(value) < 400 and titles_match(value, page_titles):
            return value
    return None


def _walk(blob: _Blob, page_titles: list[str], min_chars: int, out: list[_Candidate]) -> None:
    seen = [0]

    def visit(node: Any, path: str, titles: tuple[str | None, ...]) -> None:
        seen[0] += 1
        if seen[0] > _MAX_NODES:
            return
        if isinstance(node, dict):
            here = _title_in(node, page_titles)
            near = (here, *titles[:1])  # this object and its two nearest enclosing ones
            title = next((t for t in (here, *titles[:2]) if t), None)
            for key, value in node.items():
                child = f"{path}.{key}" if path else str(key)
                if (
                    title is not None
                    and isinstance(value, str | list)
                    and value is not here
                    and not _NOT_BODY.search(str(key))
                    and not _NOT_BODY.search(path.rsplit(".", 1)[-1])
                ):
                    _consider(value, child, title)
                if isinstance(value, dict | list):
                    visit(value, child, near)
        elif isinstance(node, list):
            # One item of a list (a block, a related story) is not beside the title of the
            # object holding the list: only the list as a whole is.
            for i, value in enumerate(node):
                if isinstance(value, dict | list):
                    visit(value, f"{path}[{i}]", ())

    def _consider(value: Any, path: str, title: str) -> None:
        if isinstance(value, str) and len(value) < min_chars:
            return
        found = _paragraphs_of(value)
        if found is None:
            return
        paragraphs, html = found
        if paragraphs and _norm_title(paragraphs[0]) == _norm_title(title):
            paragraphs = paragraphs[1:]
        if _reads_as_article(paragraphs, min_chars):
            out.append(_Candidate(blob.source, path, clean(title), paragraphs, html))

    visit(blob.data, "", ())


def page_titles(tree: HtmlElement) -> list[str]:
    """What the page calls itself: ``<title>``, ``og:title``, ``twitter:title``, its first ``<h1>``."""
    titles = list(tree.xpath("//title/text()")[:1])
    titles += tree.xpath(
        '//meta[@property="og:title" or @name="og:title" or @name="twitter:title"]/@content'
    )
    titles += [h.text_content() for h in tree.xpath("//h1")[:1]]
    return [clean(t) for t in titles if clean(t)]


def read_state(
    tree: HtmlElement, titles: list[str] | None = None, *, min_chars: int = 250
) -> StateArticle | None:
    """The article in the page's serialized state, or None.

    ``titles``: what the page calls itself (default: :func:`page_titles`). The longest body that
    reads as an article beside one of them wins; with no title to go by, nothing is read.
    """
    titles = titles if titles is not None else page_titles(tree)
    if not titles:
        return None
    candidates: list[_Candidate] = []
    for blob in state_blobs(tree):
        _walk(blob, titles, min_chars, candidates)
    if not candidates:
        return None
    best = max(candidates, key=lambda c: (sum(len(p) for p in c.paragraphs), -len(c.path)))
    return StateArticle(best.source, best.path, best.title, best.paragraphs, best.html)


def state_page_html(tree: HtmlElement, state: StateArticle) -> str:
    """The page as its app would show the article: its own ``<head>`` (canonical URL, metadata),
    and a body holding the title and the state's article HTML. Origin detection reads this page
    as it reads any other (attribution lines, links to the original)."""
    heads = tree.xpath("//head")
    head = lxml.html.tostring(heads[0], encoding="unicode") if heads else "<head></head>"
    return (
        f"<!DOCTYPE html><html>{head}<body><article><h1>{_escape(state.title)}</h1>"
        f"{state.html}</article></body></html>"
    )
