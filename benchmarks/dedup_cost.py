"""Benchmark: what issue 15's dedup and origin rules cost a crawl with its story store on.

    .venv/bin/python benchmarks/dedup_cost.py --baseline DIR [--stories 300] [--rounds 2]

``DIR`` is a checkout of the code to compare with (e.g. ``git worktree add /tmp/base 165eb69``).
One sample web is served; ``mirror`` crawls it from every site's home page with a fresh SQLite
story store, in turns with this tree's code and the baseline's (``PYTHONPATH``), ``--rounds``
times each, and the pages/s of each are printed with their ratio. ``crawl_throughput.py`` runs
without a store; this one measures the pipelines that place stories (template learning, copy
fingerprints, the verdict, the coherence check at write time).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.crawl_throughput import SETTINGS, start_server  # noqa: E402


def crawl(tree: Path, proxy: str, workdir: Path, homes: list[str], n: int) -> dict[str, Any]:
    result = workdir / f"{tree.name}-{n}.json"
    settings = {**SETTINGS, "NEWSMIRROR_STORE": f"sqlite:///{workdir}/{tree.name}-{n}.db"}
    cmd = [
        sys.executable,
        str(ROOT / "benchmarks" / "_crawl_once.py"),
        "mirror",
        str(result),
        "--urls",
        ",".join(homes),
        *(f"--set={k}={v}" for k, v in settings.items()),
    ]
    env = {**os.environ, "http_proxy": proxy, "PYTHONPATH": str(tree)}
    subprocess.run(cmd, cwd=tree, env=env, check=True)
    data: dict[str, Any] = json.loads(result.read_text())
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stories", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    opts = parser.parse_args()
    from newsmirror.sampleweb import SampleWeb

    homes = [s["home"] for s in SampleWeb(opts.seed, opts.stories).truth()["sites"]]
    speeds: dict[str, list[float]] = {"this": [], "baseline": []}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        server, proxy = start_server(opts.seed, opts.stories, workdir)
        try:
            for n in range(opts.rounds):
                for name, tree in (("this", ROOT), ("baseline", opts.baseline.resolve())):
                    figures = crawl(tree, proxy, workdir, homes, n)
                    speeds[name].append(float(figures["pages_per_s"]))
        finally:
            server.terminate()
            server.wait()
    this, base = statistics.median(speeds["this"]), statistics.median(speeds["baseline"])
    print(json.dumps({**speeds, "ratio_pages_per_s": round(this / base, 3)}, indent=1))


if __name__ == "__main__":
    main()
