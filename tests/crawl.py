"""Run real ``scrapy crawl`` processes against the sample web and read what they wrote."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Re-exported: the tests read each page's true story from the truth file through it.
from newsmirror.sampleweb.score import true_story_of

__all__ = [
    "FAST",
    "ROOT",
    "SCRAPY",
    "CrawlResult",
    "crawl_command",
    "read_result",
    "run_crawl",
    "run_measured_crawl",
    "true_story_of",
]
ROOT = Path(__file__).resolve().parent.parent
SCRAPY = [sys.executable, "-m", "scrapy"]

# Our own loopback server: skip the polite slow start, keep everything else as users run it.
FAST = {
    "AUTOTHROTTLE_START_DELAY": "0.01",
    "AUTOTHROTTLE_TARGET_CONCURRENCY": "16",
    "LOG_LEVEL": "INFO",
    # One record per article page unless a test gives a store (see test_dedup_crawl.py).
    "NEWSMIRROR_STORE": "",
}


@dataclass
class CrawlResult:
    returncode: int
    items: list[dict[str, Any]]
    stats: dict[str, Any]
    log: str
    peak_rss: int = 0  # bytes; set by run_measured_crawl only

    def stat(self, key: str) -> int:
        return int(self.stats.get(key, 0))


def crawl_command(
    tmp_path: Path,
    proxy_url: str,
    spider: str = "mirror",
    args: dict[str, str] | None = None,
    settings: dict[str, str] | None = None,
    out: Path | None = None,
    append: bool = False,
) -> tuple[list[str], dict[str, str]]:
    """The ``scrapy crawl`` command line and environment :func:`run_crawl` uses.

    The feed ``out`` (``tmp_path/out.jsonl`` by default) is overwritten (``-O``), or with
    ``append`` appended to (``-o``), as the runs of one job, resumed or restarted, share a feed.
    """
    out = out or tmp_path / "out.jsonl"
    feed = ["-o", f"{out}:jsonlines"] if append else ["-O", str(out)]
    cmd = [*SCRAPY, "crawl", spider, *feed]
    for key, value in (args or {}).items():
        cmd += ["-a", f"{key}={value}"]
    merged = {
        **FAST,
        "NEWSMIRROR_STATS_FILE": str(tmp_path / "stats.json"),
        "LOG_FILE": str(tmp_path / "crawl.log"),
        **(settings or {}),
    }
    for key, value in merged.items():
        cmd += ["-s", f"{key}={value}"]
    return cmd, proxy_env(proxy_url)


def proxy_env(proxy_url: str) -> dict[str, str]:
    """This process's environment, with every request sent through the sample web at
    ``proxy_url``."""
    env = {**os.environ, "http_proxy": proxy_url, "HTTP_PROXY": proxy_url}
    env.pop("no_proxy", None)
    env.pop("NO_PROXY", None)
    return env


def run_scrapy(
    args: list[str], env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """``scrapy ARGS`` in the project directory: its exit status, stdout and stderr."""
    return subprocess.run(
        [*SCRAPY, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def problem_lines(stderr: str) -> list[str]:
    """The lines of stderr that are not INFO/DEBUG log records nor their continuation lines
    (Scrapy logs its settings and components as multi-line INFO records)."""
    return [
        line
        for line in stderr.splitlines()
        if not (" INFO: " in line or " DEBUG: " in line or line[:1] in (" ", "{", "[", "}", "]"))
    ]


def read_result(
    tmp_path: Path, returncode: int, stderr: str, out: Path | None = None
) -> CrawlResult:
    out = out or tmp_path / "out.jsonl"
    stats_file = tmp_path / "stats.json"
    log_file = tmp_path / "crawl.log"
    items = (
        [json.loads(line) for line in out.read_text("utf-8").splitlines()] if out.exists() else []
    )
    stats = json.loads(stats_file.read_text("utf-8")) if stats_file.exists() else {}
    log = (log_file.read_text("utf-8") if log_file.exists() else "") + stderr
    return CrawlResult(returncode, items, stats, log)


def run_crawl(
    tmp_path: Path,
    proxy_url: str,
    spider: str = "mirror",
    args: dict[str, str] | None = None,
    settings: dict[str, str] | None = None,
    timeout: float = 300,
) -> CrawlResult:
    """``scrapy crawl SPIDER -a ... -O out.jsonl`` in a subprocess with ``http_proxy`` set."""
    cmd, env = crawl_command(tmp_path, proxy_url, spider, args, settings)
    proc = subprocess.run(
        cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    return read_result(tmp_path, proc.returncode, proc.stderr)


def run_measured_crawl(
    tmp_path: Path,
    proxy_url: str,
    spider: str = "mirror",
    args: dict[str, str] | None = None,
    settings: dict[str, str] | None = None,
    timeout: float = 300,
) -> CrawlResult:
    """:func:`run_crawl`, also reading the crawl process's peak RSS from the kernel (``wait4``)."""
    cmd, env = crawl_command(tmp_path, proxy_url, spider, args, settings)
    stderr_path = tmp_path / "stderr.txt"
    with stderr_path.open("w") as stderr:
        proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=stderr, text=True
        )
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
    proc.returncode = os.waitstatus_to_exitcode(status)
    result = read_result(tmp_path, proc.returncode, stderr_path.read_text("utf-8"))
    result.peak_rss = usage.ru_maxrss * 1024  # Linux reports kilobytes
    return result
