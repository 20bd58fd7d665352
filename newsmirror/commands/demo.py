"""``scrapy demo``: serve the bundled sample web on loopback, crawl it, write JSON Lines, summarise."""

from __future__ import annotations

import argparse
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from newsmirror.cli import FAILED, error_line
from newsmirror.preflight import output_problems
from newsmirror.sampleweb import SampleWeb, serve

DEFAULT_OUTPUT = "output/demo/stories.jsonl"


class Command(ScrapyCommand):
    requires_project = True

    def syntax(self) -> str:
        return "[options]"

    def short_desc(self) -> str:
        return "Crawl the bundled sample web (offline) into JSON Lines and print a summary"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--seed", type=int, default=1, help="sample web seed (default 1)")
        parser.add_argument(
            "--stories",
            type=int,
            default=30,
            help="original stories in the sample web (default 30)",
        )
        parser.add_argument(
            "--output",
            "-o",
            default=DEFAULT_OUTPUT,
            help=f"JSON Lines file to write (default {DEFAULT_OUTPUT})",
        )

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        if opts.stories < 1:
            raise UsageError("--stories must be at least 1")
        assert self.settings is not None
        if not opts.loglevel:
            self.settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
        store = (Path(opts.output).parent / "store.db").absolute()
        self.settings.set("NEWSMIRROR_STORE", f"sqlite:///{store}", priority="cmdline")
        self.settings.set(
            "FEEDS",
            {opts.output: {"format": "jsonlines", "overwrite": True, "encoding": "utf-8"}},
            priority="cmdline",
        )
        # The sample web is our own loopback server: no need to start slowly.
        self.settings.set("AUTOTHROTTLE_START_DELAY", 0.05, priority="cmdline")
        self.settings.set("AUTOTHROTTLE_TARGET_CONCURRENCY", 8.0, priority="cmdline")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        problems = output_problems(self.settings)
        if problems:
            error_line("; ".join(problems), self.settings)
            self.exitcode = FAILED
            return
        output = Path(opts.output)
        store = output.parent.absolute() / "store.db"
        for leftover in (store, store.with_name("store.db-wal"), store.with_name("store.db-shm")):
            leftover.unlink(missing_ok=True)  # the demo starts from an empty store every time
        web = SampleWeb(seed=opts.seed, stories=opts.stories)
        truth = web.truth()
        homes = [site["home"] for site in truth["sites"]]
        output.parent.mkdir(parents=True, exist_ok=True)
        with serve(web) as server:
            os.environ["http_proxy"] = server.proxy_url
            os.environ.pop("no_proxy", None)
            os.environ.pop("NO_PROXY", None)
            assert self.crawler_process is not None
            self.crawler_process.crawl("mirror", url=",".join(homes))
            self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
        print(summary(output, truth))


def summary(path: Path, truth: dict[str, Any]) -> str:
    lines = path.read_text("utf-8").splitlines() if path.exists() else []
    stories = [json.loads(line) for line in lines if line.strip()]
    per_site = Counter(c["site"] for s in stories for c in s["copies"])
    expected = [p for p in truth["pages"] if p["kind"] == "article"]
    static = [p for p in expected if not p.get("needs_browser")]
    found = {c["url"] for s in stories for c in s["copies"]}
    copies = sum(len(s["copies"]) for s in stories)
    origins = Counter(s["origin"]["method"] for s in stories if s.get("origin"))
    out = [f"Wrote {len(stories)} stories ({copies} article pages) to {path.resolve()}"]
    out += [f"  {site:32} {count:5d}" for site, count in sorted(per_site.items())]
    methods = ", ".join(f"{m} {n}" for m, n in origins.most_common()) or "none"
    out.append(
        f"Origins found: {sum(origins.values())} ({methods}); "
        f"{len(stories) - sum(origins.values())} stories without attribution."
    )
    rendered = [p for p in expected if p.get("needs_browser") and p["url"] in found]
    missing = [p["url"] for p in expected if p["url"] not in found]
    out.append(
        f"Sample web: {len(expected)} article pages ({len(expected) - len(static)} rendered by "
        f"JavaScript, {len(rendered)} of them crawled in Chromium); {len(missing)} article "
        f"page(s) missing from the output."
    )
    return "\n".join(out)
