"""newsmirror: crawl news-mirror sites, one clean attributed record per story."""

__version__ = "0.1.0"
