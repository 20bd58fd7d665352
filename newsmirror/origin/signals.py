"""Collect every attribution signal on a page: visible lines and markup. Pure; no Scrapy."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from newsmirror.extract.metadata import clean, text_of
from newsmirror.origin.patterns import (
    CACHED_TEXTS,
    LinePattern,
    Needs,
    ShortTextMemo,
    matches,
)
from newsmirror.origin.publishers import Publisher, PublisherTable, name_key
from newsmirror.urls import is_http, registrable_domain, split_url

# Blocks whose text is read as one unit: paragraphs and the inline wrappers lines come in.
_BLOCK_TAGS = (
    "p",
    "div",
    "li",
    "em",
    "i",
    "strong",
    "b",
    "span",
    "small",
    "footer",
    "td",
    "section",
    "aside",
    "blockquote",
    "figcaption",
    "h4",
    "h5",
    "h6",
    "cite",
    "address",
)
_CONTAINERS = frozenset({"div", "section", "aside", "footer", "td", "blockquote", "li"})
_BLOCK_CHILDREN = frozenset(
    {
        "p",
        "div",
        "ul",
        "ol",
        "li",
        "section",
        "article",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "blockquote",
        "header",
        "footer",
        "aside",
    }
)
# Elements after which loose text starts a line of its own: a line break, and blocks (a figure, a
# table, a paragraph) that sit in a text written in <br> runs.
_LINE_BREAKS = _BLOCK_CHILDREN | {"br", "hr", "figure", "pre", "dl"}
_SKIP_ANCESTORS = frozenset(
    {"script", "style", "noscript", "nav", "form", "head", "select", "button", "template"}
)
_DOMAIN = re.compile(
    r"^(?:https?://)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})"
    r"(?::\d+)?(/\S*)?$",
    re.I,
)
_NAME_LIKE = re.compile(r"^[\w&'’.\-]+(?:\s+[\w&'’.\-]+){0,6}$", re.UNICODE)
_SMALL_WORDS = frozenset(
    [
        "of",
        "the",
        "and",
        "for",
        "de",
        "la",
        "le",
        "du",
        "des",
        "der",
        "die",
        "das",
        "del",
        "di",
        "el",
        "y",
        "et",
        "und",
        "van",
        "von",
        "on",
        "in",
        "at",
    ]
)
_LABEL = re.compile(r"^[^:.!?\n]{2,30}:\s+(?=\S)")


_HOME_PATHS = frozenset({"", "/", "/index.html", "/index.php", "/home"})
_WIRE_KEYS = ("publisher", "author", "sourceOrganization", "creator", "provider")


@dataclass
class Signal:
    """One piece of evidence about the origin."""

    method: str  # line | source_line | canonical | og_url | meta_source | json_ld | hint
    family: str
    evidence: str
    domain: str | None = None
    name: str | None = None
    url: str | None = None
    weight: float = 0.0
    line: str | None = None  # the visible attribution text to strip, for line signals
    title: str | None = None  # the post title a line names ("The post <title> appeared first…")

    def as_dict(self) -> dict[str, Any]:
        out = {"method": self.method, "family": self.family, "evidence": self.evidence}
        if self.domain:
            out["domain"] = self.domain
        if self.name:
            out["name"] = self.name
        if self.url:
            out["url"] = self.url
        return out


def is_home(url: str) -> bool:
    parts = split_url(url)
    return parts is not None and parts.path in _HOME_PATHS and not parts.query


_TRAILING_DATE = re.compile(
    r"\s*,?\s+(?:on|in|le|am|el|il|em|op)\s+(?:[A-Za-zéû]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}\.?\s+[A-Za-zéû]+\.?\s+\d{4}|\d{4}-\d{2}-\d{2}|[A-Za-z]+\s+\d{4}|\d{4})$"
)


_SITE_WORDS = re.compile(r"^(?:the\s+website\s+|the\s+site\s+|website\s+|site\s+)", re.I)


def _clean_pub(pub: str) -> str:
    pub = clean(pub).strip(" \"“”«»‘’'.,;:!()[]")
    if pub[-1:].isdigit():  # every date wording ends in a digit
        pub = _TRAILING_DATE.sub("", pub)  # "... in ProPublica on October 24, 2025"
    pub = pub.strip(" \"“”«»‘’'.,;:!()[]")
    return _SITE_WORDS.sub("", pub)


def _name_like(text: str) -> bool:
    """A publisher's name: a few words, each capitalised or all capitals (small words aside)."""
    if not _NAME_LIKE.match(text) or len(text) > 60:
        return False
    words = text.split()
    return all(
        w[0].isupper() or w[0].isdigit() or w.lower() in _SMALL_WORDS for w in words
    ) and not all(w.lower() in _SMALL_WORDS for w in words)


