"""Origin-detection quality on the labelled corpus, per attribution family.

    .venv/bin/python benchmarks/origin_quality.py [--failures N]

Prints, for each family of ``tests/origin_corpus.py``: cases, domain precision and recall, exact
original URL accuracy and stripping accuracy, then the overall line and the first N failures.
Always exits 0: the bar is held by ``tests/test_origin_corpus.py``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.independent_origin_corpus import Report, Score, cases, evaluate


def _row(name: str, score: Score) -> str:
    url = f"{score.url_accuracy:8.3f}" if score.url_cases else f"{'-':>8}"
    return (
        f"{name:34} {score.cases:5d} {score.positives:5d} {score.precision:9.3f} "
        f"{score.recall:7.3f} {url} {score.strip_accuracy:7.3f}"
    )


def render(report: Report) -> str:
    header = (
        f"{'family':34} {'cases':>5} {'pos':>5} {'precision':>9} {'recall':>7} "
        f"{'url acc':>8} {'strip':>7}"
    )
    lines = [header, "-" * len(header)]
    lines += [_row(name, score) for name, score in sorted(report.families.items())]
    lines += ["-" * len(header), _row("OVERALL", report.overall)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--failures", type=int, default=20, help="failures to list (default 20)")
    args = parser.parse_args(argv)
    corpus = cases()
    started = time.perf_counter()
    report = evaluate(corpus)
    elapsed = time.perf_counter() - started
    print(render(report))
    print(f"\n{len(corpus)} cases in {elapsed:.1f} s; {len(report.failures)} failures")
    for failure in report.failures[: args.failures]:
        print(f"  {failure}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
