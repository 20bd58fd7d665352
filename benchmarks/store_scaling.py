"""Benchmark: per-item match-and-insert cost with 10,000 and with 1,000,000 stories in the store.

The store is first filled with synthetic stories (random MinHash signatures, paragraph and entity
keys: the same index rows per story as real ones); then the article pages of a sample web are placed
one by one, as the pipeline does, and the mean cost per item is measured. Also reports store bytes
per story and the peak RSS of this process.

``--store redis`` does the same on the Redis store: a fresh memory-only ``redis-server`` (no
append-only file, no snapshots) per size, filled with the same synthetic stories through pipelined
writes to the keys :class:`RedisStore` uses; bytes per story is the growth of ``INFO memory``
``used_memory`` over the fill, and the server's peak RSS is reported too. ``--store both`` runs
SQLite and then Redis at each size and gives the ratios Redis / SQLite.

    .venv/bin/python benchmarks/store_scaling.py [--sizes 10000,1000000] [--probe-stories 300]
        [--store sqlite|redis|both]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsmirror.dedup.fingerprint import NUM_PERM, Fingerprint
from newsmirror.dedup.index import Deduplicator
from newsmirror.pipelines.story import story_id
from newsmirror.sampleweb import SampleWeb
from newsmirror.store import CopyRecord, StoredStory, StoryStore, open_store
from newsmirror.store.redis import RedisStore
from newsmirror.store.sqlite import SQLiteStore
from tests.redis_server import RedisServer

logger = logging.getLogger("store_scaling")

SEEN = "2026-11-28T00:00:00+00:00"


def synthetic(
    count: int, seed: int = 7, batch: int = 20_000
) -> Iterator[list[tuple[StoredStory, CopyRecord]]]:
    """The filler stories, each with its one copy, in batches; the same for every backend."""
    rng = np.random.default_rng(seed)
    done = 0
    while done < count:
        n = min(batch, count - done)
        signatures = rng.integers(0, 2**32, size=(n, NUM_PERM), dtype=np.uint64)
        stories = []
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
            stories.append(
                (
                    StoredStory(sid, 1, record, fp),
                    CopyRecord(url, "filler.example", None, SEEN, 1.0),
                )
            )
        yield stories
        done += n


def fill(store: SQLiteStore, count: int, seed: int = 7) -> None:
    for stories in synthetic(count, seed):
        with store.transaction():
            for story, copy in stories:
                store._write_story(story)
                store._write_copy(story.id, copy)


def fill_redis(store: RedisStore, count: int, seed: int = 7) -> None:
    for stories in synthetic(count, seed, batch=5_000):
        store.load(stories)


def probe(store: StoryStore, pages: list[dict[str, object]]) -> float:
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


def run_sqlite(size: int, pages: list[dict[str, object]], tmp: Path) -> dict[str, float]:
    path = tmp / f"store-{size}.db"
    store = open_store(path)
    assert isinstance(store, SQLiteStore)
    t0 = time.perf_counter()
    fill(store, size)
    fill_s = time.perf_counter() - t0
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    per_item = probe(store, pages)
    store.close()
    size_bytes = sum(os.path.getsize(p) for p in tmp.glob(f"store-{size}.db*"))
    for p in tmp.glob(f"store-{size}.db*"):
        p.unlink()
    return {
        "fill_seconds": round(fill_s, 1),
        "ms_per_item": round(per_item * 1000, 3),
        "bytes_per_story": round(size_bytes / (size + len(pages))),
    }


def run_redis(size: int, pages: list[dict[str, object]], tmp: Path) -> dict[str, float]:
    server = RedisServer(tmp / f"redis-{size}", appendfsync="").start()
    try:
        store = open_store(f"{server.url}?prefix=bench")
        assert isinstance(store, RedisStore)
        before = int(store.db.info("memory")["used_memory"])
        t0 = time.perf_counter()
        fill_redis(store, size)
        fill_s = time.perf_counter() - t0
        filled = int(store.db.info("memory")["used_memory"])
        per_item = probe(store, pages)
        store.close()
        return {
            "fill_seconds": round(fill_s, 1),
            "ms_per_item": round(per_item * 1000, 3),
            "bytes_per_story": round((filled - before) / size),
            "server_peak_rss_mb": round(server.peak_rss_bytes() / 2**20, 1),
        }
    finally:
        server.stop()


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,1000000")
    parser.add_argument("--probe-stories", type=int, default=300)
    parser.add_argument("--store", choices=["sqlite", "redis", "both"], default="sqlite")
    parser.add_argument("--dir", help="where to build the stores (default: a temporary folder)")
    parser.add_argument("--json")
    opts = parser.parse_args()
    truth = SampleWeb(seed=2, stories=opts.probe_stories).truth()
    pages = [p for p in truth["pages"] if p["kind"] == "article" and not p.get("hostile")]
    backends = ["sqlite", "redis"] if opts.store == "both" else [opts.store]
    sizes = [int(s) for s in opts.sizes.split(",")]
    results: dict[str, Any] = {"probe_items": len(pages)}
    with tempfile.TemporaryDirectory(dir=opts.dir) as tmp:
        for size in sizes:
            for backend in backends:
                logger.info("%s: filling %d stories", backend, size)
                run = run_sqlite if backend == "sqlite" else run_redis
                figures = run(size, pages, Path(tmp))
                results.setdefault(backend, {})[str(size)] = figures
                print(json.dumps({backend: {size: figures}}), flush=True)
    for backend in backends:
        by_size = results[backend]
        if len(sizes) >= 2:
            small, large = by_size[str(sizes[0])], by_size[str(sizes[-1])]
            by_size["ratio_large_to_small"] = round(large["ms_per_item"] / small["ms_per_item"], 3)
    if opts.store == "both":
        results["ratio_redis_to_sqlite"] = {
            str(size): {
                key: round(results["redis"][str(size)][key] / results["sqlite"][str(size)][key], 3)
                for key in ("ms_per_item", "bytes_per_story", "fill_seconds")
            }
            for size in sizes
        }
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(results, indent=1))
    if opts.json:
        Path(opts.json).parent.mkdir(parents=True, exist_ok=True)
        Path(opts.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
