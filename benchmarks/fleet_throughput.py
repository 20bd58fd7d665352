"""Benchmark: pages/s of a distributed crawl with 1, 2 and 3 workers, against one SQLite crawl.

One sample web is served on loopback (``newsmirror.sampleweb.serve``, a thread of this process) and
one fresh ``redis-server`` is started in a temporary folder. First a single ``scrapy crawl mirror``
of every site's home page on the embedded SQLite store, without the queue (the baseline); then the
same crawl as a fleet of N workers started at once with the same command, sharing the Redis queue
and the Redis story store (a fresh key prefix per fleet), exactly as ``tests/test_distributed.py``
starts them: ``tests/crawl.py``'s ``FAST`` settings (autothrottle from 0.01 s, target concurrency
16; otherwise the project's defaults: 16 requests, 4 per domain, robots.txt obeyed), the queue idle
timeout 2 s, Redis reached directly and pages through the sample web's proxy.

Pages/s is responses (Scrapy's ``downloader/response_count``, robots.txt included, summed over the
workers) over the wall time from the first worker's start to the last worker's exit; also over the
span of the workers' own stats (first ``start_time`` to last ``finish_time``). Every run must write
the same stories (canonical URL and copy URLs); a warning says if one does not.

    .venv/bin/python benchmarks/fleet_throughput.py [--stories 600] [--workers 1,2,3] [--json out]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsmirror.sampleweb import SampleWeb, serve
from tests.crawl import FAST, ROOT, CrawlResult, crawl_command, read_result
from tests.redis_server import RedisServer
from tests.test_distributed import _story_set, finish, start_workers

logger = logging.getLogger("fleet_throughput")


def _stats_span(results: list[CrawlResult]) -> float:
    """Seconds from the first worker's ``start_time`` to the last one's ``finish_time``."""
    starts = [datetime.fromisoformat(str(r.stats["start_time"])) for r in results]
    ends = [datetime.fromisoformat(str(r.stats["finish_time"])) for r in results]
    return (max(ends) - min(starts)).total_seconds()


def _figures(results: list[CrawlResult], wall: float, served: int) -> dict[str, Any]:
    responses = sum(r.stat("downloader/response_count") for r in results)
    span = _stats_span(results)
    stories = [s for r in results for s in r.items]
    return {
        "workers": len(results),
        "responses": responses,
        "responses_per_worker": [r.stat("downloader/response_count") for r in results],
        "served": served,
        "stories": len(stories),
        "duplicate_story_ids": sum(n - 1 for n in Counter(s["id"] for s in stories).values()),
        "wall_seconds": round(wall, 2),
        "stats_seconds": round(span, 2),
        "pages_per_s": round(responses / wall, 1),
        "pages_per_s_stats": round(responses / span, 1),
        "exit_codes": [r.returncode for r in results],
    }


def baseline(workdir: Path, proxy_url: str, homes: str, extra: dict[str, str]) -> CrawlResult:
    """One ``scrapy crawl mirror`` on SQLite, no queue."""
    workdir.mkdir()
    cmd, env = crawl_command(
        workdir,
        proxy_url,
        args={"url": homes},
        settings={**extra, "NEWSMIRROR_STORE": f"sqlite:///{workdir}/store.db"},
    )
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    _, err = proc.communicate(timeout=3600)
    return read_result(workdir, proc.returncode, err)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stories", type=int, default=600)
    parser.add_argument("--workers", default="1,2,3", help="fleet sizes, run in this order")
    parser.add_argument(
        "--browser",
        action="store_true",
        help="render the JavaScript site's pages in Chromium (default: NEWSMIRROR_BROWSER=False)",
    )
    parser.add_argument(
        "--appendfsync",
        default="everysec",
        help="redis-server's append-only file fsync policy (always, everysec, no; '' = no file)",
    )
    parser.add_argument("--dir", help="where the runs write (kept; default: a temporary folder)")
    parser.add_argument("--json", help="also write the figures to this file")
    opts = parser.parse_args()
    web = SampleWeb(seed=opts.seed, stories=opts.stories)
    truth = web.truth()
    homes = ",".join(site["home"] for site in truth["sites"])
    extra = {"NEWSMIRROR_BROWSER": str(opts.browser)}
    figures: dict[str, Any] = {
        "stories": opts.stories,
        "seed": opts.seed,
        "pages_in_web": len(truth["pages"]),
        "cores": os.cpu_count(),
        "settings": {**FAST, **extra, "NEWSMIRROR_QUEUE_IDLE": "2"},
        "redis_appendfsync": opts.appendfsync,
    }
    story_sets = {}
    if opts.dir:
        Path(opts.dir).mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        tmp = (
            tempfile.mkdtemp(dir=opts.dir)
            if opts.dir
            else stack.enter_context(tempfile.TemporaryDirectory())
        )
        server = stack.enter_context(serve(web))
        redis_server = RedisServer(Path(tmp) / "redis", appendfsync=opts.appendfsync).start()
        try:
            logger.info("baseline: one crawl on SQLite, no queue")
            served = len(server.requests)
            started = time.perf_counter()
            single = baseline(Path(tmp) / "sqlite", server.proxy_url, homes, extra)
            wall = time.perf_counter() - started
            figures["sqlite"] = _figures([single], wall, len(server.requests) - served)
            story_sets["sqlite"] = _story_set(single.items)
            logger.info("%s", json.dumps(figures["sqlite"]))
            for count in (int(n) for n in opts.workers.split(",")):
                logger.info("fleet of %d worker(s) on Redis", count)
                workdir = Path(tmp) / f"fleet{count}"
                workdir.mkdir()
                prefix = f"bench{uuid.uuid4().hex[:8]}"
                served = len(server.requests)
                started = time.perf_counter()
                results = finish(
                    start_workers(
                        workdir, server.proxy_url, homes, redis_server.url, count, prefix, extra
                    )
                )
                wall = time.perf_counter() - started
                fleet = _figures(results, wall, len(server.requests) - served)
                figures[f"fleet{count}"] = fleet
                story_sets[f"fleet{count}"] = _story_set([s for r in results for s in r.items])
                logger.info("%s", json.dumps(fleet))
                for result in results:
                    if result.returncode != 0:
                        logger.warning("a worker failed: %s", result.log[-2000:])
            figures["redis_server_peak_rss_mb"] = round(redis_server.peak_rss_bytes() / 2**20, 1)
        finally:
            redis_server.stop()
    runs = [k for k in figures if k == "sqlite" or k.startswith("fleet")]
    one = figures.get("fleet1")
    for run in runs:
        rate = figures[run]["pages_per_s"]
        figures[run]["vs_sqlite"] = round(rate / figures["sqlite"]["pages_per_s"], 3)
        if one:
            figures[run]["vs_one_worker"] = round(rate / one["pages_per_s"], 3)
        same = story_sets[run] == story_sets["sqlite"]
        figures[run]["same_stories_as_sqlite"] = same
        if not same:
            missing, extra_stories = (
                story_sets["sqlite"] - story_sets[run],
                story_sets[run] - story_sets["sqlite"],
            )
            figures[run]["stories_only_in_sqlite"] = len(missing)
            figures[run]["stories_only_here"] = len(extra_stories)
            logger.warning(
                "%s did not write the same stories as the SQLite run: only there %s; only here %s",
                run,
                [(url, sorted(copies)) for url, copies in sorted(missing)[:3]],
                [(url, sorted(copies)) for url, copies in sorted(extra_stories)[:3]],
            )
    print(json.dumps(figures, indent=1))
    if opts.json:
        Path(opts.json).parent.mkdir(parents=True, exist_ok=True)
        Path(opts.json).write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
