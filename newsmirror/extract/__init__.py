"""Pure extraction: page classification, metadata and main text. Nothing here imports Scrapy."""

from __future__ import annotations

from newsmirror.extract.article import ExtractedArticle, extract_article
from newsmirror.extract.classify import PageKind, classify_page

__all__ = ["ExtractedArticle", "PageKind", "classify_page", "extract_article"]
