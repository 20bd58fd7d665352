"""Which of a page's attribution lines are its own, and which belong to other posts it lists.

Aggregators show widgets ("Latest from the network", sidebars, after-content lists) whose items
are other posts, each with the attribution line a feed importer left on it. The page's own line is
the one that names this page's title or closes its main text; a line that names another title is
another post's, and so is a line inside a list of alike items (a title, an excerpt, a line each).
When the lines left still name different origins, none of them can be told to be the page's own:
the page gets no origin from its lines (precision over recall), and the reason says so. Pure code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml.html import HtmlElement

from newsmirror.extract.metadata import clean, text_of
from newsmirror.origin.signals import Signal
from newsmirror.urls import is_http, registrable_domain

_WORD = re.compile(r"\w+")
# A line's title and the page's are the same one when this share of the shorter one's words is in
# the longer (a site name after the page title, a trimmed headline, straightened quotes).
_SAME_TITLE = 0.8
# An item of a list holds more than its line: the post's title, its excerpt.
_ITEM_EXTRA_CHARS = 20
# An item of a list is a post's title, an excerpt and a line: no article's text.
_ITEM_MAX_CHARS = 1000


@dataclass(frozen=True)
class Ownership:
    """The page's own line signals, those set aside (with why), and why none was kept."""

    own: list[Signal]
    ignored: list[tuple[Signal, str]]
    ambiguous: str | None = None
    # The text of each list item holding another post's line (its title, excerpt, line), as words.
    items: tuple[str, ...] = ()


def _plain(text: str) -> str:
    """Words only, lower case, one space apart: how an item's text and a paragraph compare."""
    return " ".join(_words(text))


def outside(paragraphs: list[str], items: tuple[str, ...]) -> list[str]:
    """The paragraphs that are not part of one of ``items`` (other posts listed on the page)."""
    return [p for p in paragraphs if not (w := _plain(p)) or not any(w in item for item in items)]


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _names(text: str) -> set[str]:
    """A title's names and numbers: its capitalised words after the first, and words with digits."""
    words = _WORD.findall(text)
    return {
        w.casefold()
        for i, w in enumerate(words)
        if any(c.isdigit() for c in w) or (i and w[0].isupper())
    }


def same_title(named: str, page_title: str) -> bool:
    """Whether the title a line names is the page's own title: most of its words, and none of
    the names and numbers only one of them has ("Mayor Quinn will not run again after 31 years"
    is another post than "Mayor Okafor will not run again after 12 years")."""
    a, b = _words(named), _words(page_title)
    if not a or not b:
        return False
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    present = set(longer)
    if sum(w in present for w in shorter) / len(shorter) < _SAME_TITLE:
        return False
    short_text = named if shorter is a else page_title
    return not (_names(short_text) - present)


def _closes(signal: Signal, paragraphs: list[str], credits: frozenset[str] = frozenset()) -> bool:
    """The line is in the last paragraph of the main text (or that paragraph is part of it), or
    only other lines crediting the same origin (``credits``) follow it: "Continue reading at X »",
    then "Via X". (A line crediting another follows a copy's own credit in a copy of a copy.)"""
    if not signal.line:
        return False
    line = clean(signal.line)
    for paragraph in reversed(paragraphs):
        last = clean(paragraph)
        if line in last or (len(last) >= 0.5 * len(line) and last in line):
            return True
        if last not in credits:
            return False
    return False


# The block a line closes holds the text when this share of the text's characters is in it.
_BODY_SHARE = 0.5


def _closes_body(signal: Signal, block: HtmlElement, paragraphs: list[str]) -> bool:
    """The line ends the block that holds most of the main text: the post's own body, which
    extraction read with more after it (a table layout's sidebar fragments, a site's footer
    note), so that the line is not the text's last paragraph."""
    if not signal.line or not paragraphs:
        return False
    body = clean(text_of(block))
    if not body.rstrip(" .").endswith(clean(signal.line).rstrip(" .")):
        return False
    inside = sum(len(p) for p in paragraphs if clean(p) in body)
    return inside >= _BODY_SHARE * sum(len(p) for p in paragraphs)


