"""Main text: trafilatura on the shared tree, or registry selectors, then a boilerplate filter."""

from __future__ import annotations

import re
from collections.abc import Callable
from configparser import ConfigParser
from copy import deepcopy
from functools import lru_cache
from itertools import groupby

import trafilatura
import trafilatura.settings
from cssselect import GenericTranslator, SelectorError
from lxml import etree
from lxml.html import HtmlElement

from newsmirror.extract.metadata import clean, text_of
from newsmirror.urls import host_of, registrable_domain, same_page

_BLOCKS = ("p", "h2", "h3", "h4", "li", "blockquote", "pre")

# Paragraphs that are template on any site: calls to subscribe, legal small print, share rows.
# They must read as the whole paragraph's purpose (anchored), never a phrase inside a sentence.
_BOILERPLATE = re.compile(
    r"""^(?:
        (?:sign\s+up|subscribe|join|register)\b.{0,120}\b(?:newsletter|updates|mailing\s+list|inbox)
      | (?:get|receive)\b.{0,160}\b(?:in|to|into)\s+your\s+inbox\b
      | become\s+a\s+(?:vip|member|subscriber)\b
      | by\s+(?:opting\s+in|signing\s+up|subscribing|clicking)\b.{0,80}\b(?:agree|consent)
      | (?:disclaimer|haftungsausschluss|avertissement|aviso\s+legal)\s*:
      | (?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:\d{4}|[a-z])
      | all\s+rights\s+reserved\.?$
      | (?:share|partager|teilen|compartir)\s+(?:this|on|sur|auf|en)\b.{0,40}$
      | (?:you\s+may\s+also\s+like|related\s+(?:posts|articles|stories)|read\s+also|lire\s+aussi
         |à\s+lire\s+aussi|more\s+from|recommended\s+for\s+you|popular\s+posts|trending\s+now)\s*:?$
      | (?:leave\s+a\s+(?:reply|comment)|laisser\s+un\s+commentaire|\d+\s+comments?)\s*$
      | (?:-\s+)?(?:log\s+in|sign\s+in|register)\b.{0,30}\bto\s+(?:post\s+)?comments?\.?$
      | (?:advertisement|publicité|anzeige|sponsored)\s*$
      | (?:tags?|filed\s+under|categories|catégories|étiquettes)\s*:
      | (?:by|par|von|por|di|door)\s+[^.!?]{2,80}?\s+[—–|-]\s+(?:published|posted|updated|publié|mis\s+à
         \s+jour|veröffentlicht|aktualisiert|publicado|actualizado|pubblicato|gepubliceerd)\b[^.!?]{0,60}$
      | (?:photo|photos|picture|image|graphic|chart|credit|credits|foto|fotos|bild|grafik)\s*:
         [^.!?]{0,80}$
      | (?:source|sources|quelle|fuente|fonte)\s*:[^.!?]{0,60},[^.!?]{0,60}$
      | (?:follow\s+us|suivez-nous|connect\s+with\s+us)\b.{0,60}$
      | (?:last\s+)?(?:updated|modified|published|posted|mis\s+à\s+jour|modifié|publié|aktualisiert
         |stand|actualizado|aggiornato)
         \b[^.]{0,12}\d(?:[^.]|\.\d){0,40}\.?$
      | (?:by|par|von|por|di|door)\s+(?-i:[A-ZÀ-ÖØ-Þ])[\w'’.-]*(?:\s+(?-i:[A-ZÀ-ÖØ-Þ])[\w'’.-]*){0,3}$
    )""",
    re.I | re.X | re.S,
)


def is_boilerplate(paragraph: str) -> bool:
    return bool(_BOILERPLATE.match(paragraph.strip()))


