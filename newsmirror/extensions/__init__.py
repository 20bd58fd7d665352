"""Scrapy extensions of newsmirror."""
