"""Real crawls of the sample web's hostile sites: compression bombs and oversized pages, XML attacks,
redirects a crawler must refuse, and spider traps (newsmirror/sampleweb/hostile.py)."""

from __future__ import annotations

import signal
import subprocess
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from newsmirror.budget import LEDGER
from newsmirror.sampleweb import hostile
from newsmirror.sampleweb.server import RequestRecord, SampleWebServer
from newsmirror.settings import CONCURRENT_REQUESTS_PER_DOMAIN, DOWNLOAD_MAXSIZE, REDIRECT_MAX_TIMES
from newsmirror.urls import repeated_segments
from tests.crawl import ROOT, CrawlResult, crawl_command, read_result, run_crawl, run_measured_crawl

# Plain HTTP downloads only: none of these pages needs Chromium.
PLAIN = {"NEWSMIRROR_BROWSER": "False"}


def served_during(server: SampleWebServer, start: int) -> list[RequestRecord]:
    with server.lock:
        return list(server.requests[start:])


def crawled(items: list[dict[str, object]]) -> set[str]:
    return {item["copies"][0]["url"] for item in items}  # type: ignore[index]


# --- oversized pages and compression bombs ------------------------------------------------------


@pytest.fixture(scope="module")
def bomb_crawl(
    tmp_path_factory: pytest.TempPathFactory, server: SampleWebServer
) -> tuple[CrawlResult, list[RequestRecord]]:
    start = len(server.requests)
    result = run_measured_crawl(
        tmp_path_factory.mktemp("bombs"),
        server.proxy_url,
        args={"url": f"http://{hostile.BOMB_HOST}/"},
        settings=PLAIN,
    )
    assert result.returncode == 0, result.log[-3000:]
    return result, served_during(server, start)


@pytest.mark.parametrize("encoding", hostile.ENCODINGS)
def test_a_compression_bomb_is_dropped_with_a_warning(
    bomb_crawl: tuple[CrawlResult, list[RequestRecord]], encoding: str
) -> None:
    result, served = bomb_crawl
    url = hostile.BOMBS[encoding]
    assert any(r.path == urlsplit(url).path for r in served), f"{url} was never requested"
    assert (
        f"Skipped {url}: its compressed body decompresses to more than DOWNLOAD_MAXSIZE "
        f"({DOWNLOAD_MAXSIZE} bytes)"
    ) in result.log
    assert url not in crawled(result.items)


def test_a_gzipped_sitemap_bomb_is_dropped_with_a_warning(
    bomb_crawl: tuple[CrawlResult, list[RequestRecord]],
) -> None:
    result, _ = bomb_crawl
    assert f"Skipped {hostile.SITEMAP_BOMB}: its compressed body (" in result.log


def test_bombs_are_decompressed_no_further_than_the_size_limit(
    bomb_crawl: tuple[CrawlResult, list[RequestRecord]],
) -> None:
    result, _ = bomb_crawl
    # Four Content-Encoding bombs and the gzipped sitemap.
    assert result.stat("newsmirror/oversized/decompressed") == len(hostile.ENCODINGS) + 1
    furthest = result.stat("newsmirror/oversized/decompressed_max_bytes")
    assert DOWNLOAD_MAXSIZE < furthest <= 1.1 * DOWNLOAD_MAXSIZE
    assert furthest < hostile.BOMB_BYTES / 10


def test_bombs_never_take_their_expanded_size_in_memory(
    bomb_crawl: tuple[CrawlResult, list[RequestRecord]],
) -> None:
    result, _ = bomb_crawl
    startup = result.stat("memusage/startup")  # peak RSS when the engine started
    assert startup > 0
    # Any bomb expanded whole would add BOMB_BYTES (256 MiB); bounded decompression adds a few
    # copies of DOWNLOAD_MAXSIZE at most.
    assert result.peak_rss - startup < hostile.BOMB_BYTES / 2


@pytest.mark.parametrize("which", ["with_length", "without_length"])
def test_an_oversized_page_is_cancelled_with_and_without_content_length(
    bomb_crawl: tuple[CrawlResult, list[RequestRecord]], which: str
) -> None:
    result, _ = bomb_crawl
    url = hostile.BIG_PAGES[which]
    assert f"Skipped {url}: larger than DOWNLOAD_MAXSIZE ({DOWNLOAD_MAXSIZE} bytes)" in result.log
    assert result.stat("newsmirror/oversized") == len(hostile.BIG_PAGES)