def link_blocks(
    tree: HtmlElement, url: str = "", max_chars: int = 300, density: float = 0.6
) -> set[str]:
    """Texts of short blocks that are links, or a label and a link: teasers, "Related: …",
    "[Read: …]", "Continue reading", menus.

    A sentence with a long link inside it ("According to Nato, <a>every country …</a>.") is
    text: the words outside its links are not a label. Nor is a text the page also has as a
    block of its own, mostly unlinked: a table of contents links to the article's subheads (whose
    own links to themselves, ``#section``, lead nowhere), and those stay.
    """
    page = url.split("#", 1)[0]
    linked_texts: set[str] = set()
    plain_texts: set[str] = set()
    for el in tree.iter(*_LINKABLE_BLOCKS):
        text = clean(text_of(el))
        if not text or len(text) > max_chars:
            continue
        heading = el.tag not in _LINK_BLOCKS
        links = [
            clean(text_of(a))
            for a in el.iter("a")
            if (href := a.get("href")) and not (heading and _within(href, page))
        ]
        if sum(len(t) for t in links) >= density * len(text):
            if heading:
                continue  # a heading is never a link line: it is its section's, linked or not
            menu = _menu_labels(text, links)
            if _only_a_label(text, links) or menu is not None:
                linked_texts.add(text)
                if len(links) > 1:
                    # A menu in one block ("Home | World | Sports"): extraction may give each
                    # of its links a line of its own, and each of its section labels.
                    linked_texts.update(links)
                    linked_texts.update(menu or ())
        else:
            plain_texts.add(text)
    return linked_texts - plain_texts


def _within(href: str, page: str) -> bool:
    """Whether ``href`` leads to a place in the page itself (``#section``)."""
    return href.startswith("#") or (bool(page) and href.split("#", 1)[0] == page)


# What may stand beside a block's links for it to be a link and not a sentence: bullets, brackets,
# separators, a word ("(update)", "(video)"), and a short label before a colon ("Related:",
# "Lire aussi :", "READ MORE:").
_LABEL = re.compile(r"[^\W\d_][\w'’ .-]{0,40}:")
_WORD = re.compile(r"[^\W_]+")


# A menu of links under section labels ("Sections" World Business … "Site" About us Contact):
# this many links at least, and a label word at most for every two links.
_MENU_LINKS = 4
_LIST_SEPARATORS = re.compile(r"[,;、，；]")


def _menu_labels(text: str, links: list[str]) -> list[str] | None:
    """The labels between a menu's links, or None if the block is no such menu."""
    if len(links) < _MENU_LINKS:
        return None
    rest = _outside_links(text, links, "\n")
    if _LIST_SEPARATORS.search(rest):
        return None  # links listed in a sentence ("Kagoshima, Kirishima, …"): text, no menu
    labels = [clean(part) for part in rest.split("\n") if _WORD.search(part)]
    if sum(len(_WORD.findall(label)) for label in labels) * 2 > len(links):
        return None
    return labels


def _outside_links(text: str, links: list[str], gap: str) -> str:
    """``text`` with each of its ``links`` (their texts, in order) put out by ``gap``."""
    for link in links:
        text = text.replace(link, gap, 1)
    return text


def _only_a_label(text: str, links: list[str]) -> bool:
    rest = _LABEL.sub(" ", _outside_links(text, links, " "), count=1)
    return len(_WORD.findall(rest)) < 2


_LINK_BLOCKS = frozenset({"p", "li", "dd", "figcaption", "h5", "h6", "td", "th"})
_LINKABLE_BLOCKS = (*_LINK_BLOCKS, "h1", "h2", "h3", "h4")


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_ANY_HEADING = "|".join(f"//{h}" for h in _HEADINGS)
# A teaser's mark: a link around a picture or a headline, or a headline holding a link; on pages
# made without headings, a link whose whole text is bold. (Written as a union of paths from
# pictures, headlines and bold text: three times faster than testing every link.)
_TEASER_MARKS = etree.XPath(
    f"//img/ancestor::a[@href] | //picture/ancestor::a[@href] | ({_ANY_HEADING})[.//a[@href]]"
    f" | ({_ANY_HEADING})/ancestor::a[@href]"
    " | (//b | //strong)[normalize-space(.) != ''][normalize-space(.) = normalize-space(..)]"
    "/parent::a[@href]"
    # A list item opening with a link, its post's title, and going on with an excerpt or its
    # line ("recent posts"); not a table of contents' link to a section of the page.
    " | //li/*[1][self::a][@href][not(starts-with(@href, '#'))][normalize-space(.) != '']"
    "[string-length(normalize-space(..)) > string-length(normalize-space(.)) + 20]"
)
_CARD_DEPTH = 8  # how far above its mark a card may start
# A card's text at most: a headline, an excerpt of a sentence or two, and the line a feed importer
# leaves on each post ("The post … appeared first on …", itself up to 150 characters).
CARD_CHARS = 400
# A line this long inside a card's text (its excerpt, set apart by ``<br>``) is the card's.
CARD_LINE = 40


