"""Benchmark: pages/s and peak RSS of ``mirror`` against a bare spider, on one sample web.

The sample web (10,000+ pages by default) is served by a separate process. First ``mirror`` crawls
it from every site's home page; then a bare Scrapy spider fetches exactly the URLs that crawl
fetched, twice: extracting nothing (the cost of Scrapy alone), and running ``trafilatura.extract``
on each page the sample web's truth calls an article (a naive crawler's extraction). All run with
the same settings in the same benchmark run; the figures are ratios of pages/s: ``mirror`` over
the bare spider (the cost of discovery, extraction and origin detection) and over the trafilatura
spider (issue 16's bound: at least 0.85). ``mirror`` runs twice: as configured by default (one
extraction worker process where there is a second core, ``NEWSMIRROR_EXTRACT_PROCESSES``) and with
extraction in its own process. Each crawl runs in its own process, which reports its peak RSS and
CPU seconds (and its workers'); the CPU ratio says what a crawl costs whatever cores it uses.

    .venv/bin/python benchmarks/crawl_throughput.py [--stories 3000] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = {
    "AUTOTHROTTLE_ENABLED": "False",
    "CONCURRENT_REQUESTS": "32",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "8",
    "LOG_LEVEL": "WARNING",
    "NEWSMIRROR_MAX_PAGES_PER_SITE": "100000",
    "NEWSMIRROR_MAX_DEPTH": "30",
    # Plain HTTP crawling and extraction: the JavaScript site's articles are not rendered here
    # (the browser's cost is a benchmark of its own), and one record per page, no story store.
    "NEWSMIRROR_BROWSER": "False",
    "NEWSMIRROR_STORE": "",
}


def start_server(
    seed: int, stories: int, workdir: Path, extra: tuple[str, ...] = ()
) -> tuple[subprocess.Popen[bytes], str]:
    port_file = workdir / "port"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsmirror.sampleweb",
            "serve",
            "--seed",
            str(seed),
            "--stories",
            str(stories),
            "--port",
            "0",
            "--port-file",
            str(port_file),
            *extra,
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while not port_file.exists() or not port_file.read_text().strip():
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("sample web server did not start")
        time.sleep(0.2)
    return proc, f"http://127.0.0.1:{port_file.read_text().strip()}"


def run(mode: str, proxy: str, workdir: Path, extra: list[str]) -> dict[str, Any]:
    result_file = workdir / f"{mode}.json"
    cmd = [
        sys.executable,
        str(ROOT / "benchmarks" / "_crawl_once.py"),
        mode,
        str(result_file),
        *extra,
    ]
    env = {**os.environ, "http_proxy": proxy}
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)
    data: dict[str, Any] = json.loads(result_file.read_text())
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stories", type=int, default=3000)
    parser.add_argument("--json", help="also write the figures to this file")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        server, proxy = start_server(opts.seed, opts.stories, workdir)
        try:
            settings = [f"--set={k}={v}" for k, v in SETTINGS.items()]
            truth = json.loads(
                subprocess.run(
                    [
                        sys.executable,
                        "-c",
                        "import json,sys;from newsmirror.sampleweb import SampleWeb;"
                        f"t=SampleWeb({opts.seed},{opts.stories}).truth();"
                        "print(json.dumps({'homes': [s['home'] for s in t['sites']],"
                        " 'articles': [p['url'] for p in t['pages'] if p['kind'] == 'article']}))",
                    ],
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            )
            homes = truth["homes"]
            (workdir / "articles.txt").write_text("\n".join(truth["articles"]))
            mirror = run(
                "mirror",
                proxy,
                workdir,
                ["--urls", ",".join(homes), "--urls-out", str(workdir / "urls.txt"), *settings],
            )
            # The same crawl with extraction in the crawl's own process (no worker).
            inline = run(
                "mirror",
                proxy,
                workdir,
                ["--urls", ",".join(homes), *settings, "--set=NEWSMIRROR_EXTRACT_PROCESSES=0"],
            )
            fetched = ["--urls-in", str(workdir / "urls.txt"), *settings]
            bare = run("bare", proxy, workdir, fetched)
            naive = run(
                "trafilatura",
                proxy,
                workdir,
                [*fetched, "--articles-in", str(workdir / "articles.txt")],
            )
        finally:
            server.terminate()
            server.wait()
    figures = {
        "stories": opts.stories,
        "mirror": mirror,
        "bare": bare,
        "bare_trafilatura": naive,
        "ratio_pages_per_s": round(mirror["pages_per_s"] / bare["pages_per_s"], 3),
        "ratio_to_trafilatura_spider": round(mirror["pages_per_s"] / naive["pages_per_s"], 3),
        "mirror_in_process": inline,
        "ratio_in_process_to_trafilatura_spider": round(
            inline["pages_per_s"] / naive["pages_per_s"], 3
        ),
        # Pages per CPU second (the crawl's process and its workers) over the trafilatura
        # spider's: what the crawl costs, whatever cores it spreads over.
        "cpu_ratio_to_trafilatura_spider": round(
            (mirror["pages"] / (mirror["cpu_s"] + mirror.get("workers_cpu_s", 0.0)))
            / (naive["pages"] / naive["cpu_s"]),
            3,
        ),
    }
    print(json.dumps(figures, indent=1))
    if opts.json:
        Path(opts.json).parent.mkdir(parents=True, exist_ok=True)
        Path(opts.json).write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
