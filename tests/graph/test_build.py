"""The graph's nodes, edges and node data; and that a broken repository never crashes it."""

from __future__ import annotations

from pathlib import Path

from okrsite_gen.graph import MISSION, VISION, build_graph, chains_to_mission
from okrsite_gen.load import load_repo
from okrsite_gen.model import Repo
from okrsite_gen.pipeline import check_repo

from .acme import MIDWAY, ORG, company_graph, write_company


def edges_of(graph, kind: str) -> set[tuple[str, str]]:
    return {(u, v) for u, v, k in graph.edges(keys=True) if k == kind}


def test_the_fixture_company_is_valid(tmp_path: Path) -> None:
    result = check_repo(write_company(tmp_path), MIDWAY)
    assert result.errors == []


def test_nodes_are_keyed_by_type_and_id(tmp_path: Path) -> None:
    graph = company_graph(tmp_path)
    assert {MISSION, VISION, "theme:growth", "cycle:T1", "unit:platform", "person:pat"} <= set(
        graph
    )
    assert "objective:T1/platform/fast" in graph
    assert "kr:T1/platform/fast#p95" in graph
    assert "kr:T1/platform/fast#kr2" in graph  # a KR without id gets kr<position>
    types = [data["type"] for _, data in graph.nodes(data=True)]
    assert types.count("objective") == 9
    assert types.count("kr") == 14


def test_objective_node_data(tmp_path: Path) -> None:
    graph = company_graph(tmp_path)
    data = graph.nodes["objective:T1/platform/fast"]
    assert data["type"] == "objective"
    assert data["title"] == "Make checkout fast"
    assert data["record"].owner == "platform"
    assert data["file"] == "content/okrs/T1/platform/fast.md"
    assert data["line"] == 2
    assert data["unit"] == "platform"
    assert data["private"] is False
    assert data["progress"].value == 0.5
    assert data["health"].state == "on-track"
    assert graph.krs_of("objective:T1/platform/fast") == [
        "kr:T1/platform/fast#p95",
        "kr:T1/platform/fast#kr2",
    ]
    kr = graph.nodes["kr:T1/platform/fast#p95"]
    assert (kr["file"], kr["line"], kr["objective"]) == (
        "content/okrs/T1/platform/fast.md",
        8,
        "T1/platform/fast",
    )
    # A person's objective belongs to the person's unit.
    assert graph.nodes["objective:T1/bob/tooling"]["unit"] == "payments"


def test_typed_edges(tmp_path: Path) -> None:
    graph = company_graph(tmp_path)
    assert edges_of(graph, "aligns_to") >= {
        ("objective:T1/eng/scale", "objective:T1/acme/grow"),
        ("objective:T1/eng/scale", "kr:T1/acme/trust#incidents"),
        ("objective:T1/sales/dach", "kr:T1/acme/grow#arr"),
    }
    assert edges_of(graph, "serves") == {
        ("objective:T1/acme/grow", "theme:growth"),
        ("objective:T1/acme/trust", "theme:trust"),
        ("theme:growth", VISION),
        ("theme:trust", VISION),
        (VISION, MISSION),
    }
    assert edges_of(graph, "measured_by") == {
        ("kr:T1/acme/trust#audit", "objective:T1/payments/pci"),
        ("kr:T1/bob/tooling#ship", "objective:T1/platform/secret"),
    }
    assert ("objective:T1/platform/fast", "objective:T1/payments/pci") in edges_of(
        graph, "depends_on"
    )
    assert ("objective:T1/bob/tooling", "person:bob") in edges_of(graph, "owned_by")
    assert ("kr:T1/payments/pci#scan", "person:bob") in edges_of(graph, "owned_by")
    assert edges_of(graph, "contributes") == {
        ("person:pat", "objective:T1/platform/fast"),
        ("person:bob", "objective:T1/platform/fast"),
        ("person:bob", "objective:T1/alice/runbooks"),
    }
    part_of = edges_of(graph, "part_of")
    assert ("unit:platform", "unit:eng") in part_of
    assert ("person:pat", "unit:platform") in part_of
    assert ("kr:T1/acme/grow#arr", "objective:T1/acme/grow") in part_of
    assert len(edges_of(graph, "in_cycle")) == 9
    # The edge key is the kind, and the kind is also an attribute.
    assert graph.edges["objective:T1/eng/scale", "objective:T1/acme/grow", "aligns_to"] == {
        "kind": "aligns_to"
    }


