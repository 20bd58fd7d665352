"""Fingerprints, match decisions, the SQLite store and story placement."""

from __future__ import annotations

import itertools
import multiprocessing
import random
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import redis

from newsmirror.dedup.coherence import coherence, naming
from newsmirror.dedup.fingerprint import Fingerprint, jaccard, normalize
from newsmirror.dedup.index import Deduplicator
from newsmirror.dedup.match import decide, estimate_unreliable
from newsmirror.dedup.verdict import Found, candidate
from newsmirror.store import (
    CopyRecord,
    StoredStory,
    StoreError,
    StoreMissing,
    StoreWriteFailed,
    open_store,
)
from newsmirror.store.sqlite import SCHEMA_VERSION
from tests.redis_server import RedisServer

STORY = [
    "The Riverton city council voted 7 to 2 on Tuesday to approve a $12.5 million plan to rebuild "
    "the old river bridge, ending months of debate over how to pay for it.",
    "“We have waited a long time for this,” said Maria Lopez, the mayor, in a statement released "
    "after the meeting at the town hall on Main Street.",
    "Officials expect the work to start in March and to take about two years, most of it covered "
    "by state grants awarded to Riverton last spring.",
    "Residents who spoke at the hearing were divided, with some warning of higher property taxes "
    "and others welcoming a safer crossing for school buses.",
    "The plan still needs approval from the regional water board, which meets again in October "
    "to review the environmental report prepared by the county.",
]


def market(company: str, pct: str, revenue: int) -> list[str]:
    return [
        f"Shares of {company} rose {pct} percent on Monday after the company reported quarterly "
        f"revenue of ${revenue} million, above analysts' expectations.",
        f"Earnings per share came in at $1.{revenue % 90 + 10}, compared with a year earlier, "
        f"{company} said in a statement released before the market opened.",
        "The company kept its full-year outlook unchanged and said it would report again in "
        "the spring, when analysts expect demand to recover.",
    ]


def test_normalisation_ignores_case_quotes_and_spacing() -> None:
    assert normalize("“We  waited,” she said.") == normalize('"we waited," She said')


def test_identical_texts_resemble_fully_and_straight_quotes_change_nothing() -> None:
    a = Fingerprint.of(STORY)
    b = Fingerprint.of([p.replace("“", '"').replace("”", '"') for p in STORY])
    assert jaccard(a, b) == 1.0


@pytest.mark.parametrize(
    ("name", "copy"),
    [
        ("truncated", STORY[:3]),
        ("first paragraph dropped", STORY[1:]),
        ("updated line appended", [*STORY, "Updated: November 3, 2026"]),
        ("ad inserted", [STORY[0], "Advertisement", *STORY[1:]]),
    ],
)
def test_transformed_copies_join_their_original(name: str, copy: list[str]) -> None:
    decision = decide(Fingerprint.of(copy), Fingerprint.of(STORY))
    assert decision.joined, (name, decision.reason)


def test_template_stories_with_other_names_and_numbers_stay_apart() -> None:
    a = Fingerprint.of(market("Norvale Industries", "4.2", 512))
    b = Fingerprint.of(market("Kestrel Logistics", "7.9", 348))
    decision = decide(a, b)
    assert not decision.joined, decision.reason


# Written for this test (no real article's text): a story in Japanese, where no spaces part words.
JAPANESE = [
    "【東京＝山田太郎】政府は５日、新たな経済対策の骨子をまとめた。総額は約１２兆円に上り、"
    "物価高に苦しむ家計への支援と中小企業の賃上げを後押しする内容が柱となる。",
    "岸本経済再生相は記者会見で「景気の下振れリスクに備え、必要な対策を切れ目なく講じる」と"
    "述べた。与党内では規模の拡大を求める声も強く、月内の閣議決定を目指して調整を続ける。",
    "対策には、電気・ガス料金の補助を来年３月まで延長することや、低所得世帯への一律７万円の"
    "給付が盛り込まれる見通しだ。財源の多くは国債の追加発行で賄う。",
]


def test_a_japanese_copy_broken_at_other_places_joins_its_original() -> None:
    """A publisher's page sets a name apart (a ruby reading, an inline element) and its
    extraction breaks the line there; the copy has the sentence whole. Words are characters in
    scripts written without spaces, so the texts still share most shingles."""
    original = [
        "【東京＝山田太郎】政府は５日、新たな経済対策の骨子をまとめた。総額は約１２兆円に上り、",
        "物価高",
        "に苦しむ家計への支援と中小企業の賃上げを後押しする内容が柱となる。",
        "岸本",
        JAPANESE[1][2:],
        JAPANESE[2],
        "国際ニュースを英語で読む",
    ]
    decision = decide(Fingerprint.of(JAPANESE), Fingerprint.of(original))
    assert decision.joined, decision.reason
    other = [
        "【大阪＝佐藤花子】府は８日、万博の跡地に大型の物流拠点を誘致する方針を明らかにした。"
        "湾岸部の交通渋滞を和らげるため、新たな道路の整備も同時に進める。",
        "吉川知事は「地域の雇用を生み出し、関西の経済を底上げしたい」と話した。地元の商工会は"
        "歓迎する一方、住民からは騒音や排ガスを心配する声も上がっている。",
    ]
    assert not decide(Fingerprint.of(other), Fingerprint.of(JAPANESE)).joined


def copy(url: str) -> CopyRecord:
    return CopyRecord(url, url.split("/")[2], None, "2026-11-28T00:00:00+00:00", 1.0)


def record(sid: str, canonical: str, text_source: str = "copy") -> dict[str, object]:
    return {
        "id": sid,
        "canonical_url": canonical,
        "title": "Bridge plan approved",
        "text": "\n\n".join(STORY),
        "authors": [],
        "published": None,
        "modified": None,
        "language": "en",
        "image": None,
        "origin": {"domain": "example-wire.com"} if text_source == "copy" else None,
        "first_seen": "2026-11-28T00:00:00+00:00",
        "text_source": text_source,
    }


