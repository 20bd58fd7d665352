"""Whether a story's copies resemble its canonical text: how a wrong join shows in production.

Each copy's fingerprint is kept as it was placed; a story is coherent when every copy whose
fingerprint is kept still matches the story's canonical text (:func:`newsmirror.dedup.match.decide`,
the rule that joined it), whatever text the story came to read as since. Pure code.
"""

from __future__ import annotations

from collections.abc import Mapping
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
    story: Fingerprint,
    copies: dict[str, Fingerprint],
    naming: Mapping[str, str | None] | None = None,
) -> Coherence:
    """Each copy against the story's canonical text. ``naming``: the copies that name the story
    as their origin, each with the copy of it they name (None: its own page or publisher). Such
    a copy may be an excerpt of the story's text, or of the page it names, as when it joined."""
    naming = naming or {}
    similarity: dict[str, float] = {}
    strays: list[str] = []
    for url, fingerprint in sorted(copies.items()):
        decision = decide(fingerprint, story, url in naming)
        similarity[url] = round(decision.similarity, 3)
        named = copies.get(naming.get(url) or "")
        if decision.joined or (
            named is not None
            and named is not fingerprint
            and decide(fingerprint, named, True).joined
        ):
            continue
        strays.append(url)
    return Coherence(similarity, strays)
