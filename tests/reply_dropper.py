"""A TCP relay to a real server that drops one reply: a command reaches the server and is applied,
and the client never hears back, as when Redis is stopped right after applying it."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable


class ReplyDropper:
    """Relays loopback connections to ``127.0.0.1:target_port``. The first client chunk for which
    ``drop(chunk)`` is true is sent on; the server's answer to it is thrown away and the client's
    connection closed. Later chunks pass untouched; ``matched`` counts every chunk ``drop`` fits."""

    def __init__(self, target_port: int, drop: Callable[[bytes], bool]) -> None:
        self.target_port = target_port
        self.drop = drop
        self.matched = 0
        self.dropped = 0
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self._thread = threading.Thread(target=self._accept, name="reply-dropper", daemon=True)

    def start(self) -> ReplyDropper:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return  # stopped
            server = socket.create_connection(("127.0.0.1", self.target_port))
            dropping = threading.Event()
            threading.Thread(
                target=self._upstream, args=(client, server, dropping), daemon=True
            ).start()
            threading.Thread(
                target=self._downstream, args=(server, client, dropping), daemon=True
            ).start()

    def _upstream(
        self, client: socket.socket, server: socket.socket, drop: threading.Event
    ) -> None:
        while chunk := _recv(client):
            if self.drop(chunk):
                with self._lock:
                    self.matched += 1
                    if self.dropped == 0:
                        self.dropped = 1
                        drop.set()
            try:
                server.sendall(chunk)
            except OSError:
                break
        _close(client, server)

    def _downstream(
        self, server: socket.socket, client: socket.socket, drop: threading.Event
    ) -> None:
        while chunk := _recv(server):
            if drop.is_set():
                break  # the reply to the dropped command: never delivered
            try:
                client.sendall(chunk)
            except OSError:
                break
        _close(client, server)


def _recv(sock: socket.socket) -> bytes:
    try:
        return sock.recv(65536)
    except OSError:
        return b""


def _close(*socks: socket.socket) -> None:
    for sock in socks:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()
