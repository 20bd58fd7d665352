"""Which story a page belongs to: its evidence and its candidate stories in, a verdict out.

One pure function holds every rule that decides a join, so that each is one readable place
(docs/dedup.md, "How a page finds its story"):

- **Text wins.** A page joins only a story whose canonical text its own text matches
  (:func:`newsmirror.dedup.match.decide`). A URL is a way to *find* a candidate, never a reason to
  join it: a copy naming an original URL whose story reads otherwise starts a story of its own,
  its origin unverified, with the reason.
- **Bounded evidence.** Every comparison is against a story's canonical text (its fingerprint is
  that text's, never the union of its copies'), so one wrong join cannot make the next one easier.
- **Merges need matching stories.** A page that matches several stories joins the closest; the
  others are merged into it only when their canonical texts match each other.
- **Named origins that disagree stay apart.** A story whose origin names another publisher than
  the page's is no candidate, unless the story is read from that publisher's own page, or holds
  the very page this one names (a copy of a copy: a chain).
- **The same page again** (a later crawl of a URL already placed) stays in its story.

Writing the verdict into the store is :class:`newsmirror.dedup.index.Deduplicator`'s job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any

from newsmirror.dedup.fingerprint import (
    SHINGLE_WORDS,
    Fingerprint,
    normalize,
    paragraph_keys,
    title_key,
)
from newsmirror.dedup.match import Decision, decide
from newsmirror.store.base import StoredStory
from newsmirror.urls import registrable_domain, same_page


class Found(Enum):
    """How a candidate story was found."""

    SAME_PAGE = "same page URL"
    NAMED_ORIGINAL = "the original URL the page names"
    CANONICAL = "the page's canonical URL"
    CONTENT = "shared index key"


class Outcome(Enum):
    JOIN = "join"  # the page is one more copy (or the original) of ``story``
    NEW = "new"  # the page starts a story
    UNVERIFIED = "unverified"  # a story of its own: the original it names reads otherwise
    ORIGINAL_ELSEWHERE = "original elsewhere"  # the page at ``story``'s URL is another text


@dataclass(frozen=True)
class Evidence:
    """What a page brings to the decision."""

    url: str
    fingerprint: Fingerprint
    origin_url: str | None  # the original's URL the page names
    origin_domain: str | None  # the publisher the page names
    canonical_url: str  # the URL its story would have (the named original's, else its own)
    # Every domain of the publisher the page names (``bbc.co.uk`` and ``bbc.com``): a story read
    # from any of them is that publisher's.
    origin_domains: frozenset[str] = frozenset()
    # The name of the publisher the page names: when the publisher table does not know it
    # ("Continue reading at Anadolu Ajansı »", no domain), a story whose origin has that name
    # knows its domain.
    origin_name: str | None = None
    title: str | None = None  # the page's headline
    site: str | None = None  # the page's site, as its template's blocks are counted under

    @property
    def publishers(self) -> frozenset[str]:
        """Every domain of the publisher the page names (none if it names none)."""
        named = frozenset({self.origin_domain}) if self.origin_domain else frozenset()
        return named | self.origin_domains


@dataclass(frozen=True)
class Candidate:
    story: StoredStory
    decision: Decision
    found: Found
    # The page names the story's URL as its original, or the story is at the page's URL (its
    # copies name the page), or one names the publisher of the page the other is read from: an
    # excerpt of the one inside the other joins it (see ``decide``).
    named: bool = False
    titled: bool = False  # the page and the story have one headline


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    reason: str
    story: StoredStory | None = None
    decision: Decision | None = None
    merge: tuple[StoredStory, ...] = ()  # other stories the page matches too
    # Stories at this page's URL (their copies name it as their original) whose text is another:
    # their copies go to a story of their own, as with ORIGINAL_ELSEWHERE.
    displaced: tuple[StoredStory, ...] = ()
    # Those of them whose copies name this page, or that the page names: an excerpt in them is
    # weighed as one of the page it names when they are merged (see ``mergeable``).
    named: frozenset[str] = frozenset()
    # ... and those under the page's headline: an excerpt in them is counted in the page's text.
    titled: frozenset[str] = frozenset()


# In a story's record: {site's registrable domain: the origin that site's copy names}, to follow
# chains of copies and to tell which copies name which page or publisher.
NAMED = "_named"


def namer(record: dict[str, Any], url: str) -> dict[str, Any] | None:
    """The origin one of the story's copies names when it names the page at ``url``."""
    for origin in (record.get(NAMED) or {}).values():
        if isinstance(origin, dict) and same_page(url, origin.get("url")):
            return origin
    return None


