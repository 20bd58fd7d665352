"""Benchmark: what a JavaScript site costs when its pages are rendered in Chromium, and when their
article is read from serialized state instead.

The sample web is built with two of its JavaScript sites (``jssites.py``) at ``--pages`` articles
each and served on loopback from this process: ``react`` (an empty ``#root``, the body fetched by
XHR: every article page is rendered in Chromium) and ``island`` (the article in an inline
``<script type="application/json">``: read from state, no browser). A real ``scrapy crawl mirror``
of each site's home page is sampled every 0.5 s (the crawler and all its descendants: Playwright's
drivers, Chromium's processes; see ``browser_memory.py``). Figures, all ratios within the run:

- peak RSS of the rendered crawl over its RSS once the first 50 pages were written (bound: 1.5);
- pages and contexts Chromium opened and closed;
- pages/s of the state-read crawl over pages/s of the rendered crawl (bound: 10).

    .venv/bin/python benchmarks/browser_cost.py [--pages 500] [--seed 1] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.browser_memory import MB, Sample, measured_crawl
from newsmirror.sampleweb import SampleWeb, serve
from newsmirror.sampleweb.jssites import JS_SITES
from tests.crawl import CrawlResult

logger = logging.getLogger("browser_cost")
EARLY_PAGES = 50


def host_of(switch: str) -> str:
    return next(s.host for s in JS_SITES if s.switch == switch)


def stories_for(pages: int) -> int:
    """Enough stories for ``pages - 1`` English copies (about 80% of stories are English)."""
    stories = pages
    while True:
        english = sum(1 for s in SampleWeb(1, stories).stories if s.language == "en")
        if english >= pages - 1:
            return stories
        stories += max(10, (pages - 1 - english) * 5 // 4)


def run_figures(result: CrawlResult, samples: list[Sample]) -> dict[str, Any]:
    running = [s for s in samples if not s.closing] or samples
    early = next((s for s in running if s.pages >= EARLY_PAGES), running[-1])
    peak = max(running, key=lambda s: s.total_kb)
    wall = samples[-1].seconds
    stats = result.stats
    return {
        "pages": len(result.items),
        "seconds": wall,
        "pages_per_s": round(len(result.items) / wall, 2) if wall else 0.0,
        "rss_at_50_pages_mb": round(early.total_kb / MB),
        "peak_rss_mb": round(peak.total_kb / MB),
        "peak_over_first_50": round(peak.total_kb / early.total_kb, 3) if early.total_kb else 0,
        "state_read": int(stats.get("newsmirror/state/read", 0)),
        "rendered": {
            k.rsplit("/", 1)[-1]: v
            for k, v in stats.items()
            if k.startswith("newsmirror/browser/rendered/")
        },
        "browser_pages_opened": int(stats.get("playwright/page_count", 0)),
        "browser_pages_closed": int(stats.get("playwright/page_count/closed", 0)),
        "browser_pages_max_open": int(stats.get("playwright/page_count/max_concurrent", 0)),
        "browser_contexts": int(stats.get("playwright/context_count", 0)),
        "browser_contexts_closed": int(stats.get("playwright/context_count/closed", 0)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500, help="article pages per site")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", help="also write the figures (and every sample) to this file")
    opts = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    stories = stories_for(opts.pages)
    web = SampleWeb(opts.seed, stories, js_sites=("react", "island"), js_articles=opts.pages)
    logger.info("%d stories: %d article pages on each JavaScript site", stories, opts.pages)
    runs: dict[str, tuple[CrawlResult, list[Sample]]] = {}
    with serve(web) as server, tempfile.TemporaryDirectory() as tmp:
        for switch in ("react", "island"):
            host = host_of(switch)

            def rendered(host: str = host) -> int:
                with server.lock:
                    return sum(1 for r in server.requests if r.host == host and "/api/" in r.path)

            runs[switch] = measured_crawl(
                Path(tmp) / switch,
                server.proxy_url,
                "mirror",
                {},
                rendered,
                args={"url": f"http://{host}/"},
            )
    rendered_run = run_figures(*runs["react"])
    state_run = run_figures(*runs["island"])
    speedup = round(state_run["pages_per_s"] / rendered_run["pages_per_s"], 1)
    print(f"{'':34}{'rendered (react)':>20}{'state (island)':>20}")
    for key in (
        "pages",
        "seconds",
        "pages_per_s",
        "rss_at_50_pages_mb",
        "peak_rss_mb",
        "peak_over_first_50",
        "state_read",
        "rendered",
        "browser_pages_opened",
        "browser_pages_closed",
        "browser_pages_max_open",
        "browser_contexts",
        "browser_contexts_closed",
    ):
        print(f"{key:34}{rendered_run[key]!s:>20}{state_run[key]!s:>20}")
    print(f"\nstate-read pages/s over rendered pages/s: {speedup}x (bound >= 10)")
    print(f"rendered crawl peak RSS over RSS at 50 pages: {rendered_run['peak_over_first_50']}")
    if opts.json:
        report = {
            "seed": opts.seed,
            "stories": stories,
            "pages_per_site": opts.pages,
            "rendered": rendered_run,
            "state": state_run,
            "state_over_rendered_pages_per_s": speedup,
            "samples": {k: [asdict(s) for s in v[1]] for k, v in runs.items()},
        }
        Path(opts.json).parent.mkdir(parents=True, exist_ok=True)
        Path(opts.json).write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
