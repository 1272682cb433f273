"""The graph as JSON: the documented, versioned ``okrsite/okrs`` shape (docs/export.md).

Version 1. Every key is always present (``null`` when not written), lists are sorted by id
(key results keep their written order), and `dump_json` writes sorted keys, compactly,
so the same repository gives the same bytes. What a company wrote keeps the field names of its files;
what okrsite computed sits under ``computed``. Bump `VERSION` when a key changes meaning or
goes away; adding a key is compatible.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from ..allocation import paused_gc
from ..graph import OkrGraph, cycle_rollup, public_view
from ..graph.progress import confidence_of
from ..model import Checkin, Cycle, KeyResult, Objective, Person, Theme, Unit

FORMAT = "okrsite/okrs"
VERSION = 1


def to_json(graph: OkrGraph, include_private: bool = False) -> dict[str, Any]:
    """The whole graph as plain data (dicts, lists, str, numbers, bools, None)."""
    if not include_private:
        graph = public_view(graph)
    with paused_gc():  # some 50 small dicts per key result: see paused_gc
        return _document(graph)


def _document(graph: OkrGraph) -> dict[str, Any]:
    org = graph.org
    return {
        "format": FORMAT,
        "version": VERSION,
        "today": graph.today.isoformat(),
        "public": not _has_private(graph),
        "org": {"name": org.name, "mission": org.mission, "vision": org.vision} if org else None,
        "themes": [_theme(graph.nodes[k]["record"]) for k in graph.keys_of_type("theme")],
        "cycles": [_cycle(graph, graph.nodes[k]["record"]) for k in graph.keys_of_type("cycle")],
        "units": [_unit(graph.nodes[k]["record"]) for k in graph.keys_of_type("unit")],
        "people": [_person(graph.nodes[k]["record"]) for k in graph.keys_of_type("person")],
        "objectives": [_objective(graph, key) for key in graph.objective_keys()],
    }


def dump_json(data: dict[str, Any]) -> str:
    """`data` as deterministic, compact JSON text: sorted keys, no spaces, final newline.

    Compact because the file is for programs (browsers and ``jq`` indent it for people):
    indentation would double its size (some 40 MB more at 10,000 objectives).
    """
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"


def _has_private(graph: OkrGraph) -> bool:
    return any(data.get("private") for _, data in graph.nodes(data=True))


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _theme(theme: Theme) -> dict[str, Any]:
    return {"id": theme.id, "title": theme.title, "description": theme.description}


def _cycle(graph: OkrGraph, cycle: Cycle) -> dict[str, Any]:
    return {
        "id": cycle.id,
        "title": cycle.title,
        "start": _day(cycle.start),
        "end": _day(cycle.end),
        "rollup": cycle_rollup(graph, cycle.id).to_dict(),
    }


def _unit(unit: Unit) -> dict[str, Any]:
    return {
        "id": unit.id,
        "name": unit.name,
        "parent": unit.parent,
        "lead": unit.lead,
        "description": unit.description,
    }


def _person(person: Person) -> dict[str, Any]:
    return {
        "id": person.id,
        "name": person.name,
        "unit": person.unit,
        "handle": person.handle,
        "title": person.title,
    }


def _objective(graph: OkrGraph, key: str) -> dict[str, Any]:
    data = graph.nodes[key]
    objective: Objective = data["record"]
    return {
        "id": objective.id,
        "title": objective.title,
        "owner": objective.owner,
        "cycle": objective.cycle,
        "path": objective.path,
        "file": data["file"],
        "line": data["line"],
        "aligns_to": list(objective.aligns_to),
        "themes": list(objective.themes),
        "kind": objective.kind,
        "origin": objective.origin,
        "status": objective.status,
        "visibility": objective.visibility,
        "contributors": list(objective.contributors),
        "depends_on": list(objective.depends_on),
        "tags": list(objective.tags),
        "score": objective.score,
        "reflection": objective.reflection,
        "description": objective.body,
        "key_results": [_key_result(graph, kr) for kr in graph.krs_of(key)],
        "computed": {
            "progress": data["progress"].to_dict(),
            "health": data["health"].to_dict(),
            "reading": data["reading"].to_dict(),
            "unit": data["unit"],
            "company": data["company"],
            "level": data["level"],
        },
    }


def _key_result(graph: OkrGraph, key: str) -> dict[str, Any]:
    data = graph.nodes[key]
    kr: KeyResult = data["record"]
    return {
        "id": kr.id,
        "ref": kr.ref,
        "title": kr.title,
        "line": data["line"],
        "unit": kr.unit,
        "baseline": kr.baseline,
        "target": kr.target,
        "stretch": kr.stretch,
        "current": kr.current,
        "weight": kr.weight,
        "confidence": kr.confidence,
        "due": _day(kr.due),
        "owner": kr.owner,
        "done": kr.done,
        "progress": kr.progress,
        "measured_by": kr.measured_by,
        "checkins": [_checkin(c) for c in kr.checkins],
        "computed": {
            "kind": data["progress"].source,
            "progress": data["progress"].to_dict(),
            "health": data["health"].to_dict(),
            "confidence": confidence_of(kr),
        },
    }


def _checkin(checkin: Checkin) -> dict[str, Any]:
    return {
        "date": _day(checkin.date),
        "value": checkin.value,
        "confidence": checkin.confidence,
        "note": checkin.note,
        "by": checkin.by,
        "done": checkin.done,
        "progress": checkin.progress,
    }
