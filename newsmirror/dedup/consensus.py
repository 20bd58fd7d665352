"""What a story's copies agree its text is: the paragraphs of the page a story reads as that no copy
on another site carries are that page's own chrome (related headlines, teasers, a box the
extractor kept), not the story.

A publisher's feed carries the article's body; the page the story is read from (the original, most
often) carries its template around it, and extraction keeps some of it. Copies on two or more
other sites, each carrying most of the story's substantial paragraphs, that all lack one of its
paragraphs, say that paragraph is the page's, not the story's. Each copy is judged by the
fingerprint kept for it when it was placed (``StoryStore.prints``): its MinHash signature tells,
one-sidedly, that a paragraph's shingles are not in it, and how many are missing — a paragraph
wholly inside a copy never shows a shingle hashed below the copy's minimum, one mostly outside it
does in a share of the permutations that grows with what is missing. A paragraph a copy carries
reworded (quotes, a corrected word) is still carried. A short one (a sub-heading, "Comments",
"Read more:") has too few shingles for that test: the copy carries it if one of its paragraphs is
that line, alone or run together with the lines next to it (a copy's importer may join two
paragraphs the page sets apart), case, quotes and punctuation aside (the print keeps every
paragraph's hash). Pure code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from newsmirror.dedup.fingerprint import (
    NUM_PERM,
    Fingerprint,
    containment,
    line_hash,
    minhash,
    normalize,
    paragraph_keys,
    shingle_hashes,
)
from newsmirror.urls import registrable_domain

# Other sites whose copies must agree: one site's importer may cut what the rest keep.
MIN_SITES = 2
# A copy judges the story's text only if it carries this share of its substantial paragraphs
# word for word (an excerpt of the first paragraphs says nothing of the rest).
COVER = 0.5
# ...or holds this share of its shingles (estimated): its paragraphs break elsewhere than the page's.
HELD = 0.8
# A paragraph is missing from a copy when at least this share of its shingles is estimated absent,
MISSING = 0.5
# ...shown by at least this many of the signature's permutations (one is chance: a word changed).
MIN_HITS = 2
# A paragraph of fewer shingles than this is judged by its line: its signature shows too few of
# the permutations to tell (12 missing shingles of a 600-shingle copy show in about 2.5 of 128).
SHORT = 20
# ...alone or run together with up to this many lines next to it in all.
JOINED = 3
# Never more than this share of the text goes: the copies would be another story's, or excerpts.
MAX_DROPPED = 0.5


def missing_share(paragraph: str, copy: Fingerprint) -> tuple[float, int]:
    """The estimated share of ``paragraph``'s shingles absent from the text ``copy`` was made of,
    and how many of the signature's permutations show one absent (0: every shingle may be in it).

    For a permutation, the paragraph's smallest hash is below the copy's only if a shingle of the
    paragraph is not in the copy; with ``m`` shingles missing out of a copy of ``n``, that happens
    in about ``m / (m + n)`` of the permutations, so ``m`` is estimated from that share.
    """
    return _missing(_Paragraph.all_of([paragraph])[0], copy)


@dataclass(frozen=True)
class _Paragraph:
    """A paragraph's shingle count and MinHash signature, worked out once for every copy, and the
    hashes of it as a line alone or run together with its neighbours."""

    size: int
    signature: npt.NDArray[np.uint64]
    lines: frozenset[int]

    @classmethod
    def all_of(cls, paragraphs: list[str]) -> list[_Paragraph]:
        """Each of ``paragraphs``, with the hashes of the runs of up to ``JOINED`` consecutive
        paragraphs that hold it (each paragraph normalised once)."""
        norms = [normalize(p) for p in paragraphs]
        return [cls._of(norms, i) for i in range(len(norms))]

    @classmethod
    def _of(cls, norms: list[str], i: int) -> _Paragraph:
        hashes = shingle_hashes(norms[i])
        runs = frozenset(
            line_hash(" ".join(n for n in norms[start:end] if n))
            for start in range(max(0, i - JOINED + 1), i + 1)
            for end in range(i + 1, min(len(norms), start + JOINED) + 1)
        )
        return cls(int(hashes.size), minhash(hashes), runs)


def _missing(paragraph: _Paragraph, copy: Fingerprint) -> tuple[float, int]:
    if paragraph.size == 0 or copy.size == 0:
        return 0.0, 0
    hits = int(np.count_nonzero(paragraph.signature < copy.signature))
    if hits == 0:
        return 0.0, 0
    if hits >= NUM_PERM:
        return 1.0, hits
    share = hits / NUM_PERM
    return min(1.0, copy.size * share / (1 - share) / paragraph.size), hits


def _covering(
    paragraphs: list[str],
    read_from: str,
    copies: Mapping[str, Fingerprint],
    text: Fingerprint | None = None,
) -> list[Fingerprint]:
    """The copies on other sites than ``read_from``'s that carry at least ``COVER`` of the
    text's substantial paragraphs word for word, or ``HELD`` of its shingles (a copy whose
    paragraphs break elsewhere; ``text``: the text's fingerprint, when the caller has it), when
    they are on at least ``MIN_SITES`` sites."""
    keys = set(paragraph_keys(paragraphs))
    if not keys:
        return []
    here = registrable_domain(read_from)
    others = {url: fp for url, fp in copies.items() if registrable_domain(url) != here}
    if len({registrable_domain(url) for url in others}) < MIN_SITES:
        return []
    covering = {
        url: fp for url, fp in others.items() if len(keys & set(fp.paragraphs)) >= COVER * len(keys)
    }
    if len(covering) < len(others):
        text = text or Fingerprint.of(paragraphs)
        covering.update((url, fp) for url, fp in others.items() if containment(text, fp) >= HELD)
    if len({registrable_domain(url) for url in covering}) < MIN_SITES:
        return []
    return [covering[url] for url in sorted(covering)]


def _lacks(copy: Fingerprint, paragraph: _Paragraph) -> bool:
    """The copy lacks the paragraph: most of it estimated missing, shown by enough permutations;
    a short one, no paragraph of the copy is that line (a print without lines cannot tell)."""
    if paragraph.size < SHORT and copy.lines:
        return paragraph.lines.isdisjoint(copy.lines)
    share, hits = _missing(paragraph, copy)
    return share >= MISSING and hits >= MIN_HITS


def _lacked(paragraph: _Paragraph, covering: list[Fingerprint]) -> bool:
    """Every covering copy lacks the paragraph."""
    return all(_lacks(fp, paragraph) for fp in covering)


def agreed(
    paragraphs: list[str],
    read_from: str,
    copies: Mapping[str, Fingerprint],
    text: Fingerprint | None = None,
) -> list[str]:
    """``paragraphs`` (the text the story reads as, from the page at ``read_from``) less those
    that every copy covering it, on at least two other sites, lacks; ``paragraphs`` itself when
    nothing goes, or when the copies would take more than ``MAX_DROPPED`` of it. ``text``: the
    text's fingerprint (the story's), else worked out when a copy needs it."""
    covering = _covering(paragraphs, read_from, copies, text)
    if not covering:
        return paragraphs
    kept = [
        p
        for p, judged in zip(paragraphs, _Paragraph.all_of(paragraphs), strict=True)
        if not _lacked(judged, covering)
    ]
    if len(kept) == len(paragraphs):
        return paragraphs
    if sum(map(len, kept)) < (1 - MAX_DROPPED) * sum(map(len, paragraphs)):
        return paragraphs
    return kept
