"""Cascade diagrams: an objective's chains up to the mission and its children below; a
cycle's whole alignment map."""

from __future__ import annotations

from collections.abc import Container, Iterable

from markupsafe import Markup

from ..graph.keys import MISSION, VISION
from ..graph.okr_graph import OkrGraph
from ..graph.queries import children, parent_objectives
from ..render.diagram import Edge, Node, render_svg
from ..render.text import plain_text
from .common import PageContext, themes_of
from .urls import page_path

_TOP = 3  # layers 0-2 hold the mission, the vision and the themes


def _objective_node(ctx: PageContext, from_path: str, key: str, layer: int, current: bool) -> Node:
    graph = ctx.graph
    owner = graph.owner_of(key)
    return Node(
        key=key,
        title=plain_text(graph.objective(key).title),
        layer=layer,
        kind="objective",
        href=None if current else ctx.urls.link(from_path, page_path(key)),
        subtitle=ctx.display_name(owner) if owner else "",
        progress=graph.progress(key).value,
        health=graph.health(key).state,
        current=current,
    )


def _strategy_nodes(
    ctx: PageContext, from_path: str, tops: list[str], nodes: list[Node], edges: list[Edge]
) -> None:
    """Mission, vision and the themes the top objectives serve, linked down to them."""
    graph = ctx.graph
    org = graph.org
    themes: list[str] = []
    for top in tops:
        for theme in themes_of(graph, top):
            if theme not in themes:
                themes.append(theme)
            edges.append(Edge(theme, top, "serves"))
    if not themes or org is None:
        return
    home = ctx.urls.link(from_path, "index.md")
    upper = None
    if org.mission:
        nodes.append(
            Node(MISSION, plain_text(org.mission), 0, "mission", href=home, subtitle="Mission")
        )
        upper = MISSION
    if org.vision:
        nodes.append(
            Node(VISION, plain_text(org.vision), 1, "vision", href=home, subtitle="Vision")
        )
        if upper:
            edges.append(Edge(upper, VISION, "serves"))
        upper = VISION
    for theme in themes:
        nodes.append(
            Node(
                theme,
                ctx.display_name(theme),
                2,
                "theme",
                href=ctx.urls.link(from_path, page_path(theme)),
                subtitle="Theme",
            )
        )
        if upper:
            edges.append(Edge(upper, theme, "serves"))


def _layers(
    graph: OkrGraph, start: Iterable[str], within: Container[str] | None = None, top: int = 0
) -> tuple[dict[str, int], list[Edge]]:
    """The layer of each objective from `start` and of all it aligns to (only objectives
    `within`, when given): `top` without a parent, else one below its lowest parent. Also
    the edges to those parents, in the order found. A loop (check reports it) is cut
    where it would close."""
    layer: dict[str, int] = {}
    edges: list[Edge] = []

    def place(objective: str, trail: frozenset[str]) -> int:
        if objective in layer:
            return layer[objective]
        parents = [
            p
            for p in parent_objectives(graph, objective)
            if p not in trail and (within is None or p in within)
        ]
        edges.extend(Edge(parent, objective) for parent in parents)
        layer[objective] = max((place(p, trail | {objective}) + 1 for p in parents), default=top)
        return layer[objective]

    for objective in start:
        place(objective, frozenset())
    return layer, edges


def cascade_diagram(ctx: PageContext, from_path: str, key: str) -> Markup:
    """Every chain from `key` up to the mission, and the objectives aligned to it."""
    graph = ctx.graph
    layer, edges = _layers(graph, [key], top=_TOP)
    own_layer = layer[key]
    ancestors = sorted(layer, key=lambda k: (layer[k], k))
    nodes = [_objective_node(ctx, from_path, k, layer[k], k == key) for k in ancestors]
    for child in children(graph, key):
        if child not in layer:
            nodes.append(_objective_node(ctx, from_path, child, own_layer + 1, False))
            edges.append(Edge(key, child))
    tops = [k for k in ancestors if layer[k] == _TOP]
    _strategy_nodes(ctx, from_path, tops, nodes, edges)
    return render_svg(
        nodes, edges, f"Cascade of {plain_text(graph.objective(key).title)}", orientation="TB"
    )


def alignment_map(ctx: PageContext, from_path: str, cycle_id: str, objectives: list[str]) -> Markup:
    """A cycle's objectives in one left-to-right cascade, company objectives first."""
    graph = ctx.graph
    members = set(objectives)
    layer, _ = _layers(graph, objectives, within=members)
    nodes = [_objective_node(ctx, from_path, k, layer[k], False) for k in objectives]
    edges = [
        Edge(parent, child)
        for child in objectives
        for parent in parent_objectives(graph, child)
        if parent in members
    ]
    return render_svg(nodes, edges, f"Alignment map of {cycle_id}", orientation="LR")


def unit_diagram(ctx: PageContext, from_path: str, own: list[str], label: str) -> Markup | None:
    """A unit's objectives, what they align to (above) and what aligns to them (below)."""
    if not own:
        return None
    graph = ctx.graph
    shown = list(own)
    edges: list[Edge] = []
    for key in own:
        for parent in parent_objectives(graph, key):
            edges.append(Edge(parent, key))
            if parent not in shown:
                shown.append(parent)
        for child in children(graph, key):
            edges.append(Edge(key, child))
            if child not in shown:
                shown.append(child)
    layer, _ = _layers(graph, shown, within=set(shown))
    nodes = [_objective_node(ctx, from_path, k, layer[k], False) for k in shown]
    unique = list(dict.fromkeys(edges))
    return render_svg(nodes, unique, label, orientation="TB")
