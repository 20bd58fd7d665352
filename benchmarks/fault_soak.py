"""Benchmark: a long crawl with injected faults against the same crawl without them.

Two ``scrapy crawl mirror`` runs of ``--duration`` seconds each (CLOSESPIDER_TIMEOUT) at
CONCURRENT_REQUESTS=16 over the same sample web, seeded with the home page of every site and of
every clone of it (``--clones``, below; the sites that need a browser left out): one
fault-free, one with ``--rate`` of the answers (robots.txt excepted) turned into faults in equal
shares: 503 with ``Retry-After: --retry-after``, connection resets, malformed pages
(``newsmirror/sampleweb/fault_hosts.py``). They run side by side, each with its own server, so that
both see the same load on a shared machine (``--one-after-the-other`` runs them in turn). The
servers run in this process and log every request with the time it arrived.

``--clones K`` (default 6) has each server also serve K clones of every site, each under a host
that is its own registrable domain (``c3-dailymarketmirror.net.test``; see
``newsmirror/sampleweb/clones.py``). Politeness is per host (downloader slot, Retry-After hold,
robots.txt, circuit breaker), and with CONCURRENT_REQUESTS_PER_DOMAIN=1 a crawl can only fill its
16 slots if it has more than 16 hosts to crawl. The sample web alone has about 7 sites with
enough pages to keep a crawl busy for minutes, so with ``--clones 0`` at most 7 of the 16 slots
are ever used and each 503 with a Retry-After idles one of those 7 hosts: the crawl loses the held
host's time outright, which is not what a crawl at 16 concurrent requests does on the real web,
where it spans many more sites than it has slots and a held host's share goes to the others.
With 6 clones the crawl has 7 x 7 = 49 such hosts (77 seeded), three times its 16 slots. Faults
are injected on clones as on the originals (FaultInjector decides per request, whatever the host).
The web's stories are split over the copies: 10,500 in all, 10,500 / (K + 1) each (``--stories``
sets it per copy), about 55,000 pages, enough for 5 minutes on an idle machine (with 6000 in all,
a fault-free crawl ran out of pages at 294 s once, with 13 hosts left). So the frontier a crawl
discovers stays about what it was with the 7 sites alone (each host adds its own robots.txt, home
page, feed and sitemap probes), and what changes is how many hosts the pages are spread over. (A
40-second crawl of the 77 hosts with 6000 stories per copy enqueued 120,191 requests from the
sitemaps, against 20,210 with 857: its first minutes went to building a frontier 7 times larger,
which measures that, not the faults.) ``--clones 0 --stories 6000`` reproduces the earlier 7-site
soak exactly.

Printed for each run and as fault/fault-free ratios:

- pages/s: good pages served (HTTP 200, malformed ones not counted) per second of crawling;
- RSS of the crawl process at the end of the first fifth of the run ("minute 1" of 5) and at its
  end ("minute 5"), and the growth between them;
- politeness violations, counted from the server's log alone, strictly: every request the server
  stamped for a host after it sent that host a 429/503 with a Retry-After and before the deadline
  the Retry-After names (counted from when the answer was sent), and every request for a path the
  host's robots.txt disallows. No grace: with the project's CONCURRENT_REQUESTS_PER_DOMAIN=1 the
  request that got the 503 is the only one the crawl has in flight to that host, so any request the
  server sees inside the window was sent inside it. With more per host (``-s
  CONCURRENT_REQUESTS_PER_DOMAIN=4``) up to N-1 requests already on their way arrive after the
  503 and are counted too: the server cannot tell them apart, and neither can the site owner. To
  explain those, the crawls use newsmirror's downloader with a send log (``_send_log.py``): for each
  violation it tells whether the crawler handed the request to the network after the 503 had
  reached it (sent too early) or before (already on its way). The send log also counts the
  requests handed to the network inside a window, which a late server stamp cannot hide, and how
  late the server stamped requests;
- the most requests of one host the server held at once (read, not yet answered:
  ``RequestRecord.host_in_flight``), which shows from the server's side what per-host concurrency
  the crawl kept to;
- how many hosts were held by a Retry-After on average (what pages/s lose to faults with one
  request per host), and how soon after each deadline the host heard from the crawl again.

    .venv/bin/python benchmarks/fault_soak.py [--duration 300] [--rate 0.1] [--clones 6] [--json F]
    .venv/bin/python benchmarks/fault_soak.py --duration 60 -s CONCURRENT_REQUESTS_PER_DOMAIN=4

``--downloader scrapy.core.downloader.Downloader`` runs both crawls with Scrapy's own downloader
(no send log): it sends a host's queued request as soon as the 503 is in, and the counter shows it.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from bisect import bisect_right
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from protego import Protego

from newsmirror.sampleweb import SampleWeb, serve
from newsmirror.sampleweb.clones import ClonedWeb
from newsmirror.sampleweb.fault_hosts import FaultInjector, FaultSource
from newsmirror.sampleweb.server import RequestRecord
from newsmirror.sampleweb.web import SITES
from newsmirror.settings import CONCURRENT_REQUESTS_PER_DOMAIN

ROOT = Path(__file__).resolve().parent.parent
# The sample web's size in all (~31,000 pages, enough for 5 minutes), split over the clones.
TOTAL_STORIES = 10_500
# newsmirror's downloader, noting when requests leave and when 429/503s arrive (_send_log.py).
SEND_LOGGING = "benchmarks._send_log.SendLoggingDownloader"
SETTINGS = {
    "CONCURRENT_REQUESTS": "16",
    # CONCURRENT_REQUESTS_PER_DOMAIN: the project's (1) unless given with -s.
    # Loopback: no AutoThrottle ramp, so both runs crawl as fast as politeness lets them.
    "AUTOTHROTTLE_ENABLED": "False",
    "LOG_LEVEL": "INFO",
    "NEWSMIRROR_MAX_PAGES_PER_SITE": "1000000",
    "NEWSMIRROR_MAX_DEPTH": "50",
    "NEWSMIRROR_BROWSER": "False",
    "NEWSMIRROR_STORE": "",
}


def rss_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def seeds(sites: ClonedWeb) -> list[str]:
    """Every site's home page and every clone's, the sites that need a browser left out."""
    return [site.home for site in SITES if not site.needs_browser] + sites.homes(browser=False)


def crawl(
    sites: ClonedWeb,
    faults: Sequence[FaultSource],
    duration: float,
    workdir: Path,
    extra: list[str],
) -> dict[str, Any]:
    """One timed crawl; its server log, RSS samples and stats."""
    workdir.mkdir(parents=True, exist_ok=True)
    homes = ",".join(seeds(sites))
    settings = {
        **SETTINGS,
        "CLOSESPIDER_TIMEOUT": str(duration),
        "LOG_FILE": str(workdir / "crawl.log"),
        "NEWSMIRROR_STATS_FILE": str(workdir / "stats.json"),
    }
    with serve(sites.web, faults=faults, clones=sites.count) as server:
        cmd = [sys.executable, "-m", "scrapy", "crawl", "mirror", "-a", f"url={homes}"]
        cmd += ["-O", str(workdir / "out.jsonl")]
        for key, value in settings.items():
            cmd += ["-s", f"{key}={value}"]
        for pair in extra:
            cmd += ["-s", pair]
        env = {**os.environ, "http_proxy": server.proxy_url, "HTTP_PROXY": server.proxy_url}
        env["NEWSMIRROR_SEND_LOG"] = str(workdir / "sends.txt")
        env.pop("no_proxy", None)
        env.pop("NO_PROXY", None)
        started = time.monotonic()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env)
        samples: list[tuple[float, int]] = []

        def sample() -> None:
            while proc.poll() is None:
                kb = rss_kb(proc.pid)
                if kb is not None:
                    samples.append((time.monotonic() - started, kb))
                time.sleep(1.0)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        returncode = proc.wait()
        sampler.join()
        records = list(server.requests)
    stats_file = workdir / "stats.json"
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    return {
        "returncode": returncode,
        "records": records,
        "rss": samples,
        "stats": stats,
        "send_log": workdir / "sends.txt",
    }


def rss_at(samples: list[tuple[float, int]], when: float) -> int:
    """The RSS (kB) sampled closest to ``when`` seconds after the crawl started."""
    return min(samples, key=lambda s: abs(s[0] - when))[1]


def read_send_log(path: Path) -> dict[str, dict[str, list[float]]]:
    """``_send_log.py``'s file: per kind (send, busy), per URL, the times in order."""
    out: dict[str, dict[str, list[float]]] = {"send": {}, "busy": {}}
    if path.exists():
        for line in path.read_text().splitlines():
            kind, when, url = line.split(" ", 2)
            out[kind].setdefault(url, []).append(float(when))
    return out