# A crawl meets the same few publisher expressions on page after page; a table never changes once
# built, so neither does what an expression resolves to in it.
@lru_cache(maxsize=CACHED_TEXTS)
def resolve_publisher(
    text: str, table: PublisherTable
) -> tuple[str | None, str | None, str | None]:
    """(domain, name, url) named by a publisher expression: a URL, a host, or a known name."""
    pub = _clean_pub(text)
    if not pub:
        return None, None, None
    match = _DOMAIN.match(pub)
    if match:
        domain = registrable_domain(match.group(1))
        known = table.by_domain(domain)
        url = pub if match.group(2) and match.group(2) not in _HOME_PATHS else None
        if url and not url.lower().startswith("http"):
            url = "https://" + url
        return domain, known.name if known else None, url
    publisher = table.by_name(pub)
    if publisher is not None:
        return publisher.domain, publisher.name, None
    return None, (pub if _name_like(pub) else None), None


_INLINE = frozenset(
    {
        "a",
        "em",
        "i",
        "strong",
        "b",
        "span",
        "small",
        "cite",
        "u",
        "font",
        "mark",
        "abbr",
        "time",
        "sup",
        "sub",
        "q",
        "code",
    }
)
# Words one of which every attribution wording holds within a single text node (lower case).
_KEYWORDS = frozenset(
    "appeared original originally originalmente originariamente originellement republished "
    "republish reprinted reposted syndicated courtesy source sources quelle quellen fuente fonte "
    "bron origine via erschien zuerst apparu paru publié publicó publico publicado publicada "
    "apareceu verscheen eerst sembra proviene pubblicato primo primeiro primero premier "
    "initialement abord kaynak yazısı".split()
)
# regexp=False: no EXSLT regular-expression functions registered on every call.
# One axis step (``descendant::``, not ``.//``): a position predicate then stops at its node
# instead of collecting and sorting them all.
_TEXTS = etree.XPath("descendant::text()", smart_strings=False, regexp=False)
_COUNT = etree.XPath("count(descendant::text())", regexp=False)
# Below this many (text nodes x nodes sought), one ``_nth_text`` per node sought is cheaper than
# descending with ``_COUNT`` (measured on the sample web's pages, plain and in full theme chrome).
_LOCATE_ABOVE = 400
_CODE = frozenset({"script", "style", "noscript", "template"})
_FIRST_WITH = frozenset("ran published posted printed aired".split())  # "first ran in ..."
_WORD = re.compile(r"\w+")
# Substrings that find every keyword above (and "first", confirmed by _FIRST_WITH). English
# wordings, and a source line's word, appear on pages of every language; the others only matter
# on their language's pages.
_STEMS_EN = ("appeared", "origin", "first", "republish", "reprint", "repost", "syndicat",
             "courtesy", "source", "via", "full story", "full article", "continue reading",
             "keep reading", "read more", "lire la suite", "weiterlesen", "leyendo",
             "leer más",
             # "Source:" in the site's language, whatever the language of the text it ends (a
             # Turkish site's "Kaynak:" under a German article)
             "quelle", "fuente", "fonte", "bron", "kaynak")  # fmt: skip
_STEMS_BY_LANGUAGE = {
    "de": ("erschien", "zuerst", "quelle"),
    "fr": ("apparu", "paru", "publi", "premier", "abord"),
    "es": ("publi", "primero", "fuente", "apareci"),
    "it": ("sembra", "proviene", "primo", "pubblicato", "fonte"),
    "pt": ("apareceu", "primeiro", "publica", "fonte"),
    "nl": ("verscheen", "eerst", "bron"),
    "tr": ("yazısı", "kaynak"),
}


