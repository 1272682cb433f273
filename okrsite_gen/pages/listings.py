"""Unit, person, cycle and theme pages, and their index pages."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..graph.keys import CONTRIBUTES, OWNED_BY, PART_OF, SERVES, person_key, unit_key
from ..model import Cycle
from .activity import activity_path, feed_path
from .cascade import unit_diagram
from .common import (
    PageContext,
    children_of,
    current_cycle,
    descendants,
    owned_objectives,
    parents_of,
)
from .conversation import person_conversation
from .review import review_path
from .urls import page_path


def _sorted_rows(ctx: PageContext, path: str, keys: list[str]) -> list[dict[str, Any]]:
    rows = [ctx.summary(path, key) for key in keys]
    return sorted(rows, key=lambda r: (r["cycle"] or "", r["id"]))


def rollup(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Average progress and health counts of a list of objective rows."""
    live = [r for r in rows if r["status"] != "dropped"]
    counts = Counter(r["health"] for r in live)
    return {
        "count": len(rows),
        "percent": round(sum(r["progress"] for r in live) / len(live) * 100) if live else 0,
        "health": dict(sorted(counts.items())),
        "aligned": sum(1 for r in live if r["level"] is not None),
    }


def by_cycle(rows: list[dict[str, Any]], cycles: list[Cycle]) -> list[dict[str, Any]]:
    """Rows grouped per cycle, newest cycle first; cycles without rows left out."""
    order = sorted(cycles, key=lambda c: (c.start or c.end, c.id), reverse=True)  # type: ignore[arg-type, return-value]
    groups = []
    for cycle in order:
        members = [r for r in rows if r["cycle"] == cycle.id]
        if members:
            groups.append({"cycle": cycle.id, "rows": members, "rollup": rollup(members)})
    return groups


def sub_units(ctx: PageContext, unit: str) -> list[str]:
    graph = ctx.graph
    return sorted(s for s in graph.sources(unit, PART_OF) if graph.node_type(s) == "unit")


def subtree(ctx: PageContext, unit: str) -> list[str]:
    """The unit and every unit below it."""
    result, stack = [], [unit]
    while stack:
        current = stack.pop()
        if current not in result:
            result.append(current)
            stack.extend(sub_units(ctx, current))
    return result


def members(ctx: PageContext, unit: str) -> list[str]:
    graph = ctx.graph
    return sorted(s for s in graph.sources(unit, PART_OF) if graph.node_type(s) == "person")


def subtree_objectives(ctx: PageContext, unit: str) -> list[str]:
    """Objectives owned by the unit, its sub-units and their people."""
    graph = ctx.graph
    keys: set[str] = set()
    for sub in subtree(ctx, unit):
        keys.update(owned_objectives(graph, sub))
        for person in members(ctx, sub):
            keys.update(owned_objectives(graph, person))
    return sorted(keys)


def unit_page(ctx: PageContext, key: str) -> dict[str, Any]:
    graph = ctx.graph
    path = page_path(key)
    unit = graph.nodes[key]["record"]
    cycles = graph.org.cycles if graph.org else []
    own = _sorted_rows(ctx, path, owned_objectives(graph, key))
    tree_rows = _sorted_rows(ctx, path, subtree_objectives(ctx, key))
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
        "sub_units": [ctx.link(path, s) for s in sub_units(ctx, key)],
        "members": [ctx.link(path, m) for m in members(ctx, key)],
        "groups": groups,
        "diagram_cycle": shown_cycle,
        "diagram": unit_diagram(
            ctx,
            path,
            [r["key"] for r in own if r["cycle"] == shown_cycle],
            f"Alignment of {ctx.display_name(key)}'s objectives in {shown_cycle}",
        ),
        "tree_rollup": rollup(tree_rows),
        # One line per sub-unit, not every objective below: the company's page would
        # otherwise list the whole company.
        "sub_rollups": [
            {
                "link": ctx.link(path, sub),
                "rollup": rollup(_sorted_rows(ctx, path, subtree_objectives(ctx, sub))),
            }
            for sub in sub_units(ctx, key)
        ],
    }


def person_page(ctx: PageContext, key: str) -> dict[str, Any]:
    graph = ctx.graph
    path = page_path(key)
    person = graph.nodes[key]["record"]
    cycles = graph.org.cycles if graph.org else []
    own = _sorted_rows(ctx, path, owned_objectives(graph, key))
    contributed = _sorted_rows(
        ctx,
        path,
        [t for t in graph.targets(key, CONTRIBUTES) if graph.node_type(t) == "objective"],
    )
    krs = []
    for source in graph.sources(key, OWNED_BY):
        if graph.node_type(source) == "kr":
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
    members = set(keys)
    roots = [k for k in keys if not any(p in members for p in parents_of(graph, k))]
    seen: set[str] = set()

    def node(key: str) -> dict[str, Any]:
        # An objective aligned to several parents shows under each of them; its own
        # sub-tree is spelled out once, where it first appears ("folded" elsewhere).
        seen.add(key)
        children = []
        for child in children_of(graph, key):
            if child not in members:
                continue
            if child in seen:
                folded = any(c in members for c in children_of(graph, child))
                children.append({"row": ctx.summary(path, child), "children": [], "folded": folded})
            else:
                children.append(node(child))
        return {"row": ctx.summary(path, key), "children": children, "folded": False}

    ordered_roots = sorted(roots, key=lambda k: (graph.nodes[k].get("level") is None, k))
    return [node(r) for r in ordered_roots if r not in seen]


def cycle_page(ctx: PageContext, key: str, objectives: list[str]) -> dict[str, Any]:
    graph = ctx.graph
    path = page_path(key)
    cycle: Cycle = graph.nodes[key]["record"]
    rows = [ctx.summary(path, k) for k in objectives]
    finished = bool(cycle.end and cycle.end < ctx.today)
    return {
        "path": path,
        "title": cycle.title or cycle.id,
        "cycle": cycle,
        "finished": finished,
        "roots": cycle_tree(ctx, path, objectives),
        "rollup": rollup(rows),
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
    direct = sorted(s for s in graph.sources(key, SERVES) if graph.node_type(s) == "objective")
    below = descendants(graph, direct)
    return {
        "path": path,
        "title": ctx.display_name(key),
        "theme": theme,
        "description": ctx.markdown.block(theme.description) if theme.description else "",
        "direct": _sorted_rows(ctx, path, direct),
        "below": _sorted_rows(ctx, path, [k for k in below if k not in direct]),
    }
