"""Shared fixtures: one sample web served on loopback for the whole session."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from newsmirror.sampleweb import SampleWeb, serve
from newsmirror.sampleweb.server import SampleWebServer
from tests.redis_server import RedisServer

SEED = 3
STORIES = 14


@pytest.fixture(scope="session")
def web() -> SampleWeb:
    return SampleWeb(seed=SEED, stories=STORIES)


@pytest.fixture(scope="session")
def truth(web: SampleWeb) -> dict[str, Any]:
    return web.truth()


@pytest.fixture(scope="session")
def server(web: SampleWeb) -> Iterator[SampleWebServer]:
    with serve(web) as running:
        yield running


@pytest.fixture(scope="session")
def proxy_url(server: SampleWebServer) -> str:
    return server.proxy_url


@pytest.fixture(scope="session")
def default_server() -> Iterator[SampleWebServer]:
    """The sample web as `python -m newsmirror.sampleweb serve` serves it by default (seed 1,
    30 stories): the registry's ``check_url`` pages, which `scrapy check` fetches, are in it."""
    with serve(SampleWeb()) as running:
        yield running


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """One real redis-server for the session; tests keep apart with their own key prefixes."""
    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    try:
        yield server
    finally:
        server.stop()