def _minimal(stems: tuple[str, ...]) -> tuple[bytes, ...]:
    """``stems`` without those holding another (``paru`` finds every ``apparu``), as bytes."""
    kept = dict.fromkeys(s for s in stems if not any(o != s and o in s for o in stems))
    return tuple(s.encode() for s in kept)


_STEMS_ALL = _minimal(_STEMS_EN + sum(_STEMS_BY_LANGUAGE.values(), ()))
_STEMS_FOR = {
    language: _minimal(_STEMS_EN + stems) for language, stems in _STEMS_BY_LANGUAGE.items()
}
_STEMS_OTHER = _minimal(_STEMS_EN)


def _stems(language: str | None) -> tuple[bytes, ...]:
    if language is None:
        return _STEMS_ALL
    return _STEMS_FOR.get(language, _STEMS_OTHER)


def _skipped(el: HtmlElement) -> bool:
    """Whether ``el`` is or sits in a script, a form, the navigation, ... (never an article line).

    A walk up the parents: cheaper, on a page's few levels, than ``iterancestors(*tags)``, which
    builds its tag matcher on every call.
    """
    while el is not None:
        if el.tag in _SKIP_ANCESTORS:
            return True
        el = el.getparent()
    return False


def _has_block_child(el: HtmlElement) -> bool:
    # A plain loop: any() over a generator costs a frame more. A comment's tag is a function,
    # never in the set.
    for child in el:  # noqa: SIM110
        if child.tag in _BLOCK_CHILDREN:
            return True
    return False


