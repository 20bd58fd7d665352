"""Does a copy belong to a known story? Resemblance, containment and shared paragraphs decide."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newsmirror.dedup.fingerprint import (
    Fingerprint,
    containment,
    entity_containment,
    jaccard,
    normalize,
    shingle_hashes,
)

# Thresholds, chosen on the labelled dedup corpus; see docs/dedup.md.
RESEMBLANCE = 0.6  # whole texts mostly the same
CONTAINMENT = 0.8  # the smaller text is mostly inside the larger (truncated, trimmed copies)
MIN_CONTAINED_SHINGLES = 40  # ...but a few sentences of template are not a story
MIN_NAMED_SHINGLES = 12  # ...unless the copy names the page it is inside: an excerpt of it
UNRELIABLE_RATIO = 4  # a text this many times smaller than another: its containment is counted
SHARED_PARAGRAPHS = 2  # whole substantial paragraphs in common
SHARED_SHARE = 0.5  # ...making up this share of the smaller text's paragraphs
ENTITIES = 0.7  # and always: most of the smaller text's names and numbers are in the other


@dataclass(frozen=True)
class Decision:
    joined: bool
    similarity: float  # estimated resemblance
    containment: float  # estimated share of the smaller text inside the larger
    reason: str


def estimate_unreliable(small: Fingerprint, large: Fingerprint) -> bool:
    """Whether MinHash cannot tell how much of ``small`` lies in ``large``: a few sentences, or a
    text a fraction of the other's size (wholly inside a text ``UNRELIABLE_RATIO`` times its size,
    it shows in 128 / ``UNRELIABLE_RATIO`` of the 128 values on average, give or take a quarter;
    fifty words opening a ten-thousand-word feature show in none)."""
    return small.size < MIN_CONTAINED_SHINGLES or large.size >= UNRELIABLE_RATIO * small.size


def exact_containment(a: str, b: str) -> float:
    """The share of the smaller text's shingles found in the larger's, counted, not estimated:
    a MinHash estimate of how much of a two-sentence excerpt lies inside a long article is noise
    (a few of its 128 values are the excerpt's), which decided by crawl order whether a feed's
    excerpt joined the page it names."""
    small, large = sorted((shingle_hashes(normalize(a)), shingle_hashes(normalize(b))), key=len)
    if small.size == 0:
        return 0.0
    return float(np.isin(small, large).mean())


def same_text(a: str, b: str) -> bool:
    """Whether two texts are the same words (case, quotes, punctuation and spacing aside)."""
    return bool(a.strip()) and normalize(a) == normalize(b)


def decide(
    copy: Fingerprint,
    story: Fingerprint,
    named: bool = False,
    texts: tuple[str, str] | None = None,
    excerpt_of: str = "the page it names",
    by_paragraphs: bool = True,
    titled: bool = False,
) -> Decision:
    """Whether ``copy`` is the same story as ``story``, and why.

    ``named``: one of the two texts is the page the other names as its original. An excerpt
    (a feed's first paragraphs, "continue reading at ...") that lies wholly inside the page it
    names, or half of whose paragraphs are the page's word for word (the rest the site's own
    lines), is a copy of it, however short; without the name, a sentence or a paragraph in
    common is not enough (a template line, a quote two stories share). ``texts``, the two texts,
    give a short excerpt's containment exactly; ``excerpt_of`` says what was named, for the
    reason; the same words as the page it names, however few, are that page. ``by_paragraphs=
    False``: what was named is a publisher, not a page — one of its
    paragraphs in common is not enough (a wire's copy may carry another of its stories' leads in a
    box) unless most names and figures of the smaller text are in the other too. ``titled``: the
    two pages have one headline (``fingerprint.title_key``); the shorter text, counted in the
    other's word for word (``texts``), is an excerpt of it when most of it is there — a headline
    and a few sentences of one article, names and figures included, as an excerpt naming the page
    would be; neither alone is enough.
    """
    j = jaccard(copy, story)
    small, large = (copy, story) if copy.size <= story.size else (story, copy)
    c = containment(small, large)
    shared = len(set(copy.paragraphs) & set(story.paragraphs))
    fewest = min(len(copy.paragraphs), len(story.paragraphs)) or 1
    if shared >= SHARED_PARAGRAPHS and shared / fewest >= SHARED_SHARE:
        # Whole substantial paragraphs, names and figures included, word for word.
        return Decision(True, j, c, f"{shared} shared paragraphs")
    e = entity_containment(small, large)
    if named and shared and shared / fewest >= SHARED_SHARE and (by_paragraphs or e >= ENTITIES):
        # A few paragraphs of the page it names, word for word, and little else (a feed's
        # excerpt with the site's own lines around it); named by its publisher only, the names
        # and figures too.
        return Decision(True, j, c, f"an excerpt of {excerpt_of}: {shared} shared paragraphs")
    if e < ENTITIES:
        # Same template, other names and figures: a different story (market reports, recaps).
        return Decision(False, j, c, f"only {e:.0%} of names and numbers shared")
    if j >= RESEMBLANCE and small.size >= MIN_NAMED_SHINGLES:
        # (A sentence or two alike is no story: the one line a site's feed excerpts of
        # templated reports all begin with.)
        return Decision(True, j, c, f"resemblance {j:.2f}")
    if c >= CONTAINMENT and small.size >= MIN_CONTAINED_SHINGLES:
        return Decision(True, j, c, f"containment {c:.2f}")
    if named and by_paragraphs and texts is not None and j == 1.0 and same_text(*texts):
        # The very words of the page it names, however few: one page at two addresses (a
        # blog's mobile "?m=1" and its canonical), whose text is one credit line. (The same
        # words have the same signature: other texts are not normalised to be compared.)
        return Decision(True, j, 1.0, f"the same text as {excerpt_of}")
    if named and small.size >= MIN_NAMED_SHINGLES:
        if texts is not None and c < CONTAINMENT and estimate_unreliable(small, large):
            c = exact_containment(*texts)
        if c >= CONTAINMENT:
            return Decision(True, j, c, f"an excerpt of {excerpt_of}: containment {c:.2f}")
    if titled and texts is not None and small.size >= MIN_NAMED_SHINGLES:
        counted = exact_containment(*texts)
        if counted >= CONTAINMENT:
            return Decision(
                True, j, counted, f"an excerpt under the same headline: containment {counted:.2f}"
            )
    return Decision(
        False, j, c, f"resemblance {j:.2f}, containment {c:.2f}, {shared} shared paragraphs"
    )
