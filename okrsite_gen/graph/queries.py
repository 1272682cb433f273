"""Questions the site, the diff and the exports ask of the graph. All read-only.

Every function takes the graph and node keys or ids, returns node keys, and orders its
answer deterministically (sorted keys, or breadth-first depth then key). Each walks only
the part of the graph it needs: no query scans every node unless it is about all of them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .keys import (
    ALIGNS_TO,
    CONTRIBUTES,
    DEPENDS_ON,
    IN_CYCLE,
    OWNED_BY,
    PART_OF,
    SERVES,
    cycle_key,
    person_key,
    ref_key,
    theme_key,
    unit_key,
)
from .levels import direct_children
from .okr_graph import OkrGraph

# Chains longer than this many are cut (a pathological diamond of many levels would
# otherwise produce exponentially many); `chains_to_mission` says when it cut.
MAX_CHAINS = 500


# Upward: from an objective or KR to the mission


def parents(graph: OkrGraph, key: str) -> list[str]:
    """One step up the cascade from any node: what it aligns to, serves, or belongs to.

    Objective -> parent objectives and KRs (aligns_to), then themes (serves), in the order
    written; KR -> its objective; theme -> vision (or mission); vision -> mission.
    """
    node_type = graph.node_type(key)
    if node_type == "kr":
        return graph.targets(key, PART_OF)
    if node_type == "objective":
        objective = graph.objective(key)
        written = [ref_key(r) for r in objective.aligns_to]
        written += [theme_key(t) for t in objective.themes]
        edges = graph.succ[key]
        # dict.fromkeys: drop repeats, keep the written order.
        return [
            k
            for k in dict.fromkeys(written)
            if k in edges and (ALIGNS_TO in edges[k] or SERVES in edges[k])
        ]
    if node_type in ("theme", "vision"):
        return graph.targets(key, SERVES)
    return []


def parent_objectives(graph: OkrGraph, key: str) -> list[str]:
    """The objectives an objective aligns to, directly or through one of their KRs.

    `parents` without the themes, each KR replaced by its objective; no repeats, in the
    order written.
    """
    ups = [
        _up_objective(graph, k)
        for k in parents(graph, key)
        if graph.node_type(k) in ("objective", "kr")
    ]
    return list(dict.fromkeys(ups))


@dataclass(frozen=True, slots=True)
class Chains:
    """Every path up from a node: each starts at that node and ends at the mission, or at
    the highest node it reaches when it does not get there. `truncated` when cut."""

    paths: list[list[str]]
    truncated: bool = False


def chains_to_mission(graph: OkrGraph, key: str, limit: int = MAX_CHAINS) -> Chains:
    """All chains from an objective or KR up to the mission, through parents and themes.

    Several parents give several chains; shortest first, then by keys. Loops (a validator
    error) are cut where a node would repeat.
    """
    paths: list[list[str]] = []
    truncated = False
    stack: list[list[str]] = [[key]]
    while stack:
        path = stack.pop()
        ups = [up for up in parents(graph, path[-1]) if up not in path]
        if not ups:
            if len(paths) >= limit:
                truncated = True
                break
            paths.append(path)
            continue
        stack.extend([*path, up] for up in reversed(ups))
    paths.sort(key=lambda p: (len(p), p))
    return Chains(paths, truncated)


def ancestors(graph: OkrGraph, key: str) -> list[str]:
    """Every node above `key` on any chain (the union of the chains), nearest first."""
    return _breadth_first([key], lambda k: parents(graph, k))


# Downward: what aligns to an objective or KR


def children(graph: OkrGraph, key: str) -> list[str]:
    """Objectives aligned directly to an objective (or one of its KRs), or to a KR."""
    if graph.node_type(key) == "objective":
        return direct_children(graph, key)
    return graph.sources(key, ALIGNS_TO)


def children_by_target(graph: OkrGraph, objective: str) -> dict[str, list[str]]:
    """Direct children grouped by what they align to: the objective, then each KR in order.

    Targets nobody aligns to are left out.
    """
    grouped: dict[str, list[str]] = {}
    for target in (objective, *graph.krs_of(objective)):
        sources = graph.sources(target, ALIGNS_TO)
        if sources:
            grouped[target] = sources
    return grouped


def aligned_from(graph: OkrGraph, key: str, transitive: bool = False) -> list[str]:
    """Objectives aligning to an objective (or its KRs) or a KR; with `transitive`, all the
    way down. Ordered by depth (direct first), then key; the start is never included."""
    if not transitive:
        return children(graph, key)
    found = _breadth_first([key], lambda k: children(graph, k))
    return [k for k in found if k != key]


def _breadth_first(start: Iterable[str], step: Callable[[str], Iterable[str]]) -> list[str]:
    """Nodes reached from `start` by `step`, level by level, each level sorted."""
    start = list(start)
    seen = set(start)
    order: list[str] = []
    level = sorted(start)
    while level:
        following: set[str] = set()
        for key in level:
            for nxt in step(key):
                if nxt not in seen:
                    seen.add(nxt)
                    following.add(nxt)
        level = sorted(following)
        order.extend(level)
    return order


@dataclass(frozen=True, slots=True)
class Orphans:
    """What removing objectives or KRs would leave behind.

    `orphaned`: objectives whose every aligns_to target would be gone. `cut_off`: every
    objective below that would no longer reach anything above the removed part (the
    orphans included): its cascade would end at an orphan.
    """

    orphaned: list[str]
    cut_off: list[str]


def orphaned_if_removed(graph: OkrGraph, keys: str | Iterable[str]) -> Orphans:
    """What removing these objectives or KRs would orphan (an objective takes its KRs)."""
    removed: set[str] = set()
    for key in [keys] if isinstance(keys, str) else keys:
        if key in graph:
            removed.add(key)
            if graph.node_type(key) == "objective":
                removed.update(graph.krs_of(key))
    below = [k for k in _breadth_first(removed, lambda k: children(graph, k)) if k not in removed]
    below_set = set(below)
    # An objective below stays connected when it aligns to something outside the removed
    # part and outside `below`, or to a connected objective (or its KR) inside `below`.
    connected: set[str] = set()
    queue: deque[str] = deque()
    for key in below:
        for target in graph.targets(key, ALIGNS_TO):
            if target not in removed and _up_objective(graph, target) not in below_set:
                connected.add(key)
                queue.append(key)
                break
    while queue:
        for child in children(graph, queue.popleft()):
            if child in below_set and child not in connected:
                connected.add(child)
                queue.append(child)
    orphaned = [k for k in below if all(t in removed for t in graph.targets(k, ALIGNS_TO))]
    return Orphans(sorted(orphaned), sorted(below_set - connected))


def _up_objective(graph: OkrGraph, key: str) -> str:
    """The objective a KR belongs to; an objective itself."""
    if graph.node_type(key) == "kr":
        return graph.targets(key, PART_OF)[0]
    return key


# Units, people, themes, cycles


def sub_units(graph: OkrGraph, unit_id: str, *, transitive: bool = True) -> list[str]:
    """Unit ids below `unit_id` (transitively, nearest first; else only the units directly
    under it, sorted); not the unit itself."""
    start = unit_key(unit_id)
    if start not in graph:
        return []
    if transitive:
        found = _breadth_first([start], lambda k: _child_units(graph, k))
    else:
        found = _child_units(graph, start)
    return [graph.nodes[k]["id"] for k in found]


def _child_units(graph: OkrGraph, key: str) -> list[str]:
    return [k for k in graph.sources(key, PART_OF) if graph.node_type(k) == "unit"]


def members(graph: OkrGraph, unit_id: str) -> list[str]:
    """Person keys of the people in one unit (not its sub-units)."""
    key = unit_key(unit_id)
    if key not in graph:
        return []
    return [k for k in graph.sources(key, PART_OF) if graph.node_type(k) == "person"]


def unit_objectives(
    graph: OkrGraph,
    unit_id: str,
    *,
    include_sub_units: bool = False,
    include_members: bool = False,
    cycle: str | None = None,
) -> list[str]:
    """Objectives owned by a unit; optionally also by its sub-units (transitively) and by
    the people in those units. Only one cycle's when `cycle` is given. Sorted keys."""
    if unit_key(unit_id) not in graph:
        return []
    unit_ids = [unit_id, *(sub_units(graph, unit_id) if include_sub_units else [])]
    owners = [unit_key(u) for u in unit_ids]
    if include_members:
        owners += [p for u in unit_ids for p in members(graph, u)]
    found = {
        o
        for owner in owners
        for o in graph.sources(owner, OWNED_BY)
        if graph.node_type(o) == "objective"
    }
    return _in_cycle(graph, found, cycle)


