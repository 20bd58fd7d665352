"""One loopback HTTP server that serves every virtual host of the sample web, acting as a proxy.

Clients reach it with ``http_proxy=http://127.0.0.1:PORT`` and absolute-form request lines
(``GET http://dailymarketmirror.net/feed/ HTTP/1.1``); origin-form requests with a ``Host`` header work
too. Every request is recorded in :attr:`SampleWebServer.requests`, with the time it arrived; fault
sources (``faults.py``) may answer a request with a fault instead of the page. The server also
counts, per host, the requests it has read and not yet begun to answer (see
:attr:`RequestRecord.host_in_flight`).

``CONNECT host:443`` opens an https tunnel: the server speaks TLS to the client itself, with a
self-signed certificate for the host (``tls.py``), and serves the same site inside it; a host listed
in :attr:`SampleWebServer.tls_faults` fails the TLS handshake instead.

``clones=K`` also serves K clones of every site under hosts of their own (``clones.py``).
"""

from __future__ import annotations

import contextlib
import gzip
import socket
import struct
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from newsmirror.sampleweb.clones import ClonedWeb
from newsmirror.sampleweb.fault_hosts import (
    Action,
    Cut,
    FaultSource,
    HandshakeAlert,
    Hang,
    Mangle,
    NotTls,
    Respond,
    TlsFault,
)
from newsmirror.sampleweb.hostile import HostileWeb, Reply
from newsmirror.sampleweb.tls import connect_host, serve_in_tunnel
from newsmirror.sampleweb.web import SampleWeb

_PREFIX = b"<!DOCTYPE html>\n<html><head><title>Full archive</title></head><body>\n"
_FILLER = b"<p>" + b"Filler text that never ends. " * 200 + b"</p>\n"
# A TLS record: alert (21), TLS 1.2, length 2, fatal (2) handshake_failure (40).
_HANDSHAKE_FAILURE_ALERT = bytes([21, 3, 3, 0, 2, 2, 40])
_PLAIN_HTTP_ANSWER = (
    b"HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 29\r\n"
    b"Connection: close\r\n\r\nThis port speaks plain HTTP.\n"
)


@dataclass(frozen=True)
class RequestRecord:
    host: str
    path: str
    method: str
    status: int
    time: float  # time.monotonic() when the request arrived
    user_agent: str
    # A 429/503's Retry-After deadline (time.monotonic()); status 0 = no answer (reset, hang).
    not_before: float | None = None
    answered: float | None = None  # for those: time.monotonic() once the answer was sent
    scheme: str = "http"  # "https": asked inside a CONNECT tunnel (CONNECT itself: path "")
    # Requests to this host the server had read and not yet begun to answer when this one
    # arrived, this one included. A client can only send a request after the answer to its
    # previous one has begun, so with one request in flight per host this is always 1.
    host_in_flight: int = 1


