"""Roll-ups: one summary of a set of objectives, per unit, person, theme or cycle.

- ``average_progress``: plain mean of the objectives' progress (scores where set by
  hand); dropped objectives are left out. None when nothing is left to average.
- ``health``: how many objectives are in each health state (every state listed, 0 too).
- ``aligned`` / ``alignment_coverage``: objectives that are company objectives (owned by
  the root unit) or reach one through aligns_to, directly or transitively; their share.
- ``cascade_depth``: the deepest cascade level among them (0 = company objective, 1 = one
  aligns_to step below one...); None when none is aligned to the company.
- ``self_driven``: objectives with ``origin: self-driven``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .health import HEALTH_STATES, HealthState
from .okr_graph import OkrGraph
from .queries import cycle_objectives, person_objectives, theme_objectives, unit_objectives


@dataclass(frozen=True, slots=True)
class Rollup:
    """A summary of a set of objectives (see the module docstring for each figure)."""

    objectives: int
    average_progress: float | None
    health: dict[HealthState, int]
    aligned: int
    alignment_coverage: float | None
    cascade_depth: int | None
    self_driven: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "objectives": self.objectives,
            "average_progress": self.average_progress,
            "health": dict(self.health),
            "aligned": self.aligned,
            "alignment_coverage": self.alignment_coverage,
            "cascade_depth": self.cascade_depth,
            "self_driven": self.self_driven,
        }


def rollup(graph: OkrGraph, objectives: Iterable[str]) -> Rollup:
    """Summarise the given objective keys (repeats counted once)."""
    keys = sorted(set(objectives))
    health: dict[HealthState, int] = dict.fromkeys(HEALTH_STATES, 0)
    progress: list[float] = []
    levels: list[int] = []
    self_driven = 0
    for key in keys:
        data = graph.nodes[key]
        health[data["health"].state] += 1
        record = data["record"]
        if record.status != "dropped":
            progress.append(data["progress"].value)
        if data["level"] is not None:
            levels.append(data["level"])
        self_driven += record.origin == "self-driven"
    return Rollup(
        objectives=len(keys),
        average_progress=sum(progress) / len(progress) if progress else None,
        health=health,
        aligned=len(levels),
        alignment_coverage=len(levels) / len(keys) if keys else None,
        cascade_depth=max(levels) if levels else None,
        self_driven=self_driven,
    )


def unit_rollup(
    graph: OkrGraph, unit_id: str, *, cycle: str | None = None, include_sub_units: bool = True
) -> Rollup:
    """A unit's objectives and its members' (with sub-units and their members by default)."""
    keys = unit_objectives(
        graph, unit_id, include_sub_units=include_sub_units, include_members=True, cycle=cycle
    )
    return rollup(graph, keys)


def person_rollup(graph: OkrGraph, person_id: str, *, cycle: str | None = None) -> Rollup:
    """The objectives a person owns (contributions are not theirs to answer for)."""
    return rollup(graph, person_objectives(graph, person_id, cycle).owned)


def theme_rollup(graph: OkrGraph, theme_id: str, *, cycle: str | None = None) -> Rollup:
    """Objectives serving the theme and everything aligned to them down the cascade."""
    return rollup(graph, theme_objectives(graph, theme_id, cycle=cycle))


def cycle_rollup(graph: OkrGraph, cycle_id: str) -> Rollup:
    """Every objective of the cycle."""
    return rollup(graph, cycle_objectives(graph, cycle_id))
