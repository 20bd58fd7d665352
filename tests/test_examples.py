"""Every ``sh`` example of README.md and docs/*.md runs as written, or is checked as far as it can be.

Each ``sh`` block is preceded by a marker, ``<!-- example: KIND -->``:

- ``run`` (``run, exits N``): run as written, against the sample web. The runnable blocks of one
  document run in order in one bash session (so ``export http_proxy=…`` and a sample web started
  with ``&`` carry on to the next block, as for a reader), in a directory that looks like a fresh
  clone. The one change: the sample web's port 8899 becomes a free port, as other tests may be
  running. Every command must succeed (an ``exits N`` block's last command must exit with N).
  Blocks that need the sample web without starting it get the session's (seed 1, 30 stories) in
  ``http_proxy``.
- ``real-site``: needs a site on the internet, which tests never reach. Checked: the block names
  one (a host that is not the sample web's), and is valid shell.
- ``long`` (a benchmark, ``make test``): valid shell; each ``make`` target exists; each benchmark
  script exists and knows every ``--option`` the block gives it.
- ``service`` (Scrapyd, Redis): valid shell, and names the service it needs; a ``redis-server``
  line is started as written (on a free port) and must come up ready. tests/test_scrapyd.py runs
  the documented ``scrapyd.conf`` and crontab line for real.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsmirror.sampleweb import SampleWeb
from newsmirror.sampleweb.server import SampleWebServer
from tests.crawl import ROOT

DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
MARKER = re.compile(r"^\s*<!-- example: (run|real-site|long|service)\b(.*?)-->\s*$")
EXITS = re.compile(r"exits (\d+)")
SAMPLE_PORT = "8899"
# What a fresh clone has that the examples use; the rest of the directory is the examples' own.
CLONE = ("Makefile", "pyproject.toml", "setup.py", "scrapy.cfg", "newsmirror", "docs", ".venv")


@dataclass
class Block:
    document: Path
    line: int  # of the opening fence
    kind: str
    note: str
    code: str

    @property
    def where(self) -> str:
        return f"{self.document.relative_to(ROOT)}:{self.line}"


def blocks() -> list[Block]:
    found = []
    for document in DOCUMENTS:
        lines = document.read_text("utf-8").splitlines()
        for i, line in enumerate(lines):
            if line.strip() != "```sh":
                continue
            marker = MARKER.match(lines[i - 1]) if i else None
            kind, note = (marker.group(1), marker.group(2).strip()) if marker else ("", "")
            indent = len(line) - len(line.lstrip())
            end = next(j for j in range(i + 1, len(lines)) if lines[j].strip() == "```")
            code = "\n".join(raw[indent:] for raw in lines[i + 1 : end])
            found.append(Block(document, i + 1, kind, note, code))
    return found


BLOCKS = blocks()


def test_every_sh_block_is_marked() -> None:
    unmarked = [b.where for b in BLOCKS if not b.kind]
    assert unmarked == [], "add <!-- example: run|real-site|long|service --> above these"
    assert any(b.kind == "run" for b in BLOCKS)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _valid_shell(code: str) -> None:
    done = subprocess.run(["bash", "-n"], input=code, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def _commands(code: str) -> list[str]:
    """The block's command lines, continuation lines joined, comments and blank lines left out."""
    joined = re.sub(r"\\\n\s*", " ", code)
    return [
        line.strip() for line in joined.splitlines() if line.strip() and not line.startswith("#")
    ]


