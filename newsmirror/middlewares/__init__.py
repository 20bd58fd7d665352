"""Downloader middlewares newsmirror puts in place of Scrapy's."""
