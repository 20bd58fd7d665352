"""Score a crawler's story output (JSON Lines) against the truth of a generated web.

Metrics (README.md, "Metrics"): pairwise clustering P/R/F1 (plus B-cubed), the largest predicted
story, origin precision/recall, canonical-text F1 (4-shingles of \\w+ tokens, as realweb/score.py),
coverage, and diagnostics (multi-assigned pages, merged hard negatives, non-article pages output).
"""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from tests.blindweb.domains import normalize_url, registrable_domain, strip_www

_TOKEN = re.compile(r"\w+", re.UNICODE)


# ------------------------------------------------------------------ text metric (as realweb/score.py)
def shingles(text: str | None, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    out: Counter[tuple[str, ...]] = Counter()
    for i in range(max(1, len(tokens) - n + 1)):
        sh = tuple(tokens[i : i + n])
        if sh:
            out[sh] += 1
    return out


def text_prf(truth_text: str, predicted: str | None) -> tuple[float, float, float]:
    t, p = shingles(truth_text), shingles(predicted)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    if fp == fn == 0:
        return 1.0, 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


# ------------------------------------------------------------------ input
def load_stories(path: str | Path) -> list[dict[str, Any]]:
    """Story lines: the highest ``version`` per ``id`` (later lines win ties), minus ids replaced."""
    latest: dict[str, dict[str, Any]] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            sid = str(row.get("id"))
            version = int(row.get("version") or 0)
            if sid not in latest or version >= int(latest[sid].get("version") or 0):
                latest[sid] = row
    replaced = {
        str(r) for sid, row in latest.items() for r in (row.get("replaces") or []) if str(r) != sid
    }
    return [row for sid, row in latest.items() if sid not in replaced]


class Resolver:
    """Maps any URL a crawler may report (https, www-less host, tracking parameters, aliases such as
    /?p=123 or /node/123, missing trailing slash) to the URL the truth lists."""

    def __init__(self, truth: dict[str, Any]) -> None:
        self.index: dict[str, str] = {}
        for url in list(truth["pages"]) + list(truth.get("non_articles", [])):
            self.index[normalize_url(url)] = url
        for alias, target in truth.get("aliases", {}).items():
            self.index.setdefault(normalize_url(alias), target)
        self.host_aliases: dict[str, str] = truth.get("host_aliases", {})

    def resolve(self, url: object) -> str | None:
        if not isinstance(url, str) or not url.strip():
            return None
        key = normalize_url(url)
        candidates = [key]
        parts = urlsplit(key)
        if parts.hostname in self.host_aliases:
            candidates.append(
                urlunsplit(
                    (parts.scheme, self.host_aliases[parts.hostname], parts.path, parts.query, "")
                )
            )
        for cand in list(candidates):
            p = urlsplit(cand)
            other = p.path[:-1] if p.path.endswith("/") and len(p.path) > 1 else p.path + "/"
            candidates.append(urlunsplit((p.scheme, p.netloc, other, p.query, "")))
        for cand in candidates:
            if cand in self.index:
                return self.index[cand]
        return None


def _domain(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return registrable_domain(strip_www(value.strip().lower()))


def _predicted_origin(story: dict[str, Any]) -> str | None:
    origin = story.get("origin")
    if not isinstance(origin, dict):
        return None
    return _domain(origin.get("domain")) or _domain(origin.get("url"))


def _ratio(num: float, den: float, empty: float = 0.0) -> float:
    return num / den if den else empty


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# ------------------------------------------------------------------ scoring
def score(
    truth: dict[str, Any] | str | Path, stories_jsonl_path: str | Path, echo: bool = True
) -> dict[str, Any]:
    if not isinstance(truth, dict):
        truth = json.loads(Path(truth).read_text(encoding="utf-8"))
    assert isinstance(truth, dict)
    pages: dict[str, dict[str, Any]] = truth["pages"]
    truth_stories: dict[str, dict[str, Any]] = truth["stories"]
    non_articles = set(truth.get("non_articles", []))
    resolver = Resolver(truth)
    stories = load_stories(stories_jsonl_path)

    members: list[list[str]] = []
    unknown = 0
    non_article_hits: set[str] = set()
    for story in stories:
        urls = [story.get("canonical_url")] + [
            c.get("url") for c in story.get("copies") or [] if isinstance(c, dict)
        ]
        found: list[str] = []
        for url in urls:
            resolved = resolver.resolve(url)
            if resolved is None:
                unknown += url is not None
            elif resolved in non_articles:
                non_article_hits.add(resolved)
            elif resolved not in found:
                found.append(resolved)
        members.append(found)

    page_stories: dict[str, list[int]] = defaultdict(list)
    for i, found in enumerate(members):
        for url in found:
            page_stories[url].append(i)
    output = set(page_stories)

    # pairwise clustering
    instances = 0
    correct: set[tuple[str, str]] = set()
    for found in members:
        for a, b in itertools.combinations(sorted(found), 2):
            instances += 1
            if pages[a]["story"] == pages[b]["story"]:
                correct.add((a, b))
    by_truth: dict[str, list[str]] = defaultdict(list)
    for url in output:
        by_truth[pages[url]["story"]].append(url)
    true_pairs = sum(len(v) * (len(v) - 1) // 2 for v in by_truth.values())
    pair_p = _ratio(len(correct), instances, 1.0)
    pair_r = _ratio(len(correct), true_pairs, 1.0)

    # B-cubed over (story, page) instances
    bp, br, nb = 0.0, 0.0, 0
    for found in members:
        counts = Counter(pages[u]["story"] for u in found)
        for url in found:
            same = counts[pages[url]["story"]]
            bp += same / len(found)
            br += same / len(by_truth[pages[url]["story"]])
            nb += 1
    b3_p, b3_r = _ratio(bp, nb), _ratio(br, nb)

    # largest story
    largest: dict[str, Any] = {"pages": 0, "truth_stories": 0}
    if members:
        i = max(range(len(members)), key=lambda k: len(members[k]))
        largest = {
            "id": stories[i].get("id"),
            "title": stories[i].get("title"),
            "pages": len(members[i]),
            "truth_stories": len({pages[u]["story"] for u in members[i]}),
        }

    # origin
    origin_total = origin_correct = 0
    origin_by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    right_pages: set[str] = set()
    for i, found in enumerate(members):
        predicted = _predicted_origin(stories[i])
        if predicted is None:
            continue
        for url in found:
            page = pages[url]
            expected = _domain(page["origin_domain"])
            ok = predicted == expected or (
                page["kind"] == "own" and predicted == _domain(page["site"])
            )
            origin_total += 1
            origin_correct += ok
            origin_by_kind[page["kind"]][0] += ok
            origin_by_kind[page["kind"]][1] += 1
            if ok:
                right_pages.add(url)
    stated_copies = [u for u, p in pages.items() if p["kind"] == "copy" and p["origin_stated"]]
    origin_p = _ratio(origin_correct, origin_total, 1.0)
    origin_r = _ratio(sum(1 for u in stated_copies if u in right_pages), len(stated_copies))
    origin_r_output = _ratio(
        sum(1 for u in stated_copies if u in right_pages),
        sum(1 for u in stated_copies if u in output),
    )

    # canonical text
    buckets: dict[str, list[tuple[float, float, float]]] = {"original": [], "own": []}
    for i, found in enumerate(members):
        if not found:
            continue
        counts = Counter(pages[u]["story"] for u in found)
        best = max(counts.values())
        majority = sorted(k for k, v in counts.items() if v == best)[0]
        kind = truth_stories[majority]["kind"]
        buckets["own" if kind == "own" else "original"].append(
            text_prf(truth_stories[majority]["text"], stories[i].get("text"))
        )

    def summary(rows: list[tuple[float, float, float]]) -> dict[str, float]:
        n = len(rows)
        return {
            "stories": n,
            "f1": _ratio(sum(r[2] for r in rows), n),
            "precision": _ratio(sum(r[0] for r in rows), n),
            "recall": _ratio(sum(r[1] for r in rows), n),
        }

    # coverage
    aggregator = [u for u, p in pages.items() if p["kind"] in ("copy", "own")]
    covered = [u for u in aggregator if u in output]
    per_site: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for url in aggregator:
        per_site[pages[url]["site"]][1] += 1
        per_site[pages[url]["site"]][0] += url in output
        per_kind[pages[url]["kind"]][1] += 1
        per_kind[pages[url]["kind"]][0] += url in output
    linked_originals = [u for u, p in pages.items() if p["kind"] == "original" and p.get("linked")]

    hard_merged = 0
    for pair in truth.get("hard_negatives", []):
        a_pages, b_pages = (
            set(truth_stories[pair["a"]]["pages"]),
            set(truth_stories[pair["b"]]["pages"]),
        )
        if any(a_pages & set(found) and b_pages & set(found) for found in members):
            hard_merged += 1

    result: dict[str, Any] = {
        "stories_scored": len(stories),
        "pages_output": len(output),
        "clustering": {
            "pairwise_precision": pair_p,
            "pairwise_recall": pair_r,
            "pairwise_f1": _f1(pair_p, pair_r),
            "pair_instances": instances,
            "correct_pairs": len(correct),
            "true_pairs": true_pairs,
            "bcubed_precision": b3_p,
            "bcubed_recall": b3_r,
            "bcubed_f1": _f1(b3_p, b3_r),
        },
        "largest_story": largest,
        "origin": {
            "precision": origin_p,
            "recall": origin_r,
            "f1": _f1(origin_p, origin_r),
            "recall_on_output": origin_r_output,
            "predictions": origin_total,
            "stated_copies": len(stated_copies),
            "precision_by_kind": {k: _ratio(v[0], v[1]) for k, v in sorted(origin_by_kind.items())},
            "predictions_by_kind": {k: v[1] for k, v in sorted(origin_by_kind.items())},
        },
        "text": {
            "copy_stories": summary(buckets["original"]),
            "own_stories": summary(buckets["own"]),
        },
        "coverage": {
            "aggregator_pages": _ratio(len(covered), len(aggregator)),
            "covered": len(covered),
            "total": len(aggregator),
            "by_kind": {k: _ratio(v[0], v[1]) for k, v in sorted(per_kind.items())},
            "by_site": {k: _ratio(v[0], v[1]) for k, v in sorted(per_site.items())},
            "linked_originals": _ratio(
                sum(1 for u in linked_originals if u in output), len(linked_originals)
            ),
        },
        "diagnostics": {
            "pages_in_several_stories": sum(1 for v in page_stories.values() if len(v) > 1),
            "hard_negative_pairs_merged": hard_merged,
            "hard_negative_pairs": len(truth.get("hard_negatives", [])),
            "non_article_pages_output": len(non_article_hits),
            "unknown_urls": unknown,
        },
    }
    if echo:
        print(format_table(result))
    return result


def format_table(result: dict[str, Any]) -> str:
    c, o, t, cov, d = (
        result["clustering"],
        result["origin"],
        result["text"],
        result["coverage"],
        result["diagnostics"],
    )
    rows = [
        (
            "clustering pairwise P / R / F1",
            f"{c['pairwise_precision']:.3f} / {c['pairwise_recall']:.3f} / {c['pairwise_f1']:.3f}",
        ),
        (
            "clustering B-cubed P / R / F1",
            f"{c['bcubed_precision']:.3f} / {c['bcubed_recall']:.3f} / {c['bcubed_f1']:.3f}",
        ),
        (
            "largest story (pages, truth stories)",
            f"{result['largest_story']['pages']}, {result['largest_story']['truth_stories']}",
        ),
        (
            "origin P / R / F1",
            f"{o['precision']:.3f} / {o['recall']:.3f} / {o['f1']:.3f}  ({o['predictions']} predictions, {o['stated_copies']} stated copies)",
        ),
        (
            "origin precision by kind",
            ", ".join(f"{k} {v:.3f}" for k, v in o["precision_by_kind"].items()) or "-",
        ),
        (
            "text F1 copy stories (P / R)",
            f"{t['copy_stories']['f1']:.3f} ({t['copy_stories']['precision']:.3f} / {t['copy_stories']['recall']:.3f}) over {t['copy_stories']['stories']}",
        ),
        (
            "text F1 own stories (P / R)",
            f"{t['own_stories']['f1']:.3f} ({t['own_stories']['precision']:.3f} / {t['own_stories']['recall']:.3f}) over {t['own_stories']['stories']}",
        ),
        (
            "coverage aggregator pages",
            f"{cov['aggregator_pages']:.3f} ({cov['covered']}/{cov['total']})",
        ),
        ("coverage by kind", ", ".join(f"{k} {v:.3f}" for k, v in cov["by_kind"].items())),
        ("coverage linked originals", f"{cov['linked_originals']:.3f}"),
        ("pages in several stories", str(d["pages_in_several_stories"])),
        (
            "hard-negative pairs merged",
            f"{d['hard_negative_pairs_merged']}/{d['hard_negative_pairs']}",
        ),
        ("non-article pages output", str(d["non_article_pages_output"])),
        ("unknown URLs (ignored)", str(d["unknown_urls"])),
    ]
    width = max(len(k) for k, _ in rows)
    lines = [f"{k.ljust(width)}  {v}" for k, v in rows]
    lines.append(
        "coverage by site: " + ", ".join(f"{k} {v:.2f}" for k, v in cov["by_site"].items())
    )
    return "\n".join(lines)
