"""`okrsite checkin` on a copy of the sample company: writes, refusals, --from, --dry-run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from okrsite_gen.cli.main import main

from .conftest import REPO_ROOT

EDGE = "content/okrs/2026-Q4/platform/edge-cache.md"


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(REPO_ROOT / "content", tmp_path / "content")
    monkeypatch.setenv("OKRSITE_TODAY", "2026-11-23")
    return tmp_path


def read(root: Path, rel: str = EDGE) -> str:
    return (root / rel).read_text(encoding="utf-8")


def test_a_checkin_is_written(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = read(root)
    ref = "2026-Q4/platform/edge-cache#p95"
    assert main(["checkin", ref, "430", "--note", "Fraud score: edge", "--root", str(root)]) == 0
    assert capsys.readouterr().out == (
        f"{ref}: checked in on 2026-11-23\nRecorded 1 check-in in 1 file.\n"
    )
    after = read(root)
    last = '      - {date: 2026-11-23, value: 430, note: "Fraud score: edge"}\n'
    expected = before.replace("    current: 455\n", "    current: 430\n").replace(
        'note: "Remaining gap is the fraud-score call", by: ben}\n',
        'note: "Remaining gap is the fraud-score call", by: ben}\n' + last,
    )
    assert after == expected
    assert main(["check", "--root", str(root)]) == 0


def test_refused_checkins_write_nothing(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = read(root)
    ref = "2026-Q4/platform/edge-cache#p95"
    assert main(["checkin", ref, "430", "--date", "2026-09-30", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Nothing written: the check-in would bring these errors:\n")
    assert f"{EDGE}:" in err and "checkin-outside-cycle" in err
    assert main(["checkin", f"{ref}x", "430", "--root", str(root)]) == 1
    assert capsys.readouterr().err == (
        "error checkin-unknown-kr: objective `2026-Q4/platform/edge-cache` has no key result "
        "`p95x` — Its key results: p95, kr2, kr3, kr4.\nNothing written.\n"
    )
    assert read(root) == before


def test_many_from_a_csv_all_or_nothing(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = read(root)
    values = root / "values.csv"
    values.write_text(
        "kr,value,progress,date\n"
        "2026-Q4/platform/edge-cache#p95,440,,2026-11-20\n"
        "2026-Q4/platform/edge-cache#kr3,,80%,\n"
        "2026-Q4/platform/edge-cache#kr2,seventy,,\n",
        encoding="utf-8",
    )
    assert main(["checkin", "--from", str(values), "--root", str(root)]) == 1
    assert f"{values}:4:2: error import-value: `seventy` is not a number" in capsys.readouterr().err
    assert read(root) == before
    values.write_text(values.read_text(encoding="utf-8").replace("seventy", "74"))
    assert main(["checkin", "--from", str(values), "--root", str(root)]) == 0
    assert "Recorded 3 check-ins in 1 file." in capsys.readouterr().out
    after = read(root)
    assert "    current: 440\n" in after and "    current: 74\n" in after
    assert "    progress: 0.8\n" in after


def test_dry_run_shows_the_diff(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = read(root)
    ref = "2026-Q4/platform/edge-cache#p95"
    assert main(["checkin", ref, "430", "--dry-run", "--root", str(root)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"--- a/{EDGE}\n+++ b/{EDGE}\n")
    assert "\n-    current: 455\n+    current: 430\n" in out
    assert "\n+      - {date: 2026-11-23, value: 430}\n" in out
    assert out.endswith("Dry run: 1 check-in in 1 file; nothing written.\n")
    assert read(root) == before


def test_arguments(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv, message in (
        (["checkin"], "name the key result"),
        (["checkin", "a#b", "lots"], "`lots` is not a number"),
        (["checkin", "a#b", "1", "--from", "x.csv"], "not both"),
        (["checkin", "--from", "okrs.xlsx"], "okrsite reads CSV"),
    ):
        with pytest.raises(SystemExit) as exit_:
            main([*argv, "--root", str(root)])
        assert exit_.value.code == 2
        assert message in capsys.readouterr().err
