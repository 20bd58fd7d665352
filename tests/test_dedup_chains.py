"""Who is the original when copies name copies: chains, excerpts, credits and dates.

Each case is placed in every order its pages can come in, through :class:`Deduplicator` on the
embedded store; a page the store asks to fetch again (``Placement.promote``) is placed again, as
the crawl does. The outcome must not depend on the order.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from newsmirror.dedup.coherence import coherence, naming
from newsmirror.dedup.fingerprint import Fingerprint
from newsmirror.dedup.index import Deduplicator
from newsmirror.dedup.match import decide
from newsmirror.store import CopyRecord, StoredStory, open_store
from tests.test_dedup import OTHER, STORY

PUBLISHER = "https://www.riverton-herald.com/news/bridge-plan"


def line(domain: str, url: str | None) -> dict[str, Any]:
    return {
        "domain": domain,
        "name": None,
        "url": url,
        "method": "line",
        "confidence": 0.95,
        "evidence": [{"method": "line", "family": "appeared-first", "domain": domain, "url": url}],
    }


def credit(domain: str) -> dict[str, Any]:
    return {
        "domain": domain,
        "name": None,
        "url": None,
        "method": "source_line",
        "confidence": 0.8,
        "evidence": [{"method": "source_line", "family": "source-line", "domain": domain}],
    }


def page(
    url: str,
    paragraphs: list[str],
    origin: dict[str, Any] | None = None,
    published: str | None = None,
) -> dict[str, Any]:
    return {
        "url": url,
        "paragraphs": paragraphs,
        "record": {
            "id": url,
            "canonical_url": (origin or {}).get("url") or url,
            "title": "Bridge plan approved",
            "text": "\n\n".join(paragraphs),
            "authors": [],
            "published": published,
            "modified": None,
            "language": "en",
            "image": None,
            "origin": origin,
            "first_seen": "2026-11-28T00:00:00+00:00",
            "text_source": "copy" if origin else "original",
        },
    }


def crawl(store_path: Path, pages: list[dict[str, Any]]) -> Any:
    store = open_store(f"sqlite:///{store_path}")
    dedup = Deduplicator(store)
    by_url = {p["url"]: p for p in pages}

    def place(p: dict[str, Any]) -> None:
        origin = p["record"]["origin"] or {}
        placement = dedup.place(
            p["record"],
            p["paragraphs"],
            CopyRecord(
                p["url"],
                p["url"].split("/")[2],
                p["record"]["published"],
                "2026-11-28T00:00:00+00:00",
                1.0,
            ),
            origin.get("url"),
            origin.get("domain"),
        )
        if placement.promote and placement.promote != p["url"]:
            place(by_url[placement.promote])

    for p in pages:
        place(p)
    return store


def outcome(store: Any) -> set[tuple[Any, ...]]:
    return {
        (
            s.record["canonical_url"],
            (s.record.get("origin") or {}).get("domain"),
            (s.record.get("origin") or {}).get("verified"),
            s.record["text_source"],
            frozenset(c.url for c in store.copies(s.id)),
        )
        for s in store.iter_stories()
    }


def every_order(tmp_path: Path, pages: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
    """The one outcome of all orders (the test fails if two orders differ)."""
    seen = []
    for n, order in enumerate(itertools.permutations(pages)):
        store = crawl(tmp_path / f"{n}.db", list(order))
        seen.append(outcome(store))
        store.close()
    assert all(o == seen[0] for o in seen), [sorted(map(str, o)) for o in seen]
    return seen[0]


def one_story_read_from_the_publisher(tmp_path: Path, pages: list[dict[str, Any]]) -> None:
    """In every order: one story of all ``pages``, read from the newspaper's page, its verified
    original."""
    ((canonical, domain, verified, source, members),) = every_order(tmp_path, pages)
    assert (canonical, domain, verified, source) == (
        PUBLISHER,
        "riverton-herald.com",
        True,
        "original",
    )
    assert members == {p["url"] for p in pages}


def test_a_publisher_crediting_an_agency_is_the_original_its_copies_name(tmp_path: Path) -> None:
    """ "Source: AFP" under a newspaper's own article does not make it a copy of AFP's: the
    copies name the newspaper, and it is their origin."""
    pages = [
        page(PUBLISHER, STORY, credit("afp.com")),
        page("http://mirror-a.example/1", STORY, line("riverton-herald.com", PUBLISHER)),
        page("http://mirror-b.example/2", STORY[:4], line("riverton-herald.com", PUBLISHER)),
    ]
    one_story_read_from_the_publisher(tmp_path, pages)


def test_an_aggregators_source_line_is_still_its_origin(tmp_path: Path) -> None:
    """The same credit on a page nobody names as the original stays that page's origin."""
    (story,) = every_order(tmp_path, [page("http://mirror-a.example/1", STORY, credit("afp.com"))])
    assert story[1:4] == ("afp.com", None, "copy")


