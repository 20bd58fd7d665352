"""The ground truth of a generated web, as one JSON-able dict (see README.md, "Truth format")."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from tests.blindweb.domains import normalize_url, registrable_domain
from tests.blindweb.model import Post, Web
from tests.blindweb.sites import site_by_key

TRUTH_VERSION = 1
_HREF = re.compile(rb"""href=["'](https?://([^/"'#:?]+)[^"'#]*)""")


def story_key(post: Post) -> str:
    """Copies of a real article belong to the article's URL; own posts (and their syndicated copies)
    to the own post's URL."""
    root = post.root()
    if root.kind == "own":
        return root.url
    assert root.source is not None
    return root.source.url


def _story_origin(post: Post) -> str:
    root = post.root()
    if root.kind == "own":
        host = site_by_key(root.site_key).host
        return registrable_domain(host) or host
    assert root.source is not None
    return root.source.domain


def _copied_fraction(post: Post) -> float:
    paragraphs = post.story_text.split("\n\n")
    present = {b.text for b in post.body if b.kind in ("p", "lead", "h") and b.text}
    return round(sum(1 for p in paragraphs if p in present) / max(1, len(paragraphs)), 3)


def _linked_originals(web: Web) -> set[str]:
    """Original URLs that some aggregator page links exactly (so a crawler can reach them)."""
    wanted = {normalize_url(o.url): o.url for o in web.originals}
    for o in web.originals:
        for alias in o.aliases:
            wanted[normalize_url(alias)] = o.url
        wanted.setdefault(normalize_url(o.real_url), o.url)
    hosts = {o.host.encode() for o in web.originals}
    found: set[str] = set()
    for site in web.sites:
        for resource in web.resources.get(site.host, {}).values():
            if resource.status != 200 or not resource.content_type.startswith("text/html"):
                continue
            for href, host in _HREF.findall(resource.payload()):
                if host.lower() not in hosts:
                    continue
                key = normalize_url(href.decode("utf-8", "replace").replace("&amp;", "&"))
                if key in wanted:
                    found.add(wanted[key])
    return found


def truth(web: Web) -> dict[str, Any]:
    by_story: dict[str, list[Post]] = defaultdict(list)
    for post in web.posts:
        by_story[story_key(post)].append(post)

    stated: dict[str, bool] = {}
    named: dict[str, bool] = {}
    origin_of: dict[str, str] = {}
    for key, posts in by_story.items():
        origin = _story_origin(posts[0])
        origin_of[key] = origin
        credits = [c for p in posts for c in p.credits if c.domain == origin]
        stated[key] = any(c.states for c in credits)
        named[key] = not stated[key] and any(not c.states for c in credits)

    linked = _linked_originals(web)
    pages: dict[str, dict[str, Any]] = {}
    stories: dict[str, dict[str, Any]] = {}

    for original in web.originals:
        key = original.url
        posts = by_story.get(key, [])
        pages[key] = {
            "kind": "original",
            "story": key,
            "site": original.host,
            "title": original.title,
            "published": original.published.isoformat(),
            "origin_domain": original.domain,
            "origin_stated": stated.get(key, False),
            "origin_named": named.get(key, False),
            "linked": key in linked,
            "text": original.text,
            "lang": original.lang,
            "publisher": original.publisher,
        }
        stories[key] = {
            "kind": "original",
            "title": original.title,
            "text": original.text,
            "origin_domain": original.domain,
            "origin_url": key,
            "origin_stated": stated.get(key, False),
            "origin_named": named.get(key, False),
            "linked": key in linked,
            "pages": [key] + [p.url for p in posts],
        }

    for post in web.posts:
        key = story_key(post)
        syndicated = len(by_story[key]) > 1
        page_origin: str | None
        if post.kind == "own" and post.parent is None:
            page_origin = origin_of[key] if syndicated else None
            if key not in stories:
                assert post.own is not None
                stories[key] = {
                    "kind": "own",
                    "title": post.title,
                    "text": post.own.text,
                    "origin_domain": page_origin,
                    "origin_url": key if syndicated else None,
                    "origin_stated": stated[key] if syndicated else False,
                    "origin_named": named[key] if syndicated else False,
                    "genre": post.own.genre,
                    "pages": [p.url for p in by_story[key]],
                }
        else:
            page_origin = origin_of[key]
        fraction = _copied_fraction(post) if post.kind == "copy" else 1.0
        pages[post.url] = {
            "kind": "own" if post.kind == "own" else "copy",
            "story": key,
            "site": site_by_key(post.site_key).host,
            "title": post.title,
            "published": post.published.isoformat(),
            "origin_domain": page_origin,
            "origin_stated": stated[key] if post.kind == "copy" or syndicated else False,
            "origin_named": named[key] if post.kind == "copy" or syndicated else False,
            "copy_mode": post.copy_mode if post.kind == "copy" else None,
            "copied_fraction": fraction,
            "partial": post.kind == "copy" and fraction < 1.0,
            "attribution": "/".join(post.attribution_style)
            if post.parent is None and post.kind == "copy"
            else None,
            "credits": [
                {
                    "wording": c.wording,
                    "domain": c.domain,
                    "states": c.states,
                    "in_content": c.in_content,
                }
                for c in post.credits
            ],
            "via": post.parent.url if post.parent is not None else None,
            "duplicate_of": post.duplicate_of.url if post.duplicate_of is not None else None,
            "cross_domain_canonical": post.canonical if post.canonical != post.url else None,
            "text": post.story_text,
        }

    host_aliases = dict(web.host_redirects)
    kinds: dict[str, int] = defaultdict(int)
    for page in pages.values():
        kinds[str(page["kind"])] += 1
    return {
        "version": TRUTH_VERSION,
        "seed": web.seed,
        "seeds": web.seeds(),
        "sites": [
            {
                "key": s.key,
                "host": s.host,
                "name": s.name,
                "theme": s.theme,
                "lang": s.lang,
                "permalink": s.permalink,
                "feed": s.feed,
                "sitemap": s.sitemap,
                "notes": s.notes,
            }
            for s in web.sites
        ],
        "counts": {
            "sites": len(web.sites),
            "originals": len(web.originals),
            "aggregator_pages": len(web.posts),
            "pages_by_kind": dict(kinds),
            "stories": len(stories),
            "copies_chained": sum(1 for p in web.posts if p.parent is not None),
            "copies_duplicate": sum(1 for p in web.posts if p.duplicate_of is not None),
            "copies_partial": sum(1 for u, p in pages.items() if p.get("partial")),
            "copy_stories_origin_stated": sum(
                1 for s in stories.values() if s["kind"] == "original" and s["origin_stated"]
            ),
            "originals_linked": len(linked),
        },
        "pages": pages,
        "stories": stories,
        "aliases": dict(sorted(web.aliases.items())),
        "host_aliases": host_aliases,
        "non_articles": sorted(set(web.non_articles)),
        "hard_negatives": [{"a": a, "b": b, "why": why} for a, b, why in web.hard_negatives],
    }
