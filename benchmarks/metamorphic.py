"""Score crawls of the sample web with its metamorphic switches on, against the truth and the plain web.

Crawls the plain sample web and the web with T1-T6 all on (docs/sampleweb.md, "Metamorphic
switches"), each with the real ``scrapy crawl mirror`` into a fresh story store, one crawl at a
time, and prints for each: pairwise precision / recall / F1 of the stories against the truth file,
origin precision / recall on copies, incoherent stories (pages of more than one true story),
canonical text F1 against the true article (token 4-shingle multisets), inserted texts found in
story texts, and how close the crawl comes to the plain one (pairwise F1, share of pages with the
plain crawl's origin). The issue's targets: precision >= 0.995, recall >= 0.98, origin precision
>= 0.995 and recall >= 0.98, 0 incoherent stories, text F1 >= 0.97.

    .venv/bin/python benchmarks/metamorphic.py [--seed 1] [--stories 30] [--each] [--json out.json]

``--each`` also crawls each switch on its own.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsmirror.sampleweb import SampleWeb, Transform, serve
from newsmirror.sampleweb.score import clusters, origins, pairwise, report, true_story_of
from tests.crawl import run_crawl

COLUMNS = (
    ("pairwise_precision", "pair P"),
    ("pairwise_recall", "pair R"),
    ("pairwise_f1", "pair F1"),
    ("origin_precision", "orig P"),
    ("origin_recall", "orig R"),
    ("incoherent_stories", "incoh"),
    ("text_f1", "text F1"),
    ("leaked_texts", "leaked"),
    ("f1_vs_plain", "F1~plain"),
    ("origin_vs_plain", "orig~plain"),
    ("stories", "stories"),
    ("seconds", "secs"),
)


def crawl(web: SampleWeb, tmp: Path) -> tuple[list[dict[str, Any]], float]:
    with serve(web) as server:
        started = time.monotonic()
        result = run_crawl(
            tmp,
            server.proxy_url,
            args={"url": ",".join(web.seeds())},
            settings={"NEWSMIRROR_STORE": f"sqlite:///{tmp}/store.db"},
            timeout=1800,
        )
        seconds = time.monotonic() - started
    if result.returncode != 0:
        raise SystemExit(f"crawl failed ({result.returncode}): {result.log[-2000:]}")
    return result.items, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stories", type=int, default=30)
    parser.add_argument("--each", action="store_true", help="also crawl each switch on its own")
    parser.add_argument("--json", help="also write the figures to this file")
    opts = parser.parse_args()
    configs: list[tuple[str, frozenset[Transform]]] = [
        ("plain", frozenset()),
        ("T1-T6", frozenset(Transform)),
    ]
    if opts.each:
        configs += [(str(t), frozenset({t})) for t in Transform]
    figures: dict[str, dict[str, Any]] = {}
    plain_clusters: dict[str, str] = {}
    plain_origins: dict[str, str | None] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, switches in configs:
            web = SampleWeb(seed=opts.seed, stories=opts.stories, metamorphic=switches)
            truth = web.truth()
            articles = list(true_story_of(truth))
            (Path(tmp) / name).mkdir()
            stories, seconds = crawl(web, Path(tmp) / name)
            row = report(stories, truth, web.inserted)
            got_clusters, got_origins = clusters(stories), origins(stories)
            if name == "plain":
                plain_clusters, plain_origins = got_clusters, got_origins
            row["f1_vs_plain"] = round(pairwise(got_clusters, plain_clusters, articles).f1, 4)
            row["origin_vs_plain"] = round(
                sum(got_origins.get(u, "-") == plain_origins.get(u, "-") for u in articles)
                / len(articles),
                4,
            )
            row["seconds"] = round(seconds, 1)
            figures[name] = row
            print(f"{name}: {json.dumps(row)}", file=sys.stderr, flush=True)
    print(f"sample web seed {opts.seed}, {opts.stories} stories, {len(articles)} article pages")
    print(f"{'':8}" + "".join(f"{label:>11}" for _, label in COLUMNS))
    for name, row in figures.items():
        print(f"{name:8}" + "".join(f"{row[key]:>11}" for key, _ in COLUMNS))
    if opts.json:
        Path(opts.json).parent.mkdir(parents=True, exist_ok=True)
        Path(opts.json).write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
