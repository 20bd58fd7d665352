"""The site registry: one declarative entry per known aggregator, bundled as ``data/sites.json``.

A site is added by adding an entry (or a file named by ``NEWSMIRROR_SITES_FILE``), never a class;
``newsmirror.spiders.loader`` turns each entry into a spider of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsmirror.datafiles import bundled, entries, user_file
from newsmirror.urls import host_of, is_http

_NAME = re.compile(r"^[a-z][a-z0-9_]{1,63}$")
_SELECTOR_KEYS = frozenset({"body", "remove", "title", "published", "modified", "authors"})
_ENTRY_KEYS = frozenset(
    {
        "name",
        "title",
        "domains",
        "start_urls",
        "language",
        "needs_browser",
        "selectors",
        "article_url_pattern",
        "check_url",
        "check_origin",
        "notes",
    }
)


class RegistryError(ValueError):
    """The registry file is malformed; the message names the entry and the field."""


@dataclass(frozen=True)
class Selectors:
    """Per-site CSS selectors that override generic extraction where a template defeats it."""

    body: str | None = None
    remove: tuple[str, ...] = ()
    title: str | None = None
    published: str | None = None
    modified: str | None = None
    authors: str | None = None


@dataclass(frozen=True)
class Site:
    """A registered aggregator site."""

    name: str
    title: str
    domains: tuple[str, ...]
    start_urls: tuple[str, ...]
    language: str | None = None
    needs_browser: bool = False
    selectors: Selectors = field(default_factory=Selectors)
    article_url_pattern: str | None = None
    # `scrapy check`: an article page of the site its spider contracts are checked on, and the
    # origin (domain) the detector must find there.
    check_url: str | None = None
    check_origin: str | None = None

    @classmethod
    def from_dict(cls, raw: dict[str, Any], where: str) -> Site:
        if not isinstance(raw, dict):
            raise RegistryError(f"{where}: an entry must be an object")
        name = raw.get("name")
        label = f"{where} entry {name!r}"
        unknown = set(raw) - _ENTRY_KEYS
        if unknown:
            raise RegistryError(f"{label}: unknown field(s) {sorted(unknown)}")
        if not isinstance(name, str) or not _NAME.match(name):
            raise RegistryError(f"{label}: 'name' must match {_NAME.pattern}")
        domains = raw.get("domains")
        if not domains or not all(isinstance(d, str) and d for d in domains):
            raise RegistryError(f"{label}: 'domains' must be a non-empty list of host names")
        start_urls = raw.get("start_urls")
        if not start_urls or not all(isinstance(u, str) and is_http(u) for u in start_urls):
            raise RegistryError(f"{label}: 'start_urls' must be a non-empty list of http(s) URLs")
        sel = raw.get("selectors") or {}
        if not isinstance(sel, dict) or set(sel) - _SELECTOR_KEYS:
            raise RegistryError(f"{label}: 'selectors' keys must be among {sorted(_SELECTOR_KEYS)}")
        pattern = raw.get("article_url_pattern")
        if pattern is not None:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise RegistryError(f"{label}: bad 'article_url_pattern': {exc}") from None
        check_url = raw.get("check_url")
        if check_url is not None and not (
            isinstance(check_url, str)
            and is_http(check_url)
            and _on_domains(host_of(check_url), domains)
        ):
            raise RegistryError(
                f"{label}: 'check_url' must be an http(s) URL on one of the site's domains"
            )
        check_origin = raw.get("check_origin")
        if check_origin is not None and (
            not isinstance(check_origin, str) or not check_origin or check_url is None
        ):
            raise RegistryError(f"{label}: 'check_origin' must be a domain, with a 'check_url'")
        return cls(
            name=name,
            title=str(raw.get("title") or name),
            domains=tuple(d.lower() for d in domains),
            start_urls=tuple(start_urls),
            language=raw.get("language"),
            needs_browser=bool(raw.get("needs_browser", False)),
            selectors=Selectors(
                body=sel.get("body"),
                remove=tuple(sel.get("remove") or ()),
                title=sel.get("title"),
                published=sel.get("published"),
                modified=sel.get("modified"),
                authors=sel.get("authors"),
            ),
            article_url_pattern=pattern,
            check_url=check_url,
            check_origin=check_origin.lower() if check_origin else None,
        )


def _parse(text: str, where: str) -> list[Site]:
    sites = [Site.from_dict(entry, where) for entry in entries(text, where, "sites", RegistryError)]
    seen: set[str] = set()
    for site in sites:
        if site.name in seen:
            # Within one file a second entry would silently replace the first.
            raise RegistryError(f"{where}: site name {site.name!r} is given twice")
        seen.add(site.name)
    return sites


def load_sites(extra_file: str | Path | None = None) -> dict[str, Site]:
    """The bundled registry, with entries of ``extra_file`` added or replacing same-named ones."""
    sites = {site.name: site for site in _parse(*bundled("sites.json"))}
    if extra_file:
        text, where = user_file(extra_file, "NEWSMIRROR_SITES_FILE", RegistryError)
        sites.update({site.name: site for site in _parse(text, where)})
    return sites


def _on_domains(host: str, domains: list[str] | tuple[str, ...]) -> bool:
    host = host.lower()
    return any(host == d.lower() or host.endswith("." + d.lower()) for d in domains)


def site_for_domain(sites: dict[str, Site], host: str) -> Site | None:
    for site in sites.values():
        if _on_domains(host, site.domains):
            return site
    return None
