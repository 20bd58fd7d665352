"""Benchmark: what the store's start-up integrity check costs, against reading the file once.

The store is filled with the synthetic stories of ``store_scaling.py`` (the same rows per story as
real ones), checkpointed, and closed; the OS page cache is then warm, as it is for a store a crawl
used recently. Timed, each on the same file: one sequential read of the whole file (the baseline),
the header-and-size check alone, ``PRAGMA quick_check`` and ``PRAGMA integrity_check``.

    .venv/bin/python benchmarks/store_check_cost.py [--sizes 10000,100000,1000000] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.store_scaling import fill
from newsmirror.store.integrity import check_header
from newsmirror.store.sqlite import SQLiteStore


def timed(action: Any) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def read_all(path: Path) -> None:
    with path.open("rb") as handle:
        while handle.read(1 << 20):
            pass


def pragma(path: Path, name: str) -> None:
    db = sqlite3.connect(path)
    try:
        (result,) = db.execute(f"PRAGMA {name}").fetchone()
        assert result == "ok", result
    finally:
        db.close()


def run(size: int, tmp: Path) -> dict[str, float]:
    path = tmp / f"store-{size}.db"
    store = SQLiteStore(path)
    fill(store, size)
    store.close()
    read_all(path)  # warm the page cache for every measurement alike
    baseline = min(timed(lambda: read_all(path)) for _ in range(3))
    header = min(timed(lambda: check_header(path)) for _ in range(3))
    quick = min(timed(lambda: pragma(path, "quick_check")) for _ in range(2))
    full = timed(lambda: pragma(path, "integrity_check"))
    megabytes = path.stat().st_size / 1e6
    for leftover in tmp.glob(f"store-{size}.db*"):
        leftover.unlink()
    return {
        "stories": size,
        "file_mb": round(megabytes, 1),
        "read_seconds": round(baseline, 3),
        "header_seconds": round(header, 6),
        "quick_check_seconds": round(quick, 3),
        "integrity_check_seconds": round(full, 3),
        "quick_check_vs_read": round(quick / baseline, 1),
        "integrity_check_vs_read": round(full / baseline, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            result = run(size, Path(tmp))
            print(json.dumps(result), flush=True)
            results.append(result)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
