"""``python -m newsmirror.sampleweb serve|truth``: run the sample web or write its truth file."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path

from newsmirror.sampleweb.fault_hosts import FaultInjector, FaultSites, FaultSource
from newsmirror.sampleweb.metamorphic import Transform, parse
from newsmirror.sampleweb.server import SampleWebServer
from newsmirror.sampleweb.web import SampleWeb


def _transforms(spec: str) -> frozenset[Transform]:
    try:
        return parse(spec)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsmirror.sampleweb")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("serve", "truth"):
        p = sub.add_parser(name)
        p.add_argument("--seed", type=int, default=1)
        p.add_argument("--stories", type=int, default=30)
        p.add_argument(
            "--js",
            default="",
            metavar="SITES",
            help="also serve these JavaScript sites, comma-separated (jssites.py): "
            "next,nuxt,react,island,scroll",
        )
    sub.choices["serve"].add_argument("--port", type=int, default=0)
    sub.choices["serve"].add_argument("--port-file", help="write the chosen port to this file")
    sub.choices["serve"].add_argument(
        "--fault-sites", action="store_true", help="also serve the misbehaving hosts (faults.py)"
    )
    sub.choices["serve"].add_argument(
        "--inject-faults",
        type=float,
        default=0.0,
        metavar="RATE",
        help="turn this share of the answers into 503s, resets and malformed pages",
    )
    sub.choices["serve"].add_argument(
        "--clones",
        type=int,
        default=0,
        metavar="K",
        help="also serve K clones of every site, each its own registrable domain (clones.py)",
    )
    sub.choices["serve"].add_argument(
        "--chrome",
        action="store_true",
        help="serve article pages inside a full magazine theme (chrome.py), a real page's size",
    )
    sub.choices["serve"].add_argument(
        "--transform",
        type=_transforms,
        default=frozenset(),
        metavar="T1,T3",
        help="turn metamorphic switches on (T1-T6, or all; docs/sampleweb.md); the truth file "
        "stays the plain web's",
    )
    sub.choices["truth"].add_argument("-o", "--output", default="-")
    opts = parser.parse_args(argv)
    try:
        web = SampleWeb(
            seed=opts.seed,
            stories=opts.stories,
            chrome=getattr(opts, "chrome", False),
            metamorphic=getattr(opts, "transform", frozenset()),
            js_sites=[s.strip() for s in opts.js.split(",") if s.strip()],
        )
    except ValueError as exc:
        parser.error(str(exc))
    if opts.command == "truth":
        text = json.dumps(web.truth(), indent=1, ensure_ascii=False)
        if opts.output == "-":
            sys.stdout.write(text + "\n")
        else:
            Path(opts.output).write_text(text, "utf-8")
        return 0
    faults: list[FaultSource] = []
    if opts.fault_sites:
        faults.append(FaultSites(seed=opts.seed))
    if opts.inject_faults:
        faults.append(FaultInjector(opts.inject_faults, seed=opts.seed))
    server = SampleWebServer(web, opts.port, faults, clones=opts.clones)
    print(server.proxy_url, flush=True)
    print(
        f"Sample web ({opts.stories} stories, seed {opts.seed}"
        f"{', ' + ','.join(sorted(web.metamorphic)) if web.metamorphic else ''}): "
        f"use {server.proxy_url} as http_proxy",
        file=sys.stderr,
        flush=True,
    )
    if opts.port_file:  # written whole, then renamed: a reader never sees half a number
        port_file = Path(opts.port_file)
        partial = port_file.with_name(port_file.name + ".part")
        partial.write_text(str(server.port))
        partial.replace(port_file)
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
