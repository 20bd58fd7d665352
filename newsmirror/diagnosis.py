"""What newsmirror makes of one extracted article, in plain words: the attribution signals found, the
origin chosen, and the dedup decision against a story store, which is only read.

Shared by ``scrapy explain`` and ``scrapy parse``. The wording is pure formatting of the origin
detector's and the deduplicator's own results (``newsmirror.origin``, ``newsmirror.dedup``); the one
side effect is reading the store, opened read-only so a missing store is never created.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from newsmirror.dedup.index import explain
from newsmirror.dedup.reposts import written_origin
from newsmirror.dedup.verdict import Candidate, Outcome, Verdict
from newsmirror.discovery import LinkKind, html_links
from newsmirror.extract import ExtractedArticle, PageKind
from newsmirror.extract.classify import javascript_check, text_size
from newsmirror.extract.state import read_state
from newsmirror.origin import Origin, OriginResult, PublisherTable
from newsmirror.store import StoreError, StoreMissing, open_store

logger = logging.getLogger(__name__)


def signal_lines(result: OriginResult) -> list[str]:
    """One line per attribution signal (line or tag) the detector found, with its evidence, and
    one per line on the page that is not the page's own (another post's, in a widget)."""
    out = []
    for signal in result.signals:
        where = signal.domain or signal.name or "no publisher"
        out.append(
            f"Attribution ({signal.method}, {signal.family}): {signal.evidence!r} -> {where}"
            + (f", original URL {signal.url}" if signal.url else "")
        )
    for signal, why in result.ignored:
        out.append(
            f"Not this page's attribution ({why}): {signal.evidence!r} -> "
            f"{signal.domain or signal.name or 'no publisher'}"
        )
    if result.ambiguous:
        out.append(f"No origin from the page's lines: {result.ambiguous}")
    if not result.signals and not result.ambiguous:
        out.insert(0, "Attribution: none found — origin null (newsmirror never invents one)")
    return out


def origin_line(origin: Origin | None) -> str:
    """The origin chosen: domain, method, confidence and the original's URL."""
    if origin is None:
        return "Origin chosen: none"
    return (
        f"Origin chosen: {origin.domain or origin.name} by {origin.method}, confidence "
        f"{origin.confidence}" + (f", original {origin.url}" if origin.url else "")
    )


def text_line(extracted: list[str], result: OriginResult) -> str:
    """Whether the detector removed an attribution line from the extracted paragraphs."""
    removed = extracted != result.paragraphs
    return "Attribution line removed from the text." if removed else "Text left as extracted."


@dataclass(frozen=True)
class DedupView:
    """The dedup decision for one article against a store, as it stands (nothing written)."""

    store: str
    candidates: list[Candidate] = field(default_factory=list)
    verdict: Verdict | None = None
    problem: str | None = None  # the store could not be read: no decision
    missing: bool = False  # the store does not exist yet: every article starts a new story
    # Why the story joined is written without the origin its record holds (``dedup.reposts``).
    origin_note: str | None = None


def dedup_view(
    store_uri: str | None,
    paragraphs: list[str],
    url: str,
    origin: Origin | None,
    publishers: PublisherTable,
    title: str | None = None,
) -> DedupView:
    """Look the article up in the store read-only: the candidates a crawl would weigh
    (``publishers``: the table that tells a publisher's other domains; ``title``: the article's
    headline)."""
    if not store_uri:
        return DedupView(store="")
    try:
        store = open_store(store_uri, read_only=True)
    except StoreMissing:
        return DedupView(store=store_uri, missing=True)
    except StoreError as exc:
        logger.debug("Story store %s unreadable: %s", store_uri, exc)
        return DedupView(store=store_uri, problem=str(exc))
    try:
        found, verdict = explain(
            store,
            paragraphs,
            url,
            origin.url if origin is not None else None,
            origin.domain if origin is not None else None,
            publishers.domains_of(origin.domain if origin is not None else None),
            origin.name if origin is not None else None,
            title,
        )
        note = None
        if verdict.outcome is Outcome.JOIN and verdict.story is not None:
            record = verdict.story.record
            counts = store.block_counts(str(record.get("site") or ""))
            written = written_origin(record, counts)
            if written is not record.get("origin") and written is not None:
                note = str(written.get("reason"))
        return DedupView(store=store_uri, candidates=found, verdict=verdict, origin_note=note)
    finally:
        store.close()


