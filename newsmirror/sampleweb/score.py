"""Score a crawl's stories against the sample web's truth file, or against another crawl.

Pure functions over the story records a crawl wrote (JSON Lines, README "Story records") and the
truth file (``SampleWeb.truth()``):

- ``pairwise``: precision / recall / F1 over pairs of article pages placed in the same story;
- ``origin_scores``: origin precision / recall on copies;
- ``text_f1``: canonical text against the true article, F1 of token 4-shingle multisets;
- ``incoherent``: stories whose pages are not all copies of one true story;
- ``leaks``: inserted text (``SampleWeb.inserted``) found in a story's text.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

Story = Mapping[str, Any]
S = TypeVar("S", bound=Mapping[str, Any])
WORD = re.compile(r"\w+")
SHINGLE = 4


@dataclass(frozen=True)
class PRF:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def latest(stories: Iterable[S]) -> list[S]:
    """What a consumer upserting by id keeps: the highest version of each id, minus replaced ids."""
    best: dict[str, S] = {}
    for story in stories:
        if story["id"] not in best or story["version"] >= best[story["id"]]["version"]:
            best[story["id"]] = story
    replaced = {old for s in best.values() for old in s.get("replaces") or []}
    return [s for sid, s in best.items() if sid not in replaced]


def true_story_of(truth: Mapping[str, Any]) -> dict[str, str]:
    """Every article page's true story: the story id of originals and copies, the page's own URL
    for a post that copies nothing."""
    originals = {s["url"]: s["id"] for s in truth["stories"]}
    return {
        p["url"]: originals.get(p["url"]) or p["story"] or p["url"]
        for p in truth["pages"]
        if p["kind"] == "article"  # JavaScript-rendered ones too: crawled in Chromium
    }


def clusters(stories: Iterable[Story]) -> dict[str, str]:
    """Page URL -> id of the story it was placed in (the final records: see :func:`latest`)."""
    return {copy["url"]: story["id"] for story in latest(stories) for copy in story["copies"]}


def partition(placed: Mapping[str, str], universe: Iterable[str]) -> set[frozenset[str]]:
    """The pages of ``universe`` grouped by story; a page not placed is a group of its own."""
    groups: dict[str, set[str]] = defaultdict(set)
    for url in universe:
        groups[placed.get(url, "\0" + url)].add(url)
    return {frozenset(group) for group in groups.values()}


def _pairs(sizes: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes)


def pairwise(
    predicted: Mapping[str, str],
    reference: Mapping[str, str],
    universe: Iterable[str] | None = None,
) -> PRF:
    """Pairwise precision and recall of ``predicted`` (page -> cluster) against ``reference``, over
    the pages of ``universe`` (the reference's by default); unplaced pages are singletons."""
    urls = list(reference if universe is None else universe)
    got = {url: predicted.get(url, "\0" + url) for url in urls}
    want = {url: reference.get(url, "\0" + url) for url in urls}
    both = _pairs(Counter((got[u], want[u]) for u in urls).values())
    got_pairs = _pairs(Counter(got.values()).values())
    want_pairs = _pairs(Counter(want.values()).values())
    return PRF(both / got_pairs if got_pairs else 1.0, both / want_pairs if want_pairs else 1.0)


def origins(stories: Iterable[Story]) -> dict[str, str | None]:
    """Page URL -> the origin domain of the story it was placed in (None: no origin)."""
    out: dict[str, str | None] = {}
    for story in latest(stories):
        domain = (story.get("origin") or {}).get("domain")
        for copy in story["copies"]:
            out[copy["url"]] = domain
    return out


def _domain(host: str) -> str:
    return host.removeprefix("www.")


def origin_scores(stories: Iterable[Story], truth: Mapping[str, Any]) -> PRF:
    """Origin precision and recall on copies.

    Recall: the share of the truth's copies whose story got their true origin (the publisher of
    the original). Precision: of the origins given to copies and to the aggregators' own posts
    (which copy nothing), the share that is right; an own post given its own site is not counted.
    """
    publisher = {s["id"]: _domain(s["publisher"]) for s in truth["stories"]}
    originals = {s["url"] for s in truth["stories"]}
    got = origins(stories)
    right = given = copies = 0
    for page in truth["pages"]:
        if page["kind"] != "article" or page["url"] in originals:
            continue
        domain = got.get(page["url"])
        if page["is_copy"]:
            copies += 1
            given += domain is not None
            right += domain is not None and domain == publisher[page["story"]]
        elif domain is not None and domain != _domain(page["site"]):
            given += 1
    return PRF(right / given if given else 1.0, right / copies if copies else 1.0)


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """The multiset of 4-token shingles of ``text`` (\\w+ tokens, lower case); a shorter text is
    one shingle of all its tokens."""
    tokens = [t.lower() for t in WORD.findall(text)]
    n = min(SHINGLE, len(tokens))
    if n == 0:
        return Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def shingle_f1(text: str, true_text: str) -> float:
    got, want = shingles(text), shingles(true_text)
    if not got and not want:
        return 1.0
    both = sum((got & want).values())
    if not both:
        return 0.0
    precision, recall = both / sum(got.values()), both / sum(want.values())
    return 2 * precision * recall / (precision + recall)


def true_texts(truth: Mapping[str, Any]) -> dict[str, str]:
    """True story id (as :func:`true_story_of` names it) -> the true article's text."""
    out = {s["id"]: "\n\n".join(s["paragraphs"]) for s in truth["stories"]}
    for page in truth["pages"]:
        if page["kind"] == "article" and not page["story"]:
            out[page["url"]] = "\n\n".join(page["paragraphs"])
    return out


def _majority(story: Story, truth_of: Mapping[str, str]) -> str | None:
    trues = Counter(truth_of[c["url"]] for c in story["copies"] if c["url"] in truth_of)
    return min(trues, key=lambda t: (-trues[t], t)) if trues else None


def text_f1(stories: Iterable[Story], truth: Mapping[str, Any]) -> float:
    """Mean, over the crawl's stories, of the canonical text's shingle F1 against the text of the
    true story most of its pages belong to."""
    truth_of, texts = true_story_of(truth), true_texts(truth)
    scores = [
        shingle_f1(story["text"], texts[true])
        for story in latest(stories)
        if (true := _majority(story, truth_of)) is not None
    ]
    return sum(scores) / len(scores) if scores else 1.0


def incoherent(stories: Iterable[Story], truth: Mapping[str, Any]) -> list[Story]:
    """The crawl's stories whose pages are copies of more than one true story."""
    truth_of = true_story_of(truth)
    return [
        story
        for story in latest(stories)
        if len({truth_of[c["url"]] for c in story["copies"] if c["url"] in truth_of}) > 1
    ]


@dataclass(frozen=True)
class Leak:
    story: str  # story id
    url: str  # the page the text was inserted on
    text: str  # the inserted text


def leaks(
    stories: Iterable[Story], truth: Mapping[str, Any], inserted: Callable[[str], Iterable[str]]
) -> list[Leak]:
    """Inserted texts (``inserted(url)`` for each page of a story) found in that story's text.

    Text of the true article the story's text is read from (its canonical page's, else the one most
    of its pages belong to) is never counted. A text counts as found when at least half of its
    other shingles are in the story's text (for a text shorter than a shingle: all its tokens, in a
    row)."""
    truth_of, texts = true_story_of(truth), true_texts(truth)
    out: list[Leak] = []
    for story in latest(stories):
        urls = [c["url"] for c in story["copies"] if c["url"] in truth_of]
        source = truth_of.get(story["canonical_url"]) or _majority(story, truth_of)
        true = shingles(texts[source]) if source is not None else Counter[tuple[str, ...]]()
        have = shingles(story["text"])
        words = [t.lower() for t in WORD.findall(story["text"])]
        for url in urls:
            for text in inserted(url):
                own = [s for s in shingles(text) if s not in true]
                if not own:
                    continue
                if len(own) == 1 and len(own[0]) < SHINGLE:
                    n = len(own[0])
                    found = any(tuple(words[i : i + n]) == own[0] for i in range(len(words)))
                else:
                    found = sum(s in have for s in own) * 2 >= len(own)
                if found:
                    out.append(Leak(story["id"], url, text))
    return out


def report(
    stories: Iterable[Story],
    truth: Mapping[str, Any],
    inserted: Callable[[str], Iterable[str]] | None = None,
) -> dict[str, Any]:
    """Every figure of a crawl against the truth, rounded for printing."""
    final = latest(stories)
    truth_of = true_story_of(truth)
    pairs = pairwise(clusters(final), truth_of)
    origin = origin_scores(final, truth)
    out: dict[str, Any] = {
        "stories": len(final),
        "true_stories": len(set(truth_of.values())),
        "pages_placed": sum(url in truth_of for url in clusters(final)),
        "article_pages": len(truth_of),
        "pairwise_precision": round(pairs.precision, 4),
        "pairwise_recall": round(pairs.recall, 4),
        "pairwise_f1": round(pairs.f1, 4),
        "origin_precision": round(origin.precision, 4),
        "origin_recall": round(origin.recall, 4),
        "incoherent_stories": len(incoherent(final, truth)),
        "text_f1": round(text_f1(final, truth), 4),
    }
    if inserted is not None:
        out["leaked_texts"] = len(leaks(final, truth, inserted))
    return out
