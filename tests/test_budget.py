"""The page budget's ledger in JOBDIR (newsmirror/budget.py), read back as a resumed crawl reads it.

The crawls themselves (paused, killed, resumed) are in tests/test_bombs_redirects_traps.py.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import pytest

from newsmirror.budget import PageBudget


def _fp(page: str) -> bytes:
    return hashlib.sha1(page.encode()).digest()  # the shape of Scrapy's fingerprints


def test_a_resumed_budget_goes_on_with_the_pages_charged_before(tmp_path: Path) -> None:
    ledger = tmp_path / "job" / "newsmirror.budget"
    first = PageBudget(3, ledger)
    assert first.open() == 0
    assert first.charge("a.example", _fp("1"))
    assert first.charge("a.example", _fp("2"))
    assert not first.charge("a.example", _fp("2"))  # a page costs once
    assert first.charge("b.example", _fp("3"))
    # No close: a killed crawl never closes; every charge is already in the file.
    resumed = PageBudget(3, ledger)
    assert resumed.open() == 3
    assert (resumed.pages["a.example"], resumed.pages["b.example"]) == (2, 1)
    assert resumed.charged(_fp("1"))
    assert not resumed.charge("a.example", _fp("1"))
    assert resumed.charge("a.example", _fp("4"))
    assert resumed.spent("a.example")
    assert not resumed.spent("b.example")
    resumed.close()
    first.close()


def test_a_torn_last_line_is_cut_off_and_the_next_page_starts_a_line_of_its_own(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    ledger = tmp_path / "newsmirror.budget"
    whole = f"a.example\t{_fp('1').hex()}\n"
    torn = "a.example\tdeadbe"
    ledger.write_text(whole + torn)
    budget = PageBudget(10, ledger)
    with caplog.at_level(logging.WARNING, logger="newsmirror.budget"):
        assert budget.open() == 1
    assert f"ended with a torn line ({len(torn)} bytes): cut off" in caplog.text
    assert budget.charge("a.example", _fp("2"))
    budget.close()
    assert ledger.read_text() == whole + f"a.example\t{_fp('2').hex()}\n"
    assert PageBudget(10, ledger).open() == 2


def test_a_malformed_line_is_skipped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    ledger = tmp_path / "newsmirror.budget"
    ledger.write_text(f"not a ledger line\na.example\t{_fp('1').hex()}\n\tzz\n")
    with caplog.at_level(logging.WARNING, logger="newsmirror.budget"):
        assert PageBudget(10, ledger).open() == 1
    assert caplog.text.count("Ignored a malformed line") == 2


def test_without_a_jobdir_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # In an empty working directory, where a ledger without a JOBDIR would land if one were kept.
    monkeypatch.chdir(tmp_path)
    budget = PageBudget(1, None)
    assert budget.open() == 0
    assert budget.charge("a.example", _fp("1"))
    assert not budget.charge("a.example", _fp("1"))  # counted in memory all the same
    assert budget.spent("a.example")
    budget.close()
    assert list(tmp_path.iterdir()) == []
    # The same steps with a ledger do write one: the check above can see a write.
    with_ledger = PageBudget(1, tmp_path / "job" / "newsmirror.budget")
    with_ledger.open()
    with_ledger.charge("a.example", _fp("1"))
    with_ledger.close()
    assert [p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()] == [
        Path("job/newsmirror.budget")
    ]