def dedup_lines(view: DedupView, limit: int = 10) -> list[str]:
    """The candidates with their resemblance and containment, and the decision with its rule."""
    if not view.store:
        return ["Story store: none (NEWSMIRROR_STORE empty): one record per page."]
    if view.problem is not None:
        return [f"Story store: {view.problem}"]
    out = [f"Story store: {view.store}" + (" (does not exist yet)" if view.missing else "")]
    if not view.candidates:
        out.append("Candidates: no story in the store shares a key — it would start a new story.")
    for c in view.candidates[:limit]:
        match = "text matches" if c.decision.joined else "text differs"
        out.append(
            f"Candidate {c.story.id} (found by {c.found.value}): {c.story.record.get('title')!r}, "
            f"resemblance {c.decision.similarity:.2f}, containment {c.decision.containment:.2f}"
            f" -> {match} ({c.decision.reason})"
        )
    verdict = view.verdict
    if verdict is None or verdict.outcome is Outcome.NEW:
        out.append("Decision: a new story")
    elif verdict.outcome is Outcome.JOIN:
        assert verdict.story is not None
        merged = (
            f"; would merge {len(verdict.merge)} more if their texts match" if verdict.merge else ""
        )
        out.append(f"Decision: joins story {verdict.story.id} ({verdict.reason}){merged}")
        if view.origin_note:
            out.append(f"Story origin as written: unknown — {view.origin_note}")
    elif verdict.outcome is Outcome.UNVERIFIED:
        out.append(f"Decision: a story of its own, origin unverified: {verdict.reason}")
    else:
        out.append(
            f"Decision: a story of its own; the copies naming this page stay apart ({verdict.reason})"
        )
    return out


def javascript_lines(
    url: str, tree: HtmlElement, article: ExtractedArticle, min_text_chars: int = 250
) -> list[str]:
    """Whether a crawl would read the page's serialized state or render it in Chromium, and why.

    A crawl also knows whether a listing, feed or sitemap linked the page as an article, and the
    shapes of the site's other article URLs; a page fetched alone is judged as it stands and as
    it would be if it were linked as an article.
    """
    text_chars = text_size(article.paragraphs)
    links = html_links(tree)
    article_links = sum(1 for link in links if link.kind is LinkKind.ARTICLE)
    out = []
    for linked in (False, True):
        check = javascript_check(
            url,
            tree,
            article.metadata,
            article.kind,
            text_chars,
            min_text_chars=min_text_chars,
            linked_as_article=linked,
            listing_page=article.kind is PageKind.LISTING or urlsplit(url).path in ("", "/"),
            article_links=article_links,
        )
        label = "JavaScript (linked as an article)" if linked else "JavaScript"
        if not check.candidate:
            out.append(f"{label}: not rendered — {check.why}.")
            if check.reason in ("static_article", "not_article_path"):
                return out
            continue
        state = (
            None
            if check.reason == "listing_without_links"
            else read_state(tree, min_chars=min_text_chars)
        )
        if state is not None:
            out.append(
                f"{label}: {check.why} — its article is read from serialized state "
                f"({state.source} at {state.path}: {len(state.paragraphs)} paragraphs, "
                f"{len(state.text)} characters), no browser needed."
            )
        elif check.reason == "listing_without_links":
            out.append(
                f"{label}: {check.why} — rendered in Chromium and scrolled for its links "
                f"(newsmirror/browser/rendered/{check.reason})."
            )
        else:
            out.append(
                f"{label}: {check.why} — no article in serialized state: rendered in Chromium "
                f"(newsmirror/browser/rendered/{check.reason})."
            )
        return out
    return out
