"""No network at build time: `okrsite build` with every socket connection refused (a
sitecustomize patch in the child interpreter) builds the whole site and tries nothing.

Viewing needs no network either: tests/site/test_links.py checks that no page loads from
another origin, and the browser tests block and record every request that tries.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.site.conftest import SAMPLE_TODAY, make_tiny_repo, run_okrsite

BLOCK_SOCKETS = """
import os, socket

def _refuse(*args, **kwargs):
    with open(os.environ["OKRSITE_TEST_NETWORK_LOG"], "a", encoding="utf-8") as log:
        log.write(repr(args[1:] if args else kwargs) + "\\n")
    raise OSError("network is off in this test")

socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
"""


def test_a_build_needs_no_network(tmp_path: Path) -> None:
    tiny_repo = make_tiny_repo(tmp_path)
    patch = tmp_path / "patch"
    patch.mkdir()
    (patch / "sitecustomize.py").write_text(BLOCK_SOCKETS, encoding="utf-8")
    log = tmp_path / "network.log"
    tiny_repo.write(
        {
            "docs/about.md": "# About\n",
            "mkdocs.yml": """\
                site_name: Acme OKRs
                site_url: https://okrs.acme.example/
                repo_url: https://github.com/acme/okrs
                theme:
                  name: material
                plugins:
                  - search
                  - tags
                  - okrsite
                """,
        }
    )
    site = tmp_path / "site"
    result = run_okrsite(
        "build", "--root", str(tiny_repo.root), "--today", SAMPLE_TODAY, "-d", str(site),
        cwd=tiny_repo.root,
        env={
            "PYTHONPATH": os.pathsep.join([str(patch), os.environ.get("PYTHONPATH", "")]),
            "OKRSITE_TEST_NETWORK_LOG": str(log),
        },
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (site / "objectives/2026-Q4/platform/pci/index.html").is_file()
    assert not log.exists(), log.read_text(encoding="utf-8")


def test_the_socket_patch_really_refuses(tmp_path: Path) -> None:
    """The guard of the test above: with the patch, a connection attempt fails and is logged."""
    patch = tmp_path / "patch"
    patch.mkdir()
    (patch / "sitecustomize.py").write_text(BLOCK_SOCKETS, encoding="utf-8")
    log = tmp_path / "network.log"
    code = "import urllib.request\ntry:\n    urllib.request.urlopen('http://example.com', timeout=2)\nexcept OSError:\n    pass\n"
    subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(patch), "OKRSITE_TEST_NETWORK_LOG": str(log)},
        check=True,
        timeout=60,
    )
    assert log.read_text(encoding="utf-8")
