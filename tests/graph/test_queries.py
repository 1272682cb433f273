"""Every query on the Acme fixture (see acme.py for its shape)."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrsite_gen.graph import (
    MISSION,
    VISION,
    OkrGraph,
    aligned_from,
    ancestors,
    chains_to_mission,
    children,
    children_by_target,
    company_objectives,
    cross_unit_dependencies,
    cycle_objectives,
    dependents,
    depends_on,
    members,
    orphaned_if_removed,
    parent_objectives,
    parents,
    person_objectives,
    public_view,
    sub_units,
    theme_objectives,
    unit_objectives,
)

from .acme import company_graph, load_graph, write_company

GROW = "objective:T1/acme/grow"
TRUST = "objective:T1/acme/trust"
SCALE = "objective:T1/eng/scale"
FAST = "objective:T1/platform/fast"
PCI = "objective:T1/payments/pci"
DACH = "objective:T1/sales/dach"
RUNBOOKS = "objective:T1/alice/runbooks"
SECRET = "objective:T1/platform/secret"
TOOLING = "objective:T1/bob/tooling"
ALL = sorted([GROW, TRUST, SCALE, FAST, PCI, DACH, RUNBOOKS, SECRET, TOOLING])


@pytest.fixture
def graph(tmp_path: Path) -> OkrGraph:
    return company_graph(tmp_path)


def test_chains_to_mission_follow_every_parent(graph: OkrGraph) -> None:
    chains = chains_to_mission(graph, FAST)
    assert chains.truncated is False
    assert chains.paths == [
        [FAST, SCALE, GROW, "theme:growth", VISION, MISSION],
        [FAST, SCALE, "kr:T1/acme/trust#incidents", TRUST, "theme:trust", VISION, MISSION],
    ]


def test_chains_start_at_a_key_result_too(graph: OkrGraph) -> None:
    chains = chains_to_mission(graph, "kr:T1/acme/grow#arr").paths
    assert chains == [["kr:T1/acme/grow#arr", GROW, "theme:growth", VISION, MISSION]]
    via_kr = chains_to_mission(graph, DACH).paths
    assert via_kr == [[DACH, "kr:T1/acme/grow#arr", GROW, "theme:growth", VISION, MISSION]]


def test_a_self_driven_objective_is_its_own_only_chain(graph: OkrGraph) -> None:
    assert chains_to_mission(graph, RUNBOOKS).paths == [[RUNBOOKS]]


def test_chains_can_be_limited(graph: OkrGraph) -> None:
    chains = chains_to_mission(graph, FAST, limit=1)
    assert (len(chains.paths), chains.truncated) == (1, True)


def test_parents_and_ancestors(graph: OkrGraph) -> None:
    assert parents(graph, SCALE) == [GROW, "kr:T1/acme/trust#incidents"]
    assert parents(graph, GROW) == ["theme:growth"]
    assert parents(graph, "kr:T1/acme/grow#arr") == [GROW]
    assert parents(graph, "theme:trust") == [VISION]
    assert ancestors(graph, SCALE) == [  # nearest first, then by key
        "kr:T1/acme/trust#incidents",
        GROW,
        TRUST,
        "theme:growth",
        "theme:trust",
        VISION,
        MISSION,
    ]


def test_parent_objectives_stand_for_the_key_results_aligned_to(graph: OkrGraph) -> None:
    assert parent_objectives(graph, SCALE) == [GROW, TRUST]  # trust through trust#incidents
    assert parent_objectives(graph, DACH) == [GROW]  # through grow#arr
    assert parent_objectives(graph, GROW) == []  # serves a theme: not an objective
    assert parent_objectives(graph, RUNBOOKS) == []
    assert parent_objectives(graph, TOOLING) == [SECRET]
    assert parent_objectives(public_view(graph), TOOLING) == []  # its parent is private


def test_parent_objectives_name_each_parent_once_in_the_order_written(tmp_path: Path) -> None:
    objectives = {
        "T1/acme/r.md": "---\ntitle: R\nowner: acme\nkey_results:\n"
        "  - {id: k, title: K, baseline: 0, target: 1}\n---\n",
        "T1/acme/s.md": "---\ntitle: S\nowner: acme\n---\n",
        "T1/eng/c.md": "---\ntitle: C\nowner: eng\n"
        "aligns_to: [T1/acme/s, T1/acme/r#k, T1/acme/r]\n---\n",
    }
    graph = load_graph(write_company(tmp_path, objectives))
    c = "objective:T1/eng/c"
    assert parents(graph, c) == ["objective:T1/acme/s", "kr:T1/acme/r#k", "objective:T1/acme/r"]
    assert parent_objectives(graph, c) == ["objective:T1/acme/s", "objective:T1/acme/r"]


def test_aligned_from_an_objective_includes_its_key_results(graph: OkrGraph) -> None:
    assert aligned_from(graph, GROW) == [SCALE, DACH]
    assert aligned_from(graph, GROW, transitive=True) == [SCALE, DACH, FAST, SECRET, TOOLING]
    assert aligned_from(graph, TRUST, transitive=True) == [SCALE, PCI, FAST, SECRET, TOOLING]
    assert aligned_from(graph, RUNBOOKS, transitive=True) == []


def test_aligned_from_a_key_result(graph: OkrGraph) -> None:
    assert aligned_from(graph, "kr:T1/acme/grow#arr") == [DACH]
    assert aligned_from(graph, "kr:T1/acme/grow#nps") == []
    incidents = "kr:T1/acme/trust#incidents"
    assert aligned_from(graph, incidents, transitive=True) == [SCALE, FAST, SECRET, TOOLING]


def test_children(graph: OkrGraph) -> None:
    assert children(graph, SCALE) == [FAST, SECRET]
    assert children(graph, TRUST) == [SCALE, PCI]
    assert children_by_target(graph, TRUST) == {
        "kr:T1/acme/trust#audit": [PCI],
        "kr:T1/acme/trust#incidents": [SCALE],
    }
    assert children_by_target(graph, GROW) == {GROW: [SCALE], "kr:T1/acme/grow#arr": [DACH]}


def test_unit_objectives_with_and_without_sub_units(graph: OkrGraph) -> None:
    assert unit_objectives(graph, "eng") == [SCALE]
    assert unit_objectives(graph, "eng", include_sub_units=True) == [SCALE, PCI, FAST, SECRET]
    with_people = unit_objectives(graph, "eng", include_sub_units=True, include_members=True)
    assert with_people == [RUNBOOKS, TOOLING, SCALE, PCI, FAST, SECRET]
    assert unit_objectives(graph, "platform", include_members=True) == [
        RUNBOOKS,
        FAST,
        SECRET,
    ]
    everything = unit_objectives(graph, "acme", include_sub_units=True, include_members=True)
    assert everything == ALL
    assert unit_objectives(graph, "acme", cycle="T9") == []
    assert unit_objectives(graph, "nowhere") == []


def test_sub_units_and_members(graph: OkrGraph) -> None:
    assert sub_units(graph, "acme") == ["eng", "sales", "payments", "platform"]
    assert sub_units(graph, "platform") == []
    assert sub_units(graph, "acme", transitive=False) == ["eng", "sales"]
    assert sub_units(graph, "eng", transitive=False) == ["payments", "platform"]
    assert sub_units(graph, "platform", transitive=False) == []
    assert sub_units(graph, "nowhere", transitive=False) == []
    assert members(graph, "platform") == ["person:alice", "person:pat"]


def test_person_objectives(graph: OkrGraph) -> None:
    bob = person_objectives(graph, "bob")
    assert bob.owned == [TOOLING]
    assert bob.contributed == [RUNBOOKS, FAST]
    assert bob.key_results == ["kr:T1/payments/pci#scan"]
    alice = person_objectives(graph, "alice", cycle="T1")
    assert (alice.owned, alice.key_results) == ([RUNBOOKS], ["kr:T1/platform/fast#p95"])
    assert person_objectives(graph, "nobody").owned == []


def test_theme_cycle_and_company_objectives(graph: OkrGraph) -> None:
    assert theme_objectives(graph, "growth", transitive=False) == [GROW]
    assert theme_objectives(graph, "growth") == [GROW, TOOLING, SCALE, FAST, SECRET, DACH]
    assert cycle_objectives(graph, "T1") == ALL
    assert company_objectives(graph) == [GROW, TRUST]


def test_dependencies_both_ways(graph: OkrGraph) -> None:
    assert depends_on(graph, FAST) == [PCI]
    assert dependents(graph, FAST) == [RUNBOOKS, DACH]


def test_cross_unit_dependencies(graph: OkrGraph) -> None:
    found = [
        (d.source, d.target, d.source_unit, d.target_unit) for d in cross_unit_dependencies(graph)
    ]
    # runbooks -> fast stays inside Platform (alice is in Platform): not cross-unit.
    assert found == [
        (TOOLING, SECRET, "payments", "platform"),
        (FAST, PCI, "platform", "payments"),
        (DACH, FAST, "sales", "platform"),
    ]
    sales = cross_unit_dependencies(graph, "sales")
    assert [(d.source, d.target) for d in sales] == [(DACH, FAST)]
    eng = cross_unit_dependencies(graph, "eng")
    assert eng == []  # Engineering's own objective depends on nobody
    assert len(cross_unit_dependencies(graph, "eng", include_sub_units=True)) == 3


def test_orphaned_if_a_key_result_is_removed(graph: OkrGraph) -> None:
    orphans = orphaned_if_removed(graph, "kr:T1/acme/grow#arr")
    assert (orphans.orphaned, orphans.cut_off) == ([DACH], [DACH])


def test_orphaned_if_an_objective_is_removed(graph: OkrGraph) -> None:
    orphans = orphaned_if_removed(graph, SCALE)
    assert orphans.orphaned == [FAST, SECRET]
    assert orphans.cut_off == [TOOLING, FAST, SECRET]  # tooling hangs below secret


def test_another_parent_keeps_an_objective_aligned(graph: OkrGraph) -> None:
    orphans = orphaned_if_removed(graph, GROW)  # scale still aligns to trust#incidents
    assert (orphans.orphaned, orphans.cut_off) == ([DACH], [DACH])
    both = orphaned_if_removed(graph, [GROW, TRUST])
    assert both.orphaned == [SCALE, PCI, DACH]
    assert both.cut_off == [TOOLING, SCALE, PCI, FAST, SECRET, DACH]


def test_cut_off_accounts_for_paths_of_different_lengths(tmp_path: Path) -> None:
    # d aligns to r directly and to c, which sits two steps below r: removing r cuts d off
    # even though breadth-first order reaches d before c.
    def objective(name: str, aligns: str) -> str:
        return f"---\ntitle: {name}\nowner: eng\naligns_to: [{aligns}]\n---\n"

    objectives = {
        "T1/acme/r.md": "---\ntitle: R\nowner: acme\n---\n",
        "T1/eng/b.md": objective("B", "T1/acme/r"),
        "T1/eng/c.md": objective("C", "T1/eng/b"),
        "T1/eng/d.md": objective("D", "T1/acme/r, T1/eng/c"),
        "T1/eng/e.md": objective("E", "T1/eng/b, T1/acme/s"),
        "T1/acme/s.md": "---\ntitle: S\nowner: acme\n---\n",
    }
    graph = load_graph(write_company(tmp_path, objectives))
    orphans = orphaned_if_removed(graph, "objective:T1/acme/r")
    assert orphans.orphaned == ["objective:T1/eng/b"]
    assert orphans.cut_off == ["objective:T1/eng/b", "objective:T1/eng/c", "objective:T1/eng/d"]


def test_queries_terminate_on_alignment_loops(tmp_path: Path) -> None:
    objectives = {
        "T1/eng/a.md": "---\ntitle: A\nowner: eng\naligns_to: [T1/eng/b]\n---\n",
        "T1/eng/b.md": "---\ntitle: B\nowner: eng\naligns_to: [T1/eng/a]\n---\n",
    }
    graph = load_graph(write_company(tmp_path, objectives))
    a, b = "objective:T1/eng/a", "objective:T1/eng/b"
    assert chains_to_mission(graph, a).paths == [[a, b]]
    assert aligned_from(graph, a, transitive=True) == [b]
    assert ancestors(graph, a) == [b]
    assert orphaned_if_removed(graph, a).cut_off == [b]