@pytest.fixture(params=["sqlite", "redis"])
def store_uri(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each store test runs on the embedded SQLite store and on a real redis-server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/store.db"
    server: RedisServer = request.getfixturevalue("redis_server")
    return f"{server.url}?prefix=t{uuid.uuid4().hex[:12]}"


def test_copies_named_by_url_or_by_content_end_in_one_story(store_uri: str) -> None:
    store = open_store(store_uri)
    dedup = Deduplicator(store)
    original = "http://www.example-wire.com/news/bridge"
    first = dedup.place(record("s1", original), STORY[:3], copy("http://a.example/1"), original)
    second = dedup.place(record("s2", "http://b.example/2"), STORY[1:], copy("http://b.example/2"))
    third = dedup.place(record("s3", original, "original"), STORY, copy(original))
    assert first.new
    assert second.story_id == first.story_id
    assert (third.story_id, third.changed) == (first.story_id, True)
    story = store.get(first.story_id)
    assert story is not None
    assert story.version == 2
    assert story.record["text_source"] == "original"
    assert story.record["origin"]["verified"] is True
    assert story.record["origin"]["verified"] is True
    assert {c.url for c in store.copies(first.story_id)} == {
        "http://a.example/1",
        "http://b.example/2",
        original,
    }
    assert store.count() == 1
    store.close()


OTHER = [
    "Harbor officials in Westmere said on Friday that the container terminal would close for "
    "three weeks in January while cranes are replaced, diverting 40 ships to Port Ellis.",
    "The Westmere Port Authority expects the $86 million project to double the terminal's "
    "capacity by 2028, according to a report presented to its board by director Sam Okafor.",
    "Shipping companies were told to book space at Port Ellis early, as the smaller harbor "
    "can handle only 12 vessels a day during the closure.",
]


def _place(dedup: Deduplicator, url: str, paragraphs: list[str], **named: Any) -> Any:
    rec = record(url, named.get("origin_url") or url, named.get("source", "copy"))
    if named.get("source") == "original":
        rec["origin"] = None
    rec["text"] = "\n\n".join(paragraphs)
    return dedup.place(
        rec, paragraphs, copy(url), named.get("origin_url"), named.get("origin_domain")
    )


@pytest.mark.parametrize(
    ("domains", "stories"), [(frozenset({"bbc.com", "bbc.co.uk"}), 1), (frozenset(), 2)]
)
def test_a_publishers_other_domain_is_no_contradiction(
    tmp_path: Path, domains: frozenset[str], stories: int
) -> None:
    """A story read as the BBC's at bbc.com and a copy naming the BBC by name (its table domain
    bbc.co.uk): the same publisher, and the copy joins. Two domains the table does not tie are
    two publishers: the copy stays apart, as before."""
    store = open_store(f"sqlite:///{tmp_path}/store.db")
    dedup = Deduplicator(store)
    first = record("http://a.example/1", "http://a.example/1")
    first["origin"] = {"domain": "bbc.com"}
    dedup.place(first, STORY, copy("http://a.example/1"), None, "bbc.com")
    second = record("http://b.example/2", "http://b.example/2")
    second["origin"] = {"domain": "bbc.co.uk"}
    dedup.place(second, STORY, copy("http://b.example/2"), None, "bbc.co.uk", domains)
    assert store.count() == stories
    store.close()


def test_a_copy_naming_an_original_whose_text_differs_is_a_story_of_its_own(
    store_uri: str,
) -> None:
    """Text wins over the URL: the named original reads otherwise, in either order."""
    original = "http://www.example-wire.com/news/bridge"
    formed = []
    for order in ("copy first", "original first"):
        name = order.split()[0]
        uri = (
            f"{store_uri}-{name}"
            if "redis" in store_uri
            else store_uri.replace(".db", f"-{name}.db")
        )
        store = open_store(uri)
        dedup = Deduplicator(store)
        copy_page = (
            "http://a.example/1",
            STORY,
            {"origin_url": original, "origin_domain": "example-wire.com"},
        )
        original_page = (original, OTHER, {"source": "original"})
        pages = [copy_page, original_page]
        for url, paragraphs, named in pages if order == "copy first" else pages[::-1]:
            _place(dedup, url, paragraphs, **named)
        stories = {s.record["canonical_url"]: s for s in store.iter_stories()}
        assert set(stories) == {original, "http://a.example/1"}, order
        copied = stories["http://a.example/1"]
        assert copied.record["origin"]["verified"] is False
        assert "does not match" in copied.record["origin"]["reason"]
        assert [c.url for c in store.copies(copied.id)] == ["http://a.example/1"]
        assert stories[original].record["text_source"] == "original"
        assert [c.url for c in store.copies(stories[original].id)] == [original]
        formed.append({(s.id, s.record["canonical_url"]) for s in stories.values()})
        store.close()
    assert formed[0] == formed[1]


@pytest.mark.parametrize("order", ["credit first", "original first"])
def test_copies_naming_a_page_that_reads_otherwise_leave_its_url(
    store_uri: str, order: str
) -> None:
    """A roundup credits the original's http:// URL for one of its items; the original, fetched
    at https://, matches another story. The roundup's story gives the URL up (a story of its
    own, its origin unverified): no page is in two stories."""
    store = open_store(store_uri)
    dedup = Deduplicator(store)
    named = "http://www.example-wire.com/news/bridge"
    fetched = "https://www.example-wire.com/news/bridge"
    roundup = (
        "http://a.example/1",
        OTHER,
        {"origin_url": named, "origin_domain": "example-wire.com"},
    )
    repost = ("http://b.example/2", STORY, {"origin_domain": "example-wire.com"})
    original = (fetched, STORY, {"source": "original"})
    pages = [roundup, repost, original] if order == "credit first" else [repost, roundup, original]
    for url, paragraphs, named_by in pages:
        _place(dedup, url, paragraphs, **named_by)
    stories = list(store.iter_stories())
    members = {s.record["canonical_url"]: {c.url for c in store.copies(s.id)} for s in stories}
    assert members == {
        fetched: {"http://b.example/2", fetched},
        "http://a.example/1": {"http://a.example/1"},
    }
    (alone,) = [s for s in stories if s.record["canonical_url"] == "http://a.example/1"]
    assert alone.record["origin"]["verified"] is False
    assert "reads otherwise" in alone.record["origin"]["reason"]
    store.close()


@pytest.mark.parametrize("named_first", ["not fetched", "the same text", "another text"])
def test_copies_naming_a_page_that_names_its_own_origin_and_reads_otherwise_leave_its_url(
    store_uri: str, named_first: str
) -> None:
    """Copies name a page as their original; the page itself credits another publisher (a
    chain: "This article originally appeared on …"), and its text is not theirs (their caption
    and headline, which its extraction leaves out). The copies' story gives the page's URL up
    (a story of its own, its origin unverified), whether the page is a story of its own or the
    story of the publisher it names already holds it, or that story reads otherwise too (the page
    is then unverified itself): no page is in two stories."""
    store = open_store(store_uri)
    dedup = Deduplicator(store)
    page = "https://www.city-lab.example/design/neon/"
    first = "https://www.atlantic-monthly.example/neon/"

    def place(
        url: str, paragraphs: list[str], named: str | None = None, domain: str | None = None
    ) -> None:
        rec = record(url, named or url, "copy" if named else "original")
        rec["text"] = "\n\n".join(paragraphs)
        rec["origin"] = {"domain": domain, "url": named} if named else None
        dedup.place(rec, paragraphs, copy(url), named, domain)

    place("http://a.example/1", OTHER, page, "city-lab.example")
    if named_first != "not fetched":
        place(first, STORY if named_first == "the same text" else market("Kestrel", "7.9", 348))
    place(page, STORY, first, "atlantic-monthly.example")
    stories = list(store.iter_stories())
    holding = [s for s in stories if page in {c.url for c in store.copies(s.id)}]
    assert len(holding) == 1
    assert [s.record["canonical_url"] for s in stories].count(page) <= 1
    assert all(s.record["canonical_url"] != page for s in stories if s.id != holding[0].id)
    (alone,) = [s for s in stories if s.record["canonical_url"] == "http://a.example/1"]
    assert alone.record["origin"]["verified"] is False
    store.close()


def test_a_wrong_join_does_not_snowball(store_uri: str) -> None:
    """Each page is compared with the story's canonical text, never with the union of its
    copies: a page that resembles only a copy that is not the canonical text stays apart."""
    store = open_store(store_uri)
    dedup = Deduplicator(store)
    first = _place(dedup, "http://a.example/1", STORY)
    # Two of STORY's paragraphs and two of OTHER's: it matches STORY by shared paragraphs.
    bridge = _place(dedup, "http://b.example/2", STORY[:2] + OTHER[:2])
    assert bridge.story_id == first.story_id
    # OTHER shares two paragraphs with the bridge page, none with the story's canonical text.
    other = _place(dedup, "http://c.example/3", OTHER)
    assert other.story_id != first.story_id
    store.close()


def test_a_different_story_gets_its_own_record(store_uri: str) -> None:
    store = open_store(store_uri)
    dedup = Deduplicator(store)
    a = dedup.place(
        record("m1", "http://x.example/1"),
        market("Norvale Industries", "4.2", 512),
        copy("http://x.example/1"),
    )
    b = dedup.place(
        record("m2", "http://x.example/2"),
        market("Kestrel Logistics", "7.9", 348),
        copy("http://x.example/2"),
    )
    assert a.story_id != b.story_id
    store.close()


def test_a_file_that_is_not_a_store_is_refused_by_name(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match=str(junk)):
        open_store(f"sqlite:///{junk}")
    foreign = tmp_path / "foreign.db"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError, match="not a newsmirror store"):
        open_store(foreign)


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "store.db"
    open_store(path).close()
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value = ? WHERE key = 'version'", (str(SCHEMA_VERSION + 1),))
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer than this newsmirror"):
        open_store(path)


