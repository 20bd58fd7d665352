"""Redis down for 30 s, ten times, during a distributed crawl: is every request accounted for?

Three workers share one queue and one Redis story store (as ``tests/test_distributed.py`` starts
them) on a generated sample web; a single-worker SQLite crawl of the same web is the baseline. While
the fleet crawls, redis-server is stopped for ``--down`` seconds, ``--outages`` times, with
``--up`` seconds between outages (data survives in its append-only file). The workers run with
``NEWSMIRROR_REDIS_RETRY_SECONDS`` above the outage length, so they wait each one out.

Printed: per worker exit code and finish reason; requests queued by the fleet against pages fetched
plus recorded failures (``newsmirror/queue/enqueued`` = ``.../done`` + ``.../failed``); duplicate
story ids; whether the fleet wrote the same stories (id, canonical URL, text source, copies) as the
SQLite baseline; wall time against the baseline's.

    .venv/bin/python benchmarks/redis_outages.py [--stories 300] [--outages 10] [--down 30]
        [--up 10] [--json out.json]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.fleet_throughput import baseline
from newsmirror.sampleweb import SampleWeb, serve
from tests.redis_server import RedisServer
from tests.test_distributed import _story_set, start_workers, worker_result

logger = logging.getLogger("redis_outages")


def outages(server: RedisServer, count: int, down: float, up: float, log: list[float]) -> None:
    """Stop and restart ``server`` ``count`` times; record how long each outage really lasted."""
    for number in range(count):
        time.sleep(up)
        started = time.monotonic()
        server.stop()
        logger.info("outage %d/%d: redis-server stopped", number + 1, count)
        time.sleep(down)
        server.start()
        log.append(time.monotonic() - started)


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stories", type=int, default=300)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--outages", type=int, default=10)
    parser.add_argument("--down", type=float, default=30.0, help="seconds each outage lasts")
    parser.add_argument("--up", type=float, default=10.0, help="seconds between outages")
    parser.add_argument(
        "--delay", default="2.0", help="DOWNLOAD_DELAY, so the crawl outlasts the outages"
    )
    parser.add_argument("--timeout", type=float, default=3600, help="seconds a worker may run")
    parser.add_argument("--json", help="also write the figures to this file")
    opts = parser.parse_args()
    web = SampleWeb(seed=opts.seed, stories=opts.stories)
    truth = web.truth()
    homes = ",".join(site["home"] for site in truth["sites"])
    extra = {
        "NEWSMIRROR_BROWSER": "False",
        "AUTOTHROTTLE_ENABLED": "False",
        "CONCURRENT_REQUESTS": "4",
        "DOWNLOAD_DELAY": opts.delay,
        "NEWSMIRROR_MAX_PAGES_PER_SITE": "100000",
    }
    fleet_extra = {**extra, "NEWSMIRROR_REDIS_RETRY_SECONDS": str(opts.down * 2 + 30)}
    figures: dict[str, Any] = {
        "web_stories": opts.stories,
        "pages_in_web": len(truth["pages"]),
        "workers": opts.workers,
        "outages": opts.outages,
        "down_s": opts.down,
        "settings": fleet_extra,
    }
    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        server = stack.enter_context(serve(web))
        started = time.monotonic()
        single = baseline(tmp / "sqlite", server.proxy_url, homes, extra, timeout=7200)
        figures["baseline_wall_s"] = round(time.monotonic() - started, 1)
        redis_server = RedisServer(tmp / "redis").start()
        stack.callback(redis_server.stop)
        prefix = f"out{uuid.uuid4().hex[:8]}"
        fleet_dir = tmp / "fleet"
        fleet_dir.mkdir()
        real_outages: list[float] = []
        started = time.monotonic()
        workers = start_workers(
            fleet_dir,
            server.proxy_url,
            homes,
            redis_server.url,
            opts.workers,
            prefix,
            fleet_extra,
        )
        chaos = threading.Thread(
            target=outages,
            args=(redis_server, opts.outages, opts.down, opts.up, real_outages),
            daemon=True,
        )
        chaos.start()
        chaos.join()
        results = []
        for run, proc in workers:
            try:
                proc.wait(timeout=opts.timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                logger.error("%s did not finish within %s s", run.name, opts.timeout)
            results.append(worker_result(run, proc))
        figures["fleet_wall_s"] = round(time.monotonic() - started, 1)
        figures["outages_s"] = [round(s, 1) for s in real_outages]
        stories = [s for r in results for s in r.items]
        queued = sum(r.stat("newsmirror/queue/enqueued") for r in results)
        fetched = sum(r.stat("newsmirror/queue/done") for r in results)
        failed = sum(r.stat("newsmirror/queue/failed") for r in results)
        figures.update(
            {
                "exit_codes": [r.returncode for r in results],
                "finish_reasons": [r.stats.get("finish_reason") for r in results],
                "requests_queued": queued,
                "pages_fetched": fetched,
                "recorded_failures": failed,
                "unaccounted_requests": queued - fetched - failed,
                "stories_written": len(stories),
                "duplicate_story_ids": sum(
                    n - 1 for n in Counter(s["id"] for s in stories).values()
                ),
                "baseline_stories": len(single.items),
                "same_stories_as_sqlite": _story_set(stories) == _story_set(single.items),
            }
        )
        if figures["fleet_wall_s"] < opts.outages * (opts.down + opts.up):
            logger.warning("the crawl ended before the outages did: use a larger --stories")
    print(json.dumps(figures, indent=2))
    if opts.json:
        Path(opts.json).write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
