"""Roll-ups per cycle, unit, person and theme on the Acme fixture, on 2026-02-20 (half-time).

Progress there: grow 0.5, trust 0.5625, scale 0.625, fast 0.5, pci 0.625, dach 0,
runbooks 1, secret 0.4, tooling 0.4. Health: dach off track, runbooks done, others on track.
Self-driven (no aligns_to): grow, trust, runbooks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from okrsite_gen.graph import (
    OkrGraph,
    cycle_rollup,
    person_rollup,
    public_view,
    rollup,
    theme_rollup,
    unit_rollup,
)

from .acme import company_graph, load_graph, write_company


@pytest.fixture
def graph(tmp_path: Path) -> OkrGraph:
    return company_graph(tmp_path)


def test_cycle_rollup(graph: OkrGraph) -> None:
    result = cycle_rollup(graph, "T1")
    assert result.objectives == 9
    assert result.average_progress == pytest.approx(4.6125 / 9)
    assert result.health == {
        "on-track": 7,
        "at-risk": 0,
        "off-track": 1,
        "not-started": 0,
        "done": 1,
        "dropped": 0,
    }
    assert (result.aligned, result.alignment_coverage) == (8, pytest.approx(8 / 9))
    assert result.cascade_depth == 3
    assert result.self_driven == 3


def test_public_cycle_rollup_knows_nothing_of_private_objectives(graph: OkrGraph) -> None:
    result = cycle_rollup(public_view(graph), "T1")
    assert result.objectives == 8
    assert result.average_progress == pytest.approx(4.2125 / 8)
    assert result.health["on-track"] == 6
    # tooling aligned to the company only through the private objective: not in public.
    assert (result.aligned, result.cascade_depth) == (6, 2)


def test_unit_rollup_includes_sub_units_and_members(graph: OkrGraph) -> None:
    platform = unit_rollup(graph, "platform")  # fast, secret, and alice's runbooks
    assert platform.objectives == 3
    assert platform.average_progress == pytest.approx(1.9 / 3)
    assert (platform.aligned, platform.cascade_depth, platform.self_driven) == (2, 2, 1)
    assert platform.health["done"] == 1
    eng = unit_rollup(graph, "eng")
    assert eng.objectives == 6
    assert eng.average_progress == pytest.approx(3.55 / 6)
    assert unit_rollup(graph, "eng", include_sub_units=False).objectives == 1
    assert unit_rollup(graph, "eng", cycle="T9").average_progress is None


def test_person_rollup_counts_what_they_own(graph: OkrGraph) -> None:
    bob = person_rollup(graph, "bob")  # owns tooling; contributes to two others
    assert (bob.objectives, bob.average_progress, bob.cascade_depth) == (1, 0.4, 3)


def test_theme_rollup_runs_down_the_cascade(graph: OkrGraph) -> None:
    trust = theme_rollup(graph, "trust")  # trust, scale, pci, fast, secret, tooling
    assert trust.objectives == 6
    assert trust.alignment_coverage == 1.0


def test_empty_rollup(graph: OkrGraph) -> None:
    empty = rollup(graph, [])
    assert (empty.objectives, empty.average_progress, empty.alignment_coverage) == (0, None, None)
    assert empty.cascade_depth is None
    assert set(empty.health.values()) == {0}


def test_dropped_objectives_are_counted_but_not_averaged(tmp_path: Path) -> None:
    objectives = {
        "T1/acme/kept.md": "---\ntitle: K\nowner: acme\nkey_results:\n"
        "  - {title: K, progress: 0.5}\n---\n",
        "T1/acme/dropped.md": "---\ntitle: D\nowner: acme\nstatus: dropped\nkey_results:\n"
        "  - {title: D, done: true}\n---\n",
    }
    result = cycle_rollup(load_graph(write_company(tmp_path, objectives)), "T1")
    assert result.objectives == 2
    assert result.average_progress == 0.5
    assert result.health["dropped"] == 1
    assert result.to_dict()["health"]["dropped"] == 1