def _own_text(el: HtmlElement) -> str:
    """A container's loose text, without its block children (visited on their own), as it reads:
    a link inside a sentence adds no space ("… appeared first on <a>CNN</a>." is "… on CNN."),
    a line break or a block left out does."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag not in _BLOCK_CHILDREN and child.tag != "br":
            parts.append(text_of(child))
        else:
            parts.append(" ")
        parts.append(child.tail or "")
    return clean("".join(parts))


def _locate(el: HtmlElement, wanted: list[int], out: list[tuple[HtmlElement, bool]]) -> None:
    """The text nodes at ``wanted`` (sorted positions in ``el``'s ``.//text()``), as (owner, is_tail).

    ``_nth_text`` walks every text node up to the one sought on each call, which on a large page
    costs more than the pass that listed them; instead, descend into the one child holding each
    position, counting text nodes with XPath's ``count()`` (no strings made), so each level walks
    only the subtrees left of the positions sought.
    """
    pos = 0
    if el.text is not None:
        if wanted[0] == 0:
            out.append((el, False))
            wanted = wanted[1:]
        pos = 1
    for child in el:
        if not wanted:
            return
        if isinstance(child.tag, str):  # comments and processing instructions hold no text node
            size = int(_COUNT(child))
            if size and wanted[0] < pos + size:
                inside = [w - pos for w in wanted if w < pos + size]
                _locate(child, inside, out)
                wanted = wanted[len(inside) :]
            pos += size
        if child.tail is not None:
            if wanted and wanted[0] == pos:
                out.append((child, True))
                wanted = wanted[1:]
            pos += 1


# A truncated copy's tail that names where the rest is ("Read the full story at X").
_READ_ON = re.compile(
    r"\b(?:full\s+(?:story|article)|continue\s+reading|keep\s+reading|read\s+more"
    r"|lire\s+la\s+suite|weiterlesen|seguir\s+leyendo|continuar\s+leyendo|leer\s+más)\b"
)


def _has_keyword(text: str) -> bool:
    """Whether ``text`` holds an attribution keyword as a word ("first" only with "ran", ...)."""
    lowered = text.lower()
    words = set(_WORD.findall(lowered))
    return (
        not _KEYWORDS.isdisjoint(words)
        or ("first" in words and not _FIRST_WITH.isdisjoint(words))
        or _READ_ON.search(lowered) is not None
    )


# The text nodes a keyword is found in repeat from page to page (a site's line, its menus).
_holds_keyword = ShortTextMemo(_has_keyword)


@lru_cache(maxsize=4096)
def _nth_text_xpath(n: int) -> etree.XPath:
    """``descendant::text()[n]`` compiled for one ``n``: binding ``$n`` at each call costs lxml
    more than the search itself on a small page."""
    return etree.XPath(f"descendant::text()[{n}]", regexp=False)


def _nth_text(root: HtmlElement, n: int) -> Any:
    """The ``n``-th text node under ``root`` (from 1), as a string that knows its parent."""
    return _nth_text_xpath(n)(root)[0]


def _keyword_nodes(
    root: HtmlElement, language: str | None = None
) -> Iterator[tuple[HtmlElement, bool]]:
    """Text nodes holding an attribution keyword, each as (the element it belongs to, is_tail).

    One lower-cased copy of the page's text is searched with ``str.find`` for each keyword (fast,
    in C); only the few nodes hit are split into words to confirm, and only those are located.
    """
    nodes = _TEXTS(root)  # plain strings: no element proxy built per node
    # lxml text never holds NUL: it only separates nodes. The stems are ASCII, and no letter
    # outside ASCII lower-cases to one of theirs (the Kelvin sign's "k" is in none), so an
    # ASCII-only lower-casing of the UTF-8 bytes finds what ``str.lower`` would, and costs a
    # fraction of it on text that is not all ASCII (it also keeps positions: no letter grows).
    joined = "\x00".join(nodes).encode("utf-8", "surrogatepass").lower()
    hits: list[int] = []
    for key in _stems(language):
        i = joined.find(key)
        while i != -1:
            hits.append(i)
            i = joined.find(key, i + len(key))
    if not hits:
        return
    hits.sort()
    # A hit's node is the number of separators before it; its words are read from the node's
    # own text, lower-cased in full.
    index = last = 0
    end = -1
    confirmed: list[int] = []
    for hit in hits:
        if hit < end:
            continue  # in the node just read
        index += joined.count(b"\x00", last, hit)
        last = hit
        end = joined.find(b"\x00", hit)
        end = len(joined) if end == -1 else end
        if _holds_keyword(nodes[index]):
            confirmed.append(index)
    if not confirmed:
        return
    located: list[tuple[HtmlElement, bool]] = []
    if len(nodes) * len(confirmed) > _LOCATE_ABOVE:
        _locate(root, confirmed, located)
        if len(located) != len(confirmed):
            located = []
    for i, index in enumerate(confirmed):
        owner, is_tail = located[i] if located else (root, False)
        if not located or (owner.tail if is_tail else owner.text) != nodes[index]:
            # A small page, or one where lxml joined adjacent text nodes (text and CDATA) that
            # XPath counts apart: the node by its position.
            node = _nth_text(root, index + 1)
            owner, is_tail = node.getparent(), node.is_tail
        if not is_tail and owner.tag in _CODE:
            continue
        yield owner, is_tail


def _block_texts(
    tree: HtmlElement, language: str | None = None
) -> Iterator[tuple[HtmlElement, str]]:
    """Blocks that hold an attribution keyword, with the texts a line could be read from.

    Only text nodes carrying a keyword lead to their block; the rest of the page costs one XPath
    pass and a handful of ``str.find`` calls.
    """
    # ``tree.find("body")``, without ElementPath or a tag matcher, and without an element object
    # for the head: the HTML parser puts the body last.
    root = tree[-1] if len(tree) else tree
    if root.tag != "body":
        root = tree
        for child in tree:
            if child.tag == "body":
                root = child
                break
    # Keep the elements themselves: lxml makes a new proxy object, with a possibly reused id(),
    # for a node nobody holds, so ids alone could make an unseen block look seen.
    seen: set[HtmlElement] = set()
    for owner, is_tail in _keyword_nodes(root, language):
        el = owner.getparent() if is_tail else owner
        if el is None or _skipped(el):
            continue
        # A line in the middle of a text written in <br> runs ("…<br>Originally published at
        # https://…<br>Print this article"), or loose after a block inside the text ("…</figure>
        # The post … appeared first on …<br>"), links and all ("…</p>The post <a>…</a>
        # appeared first on <a>…</a>.<br>"): the run that holds the keyword.
        run = ""
        if is_tail and owner.tag in _LINE_BREAKS:
            run = _br_run(owner)
        elif is_tail and owner.tag in _INLINE:
            run = _run_holding(owner)
        while el is not None and el.tag in _INLINE:
            el = el.getparent()
        if el is None:
            continue
        if run:
            yield el, run
        if el in seen:
            continue
        seen.add(el)
        nested = el.tag in _CONTAINERS and _has_block_child(el)
        text = _own_text(el) if nested else clean(text_of(el))
        if not text or len(text) > 20_000:
            continue
        yield el, text
        # A label of its own and its value beside it: "<span>SOURCE</span><a>9News</a>", or a
        # field's label block followed by its item block (Drupal, theme "source" boxes).
        labelled = _labelled(el, text)
        if labelled is not None:
            yield labelled
        # A line set off only by a link or a line break: "<a>Read more</a> This post ...".
        tail = _after_last_break(el)
        if tail and tail != text:
            yield el, tail
        # A line after the last line break of a text written in <br> runs, links and all:
        # "…<br><br>Read the full story at <a>The Province</a>".
        line = _after_last_br(el)
        if line and line not in (text, tail):
            yield el, line
        # The first run of a text written in <br> runs: "Source: CNBC<br><br>When it comes …".
        first = _before_first_br(el)
        if first and first not in (text, tail, line):
            yield el, first
        # A line behind a short label: "Editor's note: This post ...".
        label = _LABEL.match(text)
        if label:
            yield el, text[label.end() :]


_LABEL_WORD = re.compile(r"(source|sources|quelle|quellen|fuente|fonte|bron|via)\s*[:：]?", re.I)


def _labelled(el: HtmlElement, text: str) -> tuple[HtmlElement, str] | None:
    """A source label set apart by markup, read as "Label: value" from the block holding both."""
    label = _LABEL_WORD.fullmatch(text)
    if label is not None:
        # The block is the label alone: its value is the next block.
        value = el.getnext()
        parent = el.getparent()
        if value is None or parent is None or not isinstance(value.tag, str):
            return None
        item = clean(text_of(value))
        if not item or len(item) > 120:
            return None
        after = value.getnext()
        if after is not None and after.tag == value.tag and _source_like(clean(text_of(after))):
            # "Sources:" heading a list of sources, one a block (drhyman.com, webmd.com, …):
            # what the article cites, not the one page this was copied from.
            return None
        return parent, f"{label.group(1)}: {item}"
    first = el[0] if len(el) else None
    if first is None or (el.text or "").strip() or not isinstance(first.tag, str):
        return None
    label = _LABEL_WORD.fullmatch(clean(text_of(first)))
    rest = clean((first.tail or "") + "".join(text_of(c) + (c.tail or "") for c in el[1:]))
    if label is None or not rest or len(rest) > 120:
        return None
    return el, f"{label.group(1)}: {rest}"


def _source_like(text: str) -> bool:
    """A domain or a publisher's name, as a list of sources gives each."""
    return 0 < len(text) <= 120 and (_DOMAIN.match(text) is not None or _name_like(text))


