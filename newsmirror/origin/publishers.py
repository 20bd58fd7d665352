"""The table of publishers and wire services: names and their variants mapped to domains.

Bundled as ``data/publishers.json``; ``NEWSMIRROR_PUBLISHERS_FILE`` (same format) adds or overrides
entries.

A name two publishers share ("Público" in Madrid and in Lisbon; "Times" alone) names neither,
unless the language of the text it credits tells them apart: a wrong publisher is worse than none.
A name is looked up as written before its leading article is dropped, so that "The Times" and
"LA Times" (whose "La" is no article) stay two names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
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
    language: str | None = None  # the edition's, for a name several editions share
    # Other domains the same publisher publishes at (``bbc.com`` beside ``bbc.co.uk``): a page
    # naming it and one of these credit the same publisher.
    other_domains: tuple[str, ...] = ()


@lru_cache(maxsize=16384)
def words_key(name: str) -> str:
    """``“The GitHub Blog”`` / ``THE GITHUB BLOG`` -> ``"the github blog"``."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = _PUNCT.sub(" ", text.replace("’", "'").replace("'", " "))
    return " ".join(text.split())


def name_key(name: str) -> str:
    """``"The GitHub Blog"`` / ``“the github blog”`` / ``THE GITHUB BLOG`` -> ``"github blog"``."""
    return _ARTICLES.sub("", words_key(name))


class PublisherTable:
    """Look up publishers by any of their names, or by domain.

    ``user``: entries (a user's file) that override the bundled ones of their names and domains.
    """

    def __init__(
        self,
        publishers: Sequence[tuple[Publisher, list[str]]],
        user: Sequence[tuple[Publisher, list[str]]] = (),
    ) -> None:
        self._as_written: dict[str, list[Publisher]] = {}
        self._without_article: dict[str, list[Publisher]] = {}
        self._by_domain: dict[str, Publisher] = {}
        self._user: set[Publisher] = set()
        for group, is_user in ((publishers, False), (user, True)):
            for publisher, aliases in group:
                if is_user:
                    self._user.add(publisher)
                for domain in (publisher.domain, *publisher.other_domains):
                    self._by_domain[domain] = publisher
                for alias in [publisher.name, *aliases]:
                    self._add(self._as_written, words_key(alias), publisher, is_user)
                    self._add(self._without_article, name_key(alias), publisher, is_user)

    def _add(
        self, index: dict[str, list[Publisher]], key: str, publisher: Publisher, user: bool
    ) -> None:
        if not key:
            return
        listed = index.setdefault(key, [])
        if user:
            # A user's entry overrides what the bundled table calls by that name.
            listed[:] = [p for p in listed if p in self._user]
        listed[:] = [p for p in listed if p.domain != publisher.domain] + [publisher]

    def named(self, name: str) -> list[Publisher]:
        """Every publisher that goes by ``name``: as written, else without its leading article."""
        for index, key in (
            (self._as_written, words_key(name)),
            (self._without_article, name_key(name)),
        ):
            found = index.get(key) or index.get(key.replace(" ", ""))
            if found:
                return found
        return []

    def by_name(self, name: str, language: str | None = None) -> Publisher | None:
        """The publisher ``name`` names; of several that share it, the one whose edition is in
        ``language`` (the credited text's), else none."""
        found = self.named(name)
        if len(found) == 1:
            return found[0]
        editions = [p for p in found if language and p.language == language]
        return editions[0] if len(editions) == 1 else None

    def by_domain(self, domain: str) -> Publisher | None:
        return self._by_domain.get(registrable_domain(domain))

    def domains_of(self, domain: str | None) -> frozenset[str]:
        """Every domain of the publisher at ``domain`` (just ``domain`` when the table has none
        of its others; none for no domain)."""
        if not domain:
            return frozenset()
        site = registrable_domain(domain)
        publisher = self._by_domain.get(site)
        if publisher is None:
            return frozenset({site})
        # Those a user's entry gave another publisher are no longer this one's.
        return frozenset(
            d
            for d in (publisher.domain, *publisher.other_domains)
            if self._by_domain.get(d) is publisher
        )

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
        language = entry.get("language")
        if language is not None and not isinstance(language, str):
            raise PublisherTableError(f"{where}: entry {i} 'language' must be a language code")
        others = entry.get("other_domains") or []
        if not isinstance(others, list) or not all(isinstance(d, str) and d for d in others):
            raise PublisherTableError(
                f"{where}: entry {i} 'other_domains' must be a list of domains"
            )
        publisher = Publisher(
            domain=registrable_domain(str(entry["domain"])),
            name=str(entry["name"]),
            kind=str(entry.get("kind") or "publisher"),
            language=language.lower() if language else None,
            other_domains=tuple(registrable_domain(d) for d in others),
        )
        out.append((publisher, [str(a) for a in aliases]))
    return out


def load_publishers(extra_file: str | Path | None = None) -> PublisherTable:
    loaded = _parse(*bundled("publishers.json"))
    if not extra_file:
        return PublisherTable(loaded)
    user = _parse(*user_file(extra_file, "NEWSMIRROR_PUBLISHERS_FILE", PublisherTableError))
    return PublisherTable(loaded, user)