def test_a_store_opened_read_only_is_not_created(store_uri: str, tmp_path: Path) -> None:
    """`scrapy explain` and `scrapy parse` read the store: a missing one stays missing."""
    for _ in range(2):
        with pytest.raises(StoreMissing):
            open_store(store_uri, read_only=True)
    assert list(tmp_path.iterdir()) == []  # no store.db, no -wal, -shm or -journal beside it
    if store_uri.startswith("redis:"):  # and not one key under the store's prefix
        prefix = parse_qs(urlsplit(store_uri).query)["prefix"][0]
        client = redis.Redis.from_url(store_uri.partition("?")[0])
        assert client.keys(f"{prefix}:*") == []
        client.close()
    writer = open_store(store_uri)
    Deduplicator(writer).place(
        record("s1", "http://x.example/1"), STORY, copy("http://x.example/1")
    )
    writer.close()
    reader = open_store(store_uri, read_only=True)
    assert reader.story_for_url("http://x.example/1")
    if store_uri.startswith("sqlite:"):  # and SQLite itself refuses writes on the connection
        with pytest.raises(StoreWriteFailed, match="readonly"):
            reader.mark_url("http://x.example/2", "article", "2026-01-01T00:00:00+00:00")
    reader.close()


def test_unknown_store_scheme(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="unknown scheme"):
        open_store("mongodb://localhost/x")


def test_a_repeated_site_intro_does_not_join_two_stories() -> None:
    intro = (
        "Good morning from the Riverton Gazette newsroom: here is what Maria Lopez and the "
        "team found for you today, Monday 3 March 2026."
    )
    a = Fingerprint.of([intro, *STORY[:2]])
    b = Fingerprint.of([intro, *market("Kestrel Logistics", "7.9", 348)])
    assert not decide(a, b).joined


def _race(store_uri: str, worker: int, rounds: int, barrier: Any) -> None:
    store = open_store(store_uri)
    dedup = Deduplicator(store)
    for n in range(rounds):
        words = random.Random(n).choices(STORY[0].split() + STORY[1].split(), k=160)
        paragraphs = [" ".join(words[i : i + 40]) for i in range(0, 160, 40)]
        url = f"http://site{worker}.example/round-{n}"
        barrier.wait()  # every worker places a copy of story n at the same moment
        dedup.place(record(f"r{n}-{worker}", url), paragraphs, copy(url))
    store.close()


def test_workers_placing_copies_of_one_story_at_the_same_moment_make_one_story(
    store_uri: str,
) -> None:
    workers, rounds = 4, 15
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(workers)
    procs = [
        context.Process(target=_race, args=(store_uri, w, rounds, barrier)) for w in range(workers)
    ]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(120)
        assert proc.exitcode == 0
    store = open_store(store_uri)
    assert store.count() == rounds
    assert all(len(store.copies(s.id)) == workers for s in store.iter_stories())
    store.close()


