"""Place each article into a story of the store: by the original URL it names, else by content.

Written against the :class:`~newsmirror.store.StoryStore` interface only; the pipeline that will
drive it stays a thin adapter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from newsmirror.dedup.fingerprint import Fingerprint
from newsmirror.dedup.match import Decision, decide
from newsmirror.dedup.template import PAGES, block_key, block_keys, template, without_template
from newsmirror.dedup.verdict import (
    NAMED,
    Candidate,
    Evidence,
    Found,
    Outcome,
    Verdict,
    candidate,
    judge,
    mergeable,
    namer,
)
from newsmirror.store.base import CopyRecord, StoredStory, StoryStore
from newsmirror.urls import page_variants, registrable_domain, same_page, story_id

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
# In a story's record: every domain of the publisher its origin names, when the publisher table
# gives it several (``bbc.co.uk`` and ``bbc.com``): its page at any of them is the original.
_PUBLISHER_DOMAINS = "_publisher_domains"


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


def read_from(record: dict[str, Any]) -> str:
    """The URL of the page whose text the story carries."""
    return _rank(record)[1]


def _read_from(canonical: dict[str, Any], record: dict[str, Any], url: str, source: str) -> None:
    """Make the story read as the page ``record`` at ``url``: its text, title, dates, site."""
    canonical.update({k: record[k] for k in _ORIGINAL_FIELDS if k in record})
    canonical[_REPRESENTATIVE] = [len(record["text"]), url]
    canonical["site"] = record.get("site", canonical.get("site"))
    canonical["text_source"] = source


def _follow(origin: dict[str, Any] | None, named: dict[str, Any]) -> dict[str, Any] | None:
    """The origin at the end of a chain of copies: a story named after a site whose own copy of it
    names another publisher (a feed importer crediting the aggregator it took the post from, which
    credits the newspaper) comes from that publisher."""
    seen: set[str] = set()
    while origin is not None and origin.get("domain") in named:
        domain = str(origin["domain"])
        seen.add(domain)
        further = named[domain]
        if further.get("domain") in seen:
            break
        origin = further
    return origin


def _consistent(story: StoredStory) -> StoredStory:
    """A verified origin is the page the story reads as: its URL is the story's canonical URL."""
    origin = story.record.get("origin") or {}
    if origin.get("verified") is not True or story.record.get("text_source") != "original":
        return story
    if same_page(origin.get("url"), story.record["canonical_url"]):
        return story
    record = {**story.record, "origin": {**origin, "url": story.record["canonical_url"]}}
    return StoredStory(story.id, story.version, record, story.fingerprint, story.exported)


def _elsewhere(story: StoredStory, why: str) -> StoredStory:
    """``story`` at the URL of the page it reads as, its origin unverified: the original its
    copies name is another text."""
    record = dict(story.record)
    url = read_from(record)
    origin = {**(record.get("origin") or {}), "verified": False}
    origin["reason"] = f"the original named does not match ({why})"
    record.update({"canonical_url": url, "origin": origin, "text_source": "copy"})
    return StoredStory(story.id, story.version, record, story.fingerprint, story.exported)


def _is_named_original(record: dict[str, Any], origin: dict[str, Any]) -> bool:
    """A story read from a page with no attribution, at the URL or on the publisher ``origin``
    names: its text is the original's."""
    if record.get("text_source") != "original":
        return False
    here = record["canonical_url"]
    return same_page(here, origin.get("url")) or registrable_domain(here) == origin.get("domain")


def _credited_original(story: dict[str, Any], named: dict[str, Any]) -> bool:
    """The story reads as the page a copy names (URL or publisher), whose own origin is only a
    credit: that page is the original the copy names, not a copy of what it credits."""
    if not credit_only(story.get("origin")):
        return False
    url = read_from(story)
    return same_page(url, named.get("url")) or registrable_domain(url) == named.get("domain")


