"""Place each article into a story of the store: by the original URL it names, else by content.

Written against the :class:`~newsmirror.store.StoryStore` interface only; the pipeline that will
drive it stays a thin adapter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsmirror.dedup.fingerprint import Fingerprint, merge
from newsmirror.dedup.match import Decision, decide
from newsmirror.store.base import CopyRecord, StoredStory, StoryStore
from newsmirror.urls import registrable_domain

_ORIGINAL_FIELDS = ("title", "text", "authors", "published", "modified", "language", "image")


@dataclass(frozen=True)
class Placement:
    story_id: str
    new: bool  # a story this article started
    changed: bool  # the story's canonical record changed (new stories count as changed)
    similarity: float
    reason: str
    verified: bool | None = None  # set when this page was the story's named original
    # A page already joined as a copy that the copies now name as the original: to be fetched
    # again, so that it becomes the story's canonical text whatever order pages came in.
    promote: str | None = None


def _is_original(
    story: dict[str, Any], page: dict[str, Any], url: str, origin_url: str | None
) -> bool:
    """Whether the page at ``url`` is the story's original rather than one more copy.

    A page that names no origin of its own is the original when the copies name its URL, or when
    it lives on the publisher the copies name.
    """
    if origin_url is not None or page.get("origin"):
        return False
    story_origin = (story.get("origin") or {}).get("domain")
    return url == story.get("canonical_url") or (
        story_origin is not None and registrable_domain(url) == story_origin
    )


def explain(
    store: StoryStore, paragraphs: list[str], urls: list[str]
) -> list[tuple[StoredStory, Decision, str]]:
    """What :meth:`Deduplicator.place` would weigh, without writing: (story, decision, how found)."""
    fp = Fingerprint.of(paragraphs)
    found: dict[str, tuple[StoredStory, Decision, str]] = {}
    for url in urls:
        story_id = store.story_for_url(url)
        story = store.get(story_id) if story_id else None
        if story is not None:
            found[story.id] = (story, decide(fp, story.fingerprint), f"same URL {url}")
    for story in store.candidates(fp.index_keys()):
        found.setdefault(story.id, (story, decide(fp, story.fingerprint), "shared index key"))
    return sorted(found.values(), key=lambda item: -item[1].similarity)


class Deduplicator:
    """Find or create the story of each incoming article and record the article as its copy."""

    def __init__(self, store: StoryStore) -> None:
        self.store = store

    def place(
        self,
        record: dict[str, Any],
        paragraphs: list[str],
        copy: CopyRecord,
        origin_url: str | None = None,
        origin_domain: str | None = None,
    ) -> Placement:
        fp = Fingerprint.of(paragraphs)
        # Lookup and write in one transaction: two crawls seeing copies of one story at the same
        # moment end with one story.
        with self.store.atomic():
            return self._place(record, fp, copy, origin_url, origin_domain)

    def _place(
        self,
        record: dict[str, Any],
        fp: Fingerprint,
        copy: CopyRecord,
        origin_url: str | None,
        origin_domain: str | None,
    ) -> Placement:
        # 1. A URL already known, or the exact original URL the copy names: the strongest keys.
        for url in (copy.url, origin_url, record.get("canonical_url")):
            story_id = self.store.story_for_url(url) if url else None
            if story_id is not None:
                story = self.store.get(story_id)
                if story is not None:
                    decision = decide(fp, story.fingerprint)
                    return self._join(
                        story,
                        record,
                        fp,
                        copy,
                        origin_url,
                        decision,
                        f"same URL ({url}); {decision.reason}",
                    )
        # 2. Content: stories sharing an LSH band or a whole paragraph, checked one by one.
        best: tuple[Decision, StoredStory] | None = None
        for story in self.store.candidates(fp.index_keys()):
            decision = decide(fp, story.fingerprint)
            if not decision.joined:
                continue
            story_origin = (story.record.get("origin") or {}).get("domain")
            if (
                origin_domain
                and story_origin
                and story_origin != origin_domain
                and registrable_domain(story.record["canonical_url"]) != origin_domain
            ):
                continue  # both name their origins, and not the same one
            if best is None or decision.similarity > best[0].similarity:
                best = (decision, story)
        if best is not None:
            return self._join(best[1], record, fp, copy, origin_url, best[0], best[0].reason)
        story = StoredStory(record["id"], 1, record, fp)
        self.store.add_story(story, copy)
        return Placement(story.id, True, True, 1.0, "new story")

    def _join(
        self,
        story: StoredStory,
        record: dict[str, Any],
        fp: Fingerprint,
        copy: CopyRecord,
        origin_url: str | None,
        decision: Decision,
        reason: str,
    ) -> Placement:
        original = _is_original(story.record, record, copy.url, origin_url)
        canonical = dict(story.record)
        changed = False
        confirmed = False
        promote: str | None = None
        if original and not decision.joined:
            # The page the copies name is another text (a paywall stub, a different story):
            # the story keeps its copy's text and says why the origin is unverified.
            origin = dict(canonical.get("origin") or {})
            origin.update(
                {"verified": False, "reason": f"original does not match: {decision.reason}"}
            )
            canonical["origin"] = origin
            mismatch = CopyRecord(
                copy.url, copy.site, copy.published, copy.seen_at, round(decision.similarity, 3)
            )
            self.store.join(
                StoredStory(story.id, story.version, canonical, story.fingerprint),
                mismatch,
                changed=True,
            )
            return Placement(story.id, False, True, decision.similarity, origin["reason"], False)
        if not canonical.get("origin") and record.get("origin"):
            # The first page seen was the original (or carried no attribution); a copy now names
            # where the story comes from.
            named = dict(record["origin"])
            canonical["origin"] = named
            if canonical.get("text_source") == "original" and decision.joined:
                here = canonical["canonical_url"]
                if here == named.get("url") or registrable_domain(here) == named.get("domain"):
                    named["verified"] = True
                    confirmed = True  # this copy confirms the original the story already has
                else:
                    # The page taken for the original lives elsewhere than the publisher the
                    # copies name: one more copy. The story waits for its real original, so the
                    # outcome does not depend on which page was crawled first.
                    canonical["text_source"] = "copy"
                    if named.get("url"):
                        canonical["canonical_url"] = named["url"]
            if canonical.get("text_source") != "original":
                promote = next(
                    (
                        c.url
                        for c in self.store.copies(story.id)
                        if c.url == named.get("url")
                        or registrable_domain(c.url) == named.get("domain")
                    ),
                    None,
                )
            changed = True
        if original and canonical.get("text_source") != "original":
            # The original itself: its text, title and dates become the story's.
            canonical.update({k: record[k] for k in _ORIGINAL_FIELDS})
            canonical["canonical_url"] = copy.url
            canonical["text_source"] = "original"
            if canonical.get("origin"):
                canonical["origin"] = {**canonical["origin"], "verified": True}
            changed = True
        copy = CopyRecord(
            copy.url, copy.site, copy.published, copy.seen_at, round(decision.similarity, 3)
        )
        merged = StoredStory(story.id, story.version, canonical, merge(story.fingerprint, fp))
        self.store.join(merged, copy, changed=changed)
        return Placement(
            story.id,
            False,
            changed,
            decision.similarity,
            reason,
            True if original or confirmed else None,
            promote,
        )
