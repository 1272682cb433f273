"""`okrsite stale` on the sample company: formats, the configured default, --exit-code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from okrsite_gen.cli.main import main

from .conftest import REPO_ROOT


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(REPO_ROOT / "content", tmp_path / "content")
    monkeypatch.setenv("OKRSITE_TODAY", "2026-11-23")
    return tmp_path


def test_markdown_mentions_owners(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stale", "--format", "markdown", "--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("## Key results waiting for a check-in\n\n")
    assert "with no check-in for 14 days or more (as of 2026-11-23)." in out
    assert "\n### @priyaraman (Priya Raman)\n" in out
    # Q3 is over: none of its key results is listed.
    assert "`2026-Q3/" not in out


def test_days_from_okrsite_toml_and_the_exit_code(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stale", "--exit-code", "--root", str(root)]) == 1
    fortnight = capsys.readouterr().out
    (root / "okrsite.toml").write_text("[stale]\ndays = 400\n", encoding="utf-8")
    assert main(["stale", "--exit-code", "--root", str(root)]) == 0
    assert capsys.readouterr().out == (
        "No key result has gone 400 days without a check-in (as of 2026-11-23).\n"
    )
    assert main(["stale", "--days", "14", "--root", str(root)]) == 0
    assert capsys.readouterr().out == fortnight


def test_days_must_be_positive(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["stale", "--days", "0", "--root", str(root)])
    assert exit_.value.code == 2
    assert "--days must be at least 1" in capsys.readouterr().err