def _signature(el: HtmlElement) -> tuple[str, str]:
    """An element's tag and classes, less those that number it among its siblings ("col-1",
    "col-2", "post-4711"): the cards of one grid differ in nothing else."""
    classes = (c for c in el.get("class", "").split() if not any(ch.isdigit() for ch in c))
    return el.tag, " ".join(sorted(classes))


def _on_site(mark: HtmlElement, site: str) -> bool:
    link = mark if mark.tag == "a" else next(mark.iter("a"), None)
    href = link.get("href", "") if link is not None else ""
    return registrable_domain(host_of(href)) == site


def teaser_cards(
    tree: HtmlElement,
    url: str = "",
    min_cards: int = 3,
    max_chars: int = CARD_CHARS,
    own: set[str] | None = None,
) -> set[str]:
    """Texts of teaser grids: "related posts", "more from", "you may also like" cards.

    A grid is ``min_cards`` or more sibling elements with one tag and class (``_signature``), every
    one of them a short card (at most ``max_chars`` of text) whose picture or headline is a link to
    another page
    of ``url``'s site, and at least half of their parent's children; its texts (the
    whole card's and each element's in it) are template, as are the headings that introduce it
    (among the cards, or right above their container). An article's own lists and subheads are
    not such cards: their items have no linked picture or headline, or are not all alike.
    ``own`` collects the texts of the card linking the page itself, which a box of the latest
    posts shows with an excerpt of the page's own text.
    """
    marks = _TEASER_MARKS(tree)
    if url and len(marks) >= min_cards:
        # A teaser leads to another page of the site; a card linking away (a video, a product
        # page, documentation) is the article's own matter.
        site = registrable_domain(host_of(url))
        marks = [m for m in marks if _on_site(m, site)]
    if len(marks) < min_cards:
        return set()
    # Every element holding a mark, up to _CARD_DEPTH levels above it, may be a card: grouped by
    # its parent and its own tag and class.
    groups: dict[tuple[HtmlElement, tuple[str, str]], set[HtmlElement]] = {}
    for mark in marks:
        el = mark
        for _ in range(_CARD_DEPTH):
            parent = el.getparent()
            if parent is None:
                break
            groups.setdefault((parent, _signature(el)), set()).add(el)
            el = parent
    found: set[str] = set()
    for (parent, signature), marked in groups.items():
        if len(marked) < min_cards:
            continue
        # A table's header row ("More News") heads its cards, as a heading above a grid does.
        headers = [c for c in parent if c.tag == "tr" and all(cell.tag == "th" for cell in c)]
        siblings = [c for c in parent if isinstance(c.tag, str) and c not in headers]
        cards = [c for c in siblings if _signature(c) == signature]
        if len(cards) != len(marked):
            continue  # not all alike: some siblings of that kind have no linked picture/headline
        if 2 * len(cards) < len(siblings):
            continue  # linked subheads between an article's paragraphs: a grid is mostly cards
        texts = [clean(text_of(card)) for card in cards]
        if any(len(t) > max_chars for t in texts):
            continue
        for card, text in zip(cards, texts, strict=True):
            # Elements only: a comment or processing instruction in a card has no text_content().
            held = {text, *(clean(text_of(el)) for el in card.iterdescendants(etree.Element))}
            found.update(held)
            if (
                own is not None
                and url
                and any(same_page(a.get("href"), url) for a in card.iter("a"))
            ):
                own.update(held)  # the page's own card (a "latest posts" box)
        titles = [c for c in parent if c.tag in _HEADINGS] + headers
        above = parent.getprevious()
        if above is not None and above.tag in _HEADINGS:
            titles.append(above)
        found.update(clean(text_of(title)) for title in titles)
    found.discard("")
    return found


