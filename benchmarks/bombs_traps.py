"""Benchmark: bombs and traps. Decompressed bytes per bomb against DOWNLOAD_MAXSIZE, requests per
spider trap against the page budget plus the per-site concurrency, and each crawl's peak RSS against
a plain crawl of an ordinary site measured in the same run.

Every crawl is a real ``scrapy crawl mirror`` in its own process (peak RSS read with ``wait4``)
through the sample web's loopback proxy; the server's request log counts the requests per trap.
Claims checked: decompressed bytes <= 1.1 x the limit; requests per trap <= budget + concurrency.

    .venv/bin/python benchmarks/bombs_traps.py [--budget 200] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from newsmirror.sampleweb import SampleWeb, hostile, serve
from newsmirror.sampleweb.server import SampleWebServer
from newsmirror.settings import CONCURRENT_REQUESTS_PER_DOMAIN, DOWNLOAD_MAXSIZE
from newsmirror.settings import NEWSMIRROR_MAX_DEPTH as MAX_DEPTH

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = {
    "LOG_LEVEL": "WARNING",
    "NEWSMIRROR_BROWSER": "False",
    "NEWSMIRROR_STORE": "",
    "AUTOTHROTTLE_START_DELAY": "0.01",
}


def crawl(server: SampleWebServer, workdir: Path, url: str, **args: str) -> dict[str, Any]:
    """One crawl; its stats, peak RSS and the requests the server saw for it."""
    workdir.mkdir(parents=True, exist_ok=True)
    stats_file = workdir / "stats.json"
    cmd = [sys.executable, "-m", "scrapy", "crawl", "mirror", "-O", str(workdir / "out.jsonl")]
    cmd += ["-a", f"url={url}", *(x for k, v in args.items() for x in ("-a", f"{k}={v}"))]
    for key, value in {**SETTINGS, "NEWSMIRROR_STATS_FILE": str(stats_file)}.items():
        cmd += ["-s", f"{key}={value}"]
    env = {**os.environ, "http_proxy": server.proxy_url}
    env.pop("no_proxy", None)
    start = len(server.requests)
    with open(workdir / "log.txt", "w") as log:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=log)
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise RuntimeError(f"crawl of {url} failed; see {workdir / 'log.txt'}")
    with server.lock:
        served = list(server.requests[start:])
    return {
        "stats": json.loads(stats_file.read_text()),
        "peak_rss": usage.ru_maxrss * 1024,
        "served": served,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=int, default=200, help="max_pages_per_site for traps")
    parser.add_argument("--json", help="also write the figures to this file")
    opts = parser.parse_args()
    figures: dict[str, Any] = {"limit": DOWNLOAD_MAXSIZE, "bombs": {}, "traps": {}}
    with tempfile.TemporaryDirectory() as tmp, serve(SampleWeb(seed=1, stories=30)) as server:
        work = Path(tmp)
        plain = crawl(server, work / "plain", "http://dailymarketmirror.net/")
        figures["plain_peak_rss"] = plain["peak_rss"]
        bombs = {**hostile.BOMBS, "gzipped sitemap": hostile.SITEMAP_BOMB}
        for name, url in bombs.items():
            result = crawl(server, work / f"bomb-{len(figures['bombs'])}", url)
            decompressed = int(
                result["stats"].get("newsmirror/oversized/decompressed_max_bytes", 0)
            )
            figures["bombs"][name] = {
                "dropped": int(result["stats"].get("newsmirror/oversized/decompressed", 0)),
                "expands_to": hostile.BOMB_BYTES,
                "decompressed": decompressed,
                "ratio_to_limit": decompressed / DOWNLOAD_MAXSIZE,
                "rss_ratio_to_plain": result["peak_rss"] / plain["peak_rss"],
            }
        bound = opts.budget + CONCURRENT_REQUESTS_PER_DOMAIN
        for name, url in hostile.TRAPS.items():
            host = hostile.TRAP_HOSTS[name]
            result = crawl(server, work / f"trap-{name}", url, max_pages_per_site=str(opts.budget))
            requests = sum(1 for r in result["served"] if r.host == host)
            stats = result["stats"]
            stopped = [
                why
                for why, hit in (
                    ("budget", stats.get("newsmirror/limit/site_budget", 0)),
                    ("depth", stats.get("request_depth_max", 0) >= MAX_DEPTH),
                    ("URL filters", stats.get("newsmirror/links/filtered", 0)),
                )
                if hit
            ]
            figures["traps"][name] = {
                "stopped_by": stopped,
                "requests": requests,
                "budget_plus_concurrency": bound,
                "ratio": requests / bound,
                "rss_ratio_to_plain": result["peak_rss"] / plain["peak_rss"],
            }
    mib = 1024 * 1024
    print(f"DOWNLOAD_MAXSIZE {DOWNLOAD_MAXSIZE / mib:.0f} MiB; each bomb expands to ", end="")
    print(
        f"{hostile.BOMB_BYTES / mib:.0f} MiB; plain crawl peak RSS {plain['peak_rss'] / mib:.0f} MiB"
    )
    print(f"{'bomb':<16} {'decompressed':>14} {'/ limit':>8} {'RSS / plain':>12}")
    for name, b in figures["bombs"].items():
        print(
            f"{name:<16} {b['decompressed']:>14,} {b['ratio_to_limit']:>8.3f} "
            f"{b['rss_ratio_to_plain']:>12.2f}"
        )
    print(
        f"{'trap':<16} {'requests':>14} {'/ (budget + concurrency)':>25} {'RSS / plain':>12}  "
        "stopped by"
    )
    for name, t in figures["traps"].items():
        print(
            f"{name:<16} {t['requests']:>14} {t['ratio']:>25.3f} {t['rss_ratio_to_plain']:>12.2f}  "
            + ", ".join(t["stopped_by"])
        )
    ok_bombs = all(0 < b["ratio_to_limit"] <= 1.1 for b in figures["bombs"].values())
    ok_traps = all(t["ratio"] <= 1.0 for t in figures["traps"].values())
    print(
        f"bombs within 1.1 x the limit: {ok_bombs}; traps within budget + concurrency: {ok_traps}"
    )
    if opts.json:
        Path(opts.json).write_text(json.dumps(figures, indent=1))
    if not (ok_bombs and ok_traps):
        sys.exit(1)


if __name__ == "__main__":
    main()