def test_a_short_excerpt_of_the_page_it_names_is_counted_not_estimated() -> None:
    """Two sentences of a feed's excerpt inside the article they name: a MinHash estimate of how
    much of so few shingles lies in a long text is noise (here it misses about half of them), so
    their containment is counted from the texts."""
    story_text = "\n\n".join(STORY)
    excerpts = []
    for paragraph in STORY:
        words = paragraph.split()
        excerpts += [" ".join(words[i : i + 18]) for i in range(0, max(1, len(words) - 20), 7)]
    short = [e for e in excerpts if 12 <= Fingerprint.of([e]).size < 40]
    assert len(short) >= 5
    story = Fingerprint.of(STORY)
    estimated = [decide(Fingerprint.of([e]), story, True).joined for e in short]
    counted = [decide(Fingerprint.of([e]), story, True, (e, story_text)).joined for e in short]
    assert not all(estimated)  # what the estimate alone made of them
    assert all(counted)
    # Two sentences of another story naming this page are still not its excerpt.
    other = " ".join(" ".join(OTHER).split()[:18])
    assert not decide(Fingerprint.of([other]), story, True, (other, story_text)).joined
    # The coherence monitor, which has the copies' fingerprints only, does not judge a short
    # excerpt naming the story (it joined on its count); one naming nothing it still does.
    prints = {f"http://feed.example/{i}": Fingerprint.of([e]) for i, e in enumerate(short)}
    naming: dict[str, str | None] = dict.fromkeys(prints)
    assert coherence(story, prints, naming).coherent
    assert not coherence(story, prints, {}).coherent


KITAGAWA = [
    "北川市の市議会は十二日、駅前の再開発計画を賛成多数で可決した。工事は来年の春に始まる。複数の関係者が明らかにした。",
    "計画では、古い商店街の一部を取り壊し、図書館や保育所の入る駅ビルを建てる予定だという。複数の関係者が明らかにした。",
    "反対した議員は、立ち退きを求められる商店主への説明が足りないと訴え、採決の延期を求めた。複数の関係者が明らかにした。",
    "市によると、総事業費はおよそ百二十億円で、その半分近くを国の補助金でまかなう見通しだ。複数の関係者が明らかにした。",
    "市長は記者会見で「街の玄関口を生まれ変わらせたい。住民の声も丁寧に聞いていく」と話した。複数の関係者が明らかにした。",
    "駅前では一九七〇年代に建てられたビルが多く、耐震性の不足が長く問題になっていた。複数の関係者が明らかにした。",
    "商店街の組合は、仮設店舗の用意や家賃の補助を市に求める要望書をすでに提出している。複数の関係者が明らかにした。",
    "再開発の完成後は、駅と市役所を結ぶ屋根付きの歩道も整備され、雨の日の移動が楽になる。複数の関係者が明らかにした。",
    "市は来月から地区ごとに説明会を開き、計画の詳しい内容や工事の日程を伝えるとしている。複数の関係者が明らかにした。",
]


def test_a_japanese_lead_excerpt_joins_its_original(tmp_path: Path) -> None:
    """Japanese has no capitals to tell its names by: a paragraph of it is the story's by its
    length, so that an excerpt of the first paragraphs, naming no original, finds and joins it."""
    store = open_store(f"sqlite:///{tmp_path}/store.db")
    dedup = Deduplicator(store)
    original = "https://www.kitagawa-shimbun.example/news/20260312"
    _place(dedup, original, KITAGAWA, source="original")
    placed = _place(dedup, "http://a.example/1", KITAGAWA[:2])
    assert store.count() == 1, placed.reason
    store.close()


def test_a_sentence_alike_joins_no_two_stories(tmp_path: Path) -> None:
    """Feed excerpts of three templated reports, each just the line every report begins with,
    each naming its own report: alike word for word, and three stories, each coherent."""
    line = "Here is our daily look at how markets closed and what moved them."
    store = open_store(f"sqlite:///{tmp_path}/store.db")
    dedup = Deduplicator(store)
    for day in (3, 4, 5):
        url = f"http://feeds.example/2019/06/0{day}/markets/"
        named = f"http://reports.example/markets-june-{day}/"
        rec = record(url, named)
        rec["text"] = line
        rec["origin"] = {"domain": "reports.example", "url": named}
        dedup.place(rec, [line], copy(url), named, "reports.example")
    assert store.count() == 3
    for story in store.iter_stories():
        prints = store.prints([c.url for c in store.copies(story.id)])
        assert coherence(story.fingerprint, prints).coherent
    store.close()


@pytest.mark.parametrize(
    ("named", "stories"), [("example-wire.com", 1), ("other-paper.example", 2), (None, 2)]
)
def test_an_excerpt_naming_a_publisher_joins_the_story_read_from_its_page(
    tmp_path: Path, named: str | None, stories: int
) -> None:
    """A "Continue reading at Example Wire »" below the first paragraph of the article: no URL, but
    the story is read from that publisher's page, and the paragraph is in it, counted."""
    store = open_store(f"sqlite:///{tmp_path}/store.db")
    dedup = Deduplicator(store)
    _place(dedup, "http://www.example-wire.com/news/bridge", STORY, source="original")
    excerpt = STORY[:1]  # found by its whole paragraph, too short to join on containment alone
    assert 12 <= Fingerprint.of(excerpt).size < 40
    placed = _place(dedup, "http://feeds.example/bridge/", excerpt, origin_domain=named)
    assert store.count() == stories, placed.reason
    if named == "example-wire.com":
        assert "an excerpt of the page of the publisher it names" in placed.reason
    store.close()


GAZETTE = "https://www.kestrel-gazette.example/news/bridge"


def _one_story_in_every_order(
    tmp_path: Path, pages: dict[str, tuple[list[str], dict[str, Any] | None]]
) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    """``pages`` (each with its text and the origin it names) placed in every order: each order
    and the record of the one story it forms."""
    for n, order in enumerate(itertools.permutations(pages)):
        store = open_store(f"sqlite:///{tmp_path}/{n}.db")
        dedup = Deduplicator(store)
        for url in order:
            paragraphs, origin = pages[url]
            dedup.place(
                _credited(url, paragraphs, origin),
                paragraphs,
                copy(url),
                (origin or {}).get("url"),
                (origin or {}).get("domain"),
            )
        stories = list(store.iter_stories())
        store.close()
        assert len(stories) == 1, order
        yield order, stories[0].record


