"""What a story's copies on other sites all lack is not its text (dedup/consensus.py)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

from newsmirror.dedup.consensus import agreed, missing_share
from newsmirror.dedup.fingerprint import Fingerprint
from newsmirror.dedup.index import Deduplicator
from newsmirror.pipelines.dedup import final_record
from newsmirror.store import CopyRecord, open_store
from tests.test_dedup_template import article_record

ORIGINAL = "http://www.paper.example/2026/12/01/harbour"

ARTICLE = [
    "The harbour authority of Kestrel Bay said on Tuesday that dredging of the northern channel "
    "would start in March and cost 48 million euros, shared between the port and the region.",
    "Harbour master Ingrid Salvesen told reporters that ships drawing more than 12 metres had "
    "been turned away 31 times last year, most of them container feeders bound for Norway.",
    "Fishermen from Lindholm and Osterby asked for the work to pause during the herring season, "
    "from late August to October, when the boats use the channel at night.",
    "The regional council will vote on its 19 million euro share on January 14, after hearings "
    "in Kestrel Bay, Lindholm and the island of Varde.",
    "Environmental group Blue Coast Watch said it would ask the courts to review the permit, "
    "citing a 2019 survey of eelgrass beds near the channel mouth.",
]
# What the newspaper's page adds around the article, that extraction kept: related headlines.
CHROME = [
    "MORE FROM THE COAST: Ferry operator Nordlys adds a third daily crossing to Varde from May, "
    "with tickets on sale next week at 22 euros.",
    "WEATHER WATCH: Forecasters expect the first autumn storm to reach the western fjords on "
    "Friday, with gusts of 90 kilometres an hour at Cape Hallen.",
]


def prints(copies: dict[str, list[str]]) -> dict[str, Fingerprint]:
    return {url: Fingerprint.of(paragraphs) for url, paragraphs in copies.items()}


def test_paragraphs_no_copy_on_two_other_sites_carries_are_dropped() -> None:
    page = [*ARTICLE, *CHROME]
    copies = prints(
        {
            "http://mirror-a.example/harbour/": ARTICLE,
            "http://mirror-b.example/2026/harbour.html": ARTICLE,
        }
    )
    assert agreed(page, ORIGINAL, copies) == ARTICLE


def test_one_other_site_is_not_enough() -> None:
    page = [*ARTICLE, *CHROME]
    one_site = prints(
        {"http://mirror-a.example/harbour/": ARTICLE, "http://mirror-a.example/amp/": ARTICLE}
    )
    assert agreed(page, ORIGINAL, one_site) is page
    # Copies on the site the story is read from say nothing of that site's chrome.
    own_site = prints(
        {"http://mirror-a.example/harbour/": ARTICLE, "http://www.paper.example/amp/": ARTICLE}
    )
    assert agreed(page, ORIGINAL, own_site) is page


def test_a_paragraph_one_copy_carries_stays() -> None:
    page = [*ARTICLE, *CHROME]
    copies = prints(
        {
            "http://mirror-a.example/harbour/": ARTICLE,
            "http://mirror-b.example/harbour/": [*ARTICLE, CHROME[1]],
        }
    )
    assert agreed(page, ORIGINAL, copies) == [*ARTICLE, CHROME[1]]


def test_a_paragraph_the_copies_carry_reworded_stays() -> None:
    reworded = [
        ARTICLE[0],
        ARTICLE[1].replace("told reporters", "said"),
        ARTICLE[2].replace("late August", "the end of August"),
        *ARTICLE[3:],
    ]
    copies = prints(
        {"http://mirror-a.example/h/": reworded, "http://mirror-b.example/h/": reworded}
    )
    assert agreed(ARTICLE, ORIGINAL, copies) is ARTICLE
    # Each reworded paragraph is estimated mostly present, a paragraph the copies lack absent.
    fp = copies["http://mirror-a.example/h/"]
    assert missing_share(ARTICLE[1], fp)[0] < 0.5
    assert missing_share(CHROME[0], fp)[0] >= 0.5
    assert missing_share(ARTICLE[4], fp) == (0.0, 0)


def test_excerpts_say_nothing_of_the_rest_of_the_text() -> None:
    """Copies carrying the first paragraphs only (a feed's excerpt) do not cover the text."""
    copies = prints(
        {"http://mirror-a.example/h/": ARTICLE[:2], "http://mirror-b.example/h/": ARTICLE[:2]}
    )
    assert agreed(ARTICLE, ORIGINAL, copies) is ARTICLE


def test_copies_never_take_more_than_half_of_the_text() -> None:
    page = [*ARTICLE[:3], *[c + " " + c for c in CHROME], *CHROME]
    copies = prints(
        {"http://mirror-a.example/h/": ARTICLE, "http://mirror-b.example/h/": ARTICLE[:3]}
    )
    assert agreed(page, ORIGINAL, copies) is page


# Short lines of the page around and inside the article: a sub-heading the feed carries too, and
# the page's own calls and labels, which no feed carries.
SUBHEADING = "The vote in January"
PAGE_LINES = ["Comments", "Read more:", "Join the conversation"]


def test_short_lines_no_copy_carries_are_dropped_those_they_carry_stay() -> None:
    body = [*ARTICLE[:3], SUBHEADING, *ARTICLE[3:]]
    page = [*body[:2], PAGE_LINES[1], *body[2:], *PAGE_LINES[::2]]
    copies = prints({"http://mirror-a.example/h/": body, "http://mirror-b.example/h/": body})
    assert agreed(page, ORIGINAL, copies) == body
    # A line one of the copies carries stays.
    copies["http://mirror-b.example/h/"] = Fingerprint.of([*body, "Comments"])
    assert agreed(page, ORIGINAL, copies) == [*body, "Comments"]


def test_a_line_the_copies_run_together_with_the_next_stays() -> None:
    """The page sets apart what the copies' importer joined into one paragraph."""
    split = ARTICLE[1].split(", most of them ")
    page = [ARTICLE[0], split[0] + ",", "most of them " + split[1], *ARTICLE[2:], "Comments"]
    copies = prints({"http://mirror-a.example/h/": ARTICLE, "http://mirror-b.example/h/": ARTICLE})
    assert agreed(page, ORIGINAL, copies) == page[:-1]


def test_copies_whose_paragraphs_break_elsewhere_still_judge_the_text() -> None:
    """Not one paragraph of the copies is the page's word for word (the page breaks each in
    two), yet they hold the whole text: what none of them carries is the page's own."""
    halves = [part for p in ARTICLE for part in p.split(", ", 1)]
    page = [*halves, "Read more:", CHROME[0]]
    copies = prints({"http://mirror-a.example/h/": ARTICLE, "http://mirror-b.example/h/": ARTICLE})
    assert agreed(page, ORIGINAL, copies) == halves


def test_prints_kept_before_lines_were_cannot_judge_short_lines() -> None:
    page = [*ARTICLE, "Comments"]

    def as_kept_before(fp: Fingerprint) -> bytes:
        head = json.dumps([fp.size, list(fp.paragraphs), list(fp.entities)]).encode()
        return head + b"\n" + fp.to_bytes()

    urls = ["http://mirror-a.example/h/", "http://mirror-b.example/h/"]
    old = {url: Fingerprint.unpack(as_kept_before(Fingerprint.of(ARTICLE))) for url in urls}
    assert all(fp.lines == () and fp.paragraphs for fp in old.values())
    assert agreed(page, ORIGINAL, old) is page


def test_a_print_keeps_its_lines() -> None:
    fp = Fingerprint.of([*ARTICLE, "Comments"])
    assert len(fp.lines) == len(ARTICLE) + 1
    again = Fingerprint.unpack(fp.pack())
    assert again.lines == fp.lines
    assert again.paragraphs == fp.paragraphs
    assert (again.signature == fp.signature).all()


def test_the_written_story_loses_what_its_copies_lack_in_any_order(tmp_path: Path) -> None:
    pages = {
        ORIGINAL: (None, [*ARTICLE, *CHROME]),
        "http://mirror-a.example/harbour/": ({"domain": "paper.example", "url": ORIGINAL}, ARTICLE),
        "http://mirror-b.example/harbour/": ({"domain": "paper.example", "url": ORIGINAL}, ARTICLE),
    }
    written = set()
    for n, order in enumerate(itertools.permutations(pages)):
        store = open_store(f"sqlite:///{tmp_path}/{n}.db")
        dedup = Deduplicator(store)
        for url in order:
            origin, paragraphs = pages[url]
            site = url.split("/")[2]
            record = article_record(ORIGINAL, site, origin, paragraphs, "Channel dredging")
            copy = CopyRecord(url, site, None, "x", 1.0)
            dedup.place(
                record,
                paragraphs,
                copy,
                ORIGINAL if origin else None,
                "paper.example" if origin else None,
            )
        [stored] = list(store.iter_stories())
        assert stored.record["text"] == "\n\n".join([*ARTICLE, *CHROME])  # the store keeps all
        story, check = final_record(store, stored, {})
        assert story.text_source == "original"
        assert check.coherent
        written.add(story.text)
        store.close()
    assert written == {"\n\n".join(ARTICLE)}
