"""`okrsite import` as a user runs it: export | import, dry run, --write, refusals."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from okrsite_gen.cli.main import main

from .conftest import REPO_ROOT

ORG = "content/okrs/org.yaml"


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with the sample's org.yaml and no objective."""
    (tmp_path / "content/okrs").mkdir(parents=True)
    shutil.copy(REPO_ROOT / ORG, tmp_path / ORG)
    monkeypatch.setenv("OKRSITE_TODAY", "2026-11-23")
    return tmp_path


def test_export_piped_into_import(empty: Path) -> None:
    environment = {**os.environ, "OKRSITE_TODAY": "2026-11-23"}
    command = [sys.executable, "-m", "okrsite_gen.cli.main"]
    export = subprocess.run(
        [*command, "export", "--format", "csv", "--include-private", "--root", str(REPO_ROOT)],
        capture_output=True,
        check=True,
        env=environment,
    )
    imported = subprocess.run(
        [*command, "import", "-", "--write", "--root", str(empty)],
        input=export.stdout,
        capture_output=True,
        env=environment,
    )
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.decode() == (
        "Wrote 49 new objective file(s), 0 updated, 0 unchanged, 0 existing left as they are.\n"
    )
    assert (
        len(list((empty / "content/okrs").rglob("*.md")))
        + len(list((empty / "content/okrs").rglob("*.yaml")))
        == 49 + 1
    )


def test_dry_run_by_default(empty: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = empty / "okrs.csv"
    sheet.write_text(
        "Objective,Team,Quarter,KR,Start,Target\nGrow DACH,Sales EMEA,Q4 2026,Logos,3,12\n",
        encoding="utf-8",
    )
    assert main(["import", str(sheet), "--root", str(empty)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("=== content/okrs/2026-Q4/sales-emea/grow-dach.md (new) ===\n---\n")
    assert out.endswith(
        "Dry run: 1 new objective file(s), 0 updated, 0 unchanged, 0 existing left as they are. "
        "Nothing written; --write writes it.\n"
    )
    assert not (empty / "content/okrs/2026-Q4").exists()
    assert main(["import", str(sheet), "--write", "--root", str(empty)]) == 0
    assert (empty / "content/okrs/2026-Q4/sales-emea/grow-dach.md").is_file()
    assert main(["check", "--root", str(empty)]) == 0
    capsys.readouterr()
    assert main(["import", str(sheet), "--write", "--root", str(empty)]) == 0
    assert "0 new objective file(s), 0 updated, 0 unchanged, 1 existing" in capsys.readouterr().out


def test_a_sheet_with_errors_writes_nothing(
    empty: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = empty / "okrs.csv"
    sheet.write_text("Objective,Owner,Quarter\nGrow,Somebody New,2026-Q4\n", encoding="utf-8")
    assert main(["import", str(sheet), "--write", "--root", str(empty)]) == 1
    err = capsys.readouterr().err
    assert f"{sheet}:2:2: error import-unknown-name: `Somebody New`" in err
    assert err.endswith("1 error(s) in " + str(sheet) + ". Nothing written.\n")
    assert not (empty / "content/okrs/2026-Q4").exists()


def test_what_check_would_refuse_is_not_written(
    empty: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = empty / "okrs.csv"
    sheet.write_text(
        "Objective,Owner,Quarter,KR,Baseline,Target,Due\nGrow,platform,2026-Q4,Sell,1,1,2027-05-01\n",
        encoding="utf-8",
    )
    assert main(["import", str(sheet), "--write", "--root", str(empty)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Nothing written: the imported files would not pass `okrsite check`:\n")
    assert "error metric-flat" in err and "error due-outside-cycle" in err
    assert not (empty / "content/okrs/2026-Q4").exists()


def test_workbooks_and_missing_files_are_usage_errors(
    empty: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, message in (("okrs.xlsx", "CSV (UTF-8)"), ("missing.csv", "cannot read")):
        with pytest.raises(SystemExit) as exit_:
            main(["import", str(empty / name), "--root", str(empty)])
        assert exit_.value.code == 2
        assert message in capsys.readouterr().err
    latin = empty / "latin.csv"
    latin.write_bytes("Objective,Owner\nCaf\xe9,x\n".encode("latin-1"))
    with pytest.raises(SystemExit):
        main(["import", str(latin), "--root", str(empty)])
    assert "is not UTF-8 text" in capsys.readouterr().err