def captions(tree: HtmlElement) -> frozenset[str]:
    """The texts of the page's figure captions: a photo's or a chart's, credit and all ("Residents
    outside the town hall. Photo: AFP"), are not the article's sentences."""
    return frozenset(t for c in tree.iter("figcaption") if (t := clean(text_of(c))))


@lru_cache(maxsize=256)
def css_to_xpath(css: str) -> str:
    try:
        return str(GenericTranslator().css_to_xpath(css))
    except SelectorError as exc:
        raise ValueError(f"bad CSS selector {css!r}: {exc}") from None


def _selector_paragraphs(tree: HtmlElement, body_css: str, remove: tuple[str, ...]) -> list[str]:
    nodes = tree.xpath(css_to_xpath(body_css))
    if not nodes:
        return []
    body = nodes[0]
    # Work on a copy: the shared tree must stay intact for the attribution step.
    body = body.__copy__()
    for css in remove:
        for el in body.xpath(css_to_xpath(css).replace("descendant-or-self::", ".//", 1)):
            el.drop_tree()
    blocks = [
        el for el in body.iter(*_BLOCKS) if not any(a.tag in _BLOCKS for a in el.iterancestors())
    ]
    paragraphs = [clean(text_of(el)) for el in blocks] if blocks else [clean(body.text_content())]
    return [p for p in paragraphs if p]


def main_paragraphs(
    tree: HtmlElement,
    url: str,
    *,
    body_css: str | None = None,
    remove: tuple[str, ...] = (),
    cards: set[str] | None = None,
) -> list[str]:
    """The article's paragraphs, template removed, in page order. ``cards``: the page's
    ``teaser_cards``, when the caller has them."""
    paragraphs: list[str] = []
    if body_css:
        paragraphs = _selector_paragraphs(tree, body_css, remove)
    if cards is None:
        cards = teaser_cards(tree, url)
    template = link_blocks(tree, url) | cards | captions(tree)

    def kept(p: str) -> bool:
        # A line with no letter or digit ("|", "•", "* * *") is a separator, never the text.
        return bool(_WORD.search(p)) and not is_boilerplate(p) and _unbulleted(p) not in template

    if not paragraphs:
        prune = [css_to_xpath(css).replace("descendant-or-self::", "//", 1) for css in remove]
        # A <template> is never rendered, nor a <noscript> where scripts run: what they hold (a
        # poll, a widget to clone, "enable JavaScript to see the map") is no text.
        prune += ["//template", "//noscript"]
        layout = bool(_LAYOUT_TABLES(tree))
        paragraphs = _trafilatura_paragraphs(tree, url, prune, kept, layout)
        if not any(map(kept, paragraphs)):
            # trafilatura read nothing but the template (a brief whose photos and captions it
            # scored below the box of related posts): the body the page marks up is the text.
            paragraphs = marked_body_lines(tree)
        if layout:
            # A page laid out in tables, its article a run of ``<br>`` lines in a cell: no
            # paragraph for trafilatura to read there (a line, a box of posts beside it, at most).
            lines = br_body_lines(tree)
            if sum(len(p) for p in lines if kept(p)) > 2 * sum(
                len(p) for p in paragraphs if kept(p)
            ):
                paragraphs = lines
    return [p for p in paragraphs if kept(p)]