def sent_too_early(
    r: RequestRecord, busy: RequestRecord, log: dict[str, dict[str, list[float]]]
) -> bool | None:
    """Whether the crawler sent ``r`` after it had ``busy``'s answer (None: not in the log)."""
    sends = [t for t in log["send"].get(f"http://{r.host}{r.path}", []) if t <= r.time]
    seen = [t for t in log["busy"].get(f"http://{busy.host}{busy.path}", []) if t >= busy.time]
    if not sends or not seen:
        return None
    return sends[-1] > seen[0]


def send_log_check(
    records: list[RequestRecord], log: dict[str, dict[str, list[float]]]
) -> dict[str, Any]:
    """The crawler's side of the count. The server stamps a request when a handler thread reads
    it, which can be later than it came: a request sent too early could be stamped past the
    deadline. Counted by when the crawler sent them instead (never later than they arrived):
    requests handed to the network for a host between its 503 being sent and its deadline, and how
    late the server's stamps were (stamp minus send, for every request in the log)."""
    if not log["send"]:
        return {"sent_inside_a_window": None, "stamp_lag_median_s": None, "stamp_lag_max_s": None}
    windows: dict[str, list[tuple[float, float]]] = {}
    for r in records:
        if r.answered is not None and r.not_before is not None:
            windows.setdefault(r.host, []).append((r.answered, r.not_before))
    inside = 0
    for url, sends in log["send"].items():
        host = url.split("/", 3)[2]
        inside += sum(1 for t in sends for a, b in windows.get(host, []) if a < t < b)
    lags = []
    for r in records:
        sends = [t for t in log["send"].get(f"http://{r.host}{r.path}", []) if t <= r.time]
        if sends:
            lags.append(r.time - sends[-1])
    lags.sort()
    return {
        "sent_inside_a_window": inside,
        "stamp_lag_median_s": round(lags[len(lags) // 2], 4) if lags else None,
        "stamp_lag_max_s": round(lags[-1], 4) if lags else None,
    }


def violations(
    web: ClonedWeb, records: list[RequestRecord], log: dict[str, dict[str, list[float]]]
) -> dict[str, Any]:
    """Politeness violations in a server's log (see the module docstring); no grace."""
    robots: dict[str, Protego] = {}
    disallowed = 0
    for r in records:
        if r.path == "/robots.txt":
            continue
        if r.host not in robots:
            _, _, body = web.fetch(f"http://{r.host}/robots.txt")
            robots[r.host] = Protego.parse(body.decode("utf-8", "replace"))
        if not robots[r.host].can_fetch(f"http://{r.host}{r.path}", "newsmirror"):
            disallowed += 1
    # Per host, every 429/503 with a Retry-After: from when it was sent to its deadline.
    windows: dict[str, list[RequestRecord]] = {}
    for r in records:
        if r.answered is not None and r.not_before is not None:
            windows.setdefault(r.host, []).append(r)
    inside: list[tuple[RequestRecord, RequestRecord]] = []  # (request, the busy answer it broke)
    for r in records:  # robots.txt included: it is a request to the host like any other
        broken = [
            b
            for b in windows.get(r.host, [])
            if b.answered is not None and b.not_before is not None
            if b.answered < r.time < b.not_before
        ]
        if broken:
            inside.append((r, max(broken, key=lambda b: b.not_before or 0.0)))
    # How soon after each deadline the host heard from the crawl again (negative: too soon).
    returns: list[float] = []
    for host, busy_answers in windows.items():
        times = sorted(r.time for r in records if r.host == host)
        for b in busy_answers:
            after = bisect_right(times, b.answered or 0.0)
            if after < len(times) and b.not_before is not None:
                returns.append(times[after] - b.not_before)
    returns.sort()
    explained = [sent_too_early(r, busy, log) for r, busy in inside]
    examples = [
        f"{r.host}{r.path} {r.time - (busy.answered or 0.0):.3f} s after the 503 to {busy.path} "
        f"was sent, {(busy.not_before or 0.0) - r.time:.3f} s before its deadline"
        for r, busy in inside
    ]
    return {
        "retry_after_windows": sum(len(w) for w in windows.values()),
        "retry_after_violations": len(inside),
        # From the crawler's send log, for each violation (explanation only; the count above is
        # the server's):
        "violations_sent_after_the_503_reached_the_crawler": explained.count(True),
        "violations_sent_before_it": explained.count(False),
        "violations_not_in_send_log": explained.count(None),
        "disallowed_requests": disallowed,
        "first_return_after_deadline_min_s": round(returns[0], 4) if returns else None,
        "first_return_after_deadline_median_s": (
            round(returns[len(returns) // 2], 4) if returns else None
        ),
        "violation_examples": examples[:10],
        **send_log_check(records, log),
    }


def hosts_held(records: list[RequestRecord]) -> tuple[float, int]:
    """How many hosts a Retry-After held on average over the run, and how many hosts were still
    being crawled at its end (requests in its last tenth): what a held host's share is taken from."""
    if not records:
        return 0.0, 0
    start, end = records[0].time, records[-1].time
    windows: dict[str, list[tuple[float, float]]] = {}
    for r in records:
        if r.answered is not None and r.not_before is not None:
            windows.setdefault(r.host, []).append((r.answered, min(r.not_before, end)))
    held = 0.0
    for spans in windows.values():
        reach = start
        for begin, until in sorted(spans):
            held += max(0.0, until - max(begin, reach))
            reach = max(reach, until)
    late = {r.host for r in records if r.time >= end - (end - start) / 10}
    return (held / (end - start) if end > start else 0.0), len(late)


def summarize(
    run: dict[str, Any], web: ClonedWeb, duration: float, malformed: int
) -> dict[str, Any]:
    records: list[RequestRecord] = run["records"]
    pages = [r for r in records if r.status == 200 and r.path != "/robots.txt"]
    span = (records[-1].time - records[0].time) if records else 0.0
    good = len(pages) - malformed
    samples = run["rss"]
    first, last = rss_at(samples, duration / 5), rss_at(samples, samples[-1][0])
    statuses: dict[str, int] = {}
    for r in records:
        statuses[str(r.status)] = statuses.get(str(r.status), 0) + 1
    return {
        "returncode": run["returncode"],
        "requests": len(records),
        "statuses": dict(sorted(statuses.items())),
        "good_pages": good,
        "seconds": round(span, 1),
        "pages_per_s": round(good / span, 1) if span else 0.0,
        "rss_minute1_mb": round(first / 1024, 1),
        "rss_end_mb": round(last / 1024, 1),
        "rss_growth_pct": round(100 * (last - first) / first, 1),
        "finished_early": run["stats"].get("finish_reason") != "closespider_timeout",
        "hosts_held_on_average": round(hosts_held(records)[0], 2),
        "hosts_crawled_at_the_end": hosts_held(records)[1],
        # By the server: most requests of one host it held at once (read, not yet answered).
        "max_host_in_flight": max((r.host_in_flight for r in records), default=0),
        **violations(web, records, read_send_log(run["send_log"])),
        "breaker_opened": run["stats"].get("newsmirror/breaker/opened", 0),
        "retry_after_honoured": run["stats"].get("newsmirror/retry_after/honoured", 0),
        "items": run["stats"].get("item_scraped_count", 0),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=300.0, help="seconds per crawl")
    parser.add_argument("--rate", type=float, default=0.1, help="share of answers made faults")
    parser.add_argument("--retry-after", type=int, default=2, help="seconds in injected 503s")
    parser.add_argument(
        "--stories",
        type=int,
        default=None,
        help="stories of the sample web, and so of each clone (pages ~ 5x; default: 10,500 in all, "
        "split over the sites' copies: 10,500 / (clones + 1))",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--clones",
        type=int,
        default=6,
        help="clones of every site, each its own host and registrable domain (0: the sites alone)",
    )
    parser.add_argument(
        "--downloader", default="", help="DOWNLOADER for both crawls (default: newsmirror's)"
    )
    parser.add_argument(
        "--one-after-the-other",
        action="store_true",
        help="run the two crawls in turn instead of side by side",
    )
    parser.add_argument(
        "-s",
        dest="set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a Scrapy setting for both crawls (e.g. CONCURRENT_REQUESTS_PER_DOMAIN=4)",
    )
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--log", help="write the faulty run's server log (JSON Lines) to this file")
    opts = parser.parse_args(argv)
    stories = opts.stories or round(TOTAL_STORIES / (opts.clones + 1))
    web = ClonedWeb(SampleWeb(seed=opts.seed, stories=stories), opts.clones)
    extra = [f"DOWNLOADER={opts.downloader or SEND_LOGGING}", *opts.set]
    per_domain = dict(pair.split("=", 1) for pair in extra).get(
        "CONCURRENT_REQUESTS_PER_DOMAIN", str(CONCURRENT_REQUESTS_PER_DOMAIN)
    )
    results: dict[str, Any] = {
        "duration": opts.duration,
        "rate": opts.rate,
        "cpus": os.cpu_count(),
        "settings": extra,
        "concurrent_requests_per_domain": int(per_domain),
        "clones": opts.clones,
        "stories_per_copy": stories,
        "seeded_hosts": len(seeds(web)),
    }
    injector = FaultInjector(opts.rate, opts.seed, opts.retry_after)
    results["side_by_side"] = not opts.one_after_the_other
    with tempfile.TemporaryDirectory(prefix="fault-soak-") as tmp:
        runs: dict[str, dict[str, Any]] = {}

        def soak(name: str, faults: Sequence[FaultSource]) -> None:
            runs[name] = crawl(web, faults, opts.duration, Path(tmp) / name, extra)

        jobs = [
            threading.Thread(target=soak, args=("clean", [])),
            threading.Thread(target=soak, args=("faults", [injector])),
        ]
        for job in jobs:
            job.start()
            if opts.one_after_the_other:
                job.join()
        for job in jobs:
            job.join()
        clean, faulty = runs["clean"], runs["faults"]
        if opts.log:
            with Path(opts.log).open("w") as out:
                for record in faulty["records"]:
                    out.write(json.dumps(dataclasses.asdict(record)) + "\n")
        results["fault_free"] = summarize(clean, web, opts.duration, 0)
        results["faults"] = summarize(faulty, web, opts.duration, injector.injected["malformed"])
        results["faults"]["injected"] = dict(injector.injected)
    a, b = results["fault_free"], results["faults"]
    results["pages_per_s_ratio"] = round(b["pages_per_s"] / a["pages_per_s"], 2)
    print(
        f"CONCURRENT_REQUESTS=16, CONCURRENT_REQUESTS_PER_DOMAIN={per_domain}, {extra[0]}; "
        f"{results['seeded_hosts']} hosts seeded ({opts.clones} clone(s) of every site, "
        f"{stories} stories each)"
    )
    for name, run in (("fault-free", a), (f"{opts.rate:.0%} faults", b)):
        explained = (
            f" (by the crawler's send log: {run['violations_sent_after_the_503_reached_the_crawler']}"
            f" sent after the 503 reached it, {run['violations_sent_before_it']} before)"
            if run["retry_after_violations"] > run["violations_not_in_send_log"]
            else ""
        )
        print(
            f"{name:>12}: {run['pages_per_s']:6.1f} pages/s ({run['good_pages']} in "
            f"{run['seconds']} s), RSS {run['rss_minute1_mb']} MB at 1/5 -> {run['rss_end_mb']} "
            f"MB at the end ({run['rss_growth_pct']:+.1f}%), politeness violations in the "
            f"server's log: {run['retry_after_violations']} requests inside "
            f"{run['retry_after_windows']} Retry-After windows{explained}, "
            f"{run['disallowed_requests']} disallowed paths; at most {run['max_host_in_flight']} "
            "request(s) of one host in flight at the server"
            + (" [crawl ended before the duration]" if run["finished_early"] else "")
        )
        if run["sent_inside_a_window"] is not None:
            print(
                f"{'':>14}by the crawler's send log: {run['sent_inside_a_window']} requests "
                f"handed to the network inside a window; the server stamped requests "
                f"{run['stamp_lag_median_s']} s after they were sent (median), "
                f"{run['stamp_lag_max_s']} s at most"
            )
        for example in run["violation_examples"][:3]:
            print(f"{'':>14}e.g. {example}")
    print(f"injected: {b['injected']}; breaker opened {b['breaker_opened']} time(s)")
    print(
        f"Retry-After holds: on average {b['hosts_held_on_average']} of the "
        f"{b['hosts_crawled_at_the_end']} hosts still being crawled at the end were held "
        f"(fault-free run: {a['hosts_crawled_at_the_end']} hosts at the end); "
        f"the first request after a deadline came {b['first_return_after_deadline_min_s']} s "
        f"after it at the soonest (median {b['first_return_after_deadline_median_s']} s)"
    )
    print(f"pages/s with faults / fault-free: {results['pages_per_s_ratio']}")
    if opts.json:
        Path(opts.json).write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
