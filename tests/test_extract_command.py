"""`scrapy extract`: saved pages (files, gzip'd files, folders) to JSON Lines, as users run it."""

from __future__ import annotations

import gzip
import json
import subprocess
from pathlib import Path
from typing import Any

from tests.crawl import ROOT, SCRAPY
from tests.realweb import needs_realweb, real_pages

PAGES = ROOT / "tests" / "pages"
FIELDS = [
    "path",
    "url",
    "kind",
    "title",
    "text",
    "authors",
    "published",
    "modified",
    "language",
    "origin",
    "error",
]


def extract(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SCRAPY, "extract", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def lines(text: str) -> list[dict[str, Any]]:
    records = [json.loads(line) for line in text.splitlines() if line.strip()]
    for record in records:
        assert list(record) == FIELDS
    return records


def test_a_folder_of_saved_pages_gives_one_line_each(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    run = extract(str(PAGES), "-o", str(out))
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout == ""
    records = {Path(r["path"]).parent.name: r for r in lines(out.read_text("utf-8"))}
    folders = sorted(p.name for p in PAGES.iterdir() if (p / "input.html").is_file())
    assert sorted(records) == folders
    for name, record in records.items():
        expected = json.loads((PAGES / name / "expected.json").read_text("utf-8"))
        assert record["error"] is None
        if expected["kind"] == "article":  # pages without their URL: kinds may differ elsewhere
            assert record["kind"] == "article", name
            assert record["title"] == expected["title"]
            for opening in expected["paragraphs"]:
                assert opening in record["text"]
    # No --url: the page's canonical link (ghost_blog names one), else null.
    assert records["ghost_blog"]["url"] == "https://coastline.example/harbour-ferry-fares-to-rise/"
    assert records["drupal_news"]["url"] is None
    assert f"Extracted {len(folders)} pages: " in run.stderr


def test_url_gives_the_page_its_address_as_a_crawl_would(tmp_path: Path) -> None:
    folder = PAGES / "listing_home"
    expected = json.loads((folder / "expected.json").read_text("utf-8"))
    run = extract(str(folder / "input.html"), "--url", expected["url"])
    assert run.returncode == 0, run.stderr[-2000:]
    [record] = lines(run.stdout)  # stdout without -o
    assert record["url"] == expected["url"]
    assert record["kind"] == expected["kind"] == "listing"
    assert record["error"] is None


def test_bad_pages_give_an_error_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "a-nul-only.html").write_bytes(b"\x00" * 64)
    (folder / "b-broken.html.gz").write_bytes(b"\x1f\x8b\x08\x00not gzip at all")
    (folder / "c-doctype-only.htm").write_bytes(b"<!DOCTYPE html>")
    (folder / "d-good.html.gz").write_bytes(
        gzip.compress((PAGES / "ghost_blog" / "input.html").read_bytes())
    )
    (folder / "notes.txt").write_text("not a page")
    missing = tmp_path / "missing.html"
    run = extract(str(folder), str(missing))
    assert run.returncode == 1  # a path given that does not exist
    records = lines(run.stdout)
    assert [Path(r["path"]).name for r in records] == [
        "a-nul-only.html",
        "b-broken.html.gz",
        "c-doctype-only.htm",
        "d-good.html.gz",
        "missing.html",
    ]
    errors = [r["error"] for r in records]
    assert errors[0] == "PageError: empty document"
    assert errors[1].startswith(f"{folder / 'b-broken.html.gz'} is not a readable gzip file")
    assert errors[2] == "PageError: empty document"
    assert errors[3] is None
    assert records[3]["kind"] == "article"
    assert records[3]["title"] == "Harbour ferry fares to rise in spring"
    assert errors[4].startswith(f"cannot read {missing}")
    for error in errors:
        assert error is None or "\n" not in error
    assert "Traceback" not in run.stderr
    assert "Extracted 5 pages: 1 article, 4 with an error" in run.stderr


@needs_realweb
def test_real_gzipped_pages_read_their_own_address_and_fields() -> None:
    pages = [p for p in real_pages() if p.source == "fundus"][:5]
    run = extract(*(str(p.file) for p in pages))
    assert run.returncode == 0, run.stderr[-2000:]
    records = lines(run.stdout)
    assert [r["path"] for r in records] == [str(p.file) for p in pages]
    for record in records:
        assert record["error"] is None
        assert record["kind"] in ("article", "listing", "shell", "other")
        assert str(record["url"]).startswith("http")  # each names its canonical or og:url
        assert record["text"]
    # Titles as the pages' publishers give them (fundus's expected values), for most.
    same = sum(r["title"] == p.expected["title"] for p, r in zip(pages, records, strict=True))
    assert same >= 3