def test_company_level_and_cascade_levels(tmp_path: Path) -> None:
    graph = company_graph(tmp_path)
    levels = {key: graph.nodes[key]["level"] for key in graph.objective_keys()}
    assert levels == {
        "objective:T1/acme/grow": 0,
        "objective:T1/acme/trust": 0,
        "objective:T1/eng/scale": 1,
        "objective:T1/payments/pci": 1,
        "objective:T1/sales/dach": 1,
        "objective:T1/platform/fast": 2,
        "objective:T1/platform/secret": 2,
        "objective:T1/bob/tooling": 3,
        "objective:T1/alice/runbooks": None,
    }
    assert graph.root_units == ("acme",)
    assert graph.nodes["objective:T1/acme/grow"]["company"] is True
    assert graph.nodes["objective:T1/eng/scale"]["company"] is False


def test_comments_hang_on_the_objective_or_kr_they_name(tmp_path: Path) -> None:
    write_company(tmp_path)
    for name, target, day in (
        ("2026-02-02-jane-why.md", "T1/platform/fast", "2026-02-02"),
        ("2026-01-15-pat-p95.md", "T1/platform/fast#p95", "2026-01-15"),
        ("2026-01-10-bob-early.md", "T1/platform/fast", "2026-01-10"),
    ):
        path = tmp_path / "content/comments/T1/platform/fast" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\nobjective: {target}\nauthor: jane\ndate: {day}\n---\nHi.\n")
    graph = build_graph(load_repo(tmp_path).repo, MIDWAY)
    on_objective = graph.nodes["objective:T1/platform/fast"]["comments"]
    assert [c.date.isoformat() for c in on_objective] == ["2026-01-10", "2026-02-02"]
    assert [c.kr_id for c in graph.nodes["kr:T1/platform/fast#p95"]["comments"]] == ["p95"]


def test_an_empty_repository_builds_an_empty_graph() -> None:
    graph = build_graph(Repo(org=None), MIDWAY)
    assert graph.number_of_nodes() == 0
    assert graph.root_units == ()


def test_broken_references_loops_and_duplicates_never_crash(tmp_path: Path) -> None:
    write_company(
        tmp_path,
        {
            "T1/a.md": """\
                ---
                title: A
                owner: nobody
                cycle: T9
                aligns_to: [T1/b, T1/missing, "T1/b#nokr", "T1/a#k"]
                themes: [nothing]
                depends_on: [T1/a, T1/gone]
                contributors: [ghost]
                key_results:
                  - {id: k, title: K, measured_by: T1/b}
                  - {id: k, title: duplicate id, done: true}
                  - {id: m, title: M, measured_by: T1/nowhere}
                ---
            """,
            "T1/b.md": """\
                ---
                title: B
                owner: eng
                aligns_to: [T1/a]
                key_results:
                  - {id: k, title: K, measured_by: T1/a}
                  - {id: flat, title: flat, baseline: 5, target: 5, current: 5}
                ---
            """,
            "T1/c.yaml": "id: T1/b\ntitle: duplicate objective id\nowner: eng\n",
        },
    )
    loaded = load_repo(tmp_path)
    graph = build_graph(loaded.repo, MIDWAY)
    assert graph.title("objective:T1/b") == "B"  # the first of a duplicated id wins
    assert graph.krs_of("objective:T1/a") == ["kr:T1/a#k", "kr:T1/a#m"]
    assert set(graph.successors("objective:T1/a")) == {"objective:T1/b"}
    assert graph.nodes["objective:T1/a"]["unit"] is None
    # The measured_by loop: A is settled after B, so B's KR closes the loop and counts 0.
    assert graph.progress("kr:T1/b#k").explanation.notes == ("measured_by loop",)
    assert graph.progress("kr:T1/a#m").explanation.notes == (
        "measured_by objective T1/nowhere not found",
    )
    assert graph.progress("kr:T1/b#flat").explanation.notes == ("baseline equals target",)
    assert graph.health("objective:T1/a").reason == "the cycle has no dates"
    chains = chains_to_mission(graph, "objective:T1/a").paths
    assert chains == [["objective:T1/a", "objective:T1/b"]]
    assert all(graph.nodes[k]["level"] is None for k in ("objective:T1/a", "objective:T1/b"))


def test_an_org_without_mission_or_vision_has_neither_node(tmp_path: Path) -> None:
    org = ORG.replace("    mission: Make it easy to do business anywhere.\n", "").replace(
        "    vision: The default way to trade.\n", ""
    )
    write_company(tmp_path, {}, org)
    graph = build_graph(load_repo(tmp_path).repo, MIDWAY)
    assert MISSION not in graph and VISION not in graph
    assert list(graph.successors("theme:growth")) == []
