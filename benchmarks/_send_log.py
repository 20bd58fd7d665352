"""For ``fault_soak.py``: newsmirror's downloader, also noting when each request leaves for the
network and when each 429/503 reaches it (``time.monotonic()``, one file per crawl), so that a
request the server saw inside a Retry-After window can be told apart: sent too early, or already
on its way when the crawler got the answer."""

from __future__ import annotations

import os
import time
from typing import TYPE_CHECKING

from newsmirror.downloader import PoliteDownloader

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response


class SendLoggingDownloader(PoliteDownloader):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self._out = open(os.environ["NEWSMIRROR_SEND_LOG"], "a", buffering=1)  # noqa: SIM115

    def _sending(self, request: Request) -> None:
        self._out.write(f"send {time.monotonic():.6f} {request.url}\n")

    def _come_back_later(self, key: str, request: Request, response: Response) -> None:
        self._out.write(f"busy {time.monotonic():.6f} {request.url}\n")
        super()._come_back_later(key, request, response)
