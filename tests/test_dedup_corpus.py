"""Deduplication on a 1,000-page labelled corpus: the quality bar of issue 4."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from tests.dedup_corpus import evaluate
from tests.redis_server import RedisServer


@pytest.mark.parametrize("seed", [4, 9])
def test_pairwise_precision_and_recall_on_1000_pages(seed: int) -> None:
    figures = evaluate(seed=seed, stories=320)
    assert figures["pages"] >= 1000
    assert figures["pairwise_precision"] >= 0.995, figures
    assert figures["pairwise_recall"] >= 0.98, figures


def test_three_workers_placing_at_once_into_redis_form_the_same_stories(
    redis_server: RedisServer,
) -> None:
    """Copies of one story placed by different workers at the same moment end in one story."""
    alone = evaluate(seed=4, stories=120)
    uri = f"{redis_server.url}?prefix=c{uuid.uuid4().hex[:12]}"
    together = evaluate(seed=4, stories=120, store_uri=uri, workers=3)
    assert together == alone


def test_three_workers_placing_at_once_into_one_sqlite_file_form_the_same_stories(
    tmp_path: Path,
) -> None:
    alone = evaluate(seed=4, stories=120)
    together = evaluate(seed=4, stories=120, store_uri=f"sqlite:///{tmp_path}/s.db", workers=3)
    assert together == alone
