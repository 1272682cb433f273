"""The graph as GraphML, for graph tools (Gephi, yEd, Cytoscape, networkx).

Same node keys and edge kinds as the graph itself. GraphML holds only scalars, so each
node carries a flat set of attributes (records and explanations stay in the JSON export);
an attribute that has no value is left off the node rather than written empty, and each
attribute name always has one type (numbers are floats, ``line``/``level`` integers).
Nodes and edges are written sorted, so the same repository gives the same bytes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import networkx as nx

from ..allocation import paused_gc
from ..graph import OkrGraph, public_view
from ..model import Cycle, KeyResult, Objective, Person, Unit
from .okrs_json import FORMAT, VERSION


def to_graphml(graph: OkrGraph, include_private: bool = False) -> str:
    """GraphML text of the graph (a directed multigraph; edge ids are the edge kinds)."""
    if not include_private:
        graph = public_view(graph)
    with paused_gc():  # networkx's writer allocates an XML element per attribute
        return _graphml(graph)


def _graphml(graph: OkrGraph) -> str:
    flat = nx.MultiDiGraph(
        format=FORMAT, version=VERSION, today=graph.today.isoformat(), public=graph.is_public
    )
    for key in sorted(graph):
        flat.add_node(key, **_node_attributes(graph.nodes[key]))
    for source, target, kind in sorted(graph.edges(keys=True)):
        flat.add_edge(source, target, key=kind, kind=kind)
    return "\n".join(nx.generate_graphml(flat)) + "\n"


def _node_attributes(data: dict[str, Any]) -> dict[str, Any]:
    attributes: dict[str, Any] = {
        "type": data["type"],
        "title": data["title"],
        "file": data["file"],
        "line": int(data["line"]),
    }
    record = data["record"]
    if data["type"] == "objective":
        attributes.update(_objective(record, data))
    elif data["type"] == "kr":
        attributes.update(_key_result(record, data))
    elif data["type"] == "unit":
        attributes.update(_unit(record))
    elif data["type"] == "person":
        attributes.update(_person(record))
    elif data["type"] == "cycle":
        attributes.update(_cycle(record))
    return {name: value for name, value in attributes.items() if value is not None}


def _number(value: float | None) -> float | None:
    return None if value is None else float(value)


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _objective(objective: Objective, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "owner": objective.owner,
        "cycle": objective.cycle,
        "kind": objective.kind,
        "origin": objective.origin,
        "status": objective.status,
        "visibility": objective.visibility,
        "private": bool(data["private"]),
        "tags": ";".join(objective.tags) or None,
        "score": _number(objective.score),
        "owner_unit": data["unit"],
        "progress": float(data["progress"].value),
        "health": data["health"].state,
        "verdict": data["reading"].verdict,
        "company": bool(data["company"]),
        "level": data["level"],
    }


def _key_result(kr: KeyResult, data: dict[str, Any]) -> dict[str, Any]:
    return {
        "objective": data["objective"],
        "private": bool(data["private"]),
        "measure_unit": kr.unit or None,
        "baseline": _number(kr.baseline),
        "target": _number(kr.target),
        "stretch": _number(kr.stretch),
        "current": _number(kr.current),
        "weight": _number(kr.weight),
        "confidence": _number(data["confidence"]),
        "due": _day(kr.due),
        "owner": kr.owner,
        "done": kr.done,
        "measured_by": kr.measured_by,
        "progress": float(data["progress"].value),
        "stretch_reached": data["progress"].stretch_reached,
        "health": data["health"].state,
    }


def _unit(unit: Unit) -> dict[str, Any]:
    return {"lead": unit.lead}


def _person(person: Person) -> dict[str, Any]:
    return {"handle": person.handle}


def _cycle(cycle: Cycle) -> dict[str, Any]:
    return {"start": _day(cycle.start), "end": _day(cycle.end)}
