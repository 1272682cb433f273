"""`okrsite init`: an empty folder becomes a repository that checks and builds at once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from okrsite_gen.cli.main import main

TODAY = "2026-11-23"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`okrsite ARGS` as a script runs it: no terminal on standard input."""
    return subprocess.run(
        [sys.executable, "-m", "okrsite_gen.cli.main", *args],
        cwd=cwd,
        env={**os.environ, "OKRSITE_TODAY": TODAY},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_init_then_check_then_build(tmp_path: Path) -> None:
    init = run("init", cwd=tmp_path)
    assert init.returncode == 0, init.stderr
    assert "wrote content/okrs/org.yaml" in init.stdout
    check = run("check", "--strict", cwd=tmp_path)
    assert check.returncode == 0, check.stdout
    assert check.stdout == "No problems in 1 objective, 0 comments.\n"
    build = run("build", "--strict", "--quiet", cwd=tmp_path)
    assert build.returncode == 0, build.stderr
    site = tmp_path / "site"
    assert (site / "index.html").is_file()
    pages = [p.as_posix() for p in site.rglob("index.html")]
    assert any("open-goals" in page for page in pages)
    assert (tmp_path / ".github/workflows/okrs.yml").is_file()
    assert "/site/" in (tmp_path / ".gitignore").read_text(encoding="utf-8")


def test_flags_forge_and_a_new_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "acme-okrs"
    code = main(
        [
            "init",
            str(target),
            "--forge",
            "gitlab",
            "--name",
            "Acme",
            "--cycle",
            "2027",
            "--mission",
            "Trade.",
        ]
    )
    assert code == 0
    assert (target / ".gitlab-ci.yml").is_file()
    assert not (target / ".github").exists()
    org = (target / "content/okrs/org.yaml").read_text(encoding="utf-8")
    assert "name: Acme\nmission: Trade.\n" in org
    assert '  - id: "2027"\n    start: 2027-01-01\n    end: 2027-12-31\n' in org
    assert (target / "content/okrs/2027/acme/open-goals.md").is_file()
    assert f"okrsite check --root {target}" in capsys.readouterr().out


def test_no_ci_and_existing_files_are_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".gitignore").write_text("*.log\n", encoding="utf-8")
    assert main(["init", str(tmp_path), "--forge", "none"]) == 0
    out = capsys.readouterr().out
    assert "kept  .gitignore (it exists; okrsite leaves it as it is)" in out
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "*.log\n"
    assert not (tmp_path / ".github").exists()


def test_an_okr_repository_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", str(tmp_path), "--forge", "none"]) == 0
    org = tmp_path / "content/okrs/org.yaml"
    org.write_text(org.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["init", str(tmp_path)]) == 1
    assert "this is an OKR repository already" in capsys.readouterr().err
    assert org.read_text(encoding="utf-8").endswith("# edited\n")


def test_a_bad_cycle_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["init", str(tmp_path), "--cycle", "Q4"])
    assert exit_.value.code == 2
    assert "write 2026, 2026-H1 or 2026-Q4" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_on_a_terminal_it_asks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["Brightloom", "", "bad", "2026-q3"])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert main(["init", str(tmp_path), "--forge", "none", "--today", TODAY]) == 0
    org = (tmp_path / "content/okrs/org.yaml").read_text(encoding="utf-8")
    assert 'name: Brightloom\nmission: "TODO: why the company exists' in org
    assert "  - id: 2026-Q3\n" in org
