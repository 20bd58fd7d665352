"""robots.txt faults, Crawl-delay, Retry-After and the circuit breaker, proved from the server's log.

Every test runs a real ``scrapy crawl`` against the sample web's misbehaving hosts
(``newsmirror/sampleweb/fault_hosts.py``); the server's request log, with the time each request
arrived, is the ground truth.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from scrapy.utils.project import get_project_settings

from newsmirror.config import ConfigError, PolitenessConfig
from newsmirror.politeness import (
    Breaker,
    HostPolicy,
    RobotsVerdict,
    parse_retry_after,
    robots_verdict,
)
from newsmirror.sampleweb import SampleWeb, serve
from newsmirror.sampleweb import fault_hosts as fw
from newsmirror.sampleweb.server import RequestRecord, SampleWebServer
from tests.crawl import run_crawl

CRAWL_DELAY = 5.0  # what the slow host's robots.txt asks for
MAX_CRAWL_DELAY = 1.0  # what the crawl grants at most
RETRY_AFTER = 2
# The server stamps a request when its handler thread has read it: two requests sent exactly
# CRAWL_DELAY apart may be stamped a few milliseconds closer under load.
STAMP_JITTER = 0.05


@pytest.fixture(scope="module")
def sites() -> fw.FaultSites:
    return fw.FaultSites(seed=5, pages=4, crawl_delay=CRAWL_DELAY, retry_after=RETRY_AFTER)


@pytest.fixture(scope="module")
def fault_server(web: SampleWeb, sites: fw.FaultSites) -> Iterator[SampleWebServer]:
    with serve(web, faults=[sites]) as running:
        yield running


def requests_to(server: SampleWebServer, host: str, since: int = 0) -> list[RequestRecord]:
    return [r for r in server.requests[since:] if r.host == host]


def test_unreachable_robots_txt_disallows_the_host_and_missing_one_allows_it(
    tmp_path: Path, fault_server: SampleWebServer, sites: fw.FaultSites
) -> None:
    since = len(fault_server.requests)
    homes = [f"http://{h}/" for h in (fw.ROBOTS_ERROR, fw.ROBOTS_HANG, fw.ROBOTS_NONE)]
    result = run_crawl(
        tmp_path,
        fault_server.proxy_url,
        args={"url": ",".join(homes)},
        settings={"NEWSMIRROR_ROBOTS_TIMEOUT": "1", "NEWSMIRROR_PROBE_USUAL_PATHS": "False"},
    )
    assert result.returncode == 0, result.log[-3000:]
    for host in (fw.ROBOTS_ERROR, fw.ROBOTS_HANG):
        paths = {r.path for r in requests_to(fault_server, host, since)}
        assert paths == {"/robots.txt"}, host
        assert f"robots.txt at http://{host}/robots.txt unreachable" in result.log
        assert f"Skipped http://{host}/: robots.txt of {host} unreachable" in result.log
    assert "unreachable (HTTP 500)" in result.log
    assert "unreachable (DownloadTimeoutError" in result.log
    assert result.stat("newsmirror/robots/unreachable") == 2
    assert result.stat("newsmirror/robots/unreachable_skipped") == 2
    # 404: everything may be crawled, /private/ included.
    fetched = {f"http://{r.host}{r.path}" for r in requests_to(fault_server, fw.ROBOTS_NONE, since)}
    wanted = set(sites.urls(fw.ROBOTS_NONE)) | set(sites.urls(fw.ROBOTS_NONE, "private"))
    assert wanted <= fetched
    assert wanted <= {item["copies"][0]["url"] for item in result.items}
    assert result.stat("newsmirror/robots/missing") == 1


def test_crawl_delay_spaces_a_hosts_requests_up_to_the_cap_and_disallowed_paths_are_not_fetched(
    tmp_path: Path, fault_server: SampleWebServer, sites: fw.FaultSites
) -> None:
    since = len(fault_server.requests)
    result = run_crawl(
        tmp_path,
        fault_server.proxy_url,
        args={"url": f"http://{fw.CRAWL_DELAY}/"},
        settings={
            "NEWSMIRROR_MAX_CRAWL_DELAY": str(MAX_CRAWL_DELAY),
            "NEWSMIRROR_PROBE_USUAL_PATHS": "False",
        },
    )
    assert result.returncode == 0, result.log[-3000:]
    seen = requests_to(fault_server, fw.CRAWL_DELAY, since)
    assert [r for r in seen if r.path.startswith("/private/")] == []
    assert result.stat("robotstxt/forbidden") == len(sites.urls(fw.CRAWL_DELAY, "private"))
    assert set(sites.urls(fw.CRAWL_DELAY)) <= {f"http://{r.host}{r.path}" for r in seen}
    # AutoThrottle (on, with a 0.01 s start delay in tests) does not go below the Crawl-delay...
    gaps = [b.time - a.time for a, b in pairwise(seen)]
    assert len(gaps) >= 5
    assert min(gaps) >= MAX_CRAWL_DELAY - STAMP_JITTER, gaps
    # ...which is the capped one, not the 5 s asked for.
    assert max(gaps[1:]) < CRAWL_DELAY - 1, gaps
    assert result.stat("newsmirror/robots/crawl_delay_capped") == 1
    assert "asks for Crawl-delay: 5" in result.log


def test_an_unreachable_robots_txt_is_fetched_again_after_the_recheck_interval(
    tmp_path: Path, fault_server: SampleWebServer, sites: fw.FaultSites
) -> None:
    """The flaky host's robots.txt answers 500 to its first 3 requests (1 + 2 retries); its
    articles, linked from the Crawl-delay host's home page, are asked for a second later."""
    since = len(fault_server.requests)
    result = run_crawl(
        tmp_path,
        fault_server.proxy_url,
        args={"url": f"http://{fw.ROBOTS_FLAKY}/,http://{fw.CRAWL_DELAY}/"},
        settings={
            "NEWSMIRROR_ROBOTS_RECHECK": "0.2",
            "NEWSMIRROR_MAX_CRAWL_DELAY": str(MAX_CRAWL_DELAY),
            "NEWSMIRROR_PROBE_USUAL_PATHS": "False",
        },
    )
    assert result.returncode == 0, result.log[-3000:]
    seen = requests_to(fault_server, fw.ROBOTS_FLAKY, since)
    robots = [r.status for r in seen if r.path == "/robots.txt"]
    assert robots[: sites.flaky_robots + 1] == [500] * sites.flaky_robots + [200]
    read_again = next(i for i, r in enumerate(seen) if r.path == "/robots.txt" and r.status == 200)
    assert [r.path for r in seen[:read_again] if r.path != "/robots.txt"] == []
    assert f"Skipped http://{fw.ROBOTS_FLAKY}/: robots.txt of {fw.ROBOTS_FLAKY} unreachable" in (
        result.log
    )
    assert set(sites.urls(fw.ROBOTS_FLAKY)) <= {item["copies"][0]["url"] for item in result.items}
    assert result.stat("newsmirror/robots/unreachable") == 1


