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
from newsmirror.urls import registrable_domain, story_id

_ORIGINAL_FIELDS = (
    "title",
    "text",
    "authors",
    "published",
    "modified",
    "language",
    "image",
    "text_from",
)
# Internal to the stored record: [text length, URL] of the page whose text the story carries.
_REPRESENTATIVE = "_representative"


def _confirmed(record: dict[str, Any]) -> bool:
    """The story's text is its original's, verified against the copies that name it."""
    origin = record.get("origin") or {}
    return record.get("text_source") == "original" and origin.get("verified") is True


def _rank(record: dict[str, Any]) -> tuple[int, str]:
    """Lower is better: the most complete text, then the smallest URL (a total order, so the
    page a story reads as does not depend on the order pages came in)."""
    length, url = record.get(_REPRESENTATIVE) or (
        len(record.get("text") or ""),
        record["canonical_url"],
    )
    return -int(length), str(url)


def _read_from(canonical: dict[str, Any], record: dict[str, Any], url: str, source: str) -> None:
    """Make the story read as the page ``record`` at ``url``: its text, title, dates, site."""
    canonical.update({k: record[k] for k in _ORIGINAL_FIELDS if k in record})
    canonical[_REPRESENTATIVE] = [len(record["text"]), url]
    canonical["site"] = record.get("site", canonical.get("site"))
    canonical["text_source"] = source


def _is_named_original(record: dict[str, Any], origin: dict[str, Any]) -> bool:
    """A story read from a page with no attribution, at the URL or on the publisher ``origin``
    names: its text is the original's."""
    if record.get("text_source") != "original":
        return False
    here = record["canonical_url"]
    return here == origin.get("url") or registrable_domain(here) == origin.get("domain")


