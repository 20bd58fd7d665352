"""A page its copies name, which credits no one, on a site that reposts: no established origin."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newsmirror.dedup.index import Deduplicator
from newsmirror.dedup.reposts import MIN_PAGES, credits_another, written_origin
from newsmirror.dedup.template import PAGES, REPOSTS, learn, template
from newsmirror.pipelines.dedup import final_record
from newsmirror.store import CopyRecord, open_store
from tests.test_dedup_template import article_record, story

FARM = "http://farm-a.example/2026/12/01/heat-shield/"
IMPORTER = "http://importer-b.example/2026/12/01/heat-shield/"


def named_story(url: str = FARM) -> dict[str, Any]:
    """A story read from ``url``'s page, which its copies name and which credits no one."""
    return {
        "canonical_url": url,
        "site": "farm-a.example",
        "text_source": "original",
        "origin": {
            "domain": "farm-a.example",
            "name": None,
            "url": url,
            "method": "canonical",
            "confidence": 0.92,
            "evidence": [],
            "verified": True,
        },
    }


@pytest.mark.parametrize(
    ("origin", "credits"),
    [
        ({"domain": "paper.example", "name": "The Paper"}, True),
        ({"domain": None, "name": "Some Unknown Gazette"}, True),  # named, not in the table
        ({"domain": "farm-a.example", "name": None}, False),  # its own site
        (None, False),
    ],
)
def test_a_page_credits_another_publisher_by_domain_or_name(
    origin: dict[str, Any] | None, credits: bool
) -> None:
    assert credits_another("www.farm-a.example", origin) is credits


def test_a_named_page_on_a_site_that_mostly_reposts_is_no_established_origin() -> None:
    written = written_origin(named_story(), {PAGES: 12, REPOSTS: 6})
    assert written is not None
    assert (written["domain"], written["url"], written["verified"]) == (None, None, False)
    assert written["via"] == "farm-a.example"
    assert FARM in written["reason"]
    assert "6 of the 12 pages" in written["reason"]


@pytest.mark.parametrize(
    "counts",
    [
        {PAGES: 12, REPOSTS: 3},  # a site writing its own stories, a few reposts beside them
        {PAGES: MIN_PAGES - 1, REPOSTS: MIN_PAGES - 1},  # too few pages to tell
        {},
    ],
)
def test_a_named_page_keeps_its_origin_unless_its_site_is_shown_to_repost(
    counts: dict[str, int],
) -> None:
    record = named_story()
    assert written_origin(record, counts) is record["origin"]


def test_only_a_story_read_from_the_page_it_names_is_concerned() -> None:
    counts = {PAGES: 12, REPOSTS: 12}
    elsewhere = {**named_story(), "origin": {**named_story()["origin"], "domain": "paper.example"}}
    assert written_origin(elsewhere, counts) is elsewhere["origin"]  # credits a newspaper
    copy_text = {**named_story(), "text_source": "copy"}  # the named page is not the text's
    assert written_origin(copy_text, counts) is copy_text["origin"]
    assert written_origin({**named_story(), "origin": None}, counts) is None


def test_a_sites_reposts_are_counted_once_per_page_and_are_no_template(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path}/s.db")
    for n in range(4):
        url = f"http://farm-a.example/{n}/"
        learn(store, "farm-a.example", url, story(n), reposted=n < 3)
        store.mark_url(url, "article", "2026-12-01T00:00:00+00:00")
    learn(store, "farm-a.example", "http://farm-a.example/0/", story(0), reposted=True)
    counts = store.block_counts("farm-a.example")
    assert (counts[PAGES], counts[REPOSTS]) == (4, 3)
    assert REPOSTS not in template(counts)
    store.close()


def place_chain(store_path: Path, reposts: int, order: list[str]) -> dict[str, Any] | None:
    """The farm's uncredited page and an importer's copy naming it, placed in ``order``, on a
    farm of 12 pages counted, ``reposts`` of them crediting another publisher; the origin the
    story is written with."""
    store = open_store(f"sqlite:///{store_path}")
    for n in range(12):
        learn(store, "farm-a.example", f"http://farm-a.example/p{n}/", story(n + 10), n < reposts)
    dedup = Deduplicator(store)
    for url in order:
        site = url.split("/")[2]
        origin = (
            None
            if url == FARM
            else {"domain": "farm-a.example", "url": FARM, "method": "canonical", "name": None}
        )
        record = article_record(FARM, site, origin, story(1), "A heat shield for the ice")
        copy = CopyRecord(url, site, None, "x", 1.0)
        placement = dedup.place(record, story(1), copy, FARM if origin else None, None)
        store.mark_url(url, "article", "x", placement.story_id)
        if placement.promote:
            farm = {**record, "origin": None, "text_source": "original", "site": "farm-a.example"}
            dedup.place(farm, story(1), CopyRecord(FARM, "farm-a.example", None, "x", 1.0))
    [stored] = list(store.iter_stories())
    written, _ = final_record(store, stored, {})
    store.close()
    return written.origin


def export(store_path: Path, *args: str) -> list[dict[str, Any]]:
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", "stories", "--store", f"sqlite:///{store_path}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.mark.parametrize("order", [[FARM, IMPORTER], [IMPORTER, FARM]])
def test_a_chain_to_an_aggregators_uncredited_page_is_written_without_origin(
    tmp_path: Path, order: list[str]
) -> None:
    origin = place_chain(tmp_path / "farm.db", reposts=9, order=order)
    assert origin is not None
    assert (origin["domain"], origin["verified"], origin["via"]) == (None, False, "farm-a.example")
    [exported] = export(tmp_path / "farm.db", "-o", "-")
    assert exported["origin"] == origin
    # Asked for the stories of farm-a.example, the export gives none: it says of none of them
    # that they come from there.
    assert export(tmp_path / "farm.db", "--origin", "farm-a.example", "-o", "-") == []
    # The same chain to a site that writes its own stories credits that site.
    origin = place_chain(tmp_path / "own.db", reposts=1, order=order)
    assert origin is not None
    assert (origin["domain"], origin["url"]) == ("farm-a.example", FARM)
