"""The table of publishers and wire services: names and their variants mapped to domains.

Bundled as ``data/publishers.json``; ``NEWSMIRROR_PUBLISHERS_FILE`` (same format) adds or overrides
entries.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsmirror.datafiles import bundled, entries, user_file
from newsmirror.urls import registrable_domain

_PUNCT = re.compile(r"[^\w\s]+", re.UNICODE)
_ARTICLES = re.compile(r"^(the|le|la|les|l|der|die|das|el|los|il|lo|o|a|de|het)\s+", re.I)


class PublisherTableError(ValueError):
    """The publisher table file is malformed."""


@dataclass(frozen=True)
class Publisher:
    domain: str
    name: str
    kind: str = "publisher"  # or "wire"


@lru_cache(maxsize=16384)
def name_key(name: str) -> str:
    """``"The GitHub Blog"`` / ``“the github blog”`` / ``THE GITHUB BLOG`` -> ``"github blog"``."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = _PUNCT.sub(" ", text.replace("’", "'").replace("'", " "))
    text = " ".join(text.split())
    return _ARTICLES.sub("", text)


class PublisherTable:
    """Look up publishers by any of their names, or by domain."""

    def __init__(self, publishers: list[tuple[Publisher, list[str]]]) -> None:
        self._by_name: dict[str, Publisher] = {}
        self._by_domain: dict[str, Publisher] = {}
        for publisher, aliases in publishers:
            self._by_domain[publisher.domain] = publisher
            for alias in [publisher.name, *aliases]:
                key = name_key(alias)
                if key:
                    self._by_name[key] = publisher

    def by_name(self, name: str) -> Publisher | None:
        key = name_key(name)
        return self._by_name.get(key) or self._by_name.get(key.replace(" ", ""))

    def by_domain(self, domain: str) -> Publisher | None:
        return self._by_domain.get(registrable_domain(domain))

    def __len__(self) -> int:
        return len(self._by_domain)


def _parse(text: str, where: str) -> list[tuple[Publisher, list[str]]]:
    items = entries(text, where, "publishers", PublisherTableError)
    out = []
    for i, entry in enumerate(items):
        if not isinstance(entry, dict) or not entry.get("domain") or not entry.get("name"):
            raise PublisherTableError(f"{where}: entry {i} needs 'domain' and 'name'")
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list):
            raise PublisherTableError(f"{where}: entry {i} 'aliases' must be a list")
        publisher = Publisher(
            domain=registrable_domain(str(entry["domain"])),
            name=str(entry["name"]),
            kind=str(entry.get("kind") or "publisher"),
        )
        out.append((publisher, [str(a) for a in aliases]))
    return out


def load_publishers(extra_file: str | Path | None = None) -> PublisherTable:
    loaded = _parse(*bundled("publishers.json"))
    if extra_file:
        loaded += _parse(*user_file(extra_file, "NEWSMIRROR_PUBLISHERS_FILE", PublisherTableError))
    return PublisherTable(loaded)
