"""Crawl the independent test web (tests/blindweb, written blind for issue 15) and score the stories.

    .venv/bin/python benchmarks/blindweb.py [--seed 1] [--json benchmarks/results/blindweb.json]

Serves the blind web on loopback, runs ``scrapy crawl mirror`` on its aggregators' home pages
through it (a fresh SQLite store; https URLs through TLS tunnels, as on the real web, unless
``--no-tls``), exports the store with ``scrapy stories`` and scores that
export with the blind web's own scorer: pairwise clustering, the largest story, origin
precision/recall, canonical text F1. Needs ../shared/realweb (the web's originals are its pages).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.webcrawl import crawl, export, workdir, write_json  # noqa: E402
from tests.blindweb import generate, score, serve, truth  # noqa: E402
from tests.blindweb.realweb import DEFAULT_REALWEB  # noqa: E402
from tests.blindweb.scorer import format_table  # noqa: E402


def crawl_and_score(
    seed: int, workdir: Path, tls: bool = True, settings: dict[str, str] | None = None
) -> dict[str, object]:
    """Crawl, export and score; ``settings``: more ``-s NAME=VALUE`` for the crawl."""
    web = generate(seed)
    expected = truth(web)
    with serve(web, tls=tls) as server:
        seconds = crawl(
            web.seeds(), f"http://127.0.0.1:{server.server_address[1]}", workdir, settings
        )
    result = score(expected, export(workdir), echo=False)
    result["crawl_seconds"] = round(seconds, 1)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--keep", type=Path, help="keep the crawl's files in this directory")
    parser.add_argument(
        "--no-tls",
        action="store_true",
        help="answer CONNECT with 405 as the web was written (https originals cannot be fetched)",
    )
    args = parser.parse_args()
    if not (DEFAULT_REALWEB / "fundus.jsonl").is_file():
        print(f"needs the realweb pages at {DEFAULT_REALWEB}", file=sys.stderr)
        return 2
    with workdir(args.keep) as where:
        result = crawl_and_score(args.seed, where, tls=not args.no_tls)
    print(format_table(result))
    print(f"crawl: {result['crawl_seconds']} s")
    write_json(args.json, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
