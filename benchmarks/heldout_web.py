"""Crawl a held-out test web kept outside this repository, and score the stories with its own scorer.

    .venv/bin/python benchmarks/heldout_web.py --web ../blind2/web.py [--seed 1] [--keep DIR]
        [--no-tls] [--deterministic] [-s NAME=VALUE ...]

A held-out web is one written blind (by someone who saw neither newsmirror's code nor its sample
webs) and kept out of the repository, so that no rule is fitted to its pages (docs/quality.md). Its
script must answer four subcommands: ``serve --port P`` (an HTTP forward proxy on 127.0.0.1 serving
every site), ``seeds`` (the aggregators' home pages, one a line), ``score --stories FILE`` (a table,
then one JSON line of figures) and ``--seed N`` on each. A front put before its proxy answers
``CONNECT`` with a TLS tunnel (a self-signed certificate per host, as the first blind web's
benchmark does), so that https originals load as on the real web; ``--no-tls`` leaves the web as
written. The crawl is ``scrapy crawl mirror`` on a fresh SQLite store, exported with ``scrapy
stories``; ``--deterministic`` crawls one request at a time (the same figures in every run).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import socket
import ssl
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.webcrawl import DETERMINISTIC, crawl, export, workdir, write_json  # noqa: E402
from newsmirror.sampleweb.tls import connect_host, serve_in_tunnel  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def tls_front(web_port: int) -> ThreadingHTTPServer:
    """A proxy on a free loopback port: plain requests go on to the web's proxy as they are; a
    ``CONNECT host:443`` gets a TLS tunnel whose requests go on as absolute ``https://`` URIs."""

    class Front(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _forward(self, head: bool = False) -> None:
            # Inside a tunnel the request names its path only, and its host in Host.
            tunnelled = isinstance(self.connection, ssl.SSLSocket)
            target = f"https://{self.headers['Host']}{self.path}" if tunnelled else self.path
            conn = http.client.HTTPConnection("127.0.0.1", web_port, timeout=60)
            headers = {
                k: v
                for k, v in self.headers.items()
                if k.lower() not in ("proxy-connection", "connection")
            }
            conn.request("HEAD" if head else "GET", target, headers=headers)
            answer = conn.getresponse()
            body = answer.read()
            conn.close()
            self.send_response(answer.status, answer.reason)
            for name, value in answer.getheaders():
                if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head:
                self.wfile.write(body)

        def do_GET(self) -> None:
            self._forward()

        def do_HEAD(self) -> None:
            self._forward(head=True)

        def do_CONNECT(self) -> None:
            self.send_response(200, "Connection established")
            self.end_headers()
            self.wfile.flush()
            self.close_connection = True
            serve_in_tunnel(
                self.connection, connect_host(self.path), Front, self.client_address, self.server
            )

    server = ThreadingHTTPServer(("127.0.0.1", 0), Front)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _web(web: Path, *args: str) -> list[str]:
    return [sys.executable, str(web), *args]


def crawl_and_score(
    web: Path, seed: int, workdir: Path, tls: bool = True, settings: dict[str, str] | None = None
) -> dict[str, Any]:
    """Serve the web, crawl it, export the store and score the export; the web's figures."""
    port = free_port()
    server = subprocess.Popen(
        _web(web, "serve", "--port", str(port), "--seed", str(seed)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    front = None
    try:
        deadline = time.monotonic() + 30
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"{web} serve did not start")
            time.sleep(0.1)
        proxy_port = port
        if tls:
            front = tls_front(port)
            proxy_port = front.server_address[1]
        seeds = subprocess.run(
            _web(web, "seeds", "--seed", str(seed)), capture_output=True, text=True, check=True
        ).stdout.split()
        seconds = crawl(seeds, f"http://127.0.0.1:{proxy_port}", workdir, settings)
    finally:
        if front is not None:
            front.shutdown()
        server.terminate()
        server.wait(30)
    scored = subprocess.run(
        _web(web, "score", "--stories", str(export(workdir)), "--seed", str(seed)),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    table, _, last = scored.strip().rpartition("\n")
    result: dict[str, Any] = json.loads(last)
    result["table"] = table
    result["crawl_seconds"] = round(seconds, 1)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--web", type=Path, required=True, help="the held-out web's script")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep the crawl's files in this directory")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--no-tls", action="store_true", help="leave CONNECT to the web")
    parser.add_argument("--deterministic", action="store_true", help="one request at a time")
    parser.add_argument("-s", dest="settings", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args()
    if not args.web.is_file():
        print(f"no held-out web at {args.web}: it is kept outside the repository", file=sys.stderr)
        return 2
    settings = dict(DETERMINISTIC) if args.deterministic else {}
    for pair in args.settings:
        name, sep, value = pair.partition("=")
        if not sep:
            print(f"-s {pair}: expected NAME=VALUE", file=sys.stderr)
            return 2
        settings[name] = value
    with workdir(args.keep) as where:
        result = crawl_and_score(args.web, args.seed, where, not args.no_tls, settings)
    print(result.pop("table"))
    print(f"crawl: {result['crawl_seconds']} s")
    write_json(args.json, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