SAMPLE_HOSTS = {site["domain"] for site in SampleWeb().truth()["sites"]}


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.kind == "real-site"], ids=str)
def test_real_site_examples_name_a_real_site(block: Block) -> None:
    _valid_shell(block.code)
    hosts = set(re.findall(r"https?://([^/\s:'\"]+)", block.code))
    elsewhere = hosts - SAMPLE_HOSTS - {"localhost", "127.0.0.1"}
    assert elsewhere, f"{block.where}: marked real-site, but only names {sorted(hosts)}"


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.kind == "long"], ids=str)
def test_long_examples_name_targets_and_options_that_exist(block: Block) -> None:
    _valid_shell(block.code)
    checked = 0
    for command in _commands(block.code):
        words = command.split("#", 1)[0].split()
        if words[0] == "make":
            done = subprocess.run(
                ["make", "-n", *words[1:]], cwd=ROOT, capture_output=True, text=True, check=False
            )
            assert done.returncode == 0, f"{block.where}: {command}: {done.stderr}"
            checked += 1
        elif words[:1] == [".venv/bin/python"] and words[1].startswith("benchmarks/"):
            script = ROOT / words[1]
            assert script.is_file(), f"{block.where}: no {words[1]}"
            done = subprocess.run(
                [str(ROOT / ".venv/bin/python"), str(script), "--help"],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            assert done.returncode == 0, f"{block.where}: {words[1]} --help: {done.stderr}"
            for option in (w.split("=", 1)[0] for w in words[2:] if w.startswith("-")):
                assert option in done.stdout, f"{block.where}: {words[1]} has no {option}"
            checked += 1
    assert checked, f"{block.where}: marked long, but runs no make target or benchmark"


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.kind == "service"], ids=str)
def test_service_examples_name_their_service_and_redis_starts_as_written(
    block: Block, tmp_path: Path
) -> None:
    _valid_shell(block.code)
    assert block.note, f"{block.where}: say which service: <!-- example: service (…) -->"
    needs = {"scrapyd": ("scrapyd", "6800"), "redis": ("redis", "6379")}
    named = [k for k in needs if k in block.note.lower()]
    assert named, f"{block.where}: {block.note!r} names neither Scrapyd nor Redis"
    for name in named:
        assert any(word in block.code for word in needs[name]), (block.where, name)
    for command in _commands(block.code):
        if "redis-server" in command:
            _start_redis_as_written(command, tmp_path)


def _start_redis_as_written(command: str, home: Path) -> None:
    port = str(_free_port())
    proc = subprocess.Popen(
        ["bash", "-c", command.replace("6379", port)],
        cwd=home,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin:/usr/sbin:/sbin"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # the shell and the server, stopped together
    )
    try:
        assert proc.stdout is not None
        output = ""
        deadline = time.monotonic() + 30
        while "Ready to accept connections" not in output and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            output += line
        assert "Ready to accept connections" in output, output
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def _clone(tmp_path: Path) -> Path:
    clone = tmp_path / "newsmirror"
    (clone / "home").mkdir(parents=True)
    for name in CLONE:
        (clone / name).symlink_to(ROOT / name)
    return clone


@pytest.mark.parametrize(
    "document", sorted({b.document for b in BLOCKS if b.kind == "run"}), ids=lambda d: d.name
)
def test_runnable_examples_run_as_written(
    document: Path, tmp_path: Path, default_server: SampleWebServer
) -> None:
    runnable = [b for b in BLOCKS if b.document == document and b.kind == "run"]
    clone = _clone(tmp_path)
    port = str(_free_port())
    script = ["set -o pipefail", "trap 'echo \"@@failed $LINENO $?\"' ERR"]
    spans: list[tuple[Block, int, int]] = []
    for block in runnable:
        code = block.code.replace(SAMPLE_PORT, port)
        start = len(script) + 1
        script += code.splitlines()
        spans.append((block, start, len(script)))
    script.append("kill $(jobs -p) 2>/dev/null; wait")
    env = {
        "HOME": str(clone / "home"),
        "PATH": f"{ROOT / '.venv/bin'}:/usr/local/bin:/usr/bin:/bin",
        "http_proxy": default_server.proxy_url,
        "LANG": "C.UTF-8",
    }
    done = subprocess.run(
        ["bash", "-c", "\n".join(script)],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    failed = [
        (int(line.split()[1]), int(line.split()[2]))
        for line in done.stdout.splitlines()
        if line.startswith("@@failed ")
    ]
    problems = []
    for block, start, end in spans:
        expected = EXITS.search(block.note)
        inside = [(n, status) for n, status in failed if start <= n <= end]
        if expected:
            last = max(n for n, line in enumerate(script, 1) if start <= n <= end and line.strip())
            wanted = [(last, int(expected.group(1)))]
            if inside != wanted:
                problems.append(f"{block.where}: expected {wanted}, got {inside}")
        elif inside:
            lines = [script[n - 1] for n, _ in inside]
            problems.append(f"{block.where}: failed: {list(zip(lines, inside, strict=True))}")
    assert problems == [], "\n".join(problems) + "\n" + done.stderr[-4000:]