def _ancestors(el: HtmlElement) -> list[HtmlElement]:
    chain = []
    node = el
    while node is not None:
        chain.append(node)
        node = node.getparent()
    return chain


def _item(chain: list[HtmlElement], counts: dict[HtmlElement, int]) -> HtmlElement:
    """The highest ancestor holding this line only: the list item it belongs to."""
    item = chain[0]
    for node in chain[1:]:
        if counts[node] > 1:
            break
        item = node
    return item


def _origins(signals: list[Signal]) -> set[str]:
    """The origins the signals name: their domains, or their names when none gives a domain (a
    name the table does not know is no other origin than a domain another line gives)."""
    return {_key(s) for s in signals if s.domain} or {_key(s) for s in signals}


def _one_credit(signals: list[Signal]) -> bool:
    """Two lines in two wordings naming one origin (one URL at most) and no post's title: the
    page's own credit said twice ("Continue reading at X" closing the excerpt, "Via X" below
    it), not a list of other posts, whose items (three and more in a widget) each name their
    own post."""
    return (
        len(signals) == 2
        and not any(s.title for s in signals)
        and len(_origins(signals)) == 1
        and len({s.url for s in signals if s.url}) <= 1
        and len({s.family for s in signals}) == len(signals)
    )


def _listed(pairs: list[tuple[Signal, HtmlElement]]) -> dict[int, str]:
    """The signals that are items of a list — two or more alike siblings, each holding one line,
    and at least one holding more than its line (a title, an excerpt) — with their item's text."""
    chains = [_ancestors(el) for _, el in pairs]
    counts: dict[HtmlElement, int] = {}
    for chain in chains:
        for node in chain:
            counts[node] = counts.get(node, 0) + 1
    groups: dict[tuple[HtmlElement, str], list[tuple[int, HtmlElement]]] = {}
    for i, chain in enumerate(chains):
        item = _item(chain, counts)
        parent = item.getparent()
        if parent is not None:
            groups.setdefault((parent, str(item.tag)), []).append((i, item))
    listed: dict[int, str] = {}
    for group in groups.values():
        # An element holding an article's text is no item of a list of posts, whatever its
        # siblings: a page laid out in a table has its text in one cell of a row and, in the cell
        # beside it, a sidebar listing one other post with its line.
        texts_of = {i: _plain(" ".join(item.itertext())) for i, item in group}
        members = [(i, item) for i, item in group if len(texts_of[i]) <= _ITEM_MAX_CHARS]
        if _one_credit([pairs[i][0] for i, _ in members]):
            continue
        texts = [texts_of[i] for i, _ in members]
        if len(members) > 1 and any(
            len(text) - len(_plain(pairs[i][0].line or "")) > _ITEM_EXTRA_CHARS
            for (i, _), text in zip(members, texts, strict=True)
        ):
            listed.update((i, text) for (i, _), text in zip(members, texts, strict=True))
    return listed


_HEADING_LINKS = ".//h2//a[@href] | .//h3//a[@href] | .//h4//a[@href] | .//h5//a[@href]"


def _links(node: HtmlElement) -> list[HtmlElement]:
    return [a for a in node.iter("a") if a.get("href")]