def _run(head: str | None, nodes: Iterator[HtmlElement]) -> tuple[str, str | None]:
    """The text from ``head`` through ``nodes`` up to the next ``<br>`` or block, and what ended
    it ("br", a block's tag, or None at the end)."""
    parts = [head or ""]
    for node in nodes:
        if isinstance(node.tag, str):
            if node.tag == "br" or node.tag in _BLOCK_CHILDREN:
                return clean("".join(parts)), node.tag
            parts.append(text_of(node))
        parts.append(node.tail or "")
    return clean("".join(parts)), None


def _br_run(br: HtmlElement) -> str:
    """The text after ``br`` (or a block) to the next ``<br>`` or block among its siblings."""
    return _run(br.tail, br.itersiblings())[0]


def _run_holding(inline: HtmlElement) -> str:
    """The run of loose text that holds ``inline`` (a link in a line, the keyword in its tail):
    from the ``<br>`` or block before it to the next one. Empty when none bounds it on either
    side: the run is then its block's whole text, which is read as it is."""
    while (parent := inline.getparent()) is not None and parent.tag in _INLINE:
        inline = parent
    for before in inline.itersiblings(preceding=True):
        if before.tag in _LINE_BREAKS:  # a comment's tag is a function: never one of them
            return _br_run(before)
    if parent is None:
        return ""
    text, end = _run(parent.text, iter(parent))
    return text if end is not None else ""


