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


@dataclass(frozen=True)
class Placement:
    story_id: str
    new: bool  # a story this article started
    changed: bool  # the story's canonical record changed (new stories count as changed)
    similarity: float
    reason: str


def _is_original(record: dict[str, Any], url: str, origin_url: str | None) -> bool:
    """Whether the page at ``url`` is the story's original rather than one more copy."""
    return origin_url is None and url == record.get("canonical_url")


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
        original = _is_original(story.record, copy.url, origin_url)
        canonical = dict(story.record)
        if original and canonical.get("text_source") != "original":
            # The original itself: its text, title and dates become the story's.
            canonical.update(
                {
                    k: record[k]
                    for k in (
                        "title",
                        "text",
                        "authors",
                        "published",
                        "modified",
                        "language",
                        "image",
                    )
                }
            )
            canonical["text_source"] = "original"
            changed = True
        else:
            changed = False
        copy = CopyRecord(
            copy.url, copy.site, copy.published, copy.seen_at, round(decision.similarity, 3)
        )
        merged = StoredStory(story.id, story.version, canonical, merge(story.fingerprint, fp))
        self.store.join(merged, copy, changed=changed)
        return Placement(story.id, False, changed, decision.similarity, reason)