def test_a_reset_connection_is_retried_through_the_downloader_not_resent_unseen(
    tmp_path: Path, fault_server: SampleWebServer, sites: fw.FaultSites
) -> None:
    """Twisted's connection pool would send the GET again on its own, past every per-host rule;
    the failure must reach Scrapy's RetryMiddleware, whose retry obeys them."""
    since = len(fault_server.requests)
    seeds = sites.urls(fw.RESET_ONCE)
    result = run_crawl(
        tmp_path,
        fault_server.proxy_url,
        args={"url": ",".join(seeds)},
        settings={"CONCURRENT_REQUESTS_PER_DOMAIN": "1"},
    )
    assert result.returncode == 0, result.log[-3000:]
    seen = [r for r in requests_to(fault_server, fw.RESET_ONCE, since) if r.path != "/robots.txt"]
    assert [r.status for r in seen].count(0) == 1
    assert len(seen) == len(seeds) + 1
    assert result.stat("retry/reason_count/scrapy.exceptions.DownloadFailedError") == 1
    assert {item["copies"][0]["url"] for item in result.items} == set(seeds)


@pytest.mark.parametrize("per_domain", [None, 3], ids=["project-default", "3"])
def test_a_host_never_has_more_requests_in_flight_than_concurrent_requests_per_domain(
    tmp_path: Path, fault_server: SampleWebServer, sites: fw.FaultSites, per_domain: int | None
) -> None:
    """Under the asyncio reactor Scrapy's downloader hands all the requests queued for a host to
    the network at once, whatever CONCURRENT_REQUESTS_PER_DOMAIN says. The slow host holds each
    page request for a while: the server counts how many it holds at once."""
    since = len(fault_server.requests)
    result = run_crawl(
        tmp_path,
        fault_server.proxy_url,
        args={"url": f"http://{fw.SLOW_ANSWERS}/"},
        settings={
            "NEWSMIRROR_PROBE_USUAL_PATHS": "False",
            # No AutoThrottle pause between a host's requests: its queued ones are all ready.
            "AUTOTHROTTLE_ENABLED": "False",
            **({"CONCURRENT_REQUESTS_PER_DOMAIN": str(per_domain)} if per_domain else {}),
        },
    )
    assert result.returncode == 0, result.log[-3000:]
    limit = per_domain or get_project_settings().getint("CONCURRENT_REQUESTS_PER_DOMAIN")
    seen = requests_to(fault_server, fw.SLOW_ANSWERS, since)
    # Its home page links to more articles than the limit: the crawl uses the limit, no more.
    assert len(sites.urls(fw.SLOW_ANSWERS)) > limit
    assert max(r.host_in_flight for r in seen) == limit
    assert set(sites.urls(fw.SLOW_ANSWERS)) <= {item["copies"][0]["url"] for item in result.items}


