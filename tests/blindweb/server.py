"""A threaded HTTP server that acts as the proxy for every virtual host of the web.

Requests arrive in absolute form (``GET http://host/path HTTP/1.1``, as sent to an HTTP proxy) or in
origin form with a Host header. Unknown hosts get 502 (as a proxy that cannot reach them), unknown
paths 404, CONNECT 405 (there is no TLS in this web).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from tests.blindweb.domains import drop_tracking, path_key
from tests.blindweb.model import Resource, Web

logger = logging.getLogger(__name__)

_NOT_FOUND = b"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Page not found</title></head>
<body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>"""
_BAD_GATEWAY = b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>The proxy could not reach the host.</p></body></html>"


# Query parameters a CMS routes on: a page asked for with one of these that does not exist is a 404,
# not the page without the query.
_ROUTING_PARAMS = frozenset(
    {
        "p",
        "page_id",
        "cat",
        "paged",
        "feed",
        "s",
        "author",
        "updated-max",
        "max-results",
        "start-index",
        "alt",
        "page",
        "id",
        "c",
    }
)


def _routing_query(query: str) -> bool:
    return any(part.split("=", 1)[0] in _ROUTING_PARAMS for part in query.split("&"))


def lookup(web: Web, host: str, path: str, query: str) -> Resource | None:
    """The resource for a request, following this web's rules for hosts and query strings."""
    host = host.lower().rstrip(".")
    if host.endswith(":80"):
        host = host[:-3]
    if host in web.host_redirects:
        target = f"http://{web.host_redirects[host]}{path or '/'}" + (f"?{query}" if query else "")
        return Resource(301, location=target)
    table = web.resources.get(host)
    if table is None:
        return None
    found = table.get(path_key(path, query))
    if found is not None:
        return found
    if query:
        cleaned = drop_tracking(query)
        if cleaned != query:
            found = table.get(path_key(path, cleaned))
            if found is not None:
                return found
        if host in web.lenient_query_hosts and not _routing_query(query):
            found = table.get(path_key(path, ""))
            if found is not None and found.status == 200:
                return found
    return None


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "nginx"
    sys_version = ""
    web: Web

    def log_message(self, format: str, *args: object) -> None:
        logger.debug("%s " + format, self.address_string(), *args)  # noqa: G003

    def _target(self) -> tuple[str | None, str, str]:
        raw = self.path
        if raw.startswith(("http://", "https://")):
            parts = urlsplit(raw)
            return parts.netloc, parts.path or "/", parts.query
        parts = urlsplit(raw)
        return self.headers.get("Host"), parts.path or "/", parts.query

    def _send(
        self,
        status: int,
        content_type: str,
        body: bytes,
        extra: dict[str, str] | None = None,
        head: bool = False,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _serve(self, head: bool) -> None:
        host, path, query = self._target()
        if not host:
            self._send(400, "text/plain; charset=utf-8", b"missing Host", head=head)
            return
        resource = lookup(self.web, host, path, query)
        if resource is None:
            known = host.lower().split(":")[0] in self.web.resources
            status, body = (404, _NOT_FOUND) if known else (502, _BAD_GATEWAY)
            self._send(status, "text/html; charset=utf-8", body, head=head)
            return
        if resource.status in (301, 302):
            assert resource.location is not None
            self._send(
                resource.status,
                "text/html; charset=utf-8",
                b"",
                {"Location": resource.location},
                head=head,
            )
            return
        self._send(resource.status, resource.content_type, resource.payload(), head=head)

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_CONNECT(self) -> None:
        if not getattr(self.server, "tls", False):
            self._send(
                405,
                "text/plain; charset=utf-8",
                b"CONNECT is not supported: this web is plain http\n",
                {"Allow": "GET, HEAD"},
            )
            return
        # https as on the real web (added when the web joined newsmirror's tests): the tunnel
        # speaks TLS with a self-signed certificate for the host and serves the same resources.
        from newsmirror.sampleweb.tls import connect_host, serve_in_tunnel

        self.send_response(200, "Connection established")
        self.end_headers()
        self.wfile.flush()
        self.close_connection = True
        serve_in_tunnel(
            self.connection, connect_host(self.path), type(self), self.client_address, self.server
        )


class WebServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    tls = False  # answer CONNECT with a TLS tunnel (https URLs) instead of 405


def make_server(web: Web, host: str = "127.0.0.1", port: int = 0) -> WebServer:
    handler = type("BoundHandler", (_Handler,), {"web": web})
    return WebServer((host, port), handler)


@contextlib.contextmanager
def serve(
    web: Web, host: str = "127.0.0.1", port: int = 0, *, tls: bool = False
) -> Iterator[WebServer]:
    """Serve ``web`` in a background thread; yields the server (``server.server_address`` has the port).

    ``tls``: answer CONNECT with a TLS tunnel, so that https URLs load as on the real web."""
    server = make_server(web, host, port)
    server.tls = tls
    thread = threading.Thread(target=server.serve_forever, name="blindweb-server", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