def _published(value: object) -> datetime | None:
    """A record's ``published`` as a time, when it has one with its zone."""
    try:
        when = datetime.fromisoformat(str(value or ""))
    except ValueError:
        return None
    return when if when.tzinfo is not None else None


def _earlier(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether the page ``a`` reads as was published before ``b``'s (both dated, with zones)."""
    when_a, when_b = _published(a.get("published")), _published(b.get("published"))
    return when_a is not None and when_b is not None and when_a < when_b


def _combined(first: StoredStory, second: StoredStory, keep: str | None = None) -> StoredStory:
    """One story made of two that a page showed to be the same."""
    a, b = first.record, second.record
    if _confirmed(a) and _confirmed(b) and _earlier(b, a):
        # Two pages each named as the original by some copies: the one published first is.
        a, b = b, a
    origin = next((r["origin"] for r in (a, b) if _confirmed(r)), None)
    # An origin whose page was found to read otherwise comes last: the other story's, if any.
    # ... and one naming its publisher by a name alone (no domain) after one giving the domain.
    origin = (
        origin
        or next(
            (
                o
                for r in (a, b)
                if (o := r.get("origin")) and o.get("verified") is not False and o.get("domain")
            ),
            None,
        )
        or next((o for r in (a, b) if (o := r.get("origin")) and o.get("domain")), None)
        or a.get("origin")
        or b.get("origin")
    )
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
    record[NAMED] = {**(b.get(NAMED) or {}), **(a.get(NAMED) or {})}
    return StoredStory(
        keep or first.id,
        max(first.version, second.version),
        record,
        first.fingerprint if base is first.record else second.fingerprint,
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


def credit_only(origin: dict[str, Any] | None) -> bool:
    """Whether a page's origin rests on credits alone — a "Source: AFP" line, a wire agency as
    the JSON-LD author — which a publisher's own article carries too, rather than on a statement
    that the page is a copy ("appeared first on", a cross-domain canonical, isBasedOn)."""
    evidence = [e for e in (origin or {}).get("evidence") or [] if e.get("method") != "hint"]
    return bool(evidence) and all(
        (e.get("method") == "source_line" and e.get("family") == "source-line")
        or (e.get("method") == "json_ld" and e.get("family") != "jsonld-isbasedon")
        for e in evidence
    )


def _unattributed(page: dict[str, Any]) -> bool:
    """The page names no origin of its own, or only credits (``credit_only``)."""
    return not page.get("origin") or credit_only(page["origin"])


def _stated(origin: dict[str, Any]) -> bool:
    """Whether the origin's domain is what its line or markup says (a link, a URL, a domain
    written out), not the publisher table's for a name ("Fonte: ZDF")."""
    domain = str(origin.get("domain") or "")
    if not domain or origin.get("url"):
        return bool(domain)
    said = " ".join(str(e.get("evidence") or "") for e in origin.get("evidence") or ())
    return domain.casefold() in said.casefold()


def _states_better(
    current: dict[str, Any], other: dict[str, Any], publisher_domains: frozenset[str]
) -> bool:
    """Another copy states, by its link or a domain written out, another domain of the publisher
    the story's origin names by its name alone ("Kaynak: zdfheute.de" beside "Fonte: ZDF",
    zdf.de in the table): that domain, whichever copy came first."""
    return (
        bool(current.get("domain"))
        and other.get("domain") != current.get("domain")
        and other.get("domain") in publisher_domains
        and current.get("domain") in publisher_domains
        and not _stated(current)
        and _stated(other)
    )


def _is_original(
    story: dict[str, Any], page: dict[str, Any], url: str, origin_url: str | None
) -> bool:
    """Whether the page at ``url`` is the story's original rather than one more copy.

    A page that names no origin of its own — or only credits, as an agency's name below a
    newspaper's own article — is the original when the copies name its URL, or when it lives on
    the publisher the copies name.
    """
    if (origin_url is not None or page.get("origin")) and not credit_only(page.get("origin")):
        return False  # a credit's URL (origin_url) is no statement of being a copy either
    story_origin = (story.get("origin") or {}).get("domain")
    publisher = {story_origin, *(story.get(_PUBLISHER_DOMAINS) or ())} - {None}
    return same_page(url, story.get("canonical_url")) or registrable_domain(url) in publisher


def _placed_print(store: StoryStore, addresses: list[str]) -> Fingerprint | None:
    """The fingerprint the page at one of ``addresses`` was placed with, if it was."""
    return next(iter(store.prints(addresses).values()), None)


# An excerpt is compared with this many of a story's copies at most (the first placed).
MAX_COPIES_COMPARED = 20


def _copy_prints(store: StoryStore, story_id: str, url: str) -> list[tuple[str, Fingerprint]]:
    """The fingerprints the story's copies (other than the page at ``url``) were placed with."""
    urls = [c.url for c in store.copies(story_id) if c.url != url][:MAX_COPIES_COMPARED]
    prints = store.prints(urls)
    return [(u, prints[u]) for u in urls if u in prints]


# A story's text this long at most is compared as it is written too (its site's template lines
# outweigh a short text's, not a long one's).
AS_WRITTEN_CHARS = 3000


def _as_written(store: StoryStore, story: StoredStory) -> tuple[str, Fingerprint] | None:
    """The story's text as it is written — less its site's template as learned by now — and its
    fingerprint, when the template takes something out of it (the text of one of the site's first
    pages, placed before its template was known); ``None`` when it takes nothing."""
    record = story.record
    text = str(record.get("text") or "")
    if len(text) > AS_WRITTEN_CHARS:
        return None  # a long text: a site's few lines do not decide its match
    paragraphs = text.split("\n\n")
    counts = store.block_counts(str(record.get("site") or ""), [PAGES, *block_keys(paragraphs)])
    cleaned = without_template(paragraphs, template(counts))
    if len(cleaned) == len(paragraphs):
        return None
    return "\n\n".join(cleaned), Fingerprint.of(cleaned, record.get("title"))


def _recurring(store: StoryStore, site: str, paragraphs: list[str]) -> bool:
    """Whether each of ``paragraphs`` is on another page of ``site`` too, as its blocks are
    counted (the page's own count included: it is counted before it is placed)."""
    keys = [block_key(p) for p in paragraphs]
    if not all(keys):
        return False
    counts = store.block_counts(site, [k for k in keys if k])
    return all(counts.get(k or "", 0) >= 2 for k in keys)


def find_candidates(store: StoryStore, page: Evidence, text: str | None = None) -> list[Candidate]:
    """Stories found by the page's URLs (its own, the original it names, its canonical) and by
    content (a shared LSH band or whole paragraph), each compared with the page's text (its
    fingerprint, and ``text`` itself where an excerpt's containment is counted exactly) and the
    publisher it names."""
    fp, url = page.fingerprint, page.url
    publishers, publisher_name = page.publishers, page.origin_name
    recurring = partial(_recurring, store, page.site) if page.site else None
    found: dict[str, Candidate] = {}
    lookups = (
        (url, Found.SAME_PAGE),
        (page.origin_url, Found.NAMED_ORIGINAL),
        (page.canonical_url, Found.CANONICAL),
    )
    # Each address as publishers write it too (http for https, with or without www. and a
    # trailing slash): a credit's http:// link names the page fetched at https://.
    variants = {a: page_variants(a) for a, _ in lookups if a}
    known = store.stories_for_urls(list(dict.fromkeys(v for vs in variants.values() for v in vs)))
    for address, how in lookups:
        if not address:
            continue
        exact = known.get(address)
        sid = exact or next((known[v] for v in variants[address] if v in known), None)
        story = store.get(sid) if sid else None
        if story is None or story.id in found:
            continue
        if how is Found.SAME_PAGE and (
            exact is None or address not in {c.url for c in store.copies(story.id)}
        ):
            how = Found.CANONICAL  # the story's canonical URL, not a page placed before
        named_page = None
        if how is Found.NAMED_ORIGINAL:
            # The page named, as it was placed (looked up only if the story's text does not
            # match): an excerpt is of that page's text, whichever page its story reads as now.
            named_page = partial(_placed_print, store, [address, *variants[address]])
        found[story.id] = candidate(
            story,
            fp,
            how,
            url,
            text,
            named_page,
            publishers,
            publisher_name,
            partial(_copy_prints, store, story.id, url),
            page.title,
            partial(_as_written, store, story),
            recurring,
        )
    for story in store.candidates(fp.index_keys()):
        if story.id not in found:
            found[story.id] = candidate(
                story,
                fp,
                Found.CONTENT,
                url,
                text,
                None,
                publishers,
                publisher_name,
                partial(_copy_prints, store, story.id, url),
                page.title,
                partial(_as_written, store, story),
                recurring,
            )
    return list(found.values())


def explain(
    store: StoryStore,
    paragraphs: list[str],
    url: str,
    origin_url: str | None = None,
    origin_domain: str | None = None,
    origin_domains: frozenset[str] = frozenset(),
    origin_name: str | None = None,
    title: str | None = None,
) -> tuple[list[Candidate], Verdict]:
    """What :meth:`Deduplicator.place` would weigh and decide, without writing."""
    fp = Fingerprint.of(paragraphs, title)
    canonical = origin_url or url
    page = Evidence(
        url, fp, origin_url, origin_domain, canonical, origin_domains, origin_name, title
    )
    found = find_candidates(store, page, "\n\n".join(paragraphs))
    verdict = judge(page, found)
    return sorted(found, key=lambda c: -c.decision.similarity), verdict


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
        origin_domains: frozenset[str] = frozenset(),
    ) -> Placement:
        """``origin_domains``: every domain of the publisher the page names, when it has several
        (``PublisherTable.domains_of``)."""
        fp = Fingerprint.of(paragraphs, record.get("title"))
        if len(origin_domains) > 1 and (record.get("origin") or {}).get("domain"):
            record = {**record, _PUBLISHER_DOMAINS: sorted(origin_domains)}
        # Lookup and write in one transaction: two crawls seeing copies of one story at the same
        # moment end with one story.
        with self.store.atomic():
            placement = self._place(
                record,
                fp,
                "\n\n".join(paragraphs),
                copy,
                Evidence(
                    copy.url,
                    fp,
                    origin_url,
                    origin_domain,
                    record["canonical_url"],
                    origin_domains,
                    (record.get("origin") or {}).get("name"),
                    record.get("title"),
                    copy.site,
                ),
            )
            # The copy as placed, to check its story's text against later (dedup.coherence).
            self.store.put_print(copy.url, fp)
            return placement

    def _place(
        self,
        record: dict[str, Any],
        fp: Fingerprint,
        text: str,
        copy: CopyRecord,
        page: Evidence,
    ) -> Placement:
        origin_url = page.origin_url
        found = find_candidates(self.store, page, text)
        verdict = judge(page, found)
        for other in verdict.displaced:
            self._move_copies_away(other, f"the page it names ({copy.url}) reads otherwise")
        if verdict.outcome is Outcome.JOIN:
            assert verdict.story is not None
            assert verdict.decision is not None
            return self._join(
                verdict.story,
                record,
                fp,
                copy,
                origin_url,
                verdict.decision,
                verdict.reason,
                list(verdict.merge),
                verdict.named,
                verdict.titled,
                page.origin_domains,
            )
        version = 1
        if verdict.outcome is Outcome.ORIGINAL_ELSEWHERE:
            assert verdict.story is not None
            self._move_copies_away(verdict.story, verdict.reason)
            # The id goes on with this page's story: newer than what consumers hold under it.
            version = verdict.story.version + 1
        if verdict.outcome is Outcome.UNVERIFIED:
            origin = {**(record.get("origin") or {}), "verified": False, "reason": verdict.reason}
            # Its own story, at its own URL: the named URL is another story's.
            record = {
                **record,
                "origin": origin,
                "canonical_url": copy.url,
                "text_source": "copy",
            }
        return self._new(record, fp, copy, verdict, version)

    def _new(
        self,
        record: dict[str, Any],
        fp: Fingerprint,
        copy: CopyRecord,
        verdict: Verdict,
        version: int = 1,
    ) -> Placement:
        # A story's id is that of its canonical URL, whatever page came first.
        sid = story_id(record["canonical_url"])
        record = {**record, "id": sid, _REPRESENTATIVE: [len(record.get("text") or ""), copy.url]}
        if (record.get("origin") or {}).get("domain") or (record.get("origin") or {}).get("name"):
            record[NAMED] = {registrable_domain(copy.url): record["origin"]}
        self.store.add_story(StoredStory(sid, version, record, fp), copy)
        verified = False if verdict.outcome is not Outcome.NEW else None
        return Placement(sid, True, True, 1.0, verdict.reason, verified)

    @staticmethod
    def _follow_chain(
        canonical: dict[str, Any], record: dict[str, Any], url: str, original: bool = False
    ) -> bool:
        """Note the origin this page names; a story named after an intermediary whose own copy
        names the publisher comes from the publisher (``_follow``). Whether the origin changed.

        The chain ends at the story's verified original: what that page credits (an agency) is
        not where the copies took the story from."""
        named = dict(canonical.get(NAMED) or {})
        origin = record.get("origin") or {}
        if (origin.get("domain") or origin.get("name")) and not original:
            named.setdefault(registrable_domain(url), record["origin"])
        canonical[NAMED] = named
        if _confirmed(canonical):
            return False
        current = canonical.get("origin")
        resolved = _follow(current, named)
        if resolved is None or current is None or resolved.get("domain") == current.get("domain"):
            return False
        canonical["origin"] = {**resolved, "via": current.get("domain")}
        if canonical.get("text_source") != "original" and resolved.get("url"):
            canonical["canonical_url"] = resolved["url"]
        return True

    def _earlier_copy(self, story_id: str, canonical: dict[str, Any]) -> str | None:
        """The earliest copy of the story published before the page it reads as, on another
        site, from a site none of whose copies in the story names an origin."""
        when = _published(canonical.get("published"))
        if when is None:
            return None
        here = registrable_domain(canonical["canonical_url"])
        attributed = set(canonical.get(NAMED) or {})
        earliest: tuple[datetime, str] | None = None
        for c in self.store.copies(story_id):
            site = registrable_domain(c.url)
            published = _published(c.published)
            if site == here or site in attributed or published is None or published >= when:
                continue
            if earliest is None or (published, c.url) < earliest:
                earliest = (published, c.url)
        return earliest[1] if earliest else None

    def _holder(self, url: str, ours: set[str]) -> StoredStory | None:
        """Another story holding the page at ``url`` (under the id of another address of it:
        the page's own canonical link, a redirect)."""
        sid = self.store.story_for_url(url)
        return self.store.get(sid) if sid is not None and sid not in ours else None

    def _move_copies_away(self, story: StoredStory, reason: str) -> None:
        """The page at ``story``'s canonical URL is not what its copies say: the copies become a
        story of their own, at the URL of the copy they read as, their origin unverified."""
        record = dict(story.record)
        origin = {**(record.get("origin") or {}), "verified": False, "reason": reason}
        url = read_from(record)
        record.update({"origin": origin, "canonical_url": url, "text_source": "copy"})
        new_id = story_id(url)
        moved = StoredStory(new_id, story.version, {**record, "id": new_id}, story.fingerprint)
        copies = self.store.copies(story.id)
        here = next((c for c in copies if c.url == url), copies[0])
        self.store.absorb(moved, [story], here)

    def _settle(
        self,
        placed: StoredStory,
        story: StoredStory,
        copy: CopyRecord,
        changed: bool,
        others: list[StoredStory],
        placement: Placement,
        named: frozenset[str] = frozenset(),
        page: tuple[dict[str, Any], Fingerprint] | None = None,
        titled: frozenset[str] = frozenset(),
    ) -> Placement:
        """Write ``story`` (``placed`` with ``copy`` joined), merging ``others`` into it and
        giving it the id of its canonical URL. ``page``: the record and fingerprint of the page
        ``copy`` is, which becomes the story's original when a merge names its URL."""
        story = _consistent(story)
        absorbed = [placed]
        for other in mergeable(
            story.fingerprint,
            others,
            named,
            page[1] if page else None,
            str(page[0].get("text") or "") if page else None,
            titled,
            partial(_as_written, self.store),
        ):
            story = _combined(story, other)
            absorbed.append(other)
        if (
            page is not None
            and len(absorbed) > 1
            and story.record.get("text_source") != "original"
            and same_page(story.record["canonical_url"], copy.url)
            and _unattributed(page[0])
        ):
            # A merged story's copies name this page, which joined as one more copy of the
            # other: it is their original (as when it comes after them).
            record = dict(story.record)
            _read_from(record, page[0], copy.url, "original")
            record["canonical_url"] = copy.url
            if record.get("origin"):
                record["origin"] = {**record["origin"], "verified": True}
            story = StoredStory(story.id, story.version, record, page[1], story.exported)
        wanted = story_id(story.record["canonical_url"])
        if wanted != story.id:
            holder = self.store.get(wanted) or self._holder(
                story.record["canonical_url"], {s.id for s in absorbed} | {story.id}
            )
            if (
                holder is not None
                and not (decision := decide(story.fingerprint, holder.fingerprint, True)).joined
            ):
                # The story at that URL reads otherwise: this one keeps to the page it reads as,
                # its origin unverified (text wins over the URL), and never claims that URL.
                story = _elsewhere(story, f"{holder.record['canonical_url']}: {decision.reason}")
                wanted = story_id(story.record["canonical_url"])
                holder = self.store.get(wanted) if wanted != story.id else None
            if wanted == story.id:
                pass
            elif holder is None:
                story = StoredStory(wanted, story.version, story.record, story.fingerprint)
            elif decide(story.fingerprint, holder.fingerprint, True).joined:
                story = _combined(holder, story, keep=holder.id)
                absorbed.append(holder)
        story = _consistent(story)
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
        named_ids: frozenset[str] = frozenset(),
        titled_ids: frozenset[str] = frozenset(),
        publisher_domains: frozenset[str] = frozenset(),
    ) -> Placement:
        """``publisher_domains``: every domain of the publisher the page names (its table
        entry's), of which the story's page may be on another than the one the page gives."""
        original = _is_original(story.record, record, copy.url, origin_url)
        mine = {**record, _REPRESENTATIVE: [len(record["text"]), copy.url]}
        canonical = dict(story.record)
        changed = False
        if (
            not original
            and decision.joined
            and _confirmed(canonical)
            and _unattributed(record)
            and registrable_domain(copy.url) != registrable_domain(canonical["canonical_url"])
            and _earlier(record, canonical)
            # An original is not shorter than its copies: an earlier feed excerpt is a copy too.
            and len(record.get("text") or "") >= 0.9 * len(canonical.get("text") or "")
        ):
            # The page the story reads as, which copies name as the original, says nothing of
            # where it came from; this one has the same text, says nothing either, and was
            # published before it: this one is the original, the other an unattributed copy of
            # it (whichever came first in the crawl).
            credit = namer(canonical, copy.url) or {
                "method": "published",
                "confidence": 0.5,
                "evidence": [
                    {
                        "method": "published",
                        "evidence": f"published {record.get('published')}, before "
                        f"{canonical['canonical_url']} ({canonical.get('published')}), "
                        "which its copies name, with the same text",
                    }
                ],
            }
            origin = {
                **credit,
                "domain": registrable_domain(copy.url),
                "name": None,
                "url": copy.url,
                "verified": True,
            }
            _read_from(canonical, record, copy.url, "original")
            canonical["canonical_url"] = copy.url
            canonical["origin"] = origin
            original = changed = True
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
        if record.get("origin") and (
            not canonical.get("origin")
            or _credited_original(canonical, record["origin"])
            or (record["origin"].get("domain") and not canonical["origin"].get("domain"))
            or _states_better(canonical["origin"], record["origin"], publisher_domains)
        ):
            # The first page seen was the original (or carried no attribution, or only an
            # agency's credit, or named its publisher by a name alone); a copy now names where
            # the story comes from.
            if canonical.get("origin") and _credited_original(canonical, record["origin"]):
                # The credit is no link in the chain of copies (see _follow_chain).
                site = registrable_domain(read_from(canonical))
                canonical[NAMED] = {
                    k: v for k, v in (canonical.get(NAMED) or {}).items() if k != site
                }
            named = dict(record["origin"])
            canonical["origin"] = named
            canonical[_PUBLISHER_DOMAINS] = sorted(publisher_domains) if named.get("domain") else []
            here = canonical["canonical_url"]
            at_named = same_page(here, named.get("url")) or registrable_domain(here) == named.get(
                "domain"
            )
            if (
                not at_named
                and named.get("domain")
                and registrable_domain(here) in publisher_domains
            ):
                # The named publisher's page, at another of its domains ("Fonte: ZDF", the
                # story read from zdfheute.de): the origin is that page's domain.
                named["domain"] = registrable_domain(here)
                at_named = True
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
                        if same_page(c.url, named.get("url"))
                        or registrable_domain(c.url) == named.get("domain")
                    ),
                    None,
                )
            changed = True
        if original and canonical.get("text_source") != "original":
            # The original itself: its text, title and dates become the story's.
            canonical.update({k: record[k] for k in _ORIGINAL_FIELDS if k in record})
            # ... and its site: the story is read from it now (its template applies to the text).
            canonical["site"] = record.get("site", canonical.get("site"))
            canonical[_REPRESENTATIVE] = [len(record["text"]), copy.url]
            canonical["canonical_url"] = copy.url
            canonical["text_source"] = "original"
            if canonical.get("origin"):
                canonical["origin"] = {**canonical["origin"], "verified": True}
                if registrable_domain(copy.url) in (canonical.get(_PUBLISHER_DOMAINS) or ()):
                    # The named publisher's page, at another of its domains.
                    canonical["origin"]["domain"] = registrable_domain(copy.url)
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
        if (original or confirmed) and promote is None and _confirmed(canonical):
            # A page already in the story, unattributed and published before the one it now
            # reads as, is the original instead: fetched again, it takes the story over (above).
            promote = self._earlier_copy(story.id, canonical)
        changed = self._follow_chain(canonical, record, copy.url, original) or changed
        if promote is None and not original and canonical.get("text_source") != "original":
            # The chain now ends at a page the story already holds (placed before a copy named
            # it, its story then named after an intermediary): fetched again, it becomes the
            # story's original, as when the copies naming it came first.
            target = (canonical.get("origin") or {}).get("url")
            promote = next(
                (c.url for c in self.store.copies(story.id) if same_page(c.url, target)), None
            )
        copy = CopyRecord(
            copy.url, copy.site, copy.published, copy.seen_at, round(decision.similarity, 3)
        )
        # The story's fingerprint is its canonical text's, never a union that grows with every
        # copy (after one wrong join, the next page would be "contained" in it too).
        reads_as_page = canonical.get("text") == record["text"]
        merged = StoredStory(
            story.id,
            story.version,
            canonical,
            fp if reads_as_page else story.fingerprint,
            story.exported,
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
            named_ids,
            (record, fp),
            titled_ids,
        )