def _before_first_br(el: HtmlElement) -> str:
    """The block's text before its first ``<br>`` (empty if it has none, or a block comes first)."""
    text, end = _run(el.text, iter(el))
    return text if end == "br" else ""


def _after_last_break(el: HtmlElement) -> str:
    """The block's text after its last ``<br>`` or link, if any.

    Read from the last child back, so that only the children after the last break (usually
    none: the link is the line's end) are made into Python objects.
    """
    parts: list[str] = []
    for child in reversed(el):
        if child.tag in ("br", "a"):  # a comment's tag is a function: never one of them
            parts.append(child.tail or "")
            parts.reverse()
            return clean("".join(parts))
        parts.append((text_of(child) if isinstance(child.tag, str) else "") + (child.tail or ""))
    return ""


def _after_last_br(el: HtmlElement) -> str:
    """The block's text after its last ``<br>`` (empty if it has none)."""
    parts: list[str] = []
    for child in reversed(el):
        if child.tag == "br":
            parts.append(child.tail or "")
            parts.reverse()
            return clean("".join(parts))
        parts.append((text_of(child) if isinstance(child.tag, str) else "") + (child.tail or ""))
    return ""


# A link whose query carries an address ("…/sharer.php?u=https://…", "wa.me/?text=https%3A…")
# hands that address to another service: a share button, or a redirect; no publisher's page.
_ADDRESS_IN_QUERY = re.compile(r"[?&][^#]*https?(?::|%3a)", re.I)


def _anchor_links(el: HtmlElement) -> list[tuple[str, str]]:
    links = [(clean(text_of(a)), (a.get("href") or "").strip()) for a in el.iter("a")]
    return [
        (text, href) for text, href in links if is_http(href) and not _ADDRESS_IN_QUERY.search(href)
    ]


def _line_signal(
    pattern: LinePattern,
    match: re.Match[str],
    block: str,
    el: HtmlElement,
    page_site: str,
    table: PublisherTable,
    edition: Callable[[], str | None] | None = None,
) -> Signal | None:
    line = match.group(0).strip()
    # ``block`` is clean text (one space between words, none at the ends), and so is a stripped
    # stretch of it: the two compare as they are.
    whole = line == block
    if pattern.whole_block and not whole:
        return None
    groups = match.groupdict()
    pub_text = groups.get("pub") or ""
    title_text = groups.get("title") or ""
    links = [(t, h) for t, h in _anchor_links(el) if registrable_domain(h) != page_site]
    # Links inside the matched line only (a link elsewhere in the same block is not evidence).
    links = [(t, h) for t, h in links if t and t in line] or (
        [(t, h) for t, h in links if not t] if whole else []
    )
    domain, name, text_url = resolve_publisher(pub_text, table) if pub_text else (None, None, None)
    # A name several publishers go by: the edition in the credited text's language, if one.
    if (
        domain is None
        and name is not None
        and edition is not None
        and len(table.named(name)) > 1
        and (publisher := table.by_name(name, edition())) is not None
    ):
        domain, name = publisher.domain, publisher.name
    link_url = None
    link_domain = None
    # The domains of the publisher the table gives the name: a link to any of them is its.
    named_at = table.domains_of(domain)
    linked_names: set[str] = set()  # the texts of the links to a page, not to a home page
    name_sites: set[str] = set()  # where the links on the publisher's name lead
    for text, href in links:
        in_pub = bool(pub_text) and text in pub_text
        in_title = bool(title_text) and text in title_text
        if in_pub:
            name_sites.add(registrable_domain(href))
        if not is_home(href) and (in_title or not in_pub or link_url is None):
            link_url = link_url if (link_url and not in_title) else href
            linked_names.add(text)
        link_domain = link_domain or registrable_domain(href)
        if in_pub and (domain is None or not is_home(href) or registrable_domain(href) in named_at):
            # The publisher's name is itself the link to the original article (or to one of
            # the named publisher's own sites): where it leads is the origin, whatever domain
            # the table gives the name.
            domain = registrable_domain(href)
    if link_url is not None:
        link_domain = registrable_domain(link_url)
        if domain in named_at and link_domain in named_at:
            domain = link_domain  # the named publisher's article, at its other domain
        elif link_domain in name_sites:
            # "… appeared first on <a href=https://www.zdfheute.de/>ZDF</a>", the title linking
            # an article there: the line's own links agree on where the name leads, which says
            # more than the table's domain for the name (zdf.de).
            domain = link_domain
    if domain is None and link_domain is not None:
        domain = link_domain
    if page_site in table.domains_of(domain):
        return None  # the page's own publisher, at this domain or another of its
    if domain is not None and link_url is not None and registrable_domain(link_url) != domain:
        # The line names one publisher and links another: trust the link for the URL only if
        # the named publisher is unknown.
        link_url = link_url if name is None else None
    if pattern.needs is Needs.LINK and not links:
        return None
    if pattern.needs is Needs.KNOWN and domain is None:
        return None
    if domain is None and name is None:
        return None
    if domain is None and pattern.needs is not Needs.ANY:
        return None
    known = table.by_domain(domain) if domain else None
    strength = 0.95 if (link_url or text_url) else 0.9 if domain else 0.5
    if pattern.family in ("source-line", "via-line", "courtesy"):
        strength -= 0.1
    family = pattern.family
    if family == "source-line" and link_url is not None and _clean_pub(pub_text) in linked_names:
        # "Source: <a href=…/the-article>Sankei Shimbun</a>": the publisher's name is the link to
        # an article, the one the page was taken from (a feed importer's line), not a credit. A
        # rights line linking the publisher's licensing site ("Quelle: F.A.Z. <a>Artikelrechte
        # erwerben</a>") stays one.
        family = "source-link"
    return Signal(
        method="source_line" if pattern.family in ("source-line", "via-line") else "line",
        family=family,
        evidence=line,
        domain=domain,
        name=name or (known.name if known else None),
        url=link_url or text_url,
        weight=strength,
        line=line,
        title=clean(title_text) or None,
    )


