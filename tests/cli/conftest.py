"""Running the CLI as a user would: a fresh interpreter, in a folder, with an environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# The project's own repository is also the sample company (content/ at its root).
REPO_ROOT = Path(__file__).resolve().parents[2]


def okrsite(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`okrsite ARGS...` in a fresh interpreter; OKRSITE_TODAY only when `env` sets it."""
    environment = {k: v for k, v in os.environ.items() if k != "OKRSITE_TODAY"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "okrsite_gen.cli.main", *args],
        cwd=cwd or REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )


def okrsite_many(runs: dict[str, list[str]]) -> dict[str, subprocess.CompletedProcess[str]]:
    """Several `okrsite` runs at once (each is mostly interpreter start-up), by name."""
    environment = {k: v for k, v in os.environ.items() if k != "OKRSITE_TODAY"}
    started = {
        name: subprocess.Popen(
            [sys.executable, "-m", "okrsite_gen.cli.main", *args],
            cwd=REPO_ROOT,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, args in runs.items()
    }
    finished = {}
    for name, process in started.items():
        out, err = process.communicate(timeout=60)
        finished[name] = subprocess.CompletedProcess(process.args, process.returncode, out, err)
    return finished
