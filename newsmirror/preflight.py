"""What a crawl checks before it starts: every local file it will write can be written.

A feed path that cannot be written would otherwise be found out at the first story, after the
crawl has fetched pages and stored articles; a store path that cannot be opened would be reported
by SQLite as "unable to open database file". Both are asked of the file system itself, by trying,
so that what the checks say is what the crawl would meet (root ignores permission bits, ``/proc``
and read-only mounts do not). Nothing the checks create is left behind.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsmirror.runtime import absolute_feed_uri, data_dir, is_relative_local, store_uri

PLACEHOLDER = "%("


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _make_dirs(directory: Path) -> list[Path]:
    """Create ``directory`` and its missing parents (as Scrapy's file storage and the store do);
    the ones created, deepest first, so that they can be removed again."""
    missing: list[Path] = []
    current = directory
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        try:
            path.mkdir()
        except OSError as exc:
            _remove(missing[missing.index(path) + 1 :])
            raise DirectoryError(path, exc) from None
    return missing


class DirectoryError(Exception):
    def __init__(self, path: Path, error: OSError) -> None:
        super().__init__(f"cannot create directory {path} ({_reason(error)})")


def _remove(created: list[Path]) -> None:
    for path in created:
        with contextlib.suppress(OSError):
            path.rmdir()


def directory_problem(directory: Path) -> str | None:
    """Why new files cannot be made in ``directory`` (created if missing, as a crawl would)."""
    try:
        created = _make_dirs(directory)
    except DirectoryError as exc:
        return str(exc)
    try:
        if not directory.is_dir():
            return f"{directory} is not a directory"
        with tempfile.NamedTemporaryFile(dir=directory, prefix=".newsmirror-check-"):
            pass
    except OSError as exc:
        return f"cannot create files in {directory} ({_reason(exc)})"
    finally:
        _remove(created)
    return None


def file_problem(path: Path) -> str | None:
    """Why ``path`` cannot be opened for appending (None if it can); the file is left as found."""
    if path.is_dir():
        return "a directory, not a file"
    try:
        created = _make_dirs(path.parent)
    except DirectoryError as exc:
        return str(exc)
    existed = path.exists()
    try:
        with path.open("ab"):
            pass
        if not existed:
            path.unlink()
    except OSError as exc:
        return f"cannot be written ({_reason(exc)})"
    finally:
        _remove(created)
    return None


def feed_target(uri: str, base: Path | None = None) -> tuple[Path, bool] | None:
    """(path, is_a_directory) to check for a local feed URI; None for stdout and remote storages.

    A URI with placeholders (``%(time)s``, ``%(job)s``…) names a new file per crawl: the directory
    before the first placeholder is checked instead. ``base`` resolves relative paths (Scrapyd)."""
    if base is not None and is_relative_local(uri):
        uri = absolute_feed_uri(uri, base)
    parts = urlsplit(uri)
    if parts.scheme == "file":
        raw = parts.path
    elif not parts.scheme or len(parts.scheme) == 1:
        raw = uri
    else:
        return None  # stdout:, s3:, ftp:, gs: … are not local files
    path = Path(raw)
    if PLACEHOLDER not in raw:
        return path, False
    cut = next(i for i, part in enumerate(path.parts) if PLACEHOLDER in part)
    return Path(*path.parts[:cut]) if cut else Path("."), True


def output_problems(settings: Any, job: str | None = None) -> list[str]:
    """One line per local output of the crawl (feeds, sightings feed, SQLite store) that cannot be
    written, naming the path and the reason. ``job``: the Scrapyd job id, if any."""
    base = data_dir(str(settings.get("NEWSMIRROR_DATA_DIR") or ""), job is not None)
    feeds: Mapping[str, Any] = settings.getdict("FEEDS")
    uris = [str(uri) for uri in feeds]
    sightings = str(settings.get("NEWSMIRROR_SIGHTINGS_FEED") or "")
    if sightings and sightings not in uris:
        uris.append(sightings)
    problems = []
    for uri in uris:
        target = feed_target(uri, base if job is not None else None)
        if target is None:
            continue
        path, is_dir = target
        problem = directory_problem(path) if is_dir else file_problem(path)
        if problem:
            label = "sightings feed" if uri == sightings else "feed"
            problems.append(f"{label} {uri}: {problem}")
    store = store_uri(str(settings.get("NEWSMIRROR_STORE") or ""), base)
    if store.startswith("sqlite:///"):
        path = Path(store[len("sqlite:///") :])
        problem = store_problem(path)
        if problem:
            problems.append(f"story store {path}: {problem}")
    return problems


def store_problem(path: Path) -> str | None:
    """Why an SQLite store at ``path`` could not be opened for a crawl: the file must be readable
    and writable, and its directory writable (SQLite keeps its ``-wal`` and ``-shm`` files there).
    Whether the file is a sound store is the store's own start-up check."""
    if path.is_dir():
        return "a directory, not a store file"
    if path.exists():
        try:
            with path.open("rb+"):
                pass
        except OSError as exc:
            return f"cannot be opened for reading and writing ({_reason(exc)})"
    return directory_problem(path.parent)
