"""The site registry: bundled entries, extension by file, and clear errors."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from newsmirror.registry import RegistryError, Site, load_sites, site_for_domain
from newsmirror.sampleweb import SampleWeb
from newsmirror.spiders.sites import spider_class
from tests.crawl import ROOT, SCRAPY

BUNDLED = Path(__file__).resolve().parent.parent / "newsmirror" / "data" / "sites.json"


def test_bundled_registry_loads_and_names_are_unique() -> None:
    sites = load_sites()
    assert "dailymarketmirror" in sites
    assert site_for_domain(sites, "www.heartlandbriefs.com") is sites["heartlandbriefs"]
    # Read as a list, not through load_sites' dict, where a repeated name would disappear.
    raw = json.loads(BUNDLED.read_text("utf-8"))["sites"]
    names = [entry["name"] for entry in raw]
    assert len(names) == len(set(names))
    assert set(sites) == set(names)


def test_a_name_given_twice_in_one_file_is_an_error_naming_the_file_and_the_name(
    tmp_path: Path,
) -> None:
    entry = {
        "name": "mynews",
        "domains": ["mynews.example"],
        "start_urls": ["http://mynews.example/"],
    }
    other = {**entry, "domains": ["other.example"], "start_urls": ["http://other.example/"]}
    extra = tmp_path / "sites.json"
    extra.write_text(json.dumps({"sites": [entry, other]}))
    with pytest.raises(RegistryError) as raised:
        load_sites(extra)
    assert str(raised.value) == f"NEWSMIRROR_SITES_FILE {extra}: site name 'mynews' is given twice"
    # As bad input should: the one line, no traceback, from the command that reads the file.
    proc = subprocess.run(
        [*SCRAPY, "list", "-s", f"NEWSMIRROR_SITES_FILE={extra}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        f"scrapy: error: NEWSMIRROR_SITES_FILE {extra}: site name 'mynews' is given twice"
    ]
    # Across files a same-named entry is how a site is replaced, as documented: no error.
    bundled = load_sites()["dailymarketmirror"]
    extra.write_text(
        json.dumps(
            {
                "sites": [
                    {
                        "name": "dailymarketmirror",
                        "domains": list(bundled.domains),
                        "start_urls": ["http://dailymarketmirror.net/latest/"],
                    }
                ]
            }
        )
    )
    assert load_sites(extra)["dailymarketmirror"].start_urls == (
        "http://dailymarketmirror.net/latest/",
    )


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
        (
            {
                "name": "ok",
                "domains": ["a.b"],
                "start_urls": ["http://a.b/"],
                "check_url": "http://elsewhere.example/story/",
            },
            "'check_url'",
        ),
        (
            {
                "name": "ok",
                "domains": ["a.b"],
                "start_urls": ["http://a.b/"],
                "check_origin": "c.d",
            },
            "'check_origin'",
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


def test_check_urls_are_attributed_articles_of_the_default_sample_web() -> None:
    """`scrapy check` runs against `python -m newsmirror.sampleweb serve` (seed 1, 30 stories):
    each site's check page must be an article there, copied with the attribution it expects."""
    pages = {p["url"]: p for p in SampleWeb().truth()["pages"]}
    sites = load_sites()
    for site in sites.values():
        assert site.check_url, f"{site.name} has no check_url"
        page = pages.get(site.check_url)
        assert page is not None, f"{site.name}: {site.check_url} is not in the sample web"
        assert page["kind"] == "article"
        assert not page["hostile"]
        assert page["needs_browser"] == site.needs_browser
        assert page["attribution"]["origin_domain"] == site.check_origin


def test_parse_docstring_carries_the_sites_contracts() -> None:
    sites = load_sites()
    doc = spider_class(sites["newsflashhub"]).parse.__doc__ or ""
    contract_lines = [line for line in doc.splitlines() if line.startswith("@")]
    assert contract_lines == [
        f"@url {sites['newsflashhub'].check_url}",
        "@browser",
        "@returns items 1 1",
        "@scrapes title text url",
        f"@origin {sites['newsflashhub'].check_origin}",
    ]
    bare = Site.from_dict({"name": "bare", "domains": ["a.b"], "start_urls": ["http://a.b/"]}, "x")
    assert "@" not in (spider_class(bare).parse.__doc__ or "")
