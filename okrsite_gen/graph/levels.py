"""Cascade levels: how many ``aligns_to`` steps each objective sits below the company.

A *company objective* is one owned by a root unit (the unit without a parent). It is level
0; an objective aligned to it or to one of its KRs is level 1, and so on (the shortest
way down when there are several). Objectives that do not reach a company objective have
level None. One breadth-first pass over the graph; aligns_to loops cannot hang it.
"""

from __future__ import annotations

from collections import deque

from .keys import ALIGNS_TO, unit_key
from .okr_graph import OkrGraph


def annotate_levels(graph: OkrGraph) -> None:
    """Set ``company`` and ``level`` on every objective node, in place."""
    roots = {unit_key(unit_id) for unit_id in graph.root_units}
    queue: deque[str] = deque()
    for key, data in graph.nodes(data=True):
        if data["type"] != "objective":
            continue
        data["company"] = graph.owner_of(key) in roots
        data["level"] = 0 if data["company"] else None
        if data["company"]:
            queue.append(key)
    queue = deque(sorted(queue))
    while queue:
        key = queue.popleft()
        level = graph.nodes[key]["level"] + 1
        for child in direct_children(graph, key):
            child_data = graph.nodes[child]
            if child_data["level"] is None:
                child_data["level"] = level
                queue.append(child)


def direct_children(graph: OkrGraph, objective_key: str) -> list[str]:
    """Objectives aligned to this objective or to one of its KRs, sorted, no repeats."""
    children: set[str] = set()
    pred = graph.pred
    for target in (objective_key, *graph.krs_of(objective_key)):
        for source, keys in pred[target].items():
            if ALIGNS_TO in keys:
                children.add(source)
    children.discard(objective_key)
    return sorted(children)