def test_the_bomb_sites_ordinary_article_is_kept(
    bomb_crawl: tuple[CrawlResult, list[RequestRecord]],
) -> None:
    result, _ = bomb_crawl
    assert crawled(result.items) == {hostile.PLAIN_ARTICLE}
    assert result.stats["finish_reason"] == "finished"


def test_sitemap_entities_read_no_file_and_expand_nothing(
    tmp_path: Path, server: SampleWebServer
) -> None:
    passwd = Path("/etc/passwd").read_text("utf-8", "replace").splitlines()[0]
    assert passwd  # what a resolved entity would have put into a URL
    start = len(server.requests)
    result = run_measured_crawl(
        tmp_path,
        server.proxy_url,
        args={"url": f"{hostile.SITEMAP_XXE},{hostile.SITEMAP_LAUGHS}"},
        settings=PLAIN,
    )
    served = served_during(server, start)
    assert result.returncode == 0, result.log[-3000:]
    for url in (hostile.SITEMAP_XXE, hostile.SITEMAP_LAUGHS):
        assert f"{url} declares XML entities: read without them" in result.log
    assert result.stat("newsmirror/xml/entities_ignored") == 2
    # The article the sitemaps list is crawled; no entity's content appears anywhere.
    assert crawled(result.items) == {hostile.PLAIN_ARTICLE}
    everything = result.log + repr(result.items) + repr(served)
    assert passwd not in everything
    assert "root:" not in "".join(r.path for r in served)
    assert "lollol" not in everything
    assert max(len(r.path) for r in served) < 200
    # Expanded, the billion laughs alone would take 3 GB.
    assert result.peak_rss - result.stat("memusage/startup") < 256 * 1024 * 1024


# --- redirects --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def redirect_crawl(
    tmp_path_factory: pytest.TempPathFactory, server: SampleWebServer
) -> tuple[CrawlResult, list[RequestRecord]]:
    start = len(server.requests)
    result = run_crawl(
        tmp_path_factory.mktemp("redirects"),
        server.proxy_url,
        args={"url": f"http://{hostile.REDIRECT_HOST}/"},
        settings=PLAIN,
    )
    assert result.returncode == 0, result.log[-3000:]
    return result, served_during(server, start)


@pytest.mark.parametrize("name", sorted(hostile.BAD_REDIRECTS))
def test_a_redirect_to_another_scheme_or_an_internal_address_is_refused(
    redirect_crawl: tuple[CrawlResult, list[RequestRecord]],
    server: SampleWebServer,
    name: str,
) -> None:
    result, _ = redirect_crawl
    source = hostile.REDIRECTS[name]
    target = hostile.BAD_REDIRECTS[name].format(port=server.port)
    refused = [
        line for line in result.log.splitlines() if f"Refused redirect from {source} to" in line
    ]
    assert len(refused) == 1, f"no refusal logged for {source}"
    assert target.split(":")[0] in refused[0]


def test_refused_redirects_are_counted_and_never_reach_their_target(
    redirect_crawl: tuple[CrawlResult, list[RequestRecord]],
) -> None:
    result, served = redirect_crawl
    schemes = sum(1 for t in hostile.BAD_REDIRECTS.values() if not t.startswith("http:"))
    assert result.stat("newsmirror/redirect/scheme") == schemes
    assert result.stat("newsmirror/redirect/internal") == len(hostile.BAD_REDIRECTS) - schemes
    assert {r.host for r in served} == {hostile.REDIRECT_HOST}


def test_a_long_redirect_chain_stops_at_redirect_max_times(
    redirect_crawl: tuple[CrawlResult, list[RequestRecord]],
) -> None:
    result, served = redirect_crawl
    assert (
        f"Skipped {hostile.REDIRECT_CHAIN}: more than {REDIRECT_MAX_TIMES} redirects "
        f"(REDIRECT_MAX_TIMES)"
    ) in result.log
    assert result.stat("newsmirror/redirect/too_many") == 1
    assert sum(1 for r in served if r.path.startswith("/chain/")) == REDIRECT_MAX_TIMES + 1


def test_a_redirect_loop_stops_with_a_warning(
    redirect_crawl: tuple[CrawlResult, list[RequestRecord]],
) -> None:
    result, served = redirect_crawl
    assert f"Skipped {hostile.REDIRECT_LOOP}: a redirect loop" in result.log
    assert result.stat("newsmirror/redirect/loop") == 1
    assert Counter(r.path for r in served if r.path.startswith("/loop/")) == {
        "/loop/a/": 1,
        "/loop/b/": 1,
    }