EXCERPT = [STORY[0]]


def test_an_excerpt_joins_the_page_it_names_and_only_that_page(tmp_path: Path) -> None:
    full = "http://aggregator.example/2026/bridge"
    excerpt = "http://feeds.example/2026/bridge"
    small, large = Fingerprint.of(EXCERPT), Fingerprint.of(STORY)
    assert not decide(small, large).joined  # a sentence in common is no story without the name
    assert decide(small, large, named=True).joined
    assert not decide(Fingerprint.of([OTHER[0]]), large, named=True).joined
    pages = [
        page(full, STORY, line("riverton-herald.com", PUBLISHER)),
        page(excerpt, EXCERPT, line("aggregator.example", full)),
    ]
    ((canonical, domain, _, _, members),) = every_order(tmp_path, pages)
    assert (canonical, domain, members) == (PUBLISHER, "riverton-herald.com", {full, excerpt})
    # The coherence monitor weighs the excerpt as the join did: a copy of the page it names.
    store = crawl(tmp_path / "check.db", pages)
    (stored,) = store.iter_stories()
    copies = store.copies(stored.id)
    check = coherence(
        stored.fingerprint, store.prints([c.url for c in copies]), naming(stored.record, copies)
    )
    assert check.coherent, check.strays
    assert not coherence(stored.fingerprint, store.prints([c.url for c in copies])).coherent


def test_an_excerpt_with_the_sites_own_lines_joins_the_page_it_names(tmp_path: Path) -> None:
    """One paragraph of the original word for word, then the aggregator's own "posted on" and
    "read more" text: half its paragraphs are the named page's."""
    own = (
        "Posted on 24.04.2026 12:12 in Local News by the Aggregator Desk, with 3 comments and "
        "more stories from Riverton below."
    )
    full = "http://aggregator.example/2026/bridge"
    excerpt = "http://feeds.example/2026/bridge"
    small, large = Fingerprint.of([STORY[1], own]), Fingerprint.of(STORY)
    assert not decide(small, large).joined
    assert decide(small, large, named=True).joined
    assert not decide(Fingerprint.of([OTHER[1], own]), large, named=True).joined
    pages = [
        page(full, STORY, line("riverton-herald.com", PUBLISHER)),
        page(excerpt, [STORY[1], own], line("aggregator.example", full)),
    ]
    ((_, domain, _, _, members),) = every_order(tmp_path, pages)
    assert (domain, members) == ("riverton-herald.com", {full, excerpt})


def test_an_excerpt_naming_nothing_stays_apart(tmp_path: Path) -> None:
    pages = [
        page(
            "http://aggregator.example/2026/bridge", STORY, line("riverton-herald.com", PUBLISHER)
        ),
        page("http://feeds.example/2026/bridge", EXCERPT, line("example-wire.com", None)),
    ]
    assert len(every_order(tmp_path, pages)) == 2


def test_of_two_unattributed_pages_with_one_text_the_earlier_published_is_the_original(
    tmp_path: Path,
) -> None:
    """A feed names an aggregator's post, which copied the newspaper's article without saying
    so; the newspaper's page, published the day before, is the original."""
    aggregator = "http://aggregator.example/2026/bridge"
    pages = [
        page(PUBLISHER, STORY, None, "2026-01-31T09:00:00+00:00"),
        page(aggregator, STORY, None, "2026-02-01T07:30:00+00:00"),
        page(
            "http://feeds.example/2026/bridge",
            STORY,
            line("aggregator.example", aggregator),
            "2026-02-01T12:00:00+00:00",
        ),
    ]
    one_story_read_from_the_publisher(tmp_path, pages)


def test_undated_pages_keep_the_original_the_copies_name(tmp_path: Path) -> None:
    aggregator = "http://aggregator.example/2026/bridge"
    pages = [
        page(aggregator, STORY),
        page("http://feeds.example/2026/bridge", STORY, line("aggregator.example", aggregator)),
        page(PUBLISHER, STORY),
    ]
    store = crawl(tmp_path / "s.db", pages)
    ((canonical, domain, verified, _, _),) = outcome(store)
    assert (canonical, domain, verified) == (aggregator, "aggregator.example", True)


