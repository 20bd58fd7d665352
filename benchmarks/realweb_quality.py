"""Benchmark: extraction quality and speed on the realweb pages, newsmirror beside trafilatura.

Runs newsmirror's extraction as ``scrapy extract`` runs it (:func:`newsmirror.extract.record.
extract_record`: decode, parse, metadata, classification, main text, origin; with the manifest's URL
as ``--url``, else the page's own canonical) and plain ``trafilatura.bare_extraction(body, url=...,
with_metadata=True)`` over every page of ``../shared/realweb`` (974 pages from the fundus,
readability and trafilatura test suites), in the same run: the pages are read into memory first and
the two extractors take turns page by page (alternating which goes first), and each is timed in
CPU seconds of this process (``time.process_time``), so other work on the machine weighs on neither,
after an untimed pass of both over every tenth page (one-time costs are not per-page work). Both outputs are scored by the realweb ``score.py``; the table gives pages lost to an
exception, body F1 (fundus, readability), snippet F1 (trafilatura), publication date (same day) and
title (exact) over all pages, the share of fundus pages (all articles) newsmirror classifies
``article``, and pages/s. Targets (issue 16): newsmirror >= trafilatura on every quality row, titles
>= 0.72, >= 99% of fundus pages classified article, speed >= 1.0x.

    .venv/bin/python benchmarks/realweb_quality.py [--realweb ../shared/realweb] [--out DIR]

``--out`` (default ``benchmarks/results/realweb``) keeps both prediction files and ``score.py
--per-page`` tables (``newsmirror.tsv``, ``trafilatura.tsv``) to find where one loses to the other.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from newsmirror.extract.record import extract_record  # noqa: E402
from newsmirror.origin import load_publishers  # noqa: E402
from newsmirror.registry import load_sites  # noqa: E402

SOURCES = ("fundus", "readability", "trafilatura")


def load_pages(realweb: Path) -> list[dict[str, Any]]:
    pages = []
    for source in SOURCES:
        with (realweb / f"{source}.jsonl").open(encoding="utf-8") as lines:
            for line in lines:
                rec = json.loads(line)
                rec["body"] = gzip.decompress((realweb / rec["file"]).read_bytes())
                pages.append(rec)
    return pages


def run_newsmirror(page: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    record = extract_record(
        page["body"], state["publishers"], url=page["url"], path=page["file"], sites=state["sites"]
    )
    return {
        "text": record.text,
        "title": record.title,
        "authors": record.authors,
        "published": record.published,
        "kind": record.kind,
        "error": record.error,
    }


def run_trafilatura(page: dict[str, Any], state: dict[str, Any]) -> dict[str, Any]:
    try:
        doc = trafilatura.bare_extraction(page["body"], url=page["url"], with_metadata=True)
    except Exception as exc:
        return {"text": "", "title": None, "authors": [], "published": None, "error": repr(exc)}
    if doc is None:
        return {"text": "", "title": None, "authors": [], "published": None, "error": None}
    author = getattr(doc, "author", None) or ""
    return {
        "text": getattr(doc, "text", None) or "",
        "title": getattr(doc, "title", None),
        "authors": [a.strip() for a in author.split(";") if a.strip()],
        "published": getattr(doc, "date", None),
        "error": None,
    }


def score(realweb: Path, preds: Path, per_page: Path) -> dict[str, Any]:
    summary = preds.with_suffix(".score.json")
    subprocess.run(
        [
            sys.executable,
            str(realweb / "score.py"),
            "--manifest-dir",
            str(realweb),
            "--pred",
            str(preds),
            "--per-page",
            str(per_page),
            "--json-out",
            str(summary),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    result: dict[str, Any] = json.loads(summary.read_text("utf-8"))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--realweb", type=Path, default=ROOT.parent / "shared" / "realweb")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "realweb")
    args = parser.parse_args()
    if not (args.realweb / "score.py").is_file():
        sys.exit(f"no realweb pages at {args.realweb}")
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # "discarding data" on each page
    args.out.mkdir(parents=True, exist_ok=True)
    pages = load_pages(args.realweb)
    state = {"publishers": load_publishers(), "sites": load_sites()}
    runners = {"newsmirror": run_newsmirror, "trafilatura": run_trafilatura}
    seconds = dict.fromkeys(runners, 0.0)
    outputs: dict[str, list[dict[str, Any]]] = {name: [] for name in runners}
    # An untimed pass over every tenth page first: one-time costs (imports, dateparser compiling
    # its locale patterns on first use, in the date finder both call) are not per-page work.
    for page in pages[::10]:
        for run in runners.values():
            run(page, state)
    for i, page in enumerate(pages):
        order = list(runners) if i % 2 == 0 else list(reversed(runners))
        for name in order:
            start = time.process_time()
            out = runners[name](page, state)
            seconds[name] += time.process_time() - start
            outputs[name].append({"id": page["id"], "source": page["source"], **out})
    results = {}
    for name, outs in outputs.items():
        preds = args.out / f"{name}.jsonl"
        with preds.open("w", encoding="utf-8") as f:
            for out in outs:
                f.write(json.dumps(out, ensure_ascii=False) + "\n")
        results[name] = score(args.realweb, preds, args.out / f"{name}.tsv")

    def row(label: str, values: dict[str, str]) -> str:
        return f"| {label} | {values['newsmirror']} | {values['trafilatura']} |"

    def metric(get: Any) -> dict[str, str]:
        return {name: f"{get(results[name]):.3f}" for name in runners}

    lost = {name: sum(o["error"] is not None for o in outs) for name, outs in outputs.items()}
    fundus = [o for o in outputs["newsmirror"] if o["source"] == "fundus"]
    articles = sum(o["kind"] == "article" for o in fundus)
    rate = {name: len(pages) / seconds[name] for name in runners}
    n = {src: results["newsmirror"][src]["pages"] for src in SOURCES}
    print(f"realweb: {len(pages)} pages, trafilatura {trafilatura.__version__}, same run")
    print()
    print("| measure | newsmirror | trafilatura alone |")
    print("|---|---|---|")
    print(
        row(
            "pages that raise an exception (page lost)",
            {k: f"{v} ({100 * v / len(pages):.1f}%)" for k, v in lost.items()},
        )
    )
    print(
        row(f"body F1, fundus pages ({n['fundus']})", metric(lambda r: r["fundus"]["body"]["f1"]))
    )
    print(
        row(
            f"body F1, readability pages ({n['readability']})",
            metric(lambda r: r["readability"]["body"]["f1"]),
        )
    )
    print(
        row(
            f"snippet F1, trafilatura pages ({n['trafilatura']})",
            metric(lambda r: r["trafilatura"]["snippets"]["f1"]),
        )
    )
    print(row("publication date, same day", metric(lambda r: r["ALL"]["date"]["match"])))
    print(row("title exact", metric(lambda r: r["ALL"]["title"]["match"])))
    print(row("authors (same set)", metric(lambda r: r["ALL"]["authors"]["match"])))
    print(
        row(
            "fundus pages (all articles) classified `article`",
            {
                "newsmirror": f"{articles} of {len(fundus)} ({100 * articles / len(fundus):.1f}%)",
                "trafilatura": "—",
            },
        )
    )
    print(
        row(
            "pages/s (per-page work, CPU time, same run)",
            {k: f"{v:.1f}" for k, v in rate.items()},
        )
    )
    print()
    print(
        f"speed: newsmirror at {rate['newsmirror'] / rate['trafilatura']:.2f}x the pages/s of "
        "trafilatura.bare_extraction(with_metadata=True)"
    )
    print(f"per-page tables: {args.out}/newsmirror.tsv, {args.out}/trafilatura.tsv")


if __name__ == "__main__":
    main()
