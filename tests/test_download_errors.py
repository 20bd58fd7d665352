"""Download errors named in plain words (newsmirror/download_errors.py)."""

from __future__ import annotations

import ssl

import pytest
from OpenSSL import SSL
from scrapy.exceptions import DownloadFailedError, DownloadTimeoutError
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseNeverReceived

from newsmirror.download_errors import describe, tls_error


def _wrapped(cause: BaseException) -> DownloadFailedError:
    """As Scrapy's HTTP/1.1 handler raises it: DownloadFailedError from ResponseNeverReceived."""
    never = ResponseNeverReceived([Failure(cause)])  # type: ignore[no-untyped-call]
    try:
        raise DownloadFailedError(str(never)) from never
    except DownloadFailedError as error:
        return error


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (
            _wrapped(SSL.Error([("SSL routines", "", "wrong version number")])),
            "TLS error (wrong version number)",
        ),
        (
            _wrapped(SSL.Error([("SSL routines", "", "tls alert handshake failure")])),
            "TLS error (tls alert handshake failure)",
        ),
        (
            ssl.SSLError(1, "[SSL: WRONG_VERSION_NUMBER] wrong version number"),
            "TLS error ([SSL: WRONG_VERSION_NUMBER] wrong version number)",
        ),
        (_wrapped(ConnectionResetError("reset by peer")), None),
        (DownloadTimeoutError("took longer than 3.0 seconds"), None),
    ],
    ids=["wrong-version", "alert", "stdlib-ssl", "reset", "timeout"],
)
def test_a_tls_failure_is_named_whatever_wraps_it(
    error: BaseException, expected: str | None
) -> None:
    if expected is None:
        assert tls_error(error) is None
        assert describe(error) == f"{type(error).__name__}: {error}"
    else:
        assert describe(error) == expected