def test_an_ordinary_redirect_is_followed(
    redirect_crawl: tuple[CrawlResult, list[RequestRecord]],
) -> None:
    result, _ = redirect_crawl
    assert crawled(result.items) == {hostile.REDIRECT_LANDING}
    assert result.stats["finish_reason"] == "finished"


def test_the_allow_list_lets_a_redirect_reach_the_loopback_proxy_only(
    tmp_path: Path, server: SampleWebServer
) -> None:
    start = len(server.requests)
    seeds = [hostile.REDIRECTS["loopback"], hostile.REDIRECTS["private"], hostile.REDIRECT_LOOP]
    result = run_crawl(
        tmp_path,
        server.proxy_url,
        args={"url": ",".join(seeds)},
        settings={**PLAIN, "NEWSMIRROR_REDIRECT_ALLOW_PRIVATE": "127.0.0.1"},
    )
    served = served_during(server, start)
    assert result.returncode == 0, result.log[-3000:]
    assert any(r.host == "127.0.0.1" and r.path == "/" for r in served)
    assert not any(r.host == "10.0.0.1" for r in served)
    assert f"Refused redirect from {hostile.REDIRECTS['loopback']}" not in result.log
    assert f"Refused redirect from {hostile.REDIRECTS['private']} to http://10.0.0.1/" in (
        result.log
    )
    # A seed is exempt from the dupefilter, so its loop is caught by the guard itself.
    assert f"Skipped {hostile.REDIRECT_LOOP}: a redirect loop" in result.log
    assert Counter(r.path for r in served if r.path.startswith("/loop/")) == {
        "/loop/a/": 1,
        "/loop/b/": 1,
    }


@pytest.fixture(scope="module")
def internal_name() -> str:
    name = hostile.internal_name()
    if name is None:
        pytest.skip(
            "this machine resolves no name other than localhost to a loopback or private address "
            "(its host name, localhost.localdomain, ip6-localhost: see /etc/hosts)"
        )
    return name


@pytest.mark.parametrize(
    "resolver",
    [
        "scrapy.resolver.CachingThreadedResolver",  # Scrapy's default: gethostbyname, IPv4
        "scrapy.resolver.CachingHostnameResolver",  # getaddrinfo: every address, IPv6 too
    ],
    ids=["threaded", "hostname"],
)
def test_a_redirect_to_a_name_that_resolves_to_loopback_is_refused(
    tmp_path: Path, server: SampleWebServer, internal_name: str, resolver: str
) -> None:
    start = len(server.requests)
    result = run_crawl(
        tmp_path,
        server.proxy_url,
        args={"url": ",".join([hostile.REDIRECT_TO_INTERNAL_NAME, hostile.REDIRECT_ELSEWHERE])},
        settings={**PLAIN, "TWISTED_DNS_RESOLVER": resolver},
    )
    served = served_during(server, start)
    assert result.returncode == 0, result.log[-3000:]
    # Through the proxy the name would have reached the sample web: nothing did.
    assert not any(r.host == internal_name for r in served)
    target = f"http://{internal_name}:{server.port}/"
    [refused] = [
        line
        for line in result.log.splitlines()
        if f"Refused redirect from {hostile.REDIRECT_TO_INTERNAL_NAME} to {target}" in line
    ]
    assert f"which {internal_name} resolves to" in refused
    assert result.stat("newsmirror/redirect/internal") == 1
    # A name no resolver knows (only the proxy does) is followed as before.
    assert crawled(result.items) == {hostile.PLAIN_ARTICLE}


def test_the_allow_list_lets_a_name_that_resolves_to_loopback_through(
    tmp_path: Path, server: SampleWebServer, internal_name: str
) -> None:
    start = len(server.requests)
    result = run_crawl(
        tmp_path,
        server.proxy_url,
        args={"url": hostile.REDIRECT_TO_INTERNAL_NAME},
        settings={**PLAIN, "NEWSMIRROR_REDIRECT_ALLOW_PRIVATE": "127.0.0.0/8,10.0.0.0/8"},
    )
    served = served_during(server, start)
    assert result.returncode == 0, result.log[-3000:]
    assert any(r.host == internal_name and r.path == "/" for r in served)
    assert "Refused redirect" not in result.log
    assert result.stat("newsmirror/redirect/internal") == 0


# --- spider traps -----------------------------------------------------------------------------

