"""What both benchmark scripts time commands with: the environment, a wrapper process
that reports one command's own wall time, CPU time and peak memory, and ratios."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

PYTHON = sys.executable
OKRSITE = [PYTHON, "-m", "okrsite_gen.cli.main"]
TODAY = "2026-11-23"
# Python may keep its compiled modules, as it does for anyone who installs okrsite: a
# sandbox that forbids it would add okrsite's compile time to every run, and none to the
# baselines' (their packages were compiled when installed).
ENV = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "OKRSITE_TODAY": TODAY,
}

# Runs argv[2:] and writes its wall time, CPU time and peak memory to argv[1]: read in
# the benchmark itself, RUSAGE_CHILDREN would give the largest peak of every command run
# so far (the demo generator's included), not this command's.
WRAPPER = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as out:
    json.dump({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
               "peak_mib": usage.ru_maxrss / 1024, "code": code}, out)
"""


@dataclass(frozen=True)
class Timing:
    wall: float
    cpu: float
    peak_mib: float = 0.0
    code: int = 0  # the command's exit status


def timed(command: list[str], cwd: Path | None = None, ok: Collection[int] = (0,)) -> Timing:
    """`command`'s own wall time, CPU time (with its children) and peak memory; stops the
    benchmark when it exits with a status not in `ok`."""
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        subprocess.run([PYTHON, "-c", WRAPPER, report.name, *command], cwd=cwd, env=ENV, check=True)
        data = json.loads(Path(report.name).read_text(encoding="utf-8"))
    if data["code"] not in ok:
        raise SystemExit(f"failed ({data['code']}): {' '.join(command)}")
    return Timing(data["wall"], data["cpu"], data["peak_mib"], data["code"])


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "-"


def ratios(a: Timing, b: Timing) -> str:
    """Wall-clock ratio, then CPU-time ratio."""
    return f"{ratio(a.wall, b.wall)} wall, {ratio(a.cpu, b.cpu)} cpu"


def demo_company(size: int, out: Path) -> Path:
    """A synthetic company of `size` objectives (`okrsite demo`), written to `out`."""
    subprocess.run(
        [*OKRSITE, "demo", "--objectives", str(size), "--out", str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
        env=ENV,
    )
    return out
