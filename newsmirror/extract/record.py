"""One saved page's bytes to its extraction record, as a crawl would make it; never raises.

The path is the crawl's: decode and parse (:class:`~newsmirror.page.Page`), classify and extract
(:func:`~newsmirror.extract.extract_article`, with the registered site's selectors), then origin
detection, which also strips the attribution line from the text, as in a story record.
``scrapy extract`` and the realweb quality benchmark call :func:`extract_record`; a page that cannot
be processed gives a record whose ``error`` is a one-line reason.
"""

from __future__ import annotations

import gzip
import io
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from lxml.html import HtmlElement

from newsmirror.extract.article import extract_article
from newsmirror.extract.failure import one_line
from newsmirror.origin import PublisherTable, detect_origin
from newsmirror.page import Page, absolute_links
from newsmirror.registry import Site, site_for_domain
from newsmirror.urls import host_of, is_http


@dataclass
class PageRecord:
    """What extraction makes of one page; ``error`` is None, or why the page gave nothing."""

    path: str | None
    url: str | None
    kind: str | None = None
    title: str | None = None
    text: str = ""
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    language: str | None = None
    origin: dict[str, Any] | None = None
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


_REL_CANONICAL = re.compile(r"(?:^|\s)canonical(?:\s|$)", re.I)


def page_url(tree: HtmlElement) -> str | None:
    """The address a saved page gives itself: its canonical link, else its ``og:url``."""
    for link in tree.iter("link"):
        href = (link.get("href") or "").strip()
        if _REL_CANONICAL.search(link.get("rel") or "") and is_http(href):
            return href
    for meta in tree.iter("meta"):
        if (meta.get("property") or meta.get("name") or "").strip().lower() == "og:url":
            content = (meta.get("content") or "").strip()
            if is_http(content):
                return content
    return None


def extract_record(
    body: bytes,
    publishers: PublisherTable,
    *,
    url: str | None = None,
    path: str | None = None,
    sites: dict[str, Site] | None = None,
    min_text_chars: int = 250,
    declared_encoding: str | None = None,
) -> PageRecord:
    """Extract the page in ``body``; ``url`` is where it was fetched from, if known.

    Without ``url`` the page's own canonical or ``og:url`` stands for it (links are made absolute
    against it); a page that names neither is read without a URL.
    """
    record = PageRecord(path=path, url=url)
    try:
        page = Page.from_bytes(url or "", body, declared_encoding)
        tree = page.tree
        if url is None:
            record.url = page_url(tree)
            if record.url is not None:
                page.url = record.url
                absolute_links(tree, record.url)
        site = site_for_domain(sites, host_of(page.url)) if sites and page.url else None
        pattern = site.article_url_pattern if site is not None else None
        article = extract_article(
            page.url,
            tree,
            site.selectors if site is not None else None,
            min_text_chars=min_text_chars,
            article_url_pattern=re.compile(pattern) if pattern else None,
        )
        result = detect_origin(page.url, tree, article.paragraphs, publishers, article.metadata)
    except Exception as exc:  # one bad page gives an error record, never stops a batch
        record.error = one_line(exc)
        return record
    record.kind = str(article.kind)
    record.title = article.title
    record.text = "\n\n".join(result.paragraphs)
    record.authors = article.authors
    record.published = article.published
    record.modified = article.modified
    record.language = article.language
    record.origin = result.origin.as_dict() if result.origin is not None else None
    return record


SAVED_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
_GZIP_MAGIC = b"\x1f\x8b"


def is_saved_page(path: Path) -> bool:
    return path.name.lower().endswith(SAVED_SUFFIXES)


def saved_pages(paths: Iterable[Path]) -> Iterator[Path]:
    """Each path given, and the saved pages (``.html``, ``.htm``, ``.html.gz``) in each folder
    given, recursively, in name order. A path that does not exist is passed on (reading it fails)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and is_saved_page(p))
        else:
            yield path


class SavedPageError(ValueError):
    """A saved page that cannot be read: missing, too large, a broken gzip file."""


def read_saved_page(path: Path, max_size: int = 0) -> bytes:
    """The page's bytes, gunzipped if they are gzip's (whatever the name says); at most
    ``max_size`` bytes after decompression (0: no limit), as a crawl's ``DOWNLOAD_MAXSIZE``."""
    try:
        with path.open("rb") as f:
            data = f.read(max_size + 1 if max_size else -1)
    except OSError as exc:
        raise SavedPageError(f"cannot read {path}: {exc.strerror or exc}") from None
    if max_size and len(data) > max_size:
        raise SavedPageError(f"{path} is larger than {max_size} bytes (DOWNLOAD_MAXSIZE)")
    if data.startswith(_GZIP_MAGIC):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
                data = f.read(max_size + 1 if max_size else -1)
        except (OSError, EOFError, zlib.error) as exc:
            raise SavedPageError(f"{path} is not a readable gzip file ({exc})") from None
    if max_size and len(data) > max_size:
        raise SavedPageError(f"{path} is larger than {max_size} bytes (DOWNLOAD_MAXSIZE)")
    return data
