"""`okrsite build` as a user runs it: deterministic output, and a failed build leaves the
last good site untouched."""

from __future__ import annotations

import filecmp
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TODAY = "2026-11-23"


def okrsite(*args: str, cwd: Path = REPO) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "okrsite_gen.cli.main", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "OKRSITE_TODAY": TODAY},
    )


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    process = okrsite(*args, cwd=cwd)
    out, err = process.communicate(timeout=300)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def copy_company(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(REPO / "content", repo / "content")
    return repo


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert run("build", "-q", "-d", str(first)).returncode == 0
    assert run("build", "-q", "-d", str(second)).returncode == 0
    comparison = filecmp.dircmp(first, second)
    assert digest(first) == digest(second), comparison.report()
    assert (first / "sitemap.xml.gz").exists()


def test_a_build_with_errors_keeps_the_previous_site(tmp_path: Path) -> None:
    repo = copy_company(tmp_path)
    site = tmp_path / "site"
    assert run("build", "--root", str(repo), "-q", "-d", str(site)).returncode == 0
    before = digest(site)
    broken = repo / "content/okrs/2026-Q4/platform/edge-cache.md"
    broken.write_text(broken.read_text(encoding="utf-8").replace("owner:", "owner: nobody\nx:", 1))
    result = run("build", "--root", str(repo), "-q", "-d", str(site))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "content/okrs/2026-Q4/platform/edge-cache.md" in result.stderr
    assert digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo", "site"]  # nothing left aside


def test_a_killed_build_leaves_the_old_site_or_the_new_one_never_a_mix(tmp_path: Path) -> None:
    repo = copy_company(tmp_path)
    site = tmp_path / "site"
    assert run("build", "--root", str(repo), "-q", "-d", str(site)).returncode == 0
    old = digest(site)
    org = repo / "content/okrs/org.yaml"
    org.write_text(
        org.read_text(encoding="utf-8").replace("name: Brightloom", "name: Brightloom B.V.", 1)
    )
    process = okrsite("build", "--root", str(repo), "-q", "-d", str(site))
    time.sleep(1.0)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    now = digest(site)
    if now != old:  # the build finished before the kill: then it is the whole new site
        assert (
            run("build", "--root", str(repo), "-q", "-d", str(tmp_path / "fresh")).returncode == 0
        )
        assert now == digest(tmp_path / "fresh")
    assert run("build", "--root", str(repo), "-q", "-d", str(site)).returncode == 0
    assert not list(tmp_path.glob(".site.okrsite-*"))  # leftovers of the killed build are gone


def test_an_exception_mid_build_keeps_the_previous_site_and_says_so_in_one_line(
    tmp_path: Path,
) -> None:
    repo = copy_company(tmp_path)
    site = tmp_path / "site"
    assert run("build", "--root", str(repo), "-q", "-d", str(site)).returncode == 0
    before = digest(site)
    # A company's template override that breaks on one objective, half-way through pages.
    override = repo / "theme" / "okrsite" / "objective.md.j2"
    override.parent.mkdir(parents=True)
    template = (REPO / "okrsite_gen/render/templates/objective.md.j2").read_text(encoding="utf-8")
    broken = "{{ (1 / 0) if objective.id.endswith('edge-cache') else '' }}\n"
    override.write_text(broken + template, encoding="utf-8")
    result = run("build", "--root", str(repo), "-q", "-d", str(site))
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    [message] = [line for line in result.stderr.splitlines() if line.startswith("okrsite:")]
    assert message.startswith("okrsite: internal error: ZeroDivisionError: division by zero")
    assert f"{override}:1: fix or remove it" in message
    assert "okrsite --debug" in message and "OKRSITE_DEBUG=1" in message
    assert digest(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo", "site"]  # nothing left aside