class _Handler(BaseHTTPRequestHandler):
    server: SampleWebServer
    protocol_version = "HTTP/1.1"
    scheme = "http"
    # Until do_GET counts a request (a CONNECT is recorded without being counted).
    _in_flight = 1
    _answering = False

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

    def do_CONNECT(self) -> None:
        """Open an https tunnel to ``host:port`` and speak TLS in it ourselves (see the module
        docstring), or fail the handshake the way ``tls_faults`` says for the host."""
        self._arrived = time.monotonic()
        host = connect_host(self.path)
        fault = self.server.tls_faults.get(host)
        self._record(f"https://{host}", 200)
        self.send_response(200, "Connection established")
        self.end_headers()
        self.wfile.flush()
        self.close_connection = True  # whatever happens in the tunnel, it ends with it
        if fault is not None:
            self._fail_handshake(fault)
            return
        serve_in_tunnel(self.connection, host, _TlsHandler, self.client_address, self.server)

    def _fail_handshake(self, fault: TlsFault) -> None:
        self.connection.settimeout(10)
        with contextlib.suppress(OSError):
            self.connection.recv(16384)  # the client's ClientHello
            if isinstance(fault, NotTls):
                self.connection.sendall(_PLAIN_HTTP_ANSWER)
            elif isinstance(fault, HandshakeAlert):
                self.connection.sendall(_HANDSHAKE_FAILURE_ALERT)

    def do_GET(self, head: bool = False) -> None:
        self._arrived = time.monotonic()  # before any page is rendered: when the request came in
        url = self._target()
        self._host = urlsplit(url).hostname or ""
        with self.server.lock:
            self.server.in_flight[self._host] = self.server.in_flight.get(self._host, 0) + 1
            self._in_flight = self.server.in_flight[self._host]
        self._answering = True
        try:
            self._get(url, head)
        finally:
            self._answer_begun()

    def _answer_begun(self) -> None:
        """The request stops counting as in flight for its host: called before the first byte of
        its answer (or its reset) goes out, so a client cannot have the answer before."""
        if self._answering:
            self._answering = False
            with self.server.lock:
                self.server.in_flight[self._host] -= 1

    def _get(self, url: str, head: bool) -> None:
        if self.server.hostile.serves(self._host):
            self._send_reply(url, self.server.hostile.fetch(url), head=head)
            return
        for source in self.server.faults:
            action = source.decide(url)
            if action is not None:
                self._fault(url, action, head)
                return
        web = self.server.sites
        big = web.oversized(url)
        if big is not None:
            self._send_oversized(url, *big, head=head)
            return
        status, headers, body = web.fetch(url)
        self._respond(url, status, headers, body, head)

    def _respond(
        self,
        url: str,
        status: int,
        headers: dict[str, str],
        body: bytes,
        head: bool,
        retry: Respond | None = None,
    ) -> None:
        if (
            "gzip" in (self.headers.get("Accept-Encoding") or "")
            and headers.get("Content-Type", "").startswith("text/html")
            and len(body) > 1024
        ):
            body = gzip.compress(body, mtime=0)
            headers = {**headers, "Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
        if retry is None:
            self._record(url, status)  # before the response: a client that got it finds the record
        self._answer_begun()
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)
        if retry is not None:
            # A Retry-After counts from when the client can have it: once the answer is out.
            self.wfile.flush()
            answered = time.monotonic()
            if retry.retry_at is not None:
                deadline = answered + (retry.retry_at - time.time())
            else:
                deadline = answered + (retry.retry_in or 0.0)
            self._record(url, status, deadline, answered)

    def _fault(self, url: str, action: Action, head: bool) -> None:
        if isinstance(action, Respond):
            time.sleep(action.delay)
            retry = action if action.retry_in is not None or action.retry_at is not None else None
            self._respond(url, action.status, action.headers, action.body, head, retry)
            return
        if isinstance(action, Mangle):
            status, headers, body = self.server.sites.fetch(url)
            cut = body[: max(1, len(body) // 2)].replace(b"</p>", b"\x00<p><div>\x00")
            self._respond(url, status, headers, cut, head)
            return
        if isinstance(action, Cut):
            status, headers, body = self.server.sites.fetch(url)
            self._record(url, status)
            self.send_response(status)
            for key, value in headers.items():
                if key.lower() != "content-length":
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.close_connection = True
            if not head:
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(body[: len(body) // 2])
            return
        self._record(url, 0)
        self.close_connection = True
        if isinstance(action, Hang):
            time.sleep(action.seconds)
            return
        # SO_LINGER with a zero timeout: closing sends RST instead of FIN.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()

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

    def _record(
        self,
        url: str,
        status: int,
        not_before: float | None = None,
        answered: float | None = None,
    ) -> None:
        self._answer_begun()
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        record = RequestRecord(
            parts.hostname or "",
            path if parts.path else "",
            self.command,
            status,
            self._arrived,
            self.headers.get("User-Agent") or "",
            not_before,
            answered,
            "https" if self.scheme == "https" or parts.scheme == "https" else "http",
            self._in_flight,
        )
        with self.server.lock:
            self.server.requests.append(record)


class _TlsHandler(_Handler):
    """The requests inside an https tunnel, already decrypted: served as plain ones are."""

    scheme = "https"


class SampleWebServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self,
        web: SampleWeb,
        port: int = 0,
        faults: Sequence[FaultSource] = (),
        tls_faults: Mapping[str, TlsFault] | None = None,
        clones: int = 0,
    ) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.web = web
        # The sample web's sites and ``clones`` clones of each (``clones.py``): what is served.
        self.sites = ClonedWeb(web, clones)
        self.hostile = HostileWeb(port=self.port)
        self.faults = tuple(faults)
        # Host name -> how its https tunnel fails the TLS handshake.
        self.tls_faults = dict(tls_faults or {})
        self.lock = threading.Lock()
        self.requests: list[RequestRecord] = []
        self.in_flight: dict[str, int] = {}  # per host: read, not yet begun to answer

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def proxy_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def serve(
    web: SampleWeb,
    port: int = 0,
    faults: Sequence[FaultSource] = (),
    tls_faults: Mapping[str, TlsFault] | None = None,
    clones: int = 0,
) -> Iterator[SampleWebServer]:
    """Run the sample web on loopback in a daemon thread for the duration of the block (with
    ``clones`` clones of every site: ``clones.py``)."""
    server = SampleWebServer(web, port, faults, tls_faults, clones)
    thread = threading.Thread(target=server.serve_forever, name="sampleweb", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