def retry_after_violations(records: list[RequestRecord]) -> list[tuple[RequestRecord, float]]:
    """Requests that reached a host after it answered with a Retry-After and before its deadline."""
    bad = []
    for i, busy in enumerate(records):
        if busy.not_before is None:
            continue
        bad += [
            (later, busy.not_before - later.time)
            for later in records[i + 1 :]
            if later.host == busy.host and later.time < busy.not_before
        ]
    return bad


def test_nothing_reaches_a_host_before_its_retry_after_and_the_requests_are_retried(
    tmp_path: Path, fault_server: SampleWebServer, sites: fw.FaultSites
) -> None:
    since = len(fault_server.requests)
    result = run_crawl(
        tmp_path,
        fault_server.proxy_url,
        args={"url": f"http://{fw.BUSY_SECONDS}/,http://{fw.BUSY_DATE}/"},
        settings={
            # One request at a time per host: every request the server sees after a 429/503 was
            # sent after the client had the answer (none was already on its way).
            "CONCURRENT_REQUESTS_PER_DOMAIN": "1",
            "NEWSMIRROR_PROBE_USUAL_PATHS": "False",
        },
    )
    assert result.returncode == 0, result.log[-3000:]
    for host in (fw.BUSY_SECONDS, fw.BUSY_DATE):
        seen = requests_to(fault_server, host, since)
        busy = [r for r in seen if r.not_before is not None]
        assert len(busy) == sites.busy_first, host
        assert retry_after_violations(seen) == []
        # The request that was told to come back later came back, after the deadline.
        assert any(r.path == busy[0].path and r.status == 200 for r in seen if r is not busy[0])
        assert set(sites.urls(host)) <= {item["copies"][0]["url"] for item in result.items}
        assert f"nothing more is sent to {host} for" in result.log
    assert "HTTP 429 from http://www.busy-seconds.net/" in result.log
    assert "HTTP 503 from http://www.busy-date.net/" in result.log
    assert result.stat("newsmirror/retry_after/honoured") == 2 * sites.busy_first


def test_the_circuit_breaker_stops_requests_to_a_failing_host_and_records_each_one(
    tmp_path: Path, fault_server: SampleWebServer, sites: fw.FaultSites
) -> None:
    since = len(fault_server.requests)
    seeds = sites.urls(fw.ALWAYS_DOWN)
    result = run_crawl(
        tmp_path,
        fault_server.proxy_url,
        args={"url": ",".join(seeds)},
        settings={
            "CONCURRENT_REQUESTS_PER_DOMAIN": "1",  # nothing already on its way when it opens
            "NEWSMIRROR_BREAKER_FAILURES": "4",
            "NEWSMIRROR_BREAKER_COOLDOWN": "600",
        },
    )
    assert result.returncode == 0, result.log[-3000:]
    pages = [r for r in requests_to(fault_server, fw.ALWAYS_DOWN, since) if r.path != "/robots.txt"]
    assert len(pages) == 4  # 4 seeds, 2 retries each: 12 requests without the breaker
    assert result.stat("newsmirror/breaker/opened") == 1
    assert result.stat("newsmirror/breaker/dropped") >= 1
    assert f"Circuit breaker open for {fw.ALWAYS_DOWN} after 4 consecutive failures" in result.log
    assert "circuit breaker open for www.always-down.net" in result.log  # each dropped request
    # Every seed ends recorded: given up after HTTP 500, or dropped by the breaker.
    recorded = result.stat("newsmirror/download_error/http_500") + result.stat(
        "newsmirror/download_error/ignored"
    )
    assert recorded == len(seeds)
    assert result.items == []


# --- the rules alone -----------------------------------------------------------------------------

NOW = 1_764_400_000.0  # 2025-11-29T07:06:40Z


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        (" 3 ", 3.0),
        ("0", 0.0),
        ("Sat, 29 Nov 2025 07:07:10 GMT", 30.0),  # HTTP-date, 30 s ahead
        ("Saturday, 29-Nov-25 07:07:10 GMT", 30.0),  # obsolete RFC 850 form
        ("Sat, 29 Nov 2025 07:00:00 GMT", 0.0),  # in the past: no wait
        ("-5", None),
        ("1.5", None),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_values(header: str | None, seconds: float | None) -> None:
    assert parse_retry_after(header, NOW) == seconds