def _combined(first: StoredStory, second: StoredStory, keep: str | None = None) -> StoredStory:
    """One story made of two that a page showed to be the same."""
    a, b = first.record, second.record
    origin = next((r["origin"] for r in (a, b) if _confirmed(r)), None)
    origin = origin or a.get("origin") or b.get("origin")
    originals = [r for r in (a, b) if _confirmed(r) or (origin and _is_named_original(r, origin))]
    base = originals[0] if len(originals) == 1 else a if _rank(a) <= _rank(b) else b
    record = dict(base)
    if origin:
        if base in originals:
            record["origin"] = {**origin, "verified": True}
        else:
            record["origin"] = origin
            record["text_source"] = "copy"
            record["canonical_url"] = origin.get("url") or record["canonical_url"]
    record["first_seen"] = min(a["first_seen"], b["first_seen"])
    return StoredStory(
        keep or first.id,
        max(first.version, second.version),
        record,
        merge(first.fingerprint, second.fingerprint),
        first.exported,
    )


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
    merged: int = 0  # other stories this page showed to be the same one, merged into it


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
        known = store.story_for_url(url)
        story = store.get(known) if known else None
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
        by_url: tuple[StoredStory, Decision, str] | None = None
        for url in (copy.url, origin_url, record.get("canonical_url")):
            known = self.store.story_for_url(url) if url else None
            story = self.store.get(known) if known else None
            if story is not None:
                decision = decide(fp, story.fingerprint)
                by_url = (story, decision, f"same URL ({url}); {decision.reason}")
                break
        # 2. Content: stories sharing an LSH band or a whole paragraph, checked one by one.
        matches: list[tuple[Decision, StoredStory]] = []
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
            matches.append((decision, story))
        matches.sort(key=lambda m: (-m[0].similarity, m[1].id))
        if by_url is not None:
            story, decision, why = by_url
            # A page at that URL with another text bridges nothing.
            others = [s for _, s in matches if s.id != story.id] if decision.joined else []
            return self._join(story, record, fp, copy, origin_url, decision, why, others)
        if matches:
            # A page that belongs to several stories shows they are one (it bridges copies that
            # resembled it but not each other, seen before it): they are merged, whatever the order.
            decision, story = matches[0]
            others = [s for _, s in matches[1:]]
            return self._join(
                story, record, fp, copy, origin_url, decision, decision.reason, others
            )
        # A story's id is that of its canonical URL, whatever page came first.
        sid = story_id(record["canonical_url"])
        record = {**record, "id": sid, _REPRESENTATIVE: [len(record.get("text") or ""), copy.url]}
        story = StoredStory(sid, 1, record, fp)
        self.store.add_story(story, copy)
        return Placement(story.id, True, True, 1.0, "new story")

    def _settle(
        self,
        placed: StoredStory,
        story: StoredStory,
        copy: CopyRecord,
        changed: bool,
        others: list[StoredStory],
        placement: Placement,
    ) -> Placement:
        """Write ``story`` (``placed`` with ``copy`` joined), merging ``others`` into it and
        giving it the id of its canonical URL."""
        absorbed = [placed]
        for other in others:
            story = _combined(story, other)
            absorbed.append(other)
        wanted = story_id(story.record["canonical_url"])
        if wanted != story.id:
            holder = self.store.get(wanted)
            if holder is None:
                story = StoredStory(wanted, story.version, story.record, story.fingerprint)
            elif decide(story.fingerprint, holder.fingerprint).joined:
                story = _combined(holder, story, keep=holder.id)
                absorbed.append(holder)
        if len(absorbed) == 1 and story.id == placed.id:
            self.store.join(story, copy, changed=changed)
            return placement
        replaces = set(story.record.get("replaces") or [])
        for old in absorbed:
            replaces.update(old.record.get("replaces") or [])
            if old.id != story.id and old.exported:
                replaces.add(old.id)  # written before under that id: consumers drop it
        replaces.discard(story.id)
        record = {**story.record, "id": story.id, "replaces": sorted(replaces)}
        if not record["replaces"]:
            del record["replaces"]
        self.store.absorb(
            StoredStory(story.id, story.version, record, story.fingerprint), absorbed, copy
        )
        merged = len({s.id for s in absorbed} - {story.id})
        reason = placement.reason + (f"; merged {merged} stories" if merged else "")
        return Placement(
            story.id,
            placement.new,
            True,
            placement.similarity,
            reason,
            placement.verified,
            placement.promote,
            merged,
        )

    def _join(
        self,
        story: StoredStory,
        record: dict[str, Any],
        fp: Fingerprint,
        copy: CopyRecord,
        origin_url: str | None,
        decision: Decision,
        reason: str,
        others: list[StoredStory],
    ) -> Placement:
        original = _is_original(story.record, record, copy.url, origin_url)
        mine = {**record, _REPRESENTATIVE: [len(record["text"]), copy.url]}
        canonical = dict(story.record)
        changed = False
        confirmed = False
        promote: str | None = None
        if original and not decision.joined:
            # The page the copies name is another text (a paywall stub, a different story, or
            # the copy is an excerpt): the story says why the origin is unverified, and reads as
            # the more complete of the two texts, whichever came first.
            origin = dict(canonical.get("origin") or {})
            origin.update(
                {"verified": False, "reason": f"original does not match: {decision.reason}"}
            )
            canonical["origin"] = origin
            if _rank(mine) < _rank(canonical):
                _read_from(canonical, record, copy.url, "original")
                canonical["canonical_url"] = copy.url
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
            here = canonical["canonical_url"]
            at_named = here == named.get("url") or registrable_domain(here) == named.get("domain")
            if canonical.get("text_source") == "original" and not decision.joined and at_named:
                # The same outcome as when the original comes after this copy (above).
                named.update(
                    {"verified": False, "reason": f"original does not match: {decision.reason}"}
                )
                if _rank(mine) < _rank(canonical):
                    _read_from(canonical, record, copy.url, "copy")
            elif canonical.get("text_source") == "original" and decision.joined:
                if at_named:
                    named["verified"] = True
                    confirmed = True  # this copy confirms the original the story already has
                else:
                    # The page taken for the original lives elsewhere than the publisher the
                    # copies name: one more copy. The story waits for its real original, so the
                    # outcome does not depend on which page was crawled first.
                    canonical["text_source"] = "copy"
                    if named.get("url"):
                        canonical["canonical_url"] = named["url"]
            if canonical.get("text_source") != "original" and named.get("verified") is not False:
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
            canonical.update({k: record[k] for k in _ORIGINAL_FIELDS if k in record})
            canonical["canonical_url"] = copy.url
            canonical["text_source"] = "original"
            if canonical.get("origin"):
                canonical["origin"] = {**canonical["origin"], "verified": True}
            changed = True
        if (
            not original
            and decision.joined
            and not _confirmed(canonical)
            and not (canonical.get("origin") and _is_named_original(canonical, canonical["origin"]))
            and _rank(mine) < _rank(canonical)
        ):
            # No verified original yet: the story reads as its most complete copy, whichever
            # came first.
            named = canonical.get("origin") or {}
            _read_from(canonical, record, copy.url, "copy" if named else record["text_source"])
            canonical["canonical_url"] = named.get("url") or record["canonical_url"]
            changed = True
        copy = CopyRecord(
            copy.url, copy.site, copy.published, copy.seen_at, round(decision.similarity, 3)
        )
        merged = StoredStory(
            story.id, story.version, canonical, merge(story.fingerprint, fp), story.exported
        )
        return self._settle(
            story,
            merged,
            copy,
            changed,
            others,
            Placement(
                story.id,
                False,
                changed,
                decision.similarity,
                reason,
                True if original or confirmed else None,
                promote,
            ),
        )
