"""newsmirror's spiders: ``mirror`` here, one per registered site from ``loader``."""
