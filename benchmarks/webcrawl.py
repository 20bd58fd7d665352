"""What the test-web benchmarks share: one crawl of a web through its proxy, exported as stories.

``crawl_and_export`` runs ``scrapy crawl mirror`` on the web's seeds through the proxy at
``proxy`` into a fresh SQLite store in ``workdir`` (``crawl.jsonl``, ``crawl.log``, ``store.db``),
then ``scrapy stories`` to ``workdir/stories.jsonl``; ``DETERMINISTIC`` crawls one request at a
time, so that every run gives the same figures.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SCRAPY = str(Path(sys.executable).with_name("scrapy"))
DETERMINISTIC = {
    "CONCURRENT_REQUESTS": "1",
    "NEWSMIRROR_EXTRACT_PROCESSES": "0",
    "AUTOTHROTTLE_ENABLED": "False",  # loopback: no server to spare, and no delay to wait out
    "CONCURRENT_ITEMS": "1",
}


def crawl(
    seeds: Iterable[str], proxy: str, workdir: Path, settings: dict[str, str] | None = None
) -> float:
    """Crawl from ``seeds`` through ``proxy`` (http and https); the crawl's seconds."""
    env = {**os.environ, "http_proxy": proxy, "https_proxy": proxy}
    env.pop("no_proxy", None)
    started = time.monotonic()
    subprocess.run(
        [SCRAPY, "crawl", "mirror", "-a", "url=" + ",".join(seeds),
         "-s", f"NEWSMIRROR_STORE=sqlite:///{workdir}/store.db",
         "-O", str(workdir / "crawl.jsonl"), "-s", f"LOG_FILE={workdir / 'crawl.log'}",
         *(f"-s{name}={value}" for name, value in (settings or {}).items())],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    return time.monotonic() - started


def export(workdir: Path) -> Path:
    """The crawl's store in ``workdir`` written as stories; their file."""
    out = workdir / "stories.jsonl"
    subprocess.run(
        [SCRAPY, "stories", "--store", f"sqlite:///{workdir}/store.db", "-o", str(out)],
        cwd=ROOT, check=True, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return out


@contextmanager
def workdir(keep: Path | None) -> Iterator[Path]:
    """``keep`` (made if need be, left in place), else a temporary directory, removed after."""
    with tempfile.TemporaryDirectory() as tmp:
        path = keep or Path(tmp)
        path.mkdir(parents=True, exist_ok=True)
        yield path


def write_json(path: Path | None, result: dict[str, Any]) -> None:
    """The figures as JSON at ``path``, if one is given."""
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result, indent=1, sort_keys=True))
