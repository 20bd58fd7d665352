"""Combine a page's attribution signals into one origin, and strip the attribution line from text."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from lxml.html import HtmlElement

from newsmirror.extract.language import guess_language
from newsmirror.extract.metadata import Metadata, clean, extract_metadata
from newsmirror.origin.ownership import outside, own_lines
from newsmirror.origin.publishers import PublisherTable
from newsmirror.origin.signals import Signal, line_signal_blocks, markup_signals

_LEFTOVER_LABEL = re.compile(r"[^.!?:]{1,30}:")
# A visible line outranks markup: it is what the copy says about itself.
_METHOD_RANK = {
    "line": 0,
    "meta_source": 1,
    "source_line": 2,
    "canonical": 3,
    "json_ld": 4,
    "og_url": 5,
}


@dataclass
class Origin:
    """Where a story came from, how we know and how sure we are."""

    domain: str | None
    name: str | None
    url: str | None
    method: str
    confidence: float
    evidence: list[dict[str, Any]] = field(default_factory=list)
    verified: bool | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "domain": self.domain,
            "name": self.name,
            "url": self.url,
            "method": self.method,
            "confidence": self.confidence,
            "evidence": self.evidence,
            "verified": self.verified,
        }


@dataclass
class OriginResult:
    origin: Origin | None
    paragraphs: list[str]
    signals: list[Signal]
    copy_hint: bool = False  # e.g. Googlebot-News noindex: "I am a copy", origin unnamed
    # Lines on the page that are not its own attribution (other posts' in a widget), with why.
    ignored: list[tuple[Signal, str]] = field(default_factory=list)
    # Why the page's lines gave no origin although it has some (they name different origins).
    ambiguous: str | None = None


# Confidences come from a few weights and their combinations. ``round(x, 3)`` goes through
# correctly rounded decimal conversion, code nothing else on a page's way touches: the first call
# after extraction cost more than the rest of ``combine``.
@lru_cache(maxsize=4096)
def _round3(x: float) -> float:
    return round(x, 3)


def _noisy_or(weights: list[float]) -> float:
    miss = 1.0
    for w in weights:
        miss *= 1.0 - w
    return 1.0 - miss


def _signal_rank(s: Signal) -> tuple[int, float]:
    return (_METHOD_RANK.get(s.method, 9), -s.weight)


def _group_rank(item: tuple[str, list[Signal]]) -> tuple[int, float]:
    best_rank = min(_METHOD_RANK.get(s.method, 9) for s in item[1])
    return (-best_rank, _noisy_or([s.weight for s in item[1]]))


def combine(signals: list[Signal]) -> Origin | None:
    """One origin from all signals; disagreeing signals lower the confidence and stay recorded."""
    named = [s for s in signals if s.method != "hint" and (s.domain or s.name)]
    if not named:
        return None
    if len(named) == len(signals) == 1:
        # The usual copy: one line or one tag, nothing to weigh it against.
        lead = named[0]
        return Origin(
            domain=lead.domain,
            name=lead.name,
            url=lead.url,
            method=lead.method,
            confidence=_round3(lead.weight),
            evidence=[lead.as_dict()],
        )
    groups: dict[str, list[Signal]] = {}
    for s in named:
        groups.setdefault(s.domain or f"name:{(s.name or '').casefold()}", []).append(s)
    # Usually every signal names the same origin: no groups to weigh.
    if len(groups) == 1:
        chosen_key, chosen = next(iter(groups.items()))
    else:
        chosen_key, chosen = max(groups.items(), key=_group_rank)
    chosen.sort(key=_signal_rank)
    lead = chosen[0]
    support = _noisy_or([s.weight for s in chosen])
    against = _noisy_or([s.weight for k, g in groups.items() if k != chosen_key for s in g])
    confidence = support * (1.0 - 0.5 * against)
    if any(s.method == "hint" for s in signals):
        confidence = _noisy_or([confidence, 0.1])
    domain = lead.domain or next((s.domain for s in chosen if s.domain), None)
    url = next((s.url for s in chosen if s.url), None)
    name = next((s.name for s in chosen if s.name), None)
    return Origin(
        domain=domain,
        name=name,
        url=url,
        method=lead.method,
        confidence=_round3(confidence),
        evidence=[s.as_dict() for s in signals],
    )


def strip_lines(paragraphs: list[str], lines: list[str]) -> list[str]:
    """Remove each attribution line — and only it — from the paragraphs that hold it."""
    out = []
    targets = [target for target in map(clean, lines) if target]
    for paragraph in paragraphs:
        text = paragraph
        for line in targets:
            if line in text:
                text = text.replace(line, " ")
            elif text in line and len(text) >= 0.5 * len(line):
                text = ""  # the extractor kept only part of the line (e.g. lost the link text)
        if text is paragraph:
            out.append(paragraph)  # no line in it: kept as extraction gave it
            continue
        text = clean(text)
        if _LEFTOVER_LABEL.fullmatch(text):
            text = ""  # "Editor's note:" with its line gone
        if text.strip(" .,;:!-–—|()[]\"'“”"):
            out.append(text)
    return out


def _language_of(paragraphs: list[str]) -> Callable[[], str | None]:
    """The language of the text, guessed on first use (the page's declared language is its
    template's, not the reposted story's)."""
    return cache(lambda: guess_language(" ".join(paragraphs[:5])))


def detect_origin(
    url: str,
    tree: HtmlElement,
    paragraphs: list[str],
    publishers: PublisherTable,
    metadata: Metadata | None = None,
) -> OriginResult:
    """Find the origin of the article at ``url`` and return its text without attribution lines.

    ``metadata`` (from extraction) saves reading the page's meta tags and JSON-LD a second time.
    """
    if metadata is None:
        metadata = extract_metadata(tree)
    markup = markup_signals(url, publishers, metadata.meta, metadata.json_ld, metadata.canonical)
    # Every language's wordings: an aggregator's template declares its own language, not that of
    # the story it reposts ("Der Beitrag … erschien zuerst auf …" on an English-language site).
    blocks = line_signal_blocks(tree, url, publishers, edition=_language_of(paragraphs))
    own = own_lines(blocks, metadata.title, paragraphs)
    signals = own.own + markup
    origin = combine(signals)
    # Every line goes from the text, another post's too: neither is this story's text; and so
    # does a list of other posts (their titles and excerpts) where extraction kept it.
    lines = list(dict.fromkeys(s.line for s, _ in blocks if s.line))
    kept = outside(paragraphs, own.items) if own.items else paragraphs
    return OriginResult(
        origin=origin,
        paragraphs=strip_lines(kept, lines) if lines else list(kept),
        signals=signals,
        copy_hint=any(s.method == "hint" for s in signals),
        ignored=own.ignored,
        ambiguous=own.ambiguous,
    )
