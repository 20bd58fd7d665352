"""blindweb: an independent, generated test web of news aggregators copying real articles, with
its ground truth, a proxy server and a scorer for a news-copy crawler's story output."""

from __future__ import annotations

from tests.blindweb.generator import generate
from tests.blindweb.model import Web
from tests.blindweb.scorer import score
from tests.blindweb.server import serve
from tests.blindweb.truth import truth

__all__ = ["Web", "generate", "score", "serve", "truth"]
__version__ = "0.1.0"
