"""TLS for the sample web's https tunnels: a throwaway self-signed certificate per host name.

A client sent through the sample web's proxy opens ``CONNECT host:443`` and then speaks TLS to
that host; the server answers with a certificate made here, at run time, for that name (no key
ships with the project). Clients that verify certificates reject it, as they should; Scrapy does
not verify them by default.
"""

from __future__ import annotations

import contextlib
import datetime
import socket
import ssl
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

_lock = threading.Lock()
_contexts: dict[str, ssl.SSLContext] = {}


def _self_signed(host: str) -> tuple[bytes, bytes]:
    """(certificate, private key), PEM-encoded, for ``host``, valid from yesterday for 30 days."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return cert.public_bytes(serialization.Encoding.PEM), key_pem


def server_context(host: str) -> ssl.SSLContext:
    """A server-side TLS context presenting a self-signed certificate for ``host`` (made once)."""
    with _lock:
        context = _contexts.get(host)
        if context is None:
            cert, key = _self_signed(host)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            # load_cert_chain() reads files only; they live just long enough to be read.
            with tempfile.TemporaryDirectory(prefix="sampleweb-tls-") as tmp:
                (Path(tmp) / "cert.pem").write_bytes(cert)
                (Path(tmp) / "key.pem").write_bytes(key)
                context.load_cert_chain(Path(tmp) / "cert.pem", Path(tmp) / "key.pem")
            _contexts[host] = context
        return context


def connect_host(target: str) -> str:
    """The host a ``CONNECT host:port`` names (an IPv6 address without its brackets)."""
    return target.rpartition(":")[0].strip("[]").lower() or target.lower()


def serve_in_tunnel(
    connection: socket.socket,
    host: str,
    handler: Callable[[Any, Any, Any], object],
    client_address: Any,
    server: Any,
) -> None:
    """Speak TLS on ``connection`` as ``host`` (the ``200 Connection established`` sent), and serve
    the requests that come through it with ``handler`` until the client closes the tunnel."""
    try:
        tunnel = server_context(host).wrap_socket(connection, server_side=True)
    except (ssl.SSLError, OSError):
        return  # the client gave up on the handshake
    with contextlib.suppress(ssl.SSLError, OSError):
        handler(tunnel, client_address, server)
    with contextlib.suppress(OSError):
        tunnel.close()
