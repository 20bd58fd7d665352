"""Real crawls of the sample web's parse faults: broken markup and lying charsets on Babel Mirror.

Each faulty page either gives its article, read exactly like the original it copies, or is skipped
with a log line naming it and a stat; the crawl always finishes.
"""

from __future__ import annotations

from typing import Any

import pytest

from newsmirror.dedup.fingerprint import Fingerprint
from newsmirror.page import MAX_NESTING
from newsmirror.sampleweb.faults import CHARSET_FAULTS, MARKUP_FAULTS
from newsmirror.sampleweb.web import BABEL, INTL_ORIGINS
from tests.crawl import CrawlResult, run_crawl


def faulty_pages(truth: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in truth["pages"] if p.get("fault")]


def seeds(truth: dict[str, Any]) -> str:
    """Babel Mirror, the ru/zh/ja origins, and the English originals Babel Mirror copies."""
    originals = {s["id"]: s["url"] for s in truth["stories"]}
    english = {
        originals[p["story"]] for p in faulty_pages(truth) if p["story"] and p["language"] == "en"
    }
    homes = [f"http://{host}/" for host in (BABEL, *INTL_ORIGINS.values())]
    return ",".join([*homes, *sorted(english)])


def by_url(result: CrawlResult) -> dict[str, dict[str, Any]]:
    return {copy["url"]: item for item in result.items for copy in item["copies"]}


def paragraphs_of(item: dict[str, Any]) -> list[str]:
    return [p for p in item["text"].split("\n\n") if p]


@pytest.fixture(scope="module")
def crawled(
    tmp_path_factory: pytest.TempPathFactory, proxy_url: str, truth: dict[str, Any]
) -> CrawlResult:
    result = run_crawl(tmp_path_factory.mktemp("faults"), proxy_url, args={"url": seeds(truth)})
    assert result.returncode == 0, result.log[-3000:]
    assert result.stats["finish_reason"] == "finished"
    return result


@pytest.fixture(scope="module")
def stored(
    tmp_path_factory: pytest.TempPathFactory, proxy_url: str, truth: dict[str, Any]
) -> CrawlResult:
    tmp = tmp_path_factory.mktemp("faults-store")
    result = run_crawl(
        tmp,
        proxy_url,
        args={"url": seeds(truth)},
        settings={"NEWSMIRROR_STORE": f"sqlite:///{tmp}/store.db"},
    )
    assert result.returncode == 0, result.log[-3000:]
    return result


def test_the_sample_web_has_every_parse_fault(truth: dict[str, Any]) -> None:
    faults = {p["hostile"] for p in faulty_pages(truth)}
    assert faults == {
        "unclosed-tags",
        "deep-nesting",
        "nul-bytes",
        "cut-mid-tag",
        "nul-only",
        "cp1251-as-utf8",
        "gbk-as-utf8",
        "shift_jis-as-utf8",
        "utf8-as-cp1251",
        "utf8-as-gbk",
        "utf8-as-shift_jis",
        "charset-undecidable",
    }


def test_broken_markup_gives_the_article_as_written(
    crawled: CrawlResult, truth: dict[str, Any]
) -> None:
    items = by_url(crawled)
    broken = [p for p in faulty_pages(truth) if p["hostile"] in MARKUP_FAULTS]
    assert len(broken) == len(MARKUP_FAULTS)
    for page in broken:
        item = items.get(page["url"])
        assert item is not None, f"no item for {page['hostile']} page {page['url']}"
        assert item["title"] == page["title"]
        assert paragraphs_of(item) == page["paragraphs"], page["hostile"]
        assert "\x00" not in item["text"]


def test_a_cut_page_keeps_the_paragraphs_before_the_cut(
    crawled: CrawlResult, truth: dict[str, Any]
) -> None:
    cut = next(p for p in faulty_pages(truth) if p["hostile"] == "cut-mid-tag")
    story = next(s for s in truth["stories"] if s["id"] == cut["story"])
    kept = paragraphs_of(by_url(crawled)[cut["url"]])
    assert 3 <= len(kept) < len(story["paragraphs"])
    assert kept == story["paragraphs"][: len(kept)]