def _in_cycle(graph: OkrGraph, keys: Iterable[str], cycle: str | None) -> list[str]:
    if cycle is None:
        return sorted(keys)
    wanted = cycle_key(cycle)
    return sorted(k for k in keys if wanted in graph.succ[k])


@dataclass(frozen=True, slots=True)
class PersonObjectives:
    """A person's objectives: owned, contributed to, and the KRs they own elsewhere."""

    owned: list[str]
    contributed: list[str]
    key_results: list[str]


def person_objectives(
    graph: OkrGraph, person_id: str, cycle: str | None = None
) -> PersonObjectives:
    """What a person owns (objectives and KRs) and contributes to, sorted keys."""
    key = person_key(person_id)
    if key not in graph:
        return PersonObjectives([], [], [])
    owned = [k for k in graph.sources(key, OWNED_BY) if graph.node_type(k) == "objective"]
    krs = [k for k in graph.sources(key, OWNED_BY) if graph.node_type(k) == "kr"]
    contributed = graph.targets(key, CONTRIBUTES)
    if cycle is not None:
        krs = [k for k in krs if cycle_key(cycle) in graph.succ[_up_objective(graph, k)]]
    return PersonObjectives(
        _in_cycle(graph, owned, cycle), _in_cycle(graph, contributed, cycle), krs
    )