def line_signal_blocks(
    tree: HtmlElement,
    page_url: str,
    table: PublisherTable,
    language: str | None = None,
    edition: Callable[[], str | None] | None = None,
) -> list[tuple[Signal, HtmlElement]]:
    """Visible attribution lines, each once, in page order, with the block each was read from.

    ``language``: only that language's wordings are looked for (every language's when None).
    ``edition``: the language of the text the lines credit, asked for when a line names a
    publisher by a name several go by."""
    page_site = registrable_domain(page_url)
    found: list[tuple[Signal, HtmlElement]] = []
    seen: dict[str, list[HtmlElement]] = {}
    for el, text in _block_texts(tree, language):
        # Several wordings can match one block ("… republished from X under a Creative Commons
        # license. Read the original article."): the longest line is the attribution.
        best: Signal | None = None
        for pattern, match in matches(text):
            signal = _line_signal(pattern, match, text, el, page_site, table, edition)
            if (
                signal is not None
                and signal.line is not None
                and (best is None or len(signal.line) > len(best.line or ""))
            ):
                best = signal
        if best is None or best.line is None:
            continue
        # The same line read again from a wrapper of its block is one line; the same words in
        # another block (each item of a widget, say) are one line each.
        same = seen.setdefault(best.line, [])
        if any(_nested(el, other) for other in same):
            continue
        same.append(el)
        found.append((best, el))
    # A line found in a wrapper and again, longer, in its paragraph: keep the longest.
    return [
        (s, el)
        for s, el in found
        if not any(
            o is not s and s.line and o.line and s.line in o.line and len(o.line) > len(s.line)
            for o, _ in found
        )
    ]


def _nested(a: HtmlElement, b: HtmlElement) -> bool:
    """Whether one of the two blocks holds the other (or they are one)."""
    return (
        a is b or any(x is b for x in a.iterancestors()) or any(x is a for x in b.iterancestors())
    )


def line_signals(
    tree: HtmlElement, page_url: str, table: PublisherTable, language: str | None = None
) -> list[Signal]:
    """Visible attribution lines, each wording once, in page order."""
    out: list[Signal] = []
    lines: set[str] = set()
    for signal, _ in line_signal_blocks(tree, page_url, table, language):
        if signal.line not in lines:
            lines.add(signal.line or "")
            out.append(signal)
    return out


