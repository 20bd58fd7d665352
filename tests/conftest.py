"""Shared fixtures: one sample web served on loopback for the whole session."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from newsmirror.sampleweb import SampleWeb, serve

SEED = 3
STORIES = 14


@pytest.fixture(scope="session")
def web() -> SampleWeb:
    return SampleWeb(seed=SEED, stories=STORIES)


@pytest.fixture(scope="session")
def truth(web: SampleWeb) -> dict[str, Any]:
    return web.truth()


@pytest.fixture(scope="session")
def proxy_url(web: SampleWeb) -> Iterator[str]:
    with serve(web) as server:
        yield server.proxy_url
