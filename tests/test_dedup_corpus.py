"""Deduplication on a 1,000-page labelled corpus: the quality bar of issue 4."""

from __future__ import annotations

import pytest

from tests.dedup_corpus import evaluate


@pytest.mark.parametrize("seed", [4, 9])
def test_pairwise_precision_and_recall_on_1000_pages(seed: int) -> None:
    figures = evaluate(seed=seed, stories=320)
    assert figures["pages"] >= 1000
    assert figures["pairwise_precision"] >= 0.995, figures
    assert figures["pairwise_recall"] >= 0.98, figures