def theme_objectives(
    graph: OkrGraph, theme_id: str, *, transitive: bool = True, cycle: str | None = None
) -> list[str]:
    """Objectives serving a theme directly, and (with `transitive`) every objective aligned
    to those down the cascade. Sorted keys."""
    key = theme_key(theme_id)
    if key not in graph:
        return []
    direct = [k for k in graph.sources(key, SERVES) if graph.node_type(k) == "objective"]
    found = set(direct)
    if transitive:
        found.update(_breadth_first(direct, lambda k: children(graph, k)))
    return _in_cycle(graph, found, cycle)


def cycle_objectives(graph: OkrGraph, cycle_id: str) -> list[str]:
    """Every objective of one cycle, sorted keys."""
    key = cycle_key(cycle_id)
    return graph.sources(key, IN_CYCLE) if key in graph else []


def company_objectives(graph: OkrGraph, cycle: str | None = None) -> list[str]:
    """Objectives owned by the root unit: the top of the cascade. Sorted keys."""
    found = [o for unit in graph.root_units for o in graph.sources(unit_key(unit), OWNED_BY)]
    return _in_cycle(graph, [o for o in found if graph.node_type(o) == "objective"], cycle)


# Dependencies


def depends_on(graph: OkrGraph, objective: str) -> list[str]:
    """Objectives this one depends on."""
    return graph.targets(objective, DEPENDS_ON)


def dependents(graph: OkrGraph, objective: str) -> list[str]:
    """Objectives that depend on this one."""
    return graph.sources(objective, DEPENDS_ON)


@dataclass(frozen=True, slots=True)
class Dependency:
    """A depends_on edge between objectives of two different units."""

    source: str
    target: str
    source_unit: str
    target_unit: str


def cross_unit_dependencies(
    graph: OkrGraph, unit_id: str | None = None, *, include_sub_units: bool = False
) -> list[Dependency]:
    """depends_on edges whose two objectives belong to different units (an objective's unit
    is its owner, or its owner's unit). With `unit_id`, only edges touching that unit (and
    its sub-units with `include_sub_units`), either way. Sorted by source, then target."""
    if unit_id is None:
        candidates: Iterable[str] = graph.objective_keys()
    else:
        candidates = unit_objectives(
            graph, unit_id, include_sub_units=include_sub_units, include_members=True
        )
    edges: set[tuple[str, str]] = set()
    for key in candidates:
        edges.update((key, t) for t in depends_on(graph, key))
        edges.update((s, key) for s in dependents(graph, key))
    found: list[Dependency] = []
    for source, target in sorted(edges):
        source_unit = graph.nodes[source].get("unit")
        target_unit = graph.nodes[target].get("unit")
        if source_unit and target_unit and source_unit != target_unit:
            found.append(Dependency(source, target, source_unit, target_unit))
    return found


__all__ = [
    "Chains",
    "Dependency",
    "Orphans",
    "PersonObjectives",
    "aligned_from",
    "ancestors",
    "chains_to_mission",
    "children",
    "children_by_target",
    "company_objectives",
    "cross_unit_dependencies",
    "cycle_objectives",
    "dependents",
    "depends_on",
    "members",
    "orphaned_if_removed",
    "parent_objectives",
    "parents",
    "person_objectives",
    "sub_units",
    "theme_objectives",
    "unit_objectives",
]
