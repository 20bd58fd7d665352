"""The independent test web of issue 15 (tests/blindweb, written blind): its own checks."""

from __future__ import annotations

import hashlib
import html
import json
import re
import unittest
import xml.etree.ElementTree as ET
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import pytest

from tests.blindweb.realweb import DEFAULT_REALWEB

if not (DEFAULT_REALWEB / "fundus.jsonl").is_file():
    pytest.skip(
        f"the blind web's originals are the realweb pages, not found at {DEFAULT_REALWEB}",
        allow_module_level=True,
    )

from tests.blindweb import generate, truth
from tests.blindweb.domains import normalize_url, registrable_domain
from tests.blindweb.model import Resource, Web
from tests.blindweb.selfcheck import run
from tests.blindweb.server import lookup
from tests.blindweb.wordings import WORDINGS, Credit, render

WEB = generate(1)
TRUTH = truth(WEB)


def _fetch(web: Web, url: str) -> tuple[str | None, Resource | None]:
    for _ in range(5):
        parts = urlsplit(url)
        resource = lookup(web, parts.netloc, parts.path or "/", parts.query)
        if resource is None:
            return None, None
        if resource.status == 301:
            assert resource.location is not None
            url = urljoin(url, resource.location)
            continue
        return url, resource
    return None, None


class GeneratedWebTest(unittest.TestCase):
    def test_counts_are_in_the_asked_ranges(self) -> None:
        counts = TRUTH["counts"]
        assert counts["sites"] >= 8
        assert counts["originals"] >= 140
        assert 300 <= counts["aggregator_pages"] <= 520, counts
        assert counts["copies_chained"] > 20

    def test_generation_is_deterministic(self) -> None:
        again = truth(generate(1))

        def digest(data: object) -> str:
            return hashlib.sha1(json.dumps(data, sort_keys=True).encode()).hexdigest()

        assert digest(TRUTH) == digest(again)
        assert digest(TRUTH) != digest(truth(generate(2)))

    def test_every_article_is_reachable_from_the_seeds_within_robots(self) -> None:
        agg_hosts = {s.host for s in WEB.sites}
        robots: dict[str, RobotFileParser] = {}
        queue = list(WEB.seeds())
        for seed in WEB.seeds():
            _, res = _fetch(WEB, seed + "robots.txt")
            assert res is not None
            queue += [
                line.split(":", 1)[1].strip()
                for line in res.payload().decode().splitlines()
                if line.lower().startswith("sitemap:")
            ]
        seen: set[str] = set()
        fetched: set[str] = set()
        while queue:
            url = queue.pop()
            if url in seen or urlsplit(url).netloc not in agg_hosts:
                continue
            seen.add(url)
            host = urlsplit(url).netloc
            if host not in robots:
                parser = RobotFileParser()
                _, res = _fetch(WEB, f"http://{host}/robots.txt")
                parser.parse(res.payload().decode().splitlines() if res else [])
                robots[host] = parser
            if not robots[host].can_fetch("*", url):
                continue
            final, res = _fetch(WEB, url)
            if res is None or final is None:
                continue
            fetched.add(final)
            body = res.payload().decode("utf-8", "replace")
            for groups in re.findall(
                r'href=["\']([^"\']+)["\']|<loc>([^<]+)</loc>|<link>([^<]+)</link>', body
            ):
                value = html.unescape(next(g for g in groups if g))
                if not value.startswith(("mailto:", "javascript:", "#")):
                    queue.append(urljoin(final, value).split("#")[0])
        missing = [
            u
            for u, p in TRUTH["pages"].items()
            if p["kind"] in ("copy", "own") and u not in fetched
        ]
        assert missing == []

    def test_feeds_and_sitemaps_are_well_formed_xml(self) -> None:
        count = 0
        for table in WEB.resources.values():
            for resource in table.values():
                if "xml" in resource.content_type:
                    ET.fromstring(resource.payload())
                    count += 1
        assert count > 20

    def test_copies_carry_their_original_text(self) -> None:
        for _url, page in TRUTH["pages"].items():
            if page["kind"] == "copy" and not page["partial"]:
                story = TRUTH["stories"][page["story"]]
                assert page["text"] == story["text"]

    def test_truth_origins(self) -> None:
        for url, page in TRUTH["pages"].items():
            if page["kind"] == "copy":
                assert page["origin_domain"] is not None, url
            if page["kind"] == "original":
                assert page["origin_domain"] == registrable_domain(url)
        stated = sum(
            1 for p in TRUTH["pages"].values() if p["kind"] == "copy" and p["origin_stated"]
        )
        unstated = sum(
            1 for p in TRUTH["pages"].values() if p["kind"] == "copy" and not p["origin_stated"]
        )
        assert stated > 200
        assert unstated > 10

    def test_hard_negative_pairs_share_a_site(self) -> None:
        assert len(TRUTH["hard_negatives"]) >= 6
        for pair in TRUTH["hard_negatives"]:
            sites_a = {TRUTH["pages"][u]["site"] for u in TRUTH["stories"][pair["a"]]["pages"]}
            sites_b = {TRUTH["pages"][u]["site"] for u in TRUTH["stories"][pair["b"]]["pages"]}
            assert sites_a & sites_b, pair

    def test_aliases_resolve_to_served_pages(self) -> None:
        for alias, target in TRUTH["aliases"].items():
            final, res = _fetch(WEB, alias)
            assert res is not None, alias
            assert res.status == 200, alias
            if final != alias:
                assert normalize_url(final or "") == normalize_url(target), alias


class WordingTest(unittest.TestCase):
    def test_every_wording_renders_and_names_or_states(self) -> None:
        credit = Credit(
            "http://example.com/a/", "A title", "Example News", "http://example.com/", "example.com"
        )
        for wording in WORDINGS.values():
            line = render(wording.id, credit)
            assert wording.states or wording.names, wording.id
            assert "{" not in line

    def test_yoast_default_is_verbatim(self) -> None:
        credit = Credit("http://example.com/a/", "T", "S", "http://example.com/", "example.com")
        assert (
            render("yoast_en", credit)
            == 'The post <a href="http://example.com/a/">T</a> appeared first on <a href="http://example.com/">S</a>.'
        )


class SelfCheckTest(unittest.TestCase):
    def test_selfcheck_passes(self) -> None:
        assert run(1) == 0


if __name__ == "__main__":
    unittest.main()
