"""The CSV export read back with the csv module: columns, rows, round trip, privacy."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from okrsite_gen.export import to_csv
from okrsite_gen.load import load_repo

from ..graph.acme import MIDWAY, OBJECTIVES, load_graph, write_company

COLUMNS = [
    "objective_id", "objective_title", "owner", "cycle", "path", "aligns_to", "themes", "kind",
    "origin", "status", "visibility", "contributors", "depends_on", "tags", "score", "kr_id",
    "kr_title", "kr_unit", "baseline", "target", "stretch", "current", "weight", "confidence",
    "due", "kr_owner", "done", "progress", "measured_by", "objective_progress",
    "objective_health", "kr_progress", "kr_health",
]  # fmt: skip

NO_KRS = {
    "T1/sales/pipeline.md": """\
        ---
        title: Build a pipeline, "properly"
        owner: sam
        tags: [sales, q1]
        score: 0.3
        ---
    """
}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_company(tmp_path, {**OBJECTIVES, **NO_KRS})


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_columns(root: Path) -> None:
    text = to_csv(load_graph(root))
    assert next(csv.reader(io.StringIO(text))) == COLUMNS


def test_one_row_per_key_result_and_one_per_objective_without_any(root: Path) -> None:
    rows = rows_of(to_csv(load_graph(root)))
    # 14 KRs, one of them private; plus the objective without KRs.
    assert len(rows) == 13 + 1
    fast = [row for row in rows if row["objective_id"] == "T1/platform/fast"]
    assert [row["kr_id"] for row in fast] == ["p95", "kr2"]
    assert fast[0]["objective_title"] == fast[1]["objective_title"] == "Make checkout fast"
    pipeline = [row for row in rows if row["objective_id"] == "T1/sales/pipeline"]
    assert len(pipeline) == 1
    assert all(
        pipeline[0][column] == "" for column in [*COLUMNS[15:29], "kr_progress", "kr_health"]
    )
    assert pipeline[0]["objective_title"] == 'Build a pipeline, "properly"'
    assert (pipeline[0]["score"], pipeline[0]["objective_progress"]) == ("0.3", "0.3")


def test_cells(root: Path) -> None:
    rows = rows_of(to_csv(load_graph(root)))
    p95 = next(row for row in rows if row["kr_id"] == "p95")
    assert {k: p95[k] for k in ("baseline", "target", "stretch", "current", "kr_unit")} == {
        "baseline": "1200",
        "target": "400",
        "stretch": "250",
        "current": "200",
        "kr_unit": "ms",
    }
    assert (p95["contributors"], p95["depends_on"], p95["kr_owner"]) == (
        "pat;bob",
        "T1/payments/pci",
        "alice",
    )
    assert (p95["kr_progress"], p95["kr_health"], p95["objective_progress"]) == (
        "1.0",
        "done",
        "0.5",
    )
    open_kr = next(
        row for row in rows if row["objective_id"] == "T1/platform/fast" and row["kr_id"] == "kr2"
    )
    assert open_kr["done"] == "false"
    audit = next(row for row in rows if row["kr_id"] == "audit")
    assert audit["measured_by"] == "T1/payments/pci"
    scale = next(row for row in rows if row["kr_id"] == "migrate")
    assert (scale["aligns_to"], scale["weight"], scale["progress"]) == (
        "T1/acme/grow;T1/acme/trust#incidents",
        "3",
        "0.5",
    )


def test_written_columns_round_trip_to_the_model(root: Path) -> None:
    """Every written field of every public objective and KR can be read back from its row."""
    rows = rows_of(to_csv(load_graph(root)))
    repo = load_repo(root).repo

    def number(cell: str) -> float | None:
        return float(cell) if cell else None

    def items(cell: str) -> list[str]:
        return cell.split(";") if cell else []

    checked = 0
    for objective in repo.objectives:
        mine = [row for row in rows if row["objective_id"] == objective.id]
        if objective.visibility == "private":
            assert mine == []
            continue
        if objective.id == "T1/bob/tooling":
            continue  # its references to the private objective are scrubbed (tested below)
        head = mine[0]
        assert head["objective_title"] == objective.title
        assert (head["owner"], head["cycle"], head["path"]) == (
            objective.owner,
            objective.cycle,
            objective.path,
        )
        assert items(head["aligns_to"]) == objective.aligns_to
        assert items(head["themes"]) == objective.themes
        assert items(head["contributors"]) == objective.contributors
        assert items(head["depends_on"]) == objective.depends_on
        assert items(head["tags"]) == objective.tags
        assert (head["kind"], head["origin"], head["status"], head["visibility"]) == (
            objective.kind, objective.origin, objective.status, objective.visibility
        )  # fmt: skip
        assert number(head["score"]) == objective.score
        for row, kr in zip(mine, objective.key_results, strict=False):
            assert (row["kr_id"], row["kr_title"], row["kr_unit"]) == (kr.id, kr.title, kr.unit)
            for field in ("baseline", "target", "stretch", "current", "weight", "confidence"):
                assert number(row[field]) == getattr(kr, field), field
            assert row["due"] == (kr.due.isoformat() if kr.due else "")
            assert row["kr_owner"] == (kr.owner or "")
            assert row["done"] == {True: "true", False: "false", None: ""}[kr.done]
            assert number(row["progress"]) == kr.progress
            assert row["measured_by"] == (kr.measured_by or "")
            checked += 1
    assert checked == 12  # 14 KRs but the private objective's and tooling's


def test_private_objectives_are_left_out_unless_asked(root: Path) -> None:
    graph = load_graph(root)
    public = to_csv(graph)
    assert "secret" not in public
    tooling = next(row for row in rows_of(public) if row["objective_id"] == "T1/bob/tooling")
    assert (tooling["aligns_to"], tooling["depends_on"], tooling["measured_by"]) == ("", "", "")
    assert tooling["kr_progress"] == "0.4"
    everything = rows_of(to_csv(graph, include_private=True))
    assert any(row["objective_id"] == "T1/platform/secret" for row in everything)
    assert len(everything) == 15


def test_same_repository_same_bytes(root: Path) -> None:
    assert to_csv(load_graph(root)) == to_csv(load_graph(root, MIDWAY))