def _credited(url: str, paragraphs: list[str], origin: dict[str, Any] | None) -> dict[str, Any]:
    rec = record(url, (origin or {}).get("url") or url, "copy" if origin else "original")
    rec.update(text="\n\n".join(paragraphs), origin=origin)
    return rec


def test_an_excerpt_naming_a_publisher_the_table_does_not_know_joins_by_that_name(
    tmp_path: Path,
) -> None:
    """ "Continue reading at Kestrel Gazette »": a name only, which the story's origin has (a copy
    linked it), with the domain its page is read from."""
    store = open_store(f"sqlite:///{tmp_path}/store.db")
    dedup = Deduplicator(store)
    named = {"domain": "kestrel-gazette.example", "name": "Kestrel Gazette", "url": GAZETTE}
    pages: list[tuple[str, list[str], dict[str, Any] | None]] = [
        (GAZETTE, STORY, None),
        ("http://a.example/bridge/", STORY, named),
        ("http://b.example/bridge/", STORY[:1], {"domain": None, "name": "kestrel gazette"}),
    ]
    for url, paragraphs, origin in pages:
        placed = dedup.place(
            _credited(url, paragraphs, origin),
            paragraphs,
            copy(url),
            (origin or {}).get("url"),
            (origin or {}).get("domain"),
        )
    assert store.count() == 1, placed.reason
    [stored] = store.iter_stories()
    prints = store.prints([c.url for c in store.copies(stored.id)])
    assert coherence(stored.fingerprint, prints, naming(stored.record, store.copies(stored.id)))
    store.close()


def test_excerpts_naming_the_publisher_or_the_page_and_the_page_are_one_story_in_any_order(
    tmp_path: Path,
) -> None:
    """One feed's excerpt credits the publisher by name ("Source: Kestrel Gazette"), another's
    names the article's URL, and the article names no one: whichever comes first, one story,
    read from the article."""
    pages: dict[str, tuple[list[str], dict[str, Any] | None]] = {
        GAZETTE: (STORY, None),
        "http://a.example/bridge/": (STORY[:1], {"domain": "kestrel-gazette.example"}),
        "http://b.example/bridge/": (
            STORY[:2],
            {"domain": "kestrel-gazette.example", "url": GAZETTE},
        ),
    }
    for order, record in _one_story_in_every_order(tmp_path, pages):
        assert record["canonical_url"] == GAZETTE, order
        assert record["text_source"] == "original", order


def test_a_name_alone_and_the_domain_make_one_story_in_any_order(tmp_path: Path) -> None:
    """An excerpt naming the publisher by a name the table does not know, a full copy linking
    that name to the article (its domain and URL), and the article: one story, read from the
    article and named after its domain, whichever comes first."""
    pages: dict[str, tuple[list[str], dict[str, Any] | None]] = {
        GAZETTE: (STORY, None),
        "http://a.example/bridge/": (
            STORY,
            {"domain": "kestrel-gazette.example", "name": "Kestrel Gazette", "url": GAZETTE},
        ),
        "http://b.example/bridge/": (STORY[:1], {"domain": None, "name": "Kestrel Gazette"}),
    }
    for order, record in _one_story_in_every_order(tmp_path, pages):
        assert (record["canonical_url"], record["origin"]["domain"]) == (
            GAZETTE,
            "kestrel-gazette.example",
        ), order


def test_an_excerpt_with_a_lead_the_articles_text_lacks_joins_in_any_order(
    tmp_path: Path,
) -> None:
    """The feed's excerpt opens with the article's lead (its standfirst), which extraction of the
    article's page left out but a full copy carries; crediting the publisher by name only, it
    holds one paragraph of the article's text and few of its names. Read from the full copy the
    story holds both paragraphs: the excerpt joins whichever page came first."""
    lead = (
        "Riverton's council approved the bridge plan of Mayor Maria Lopez, backed by Governor "
        "Ellen Park, the Harbour Trust, Valley Transit and the Chamber of Commerce of Kestrel."
    )
    pages: dict[str, tuple[list[str], dict[str, Any] | None]] = {
        GAZETTE: (STORY, None),
        "http://a.example/bridge/": (
            [lead, *STORY],
            {"domain": "kestrel-gazette.example", "url": GAZETTE},
        ),
        "http://b.example/bridge/": ([lead, STORY[0]], {"domain": "kestrel-gazette.example"}),
    }
    for order, record in _one_story_in_every_order(tmp_path, pages):
        assert record["canonical_url"] == GAZETTE, order


def test_a_copy_naming_the_publisher_by_a_name_a_linked_copy_gave_is_judged_as_naming_it() -> None:
    """The story's origin came from a line with no name ("originally published on this site");
    another copy linked the name to the domain: the excerpt naming that name names the story."""
    excerpt = "http://b.example/bridge/"
    record: dict[str, Any] = {
        "canonical_url": GAZETTE,
        "origin": {"domain": "kestrel-gazette.example", "name": None, "url": GAZETTE},
        "_named": {
            "a.example": {"domain": "kestrel-gazette.example", "name": "Kestrel Gazette"},
            "b.example": {"domain": None, "name": "Kestrel Gazette"},
        },
    }
    copies = [copy(GAZETTE), copy("http://a.example/bridge/"), copy(excerpt)]
    assert naming(record, copies)[excerpt] is None
    prints = {excerpt: Fingerprint.of(STORY[:1])}
    assert coherence(Fingerprint.of(STORY), prints, naming(record, copies)).coherent
    del record["_named"]["a.example"]
    assert excerpt not in naming(record, copies)


def test_a_paragraph_in_common_with_a_story_of_the_publisher_it_credits_is_not_enough(
    tmp_path: Path,
) -> None:
    """A copy of one wire story that carries another wire story's lead in a box, crediting the
    wire by name only: one paragraph in common with the story read from the wire's page, but not
    its names and figures — another story. Its own lead and the box's alone: the wire's excerpt."""
    store = open_store(f"sqlite:///{tmp_path}/store.db")
    dedup = Deduplicator(store)
    _place(dedup, "http://www.example-wire.com/news/bridge", STORY, source="original")
    boxed = [OTHER[0], STORY[0]]
    placed = _place(dedup, "http://a.example/port/", boxed, origin_domain="example-wire.com")
    assert store.count() == 2, placed.reason
    excerpt = [STORY[0], STORY[1]]
    placed = _place(dedup, "http://b.example/bridge/", excerpt, origin_domain="example-wire.com")
    assert not placed.new, placed.reason
    assert store.count() == 2
    store.close()