def outside_cards(paragraphs: list[str], cards: set[str], own: set[str] | None = None) -> list[str]:
    """``paragraphs`` less the lines inside a teaser card's text (``teaser_cards``): an excerpt
    set apart by ``<br>`` in a card is a line of its own, the text of no element of it. The page's
    own card (``own``) quotes the page: what it holds stays."""
    long_cards = [card for card in cards - (own or set()) if len(card) > CARD_LINE]
    if not long_cards:
        return paragraphs
    # A run of lines inside cards' text goes when one of them is long enough to be a card's: the
    # short ones beside it are the card's too (a feed importer's line that extraction split at
    # its links: "The post", "appeared first on").
    kept: list[str] = []
    for in_card, run in groupby(paragraphs, key=lambda p: any(p in c for c in long_cards)):
        lines = list(run)
        if not in_card or all(len(p) < CARD_LINE for p in lines):
            kept.extend(lines)
    return kept


# The article's body as publishing systems mark it up: schema.org's articleBody (Blogger's post
# body, many themes), WordPress themes' entry content, Ghost themes' content section (Casper's
# ``<section class="gh-content gh-canvas">``), the usual names of a post's content box.
_MARKED_BODY = etree.XPath(
    "//*[contains(concat(' ', normalize-space(@itemprop), ' '), ' articleBody ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' entry-content ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' gh-content ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' post-body ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' post-content ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' article-body ')]"
)
# A body this short is a brief or a feed's excerpt: what trafilatura adds to it comes from around
# it (an author box, "You may also like", a network's latest posts), since a text that short is
# below its own minimum and sends it to its fallbacks, which read the whole page.
SHORT_BODY = 600


def _marked_body(tree: HtmlElement) -> HtmlElement | None:
    """The article's body as the page marks it up (``_MARKED_BODY``), if it marks up one."""
    marked = _MARKED_BODY(tree)
    bodies = [el for el in marked if not any(a in marked for a in el.iterancestors())]
    return bodies[0] if len(bodies) == 1 else None


# The blocks of a marked body (``_BLOCKS``) are its text; what is inside a figure (a caption, a
# photo's credit) or a form is not, nor the text of elements that are never shown.
_BLOCK_TEXT = etree.XPath(
    ".//text()[not(ancestor::script or ancestor::style or ancestor::template"
    " or ancestor::noscript)]"
)
_NOT_TEXT = {"figure", "figcaption", "form", "aside", "nav", "button"}


def marked_body_lines(tree: HtmlElement) -> list[str]:
    """The text blocks of the body the page marks up (the innermost ones: a list item's
    paragraphs, not the item), in page order; [] when it marks up none, or several."""
    body = _marked_body(tree)
    if body is None:
        return []
    lines = []
    for el in body.iter(*_BLOCKS):
        if any(d.tag in _BLOCKS for d in el.iterdescendants()):
            continue  # a list item or quote of paragraphs: its paragraphs are read
        ancestors = {a.tag for a in el.iterancestors()}
        if ancestors & _NOT_TEXT:
            continue
        line = clean("".join(str(t) for t in _BLOCK_TEXT(el)))
        if line:  # a list item as trafilatura writes one
            lines.append(f"- {line}" if el.tag == "li" or "li" in ancestors else line)
    return lines


# Elements read as part of the line they are in; any other element (a paragraph, a list, a
# figure, a table) is a block of its own, which a run of ``<br>`` lines does not hold.
_INLINE = frozenset(
    "a abbr b bdi bdo big cite code dfn em font i kbd mark q s samp small span strong sub sup"
    " time tt u var wbr".split()
)
_NEVER_SHOWN = frozenset({"script", "style", "template", "noscript"})
# ... of which these are lines among the others (a paragraph, a subheading, a quote); a list, a
# figure, a table or a box is not.
_LINE_BLOCKS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "blockquote"})
# A run of lines this long at least is a body (a brief's few sentences), not a byline or a menu.
BR_BODY_CHARS = 200


def _br_lines(el: HtmlElement) -> list[str]:
    """The lines ``el`` holds itself, read through its inline elements and split at ``<br>``
    (a paragraph among them is a line too)."""
    lines: list[str] = []
    current: list[str] = []

    def walk(node: HtmlElement) -> None:
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "br":
                lines.append(clean("".join(current)))
                current.clear()
            elif tag in _INLINE:
                current.append(child.text or "")
                walk(child)
            elif tag and tag not in _NEVER_SHOWN:
                lines.append(clean("".join(current)))
                current.clear()
                if tag in _LINE_BLOCKS:
                    lines.append(clean(text_of(child)))  # a paragraph among the lines
            current.append(child.tail or "")

    current.append(el.text or "")
    walk(el)
    lines.append(clean("".join(current)))
    return [line for line in lines if line]