def test_a_copy_of_a_copy_joins_the_story_holding_the_page_it_names(tmp_path: Path) -> None:
    """An aggregator reposted the newspaper's article without a line; a feed importer names the
    aggregator's post. The post is in the newspaper's story: so is the feed's copy, and its
    origin is the newspaper."""
    aggregator = "http://aggregator.example/2026/bridge"
    feed = "http://feeds.example/2026/bridge"
    store = crawl(
        tmp_path / "s.db",
        [
            page("http://mirror-a.example/1", STORY, line("riverton-herald.com", PUBLISHER)),
            page(PUBLISHER, STORY),
            page(aggregator, STORY),
            page(feed, STORY, line("aggregator.example", aggregator)),
        ],
    )
    ((canonical, domain, verified, _, members),) = outcome(store)
    assert (canonical, domain, verified) == (PUBLISHER, "riverton-herald.com", True)
    assert {aggregator, feed} <= members


def test_an_excerpt_story_merges_when_the_page_it_names_joins_another(tmp_path: Path) -> None:
    """An unattributed full copy forms one story, an excerpt naming the newspaper's URL another;
    the newspaper's page matches the full copy best, and the excerpt's story is merged into it
    (the excerpt weighed as one of the page it names, as when it would have joined it)."""
    own = (
        "Posted on 24.04.2026 12:12 in Local News by the Aggregator Desk, with 3 comments and "
        "more stories from Riverton below."
    )
    pages = [
        page("http://aggregator.example/2026/bridge", STORY),
        page(
            "http://feeds.example/2026/bridge",
            [STORY[1], own],
            line("riverton-herald.com", PUBLISHER),
        ),
        page(PUBLISHER, STORY),
    ]
    one_story_read_from_the_publisher(tmp_path, pages)


def test_the_coherence_check_still_flags_a_copy_unlike_its_story(tmp_path: Path) -> None:
    """A copy whose text is another story's is reported by ``scrapy stories --check`` (exit 1),
    however the copy's site attributes it: naming the story's publisher excuses an excerpt of
    the story's text, not another text."""
    import subprocess
    import sys

    pages = [
        page(PUBLISHER, STORY),
        page("http://mirror-a.example/1", STORY, line("riverton-herald.com", PUBLISHER)),
    ]
    store = crawl(tmp_path / "s.db", pages)
    (story,) = store.iter_stories()
    stray = "http://mirror-b.example/2"
    # A wrong join, as a bug would make it: another story's text placed in this story, its site
    # crediting this story's publisher.
    named = {**story.record["_named"], "mirror-b.example": line("riverton-herald.com", PUBLISHER)}
    wrong = StoredStory(
        story.id, story.version, {**story.record, "_named": named}, story.fingerprint
    )
    store.join(
        wrong,
        CopyRecord(stray, "mirror-b.example", None, "2026-11-28T00:00:00+00:00", 0.1),
        changed=True,
    )
    store.put_print(stray, Fingerprint.of(OTHER))
    (story,) = store.iter_stories()
    copies = store.copies(story.id)
    assert stray in naming(story.record, copies)
    check = coherence(
        story.fingerprint, store.prints([c.url for c in copies]), naming(story.record, copies)
    )
    assert check.strays == [stray]
    store.close()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "stories",
            "--store",
            f"sqlite:///{tmp_path}/s.db",
            "--check",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr[-2000:]
    assert stray in done.stderr


def test_an_earlier_excerpt_is_no_original(tmp_path: Path) -> None:
    """A feed excerpt dated before the aggregator's full post that the copies name is a copy too:
    an original is not shorter than its copies."""
    aggregator = "http://aggregator.example/2026/bridge"
    pages = [
        page(aggregator, STORY, None, "2026-02-01T07:30:00+00:00"),
        page("http://feeds.example/2026/bridge", STORY[:2], None, "2026-01-31T09:00:00+00:00"),
        page("http://mirror-a.example/1", STORY, line("aggregator.example", aggregator)),
    ]
    ((canonical, domain, verified, _, members),) = every_order(tmp_path, pages)
    assert (canonical, domain, verified) == (aggregator, "aggregator.example", True)
    assert members == {p["url"] for p in pages}


