"""Print origin-detection precision, recall, URL and stripping accuracy per family on the corpus.

.venv/bin/python benchmarks/origin_quality.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.origin_corpus import FamilyScore, cases, evaluate, ratio


def row(name: str, s: FamilyScore) -> str:
    return (
        f"{name:36} {s.cases:5d} {ratio(s.correct, s.predicted):9.3f} "
        f"{ratio(s.correct, s.positives):7.3f} {ratio(s.url_correct, s.url_cases):8.3f} "
        f"{ratio(s.strip_ok, s.strip_cases):6.3f}"
    )


def main() -> None:
    report = evaluate(cases())
    print(f"{'family':36} {'cases':>5} {'precision':>9} {'recall':>7} {'url acc':>8} {'strip':>6}")
    for name, score in sorted(report.families.items()):
        print(row(name, score))
    print(row("OVERALL", report.total()))
    failures = report.total().failures
    if failures:
        print("\nfailures:\n" + "\n".join(failures))


if __name__ == "__main__":
    main()
