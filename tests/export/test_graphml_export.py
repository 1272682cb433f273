"""The GraphML export read back with networkx: same nodes and edges, scalar attributes."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from okrsite_gen.export import to_graphml
from okrsite_gen.graph import OkrGraph, public_view

from ..graph.acme import company_graph


@pytest.fixture
def graph(tmp_path: Path) -> OkrGraph:
    return company_graph(tmp_path / "repo")


def read_back(text: str, tmp_path: Path) -> nx.MultiDiGraph:
    path = tmp_path / "okrs.graphml"
    path.write_text(text, encoding="utf-8")
    return nx.read_graphml(path, force_multigraph=True)


def test_nodes_and_typed_edges_survive_the_trip(graph: OkrGraph, tmp_path: Path) -> None:
    back = read_back(to_graphml(graph), tmp_path)
    public = public_view(graph)
    assert set(back.nodes) == set(public.nodes)
    edges = {(u, v, data["kind"]) for u, v, data in back.edges(data=True)}
    assert edges == set(public.edges(keys=True))
    assert ("objective:T1/eng/scale", "kr:T1/acme/trust#incidents", "aligns_to") in edges
    assert back.graph["format"] == "okrsite/okrs"
    assert back.graph["today"] == "2026-02-20"


def test_node_attributes_are_typed_scalars(graph: OkrGraph, tmp_path: Path) -> None:
    back = read_back(to_graphml(graph), tmp_path)
    fast = back.nodes["objective:T1/platform/fast"]
    assert fast["type"] == "objective"
    assert fast["title"] == "Make checkout fast"
    assert (fast["file"], fast["line"]) == ("content/okrs/T1/platform/fast.md", 2)
    assert (fast["progress"], fast["health"], fast["level"]) == (0.5, "on-track", 2)
    assert fast["private"] is False and fast["company"] is False
    p95 = back.nodes["kr:T1/platform/fast#p95"]
    assert (p95["baseline"], p95["target"], p95["current"], p95["measure_unit"]) == (
        1200.0,
        400.0,
        200.0,
        "ms",
    )
    assert p95["stretch_reached"] is True
    runbooks = back.nodes["objective:T1/alice/runbooks"]
    assert "level" not in runbooks  # not aligned to the company: no value, no attribute
    assert back.nodes["cycle:T1"]["start"] == "2026-01-01"
    assert back.nodes["person:jane"]["handle"] == "jdoe"


def test_private_objectives_are_left_out_unless_asked(graph: OkrGraph, tmp_path: Path) -> None:
    assert "secret" not in to_graphml(graph)
    back = read_back(to_graphml(graph, include_private=True), tmp_path)
    assert back.nodes["objective:T1/platform/secret"]["private"] is True
    assert back.graph["public"] is False


def test_same_repository_same_bytes(tmp_path: Path) -> None:
    first = to_graphml(company_graph(tmp_path / "a"))
    assert first == to_graphml(company_graph(tmp_path / "b"))
