"""Benchmark: pages/s of a distributed crawl with 1, 2 and 3 workers, against one SQLite crawl.

One sample web is served on loopback (``newsmirror.sampleweb.serve``, a thread of this process) and
one fresh ``redis-server`` is started in a temporary folder. First a single ``scrapy crawl mirror``
of every site's home page on the embedded SQLite store, without the queue (the baseline); then the
same crawl as a fleet of N workers started at once with the same command, sharing the Redis queue
and the Redis story store (a fresh key prefix per fleet), exactly as ``tests/test_distributed.py``
starts them: ``tests/crawl.py``'s ``FAST`` settings (autothrottle from 0.01 s, target concurrency
16; otherwise the project's defaults: 16 requests, 4 per domain, robots.txt obeyed), the queue idle
timeout 2 s, Redis reached directly and pages through the sample web's proxy. Two changes from the
tests, both options: no browser (the JavaScript site's pages are skipped, as in
``crawl_throughput.py``), and a per-site page budget that never binds (the budget is counted per
worker, so a binding one lets a fleet of N workers fetch up to N times more pages of a site).

Pages/s is responses (Scrapy's ``downloader/response_count``, robots.txt included, summed over the
workers) over the wall time from the first worker's start to the last worker's exit; also over the
span of the workers' own stats (first ``start_time`` to last ``finish_time``). Every run must write
the same stories (id, canonical URL, text source and copy URLs); a warning says if one does not.

    .venv/bin/python benchmarks/fleet_throughput.py [--stories 600] [--workers 1,2,3] [--rounds 1]
        [--json out.json]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import resource
import statistics
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
from newsmirror.sampleweb.server import SampleWebServer
from tests.crawl import FAST, ROOT, CrawlResult, crawl_command, read_result
from tests.redis_server import RedisServer
from tests.test_distributed import _story_set, finish, start_workers

logger = logging.getLogger("fleet_throughput")


def _stats_span(results: list[CrawlResult]) -> float:
    """Seconds from the first worker's ``start_time`` to the last one's ``finish_time``."""
    starts = [datetime.fromisoformat(str(r.stats["start_time"])) for r in results]
    ends = [datetime.fromisoformat(str(r.stats["finish_time"])) for r in results]
    return (max(ends) - min(starts)).total_seconds()


def _cpu() -> tuple[float, float]:
    """CPU seconds so far of this process (the sample web server) and of its waited-for children
    (the crawlers; not redis-server, which runs on)."""
    me, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return me.ru_utime + me.ru_stime, children.ru_utime + children.ru_stime


def _figures(
    results: list[CrawlResult], wall: float, served: int, cpu: tuple[float, float]
) -> dict[str, Any]:
    """``cpu`` is :func:`_cpu` at the start of the run."""
    server_cpu, crawlers_cpu = (now - then for now, then in zip(_cpu(), cpu, strict=True))
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
        "crawlers_cpu_seconds": round(crawlers_cpu, 1),
        "server_cpu_seconds": round(server_cpu, 1),
        "crawlers_cpu_ms_per_page": round(crawlers_cpu / responses * 1000, 2),
        # Cores kept busy by the crawlers and the sample web server together (2 on this machine).
        "cores_busy": round((crawlers_cpu + server_cpu) / wall, 2),
    }


StorySet = set[tuple[str, str, str, frozenset[str]]]


def baseline(
    workdir: Path, proxy_url: str, homes: str, extra: dict[str, str], timeout: float = 3600
) -> CrawlResult:
    """One ``scrapy crawl mirror`` on SQLite, no queue."""
    workdir.mkdir()
    cmd, env = crawl_command(
        workdir,
        proxy_url,
        args={"url": homes},
        settings={**extra, "NEWSMIRROR_STORE": f"sqlite:///{workdir}/store.db"},
    )
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    _, err = proc.communicate(timeout=timeout)
    return read_result(workdir, proc.returncode, err)


def one_round(
    workdir: Path,
    server: SampleWebServer,
    redis_url: str,
    homes: str,
    extra: dict[str, str],
    counts: list[int],
) -> tuple[dict[str, dict[str, Any]], dict[str, StorySet]]:
    """The SQLite baseline, then a fleet of each size; each run's figures and stories."""
    figures: dict[str, dict[str, Any]] = {}
    story_sets: dict[str, StorySet] = {}
    logger.info("baseline: one crawl on SQLite, no queue")
    served, cpu = len(server.requests), _cpu()
    started = time.perf_counter()
    single = baseline(workdir / "sqlite", server.proxy_url, homes, extra)
    wall = time.perf_counter() - started
    figures["sqlite"] = _figures([single], wall, len(server.requests) - served, cpu)
    story_sets["sqlite"] = _story_set(single.items)
    logger.info("%s", json.dumps(figures["sqlite"]))
    for count in counts:
        logger.info("fleet of %d worker(s) on Redis", count)
        fleet_dir = workdir / f"fleet{count}"
        fleet_dir.mkdir()
        prefix = f"bench{uuid.uuid4().hex[:8]}"
        served, cpu = len(server.requests), _cpu()
        started = time.perf_counter()
        results = finish(
            start_workers(fleet_dir, server.proxy_url, homes, redis_url, count, prefix, extra)
        )
        wall = time.perf_counter() - started
        figures[f"fleet{count}"] = _figures(results, wall, len(server.requests) - served, cpu)
        story_sets[f"fleet{count}"] = _story_set([s for r in results for s in r.items])
        logger.info("%s", json.dumps(figures[f"fleet{count}"]))
        for result in results:
            if result.returncode != 0:
                logger.warning("a worker failed: %s", result.log[-2000:])
    return figures, story_sets