BUDGET = 30
MAX_URL_LENGTH = 300


@pytest.fixture(scope="module")
def trap_crawl(
    tmp_path_factory: pytest.TempPathFactory, server: SampleWebServer
) -> tuple[CrawlResult, list[RequestRecord]]:
    start = len(server.requests)
    result = run_crawl(
        tmp_path_factory.mktemp("traps"),
        server.proxy_url,
        args={
            "url": ",".join(hostile.TRAPS.values()),
            "max_pages_per_site": str(BUDGET),
            "max_url_length": str(MAX_URL_LENGTH),
        },
        settings=PLAIN,
    )
    assert result.returncode == 0, result.log[-3000:]
    return result, served_during(server, start)


@pytest.mark.parametrize("trap", sorted(hostile.TRAPS))
def test_each_trap_ends_within_its_page_budget(
    trap_crawl: tuple[CrawlResult, list[RequestRecord]], trap: str
) -> None:
    result, served = trap_crawl
    host = hostile.TRAP_HOSTS[trap]
    requests = [r for r in served if r.host == host]
    # The budget, plus the robots.txt that Scrapy's robots middleware fetches on its own.
    assert len(requests) <= BUDGET + 1
    pages = [r.path for r in requests if r.path != "/robots.txt"]
    assert len(set(pages)) == len(pages), "a page was requested twice"
    assert result.stats["finish_reason"] == "finished"


@pytest.mark.parametrize("trap", ["pagination", "calendar", "loops"])
def test_links_seen_again_cost_no_budget(
    trap_crawl: tuple[CrawlResult, list[RequestRecord]], trap: str
) -> None:
    """Every page links back to pages already requested; the budget counts distinct pages."""
    result, served = trap_crawl
    host = hostile.TRAP_HOSTS[trap]
    assert len([r for r in served if r.host == host]) == BUDGET + 1  # + Scrapy's robots.txt
    site = host.removeprefix("www.")
    assert f"Page budget of {BUDGET} reached for {site}" in result.log
    assert result.stat("newsmirror/links/seen") > 0


def test_looping_paths_are_never_requested(
    trap_crawl: tuple[CrawlResult, list[RequestRecord]],
) -> None:
    _, served = trap_crawl
    paths = [r.path for r in served if r.host == hostile.TRAP_HOSTS["loops"]]
    assert any(p.count("/a/") or p.startswith("/a/") for p in paths)
    assert not [p for p in paths if repeated_segments(urlsplit(p).path)]


def test_over_long_urls_are_never_requested(
    trap_crawl: tuple[CrawlResult, list[RequestRecord]],
) -> None:
    result, served = trap_crawl
    host = hostile.TRAP_HOSTS["long_urls"]
    lengths = [len(f"http://{host}{r.path}") for r in served if r.host == host]
    assert max(lengths) <= MAX_URL_LENGTH
    assert max(lengths) > MAX_URL_LENGTH - 100  # the trap was followed up to the cap
    assert result.stat("newsmirror/links/filtered") > 0


def test_the_page_budget_counts_distinct_pages_of_a_real_site(
    tmp_path: Path, server: SampleWebServer
) -> None:
    """Listings, feeds and sitemaps all link the same articles: each costs the budget once."""
    host = "dailymarketmirror.net"
    start = len(server.requests)
    result = run_crawl(
        tmp_path,
        server.proxy_url,
        args={"url": f"http://{host}/", "max_pages_per_site": "25"},
        settings=PLAIN,
    )
    served = served_during(server, start)
    assert result.returncode == 0, result.log[-3000:]
    requests = [r.path for r in served if r.host == host]
    assert len(requests) == 25 + 1  # + the robots.txt Scrapy's robots middleware fetches itself
    pages = [path for path in requests if path != "/robots.txt"]
    assert len(set(pages)) == len(pages)
    assert f"Page budget of 25 reached for {host}" in result.log


# --- the page budget across a paused or killed JOBDIR crawl -------------------------------------

RESUME_BUDGET = 30


def _start_trap_crawl(run: Path, server: SampleWebServer, jobdir: Path) -> subprocess.Popen[str]:
    run.mkdir()
    cmd, env = crawl_command(
        run,
        server.proxy_url,
        args={"url": hostile.TRAPS["pagination"], "max_pages_per_site": str(RESUME_BUDGET)},
        settings={
            **PLAIN,
            "JOBDIR": str(jobdir),
            # Slow enough that a signal lands mid-trap; the per-host concurrency stays the default.
            "AUTOTHROTTLE_ENABLED": "False",
            "DOWNLOAD_DELAY": "0.1",
        },
    )
    return subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )


def _trap_pages(server: SampleWebServer, start: int) -> list[str]:
    """The pages (robots.txt aside) the pagination trap was asked for since ``start``."""
    host = hostile.TRAP_HOSTS["pagination"]
    return [
        r.path for r in served_during(server, start) if r.host == host and r.path != "/robots.txt"
    ]


def _signal_after(
    proc: subprocess.Popen[str], server: SampleWebServer, start: int, pages: int, sig: int
) -> str:
    """Send ``sig`` once the trap has been asked for ``pages`` pages since ``start``; the stderr."""
    deadline = time.monotonic() + 60
    while len(_trap_pages(server, start)) < pages:
        assert proc.poll() is None, "the crawl ended before the signal"
        assert time.monotonic() < deadline, "the crawl never got that far"
        time.sleep(0.01)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    return err


def test_a_paused_and_resumed_crawl_keeps_one_page_budget(
    tmp_path: Path, server: SampleWebServer
) -> None:
    """Paused twice (SIGTERM) mid-trap and resumed with its JOBDIR: one budget for all three runs."""
    jobdir = tmp_path / "job"
    start = len(server.requests)
    for number, pause_at in enumerate([RESUME_BUDGET // 3, 2 * RESUME_BUDGET // 3]):
        run = tmp_path / f"run{number}"
        proc = _start_trap_crawl(run, server, jobdir)
        err = _signal_after(proc, server, start, pause_at, signal.SIGTERM)
        paused = read_result(run, proc.returncode, err)
        assert paused.stats.get("finish_reason") == "shutdown", paused.log[-3000:]
    proc = _start_trap_crawl(tmp_path / "last", server, jobdir)
    _, err = proc.communicate(timeout=120)
    last = read_result(tmp_path / "last", proc.returncode, err)
    assert last.returncode == 0, last.log[-3000:]
    assert last.stats["finish_reason"] == "finished"
    pages = _trap_pages(server, start)
    # The trap gets no more pages than one uninterrupted crawl would; each resumed run asks for
    # its seed again (seeds are never filtered), and for no other page twice.
    assert len(set(pages)) <= RESUME_BUDGET, (len(pages), len(set(pages)))
    assert len(pages) <= RESUME_BUDGET + CONCURRENT_REQUESTS_PER_DOMAIN
    twice = {page: n for page, n in Counter(pages).items() if n > 1}
    assert twice == {"/": 3}, twice
    assert "Page budget carried over from JOBDIR" in last.log
    assert f"Page budget of {RESUME_BUDGET} reached for trap-pages.test" in last.log
    assert not (jobdir / LEDGER).exists(), "a finished crawl left its spent budget behind"


def test_a_killed_crawl_restarted_with_its_jobdir_keeps_its_page_budget(
    tmp_path: Path, server: SampleWebServer
) -> None:
    """SIGKILL mid-trap: the next run starts over from the seed (its queue is not trusted) but
    goes on with every page the killed run charged, so the trap still gets one budget."""
    jobdir = tmp_path / "job"
    start = len(server.requests)
    first = _start_trap_crawl(tmp_path / "killed", server, jobdir)
    _signal_after(first, server, start, RESUME_BUDGET // 2, signal.SIGKILL)
    assert first.returncode == -signal.SIGKILL
    before_kill = set(_trap_pages(server, start))
    restart = len(server.requests)
    proc = _start_trap_crawl(tmp_path / "again", server, jobdir)
    _, err = proc.communicate(timeout=120)
    again = read_result(tmp_path / "again", proc.returncode, err)
    assert again.returncode == 0, again.log[-3000:]
    assert again.stat("newsmirror/jobdir/recovered") == 1
    # Each page was on the ledger before it was asked for: the kill lost none of them.
    assert again.stat("newsmirror/limit/site_budget_carried") >= len(before_kill)
    assert f"Page budget of {RESUME_BUDGET} reached for trap-pages.test" in again.log
    # Starting over, the run asks again for pages the killed one had (they cost nothing), but
    # never for more pages than one budget, and the two runs together for no more distinct ones.
    assert len(_trap_pages(server, restart)) <= RESUME_BUDGET
    assert len(set(_trap_pages(server, start))) <= RESUME_BUDGET
    assert not (jobdir / LEDGER).exists()
