"""Unit, person, cycle and theme pages, and their index pages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..graph import rollups
from ..graph.keys import PART_OF, person_key, unit_key
from ..graph.okr_graph import OkrGraph
from ..graph.queries import (
    children,
    members,
    parent_objectives,
    person_objectives,
    sub_units,
    theme_objectives,
    unit_objectives,
)
from ..model import Cycle
from .activity import activity_path, feed_path
from .cascade import unit_diagram
from .common import PageContext, current_cycle
from .conversation import person_conversation
from .review import is_finished, review_path
from .urls import page_path


def _sorted_rows(ctx: PageContext, path: str, keys: list[str]) -> list[dict[str, Any]]:
    rows = [ctx.summary(path, key) for key in keys]
    return sorted(rows, key=lambda r: (r["cycle"] or "", r["id"]))


def rollup(graph: OkrGraph, keys: Iterable[str]) -> dict[str, Any]:
    """The graph's roll-up of some objectives, as the pages show it: a whole percent (0
    when nothing is left to average) and only the health states that occur."""
    summary = rollups.rollup(graph, keys)
    return {
        "count": summary.objectives,
        "percent": round((summary.average_progress or 0) * 100),
        "health": {state: count for state, count in summary.health.items() if count},
        "aligned": summary.aligned,
    }


def by_cycle(rows: list[dict[str, Any]], cycles: list[Cycle]) -> list[dict[str, Any]]:
    """Rows grouped per cycle, newest cycle first; cycles without rows left out."""
    order = sorted(cycles, key=lambda c: (c.start or c.end, c.id), reverse=True)  # type: ignore[arg-type, return-value]
    groups = []
    for cycle in order:
        in_cycle = [r for r in rows if r["cycle"] == cycle.id]
        if in_cycle:
            groups.append({"cycle": cycle.id, "rows": in_cycle})
    return groups


def _subtree_objectives(graph: OkrGraph, unit_id: str) -> list[str]:
    """Objectives owned by the unit, its sub-units and their people."""
    return unit_objectives(graph, unit_id, include_sub_units=True, include_members=True)


def unit_page(ctx: PageContext, key: str) -> dict[str, Any]:
    graph = ctx.graph
    path = page_path(key)
    unit = graph.nodes[key]["record"]
    unit_id = graph.nodes[key]["id"]
    cycles = graph.org.cycles if graph.org else []
    own = _sorted_rows(ctx, path, unit_objectives(graph, unit_id))
    subs = sub_units(graph, unit_id, transitive=False)
    # The diagram shows the current cycle, else the latest one the unit has objectives in.
    groups = by_cycle(own, cycles)
    current = current_cycle(cycles, ctx.today)
    own_cycles = [group["cycle"] for group in groups]
    shown_cycle = (
        current.id if current and current.id in own_cycles else next(iter(own_cycles), None)
    )
    parent = graph.targets(key, PART_OF)
    lead = unit.lead and person_key(unit.lead)
    return {
        "path": path,
        "title": ctx.display_name(key),
        "unit": unit,
        "description": ctx.markdown.block(unit.description) if unit.description else "",
        "lead": ctx.link(path, lead) if lead and lead in graph else None,
        "parent": ctx.link(path, parent[0]) if parent else None,
        "sub_units": [ctx.link(path, unit_key(s)) for s in subs],
        "members": [ctx.link(path, m) for m in members(graph, unit_id)],
        "groups": groups,
        "diagram_cycle": shown_cycle,
        "diagram": unit_diagram(
            ctx,
            path,
            [r["key"] for r in own if r["cycle"] == shown_cycle],
            f"Alignment of {ctx.display_name(key)}'s objectives in {shown_cycle}",
        ),
        "tree_rollup": rollup(graph, _subtree_objectives(graph, unit_id)),
        # One line per sub-unit, not every objective below: the company's page would
        # otherwise list the whole company.
        "sub_rollups": [
            {
                "link": ctx.link(path, unit_key(sub)),
                "rollup": rollup(graph, _subtree_objectives(graph, sub)),
            }
            for sub in subs
        ],
    }


def person_page(ctx: PageContext, key: str) -> dict[str, Any]:
    graph = ctx.graph
    path = page_path(key)
    person = graph.nodes[key]["record"]
    cycles = graph.org.cycles if graph.org else []
    theirs = person_objectives(graph, graph.nodes[key]["id"])
    own = _sorted_rows(ctx, path, theirs.owned)
    contributed = _sorted_rows(ctx, path, theirs.contributed)
    krs = []
    for source in theirs.key_results:
        kr = graph.key_result(source)
        krs.append(
            {
                "link": ctx.link(path, source),
                "objective": ctx.summary(path, f"objective:{kr.objective_id}"),
                "percent": round(graph.progress(source).value * 100),
                "health": graph.health(source).state,
                "health_label": graph.health(source).label,
            }
        )
    unit = person.unit and unit_key(person.unit)
    return {
        "path": path,
        "title": ctx.display_name(key),
        "person": person,
        "unit": ctx.link(path, unit) if unit and unit in graph else None,
        "handle": person.handle,
        "handle_url": f"{ctx.forge.repo_url.rsplit('/', 2)[0]}/{person.handle}"
        if ctx.forge and person.handle
        else None,
        "groups": by_cycle(own, cycles),
        "contributed": by_cycle(contributed, cycles),
        "krs": krs,
        **person_conversation(ctx, path, key),
    }


def cycle_tree(ctx: PageContext, path: str, keys: list[str]) -> list[dict[str, Any]]:
    """The cycle's objectives as a nested tree from the company level down."""
    graph = ctx.graph
    in_cycle = set(keys)
    roots = [k for k in keys if not any(p in in_cycle for p in parent_objectives(graph, k))]
    seen: set[str] = set()

    def node(key: str) -> dict[str, Any]:
        # An objective aligned to several parents shows under each of them; its own
        # sub-tree is spelled out once, where it first appears ("folded" elsewhere).
        seen.add(key)
        below = []
        for child in children(graph, key):
            if child not in in_cycle:
                continue
            if child in seen:
                folded = any(c in in_cycle for c in children(graph, child))
                below.append({"row": ctx.summary(path, child), "children": [], "folded": folded})
            else:
                below.append(node(child))
        return {"row": ctx.summary(path, key), "children": below, "folded": False}

    ordered_roots = sorted(roots, key=lambda k: (graph.nodes[k].get("level") is None, k))
    return [node(r) for r in ordered_roots if r not in seen]


