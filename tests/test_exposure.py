"""No remote shell into a crawl: the telnet console and the remote-control endpoint stay closed."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

from tests.crawl import ROOT, crawl_command, read_result
from tests.sockets import listening


def test_the_socket_reader_sees_a_listening_port() -> None:
    """What makes the crawl test below able to fail: a port that is open is seen."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        port = server.getsockname()[1]
        server.listen()
        assert ("127.0.0.1", port) in listening(os.getpid())
    assert ("127.0.0.1", port) not in listening(os.getpid())


def _ports_of_a_crawl(
    tmp_path: Path, proxy_url: str, home: str
) -> tuple[set[tuple[str, int]], str]:
    """Every port the crawl process listened on while it ran, and its log."""
    cmd, env = crawl_command(tmp_path, proxy_url, args={"url": home, "max_pages": "15"})
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    ports: set[tuple[str, int]] = set()
    while proc.poll() is None:
        ports |= listening(proc.pid)
        time.sleep(0.1)
    _, err = proc.communicate()
    result = read_result(tmp_path, proc.returncode, err)
    assert result.returncode == 0, result.log[-3000:]
    return ports, result.log


def test_a_crawl_with_the_project_settings_listens_on_no_port(
    tmp_path: Path, proxy_url: str, truth: dict[str, Any]
) -> None:
    home = truth["sites"][0]["home"]
    ports, log = _ports_of_a_crawl(tmp_path, proxy_url, home)
    assert ports == set()
    assert "Telnet console listening" not in log
    assert "scrapy.extensions.telnet.TelnetConsole" not in log
    assert "scrapy.extensions.remote_control.RemoteControl" not in log
