"""Whether a story's copies resemble its canonical text: how a wrong join shows in production.

Each copy's fingerprint is kept as it was placed; a story is coherent when every copy whose
fingerprint is kept still matches the story's canonical text (:func:`newsmirror.dedup.match.decide`,
the rule that joined it), whatever text the story came to read as since. Pure code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from newsmirror.dedup.fingerprint import Fingerprint, jaccard, title_key
from newsmirror.dedup.match import MIN_NAMED_SHINGLES, decide, estimate_unreliable
from newsmirror.dedup.verdict import NAMED, domains_named
from newsmirror.store.base import CopyRecord
from newsmirror.urls import registrable_domain, same_page


@dataclass(frozen=True)
class Coherence:
    similarity: dict[str, float]  # each copy's resemblance to the canonical text, by URL
    strays: list[str]  # copies that do not match the canonical text

    @property
    def coherent(self) -> bool:
        return not self.strays


def _short_excerpt(copy: Fingerprint, story: Fingerprint) -> bool:
    """A copy naming the story, too short (or too small beside the story's text) for fingerprints
    to tell how much of it lies in that text (it joined on its shingles counted against the text,
    ``match.decide``): not judged here."""
    small, large = (copy, story) if copy.size <= story.size else (story, copy)
    return small.size >= MIN_NAMED_SHINGLES and estimate_unreliable(small, large)


def coherence(
    story: Fingerprint,
    copies: dict[str, Fingerprint],
    naming: Mapping[str, str | None] | None = None,
    title: str | None = None,
) -> Coherence:
    """Each copy against the story's canonical text. ``naming``: the copies that name the story
    as their origin, each with the copy of it they name (None: its own page or publisher). Such
    a copy may be an excerpt of the story's text, or of the page it names, as when it joined; so
    may a copy under the story's headline, ``title`` (its words were counted in the text)."""
    naming = naming or {}
    headline = title_key(title)
    similarity: dict[str, float] = {}
    strays: list[str] = []
    for url, fingerprint in sorted(copies.items()):
        if fingerprint.size == story.size and jaccard(fingerprint, story) == 1.0:
            # The page the story reads as, however short its text (``decide`` joins no two
            # pages on a sentence alike).
            similarity[url] = 1.0
            continue
        decision = decide(fingerprint, story, url in naming)
        headlined = headline is not None and headline in fingerprint.leads
        similarity[url] = round(decision.similarity, 3)
        named = copies.get(naming.get(url) or "")
        if (
            decision.joined
            or (
                named is not None
                and named is not fingerprint
                and decide(fingerprint, named, True).joined
            )
            or ((url in naming or headlined) and _short_excerpt(fingerprint, story))
        ):
            continue
        strays.append(url)
    return Coherence(similarity, strays)


def naming(record: dict[str, Any], copies: list[CopyRecord]) -> dict[str, str | None]:
    """The copies whose site names this story as their origin (the chain record the story keeps
    per site, ``verdict.NAMED``), each with the URL of the copy of the story it names, or None when
    it names the story's own page or its publisher."""
    named = record.get(NAMED) or {}
    publishers = {
        (record.get("origin") or {}).get("domain"),
        registrable_domain(record["canonical_url"]),
    } - {None}

    out: dict[str, str | None] = {}
    for c in copies:
        origin = named.get(registrable_domain(c.url)) or {}
        url = origin.get("url")
        if url and same_page(url, record["canonical_url"]):
            out[c.url] = None
        elif url and (page := next((o.url for o in copies if same_page(url, o.url)), None)):
            out[c.url] = page
        elif origin.get("domain") in publishers or (
            # A name the table does not know, which the story's origin or copies give the domain.
            not origin.get("domain") and domains_named(record, origin.get("name")) & publishers
        ):
            out[c.url] = None
    return out
