"""Command line: serve the web, print its seeds, write its truth, score a crawler's output, self-check."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

from tests.blindweb.generator import generate
from tests.blindweb.realweb import DEFAULT_REALWEB
from tests.blindweb.scorer import format_table, score
from tests.blindweb.server import make_server
from tests.blindweb.truth import truth


def _web_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seed", type=int, default=1, help="generation seed (default 1)")
    parser.add_argument(
        "--realweb",
        type=Path,
        default=DEFAULT_REALWEB,
        help="the shared realweb folder (fundus.jsonl, pages/)",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m blindweb", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p_serve = sub.add_parser("serve", help="serve the web as an HTTP proxy for all its hosts")
    p_serve.add_argument("--port", type=int, default=8080)
    p_serve.add_argument("--host", default="127.0.0.1")
    p_serve.add_argument("--verbose", action="store_true", help="log every request")
    _web_args(p_serve)

    p_seeds = sub.add_parser("seeds", help="print the aggregator seed URLs, comma-separated")
    _web_args(p_seeds)

    p_truth = sub.add_parser("truth", help="write the truth JSON")
    p_truth.add_argument("-o", "--output", type=Path, default=Path("truth.json"))
    _web_args(p_truth)

    p_score = sub.add_parser("score", help="score a crawler's stories.jsonl against a truth file")
    p_score.add_argument("--truth", type=Path, required=True)
    p_score.add_argument("stories", type=Path)
    p_score.add_argument(
        "--json-out", type=Path, default=None, help="also write the metrics JSON here"
    )

    p_check = sub.add_parser(
        "selfcheck", help="generate, serve, fetch and score perfect/degenerate predictions"
    )
    _web_args(p_check)

    args = parser.parse_args(argv)
    if args.command == "serve":
        logging.basicConfig(
            level=logging.DEBUG if args.verbose else logging.INFO, format="%(asctime)s %(message)s"
        )
        started = time.time()
        web = generate(args.seed, args.realweb)
        server = make_server(web, args.host, args.port)
        port = server.server_address[1]
        print(
            f"blindweb seed {args.seed}: {len(web.posts)} aggregator pages, {len(web.originals)} originals, "
            f"generated in {time.time() - started:.1f}s; proxy on http://{args.host}:{port}/",
            file=sys.stderr,
            flush=True,
        )
        print(",".join(web.seeds()), file=sys.stderr, flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
        return 0
    if args.command == "seeds":
        print(",".join(generate(args.seed, args.realweb).seeds()))
        return 0
    if args.command == "truth":
        data = truth(generate(args.seed, args.realweb))
        args.output.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"wrote {args.output}: {json.dumps(data['counts'])}", file=sys.stderr)
        return 0
    if args.command == "score":
        result = score(args.truth, args.stories, echo=False)
        print(json.dumps(result, indent=2, ensure_ascii=False))
        print(format_table(result))
        if args.json_out:
            args.json_out.write_text(json.dumps(result, indent=2), encoding="utf-8")
        return 0
    if args.command == "selfcheck":
        from tests.blindweb.selfcheck import run

        return run(args.seed, args.realweb)
    return 2
