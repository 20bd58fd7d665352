"""A real crawl of the independent test web (tests/blindweb, written blind for issue 15), scored.

One ``scrapy crawl mirror`` over the web's ten aggregators (https through TLS tunnels on loopback),
one request at a time so that its figures are the same in every run, exported with ``scrapy
stories --check`` and scored by the web's own scorer. The floors below are the figures the code
reaches today: they catch a change that makes it worse. The issue's targets are tests of their
own (text F1 on copied stories: 0.970 against 0.97, the thinnest margin).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.blindweb.realweb import DEFAULT_REALWEB

if not (DEFAULT_REALWEB / "fundus.jsonl").is_file():
    pytest.skip(
        f"the blind web's originals are the realweb pages, not found at {DEFAULT_REALWEB}",
        allow_module_level=True,
    )

from benchmarks.blindweb import crawl_and_score
from benchmarks.webcrawl import DETERMINISTIC

# DETERMINISTIC: one request at a time, extraction in the crawl's process: pages come in one order, the same in
# every run and on a loaded machine, so the figures do not move with the machine's load (in a
# concurrent crawl, the order excerpts and their originals come in moves recall and text a little).


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    workdir = tmp_path_factory.mktemp("blindweb")
    return crawl_and_score(1, workdir, settings=DETERMINISTIC), workdir


def test_no_wrong_join_and_no_foreign_origin_beyond_todays(
    crawled: tuple[dict[str, Any], Path],
) -> None:
    result, _ = crawled
    clustering, text = result["clustering"], result["text"]
    diagnostics, largest = result["diagnostics"], result["largest_story"]
    assert clustering["pairwise_precision"] >= 0.995
    assert largest["truth_stories"] == 1
    assert largest["pages"] <= 10
    assert diagnostics["hard_negative_pairs_merged"] == 0
    assert diagnostics["pages_in_several_stories"] == 0
    assert diagnostics["non_article_pages_output"] == 0
    # This crawl's order is always the same (DETERMINISTIC): pairwise recall 0.998, origin
    # 0.996 / 0.984, text F1 0.970 / 0.961 (copied stories / own posts).
    assert text["copy_stories"]["f1"] >= 0.965
    assert text["own_stories"]["f1"] >= 0.955


def test_the_issues_clustering_and_origin_targets(crawled: tuple[dict[str, Any], Path]) -> None:
    result, _ = crawled
    assert result["clustering"]["pairwise_precision"] >= 0.995
    assert result["clustering"]["pairwise_recall"] >= 0.98
    assert result["origin"]["precision"] >= 0.995
    assert result["origin"]["recall"] >= 0.98


def test_no_story_is_incoherent(crawled: tuple[dict[str, Any], Path]) -> None:
    _, workdir = crawled
    done = subprocess.run(
        [
            *(sys.executable, "-m", "scrapy", "stories"),
            *(
                "--store",
                f"sqlite:///{workdir}/store.db",
                "--check",
                "-o",
                str(workdir / "c.jsonl"),
            ),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "0 incoherent stories" in done.stderr


def test_the_issues_text_target(crawled: tuple[dict[str, Any], Path]) -> None:
    result, _ = crawled
    assert result["text"]["copy_stories"]["f1"] >= 0.97
