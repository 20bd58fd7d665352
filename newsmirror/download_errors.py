"""Download errors in plain words: what failed, not which wrapper carried it.

A failed download reaches newsmirror wrapped (Scrapy's ``DownloadFailedError`` around Twisted's
``ResponseNeverReceived``, which holds the failures of each attempt); a TLS handshake failure in
particular reads as ``[<twisted.python.failure.Failure OpenSSL.SSL.Error: [('SSL routines', '',
'wrong version number')]>]``. These functions find the cause and name it.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator

from OpenSSL import SSL


def _causes(error: BaseException) -> Iterator[BaseException]:
    """``error`` and what it wraps: chained exceptions and Twisted failures (``reasons``)."""
    seen: set[int] = set()
    todo = [error]
    while todo:
        current = todo.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        for reason in getattr(current, "reasons", None) or ():
            value = getattr(reason, "value", reason)
            if isinstance(value, BaseException):
                todo.append(value)
        todo.extend(e for e in (current.__cause__, current.__context__) if e is not None)


def tls_error(error: BaseException) -> str | None:
    """What went wrong in TLS behind ``error`` (``wrong version number``,
    ``sslv3 alert handshake failure``...), or None when TLS is not the cause."""
    for cause in _causes(error):
        if isinstance(cause, SSL.Error):
            # pyOpenSSL: a list of (library, function, reason) from OpenSSL's error queue.
            queue = cause.args[0] if cause.args and isinstance(cause.args[0], list) else []
            reasons = [str(e[-1]) for e in queue if isinstance(e, tuple) and e and e[-1]]
            return "; ".join(reasons) or type(cause).__name__
        if isinstance(cause, ssl.SSLError):
            return str(getattr(cause, "reason", None) or cause.strerror or cause)
    return None


def describe(error: BaseException) -> str:
    """``error`` for a log line: ``TLS error (wrong version number)`` when TLS failed (in the
    handshake, mostly), else ``TypeName: message``."""
    tls = tls_error(error)
    if tls is not None:
        return f"TLS error ({tls})"
    return f"{type(error).__name__}: {error}"
