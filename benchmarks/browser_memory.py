"""Benchmark: memory of a crawl that renders 500+ pages in Chromium, against a plain-HTML crawl.

The sample web is built with just enough stories for the JavaScript-only site (app.newsflash-hub.io)
to have ``--pages`` article pages, and served on loopback from this process. A real
``scrapy crawl newsflashhub`` then renders every one of them in Chromium (scrapy-playwright) while
this process samples, every 0.5 s, the memory of the crawler process and of all its descendants (the
Playwright drivers and Chromium's processes, found through the parent pids in /proc/*/stat; the two
small crashpad handlers Chromium detaches to init are not counted). The
baseline is the same kind of crawl of a plain-HTML registry site of similar size with
``NEWSMIRROR_BROWSER=False``. Every figure is a ratio within the same run: growth of the total
between the first fifth of the pages and the last, the browser's share, browser crawl / plain crawl.

RSS counts shared pages once per process (Chromium's processes share much of theirs), so the sum is
an overestimate; PSS (from /proc/PID/smaps_rollup) splits shared pages between their users and adds
up to what the tree really holds. Both are reported.

    .venv/bin/python benchmarks/browser_memory.py [--pages 500] [--seed 1] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsmirror.registry import load_sites, site_for_domain
from newsmirror.sampleweb import SampleWeb, serve
from tests.crawl import ROOT, CrawlResult, crawl_command, read_result

logger = logging.getLogger("browser_memory")

JS_SPIDER = "newsflashhub"
INTERVAL = 0.5
TIMEOUT = 1800.0
MB = 1024.0  # /proc gives kB


# --- the sample web ------------------------------------------------------------------------


def articles_per_site(seed: int, stories: int) -> Counter[str]:
    """Article pages of each sample-web host, from the truth file."""
    truth = SampleWeb(seed, stories).truth()
    return Counter(p["site"] for p in truth["pages"] if p["kind"] == "article")


def stories_for(seed: int, host: str, pages: int) -> int:
    """A story count giving ``host`` at least ``pages`` articles: the smallest one if the count
    grows with the stories, as it does in the sample web (bisection over the truth file)."""
    low, high = 1, 64
    while articles_per_site(seed, high)[host] < pages:
        low, high = high, high * 2
    while low < high:
        mid = (low + high) // 2
        if articles_per_site(seed, mid)[host] >= pages:
            high = mid
        else:
            low = mid + 1
    return high


# --- memory of a process tree --------------------------------------------------------------


def parent_pids() -> dict[int, int]:
    """pid -> ppid for every process now running."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue  # gone meanwhile
        # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
        fields = text[text.rindex(")") + 2 :].split()
        parents[int(stat.parent.name)] = int(fields[1])
    return parents


