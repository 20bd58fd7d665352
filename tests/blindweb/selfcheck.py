"""Self-check: generate, serve on a random port, fetch pages through the proxy, and make sure the
scorer gives a perfect prediction 1.0 and an everything-in-one-story prediction a poor score."""

from __future__ import annotations

import http.client
import json
import random
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from tests.blindweb.generator import generate
from tests.blindweb.scorer import score
from tests.blindweb.server import serve
from tests.blindweb.truth import truth


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _fetch(port: int, url: str, follow: bool = True) -> tuple[int, dict[str, str], bytes]:
    handlers: list[urllib.request.BaseHandler] = [
        urllib.request.ProxyHandler({"http": f"http://127.0.0.1:{port}"})
    ]
    if not follow:
        handlers.append(_NoRedirect())
    opener = urllib.request.build_opener(*handlers)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def perfect_prediction(data: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for n, (key, story) in enumerate(sorted(data["stories"].items())):
        origin = (
            {
                "domain": story["origin_domain"],
                "name": None,
                "url": story["origin_url"],
                "method": "truth",
                "confidence": 1.0,
                "evidence": "",
                "verified": True,
            }
            if story["origin_domain"]
            else None
        )
        out.append(
            {
                "id": f"s{n}",
                "canonical_url": key,
                "title": story["title"],
                "text": story["text"],
                "authors": [],
                "published": None,
                "site": None,
                "origin": origin,
                "text_source": "original",
                "version": 1,
                "replaces": [],
                "copies": [
                    {"url": u, "site": None, "published": None, "seen_at": None, "similarity": 1.0}
                    for u in story["pages"]
                ],
            }
        )
    return out


def _write(rows: list[dict[str, Any]], folder: Path, name: str) -> Path:
    path = folder / name
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    return path


def run(seed: int = 1, realweb: Path | None = None) -> int:
    started = time.time()
    web = generate(seed, realweb) if realweb else generate(seed)
    data = truth(web)
    print(f"generated seed {seed} in {time.time() - started:.2f}s: {json.dumps(data['counts'])}")
    problems: list[str] = []

    def check(ok: bool, what: str) -> None:
        print(("ok    " if ok else "FAIL  ") + what)
        if not ok:
            problems.append(what)

    rng = random.Random(seed)
    with serve(web) as server:
        port = server.server_address[1]
        for home in web.seeds():
            status, headers, body = _fetch(port, home)
            check(
                status == 200 and "charset=" in headers.get("Content-Type", ""),
                f"home {home} -> {status}",
            )
            status, _, body = _fetch(port, home + "robots.txt")
            check(status == 200 and b"User-agent" in body, f"robots.txt of {home}")
        for post in rng.sample(web.posts, 12):
            status, headers, body = _fetch(port, post.url)
            charset = headers.get("Content-Type", "").split("charset=")[-1]
            text = body.decode(charset, "replace")
            check(status == 200 and post.title.split()[0] in text, f"article {post.url}")
            for alias in post.aliases[:1]:
                status, headers, _ = _fetch(port, alias, follow=False)
                check(
                    status in (200, 301), f"alias {alias} -> {status} {headers.get('Location', '')}"
                )
        original = web.originals[0]
        status, _, body = _fetch(port, original.url)
        check(status == 200 and len(body) > 1000, f"original {original.url} ({len(body)} bytes)")
        status, _, _ = _fetch(
            port, "http://" + web.posts[0].url.split("/")[2] + "/no-such-page-here/"
        )
        check(status == 404, "unknown path -> 404")
        status, _, _ = _fetch(port, "http://unknown-host.invalid/")
        check(status == 502, "unknown host -> 502")
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        site_host = web.seeds()[0].split("/")[2]
        conn.request("GET", "/robots.txt", headers={"Host": site_host})
        check(conn.getresponse().status == 200, "origin-form request with Host header")
        conn.close()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        perfect = perfect_prediction(data)
        result = score(data, _write(perfect, folder, "perfect.jsonl"), echo=False)
        check(
            result["clustering"]["pairwise_f1"] == 1.0,
            f"perfect: pairwise F1 {result['clustering']['pairwise_f1']:.3f}",
        )
        check(
            result["origin"]["precision"] == 1.0 and result["origin"]["recall"] == 1.0,
            f"perfect: origin P/R {result['origin']['precision']:.3f}/{result['origin']['recall']:.3f}",
        )
        check(
            result["text"]["copy_stories"]["f1"] == 1.0
            and result["text"]["own_stories"]["f1"] == 1.0,
            "perfect: text F1 1.0",
        )
        check(result["coverage"]["aggregator_pages"] == 1.0, "perfect: coverage 1.0")

        # The same prediction written with URL variants a crawler may report (https, aliases, host aliases).
        variants = {v: k for k, v in sorted(data["aliases"].items())}
        hosts = {v: k for k, v in data["host_aliases"].items()}
        for row in perfect:
            for copy in row["copies"]:
                url = variants.get(copy["url"], copy["url"])
                host = url.split("/")[2]
                if host in hosts and rng.random() < 0.5:
                    url = url.replace(host, hosts[host], 1)
                copy["url"] = url.replace("http://", "https://", 1) if rng.random() < 0.3 else url
        result = score(data, _write(perfect, folder, "variants.jsonl"), echo=False)
        check(
            result["clustering"]["pairwise_f1"] == 1.0
            and result["diagnostics"]["unknown_urls"] == 0,
            f"perfect with URL variants: pairwise F1 {result['clustering']['pairwise_f1']:.3f}, unknown {result['diagnostics']['unknown_urls']}",
        )

        everything = [
            {
                "id": "all",
                "canonical_url": None,
                "title": "all",
                "text": "",
                "origin": None,
                "version": 1,
                "replaces": [],
                "copies": [{"url": u} for u in data["pages"]],
            }
        ]
        result = score(data, _write(everything, folder, "one.jsonl"), echo=False)
        check(
            result["clustering"]["pairwise_precision"] < 0.05
            and result["clustering"]["pairwise_f1"] < 0.1,
            f"one story: pairwise P {result['clustering']['pairwise_precision']:.4f}, F1 {result['clustering']['pairwise_f1']:.4f}",
        )
        check(
            result["largest_story"]["truth_stories"] == len(data["stories"]),
            "one story: largest holds every truth story",
        )

        singletons = [
            {
                "id": f"p{i}",
                "canonical_url": u,
                "text": data["pages"][u]["text"],
                "origin": None,
                "copies": [{"url": u}],
            }
            for i, u in enumerate(data["pages"])
        ]
        result = score(data, _write(singletons, folder, "single.jsonl"), echo=False)
        check(
            result["clustering"]["pairwise_recall"] == 0.0
            and result["coverage"]["aggregator_pages"] == 1.0,
            "singletons: recall 0, coverage 1",
        )

        versions = [
            dict(perfect[0], version=1, copies=[]),
            dict(perfect[0], version=2),
            dict(perfect[1], id="old"),
            dict(perfect[1], id="new", replaces=["old"]),
        ]
        result = score(data, _write(versions, folder, "versions.jsonl"), echo=False)
        check(
            result["stories_scored"] == 2
            and result["diagnostics"]["pages_in_several_stories"] == 0,
            "versions and replaces are applied",
        )

    print("self-check " + ("passed" if not problems else f"FAILED ({len(problems)} problems)"))
    return 0 if not problems else 1
