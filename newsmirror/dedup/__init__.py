"""Near-duplicate detection: text fingerprints and the decision whether a copy joins a story. Pure."""
