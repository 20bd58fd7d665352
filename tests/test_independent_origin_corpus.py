"""The independent origin corpus (``tests/independent_origin_corpus.py``) checked as a corpus.

It was written from the issue's specification by a separate author, without looking at the
detector. These tests check the corpus itself (size, coverage, determinism, well-formed pages,
labels that agree with the publisher table). The detector's scores on it are reported by
``benchmarks/independent_origin_quality.py``; the last tests hold the detector to the bar of
issue 3 on it.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import lxml.html
import pytest

from newsmirror.urls import registrable_domain
from tests.independent_origin_corpus import (
    NEGATIVE_FAMILIES,
    POSITIVE_FAMILIES,
    Case,
    Report,
    all_pubs,
    cases,
    evaluate,
    norm,
    oracle_detector,
)

PUBLISHERS_JSON = Path(__file__).resolve().parent.parent / "newsmirror" / "data" / "publishers.json"

PRECISION_BAR = 0.995
RECALL_BAR = 0.98
URL_BAR = 0.99


@pytest.fixture(scope="module")
def corpus() -> list[Case]:
    return cases()


@pytest.fixture(scope="module")
def report(corpus: list[Case]) -> Report:
    return evaluate(corpus)


# The corpus -----------------------------------------------------------------------------------


def test_corpus_size_and_family_coverage(corpus: list[Case]) -> None:
    families = Counter(case.family for case in corpus)
    assert set(POSITIVE_FAMILIES) | set(NEGATIVE_FAMILIES) <= set(families)
    assert all(families[f] >= 10 for f in (*POSITIVE_FAMILIES, *NEGATIVE_FAMILIES)), families
    assert sum(case.positive for case in corpus) >= 400
    assert sum(not case.positive for case in corpus) >= 100
    assert families["hard"] >= 25
    assert all(not c.positive for c in corpus if c.family in NEGATIVE_FAMILIES)
    assert all(c.positive for c in corpus if c.family in POSITIVE_FAMILIES)
    assert len({case.id for case in corpus}) == len(corpus)


def test_corpus_varies_placement_language_and_links(corpus: list[Case]) -> None:
    placements = {c.placement for c in corpus if c.attribution_line}
    assert {
        "own-p",
        "source-div",
        "em",
        "i",
        "strong",
        "end-of-last-p",
        "after-body",
        "article-footer",
    } <= placements
    assert {c.language for c in corpus} == {"en", "de", "fr", "es", "it", "pt", "nl"}
    assert {c.linked for c in corpus if c.attribution_line} == {True, False}
    assert len({registrable_domain(c.url) for c in corpus}) >= 15
    assert len({c.expected_domain for c in corpus if c.positive}) >= 50


def test_corpus_is_deterministic(corpus: list[Case]) -> None:
    assert cases() == corpus
    assert cases(seed=1) != corpus


def _attribute_values(tree: lxml.html.HtmlElement) -> set[str]:
    values: set[str] = set()
    for element in tree.iter():
        if isinstance(element.tag, str):
            values.update(v for k, v in element.attrib.items() if k in ("href", "content"))
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        values.update(re.findall(r'"(https?://[^"]+)"', str(script)))
    return values


def test_every_case_is_a_well_formed_page_whose_labels_match_its_text(corpus: list[Case]) -> None:
    problems = []
    for case in corpus:
        tree = lxml.html.document_fromstring(case.html)
        body = tree.find("body")
        assert body is not None, case.id
        text = norm(body.text_content())
        if case.attribution_line is not None and norm(case.attribution_line) not in text:
            problems.append(f"{case.id}: attribution line not visible")
        problems += [f"{case.id}: keep {k!r} not visible" for k in case.keep if norm(k) not in text]
        if case.expected_url is not None:
            if case.expected_url not in _attribute_values(tree):
                problems.append(f"{case.id}: expected URL not in the page's links or markup")
            if registrable_domain(case.expected_url) != case.expected_domain:
                problems.append(f"{case.id}: expected URL is not on the expected domain")
        if case.expected_domain is not None:
            if registrable_domain(case.expected_domain) != case.expected_domain:
                problems.append(f"{case.id}: expected domain is not registrable")
            if registrable_domain(case.url) == case.expected_domain:
                problems.append(f"{case.id}: the copy is on the origin's own site")
    assert not problems, problems[:20]


def test_publisher_table_lists_every_publisher_the_corpus_names() -> None:
    entries = json.loads(PUBLISHERS_JSON.read_text("utf-8"))["publishers"]
    by_domain = {e["domain"]: e for e in entries}
    assert len(by_domain) == len(entries), "duplicate domains"
    assert 200 <= len(entries) <= 300  # the wires and papers, and fundus's newsrooms
    for entry in entries:
        assert registrable_domain(entry["domain"]) == entry["domain"], entry
        assert entry["kind"] in ("publisher", "wire"), entry
        assert isinstance(entry["aliases"], list), entry
    missing = []
    for pub in all_pubs():
        entry = by_domain.get(pub.domain)
        known = {n.casefold() for n in [entry["name"], *entry["aliases"]]} if entry else set()
        missing += [f"{pub.domain}: {n}" for n in pub.names if n.casefold() not in known]
    assert not missing, missing
    for domain in ("example-wire.com", "metro-chronicle.com", "journal-exemple.fr"):
        assert domain in by_domain
    assert by_domain["example-wire.com"]["kind"] == "wire"


def test_scoring_gives_a_perfect_detector_full_marks(corpus: list[Case]) -> None:
    perfect = evaluate(corpus, oracle_detector)
    assert not perfect.failures
    assert perfect.overall.precision == perfect.overall.recall == 1.0
    assert perfect.overall.url_accuracy == perfect.overall.strip_accuracy == 1.0


# The detector ---------------------------------------------------------------------------------


def test_origin_domain_precision(report: Report) -> None:
    overall = report.overall
    assert overall.precision >= PRECISION_BAR, (
        f"precision {overall.precision:.4f} ({overall.correct}/{overall.predicted}); "
        + report.describe("domain")
    )


def test_origin_domain_recall(report: Report) -> None:
    overall = report.overall
    assert overall.recall >= RECALL_BAR, (
        f"recall {overall.recall:.4f} ({overall.correct}/{overall.positives}); "
        + report.describe("domain")
    )


def test_exact_original_url_when_the_page_gives_it(report: Report) -> None:
    overall = report.overall
    assert overall.url_accuracy >= URL_BAR, (
        f"URL accuracy {overall.url_accuracy:.4f} ({overall.url_correct}/{overall.url_cases}); "
        + report.describe("url")
    )


def test_stripping_keeps_the_story_and_removes_the_attribution_line(report: Report) -> None:
    overall = report.overall
    assert overall.strip_ok == overall.strip_cases, (
        f"stripping right in {overall.strip_ok}/{overall.strip_cases}; " + report.describe("strip")
    )