def _item_of_list(block: HtmlElement) -> str | None:
    """The text of the list item ``block`` is in — an element with an alike sibling (same tag,
    same class), a short one, with a title linking a post (in a heading, or a link beside the
    line whose alike siblings link too: a "recent posts" item's title) — when the line there is
    alone in its list (the other items keep no line, or lines in wordings not read): that post's
    line, like those of a list where each has one (``_listed``)."""
    node: HtmlElement | None = block
    while node is not None and node.tag not in ("body", "html"):
        text = " ".join(node.itertext())
        if len(text) > _ITEM_MAX_CHARS:
            return None
        parent = node.getparent()
        if parent is not None and node.get("class") is not None:
            alike = [
                sibling
                for sibling in parent
                if sibling is not node
                and sibling.tag == node.tag
                and sibling.get("class") == node.get("class")
            ]
            beside = [a for a in _links(node) if block not in _ancestors(a)]
            if alike and (
                any(block not in _ancestors(a) for a in node.xpath(_HEADING_LINKS))
                or (beside and any(_links(sibling) for sibling in alike))
            ):
                return _plain(text)
        node = parent
    return None


# Players a page embeds from another site (a GIF, a video). Not images: a feed importer's copy
# shows the original's pictures from the original's servers, just above the original's line.
_EMBEDS = ("iframe", "video", "audio", "embed", "object")


def _credits_embed(signal: Signal, block: HtmlElement) -> bool:
    """The line names the site of a player embedded in its block or just before it ("via GIPHY"
    under a GIF): that media's credit, not the page's."""
    if not signal.domain:
        return False
    for node in (block, block.getprevious()):
        if node is None or not isinstance(node.tag, str):
            continue
        for media in node.iter(*_EMBEDS):
            source = media.get("src") or media.get("data") or ""
            if is_http(source) and registrable_domain(source) == signal.domain:
                return True
    return False


def _key(signal: Signal) -> str:
    return signal.domain or f"name:{(signal.name or '').casefold()}"


def own_lines(
    pairs: list[tuple[Signal, HtmlElement]], page_title: str | None, paragraphs: list[str]
) -> Ownership:
    """Split the page's line signals (each with the block it was read from) into its own and
    other posts'."""
    if not pairs:
        return Ownership([], [])
    ignored: list[tuple[Signal, str]] = []
    strong: list[Signal] = []
    plain: list[Signal] = []
    listed = _listed(pairs) if len(pairs) > 1 else {}
    for i, (_, block) in enumerate(pairs):
        if i not in listed and (item := _item_of_list(block)) is not None:
            listed[i] = item
    credits: dict[str, frozenset[str]] = {}
    for signal, _ in pairs:
        if signal.line:
            credits[_key(signal)] = credits.get(_key(signal), frozenset()) | {clean(signal.line)}
    for i, (signal, block) in enumerate(pairs):
        if _credits_embed(signal, block):
            ignored.append((signal, "credits the media embedded above it"))
            continue
        names_title = bool(signal.title and page_title)
        own_title = names_title and same_title(signal.title or "", page_title or "")
        # (An item of a list closes nothing: its block is not read for it.)
        closes = i not in listed and (
            _closes(signal, paragraphs, credits.get(_key(signal), frozenset()))
            or _closes_body(signal, block, paragraphs)
        )
        if own_title or closes:
            strong.append(signal)
        elif names_title:
            ignored.append((signal, f"names another post's title ({clean(signal.title)!r})"))
        elif i in listed:
            ignored.append((signal, "an item of a list of other posts"))
        else:
            plain.append(signal)
    own = strong or plain
    if any(s.domain for s in own):
        # A name the publisher table does not know ("Continue reading at Die Presse »") is no
        # other origin than the domain another line of the page gives.
        ignored.extend((s, "names no domain; another line gives one") for s in own if not s.domain)
        own = [s for s in own if s.domain]
    items = tuple(listed.values())
    if len(origins := _origins(own)) > 1:
        names = ", ".join(sorted(k.removeprefix("name:") for k in origins))
        reason = (
            f"{len(own)} attribution lines name different origins ({names}) and none names this "
            f"page's title or closes its text"
        )
        ignored.extend((s, "ambiguous") for s in own)
        return Ownership([], ignored, reason, items)
    if strong:
        ignored.extend((s, "the page's own line is another") for s in plain)
    return Ownership(own, ignored, items=items)
