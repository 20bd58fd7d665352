"""Whether a story's copies resemble its canonical text: how a wrong join shows in production.

Each copy's fingerprint is kept as it was placed; a story is coherent when every copy whose
fingerprint is kept still matches the story's canonical text (:func:`newsmirror.dedup.match.decide`,
the rule that joined it), whatever text the story came to read as since. Pure code.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsmirror.dedup.fingerprint import Fingerprint
from newsmirror.dedup.match import decide


@dataclass(frozen=True)
class Coherence:
    similarity: dict[str, float]  # each copy's resemblance to the canonical text, by URL
    strays: list[str]  # copies that do not match the canonical text

    @property
    def coherent(self) -> bool:
        return not self.strays


def coherence(
    story: Fingerprint, copies: dict[str, Fingerprint], naming: frozenset[str] = frozenset()
) -> Coherence:
    """Each copy against the story's canonical text; ``naming``: the copies that name a page of
    the story as their original (an excerpt of it is one of its copies, as when it joined)."""
    similarity: dict[str, float] = {}
    strays: list[str] = []
    for url, fingerprint in sorted(copies.items()):
        decision = decide(fingerprint, story, url in naming)
        similarity[url] = round(decision.similarity, 3)
        if not decision.joined:
            strays.append(url)
    return Coherence(similarity, strays)
