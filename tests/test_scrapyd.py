"""The project deployed to a real Scrapyd (HTTP basic auth on), and its jobs run against the sample web.

Starts ``scrapyd`` on a free loopback port with its own directories, deploys with ``scrapyd-deploy``
through a target in the user's ``~/.scrapy.cfg`` (password from the environment), schedules a site
spider and ``mirror`` with ``schedule.json``, and checks their feeds, their logs and the shared store.
"""

from __future__ import annotations

import configparser
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from base64 import b64encode
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.crawl import ROOT, true_story_of
from tests.sockets import listening


def _documented_conf() -> dict[str, str]:
    """The ``[scrapyd]`` section of the documented ``scrapyd.conf`` (the set-up users copy)."""
    readme = (ROOT / "docs" / "deployment.md").read_text("utf-8")
    section = readme.split("## Deploy on Scrapyd", 1)[1].split("\n## ", 1)[0]
    block = section.split("```ini", 1)[1].split("```", 1)[0]
    parser = configparser.ConfigParser()
    parser.read_string(block)
    return dict(parser["scrapyd"])


DOCUMENTED = _documented_conf()
USER, PASSWORD = DOCUMENTED["username"], DOCUMENTED["password"]
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Scrapyd:
    pid: int
    url: str
    home: Path
    items: Path
    logs: Path
    env: dict[str, str]

    def call(
        self, endpoint: str, data: dict[str, Any] | None = None, auth: bool = True
    ) -> dict[str, Any]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.url + endpoint, data=body)
        if auth:
            token = b64encode(f"{USER}:{PASSWORD}".encode()).decode()
            request.add_header("Authorization", f"Basic {token}")
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, no proxy
        with opener.open(request, timeout=30) as response:
            result: dict[str, Any] = json.loads(response.read())
        return result

    def wait_finished(self, job: str, timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            jobs = self.call("listjobs.json?project=newsmirror")
            if any(j["id"] == job for j in jobs["finished"]):
                return
            time.sleep(0.5)
        raise AssertionError(f"job {job} did not finish")


@pytest.fixture(scope="module")
def scrapyd(tmp_path_factory: pytest.TempPathFactory, proxy_url: str) -> Iterator[Scrapyd]:
    base = tmp_path_factory.mktemp("scrapyd")
    port = _free_port()
    home, items, logs = base / "home", base / "items", base / "logs"
    home.mkdir()
    # The documented scrapyd.conf (docs/deployment.md), with this test's own port and directories.
    conf = {
        **DOCUMENTED,
        "http_port": str(port),
        "eggs_dir": str(base / "eggs"),
        "logs_dir": str(logs),
        "items_dir": str(items),
        "dbs_dir": str(base / "dbs"),
        "poll_interval": "0.2",
        "max_proc": "2",
    }
    (base / "scrapyd.conf").write_text(
        "[scrapyd]\n" + "".join(f"{key} = {value}\n" for key, value in conf.items()), "utf-8"
    )
    env = {
        **os.environ,
        "HOME": str(home),
        "http_proxy": proxy_url,
        "HTTP_PROXY": proxy_url,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    for name in (
        "XDG_DATA_HOME",
        "XDG_CONFIG_HOME",
        "no_proxy",
        "NO_PROXY",
        "SCRAPY_SETTINGS_MODULE",
    ):
        env.pop(name, None)
    log = (base / "scrapyd.out").open("w")
    # Its own process group: the crawls it runs go down with it, and cannot go on fetching from
    # the sample web while later tests count requests.
    proc = subprocess.Popen(
        [sys.executable, "-m", "scrapyd"],
        cwd=base,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    daemon = Scrapyd(proc.pid, f"http://127.0.0.1:{port}/", home, items, logs, env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                daemon.call("daemonstatus.json")
                break
            except (urllib.error.URLError, ConnectionError):
                assert proc.poll() is None, (base / "scrapyd.out").read_text()
                assert time.monotonic() < deadline, "scrapyd did not start"
                time.sleep(0.2)
        yield daemon
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(30)
        log.close()


@pytest.fixture(scope="module")
def deployed(scrapyd: Scrapyd, tmp_path_factory: pytest.TempPathFactory) -> Scrapyd:
    """``scrapyd-deploy test`` from a copy of the project (building an egg writes build files)."""
    project = tmp_path_factory.mktemp("project")
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for name in files:
        if (ROOT / name).is_file():
            (project / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, project / name)
    (scrapyd.home / ".scrapy.cfg").write_text(
        f"[deploy:test]\nurl = {scrapyd.url}\nproject = newsmirror\n"
        f"username = {USER}\npassword = ${{TEST_SCRAPYD_PASSWORD}}\n",
        "utf-8",
    )
    # The deploying machine reaches Scrapyd directly (only the jobs go through the sample web).
    env = {**scrapyd.env, "TEST_SCRAPYD_PASSWORD": PASSWORD, "no_proxy": "127.0.0.1"}
    result = subprocess.run(
        [str(BIN / "scrapyd-deploy"), "test", "--version", "r1"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert '"status": "ok"' in result.stdout + result.stderr
    return scrapyd


def test_the_documented_scrapyd_listens_on_loopback_only(scrapyd: Scrapyd) -> None:
    assert DOCUMENTED["bind_address"] == "127.0.0.1"
    ports = listening(scrapyd.pid)
    assert ports
    assert {address for address, _ in ports} == {"127.0.0.1"}, ports


def test_a_request_without_credentials_is_refused(scrapyd: Scrapyd) -> None:
    with pytest.raises(urllib.error.HTTPError) as refused:
        scrapyd.call("daemonstatus.json", auth=False)
    assert refused.value.code == 401
    with pytest.raises(urllib.error.HTTPError) as refused:
        scrapyd.call("schedule.json", {"project": "newsmirror", "spider": "mirror"}, auth=False)
    assert refused.value.code == 401


def test_the_deployed_egg_lists_mirror_and_every_registered_site(deployed: Scrapyd) -> None:
    spiders = set(deployed.call("listspiders.json?project=newsmirror")["spiders"])
    registry = json.loads((ROOT / "newsmirror" / "data" / "sites.json").read_text("utf-8"))
    assert spiders == {"mirror"} | {site["name"] for site in registry["sites"]}


def _feed(path: Path) -> list[dict[str, Any]]:
    raw = path.read_bytes()
    assert raw.endswith(b"\n")
    return [json.loads(line) for line in raw.decode("utf-8").splitlines()]


def test_scheduled_jobs_write_their_feeds_and_share_one_store(
    deployed: Scrapyd, truth: dict[str, Any]
) -> None:
    site = next(s for s in truth["sites"] if s["domain"].endswith("heartlandbriefs.com"))
    first = deployed.call("schedule.json", {"project": "newsmirror", "spider": "heartlandbriefs"})[
        "jobid"
    ]
    deployed.wait_finished(first)
    homes = ",".join(s["home"] for s in truth["sites"])
    second = deployed.call(
        "schedule.json",
        {
            "project": "newsmirror",
            "spider": "mirror",
            "url": homes,
            # A relative feed path, named per job: under Scrapyd it goes to the data directory.
            "setting": ["NEWSMIRROR_SIGHTINGS_FEED=sightings/%(name)s-%(job)s.jsonl"],
        },
    )["jobid"]
    deployed.wait_finished(second)

    # Scrapyd's items_dir feed of each job holds that job's stories, in whole lines.
    site_stories = _feed(deployed.items / "newsmirror" / "heartlandbriefs" / f"{first}.jl")
    mirror_stories = _feed(deployed.items / "newsmirror" / "mirror" / f"{second}.jl")
    assert site_stories
    assert {c["site"] for s in site_stories for c in s["copies"][:1]} <= {
        site["domain"],
        *(s["domain"] for s in truth["sites"] if s["role"] == "origin"),
    }
    for stories in (site_stories, mirror_stories):
        assert max(Counter(s["id"] for s in stories).values()) == 1
    # One store for both jobs (in the data directory, not Scrapyd's working directory): the
    # mirror job writes what the site job had not, so together they hold every true story.
    store = deployed.home / ".local" / "share" / "newsmirror" / "store.db"
    assert store.exists()
    truth_of = true_story_of(truth)
    found = {truth_of[c["url"]] for s in site_stories + mirror_stories for c in s["copies"]}
    assert found == set(truth_of.values())
    earlier = {s["id"]: s["version"] for s in site_stories}
    for story in mirror_stories:
        assert story["version"] > earlier.get(story["id"], 0)
    sightings = deployed.home / ".local/share/newsmirror/sightings" / f"mirror-{second}.jsonl"
    assert sightings.exists()

    # The job ran the deployed egg, and said where its store and feeds are.
    log = (deployed.logs / "newsmirror" / "mirror" / f"{second}.log").read_text("utf-8")
    assert ".egg" in next(line for line in log.splitlines() if "newsmirror 0.1.0 from" in line)
    assert f"Story store: sqlite:///{store}" in log
    assert "ERROR" not in log, log[-3000:]


def _readme_cron_line() -> str:
    """The crontab line of the "Schedule it" section of docs/deployment.md."""
    readme = (ROOT / "docs" / "deployment.md").read_text("utf-8")
    section = readme.split("## Schedule it", 1)[1].split("\n## ", 1)[0]
    block = section.split("```", 2)[1]
    (line,) = [ln for ln in block.splitlines() if ln.strip() and not ln.startswith("#")]
    return line


def test_the_readme_cron_line_schedules_a_job(deployed: Scrapyd) -> None:
    line = _readme_cron_line()
    command = line.split(None, 5)[5]  # after the five time fields
    assert "http://localhost:6800/" in command
    command = command.replace("http://localhost:6800/", deployed.url).replace("\\%", "%")
    netrc = deployed.home / ".netrc"
    netrc.write_text(f"machine 127.0.0.1 login {USER} password {PASSWORD}\n", "utf-8")
    netrc.chmod(0o600)
    env = {**deployed.env, "no_proxy": "127.0.0.1"}
    subprocess.run(["sh", "-c", command], env=env, check=True, timeout=60)
    answer = json.loads((deployed.home / "newsmirror-cron.log").read_text("utf-8").splitlines()[-1])
    assert answer["status"] == "ok"
    deployed.wait_finished(answer["jobid"])
    log = (deployed.logs / "newsmirror" / "mirror" / f"{answer['jobid']}.log").read_text("utf-8")
    assert "Spider closed (finished)" in log