def br_body_lines(tree: HtmlElement) -> list[str]:
    """The longest run of text a page writes as lines split by ``<br>`` in one element (an old
    hand-made page's article, in a table cell: no ``<p>`` for trafilatura to read), when it has
    two lines or more and ``BR_BODY_CHARS``; [] otherwise."""
    best: list[str] = []
    for el in tree.iter("td", "div", "font", "span", "section", "article", "main"):
        if el.find(".//br") is None:
            continue
        lines = _br_lines(el)
        if len(lines) >= 2 and sum(map(len, lines)) > sum(map(len, best)):
            best = lines
    return best if sum(map(len, best)) >= BR_BODY_CHARS else []


def _whole_page_line(tree: HtmlElement, line: str) -> list[str] | None:
    """The marked body's blocks, when trafilatura's last fallback read the whole page as the
    one ``line`` with that body in it (a copy cut after two paragraphs, under its minimum, on a
    page of boxes); ``None`` otherwise."""
    marked = _marked_body(tree)
    if marked is None:
        return None
    body = "".join(text_of(marked).split())  # blocks' texts run together in the body's text
    if not body or len(body) >= len(line) or body not in "".join(line.split()):
        return None
    return marked_body_lines(tree) or None


def within_marked_body(tree: HtmlElement, lines: list[str]) -> list[str]:
    """``lines`` (trafilatura's) less those from outside the article's body, when the page marks
    up one body (``_MARKED_BODY``), short (``SHORT_BODY``), whose text ``lines`` hold.

    A long text is looked at only when the page's paragraphs are short too (under
    ``FULL_EXTRACTION_BELOW``): then trafilatura's fallbacks read it from around them (a
    sidebar's snippets, a whole page); a long text from a page of long paragraphs is its own
    extractor's, and the page-wide search for bodies is left to pages that may need it."""
    whole = [line for line in lines if line]
    if len(whole) == 1 and (one := _whole_page_line(tree, whole[0])) is not None:
        return one
    if (
        sum(map(len, lines)) >= FULL_EXTRACTION_BELOW
        and _paragraph_chars(tree) >= FULL_EXTRACTION_BELOW
    ):
        return lines
    marked = _marked_body(tree)
    if marked is None:
        return lines
    body = clean(text_of(marked))
    if not body or len(body) >= SHORT_BODY:
        return lines
    inside = [line for line in lines if line and " ".join(line.split()) in body]
    if len(inside) == len([line for line in lines if line]):
        return lines
    if sum(map(len, inside)) < 0.5 * len(body):
        return lines  # trafilatura read another part of the page: nothing to hold it to
    return inside


_LAYOUT_TABLES = etree.XPath("boolean(//table//table)")
# trafilatura's own extractor first; its fallbacks (readability, jusText: a second and third
# pass over the page) only when that finds less than this. A text this long is an article's: on
# such pages the fallbacks add no text of the article, and sometimes a whole column of teasers
# and captions (see docs/performance.md, "Extraction").
FULL_EXTRACTION_BELOW = 1500


# trafilatura's text shorter than its MIN_EXTRACTED_SIZE (250 characters) sends it to its
# fallbacks, and at last to its baseline: the text of the whole <article> or <body>, byline, tags,
# widgets and all, as one line. A feed excerpt, a brief, a Japanese lead of two paragraphs is that
# short. When all that comes is one line, the page is read again with a lower bar: its own
# paragraphs, if it has several, are the article. (A lower bar for every page would take the
# fallbacks' rescue from pages whose article trafilatura's own extractor misses.)
SHORT_TEXT = 100
_SHORT_CONFIG = deepcopy(trafilatura.settings.DEFAULT_CONFIG)
_SHORT_CONFIG.set("DEFAULT", "MIN_EXTRACTED_SIZE", str(SHORT_TEXT))


