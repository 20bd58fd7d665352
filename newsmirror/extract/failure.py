"""A page that extraction could not process: its reason as one line, for a log line or a record."""

from __future__ import annotations

from newsmirror.extract.metadata import clean

_MAX_REASON = 300


def one_line(error: BaseException) -> str:
    """``error`` as a one-line reason: ``TypeName: message``, whitespace folded, cut at 300."""
    message = clean(str(error))
    if len(message) > _MAX_REASON:
        message = message[: _MAX_REASON - 1] + "…"
    return f"{type(error).__name__}: {message}" if message else type(error).__name__
