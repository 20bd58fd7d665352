"""The site registry: bundled entries, extension by file, and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsmirror.registry import RegistryError, load_sites, site_for_domain


def test_bundled_registry_loads_and_names_are_unique() -> None:
    sites = load_sites()
    assert "dailymarketmirror" in sites
    assert site_for_domain(sites, "www.heartlandbriefs.com") is sites["heartlandbriefs"]


def test_a_file_adds_a_site(tmp_path: Path) -> None:
    extra = tmp_path / "sites.json"
    extra.write_text(
        json.dumps(
            {
                "sites": [
                    {
                        "name": "mynews",
                        "domains": ["mynews.example"],
                        "start_urls": ["https://mynews.example/"],
                        "selectors": {"body": "div.story", "remove": [".ad"]},
                    }
                ]
            }
        )
    )
    sites = load_sites(extra)
    assert sites["mynews"].selectors.remove == (".ad",)
    assert "dailymarketmirror" in sites


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"name": "Bad Name", "domains": ["a.b"], "start_urls": ["http://a.b/"]}, "'name'"),
        ({"name": "ok", "domains": [], "start_urls": ["http://a.b/"]}, "'domains'"),
        ({"name": "ok", "domains": ["a.b"], "start_urls": ["ftp://a.b/"]}, "'start_urls'"),
        ({"name": "ok", "domains": ["a.b"], "start_urls": ["http://a.b/"], "colour": 1}, "unknown"),
        (
            {
                "name": "ok",
                "domains": ["a.b"],
                "start_urls": ["http://a.b/"],
                "article_url_pattern": "(",
            },
            "article_url_pattern",
        ),
    ],
)
def test_malformed_entries_are_named(
    tmp_path: Path, entry: dict[str, object], message: str
) -> None:
    extra = tmp_path / "sites.json"
    extra.write_text(json.dumps({"sites": [entry]}))
    with pytest.raises(RegistryError, match=message):
        load_sites(extra)
