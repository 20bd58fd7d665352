"""Benchmark: attribution detection time as a share of extraction time, per page.

Runs extraction (metadata + main text + classification) and then origin detection on the same parsed
pages and reports the ratio of the two totals, with and without decoding and parsing the HTML (which
extraction needs and detection reuses). Three page sets: the labelled origin corpus and the sample
web's article pages, both small (1–6 kB, 30–50 elements), and the same pages as ``serve --chrome``
serves them, inside a full magazine theme's chrome (``newsmirror.sampleweb.chrome``: about 40 kB and
600 elements, the size of a real news page). With ``--crawl-stories N``, both are also timed on the
article pages of two real crawls of an N-story sample web, served plain and in theme chrome. Target
(issue 3): detection costs at most 5% of extraction.

Detection keeps what it learnt from earlier pages (matched lines, keyword nodes, publisher names:
a site's template repeats them); each pass starts without it, as a crawl does. ``--no-reuse``
clears it before every page: the cost on pages that share nothing.

    .venv/bin/python benchmarks/origin_cost.py [--repeat 3] [--crawl-stories 300] [--no-reuse]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsmirror.extract import extract_article  # noqa: E402
from newsmirror.origin import clear_caches, detect_origin, load_publishers  # noqa: E402
from newsmirror.page import Page  # noqa: E402
from newsmirror.urls import host_domain  # noqa: E402


def corpus_pages() -> list[tuple[str, bytes]]:
    from tests.origin_corpus import cases

    return [(case.url, case.html.encode("utf-8")) for case in cases()]


def sample_web_pages(stories: int, chrome: bool = False) -> list[tuple[str, bytes]]:
    """The static article pages of a ``stories``-story sample web (``chrome``: as ``serve
    --chrome`` serves them, inside the magazine theme)."""
    from newsmirror.sampleweb import SampleWeb

    web = SampleWeb(seed=1, stories=stories, chrome=chrome)
    pages = []
    for page in web.truth()["pages"]:
        if page["kind"] == "article" and not page.get("hostile") and not page["needs_browser"]:
            status, _headers, body = web.fetch(page["url"])
            if status == 200:
                pages.append((page["url"], body))
    return pages


def crawl_timing(stories: int, chrome: bool = False) -> dict[str, Any]:
    """Extraction and detection timed per page inside a real crawl of a ``stories``-story web.

    The sample web is served by its own process (``chrome``: its article pages in the theme's
    chrome); ``mirror`` crawls it from every home page, with ``crawl_throughput``'s settings, and
    times the spider's ``extract_article`` and the origin pipeline's ``detect_origin`` on each
    article page (``_crawl_once.py --time-origin``).
    """
    import tempfile

    from benchmarks.crawl_throughput import SETTINGS, run, start_server
    from newsmirror.sampleweb import SampleWeb

    homes = [site["home"] for site in SampleWeb(1, stories).truth()["sites"]]
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        server, proxy = start_server(1, stories, workdir, ("--chrome",) if chrome else ())
        try:
            settings = [f"--set={key}={value}" for key, value in SETTINGS.items()]
            result = run(
                "mirror", proxy, workdir, ["--time-origin", "--urls", ",".join(homes), *settings]
            )
        finally:
            server.terminate()
            server.wait()
    timing: dict[str, Any] = result["origin_timing"]
    return timing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--stories", type=int, default=100)
    parser.add_argument("--json")
    parser.add_argument(
        "--no-reuse",
        action="store_true",
        help="clear detection's caches before every page: its cost when no line, keyword node "
        "or publisher name repeats from one page to the next",
    )
    parser.add_argument(
        "--crawl-stories",
        type=int,
        default=0,
        help="also time both inside real crawls of a sample web of this many stories, served "
        "plain and in full theme chrome",
    )
    opts = parser.parse_args()
    publishers = load_publishers()
    sets = {
        "origin corpus": corpus_pages(),
        "sample web": sample_web_pages(opts.stories),
        "sample web in full theme chrome": sample_web_pages(opts.stories, chrome=True),
    }
    report: dict[str, Any] = {}
    for name, pages in sets.items():
        extract_s = detect_s = parse_s = 0.0
        for _ in range(opts.repeat):
            # Each pass starts cold: a host is looked up in the suffix list, a publisher in the
            # table and a line among the patterns as often as in one crawl of these pages, not
            # once for all passes.
            host_domain.cache_clear()
            clear_caches()
            for url, body in pages:
                if opts.no_reuse:
                    clear_caches()
                tp = time.perf_counter()
                page = Page.from_bytes(url, body)
                tree = page.tree
                t0 = time.perf_counter()
                parse_s += t0 - tp
                article = extract_article(url, tree)
                t1 = time.perf_counter()
                detect_origin(url, tree, article.paragraphs, publishers, article.metadata)
                t2 = time.perf_counter()
                extract_s += t1 - t0
                detect_s += t2 - t1
        n = len(pages) * opts.repeat
        report[name] = {
            "pages": len(pages),
            "extract_ms_per_page": round(1000 * extract_s / n, 3),
            "detect_ms_per_page": round(1000 * detect_s / n, 3),
            "parse_ms_per_page": round(1000 * parse_s / n, 3),
            "detect_share_of_extract": round(detect_s / extract_s, 4),
            "detect_share_of_parse_and_extract": round(detect_s / (extract_s + parse_s), 4),
        }
    if opts.crawl_stories:
        report["real crawl of the sample web"] = crawl_timing(opts.crawl_stories)
        report["real crawl of the sample web in full theme chrome"] = crawl_timing(
            opts.crawl_stories, chrome=True
        )
    print(json.dumps(report, indent=1))
    if opts.json:
        Path(opts.json).write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