def _paragraph_chars(tree: HtmlElement) -> int:
    """The length of the page's ``<p>`` texts, all of them: trafilatura's own extractor keeps
    mostly paragraphs, so under FULL_EXTRACTION_BELOW of them it finds less than that, and its
    first pass would only be run again with the fallbacks."""
    return sum(len(text_of(p)) for p in tree.iter("p"))


def _trafilatura_paragraphs(
    tree: HtmlElement, url: str, prune: list[str], kept: Callable[[str], bool], layout: bool
) -> list[str]:
    """trafilatura's text as lines. Its fast pass is taken when the lines ``kept`` of it (the
    page's template and boilerplate left out) make FULL_EXTRACTION_BELOW: a fast pass that took
    a page's menus instead of its article is long, but not in what is kept of it. ``layout``:
    the page is laid out in tables (``_LAYOUT_TABLES``)."""
    lines: list[str] = []
    passes = (True, False) if _paragraph_chars(tree) >= FULL_EXTRACTION_BELOW else (False,)
    # Data tables are text; a page laid out in tables (a table inside a table, as old hand-made
    # sites are) would lose its article to them.
    tables = not layout

    def extracted(
        fast: bool, config: ConfigParser = trafilatura.settings.DEFAULT_CONFIG
    ) -> list[str]:
        doc = trafilatura.bare_extraction(
            tree,
            url=url,
            fast=fast,
            include_comments=False,
            include_tables=tables,
            include_images=False,
            with_metadata=False,
            prune_xpath=prune,
            config=config,
        )
        found = getattr(doc, "text", None) if doc is not None else None
        return [clean(line) for line in str(found or "").split("\n")]

    for fast in passes:
        lines = extracted(fast)
        if fast and sum(len(line) for line in lines if kept(line)) >= FULL_EXTRACTION_BELOW:
            return lines
    one = [line for line in lines if kept(line)]
    if len(one) == 1 and len(one[0]) >= SHORT_TEXT:  # no text at all: nothing to read again
        short = extracted(False, _SHORT_CONFIG)
        if sum(map(kept, short)) >= 2:
            return short
    return lines


def _unbulleted(line: str) -> str:
    """A line as its element's text: trafilatura writes a list item as "- " and its text."""
    return line[2:] if line.startswith("- ") else line


# A text node reading as the description, in the body, with the text's opening after it.
# (Its length tested first: cheap, and most text nodes are shorter.)
_DECK = etree.XPath(
    "//body//text()[string-length(.) >= $length][normalize-space(.) = $deck]"
    "[following::text()[starts-with(normalize-space(.), $opening)]]"
)
MIN_DECK_CHARS = 40  # shorter descriptions are a tagline or a kicker, not a standfirst
_OPENING_CHARS = 40


def with_standfirst(
    tree: HtmlElement, paragraphs: list[str], title: str | None, description: str | None
) -> list[str]:
    """``paragraphs`` opened by the page's standfirst (its deck: the sentence under the headline
    that the page's ``description`` repeats), when the page shows it above the text and
    extraction left it out. Feed importers copy the description into a copy's first lines, and a
    feed's excerpt is often nothing else: without it, the original does not read as its copies."""
    if not paragraphs:
        return paragraphs
    deck = " ".join((description or "").split())
    if len(deck) < MIN_DECK_CHARS:
        return paragraphs
    # Neither in the text, whatever its quotes or case, nor the headline again.
    words = _folded(deck)
    if words in _folded(" ".join(paragraphs)) or words == _folded(title or ""):
        return paragraphs
    opening = " ".join(paragraphs[0].split())[:_OPENING_CHARS]
    if not _DECK(tree, length=len(deck), deck=deck, opening=opening):
        return paragraphs
    return [deck, *paragraphs]


def _folded(text: str) -> str:
    """The words of ``text``, case folded: what a sentence says, whatever its quotes or spacing."""
    return " ".join(_WORD.findall(text.casefold()))
