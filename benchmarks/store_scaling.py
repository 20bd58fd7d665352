"""Benchmark: per-item match-and-insert cost with 10,000 and with 1,000,000 stories in the store.

The store is first filled with synthetic stories (random MinHash signatures, paragraph and entity
keys: the same index rows per story as real ones); then the article pages of a sample web are placed
one by one, as the pipeline does, and the mean cost per item is measured. Also reports store bytes
per story and the peak RSS of this process.

    .venv/bin/python benchmarks/store_scaling.py [--sizes 10000,1000000] [--probe-stories 300]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsmirror.dedup.fingerprint import NUM_PERM, Fingerprint
from newsmirror.dedup.index import Deduplicator
from newsmirror.pipelines.story import story_id
from newsmirror.sampleweb import SampleWeb
from newsmirror.store import CopyRecord, StoredStory, open_store
from newsmirror.store.sqlite import SQLiteStore

SEEN = "2026-11-28T00:00:00+00:00"


def fill(store: SQLiteStore, count: int, seed: int = 7, batch: int = 20_000) -> None:
    rng = np.random.default_rng(seed)
    done = 0
    while done < count:
        n = min(batch, count - done)
        signatures = rng.integers(0, 2**32, size=(n, NUM_PERM), dtype=np.uint64)
        with store.transaction():
            for i in range(n):
                k = done + i
                fp = Fingerprint(
                    signatures[i],
                    300,
                    tuple(f"p:{rng.integers(0, 2**63):016x}" for _ in range(5)),
                    tuple(int(x) for x in rng.integers(0, 2**32, size=20)),
                )
                sid, url = f"synthetic{k}", f"http://filler.example/{k}"
                record = {"id": sid, "canonical_url": url, "first_seen": SEEN, "origin": None}
                store._write_story(StoredStory(sid, 1, record, fp))
                store._write_copy(sid, CopyRecord(url, "filler.example", None, SEEN, 1.0))
        done += n


def probe(store: SQLiteStore, pages: list[dict[str, object]]) -> float:
    dedup = Deduplicator(store)
    started = time.perf_counter()
    for page in pages:
        attribution = page["attribution"] or {}
        assert isinstance(attribution, dict)
        origin_url = attribution.get("origin_url")
        canonical = str(origin_url or page["url"])
        paragraphs = list(page["paragraphs"])  # type: ignore[call-overload]
        record = {
            "id": story_id(canonical),
            "canonical_url": canonical,
            "title": page["title"],
            "text": "\n\n".join(paragraphs),
            "authors": [],
            "published": None,
            "modified": None,
            "language": "en",
            "image": None,
            "origin": {"domain": attribution.get("origin_domain")} if attribution else None,
            "first_seen": SEEN,
            "text_source": "copy",
        }
        dedup.place(
            record,
            paragraphs,
            CopyRecord(str(page["url"]), str(page["site"]), None, SEEN, 1.0),
            origin_url,
            attribution.get("origin_domain"),
        )
    return (time.perf_counter() - started) / len(pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,1000000")
    parser.add_argument("--probe-stories", type=int, default=300)
    parser.add_argument("--dir", help="where to build the stores (default: a temporary folder)")
    parser.add_argument("--json")
    opts = parser.parse_args()
    truth = SampleWeb(seed=2, stories=opts.probe_stories).truth()
    pages = [p for p in truth["pages"] if p["kind"] == "article" and not p.get("hostile")]
    results: dict[str, object] = {"probe_items": len(pages)}
    with tempfile.TemporaryDirectory(dir=opts.dir) as tmp:
        for size in (int(s) for s in opts.sizes.split(",")):
            path = Path(tmp) / f"store-{size}.db"
            store = open_store(path)
            assert isinstance(store, SQLiteStore)
            t0 = time.perf_counter()
            fill(store, size)
            fill_s = time.perf_counter() - t0
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            per_item = probe(store, pages)
            store.close()
            size_bytes = sum(os.path.getsize(p) for p in Path(tmp).glob(f"store-{size}.db*"))
            results[str(size)] = {
                "fill_seconds": round(fill_s, 1),
                "ms_per_item": round(per_item * 1000, 3),
                "bytes_per_story": round(size_bytes / (size + len(pages))),
            }
            print(json.dumps({size: results[str(size)]}), flush=True)
            path.unlink()
    sizes = [s for s in results if s != "probe_items"]
    if len(sizes) >= 2:
        small, large = results[sizes[0]], results[sizes[-1]]
        assert isinstance(small, dict)
        assert isinstance(large, dict)
        results["ratio_large_to_small"] = round(large["ms_per_item"] / small["ms_per_item"], 3)
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(results, indent=1))
    if opts.json:
        Path(opts.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
