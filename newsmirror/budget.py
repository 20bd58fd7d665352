"""The per-site page budget of one crawl, kept in its ``JOBDIR`` so a resumed crawl goes on with it.

A page is charged to its site (registrable domain) once, the first time it is requested. With a
``JOBDIR``, each charge is also appended to a small ledger file there before the request leaves the
spider, one ``write`` per page, so a crawl paused (SIGTERM) or killed (SIGKILL) and started again
with the same ``JOBDIR`` counts on from where it stopped, and a page charged before costs nothing
again. The ledger goes with the rest of the crawl's state when the crawl finishes
(:mod:`newsmirror.extensions.jobdir`). A distributed crawl keeps its budget in Redis instead
(:meth:`newsmirror.queue.FleetScheduler.claim_page`).
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from pathlib import Path

logger = logging.getLogger(__name__)

LEDGER = "newsmirror.budget"


class PageBudget:
    """Distinct pages charged per site against ``limit`` (0 = no limit), optionally in a ledger."""

    def __init__(self, limit: int, ledger: Path | None = None) -> None:
        self.limit = limit
        self.ledger = ledger
        self.pages: Counter[str] = Counter()
        self._charged: set[bytes] = set()
        self._fd: int | None = None

    def open(self) -> int:
        """Read the ledger a paused or killed run left and keep it open for appending; returns
        the number of pages carried over."""
        if self.ledger is None:
            return 0
        self.ledger.parent.mkdir(parents=True, exist_ok=True)
        raw = self.ledger.read_bytes() if self.ledger.exists() else b""
        whole = raw[: raw.rfind(b"\n") + 1]
        for line in whole.splitlines():
            site, _, fingerprint = line.decode("utf-8", "replace").partition("\t")
            try:
                if not site or not fingerprint:
                    raise ValueError(line)
                self._charge(site, bytes.fromhex(fingerprint))
            except ValueError:
                logger.warning("Ignored a malformed line of %s: %r", self.ledger, line)
        if len(whole) < len(raw):
            # Only a crash of the machine (not of the crawl) tears a line: that page is lost
            # from the count, which is one page over budget at most.
            logger.warning(
                "%s ended with a torn line (%d bytes): cut off", self.ledger, len(raw) - len(whole)
            )
        self._fd = os.open(self.ledger, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        if len(whole) < len(raw):
            os.ftruncate(self._fd, len(whole))
        return len(self._charged)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def spent(self, site: str) -> bool:
        """Whether ``site`` has had all the pages of its budget."""
        return bool(self.limit) and self.pages[site] >= self.limit

    def charged(self, fingerprint: bytes) -> bool:
        """Whether the page was charged already, in this run or one this run resumes."""
        return fingerprint in self._charged

    def charge(self, site: str, fingerprint: bytes) -> bool:
        """Charge a page to ``site``, on the ledger first; False if it was charged before."""
        if fingerprint in self._charged:
            return False
        if self._fd is not None:
            # One write(2) per page: a killed crawl leaves whole lines, in the kernel's cache.
            os.write(self._fd, f"{site}\t{fingerprint.hex()}\n".encode())
        self._charge(site, fingerprint)
        return True

    def _charge(self, site: str, fingerprint: bytes) -> None:
        if fingerprint not in self._charged:
            self._charged.add(fingerprint)
            self.pages[site] += 1

    def sites(self) -> int:
        return len(self.pages)
