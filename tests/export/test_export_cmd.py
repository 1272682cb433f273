"""`okrsite export` end to end: formats, --out, --include-private, --today, errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest

from okrsite_gen.cli.main import main

from ..graph.acme import write_company


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_company(tmp_path / "repo")


def export(root: Path, *options: str) -> int:
    return main(["export", "--root", str(root), "--today", "2026-02-20", *options])


def test_json_to_standard_output(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert export(root) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["format"], data["version"], data["today"]) == ("okrsite/okrs", 1, "2026-02-20")
    assert "T1/platform/secret" not in {o["id"] for o in data["objectives"]}


def test_today_comes_from_the_environment_too(
    root: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OKRSITE_TODAY", "2026-04-01")
    assert main(["export", "--root", str(root)]) == 0
    assert json.loads(capsys.readouterr().out)["today"] == "2026-04-01"


def test_each_format_to_a_file(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert export(root, "--format", "csv", "--out", str(out / "okrs.csv")) == 0
    assert export(root, "--format", "graphml", "--out", str(out / "okrs.graphml")) == 0
    assert export(root, "--format", "json", "--out", str(out / "okrs.json")) == 0
    rows = list(csv.DictReader(io.StringIO((out / "okrs.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 13
    assert b"\r\n" not in (out / "okrs.csv").read_bytes()
    graph = nx.read_graphml(out / "okrs.graphml", force_multigraph=True)
    assert "objective:T1/platform/fast" in graph
    assert json.loads((out / "okrs.json").read_text(encoding="utf-8"))["public"] is True


def test_include_private(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert export(root, "--format", "csv", "--include-private") == 0
    assert "T1/platform/secret" in capsys.readouterr().out


def test_output_is_deterministic(root: Path, tmp_path: Path) -> None:
    export(root, "--out", str(tmp_path / "one.json"))
    export(root, "--out", str(tmp_path / "two.json"))
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()


def test_a_repository_with_errors_exports_nothing(
    root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = root / "content/okrs/T1/eng/scale.md"
    broken.write_text(broken.read_text().replace("T1/acme/grow,", "T1/acme/nowhere,"))
    out = tmp_path / "okrs.json"
    assert export(root, "--out", str(out)) == 1
    assert not out.exists()
    err = capsys.readouterr().err
    assert "content/okrs/T1/eng/scale.md" in err
    assert "unresolved-alignment" in err


def test_a_bad_date_is_a_usage_error(root: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "--root", str(root), "--today", "soon"])
    assert exit_info.value.code == 2