def compare(figures: dict[str, dict[str, Any]], story_sets: dict[str, StorySet]) -> None:
    """Ratios to the baseline and to one worker, and whether each run wrote the same stories."""
    one = figures.get("fleet1")
    for run, run_figures in figures.items():
        rate, wall = run_figures["pages_per_s"], run_figures["wall_seconds"]
        run_figures["vs_sqlite"] = round(rate / figures["sqlite"]["pages_per_s"], 3)
        # The same crawl done sooner: extra fetches (a page fetched again by the fleet) don't count.
        run_figures["time_speedup_vs_sqlite"] = round(figures["sqlite"]["wall_seconds"] / wall, 3)
        if one:
            run_figures["vs_one_worker"] = round(rate / one["pages_per_s"], 3)
            run_figures["time_speedup_vs_one_worker"] = round(one["wall_seconds"] / wall, 3)
        missing = story_sets["sqlite"] - story_sets[run]
        different = story_sets[run] - story_sets["sqlite"]
        run_figures["same_stories_as_sqlite"] = not missing and not different
        if missing or different:
            run_figures["stories_only_in_sqlite"] = len(missing)
            run_figures["stories_only_here"] = len(different)
            logger.warning(
                "%s did not write the same stories as the SQLite run: only there %s; only here %s",
                run,
                [(sid, url, sorted(copies)) for sid, url, _, copies in sorted(missing)[:3]],
                [(sid, url, sorted(copies)) for sid, url, _, copies in sorted(different)[:3]],
            )


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stories", type=int, default=600)
    parser.add_argument("--workers", default="1,2,3", help="fleet sizes, run in this order")
    parser.add_argument("--rounds", type=int, default=1, help="repeat the baseline and fleets")
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
    parser.add_argument(
        "--site-budget",
        default="100000",
        help="NEWSMIRROR_MAX_PAGES_PER_SITE; the budget counts links followed per worker, so one "
        "that binds makes fleets of different sizes crawl different pages (default: never binds)",
    )
    parser.add_argument("--dir", help="where the runs write (kept; default: a temporary folder)")
    parser.add_argument("--json", help="also write the figures to this file")
    opts = parser.parse_args()
    web = SampleWeb(seed=opts.seed, stories=opts.stories)
    truth = web.truth()
    homes = ",".join(site["home"] for site in truth["sites"])
    extra = {
        "NEWSMIRROR_BROWSER": str(opts.browser),
        "NEWSMIRROR_MAX_PAGES_PER_SITE": opts.site_budget,
    }
    counts = [int(n) for n in opts.workers.split(",")]
    figures: dict[str, Any] = {
        "stories": opts.stories,
        "seed": opts.seed,
        "pages_in_web": len(truth["pages"]),
        "cores": os.cpu_count(),
        "settings": {**FAST, **extra, "NEWSMIRROR_QUEUE_IDLE": "2"},
        "redis_appendfsync": opts.appendfsync,
        "rounds": [],
    }
    if opts.dir:
        Path(opts.dir).mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        tmp = Path(
            tempfile.mkdtemp(dir=opts.dir)
            if opts.dir
            else stack.enter_context(tempfile.TemporaryDirectory())
        )
        server = stack.enter_context(serve(web))
        redis_server = RedisServer(tmp / "redis", appendfsync=opts.appendfsync).start()
        try:
            for number in range(opts.rounds):
                workdir = tmp / f"round{number}"
                workdir.mkdir()
                runs, story_sets = one_round(
                    workdir, server, redis_server.url, homes, extra, counts
                )
                compare(runs, story_sets)
                figures["rounds"].append(runs)
            figures["redis_server_peak_rss_mb"] = round(redis_server.peak_rss_bytes() / 2**20, 1)
        finally:
            redis_server.stop()
    # Medians over the rounds of each run's rate and of the ratios measured within a round.
    figures["median"] = {
        run: {
            key: statistics.median(r[run][key] for r in figures["rounds"])
            for key in (
                "pages_per_s",
                "pages_per_s_stats",
                "vs_sqlite",
                "vs_one_worker",
                "time_speedup_vs_sqlite",
                "time_speedup_vs_one_worker",
            )
            if key in figures["rounds"][0][run]
        }
        for run in figures["rounds"][0]
    }
    print(json.dumps(figures, indent=1))
    if opts.json:
        Path(opts.json).parent.mkdir(parents=True, exist_ok=True)
        Path(opts.json).write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
