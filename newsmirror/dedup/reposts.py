"""Whether the page a story's copies name is its original publisher's, or one more repost.

Copies name the page they took a story from ("The post … appeared first on World Pulse Daily", a
canonical link to it). When that page credits no one, it reads as the story's original. It is one
when its site writes its own stories; when its site is an aggregator — most of its pages credit
another publisher — an uncredited page there is far more often a repost whose credit was lost
than a story of its own, and naming that site as the story's origin would give a neighbour's
name to someone else's story. Such a story is written with no origin domain: ``origin.via`` names
the page its copies credit, ``verified`` is false and ``reason`` says why (precision over recall).

A site's pages are counted in the store beside its template blocks (``template.PAGES``), with
those that credit another publisher (``REPOSTS``), so a small incremental run knows the sites of
earlier runs. Pages fetched one hop off the crawl, as a copy's named original, count as pages and
never as reposts: a newspaper that carries wire copy is not an aggregator for it. Pure code.
"""

from __future__ import annotations

from typing import Any

from newsmirror.dedup.template import PAGES, REPOSTS
from newsmirror.urls import registrable_domain, same_page

# A site is an aggregator when this share of its pages counted credit another publisher...
REPOST_SHARE = 1 / 3
# ...out of this many pages at least (a few pages say nothing of a site).
MIN_PAGES = 10


def credits_another(site: str, origin: dict[str, Any] | None) -> bool:
    """Whether a page of ``site`` with ``origin`` credits another publisher (by a domain, or by
    a name the publisher table does not know)."""
    if not origin:
        return False
    domain = origin.get("domain")
    return domain != registrable_domain(site) if domain else bool(origin.get("name"))


def repost_share(counts: dict[str, int]) -> float | None:
    """The share of a site's counted pages that credit another publisher (None: too few)."""
    pages = counts.get(PAGES, 0)
    if pages < MIN_PAGES:
        return None
    return counts.get(REPOSTS, 0) / pages


def written_origin(record: dict[str, Any], counts: dict[str, int]) -> dict[str, Any] | None:
    """The origin to write for a story ``record`` read from a page of ``record["site"]``, whose
    counts are ``counts``: its own, unless it names that very page and the site is an aggregator
    (see the module's docstring)."""
    origin = record.get("origin")
    if not isinstance(origin, dict) or not origin.get("domain"):
        return origin
    here = str(record.get("canonical_url") or "")
    if (
        record.get("text_source") != "original"
        or origin["domain"] != registrable_domain(here)
        or not same_page(origin.get("url") or here, here)
    ):
        return origin
    share = repost_share(counts)
    if share is None or share < REPOST_SHARE:
        return origin
    pages = counts.get(PAGES, 0)
    reason = (
        f"its copies credit {here}, which credits no one; {counts.get(REPOSTS, 0)} of the "
        f"{pages} pages of {record.get('site')} counted credit another publisher, so it is a "
        f"repost as likely as the original: the story's origin is unknown"
    )
    return {
        **origin,
        "domain": None,
        "name": None,
        "url": None,
        "verified": False,
        "reason": reason,
        "via": origin["domain"],
    }
