"""One loopback HTTP server that serves every virtual host of the sample web, acting as a proxy.

Clients reach it with ``http_proxy=http://127.0.0.1:PORT`` and absolute-form request lines
(``GET http://dailymarketmirror.net/feed/ HTTP/1.1``); origin-form requests with a ``Host`` header work
too. Every request is recorded in :attr:`SampleWebServer.requests`.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from newsmirror.sampleweb.hostile import HostileWeb, Reply
from newsmirror.sampleweb.web import SampleWeb

_PREFIX = b"<!DOCTYPE html>\n<html><head><title>Full archive</title></head><body>\n"
_FILLER = b"<p>" + b"Filler text that never ends. " * 200 + b"</p>\n"


@dataclass(frozen=True)
class RequestRecord:
    host: str
    path: str
    method: str
    status: int
    time: float
    user_agent: str


class _Handler(BaseHTTPRequestHandler):
    server: SampleWebServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        return  # the request log is kept in memory instead

    def _target(self) -> str:
        """The absolute ``http://`` URL asked for, from an absolute-form line or the Host header."""
        if self.path.startswith(("http://", "https://")):
            parts = urlsplit(self.path)
            host = (parts.hostname or "").lower()
            host = f"[{host}]" if ":" in host else host
            return f"http://{host}{parts.path or '/'}" + (f"?{parts.query}" if parts.query else "")
        host = (self.headers.get("Host") or "").split(":")[0].lower()
        return f"http://{host}{self.path}"

    def do_HEAD(self) -> None:
        self.do_GET(head=True)

    def do_GET(self, head: bool = False) -> None:
        url = self._target()
        if self.server.hostile.serves(urlsplit(url).hostname or ""):
            self._send_reply(url, self.server.hostile.fetch(url), head=head)
            return
        web = self.server.web
        big = web.oversized(url)
        if big is not None:
            self._send_oversized(url, *big, head=head)
            return
        status, headers, body = web.fetch(url)
        if (
            "gzip" in (self.headers.get("Accept-Encoding") or "")
            and headers.get("Content-Type", "").startswith("text/html")
            and len(body) > 1024
        ):
            body = gzip.compress(body, mtime=0)
            headers = {**headers, "Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
        self._record(url, status)  # before the response: a client that got it finds the record
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _send_oversized(self, url: str, size: int, with_length: bool, head: bool = False) -> None:
        """Stream exactly ``size`` bytes, with a Content-Length or delimited by closing."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if with_length:
            self.send_header("Content-Length", str(size))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self._record(url, 200)
        self.end_headers()
        if head:
            return
        try:
            self.wfile.write(_PREFIX)
            left = size - len(_PREFIX)
            while left > 0:
                chunk = _FILLER[:left]
                self.wfile.write(chunk)
                left -= len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up, as it should

    def _send_reply(self, url: str, reply: Reply, head: bool = False) -> None:
        """A hostile site's reply; a streamed body is written chunk by chunk, never held whole."""
        self._record(url, reply.status)
        self.send_response(reply.status)
        for key, value in reply.headers.items():
            self.send_header(key, value)
        length = len(reply.body) if isinstance(reply.body, bytes) else reply.length
        if length is not None:
            self.send_header("Content-Length", str(length))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if head:
            return
        try:
            if isinstance(reply.body, bytes):
                self.wfile.write(reply.body)
            else:
                for chunk in reply.body():
                    self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up, as it should

    def _record(self, url: str, status: int) -> None:
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        record = RequestRecord(
            parts.hostname or "",
            path,
            self.command,
            status,
            time.monotonic(),
            self.headers.get("User-Agent") or "",
        )
        with self.server.lock:
            self.server.requests.append(record)


class SampleWebServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, web: SampleWeb, port: int = 0) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.web = web
        self.hostile = HostileWeb(port=self.port)
        self.lock = threading.Lock()
        self.requests: list[RequestRecord] = []

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def proxy_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def serve(web: SampleWeb, port: int = 0) -> Iterator[SampleWebServer]:
    """Run the sample web on loopback in a daemon thread for the duration of the block."""
    server = SampleWebServer(web, port)
    thread = threading.Thread(target=server.serve_forever, name="sampleweb", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