def test_deep_nesting_is_flattened_with_a_log_line_and_a_stat(
    crawled: CrawlResult, truth: dict[str, Any]
) -> None:
    deep = next(p for p in faulty_pages(truth) if p["hostile"] == "deep-nesting")
    assert crawled.stat("newsmirror/nesting_flattened") == 1
    assert (
        f"Flattened {deep['url']}: elements nested deeper than {MAX_NESTING} levels" in crawled.log
    )


def test_an_unparseable_page_is_a_parse_error_naming_its_url(
    crawled: CrawlResult, truth: dict[str, Any]
) -> None:
    blank = next(p for p in faulty_pages(truth) if p["hostile"] == "nul-only")
    assert crawled.stat("newsmirror/parse_error") == 1
    assert f"Skipped {blank['url']}: empty document" in crawled.log
    assert blank["url"] not in by_url(crawled)


def test_mislabelled_charsets_read_exactly_like_the_original(
    crawled: CrawlResult, truth: dict[str, Any]
) -> None:
    items = by_url(crawled)
    originals = {s["id"]: s for s in truth["stories"]}
    mislabelled = [p for p in faulty_pages(truth) if p["hostile"] in CHARSET_FAULTS]
    assert len(mislabelled) == 6
    for page in mislabelled:
        original = originals[page["story"]]
        copy, source = items[page["url"]], items[original["url"]]
        assert copy["title"] == original["title"]
        assert copy["text"] == source["text"], page["hostile"]
        assert paragraphs_of(copy) == original["paragraphs"]
        mine, theirs = Fingerprint.of(paragraphs_of(copy)), Fingerprint.of(original["paragraphs"])
        assert (mine.signature == theirs.signature).all()
        assert (mine.paragraphs, mine.entities) == (theirs.paragraphs, theirs.entities)
        assert f"Repaired charset of {page['url']}: declared " in crawled.log
    assert crawled.stat("newsmirror/charset_repaired") == 6


def test_an_undecidable_charset_is_skipped_never_garbled(
    crawled: CrawlResult, truth: dict[str, Any]
) -> None:
    page = next(p for p in faulty_pages(truth) if p["hostile"] == "charset-undecidable")
    assert crawled.stat("newsmirror/charset_undecidable") == 1
    assert f"Skipped {page['url']}: its charset cannot be decided" in crawled.log
    assert page["url"] not in by_url(crawled)
    for item in crawled.items:
        assert "\ufffd" not in item["text"] + item["title"], item["copies"][0]["url"]


def test_every_faulty_copy_joins_its_originals_story(
    stored: CrawlResult, truth: dict[str, Any]
) -> None:
    originals = {s["id"]: s["url"] for s in truth["stories"]}
    stories = by_url(stored)
    copies = [p for p in faulty_pages(truth) if p.get("story")]
    assert len(copies) == 10
    for page in copies:
        story = stories[page["url"]]
        assert originals[page["story"]] in {c["url"] for c in story["copies"]}, page["hostile"]
        assert story["text_source"] == "original"
    # One story per true story: the copies of one original are not split, nor others merged.
    assert len({stories[p["url"]]["id"] for p in copies}) == len({p["story"] for p in copies})


def test_faults_leave_the_rest_of_the_crawl_alone(crawled: CrawlResult) -> None:
    assert crawled.stat("log_count/ERROR") == 0
    assert crawled.stat("newsmirror/pages/article") == len(crawled.items)


def test_the_crawl_summary_counts_the_faults(crawled: CrawlResult) -> None:
    assert (
        "0 download errors, 1 unreadable pages, 0 oversized, 6 charsets repaired, "
        "1 undecidable, 1 too deep (flattened)"
    ) in crawled.log
