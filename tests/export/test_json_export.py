"""The JSON export against its documented shape (docs/export.md), values, privacy, bytes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from okrsite_gen.export import dump_json, to_json

from ..graph.acme import company_graph

TOP = {
    "format",
    "version",
    "today",
    "public",
    "org",
    "themes",
    "cycles",
    "units",
    "people",
    "objectives",
}
OBJECTIVE = {
    "id", "title", "owner", "cycle", "path", "file", "line", "aligns_to", "themes", "kind",
    "origin", "status", "visibility", "contributors", "depends_on", "tags", "score",
    "reflection", "description", "key_results", "computed",
}  # fmt: skip
OBJECTIVE_COMPUTED = {"progress", "health", "reading", "unit", "company", "level"}
KEY_RESULT = {
    "id", "ref", "title", "line", "unit", "baseline", "target", "stretch", "current", "weight",
    "confidence", "due", "owner", "done", "progress", "measured_by", "checkins", "computed",
}  # fmt: skip
KR_COMPUTED = {"kind", "progress", "health", "confidence"}
PROGRESS = {
    "value",
    "raw",
    "source",
    "target_reached",
    "stretch_reached",
    "computed",
    "explanation",
}
EXPLANATION = {"formula", "computation", "inputs", "parts", "source", "by_hand", "notes"}
HEALTH = {"state", "label", "reason", "elapsed", "expected", "gap", "confidence"}
ROLLUP = {
    "objectives", "average_progress", "health", "aligned", "alignment_coverage",
    "cascade_depth", "self_driven",
}  # fmt: skip


@pytest.fixture
def data(tmp_path: Path) -> dict:
    return json.loads(dump_json(to_json(company_graph(tmp_path))))


def by_id(items: list[dict], ident: str) -> dict:
    return next(item for item in items if item["id"] == ident)


def test_documented_shape(data: dict) -> None:
    assert set(data) == TOP
    assert (data["format"], data["version"]) == ("okrsite/okrs", 1)
    assert data["today"] == "2026-02-20"
    assert set(data["org"]) == {"name", "mission", "vision"}
    assert set(data["themes"][0]) == {"id", "title", "description"}
    assert set(data["cycles"][0]) == {"id", "title", "start", "end", "rollup"}
    assert set(data["cycles"][0]["rollup"]) == ROLLUP
    assert set(data["units"][0]) == {"id", "name", "parent", "lead", "description"}
    assert set(data["people"][0]) == {"id", "name", "unit", "handle", "title"}
    for objective in data["objectives"]:
        assert set(objective) == OBJECTIVE
        assert set(objective["computed"]) == OBJECTIVE_COMPUTED
        assert set(objective["computed"]["progress"]) == PROGRESS
        assert set(objective["computed"]["progress"]["explanation"]) == EXPLANATION
        assert set(objective["computed"]["health"]) == HEALTH
        assert set(objective["computed"]["reading"]) == {"verdict", "text"}
        for kr in objective["key_results"]:
            assert set(kr) == KEY_RESULT
            assert set(kr["computed"]) == KR_COMPUTED


def test_lists_are_sorted_by_id(data: dict) -> None:
    for name in ("themes", "cycles", "units", "people", "objectives"):
        ids = [item["id"] for item in data[name]]
        assert ids == sorted(ids), name


def test_written_and_computed_values(data: dict) -> None:
    fast = by_id(data["objectives"], "T1/platform/fast")
    assert fast["aligns_to"] == ["T1/eng/scale"]
    assert fast["contributors"] == ["pat", "bob"]
    assert (fast["file"], fast["line"]) == ("content/okrs/T1/platform/fast.md", 2)
    assert fast["computed"]["progress"]["value"] == 0.5
    assert fast["computed"]["health"]["state"] == "on-track"
    assert fast["computed"]["level"] == 2
    p95 = fast["key_results"][0]
    assert (p95["ref"], p95["baseline"], p95["target"], p95["current"]) == (
        "T1/platform/fast#p95",
        1200,
        400,
        200,
    )
    assert p95["computed"]["kind"] == "metric"
    assert p95["computed"]["progress"]["stretch_reached"] is True
    assert p95["computed"]["progress"]["raw"] == 1.25
    assert p95["computed"]["progress"]["explanation"]["inputs"]["current"] == 200
    dach = by_id(data["objectives"], "T1/sales/dach")
    assert dach["computed"]["reading"]["verdict"] == "failed"  # aspirational at 0
    scale = by_id(data["objectives"], "T1/eng/scale")
    parts = scale["computed"]["progress"]["explanation"]["parts"]
    assert [(p["ref"], p["weight"]) for p in parts] == [
        ("T1/eng/scale#deploy", 1.0),
        ("T1/eng/scale#migrate", 3.0),
    ]
    cycle = by_id(data["cycles"], "T1")
    assert (cycle["start"], cycle["end"]) == ("2026-01-01", "2026-04-11")
    assert cycle["rollup"]["objectives"] == 8


def test_private_objectives_are_left_out_unless_asked(tmp_path: Path) -> None:
    graph = company_graph(tmp_path)
    public = dump_json(to_json(graph))
    assert "secret" not in public.lower()
    assert json.loads(public)["public"] is True
    everything = json.loads(dump_json(to_json(graph, include_private=True)))
    assert everything["public"] is False
    secret = by_id(everything["objectives"], "T1/platform/secret")
    assert secret["visibility"] == "private"
    tooling = by_id(everything["objectives"], "T1/bob/tooling")
    assert tooling["key_results"][0]["measured_by"] == "T1/platform/secret"


def test_same_repository_same_bytes(tmp_path: Path) -> None:
    first = dump_json(to_json(company_graph(tmp_path / "a")))
    second = dump_json(to_json(company_graph(tmp_path / "b")))
    assert first == second
    assert first.endswith("}\n")