def domains_named(record: dict[str, Any], name: str | None) -> set[str]:
    """The domains that the story's origin or its copies' credits give the publisher's ``name``
    (one a copy linked: "The post … appeared first on <a href=…>Anadolu Ajansı</a>")."""
    if not name:
        return set()
    wanted = name.casefold()
    credits = [record.get("origin"), *(record.get(NAMED) or {}).values()]
    return {
        str(c["domain"])
        for c in credits
        if isinstance(c, dict) and c.get("domain") and str(c.get("name") or "").casefold() == wanted
    }


def _publisher_named(
    record: dict[str, Any], url: str, publishers: frozenset[str], name: str | None
) -> str:
    """How the page at ``url`` (naming the publisher at ``publishers``, or called ``name``) and
    the story ``record`` name one publisher's article, for the reason; "" when they do not."""
    origin = record.get("origin") or {}
    known_as = domains_named(record, name)
    publishers = publishers or frozenset(known_as)
    read_at = registrable_domain(record["canonical_url"])
    if read_at in publishers:
        if record.get("text_source") == "original":
            # The story is read from the page of the publisher the page names ("Continue reading
            # at CNN »", "Source: Business Insider"): the page names it by its publisher.
            return f"the page of the publisher it names ({read_at})"
        # ... or from a copy on the site the page names ("Quelle: worldwirehub.net"): a copy of
        # that copy, a link in the chain.
        return f"a page of the site it names ({read_at})"
    here = registrable_domain(url)
    if not publishers and not name and origin.get("domain") == here:
        # ... and the other way round: the page, naming no one, is on the publisher the story's
        # copies name.
        return f"the page of the publisher its copies name ({here})"
    same_name = bool(name) and str(origin.get("name") or "").casefold() == str(name).casefold()
    if known_as or same_name or (origin.get("domain") and origin["domain"] in publishers):
        # Both credit one publisher (by its domain, or by a name the table does not know): an
        # excerpt of the other's text, word for word, is a copy of the same article.
        return f"a copy crediting the same publisher ({origin.get('domain') or name})"
    return ""


def candidate(
    story: StoredStory,
    page: Fingerprint,
    found: Found,
    url: str,
    text: str | None = None,
    named_page: Callable[[], Fingerprint | None] | None = None,
    publishers: frozenset[str] = frozenset(),
    publisher_name: str | None = None,
    copies: Callable[[], list[tuple[str, Fingerprint]]] | None = None,
    title: str | None = None,
    written: Callable[[], tuple[str, Fingerprint] | None] | None = None,
    recurring: Callable[[list[str]], bool] | None = None,
) -> Candidate:
    """The story found for the page at ``url``, compared with the page's text (``text``, when
    given, for an excerpt's exact containment), or, when that fails, with the page it names as
    that page was placed (``named_page`` looks it up: the story may read as another page since).
    ``publishers``: the domains of the publisher the page names (or ``publisher_name``, its name
    alone, which the story's origin may give with its domain); an excerpt of a story read from one
    of them joins it as one of a page it names. An excerpt that matches neither is compared with
    each of the story's copies (``copies`` looks up their prints): the page the story reads as may
    lack what the excerpt and a full copy carry (a lead that extraction of the article's page left
    out), which is what the page matches when that copy came first; an excerpt with no paragraph
    of the story's text in common is not. ``title``: the page's headline; under the story's, the
    page's words are counted inside the story's text, as an excerpt's (see ``decide``).
    ``written``: the story's text and print as they are written, less its site's template as
    learned since the story was placed (``None`` if that takes nothing out): a story read from
    one of its site's first pages is compared as it is written too, when its text as placed does
    not match. ``recurring``: whether paragraphs of the page are on other pages of its site too
    (the site's lines, before its template is learned): an excerpt is judged without them."""
    named = found is Found.NAMED_ORIGINAL or (
        found is Found.CANONICAL and same_page(story.record.get("canonical_url"), url)
    )
    # A copy in the story names the page's URL (the story, found by its text, is not at it yet).
    names_page = not named and namer(story.record, url) is not None
    if named or names_page:
        excerpt_of = "the page it names" if named else "the page its copies name"
    else:
        excerpt_of = _publisher_named(story.record, url, publishers, publisher_name)
    excerpt = bool(excerpt_of)
    key = title_key(title)
    titled = key is not None and key == title_key(story.record.get("title"))
    story_text = str(story.record.get("text") or "")
    texts = (text, story_text) if (excerpt or titled) and text is not None else None
    # A page it names, by its URL: a paragraph of it in common is enough; a publisher: not.
    by_page = named or names_page
    decision = decide(
        page, story.fingerprint, excerpt, texts, excerpt_of, by_paragraphs=by_page, titled=titled
    )

    def as_placed() -> Iterator[tuple[str, Fingerprint]]:
        """The prints to compare the page with when the story's text does not match: the page
        it names, then (an excerpt with a whole paragraph of the story's text, or opening as it
        does — a lead key in common —, only: the copies are looked up for a few pages, not for
        every story of the publisher it credits) each of the story's copies — one copy's own text
        at a time, never the copies' union."""
        placed = named_page() if named_page is not None else None
        if placed is not None:
            yield "as that page was placed", placed
        # A page named by its URL is compared with the copies however little it shares with
        # the text the story reads as: one that joined when the story read as it (the same
        # page at another address, an excerpt) is what it matches, in either order.
        shares = (
            named
            or not set(page.paragraphs).isdisjoint(story.fingerprint.paragraphs)
            or not set(page.leads).isdisjoint(story.fingerprint.leads)
        )
        if excerpt and shares and copies is not None:
            yield from ((f"in its copy {address}", fp) for address, fp in copies())

    # A story related to the page — the page it names, or one with a paragraph or the headline
    # in common — is looked at again (as it is written, without the page's site
    # lines); not every candidate: each is a look at the story's whole text.
    related = by_page or titled or not set(page.paragraphs).isdisjoint(story.fingerprint.paragraphs)
    if not decision.joined and related and written is not None:
        now = written()
        if now is not None:
            text_now, print_now = now
            texts = (text, text_now) if texts is not None and text is not None else None
            again = decide(
                page, print_now, excerpt, texts, excerpt_of, by_paragraphs=by_page, titled=titled
            )
            if again.joined:
                how = "as its text is written, less its site's template"
                decision = replace(again, reason=f"{again.reason}, {how}")
    if not decision.joined and excerpt and related and text is not None and recurring is not None:
        own = _overlapping(text, story_text, recurring)
        if own is not None:
            again = decide(
                Fingerprint.of(own),
                story.fingerprint,
                True,
                ("\n\n".join(own), story_text),
                excerpt_of,
                by_paragraphs=by_page,
                titled=titled,
            )
            if again.joined:
                decision = replace(again, reason=f"{again.reason}, the page's own lines left out")
    if not decision.joined:
        for how, fp in as_placed():
            matched = decide(page, fp, True, None, excerpt_of, by_paragraphs=by_page)
            if matched.joined:
                decision = replace(matched, reason=f"{matched.reason}, {how}")
                break
    return Candidate(story, decision, found, excerpt, titled)


