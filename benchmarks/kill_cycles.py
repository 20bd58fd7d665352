"""SIGKILL a crawl again and again at random moments: is anything lost, duplicated or torn?

One sample web (``--stories``; each story has its original and its copies), one SQLite store, one
``JOBDIR`` and one appended feed (``-o stories.jsonl``). The crawl is started, killed with SIGKILL
(every other time after a random delay, otherwise after a random number of new story lines, so
that kills land while stories are written too), and started again with the same command,
``--kills`` times; then it runs to the end. A clean crawl of the same web into a fresh store is the baseline.

Printed: kills that landed while the crawl was running, torn lines cut off by the next run, lines in
the feed that do not parse (after repair: must be 0), true stories the clean run found that the feed
misses,
story ids written more than once at one version, and whether the latest line of each story equals
the clean run's story (id, canonical URL, text source, copies).

    .venv/bin/python benchmarks/kill_cycles.py [--stories 1000] [--kills 50] [--max-delay 20]
        [--seed 1] [--json out.json]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsmirror.sampleweb import SampleWeb, serve
from newsmirror.sampleweb.score import latest
from tests.crawl import ROOT, crawl_command, true_story_of
from tests.test_distributed import _story_set

logger = logging.getLogger("kill_cycles")


def command(
    run: Path, proxy_url: str, homes: str, feed: Path, settings: dict[str, str]
) -> tuple[list[str], dict[str, str]]:
    """The crawl command, appending to ``feed`` (``-o``) so every run writes into one file."""
    run.mkdir(exist_ok=True)
    return crawl_command(
        run, proxy_url, args={"url": homes}, settings=settings, out=feed, append=True
    )


def feed_lines(feed: Path) -> int:
    try:
        return feed.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def read_feed(feed: Path) -> tuple[list[dict[str, Any]], int]:
    stories, bad = [], 0
    for line in feed.read_bytes().splitlines():
        try:
            stories.append(json.loads(line))
        except ValueError:
            bad += 1
    return stories, bad


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--max-delay", type=float, default=20.0, help="longest run before a kill")
    parser.add_argument("--json", help="also write the figures to this file")
    opts = parser.parse_args()
    rng = random.Random(opts.seed)
    web = SampleWeb(seed=opts.seed, stories=opts.stories)
    truth = web.truth()
    homes = ",".join(site["home"] for site in truth["sites"])
    base = {"NEWSMIRROR_BROWSER": "False", "NEWSMIRROR_MAX_PAGES_PER_SITE": "100000"}
    figures: dict[str, Any] = {"stories": opts.stories, "pages_in_web": len(truth["pages"])}
    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        server = stack.enter_context(serve(web))
        clean_feed = tmp / "clean.jsonl"
        cmd, env = command(
            tmp / "clean",
            server.proxy_url,
            homes,
            clean_feed,
            {**base, "NEWSMIRROR_STORE": f"sqlite:///{tmp}/clean.db"},
        )
        started = time.monotonic()
        subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, check=True, timeout=7200)
        figures["clean_run_s"] = round(time.monotonic() - started, 1)
        clean, _ = read_feed(clean_feed)

        feed = tmp / "killed.jsonl"
        settings = {**base, "NEWSMIRROR_STORE": f"sqlite:///{tmp}/store.db", "JOBDIR": f"{tmp}/job"}
        landed = torn = 0
        for number in range(opts.kills):
            cmd, env = command(tmp / f"run{number}", server.proxy_url, homes, feed, settings)
            proc = subprocess.Popen(
                cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            if number % 2:
                # Half the kills land while the run writes its stories: after a random number of
                # new lines (or, if it never gets there, after the longest delay).
                lines = feed_lines(feed) + rng.randint(1, 40)
                deadline = time.monotonic() + opts.max_delay * 3
                while proc.poll() is None and time.monotonic() < deadline:
                    if feed_lines(feed) >= lines:
                        break
                    time.sleep(0.005)
            else:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    proc.wait(rng.uniform(1.0, opts.max_delay))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                landed += 1
            proc.wait()
            log_file = tmp / f"run{number}" / "crawl.log"
            torn += log_file.exists() and "ended with a torn line" in log_file.read_text(
                "utf-8", "replace"
            )
            logger.info("run %d: exit %s", number, proc.returncode)
        cmd, env = command(tmp / "final", server.proxy_url, homes, feed, settings)
        final = subprocess.run(
            cmd, cwd=ROOT, env=env, capture_output=True, timeout=7200, check=False
        )
        log = (tmp / "final" / "crawl.log").read_text("utf-8", "replace")
        torn += "ended with a torn line" in log
        stories, unparsable = read_feed(feed)
        kept = latest(stories)
        truth_of = true_story_of(truth)
        found = {truth_of.get(c["url"]) for s in kept for c in s["copies"]}
        found_clean = {truth_of.get(c["url"]) for s in clean for c in s["copies"]}
        figures.update(
            {
                "kills_landed": landed,
                "final_exit": final.returncode,
                "torn_lines_cut": torn,
                "unparsable_lines": unparsable,
                "lines": len(stories),
                # True stories the clean run found and the killed runs' feed does not have.
                "stories_missing": len(found_clean - found),
                "true_stories_the_clean_run_found": len(found_clean),
                "duplicate_lines": sum(
                    n - 1 for n in Counter((s["id"], s["version"]) for s in stories).values()
                ),
                "ids_written_at_several_versions": sum(
                    n > 1 for n in Counter(s["id"] for s in stories).values()
                ),
                "clean_stories": len(clean),
                "same_stories_as_clean_run": _story_set(kept) == _story_set(clean),
                "only_in_clean": len(_story_set(clean) - _story_set(kept)),
                "only_after_kills": len(_story_set(kept) - _story_set(clean)),
                "examples_only_in_clean": [
                    (sid, url, source, sorted(copies))
                    for sid, url, source, copies in sorted(_story_set(clean) - _story_set(kept))[:3]
                ],
                "examples_only_after_kills": [
                    (sid, url, source, sorted(copies))
                    for sid, url, source, copies in sorted(_story_set(kept) - _story_set(clean))[:3]
                ],
            }
        )
    print(json.dumps(figures, indent=2))
    if opts.json:
        Path(opts.json).write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
