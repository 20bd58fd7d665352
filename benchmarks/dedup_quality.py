"""Print pairwise precision/recall and split/merged story counts of deduplication.

The corpus is ``tests/dedup_corpus.py``: every article page of a generated sample web, placed into a
fresh store in shuffled order.

    .venv/bin/python benchmarks/dedup_quality.py [--stories 300] [--seeds 1,2,3]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.dedup_corpus import evaluate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--stories", type=int, default=300)
    parser.add_argument("--json")
    opts = parser.parse_args()
    results = {seed: evaluate(int(seed), opts.stories) for seed in opts.seeds.split(",")}
    print(json.dumps(results, indent=1))
    if opts.json:
        Path(opts.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
