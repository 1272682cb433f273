"""Cascade diagrams as inline SVG, laid out at build time: no script, no network.

A small layered layout (the Sugiyama idea, kept simple): nodes sit in layers (mission,
themes, company, division, team...), each layer is ordered by the barycentre of its
neighbours to reduce crossings, then placed along the layer so no two boxes overlap and
each box sits near its parents. Top-to-bottom for an objective's cascade, left-to-right
for a company map, where hundreds of objectives read best as a long scroll.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from html import escape
from itertools import pairwise
from typing import Literal

from markupsafe import Markup

Orientation = Literal["TB", "LR"]


@dataclass(frozen=True, slots=True)
class Node:
    key: str
    title: str  # plain text; escaped here
    layer: int
    kind: str = "objective"  # mission | vision | theme | objective | kr | private
    href: str | None = None
    subtitle: str = ""
    progress: float | None = None
    health: str | None = None
    current: bool = False  # the page's own objective


@dataclass(frozen=True, slots=True)
class Edge:
    source: str  # drawn from here (the parent, upper layer)...
    target: str  # ...to here (the child)
    kind: str = "aligns_to"


@dataclass(frozen=True, slots=True)
class Box:
    x: float
    y: float
    width: float
    height: float

    @property
    def center(self) -> tuple[float, float]:
        return self.x + self.width / 2, self.y + self.height / 2


@dataclass(slots=True)
class Layout:
    boxes: dict[str, Box] = field(default_factory=dict)
    width: float = 0
    height: float = 0
    lanes: dict[str, Box] = field(default_factory=dict)  # room kept for long edges
    routes: dict[int, list[str]] = field(default_factory=dict)  # edge number -> its lanes


@dataclass(frozen=True, slots=True)
class Geometry:
    node_width: float
    node_height: float
    gap_along: float  # between boxes of one layer
    gap_across: float  # between layers


GEOMETRY = {
    "TB": Geometry(node_width=210, node_height=76, gap_along=18, gap_across=56),
    "LR": Geometry(node_width=250, node_height=66, gap_along=10, gap_across=70),
}
_MARGIN = 8
_SWEEPS = 4
_LANE = "\x00lane:"  # key prefix of the lanes long edges run through (never a real key)
_LANE_WIDTH = 8


def _order_layers(nodes: list[Node], edges: list[Edge]) -> list[list[str]]:
    """Keys per layer, ordered to reduce crossings (barycentre sweeps down and up)."""
    layers: dict[int, list[str]] = defaultdict(list)
    for node in nodes:
        layers[node.layer].append(node.key)
    ordered = [layers[index] for index in sorted(layers)]
    layer_of = {key: i for i, keys in enumerate(ordered) for key in keys}
    neighbours_above: dict[str, list[str]] = defaultdict(list)
    neighbours_below: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        if edge.source in layer_of and edge.target in layer_of:
            upper, lower = sorted((edge.source, edge.target), key=layer_of.__getitem__)
            if layer_of[upper] != layer_of[lower]:
                neighbours_above[lower].append(upper)
                neighbours_below[upper].append(lower)

    def barycentre(
        key: str, linked: list[str], position: dict[str, int], current: dict[str, int]
    ) -> float:
        if not linked:
            return current[key]  # unlinked nodes keep their place
        return sum(position[k] for k in linked) / len(linked)

    def sweep(indices: range, neighbours: dict[str, list[str]]) -> None:
        for i in indices:
            position = {key: p for keys in ordered for p, key in enumerate(keys)}
            current = {key: p for p, key in enumerate(ordered[i])}
            ordered[i] = sorted(
                ordered[i],
                key=lambda k: (barycentre(k, neighbours.get(k, []), position, current), current[k]),
            )

    for _ in range(_SWEEPS):
        sweep(range(1, len(ordered)), neighbours_above)
        sweep(range(len(ordered) - 2, -1, -1), neighbours_below)
    return ordered


def _with_lanes(
    nodes: list[Node], edges: list[Edge]
) -> tuple[list[Node], list[Edge], dict[int, list[str]]]:
    """Long edges (across more than one layer) cut into steps through lane nodes, one per
    layer crossed, so they run in lanes of their own instead of under the boxes there.

    Returns the nodes with the lanes, the edges in steps, and each long edge's lanes (by
    its position in `edges`), from its source to its target.
    """
    layers = sorted({node.layer for node in nodes})
    index = {layer: i for i, layer in enumerate(layers)}
    layer_of = {node.key: index[node.layer] for node in nodes}
    all_nodes = list(nodes)
    steps: list[Edge] = []
    lanes: dict[int, list[str]] = {}
    for number, edge in enumerate(edges):
        if edge.source not in layer_of or edge.target not in layer_of:
            continue
        start, end = layer_of[edge.source], layer_of[edge.target]
        if abs(end - start) <= 1:
            steps.append(edge)
            continue
        direction = 1 if end > start else -1
        chain = [edge.source]
        for i in range(start + direction, end, direction):
            key = f"{_LANE}{number}:{i}"
            all_nodes.append(Node(key, "", layers[i], kind="lane"))
            chain.append(key)
        chain.append(edge.target)
        steps.extend(Edge(u, v, edge.kind) for u, v in pairwise(chain))
        lanes[number] = chain[1:-1]
    return all_nodes, steps, lanes


def layout(nodes: list[Node], edges: list[Edge], orientation: Orientation = "TB") -> Layout:
    """Place every node: boxes never overlap; each sits as near its parents as it can.

    Edges that cross layers get a narrow lane in each layer they cross (`Layout.lanes`).
    """
    geometry = GEOMETRY[orientation]
    all_nodes, steps, routes = _with_lanes(nodes, edges)
    ordered = _order_layers(all_nodes, steps)
    along_size = geometry.node_width if orientation == "TB" else geometry.node_height
    across_size = geometry.node_height if orientation == "TB" else geometry.node_width

    def size(key: str) -> float:
        return _LANE_WIDTH if key.startswith(_LANE) else along_size

    parents: dict[str, list[str]] = defaultdict(list)
    layer_index = {key: i for i, keys in enumerate(ordered) for key in keys}
    for edge in steps:
        if edge.source in layer_index and edge.target in layer_index:
            if layer_index[edge.source] < layer_index[edge.target]:
                parents[edge.target].append(edge.source)
            elif layer_index[edge.target] < layer_index[edge.source]:
                parents[edge.source].append(edge.target)

    children: dict[str, list[str]] = defaultdict(list)
    for child, its_parents in parents.items():
        for parent in its_parents:
            children[parent].append(child)

    along: dict[str, float] = {}  # the centre of each node along its layer

    def place(keys: list[str], anchors: dict[str, list[str]]) -> None:
        free = min((along[k] - size(k) / 2 for k in keys if k in along), default=0.0)
        for key in keys:
            placed = [along[a] for a in anchors.get(key, []) if a in along]
            wanted = sum(placed) / len(placed) if placed else along.get(key, free + size(key) / 2)
            along[key] = max(free + size(key) / 2, wanted)
            free = along[key] + size(key) / 2 + geometry.gap_along

    for keys in ordered:  # down: each box under its parents
        place(keys, parents)
    for keys in reversed(ordered[:-1]):  # up: each parent over its children
        place(keys, children)
    shift = min((along[k] - size(k) / 2 for k in along), default=0.0)

    result = Layout()
    for i, keys in enumerate(ordered):
        for key in keys:
            a = along[key] - size(key) / 2 - shift + _MARGIN
            c = i * (across_size + geometry.gap_across) + _MARGIN
            x, y = (a, c) if orientation == "TB" else (c, a)
            width, height = (
                (size(key), across_size) if orientation == "TB" else (across_size, size(key))
            )
            target = result.lanes if key.startswith(_LANE) else result.boxes
            target[key] = Box(x, y, width, height)
    result.routes = routes
    every = [*result.boxes.values(), *result.lanes.values()]
    result.width = max((b.x + b.width for b in every), default=0) + _MARGIN
    result.height = max((b.y + b.height for b in every), default=0) + _MARGIN
    return result


def _wrap(text: str, width: int, lines: int) -> list[str]:
    words, result, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if len(candidate) <= width:
            line = candidate
            continue
        if line:
            result.append(line)
        line = word if len(word) <= width else word[: width - 1] + "…"
        if len(result) == lines:
            break
    if line and len(result) < lines:
        result.append(line)
    if len(result) == lines and " ".join(result) != " ".join(words):
        last = result[-1]
        result[-1] = (last[: width - 1] if len(last) >= width else last) + "…"
    return result[:lines]


def _edge_path(
    source: Box, target: Box, orientation: Orientation, lanes: list[Box] | None = None
) -> str:
    """From a side of `source` to a side of `target`, through the middle of each lane."""
    tb = orientation == "TB"
    forward = (target.y >= source.y) if tb else (target.x >= source.x)

    def side(box: Box, leaving: bool) -> tuple[float, float]:
        far = leaving == forward  # leave forward from the far side; enter on the near side
        if tb:
            return box.x + box.width / 2, box.y + box.height if far else box.y
        return box.x + box.width if far else box.x, box.y + box.height / 2

    def curve(start: tuple[float, float], end: tuple[float, float]) -> str:
        (x1, y1), (x2, y2) = start, end
        if tb:
            middle = (y1 + y2) / 2
            return f" C{x1:.1f},{middle:.1f} {x2:.1f},{middle:.1f} {x2:.1f},{y2:.1f}"
        middle = (x1 + x2) / 2
        return f" C{middle:.1f},{y1:.1f} {middle:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"

    here = side(source, leaving=True)
    path = f"M{here[0]:.1f},{here[1]:.1f}"
    for lane in lanes or []:
        enter, leave = side(lane, leaving=False), side(lane, leaving=True)
        path += curve(here, enter) + f" L{leave[0]:.1f},{leave[1]:.1f}"
        here = leave
    return path + curve(here, side(target, leaving=False))


def _node_svg(node: Node, box: Box) -> str:
    classes = ["okr-node", f"okr-node--{node.kind}"]
    if node.health:
        classes.append(f"okr-health--{node.health}")
    if node.current:
        classes.append("okr-node--current")
    chars = int(box.width / 7.2)
    lines = _wrap(node.title, chars, 2)
    parts = [
        f'<g class="{" ".join(classes)}" data-key="{escape(node.key)}" '
        f'transform="translate({box.x:.1f},{box.y:.1f})">',
        f"<title>{escape(node.title)}</title>",
        f'<rect class="okr-node__box" width="{box.width:.0f}" height="{box.height:.0f}" rx="6"/>',
    ]
    for index, line in enumerate(lines):
        parts.append(
            f'<text class="okr-node__title" x="10" y="{18 + index * 16}">{escape(line)}</text>'
        )
    detail = node.subtitle
    if node.progress is not None:
        detail = (
            f"{detail} · {round(node.progress * 100)}%"
            if detail
            else f"{round(node.progress * 100)}%"
        )
    if detail:
        parts.append(
            f'<text class="okr-node__detail" x="10" y="{box.height - 12:.0f}">'
            f"{escape(_wrap(detail, chars, 1)[0] if _wrap(detail, chars, 1) else '')}</text>"
        )
    if node.progress is not None:
        filled = max(0.0, min(1.0, node.progress)) * (box.width - 2)
        parts.append(
            f'<rect class="okr-node__track" x="1" y="{box.height - 5:.0f}" '
            f'width="{box.width - 2:.0f}" height="4"/>'
            f'<rect class="okr-node__bar" x="1" y="{box.height - 5:.0f}" '
            f'width="{filled:.1f}" height="4"/>'
        )
    parts.append("</g>")
    svg = "".join(parts)
    if node.href:
        # xlink:href, not href: Material's instant navigation reassigns `el.href` on every
        # `[href]` element of a page, which throws on an SVG link (its href is read-only)
        # and breaks navigation. Every browser follows xlink:href on an SVG <a>.
        return f'<a xlink:href="{escape(node.href)}">{svg}</a>'
    return svg


def render_svg(
    nodes: list[Node], edges: list[Edge], label: str, orientation: Orientation = "TB"
) -> Markup:
    """The diagram as one inline `<svg>`; nodes link to their pages."""
    placed = layout(nodes, edges, orientation)
    parts = [
        f'<svg class="okr-diagram okr-diagram--{orientation.lower()}" xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'role="img" aria-label="{escape(label)}" width="{placed.width:.0f}" '
        f'height="{placed.height:.0f}" viewBox="0 0 {placed.width:.0f} {placed.height:.0f}">',
        '<g class="okr-edges">',
    ]
    for number, edge in enumerate(edges):
        source, target = placed.boxes.get(edge.source), placed.boxes.get(edge.target)
        if source is None or target is None:
            continue
        lanes = [placed.lanes[key] for key in placed.routes.get(number, [])]
        parts.append(
            f'<path class="okr-edge okr-edge--{escape(edge.kind)}" '
            f'data-source="{escape(edge.source)}" data-target="{escape(edge.target)}" '
            f'd="{_edge_path(source, target, orientation, lanes)}"/>'
        )
    parts.append('</g><g class="okr-nodes">')
    parts.extend(_node_svg(node, placed.boxes[node.key]) for node in nodes)
    parts.append("</g></svg>")
    return Markup("".join(parts))