def descendants(root: int) -> list[int]:
    """``root`` and every process below it."""
    children: dict[int, list[int]] = {}
    for pid, ppid in parent_pids().items():
        children.setdefault(ppid, []).append(pid)
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def memory_kb(pid: int) -> tuple[int, int] | None:
    """(RSS, PSS) of one process in kB, or None if it has exited."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return None
        rss = next((int(x.split()[1]) for x in status.splitlines() if x.startswith("VmRSS:")), 0)
        return rss, rss
    values = {
        line.split(":")[0]: int(line.split()[1])
        for line in rollup.splitlines()
        if line.startswith(("Rss:", "Pss:"))
    }
    return values.get("Rss", 0), values.get("Pss", 0)


def command_name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


@dataclass
class Sample:
    seconds: float
    pages: int  # records written so far (each one an article page; rendered ones in the JS crawl)
    rendered: int  # article JSON fetched by the page's script: pages that ran in Chromium
    crawler_kb: int  # the scrapy process itself
    driver_kb: int  # Playwright's node driver
    browser_kb: int  # Chromium: browser, zygotes, renderers, GPU/network/storage utilities
    total_pss_kb: int
    processes: int
    closing: bool  # taken once the log said "Closing spider": the browser may be going away

    @property
    def total_kb(self) -> int:
        return self.crawler_kb + self.driver_kb + self.browser_kb


def sample(root: int, started: float, pages: int, rendered: int, closing: bool) -> Sample:
    crawler = driver = browser = pss_total = processes = 0
    for pid in descendants(root):
        memory = memory_kb(pid)
        if memory is None:
            continue
        rss, pss = memory
        processes += 1
        pss_total += pss
        if pid == root:
            crawler += rss
        elif command_name(pid).startswith("node"):  # "node-MainThread"
            driver += rss
        else:
            browser += rss
    return Sample(
        round(time.monotonic() - started, 2),
        pages,
        rendered,
        crawler,
        driver,
        browser,
        pss_total,
        processes,
        closing,
    )


def lines_in(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except OSError:
        return 0


# --- one measured crawl --------------------------------------------------------------------


def measured_crawl(
    workdir: Path,
    proxy: str,
    spider: str,
    settings: dict[str, str],
    rendered: Callable[[], int],
    args: dict[str, str] | None = None,
) -> tuple[CrawlResult, list[Sample]]:
    """``scrapy crawl SPIDER`` in a subprocess (as tests/crawl.py runs it), sampled until it ends."""
    workdir.mkdir()
    cmd, env = crawl_command(workdir, proxy, spider, args, settings=settings)
    out, log = workdir / "out.jsonl", workdir / "crawl.log"
    samples: list[Sample] = []
    started = time.monotonic()
    with (
        (workdir / "stderr.txt").open("w+") as errors,
        subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=errors) as proc,
    ):
        reported = 0
        closing = False
        while proc.poll() is None:
            if not closing and log.exists():
                closing = b"Closing spider" in log.read_bytes()
            samples.append(sample(proc.pid, started, lines_in(out), rendered(), closing))
            now = samples[-1]
            if now.pages >= reported + 100:
                reported = now.pages // 100 * 100
                logger.info(
                    "%s: %d pages, %d rendered, %.0f MB RSS in %d processes, %.0f s",
                    spider,
                    now.pages,
                    now.rendered,
                    now.total_kb / MB,
                    now.processes,
                    now.seconds,
                )
            if now.seconds > TIMEOUT:
                proc.kill()
                break
            time.sleep(INTERVAL)
        proc.wait()
        errors.seek(0)
        result = read_result(workdir, proc.returncode, errors.read())
    if result.returncode != 0:
        raise RuntimeError(f"scrapy crawl {spider} failed:\n{result.log[-3000:]}")
    return result, samples


# --- figures -------------------------------------------------------------------------------


def slope_mb_per_100(samples: list[Sample], kb: Callable[[Sample], int]) -> float:
    """Least-squares growth of ``kb`` over the samples, in MB per 100 pages."""
    points = [(s.pages, kb(s) / MB) for s in samples]
    if len({x for x, _ in points}) < 2:
        return 0.0
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in points)
    variance = sum((x - mean_x) ** 2 for x, _ in points)
    return round(100 * covariance / variance, 2)


def figures(result: CrawlResult, samples: list[Sample], pages: int) -> dict[str, Any]:
    """Peaks over the whole crawl; growth between the first sample with a fifth of ``pages``
    written and the last one taken before the spider began closing (the browser still up)."""
    written = len(result.items)
    running = [s for s in samples if not s.closing]
    late = next((s for s in reversed(running) if s.pages <= pages), running[-1])
    early = next(s for s in running if s.pages >= max(1, late.pages // 5))
    steady = [s for s in running if early.pages <= s.pages <= late.pages]
    peak = max(samples, key=lambda s: s.total_kb)
    wall = samples[-1].seconds
    return {
        "pages": written,
        "rendered": samples[-1].rendered,
        "navigations": result.stat("playwright/request_count/navigation"),
        "browser_pages_opened": result.stat("playwright/page_count"),
        "browser_pages_closed": result.stat("playwright/page_count/closed"),
        "browser_pages_max_open": result.stat("playwright/page_count/max_concurrent"),
        "browser_contexts": result.stat("playwright/context_count"),
        "browser_pages": f"{result.stat('playwright/page_count')} / "
        f"{result.stat('playwright/page_count/closed')}",
        "seconds": wall,
        "pages_per_s": round(written / wall, 2) if wall else 0.0,
        "samples": len(samples),
        "peak_processes": max(s.processes for s in samples),
        "peak_total_rss_mb": round(peak.total_kb / MB, 1),
        "peak_total_pss_mb": round(max(s.total_pss_kb for s in samples) / MB, 1),
        "peak_crawler_rss_mb": round(max(s.crawler_kb for s in samples) / MB, 1),
        "peak_driver_rss_mb": round(max(s.driver_kb for s in samples) / MB, 1),
        "peak_browser_rss_mb": round(max(s.browser_kb for s in samples) / MB, 1),
        "browser_share_at_peak": round((peak.browser_kb + peak.driver_kb) / peak.total_kb, 3),
        "early_pages": early.pages,
        "early_total_rss_mb": round(early.total_kb / MB, 1),
        "early_total_pss_mb": round(early.total_pss_kb / MB, 1),
        "late_pages": late.pages,
        "late_total_rss_mb": round(late.total_kb / MB, 1),
        "late_total_pss_mb": round(late.total_pss_kb / MB, 1),
        "growth_rss": round(late.total_kb / early.total_kb, 3),
        "growth_pss": round(late.total_pss_kb / early.total_pss_kb, 3),
        "growth_crawler_rss": round(late.crawler_kb / early.crawler_kb, 3),
        "slope_rss_mb_per_100_pages": slope_mb_per_100(steady, lambda s: s.total_kb),
        "slope_pss_mb_per_100_pages": slope_mb_per_100(steady, lambda s: s.total_pss_kb),
    }


ROWS = (
    ("pages written", "pages"),
    ("pages rendered in Chromium", "rendered"),
    ("Chromium pages opened / closed", "browser_pages"),
    ("most pages open at once", "browser_pages_max_open"),
    ("browser contexts", "browser_contexts"),
    ("wall time (s)", "seconds"),
    ("pages/s", "pages_per_s"),
    ("processes (peak)", "peak_processes"),
    ("peak total RSS (MB)", "peak_total_rss_mb"),
    ("peak total PSS (MB)", "peak_total_pss_mb"),
    ("peak crawler RSS (MB)", "peak_crawler_rss_mb"),
    ("peak driver RSS (MB)", "peak_driver_rss_mb"),
    ("peak Chromium RSS (MB)", "peak_browser_rss_mb"),
    ("driver+Chromium share at peak", "browser_share_at_peak"),
    ("first point (pages)", "early_pages"),
    ("total RSS there (MB)", "early_total_rss_mb"),
    ("last point (pages)", "late_pages"),
    ("total RSS there (MB)", "late_total_rss_mb"),
    ("growth RSS last/first", "growth_rss"),
    ("growth PSS last/first", "growth_pss"),
    ("growth crawler RSS", "growth_crawler_rss"),
    ("RSS slope (MB/100 pages)", "slope_rss_mb_per_100_pages"),
    ("PSS slope (MB/100 pages)", "slope_pss_mb_per_100_pages"),
)


def table(browser: dict[str, Any], plain: dict[str, Any], plain_name: str) -> str:
    head = f"{'':32} {JS_SPIDER + ' (Chromium)':>22} {plain_name + ' (plain)':>22}"
    lines = [head, "-" * len(head)]
    for label, key in ROWS:
        lines.append(f"{label:32} {browser[key]:>22} {plain[key]:>22}")
    return "\n".join(lines)


def plain_baseline(seed: int, stories: int, pages: int) -> tuple[str, str]:
    """The plain-HTML registry site whose article count is closest to ``pages``: (spider, host)."""
    sites = load_sites()
    counts = articles_per_site(seed, stories)
    candidates = []
    for host, count in counts.items():
        site = site_for_domain(sites, host)
        if site is not None and not site.needs_browser:
            candidates.append((abs(count - pages), site.name, host))
    _, name, host = min(candidates)
    return name, host


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500, help="article pages to render")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--baseline", help="plain registry spider (default: closest in size)")
    parser.add_argument("--json", help="also write the figures (and every sample) to this file")
    opts = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")

    sites = load_sites()
    js_host = next(
        h for h in articles_per_site(opts.seed, 1) if site_for_domain(sites, h) == sites[JS_SPIDER]
    )
    stories = stories_for(opts.seed, js_host, opts.pages)
    counts = articles_per_site(opts.seed, stories)
    plain_name, plain_host = plain_baseline(opts.seed, stories, counts[js_host])
    if opts.baseline:
        plain_name = opts.baseline
        plain_host = next(h for h in counts if site_for_domain(sites, h) == sites[plain_name])
    logger.info(
        "%d stories (seed %d): %s has %d article pages, %s (baseline) %d",
        stories,
        opts.seed,
        js_host,
        counts[js_host],
        plain_host,
        counts[plain_host],
    )
    web = SampleWeb(opts.seed, stories)
    with serve(web) as server, tempfile.TemporaryDirectory() as tmp:

        def rendered() -> int:
            with server.lock:
                return sum(
                    1
                    for r in server.requests
                    if r.host == js_host and r.path.startswith("/api/stories/")
                )

        browser_run = measured_crawl(
            Path(tmp) / "browser", server.proxy_url, JS_SPIDER, {}, rendered
        )
        plain_run = measured_crawl(
            Path(tmp) / "plain",
            server.proxy_url,
            plain_name,
            {"NEWSMIRROR_BROWSER": "False"},
            lambda: 0,
        )
    browser = figures(*browser_run, opts.pages)
    plain = figures(*plain_run, opts.pages)
    ratios = {
        "peak_total_rss": round(browser["peak_total_rss_mb"] / plain["peak_total_rss_mb"], 2),
        "peak_total_pss": round(browser["peak_total_pss_mb"] / plain["peak_total_pss_mb"], 2),
        "peak_crawler_rss": round(browser["peak_crawler_rss_mb"] / plain["peak_crawler_rss_mb"], 2),
        "pages_per_s": round(browser["pages_per_s"] / plain["pages_per_s"], 3),
    }
    print(table(browser, plain, plain_name))
    print(
        f"\nbrowser crawl / plain crawl: peak RSS {ratios['peak_total_rss']}x, "
        f"peak PSS {ratios['peak_total_pss']}x, crawler alone {ratios['peak_crawler_rss']}x, "
        f"pages/s {ratios['pages_per_s']}"
    )
    if opts.json:
        report = {
            "seed": opts.seed,
            "stories": stories,
            "browser": {"spider": JS_SPIDER, "site": js_host, **browser},
            "plain": {"spider": plain_name, "site": plain_host, **plain},
            "ratios_browser_over_plain": ratios,
            "samples": {
                "browser": [asdict(s) for s in browser_run[1]],
                "plain": [asdict(s) for s in plain_run[1]],
            },
        }
        Path(opts.json).parent.mkdir(parents=True, exist_ok=True)
        Path(opts.json).write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
