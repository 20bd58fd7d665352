"""A site's template learned from its own pages, and chains of copies (issue 15, rules 4 and 1)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsmirror.dedup.index import Deduplicator
from newsmirror.dedup.template import PAGES, learn, template, without_template
from newsmirror.pipelines.dedup import final_record
from newsmirror.store import CopyRecord, open_store

DISCLAIMER = (
    "Disclaimer: Daily Market Mirror aggregates news from 40 sources and is not responsible for "
    "their content; write to editor@example.net within 7 days to have a post removed."
)


def story(n: int) -> list[str]:
    return [
        f"Officials in Town{n} said on Monday that {n * 3} new buses would join the fleet by "
        f"March, at a cost of {n * 11} million dollars shared by the county and the state.",
        f"Mayor Person{n} told reporters at City Hall that the routes to the hospital and the "
        f"university in Town{n} would run every {n + 5} minutes from the spring.",
        f"Drivers union leader Name{n} welcomed the plan but asked for {n + 20} more drivers "
        f"before the new timetable starts in Town{n}.",
    ]


def article_record(
    canonical_url: str,
    site: str,
    origin: dict[str, Any] | None,
    paragraphs: list[str],
    title: str,
) -> dict[str, Any]:
    """An article's record as the story pipeline hands it to the deduplicator."""
    return {
        "canonical_url": canonical_url,
        "title": title,
        "text": "\n\n".join(paragraphs),
        "authors": [],
        "published": None,
        "modified": None,
        "language": "en",
        "image": None,
        "site": site,
        "origin": origin,
        "first_seen": "2026-12-01T00:00:00+00:00",
        "text_source": "copy" if origin else "original",
    }


def test_a_block_is_template_on_most_pages_of_a_site_and_not_on_a_few() -> None:
    assert template({PAGES: 10, "t:a": 9, "t:b": 3, "t:c": 2}) == {"t:a"}
    assert template({PAGES: 4, "t:a": 3}) == {"t:a"}
    assert template({PAGES: 2, "t:a": 2}) == set()  # too few pages to tell
    paragraphs = ["x" * 40, DISCLAIMER]
    assert without_template(paragraphs, set()) == paragraphs


def test_a_site_wide_paragraph_leaves_the_text_placed_and_the_text_written(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path}/store.db")
    dedup = Deduplicator(store)
    placed: list[list[str]] = []
    for n in range(1, 7):
        url = f"http://mirror.example/{n}/"
        paragraphs = learn(store, "mirror.example", url, [*story(n), DISCLAIMER])
        placed.append(paragraphs)
        record = article_record(url, "mirror.example", None, paragraphs, f"Buses {n}")
        dedup.place(record, paragraphs, CopyRecord(url, "mirror.example", None, "x", 1.0))
        store.mark_url(url, "article", "2026-12-01T00:00:00+00:00")
    # The site's first pages are placed before the disclaimer is known to be template...
    assert DISCLAIMER in placed[0]
    assert all(DISCLAIMER not in p for p in placed[3:])
    # ... and every story is written without it, its own paragraphs kept.
    assert store.count() == 6
    sites: dict[str, dict[str, int]] = {}
    for stored in store.iter_stories():
        written, check = final_record(store, stored, sites)
        assert DISCLAIMER not in written.text
        assert written.text.count("\n\n") == 2
        assert check.coherent
    # A page crawled again adds nothing to what is learned.
    before = store.block_counts("mirror.example")
    learn(store, "mirror.example", "http://mirror.example/1/", [*story(1), DISCLAIMER])
    assert store.block_counts("mirror.example") == before
    store.close()


def test_a_chain_of_copies_is_credited_to_its_publisher_in_either_order(tmp_path: Path) -> None:
    """Site B's importer credits aggregator A; A's copy credits the newspaper."""
    newspaper = "http://www.paper.example/2026/buses"
    a_post = "http://aggregator-a.example/2026/12/01/buses/"
    b_post = "http://importer-b.example/2026/12/01/buses/"
    pages = {
        a_post: {"domain": "paper.example", "url": newspaper},
        b_post: {"domain": "aggregator-a.example", "url": a_post},
    }
    formed = []
    for order in ([a_post, b_post], [b_post, a_post]):
        store = open_store(f"sqlite:///{tmp_path}/{order[0].split('/')[2]}.db")
        dedup = Deduplicator(store)
        for url in order:
            origin = {**pages[url], "method": "line", "verified": None}
            record = article_record(
                str(origin["url"]), url.split("/")[2], origin, story(1), "Buses"
            )
            copy = CopyRecord(url, url.split("/")[2], None, "x", 1.0)
            dedup.place(record, story(1), copy, origin["url"], origin["domain"])
        [stored] = list(store.iter_stories())
        assert stored.record["origin"]["domain"] == "paper.example", order
        assert stored.record["canonical_url"] == newspaper, order
        formed.append((stored.id, stored.record["origin"]["domain"]))
        store.close()
    assert formed[0] == formed[1]
