"""The data the generator builds and the server, truth and scorer read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from tests.blindweb.sites import SiteSpec

BlockKind = Literal[
    "lead", "h", "p", "figure", "ad", "readalso", "attr", "readmore", "hellip", "html"
]
PostKind = Literal["copy", "own"]


@dataclass(frozen=True)
class Block:
    """One block of an article body. ``html`` (inline HTML) wins over ``text`` when set."""

    kind: BlockKind
    text: str = ""
    html: str = ""


@dataclass(frozen=True)
class Original:
    """A real news article (from the realweb fundus split), served at its real URL over http."""

    key: str
    url: str
    real_url: str
    host: str
    domain: str
    home: str
    publisher: str
    blog_name: str
    title: str
    text: str
    blocks: tuple[Block, ...]
    authors: tuple[str, ...]
    published: datetime
    lang: str
    html_path: Path
    aliases: tuple[str, ...]

    @property
    def paragraphs(self) -> list[str]:
        return self.text.split("\n\n")


@dataclass(frozen=True)
class OwnArticle:
    """A post written by an aggregator itself."""

    title: str
    paragraphs: tuple[str, ...]
    genre: str
    lang: str
    links: tuple[tuple[str, str], ...] = ()  # (anchor text, URL) links the text carries (digests)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class Category:
    slug: str
    name: str
    term_id: int


@dataclass
class Attribution:
    """How a post credits its source: a wording placed somewhere, a cross-domain canonical, or nothing."""

    wording: str | None
    placement: str  # after | inline_last | div_after | before | meta | head | none
    html: str = ""
    canonical: str | None = None
    credits_url: str | None = None  # the URL the credit points at (original or intermediate post)


@dataclass(frozen=True)
class CreditRecord:
    """One credit a page carries: what it credits (registrable domain), whether it gives the URL or
    domain (``states``) or only a name, and whether it sits in the post content (feeds carry it on)."""

    wording: str
    domain: str
    states: bool
    in_content: bool


@dataclass
class Post:
    """An aggregator article page."""

    site_key: str
    kind: PostKind
    title: str
    published: datetime
    author: str
    category: Category
    source: Original | None = None
    own: OwnArticle | None = None
    parent: Post | None = None  # the aggregator post this one was taken from (chained copy)
    copy_mode: str = "full"
    attribution_style: tuple[str, str] = (
        "none",
        "none",
    )  # (wording id or none/canonical, placement)
    duplicate_of: Post | None = None
    post_id: int = 0
    slug: str = ""
    url: str = ""
    aliases: list[str] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    attribution: Attribution | None = None
    meta_html: str = ""  # credit shown in the post meta (by-line area), outside the body
    after_html: str = ""  # credit box placed after the body, outside the content container
    canonical: str = ""
    modified: datetime | None = None
    index: int = 0  # position in the site's date order (0 = newest)
    credits: list[CreditRecord] = field(default_factory=list)

    @property
    def story_text(self) -> str:
        if self.own is not None:
            return self.own.text
        if self.source is not None:
            return self.source.text
        assert self.parent is not None
        return self.parent.story_text

    def root(self) -> Post:
        """The first aggregator post of a chain (itself when not chained)."""
        post = self
        while post.parent is not None:
            post = post.parent
        return post


@dataclass
class Resource:
    """One servable response."""

    status: int
    content_type: str = "text/html; charset=utf-8"
    body: bytes | Callable[[], bytes] = b""
    location: str | None = None

    def payload(self) -> bytes:
        return self.body() if callable(self.body) else self.body


@dataclass
class Web:
    """Everything the generator made: sites, originals, posts and the servable resources."""

    seed: int
    sites: list[SiteSpec]
    originals: list[Original]
    posts: list[Post]
    resources: dict[str, dict[str, Resource]]  # host -> path key -> resource
    host_redirects: dict[str, str]  # alternative host -> canonical host
    lenient_query_hosts: set[str]  # hosts whose pages ignore unknown query strings
    non_articles: list[str]
    aliases: dict[str, str]  # URL variant -> URL as listed in the truth
    hard_negatives: list[tuple[str, str, str]]  # (story a, story b, why)
    story_keys: dict[int, str] = field(default_factory=dict)  # id(post) -> story key

    def seeds(self) -> list[str]:
        return [site.home for site in self.sites]
