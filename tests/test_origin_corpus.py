"""Origin detection on the labelled corpus: the quality bar of issue 3."""

from __future__ import annotations

from collections import Counter

import pytest

from tests.origin_corpus import Case, Report, cases, evaluate, ratio

POSITIVE_FAMILIES = {
    "appeared-first",
    "yoast",
    "yoast-de",
    "yoast-fr",
    "yoast-es",
    "yoast-it",
    "yoast-pt",
    "yoast-nl",
    "aioseo",
    "originally-published-this-site",
    "originally-published",
    "originally-appeared",
    "first-appeared",
    "first-published-by",
    "read-original",
    "content-originally-published-here",
    "republished-permission",
    "republished-cc",
    "source-line",
    "via-line",
    "canonical",
    "og-url",
    "syndication-source",
    "original-source",
    "jsonld-isbasedon",
    "jsonld-source-org",
    "jsonld-wire",
}
NEGATIVE_FAMILIES = {"neg-phrase", "neg-self-canonical", "neg-none", "neg-googlebot-only"}


@pytest.fixture(scope="module")
def corpus() -> list[Case]:
    return cases()


@pytest.fixture(scope="module")
def report(corpus: list[Case]) -> Report:
    return evaluate(corpus)


def test_corpus_covers_every_family_and_placement(corpus: list[Case]) -> None:
    families = Counter(case.family for case in corpus)
    assert set(families) >= POSITIVE_FAMILIES | NEGATIVE_FAMILIES
    assert sum(case.expected_domain is not None for case in corpus) >= 400
    assert sum(case.expected_domain is None for case in corpus) >= 100
    placements = {case.placement for case in corpus if case.attribution_line}
    assert {
        "own-paragraph",
        "source-div",
        "em",
        "end-of-last-paragraph",
        "after-body",
    } <= placements
    assert {case.linked for case in corpus if case.attribution_line} == {True, False}
    assert len({case.id for case in corpus}) == len(corpus)


def test_corpus_is_deterministic() -> None:
    assert cases() == cases()


def test_origin_domain_precision_and_recall(report: Report) -> None:
    total = report.total()
    precision = ratio(total.correct, total.predicted)
    recall = ratio(total.correct, total.positives)
    domain_failures = [
        f for f in total.failures if "expected URL" not in f and "stripping" not in f
    ]
    assert precision >= 0.995, domain_failures[:10]
    assert recall >= 0.98, domain_failures[:10]


def test_exact_original_url_when_the_page_links_it(report: Report) -> None:
    total = report.total()
    assert ratio(total.url_correct, total.url_cases) >= 0.99, [
        f for f in total.failures if "expected URL" in f
    ][:10]


def test_stripping_keeps_every_story_sentence_and_removes_the_line(report: Report) -> None:
    total = report.total()
    assert total.strip_ok == total.strip_cases, [f for f in total.failures if "stripping" in f][:10]