def _ld_names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, dict) and item.get("@type") == "Person":
            continue  # a person is never a wire service or a source organisation
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            names.append(item["name"])
        elif isinstance(item, str) and not is_http(item):
            names.append(item)
    return names


def _ld_urls(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    urls = []
    for item in items:
        if isinstance(item, str) and is_http(item):
            urls.append(item)
        elif isinstance(item, dict):
            for key in ("url", "@id", "mainEntityOfPage"):
                if isinstance(item.get(key), str) and is_http(item[key]):
                    urls.append(item[key])
                    break
    return urls


# A path this long at least names one article (not "/", "/news/").
_MIRROR_PATH = 16


def _mirrors(url: str, page_url: str) -> bool:
    """``url`` is the page's own path on another domain: the same article at a sister title of
    one newsroom (``waz.de`` and ``morgenpost.de``), another edition, a mirror — a page of the
    same publisher, not where a copy was taken from (a copy's canonical names the original's
    own path)."""
    there, here = split_url(url), split_url(page_url)
    if there is None or here is None:
        return False
    path = there.path.rstrip("/")
    return len(path) >= _MIRROR_PATH and path == here.path.rstrip("/")


def markup_signals(
    page_url: str,
    table: PublisherTable,
    meta: dict[str, str],
    ld_nodes: list[dict[str, Any]],
    canonical: str | None,
) -> list[Signal]:
    """Canonical, og:url, syndication/original-source meta, JSON-LD and the Googlebot-News hint."""
    # The page's own site is only looked up when some markup names another URL or a publisher
    # (most pages' markup names only themselves).
    out: list[Signal] = []

    def add_url(method: str, family: str, evidence: str, url: str, weight: float) -> None:
        url = url.strip()
        if url == page_url or not is_http(url):  # the page itself (the usual canonical): no origin
            return
        domain = registrable_domain(url)
        if domain == registrable_domain(page_url):
            return
        if method in ("canonical", "og_url") and _mirrors(url, page_url):
            return

        known = table.by_domain(domain)
        out.append(
            Signal(
                method,
                family,
                evidence,
                domain,
                known.name if known else None,
                None if is_home(url) else url,
                weight,
            )
        )

    if canonical:
        add_url(
            "canonical", "canonical", f'<link rel="canonical" href="{canonical}">', canonical, 0.8
        )
    if meta.get("og:url") and not canonical:
        # og:url is the fallback of pages with no canonical link: beside one, it says nothing more
        # (a syndication partner's page whose canonical names the page and og:url the partner's).
        add_url(
            "og_url",
            "og-url",
            f'<meta property="og:url" content="{meta["og:url"]}">',
            meta["og:url"],
            0.6,
        )
    for key in ("syndication-source", "original-source"):
        if meta.get(key):
            add_url(
                "meta_source", key, f'<meta name="{key}" content="{meta[key]}">', meta[key], 0.85
            )
    for node in ld_nodes:
        for key in ("isBasedOn", "isBasedOnUrl"):
            if (based_on := node.get(key)) is not None:  # most nodes have neither: no list made
                for url in _ld_urls(based_on):
                    add_url("json_ld", "jsonld-isbasedon", f"JSON-LD isBasedOn {url}", url, 0.8)
        for key in _WIRE_KEYS:
            if (value := node.get(key)) is None:
                continue
            for name in _ld_names(value):
                publisher: Publisher | None = table.by_name(name)
                if publisher is None or registrable_domain(page_url) in table.domains_of(
                    publisher.domain
                ):
                    continue  # the page's own publisher
                wire = publisher.kind == "wire" or name_key(name).endswith(" wire")
                if key == "sourceOrganization" or wire:
                    out.append(
                        Signal(
                            "json_ld",
                            f"jsonld-{key}",
                            f"JSON-LD {key}: {name}",
                            publisher.domain,
                            publisher.name,
                            None,
                            0.6 if key == "sourceOrganization" else 0.5,
                        )
                    )
    googlebot = meta.get("googlebot-news", "").lower()
    if "noindex" in googlebot:
        out.append(
            Signal(
                "hint",
                "googlebot-news-noindex",
                f'<meta name="Googlebot-News" content="{googlebot}">',
            )
        )
    return out
