"""Item pipelines: thin adapters from Scrapy items to newsmirror's pure logic."""
