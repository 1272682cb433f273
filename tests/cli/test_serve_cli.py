"""`okrsite serve` as a user runs it: the site is served, and an edit under content/
shows up after the automatic rebuild."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return False


def test_serve_rebuilds_when_an_objective_file_changes(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "content", repo / "content")  # no mkdocs.yml: defaults
    objective = repo / "content/okrs/2026-Q4/platform/edge-cache.md"
    port = free_port()
    url = f"http://127.0.0.1:{port}/objectives/2026-Q4/platform/edge-cache/"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "okrsite_gen.cli.main",
            "serve",
            "--root",
            str(repo),
            "-a",
            f"127.0.0.1:{port}",
            "--today",
            "2026-11-23",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env={**os.environ, "OKRSITE_TODAY": "2026-11-23"},
    )
    try:
        assert wait_for(lambda: fetch(url) is not None, 90), "serve never answered"
        assert "Zebra-striped caches" not in (fetch(url) or "")
        text = objective.read_text(encoding="utf-8")
        title_line = next(line for line in text.splitlines() if line.startswith("title:"))
        objective.write_text(
            text.replace(title_line, "title: Zebra-striped caches", 1), encoding="utf-8"
        )
        assert wait_for(lambda: "Zebra-striped caches" in (fetch(url) or ""), 90)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