def test_a_merge_never_moves_a_story_to_a_page_that_reads_otherwise(tmp_path: Path) -> None:
    """Two halves of one text, one of them naming a page that is another text, are bridged by
    the whole text: the merged story keeps to the pages it holds and never claims the URL of
    the page found to read otherwise (a neighbour's article)."""
    neighbour = "http://other-paper.example/harbor"
    half = len(STORY) // 2
    other = page(neighbour, OTHER)
    # The neighbour's own canonical link is another address of it: its story is not at the URL
    # the copy names.
    other["record"]["canonical_url"] = "https://www.other-paper.example/harbor/"
    pages = [
        page("http://mirror-a.example/first-half", STORY[:half]),
        page(
            "http://mirror-b.example/second-half",
            STORY[half:],
            line("other-paper.example", neighbour),
        ),
        page("http://mirror-c.example/whole", STORY),
        other,
    ]
    outcomes = every_order(tmp_path, pages)
    (story,) = [o for o in outcomes if neighbour not in o[4]]
    assert story[0] not in (neighbour, other["record"]["canonical_url"]), story
    assert story[4] == {p["url"] for p in pages[:3]}


def test_a_copy_crediting_an_aggregator_before_the_aggregators_copy_comes(tmp_path: Path) -> None:
    """A feed importer credits aggregator A by name only; A's copy names the newspaper's page.
    When the newspaper's page and the importer's copy come before A's copy, the story is named
    after A until A's copy arrives and names the page the story already holds: that page is then
    the story's original, as in every other order."""
    aggregator = "http://www.dailywire.example/2024/05/04/bridge/"
    pages = [
        page(PUBLISHER, STORY),
        page(aggregator, STORY, line("riverton-herald.com", PUBLISHER)),
        page("http://importer.example/bridge/", STORY, line("dailywire.example", None)),
    ]
    one_story_read_from_the_publisher(tmp_path, pages)


def test_an_excerpt_of_the_copy_it_names_joins_whatever_page_the_story_reads_as(
    tmp_path: Path,
) -> None:
    """An aggregator's copy opens with its own summary of the newspaper's story; a feed names
    that copy and carries the summary alone. The excerpt is of the copy it names, word for word,
    whether the story reads as the copy (placed first) or as the newspaper's page by then."""
    summary = (
        "In short: Riverton County approved the Harlow Bridge plan by 7 votes to 2 on "
        "Tuesday, and work on the crossing is due to start in March."
    )
    aggregator = "http://aggregator.example/2026/bridge"
    pages = [
        page(PUBLISHER, STORY),
        page(aggregator, [summary, *STORY], line("riverton-herald.com", PUBLISHER)),
        page("http://feeds.example/bridge", [summary], line("aggregator.example", aggregator)),
    ]
    one_story_read_from_the_publisher(tmp_path, pages)


def source_link(domain: str, url: str) -> dict[str, Any]:
    """ "Source: <a href=the article>Publisher</a>", a feed importer's line (see origin.md)."""
    evidence = {"method": "source_line", "family": "source-link", "domain": domain, "url": url}
    return {**credit(domain), "url": url, "evidence": [evidence]}


def test_a_source_line_linking_the_article_is_a_link_in_the_chain(tmp_path: Path) -> None:
    """An aggregator's post ending "Source: <a href=…/bridge-plan>Riverton Herald</a>" names the
    article it was taken from: its copies, which name the post, have the newspaper as their
    origin, as with "appeared first on". A credit without the article's link ("Source: AFP")
    keeps the post the original its copies name (the test above)."""
    post = "http://aggregator.example/2026/bridge"
    pages = [
        page(post, STORY, source_link("riverton-herald.com", PUBLISHER)),
        page("http://mirror-a.example/1", STORY, line("aggregator.example", post)),
    ]
    (story,) = every_order(tmp_path, pages)
    assert story[1] == "riverton-herald.com"
    assert story[4] == {p["url"] for p in pages}


def test_a_truncated_copy_that_opens_as_the_article_is_compared_with_its_copies(
    tmp_path: Path,
) -> None:
    """A truncated copy crediting the newspaper holds the article's deck and the caption of its
    photo, which the newspaper page's extraction leaves out and a full copy carries. It shares no
    paragraph with the newspaper's text, only how it opens (a lead key): that is enough to
    compare it with the story's copies, one at a time, and it joins through the full copy it
    matches — in every order, not only when the full copy came first."""
    deck = (
        "The old bridge has been closing more and more often, and the cost of keeping it open "
        "has kept rising year after year."
    )
    caption = (
        "A Con Edison crew repairing cables under the bridge this month in Flushing, Queens, "
        "where salt had seeped into the ducts."
    )
    credit = line("riverton-herald.com", None)
    pages = [
        page(PUBLISHER, [deck, *STORY]),
        page("http://mirror-a.example/full", [deck, caption, *STORY], credit),
        page("http://mirror-b.example/cut", [deck, caption], credit),
    ]
    one_story_read_from_the_publisher(tmp_path, pages)