@pytest.mark.parametrize(
    ("status", "verdict"),
    [
        (200, RobotsVerdict.RULES),
        (301, RobotsVerdict.ALLOW_ALL),  # redirects left over (too many): unavailable
        (401, RobotsVerdict.ALLOW_ALL),
        (403, RobotsVerdict.ALLOW_ALL),
        (404, RobotsVerdict.ALLOW_ALL),
        (410, RobotsVerdict.ALLOW_ALL),
        (429, RobotsVerdict.UNREACHABLE),
        (500, RobotsVerdict.UNREACHABLE),
        (503, RobotsVerdict.UNREACHABLE),
    ],
)
def test_robots_txt_status_verdicts(status: int, verdict: RobotsVerdict) -> None:
    assert robots_verdict(status) is verdict


def test_breaker_opens_after_n_failures_then_lets_one_trial_through() -> None:
    policy = HostPolicy(breaker_failures=3, breaker_cooldown=10.0)
    assert not policy.failed("h", 0.0)
    assert not policy.failed("h", 1.0)
    policy.succeeded("h")  # consecutive failures only
    assert [policy.failed("h", t) for t in (2.0, 3.0, 4.0)] == [False, False, True]
    assert policy.breaker("h", 13.9) is Breaker.OPEN
    assert not policy.failed("h", 5.0)  # a request already on its way: stays open, same clock
    assert policy.breaker("h", 14.0) is Breaker.TRIAL
    policy.trial_sent("h")
    assert policy.breaker("h", 14.0) is Breaker.WAITING
    assert policy.failed("h", 15.0)  # the trial failed: open again for a cool-down
    assert policy.breaker("h", 24.9) is Breaker.OPEN
    assert policy.breaker("h", 25.0) is Breaker.TRIAL
    policy.trial_sent("h")
    assert policy.succeeded("h")
    assert policy.breaker("h", 25.0) is Breaker.CLOSED
    assert policy.breaker("other", 0.0) is Breaker.CLOSED


def test_wait_is_the_latest_of_deadline_crawl_delay_and_downloader_delay() -> None:
    policy = HostPolicy()
    assert policy.wait("h", now=100.0, last_sent=99.0) == 0.0
    policy.set_min_gap("h", 5.0)
    assert policy.wait("h", now=100.0, last_sent=99.0) == 4.0
    assert policy.wait("h", now=100.0, last_sent=99.0, delay=8.0) == 7.0
    assert policy.defer("h", 120.0)
    assert not policy.defer("h", 110.0)  # an earlier deadline does not shorten the wait
    assert policy.wait("h", now=100.0, last_sent=99.0) == 20.0
    assert policy.wait("h", now=121.0, last_sent=99.0) == 0.0


def test_a_crawl_delay_counts_from_the_hosts_last_answer_when_that_came_later() -> None:
    policy = HostPolicy()
    policy.answered("h", 50.0)  # no Crawl-delay yet: nothing kept
    policy.set_min_gap("h", 5.0, now=98.0)  # its robots.txt answered at 98
    assert policy.wait("h", now=100.0, last_sent=90.0) == 3.0
    policy.answered("h", 99.5)  # the request sent at 99 was answered at 99.5
    assert policy.wait("h", now=100.0, last_sent=99.0) == 4.5
    # The downloader's own delay still counts from the request leaving.
    assert policy.wait("h", now=100.0, last_sent=99.0, delay=8.0) == 7.0
    policy.set_min_gap("other", 0.0, now=99.0)
    policy.answered("other", 99.5)
    assert policy.wait("other", now=100.0, last_sent=99.0) == 0.0


def test_politeness_settings_are_read_once_and_bad_values_refused() -> None:
    settings = get_project_settings()
    config = PolitenessConfig.from_settings(settings)
    assert config.max_crawl_delay == settings.getfloat("NEWSMIRROR_MAX_CRAWL_DELAY")
    assert config.breaker_failures == settings.getint("NEWSMIRROR_BREAKER_FAILURES")
    assert config.robots_recheck == settings.getfloat("NEWSMIRROR_ROBOTS_RECHECK")
    settings.set("NEWSMIRROR_MAX_RETRY_AFTER", "soon")
    with pytest.raises(ConfigError, match="NEWSMIRROR_MAX_RETRY_AFTER must be a number"):
        PolitenessConfig.from_settings(settings)
    settings.set("NEWSMIRROR_MAX_RETRY_AFTER", "-1")
    with pytest.raises(ConfigError, match="NEWSMIRROR_MAX_RETRY_AFTER must be 0 or more"):
        PolitenessConfig.from_settings(settings)
