"""The bundled sample web: generated origin and aggregator sites served on loopback as a proxy."""

from __future__ import annotations

from newsmirror.sampleweb.metamorphic import Transform
from newsmirror.sampleweb.server import SampleWebServer, serve
from newsmirror.sampleweb.web import SampleWeb

__all__ = ["SampleWeb", "SampleWebServer", "Transform", "serve"]