# The paragraphs an excerpt shares words with the text it names make this share of it at least
# (its characters), when the rest is left out: the excerpt, not a sentence in a page of others.
OWN_LINES_SHARE = 0.5
# ...and each paragraph left out is a site's line: this many words at most, naming too little to
# be a story's paragraph (no paragraph key). A roundup's other items are left in, and it joins
# nothing.
SITE_LINE_WORDS = 20
# An excerpt is short: a longer text is judged by its fingerprint as it is.
MAX_EXCERPT_CHARS = 1500


def _word_run_in(paragraph: str, padded: str) -> bool:
    """Whether a run of ``SHINGLE_WORDS`` words of ``paragraph`` (all of it, if shorter) is in
    ``padded``, a normalised text with a space at each end (searched, not hashed: a long text's
    every shingle would be hashed for a line or two)."""
    words = normalize(paragraph).split()
    if not words:
        return False
    runs = range(max(1, len(words) - SHINGLE_WORDS + 1))
    return any(f" {' '.join(words[i : i + SHINGLE_WORDS])} " in padded for i in runs)


def _overlapping(
    text: str, story_text: str, recurring: Callable[[list[str]], bool]
) -> list[str] | None:
    """The paragraphs of ``text`` (an excerpt naming the story) that share a shingle with
    ``story_text``, when leaving the others out leaves ``OWN_LINES_SHARE`` of it: the excerpt
    without its site's own lines (an author box, a cookie banner) that a page from the site's
    first ones still holds, before its template is learned: short lines, on other pages of the
    site too (``recurring``). ``None`` when nothing or too much would go, or when what would go
    is more than a site's lines."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    if len(paragraphs) < 2 or sum(map(len, paragraphs)) > MAX_EXCERPT_CHARS:
        return None
    # What could go, looked at before the story's text is (most pages have none of it).
    lines = [p for p in paragraphs if len(p.split()) <= SITE_LINE_WORDS]
    if not lines or sum(map(len, lines)) > (1 - OWN_LINES_SHARE) * sum(map(len, paragraphs)):
        return None
    lines = [p for p in lines if not paragraph_keys([p])]
    if not lines:
        return None
    theirs = f" {normalize(story_text)} "
    left = [p for p in lines if not _word_run_in(p, theirs)]
    if not left:
        return None
    own = [p for p in paragraphs if p not in left]
    if any(p in lines for p in own) and not any(p not in lines for p in own):
        return None  # only short lines in common: no excerpt of the story
    if not recurring(left):
        return None  # the page's own words (a briefing's greeting), not its site's lines
    return own


def _contradicts(page: Evidence, story: StoredStory) -> bool:
    """Both name their origins, and not the same one — nor is one a link in the other's chain:
    the story read from the page's named publisher, a copy of the story on the site the page
    names (an intermediary), or the page on the site the story names."""
    story_origin = (story.record.get("origin") or {}).get("domain")
    if not (page.origin_domain and story_origin) or story_origin in (
        page.origin_domain,
        *page.origin_domains,
    ):
        return False
    chain = story.record.get(NAMED) or {}
    return not (
        registrable_domain(story.record["canonical_url"]) == page.origin_domain
        or page.origin_domain in chain
        or registrable_domain(page.url) in (story_origin, *chain)
    )


def judge(page: Evidence, candidates: list[Candidate]) -> Verdict:
    """Where ``page`` goes, given the stories found for it (each compared with its text)."""
    for c in candidates:
        if c.found is Found.SAME_PAGE:
            return Verdict(Outcome.JOIN, f"same page ({page.url})", c.story, c.decision)
    # The story holding the very page this one names is no contradiction: a chain of copies.
    usable = [
        c for c in candidates if c.found is Found.NAMED_ORIGINAL or not _contradicts(page, c.story)
    ]
    matching = [c for c in usable if c.decision.joined]
    # The stories whose copies name this page as their original (the page may name one of its
    # own: a chain of copies).
    at_url = [c for c in usable if c.named and c.found is Found.CANONICAL]
    # The story at the URL the page names comes first when its text matches; else the closest.
    matching.sort(
        key=lambda c: (c.found is not Found.NAMED_ORIGINAL, -c.decision.similarity, c.story.id)
    )
    if matching:
        best = matching[0]
        # Merged only if their texts match the story's once the page joined it: see mergeable.
        merge = tuple(c.story for c in matching[1:] if c.story.id != best.story.id)
        named_ids = frozenset(c.story.id for c in matching[1:] if c.named)
        titled_ids = frozenset(c.story.id for c in matching[1:] if c.titled)
        why = best.decision.reason
        if best.found is not Found.CONTENT:
            why = f"{best.found.value}; {why}"
        displaced = tuple(c.story for c in at_url if not c.decision.joined)
        if displaced:
            why += "; the copies naming this page read otherwise: a story of their own"
        return Verdict(
            Outcome.JOIN, why, best.story, best.decision, merge, displaced, named_ids, titled_ids
        )
    named = next((c for c in usable if c.found is Found.NAMED_ORIGINAL), None)
    if named is not None:
        # A story of its own at its own URL: the copies naming that URL, which read otherwise,
        # leave it too.
        return Verdict(
            Outcome.UNVERIFIED,
            f"the original it names ({page.origin_url}) does not match: {named.decision.reason}",
            named.story,
            named.decision,
            displaced=tuple(c.story for c in at_url if c.story.id != named.story.id),
        )
    if at_url:
        # The page its copies name as their original is another text (a paywall stub, another
        # story): the page is a story of its own, and so are the copies, unverified.
        first = at_url[0]
        return Verdict(
            Outcome.ORIGINAL_ELSEWHERE,
            f"original does not match: {first.decision.reason}",
            first.story,
            first.decision,
            displaced=tuple(c.story for c in at_url[1:]),
        )
    return Verdict(Outcome.NEW, "new story")


def mergeable(
    canonical: Fingerprint,
    others: list[StoredStory],
    named: frozenset[str] = frozenset(),
    page: Fingerprint | None = None,
    page_text: str | None = None,
    titled: frozenset[str] = frozenset(),
    written: Callable[[StoredStory], tuple[str, Fingerprint] | None] | None = None,
) -> list[StoredStory]:
    """The stories that are one with the story whose canonical text is ``canonical``: those whose
    own canonical text matches it (a page matching two stories is not enough by itself); for the
    ``named`` ones (an excerpt naming the page that joined, whose text is ``page``: ``page_text``
    counts a short excerpt's containment), as an excerpt of that page, whatever page the story
    reads as; for the ``titled`` ones (under the page's headline), as an excerpt counted in the
    page's text. ``written`` gives a story's text and print as written (see ``candidate``), which
    are weighed when those it was placed with do not match."""

    def one(story: StoredStory, fp: Fingerprint, text: str) -> bool:
        texts = (page_text, text) if page_text else None
        by_name, by_title = story.id in named, story.id in titled
        return decide(canonical, fp, by_name).joined or (
            (by_name or by_title)
            and page is not None
            and decide(page, fp, by_name, texts, titled=by_title).joined
        )

    def matches(story: StoredStory) -> bool:
        if one(story, story.fingerprint, str(story.record.get("text") or "")):
            return True
        now = written(story) if written is not None else None
        return now is not None and one(story, now[1], now[0])

    return [s for s in others if matches(s)]