def cycle_page(ctx: PageContext, key: str, objectives: list[str]) -> dict[str, Any]:
    graph = ctx.graph
    path = page_path(key)
    cycle: Cycle = graph.nodes[key]["record"]
    rows = [ctx.summary(path, k) for k in objectives]
    finished = is_finished(cycle, ctx)
    return {
        "path": path,
        "title": cycle.title or cycle.id,
        "cycle": cycle,
        "finished": finished,
        "roots": cycle_tree(ctx, path, objectives),
        "rollup": rollup(graph, objectives),
        "scores": sorted(rows, key=lambda r: (-r["progress"], r["id"])) if finished else [],
        "map_url": ctx.urls.link(path, f"map/{cycle.id}.md"),
        "activity_url": ctx.urls.link(path, activity_path(cycle.id)),
        "feed_url": ctx.urls.link(path, feed_path(cycle.id)),
        "review_url": ctx.urls.link(path, review_path(cycle.id)) if finished else None,
    }


def theme_page(ctx: PageContext, key: str) -> dict[str, Any]:
    graph = ctx.graph
    path = page_path(key)
    theme = graph.nodes[key]["record"]
    theme_id = graph.nodes[key]["id"]
    direct = theme_objectives(graph, theme_id, transitive=False)
    # Down the cascade: everything aligned to those, directly or transitively.
    below = [k for k in theme_objectives(graph, theme_id) if k not in direct]
    return {
        "path": path,
        "title": ctx.display_name(key),
        "theme": theme,
        "description": ctx.markdown.block(theme.description) if theme.description else "",
        "direct": _sorted_rows(ctx, path, direct),
        "below": _sorted_rows(ctx, path, below),
    }