def test_an_excerpt_many_times_smaller_than_the_page_it_names_is_counted_whatever_its_length() -> (
    None
):
    """Fifty-odd words opening a long article (a feature of ten thousand words), from a copy naming
    it: over 40 shingles, but two hundred times fewer than the article's, so MinHash sees them in
    one of its 128 values or none, and the estimate says "not inside". Counted, they are."""
    extra = [
        f"Section {n}: officials from district {n} reviewed {n * 7} proposals for roads, bridges "
        f"and schools, and councillor number {n} asked for {n * 3} more weeks of public hearings "
        f"before any vote on the plan for ward {n}."
        for n in range(1, 301)
    ]
    article = [*STORY, *extra]
    text = "\n\n".join(article)
    words = " ".join(STORY).split()
    excerpts = [" ".join(words[i : i + 55]) for i in range(0, len(words) - 55, 5)]
    large = Fingerprint.of(article)
    smalls = [Fingerprint.of([e]) for e in excerpts]
    assert len(excerpts) >= 5
    assert all(s.size >= 40 and large.size >= 100 * s.size for s in smalls)
    estimated = [decide(s, large, True).joined for s in smalls]
    counted = [
        decide(s, large, True, (e, text)).joined for s, e in zip(smalls, excerpts, strict=True)
    ]
    assert not all(estimated)  # what the estimate alone made of them
    assert all(counted)
    # The coherence monitor, which has the copies' fingerprints only, does not judge them when
    # they name the story (they joined on their count); naming nothing, it still does.
    prints = {f"http://feed.example/{i}": s for i, s in enumerate(smalls)}
    assert coherence(large, prints, dict.fromkeys(prints)).coherent
    assert not coherence(large, prints, {}).coherent
    # A copy of a comparable size is judged by its estimate, named or not.
    half = Fingerprint.of(article[: len(article) // 2])
    assert not estimate_unreliable(half, large)
    # Naming the article, another story's words are still not its excerpt.
    other = " ".join(" ".join(OTHER).split()[:55])
    assert not decide(Fingerprint.of([other]), large, True, (other, text)).joined


@pytest.mark.parametrize("mobile_first", [True, False])
def test_one_page_at_two_addresses_is_one_story_however_short_its_text(
    tmp_path: Path, mobile_first: bool
) -> None:
    """A blog post fetched at its address and at its mobile one ("?m=1", whose canonical link is
    the first), its whole text a photo credit: a dozen words, too few to join anything by
    resemblance, and one page all the same: the same words as the page at the URL it names."""
    store = open_store(f"sqlite:///{tmp_path}/store.db")
    dedup = Deduplicator(store)
    page = "http://blog.example/2024/05/fact-checker.html"
    text = ["JANE DOE/AFP/Getty Images 22 Dec, 2016 22 Dec, 2016"]
    for url in [f"{page}?m=1", page] if mobile_first else [page, f"{page}?m=1"]:
        rec = record(url, page, "original")
        rec["origin"], rec["text"] = None, text[0]
        dedup.place(rec, text, copy(url))
    assert store.count() == 1
    # Another post of the blog with the same few words, at its own address, is another page.
    other = "http://blog.example/2024/05/other.html"
    rec = record(other, other, "original")
    rec["origin"], rec["text"] = None, text[0]
    dedup.place(rec, text, copy(other))
    assert store.count() == 2
    store.close()


def test_a_page_named_by_url_is_compared_with_the_storys_copies_whatever_it_shares() -> None:
    """A blog post fetched at its mobile address joined the story of the article it names (its
    photo caption and lead, by exact containment, when that story was merged with the article's).
    The same post at its own address, naming the same article, shares no whole paragraph with the
    article's text as extracted: compared with the story's copies too, it matches its twin there,
    and the post is in one story whichever address came first."""
    excerpt = [
        "Interest payments on the federal debt could surpass the Defense Department budget in "
        "2023. Credit: Jeon Heon-Kyun/EPA, via Shutterstock. Sept. 25, 2018",
        "The federal government could soon pay more in interest on its debt than it spends on "
        "the military, Medicaid or children's programs, the Congressional Budget Office said.",
    ]
    named = "https://www.daily-times.example/2018/09/25/us-government-debt-interest.html"
    rec = record("s1", named, "original")
    story = StoredStory("s1", 3, rec, Fingerprint.of(STORY))
    twin = ("http://blog.example/2024/05/as-debt-rises.html?m=1", Fingerprint.of(excerpt))
    page = Fingerprint.of(excerpt)
    url = "http://blog.example/2024/05/as-debt-rises.html"
    found = candidate(
        story, page, Found.NAMED_ORIGINAL, url, "\n\n".join(excerpt), copies=lambda: [twin]
    )
    assert found.decision.joined, found.decision.reason
    assert twin[0] in found.decision.reason
    # Found by its text alone (naming nothing), a page is compared with the copies only when it
    # shares a paragraph with the story's text.
    looked: list[str] = []

    def copies() -> list[tuple[str, Fingerprint]]:
        looked.append(twin[0])
        return [twin]

    by_content = candidate(story, page, Found.CONTENT, url, None, copies=copies)
    assert not by_content.decision.joined
    assert not looked


# A deck: a sentence with no name or figure in it, so no paragraph key of its own.
DECK = (
    "The old bridge has been closing more and more often, and the cost of keeping it open "
    "has kept rising year after year."
)


def test_lead_keys_find_a_story_and_never_judge_it() -> None:
    """How the first paragraphs open is a key to look a story up by (a feed's excerpt is an
    opening: the lead, the deck), kept with the story's fingerprint as stored; it counts as no
    paragraph in common."""
    article, excerpt = Fingerprint.of([DECK, *STORY]), Fingerprint.of([DECK])
    assert excerpt.paragraphs == ()
    assert excerpt.leads
    assert set(excerpt.leads) <= set(article.leads) <= set(article.index_keys())
    assert not decide(excerpt, article).joined
    stored = Fingerprint.from_bytes(
        article.to_bytes(), article.size, tuple(article.stored_keys()), article.entities
    )
    assert (stored.paragraphs, stored.leads) == (article.paragraphs, article.leads)


@pytest.mark.parametrize("excerpt_first", [False, True])
def test_an_excerpt_of_a_plain_deck_joins_the_article_it_opens(
    store_uri: str, excerpt_first: bool
) -> None:
    """A feed's excerpt that is the article's deck and nothing else, crediting the publisher
    by name: too short to share an LSH band with the article, too plain for a paragraph key.
    Found by how the article opens, it is judged as any excerpt of the publisher's page."""
    store = open_store(store_uri)
    dedup = Deduplicator(store)
    publisher = "http://www.example-wire.com/news/bridge"
    feed = "http://feeds.example/2026/bridge"
    article = [DECK, *STORY]
    pages = [
        ({**record("a", publisher, "original"), "text": "\n\n".join(article)}, article, None),
        ({**record("e", feed), "text": DECK}, [DECK], "example-wire.com"),
    ]
    for rec, paragraphs, domain in reversed(pages) if excerpt_first else pages:
        url = str(rec["canonical_url"])
        dedup.place(rec, paragraphs, copy(url), None, domain)
    (story,) = store.iter_stories()
    assert {c.url for c in store.copies(story.id)} == {publisher, feed}
    assert story.record["canonical_url"] == publisher
    stored = store.get(story.id)  # as read back from the store
    assert stored is not None
    assert stored.fingerprint.leads
    store.close()


HEADLINE = "Riverton council approves $12.5 million bridge plan"
# The first twenty words of the story's lead, cut mid-sentence as a feed's excerpt is.
CUT_LEAD = " ".join(STORY[0].split()[:20])


def _titled(url: str, paragraphs: list[str], title: str = HEADLINE) -> dict[str, Any]:
    rec = record(url, url, "original")
    rec.update(text="\n\n".join(paragraphs), title=title, site=url.split("/")[2])
    return rec


def test_excerpts_under_the_articles_headline_join_it_in_any_order(tmp_path: Path) -> None:
    """Two unattributed excerpts (the lead cut mid-sentence, the whole lead) and a full copy,
    on three sites under one headline: the excerpts' words are the article's, counted, and they
    join it whichever came first. Without the headline in common, a sentence or two alike joins
    nothing (the next test)."""
    pages = {
        "http://a.example/bridge/": [CUT_LEAD],
        "http://b.example/bridge/": [STORY[0]],
        "http://c.example/bridge/": STORY,
    }
    for n, order in enumerate(itertools.permutations(pages)):
        store = open_store(f"sqlite:///{tmp_path}/{n}.db")
        dedup = Deduplicator(store)
        for url in order:
            dedup.place(_titled(url, pages[url]), pages[url], copy(url))
        assert store.count() == 1, order
        (story,) = store.iter_stories()
        prints = store.prints(list(pages))
        # The monitor knows these copies for what they are: excerpts under the story's headline.
        assert coherence(story.fingerprint, prints, {}, story.record["title"]).coherent, order
        store.close()


@pytest.mark.parametrize("case", ["other headline", "other words"])
def test_a_headline_or_a_sentence_alike_alone_joins_nothing(tmp_path: Path, case: str) -> None:
    """Under another headline, the same cut lead is too short to tell a story by; under the same
    headline, an excerpt whose words are another article's (a series' recurring title) is that
    other article."""
    store = open_store(f"sqlite:///{tmp_path}/store.db")
    dedup = Deduplicator(store)
    full = "http://c.example/bridge/"
    dedup.place(_titled(full, STORY), STORY, copy(full))
    excerpt = "http://a.example/other/"
    if case == "other headline":
        paragraphs, title = [CUT_LEAD], "Bridge vote ends months of debate in Riverton"
    else:
        paragraphs, title = [" ".join(OTHER[0].split()[:24])], HEADLINE
    placed = dedup.place(_titled(excerpt, paragraphs, title), paragraphs, copy(excerpt))
    assert placed.new, placed.reason
    assert store.count() == 2
    store.close()


def test_a_story_read_from_a_sites_first_page_is_compared_as_it_is_written(
    tmp_path: Path,
) -> None:
    """The first page of a site, an excerpt, was placed with the site's footer in its text (the
    site's template was not known yet); once three more pages show the footer, the story is
    compared without it, as it is written: the full copy under its headline joins it, where its
    text as placed (the footer's names missing from the article) would not."""
    from newsmirror.dedup.template import learn

    footer = (
        "Kestrel Digest is an automated news service run by Harbour Media Group. Articles are "
        "provided as-is for personal, non-commercial use."
    )
    store = open_store(f"sqlite:///{tmp_path}/store.db")
    dedup = Deduplicator(store)
    first = "http://a.example/bridge/"
    dedup.place(_titled(first, [STORY[0], footer]), [STORY[0], footer], copy(first))
    for n, text in enumerate(OTHER[:3]):
        learn(store, "a.example", f"http://a.example/{n}/", [text, footer])
    full = "http://c.example/bridge/"
    placed = dedup.place(_titled(full, STORY), STORY, copy(full))
    assert not placed.new, placed.reason
    assert "as its text is written" in placed.reason
    assert store.count() == 1
    store.close()


def _copy_at(url: str, paragraphs: list[str], origin_domain: str, title: str = HEADLINE) -> Any:
    rec = _titled(url, paragraphs, title)
    rec.update(origin={"domain": origin_domain}, text_source="copy")
    return rec


@pytest.mark.parametrize("title", [HEADLINE, "Bridge vote ends months of debate in Riverton"])
def test_a_line_of_a_copy_of_a_copy_is_too_short_to_join_it_whatever_its_headline(
    tmp_path: Path, title: str
) -> None:
    """A copy on a.example credits the wire; a page on b.example, "Quelle: a.example", keeps one
    line of it (a gallery line, eight words). Under its headline or another, eight words are too
    few to tell a story by (12 shingles an excerpt needs): the page stays apart with its own
    credit (a first form joined it under the headline; on the first blind web, a feed's
    one-line "Read More" excerpt so joined an aggregator's post that credits no one)."""
    store = open_store(f"sqlite:///{tmp_path}/store.db")
    dedup = Deduplicator(store)
    first = "http://a.example/bridge/"
    gallery = "Gallery: Riverton bridge | 14 Photos from $12.5 million"
    text = [gallery, *STORY]
    dedup.place(
        _copy_at(first, text, "example-wire.com"), text, copy(first), None, "example-wire.com"
    )
    second = "http://b.example/bridge/"
    placed = dedup.place(
        _copy_at(second, [gallery], "a.example", title), [gallery], copy(second), None, "a.example"
    )
    assert placed.new, placed.reason
    assert store.count() == 2
    store.close()


def test_an_excerpt_naming_the_site_a_copy_is_read_from_joins_it(tmp_path: Path) -> None:
    """An excerpt of two paragraphs, "Source: a.example", under another headline: the story is
    read from a copy on a.example (it credits the wire), and the excerpt is weighed as one of
    that page, as it would be of a publisher's own page."""
    store = open_store(f"sqlite:///{tmp_path}/store.db")
    dedup = Deduplicator(store)
    first = "http://a.example/bridge/"
    dedup.place(
        _copy_at(first, STORY, "example-wire.com"), STORY, copy(first), None, "example-wire.com"
    )
    second = "http://b.example/bridge/"
    excerpt = [" ".join(STORY[1].split()[:18])]
    record_ = _copy_at(
        second, excerpt, "a.example", "Bridge vote ends months of debate in Riverton"
    )
    placed = dedup.place(record_, excerpt, copy(second), None, "a.example")
    assert not placed.new, placed.reason
    assert "a page of the site it names (a.example)" in placed.reason
    store.close()


def test_a_publishers_page_at_its_other_domain_is_the_original_in_either_order(
    tmp_path: Path,
) -> None:
    """Copies credit "ZDF" by name (the table's domain zdf.de, its other zdfheute.de); the
    article is at zdfheute.de and names no one. Whichever comes first, it is the story's
    original, and the origin is its domain."""
    original = "https://www.zdfheute.de/politik/putin-100.html"
    domains = frozenset({"zdf.de", "zdfheute.de"})
    pages = [(original, None), ("http://a.example/putin/", "zdf.de")]
    for order in (pages, pages[::-1]):
        store = open_store(f"sqlite:///{tmp_path}/{order[0][1]}.db")
        dedup = Deduplicator(store)
        for url, named in order:
            rec = _titled(url, STORY)
            if named:
                rec.update(origin={"domain": named, "name": "ZDF"}, text_source="copy")
            dedup.place(rec, STORY, copy(url), None, named, domains if named else frozenset())
        (story,) = store.iter_stories()
        assert story.record["canonical_url"] == original, order
        assert story.record["text_source"] == "original", order
        assert story.record["origin"]["domain"] == "zdfheute.de", order
        store.close()


def _excerpt_with_lines(tmp_path: Path, lines: list[str], seen_elsewhere: bool) -> Any:
    """The wire's story, then an excerpt of its lead naming the wire, with ``lines`` of the
    excerpt's page around it; ``seen_elsewhere``: those lines are on another page of its site."""
    from newsmirror.dedup.template import learn

    store = open_store(f"sqlite:///{tmp_path}/store.db")
    dedup = Deduplicator(store)
    wire = "http://www.example-wire.com/news/bridge"
    _place(dedup, wire, STORY, source="original")
    if seen_elsewhere:
        learn(store, "b.example", "http://b.example/other/", [OTHER[0], *lines])
    url = "http://b.example/bridge/"
    paragraphs = [STORY[0], *lines]
    learn(store, "b.example", url, paragraphs)
    rec = record(url, url)
    rec["text"] = "\n\n".join(paragraphs)
    placed = dedup.place(rec, paragraphs, copy(url), None, "example-wire.com")
    store.close()
    return placed


SITE_LINES = [
    "Kestrel Daily Digest writes about news and current affairs for Harbour Media.",
    "Ce site utilise des cookies. Tout accepter / Paramétrer",
]


def test_an_excerpt_is_judged_without_its_sites_lines(tmp_path: Path) -> None:
    """An excerpt naming the wire, on a site's early page: its author box and cookie line, on its
    site's other pages too but not yet its template, are no evidence against it."""
    placed = _excerpt_with_lines(tmp_path, SITE_LINES, seen_elsewhere=True)
    assert not placed.new, placed.reason
    assert "the page's own lines left out" in placed.reason


@pytest.mark.parametrize(
    "lines",
    [
        SITE_LINES,  # the same lines, on no other page of the site: the page's own words
        [OTHER[0]],  # a roundup's other item: another story's paragraph
    ],
)
def test_an_excerpt_keeps_its_own_words_and_other_stories_text(
    tmp_path: Path, lines: list[str]
) -> None:
    placed = _excerpt_with_lines(
        tmp_path / str(len(lines)), lines, seen_elsewhere=lines is not SITE_LINES
    )
    assert placed.new, placed.reason


def test_a_domain_a_copy_states_wins_over_the_tables_for_a_name_in_either_order(
    tmp_path: Path,
) -> None:
    """One copy credits "ZDF" by name (zdf.de in the table), another "zdfheute.de", a domain of
    the same publisher written out: the story's origin is the stated domain, whichever copy came
    first (no original crawled)."""
    domains = frozenset({"zdf.de", "zdfheute.de"})
    by_name: dict[str, Any] = {
        "domain": "zdf.de",
        "name": "ZDF",
        "url": None,
        "evidence": [{"evidence": "Fonte: ZDF", "domain": "zdf.de"}],
    }
    stated: dict[str, Any] = {
        "domain": "zdfheute.de",
        "name": "ZDF",
        "url": None,
        "evidence": [{"evidence": "Kaynak: zdfheute.de", "domain": "zdfheute.de"}],
    }
    pages = [("http://a.example/putin/", by_name), ("http://b.example/putin/", stated)]
    for n, order in enumerate((pages, pages[::-1])):
        store = open_store(f"sqlite:///{tmp_path}/{n}.db")
        dedup = Deduplicator(store)
        for url, origin in order:
            rec = _titled(url, STORY)
            rec.update(origin=dict(origin), text_source="copy")
            dedup.place(rec, STORY, copy(url), None, origin["domain"], domains)
        (story,) = store.iter_stories()
        assert story.record["origin"]["domain"] == "zdfheute.de", order
        store.close()
