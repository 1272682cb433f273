"""Cascade diagrams: boxes never overlap, every edge joins the boxes of the nodes it names,
every node links to a page that exists — on the built sample site and on synthetic
layouts (many parents, wide fan-out, 500 nodes)."""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest

from okrsite_gen.render.diagram import Box, Edge, Node, layout, render_svg
from tests.site.conftest import PRIVATE_ID, BuiltSite, Element, parse_html

EPSILON = 0.6  # coordinates are written with one decimal
EDGE_ID = "2026-Q4/platform/edge-cache"


# --- reading an SVG diagram ------------------------------------------------------------------


@dataclass
class DrawnNode:
    key: str
    box: Box
    element: Element  # the <g class="okr-node">
    href: str | None  # where its enclosing <a> points, from the site root


@dataclass
class DrawnEdge:
    source: str
    target: str
    kind: str
    start: tuple[float, float]
    end: tuple[float, float]
    d: str = ""

    def points(self, steps: int = 24) -> list[tuple[float, float]]:
        """Points along the drawn path (its M, L and C commands), ends included."""
        tokens = re.findall(r"[MLC]|-?\d+(?:\.\d+)?", self.d)
        points: list[tuple[float, float]] = []
        here = (0.0, 0.0)
        i = 0
        while i < len(tokens):
            command = tokens[i]
            if command == "C":
                c1, c2, to = (
                    (float(tokens[i + 1 + 2 * k]), float(tokens[i + 2 + 2 * k])) for k in range(3)
                )
                for step in range(1, steps + 1):
                    t = step / steps
                    points.append(
                        tuple(
                            (1 - t) ** 3 * here[n]
                            + 3 * (1 - t) ** 2 * t * c1[n]
                            + 3 * (1 - t) * t**2 * c2[n]
                            + t**3 * to[n]
                            for n in range(2)
                        )
                    )
                here, i = to, i + 7
            else:  # M or L
                to = (float(tokens[i + 1]), float(tokens[i + 2]))
                if command == "L":
                    points.extend(
                        tuple(here[n] + (to[n] - here[n]) * step / steps for n in range(2))
                        for step in range(1, steps + 1)
                    )
                else:
                    points.append(to)
                here, i = to, i + 3
        return points


def read_diagram(svg: Element) -> tuple[dict[str, DrawnNode], list[DrawnEdge]]:
    nodes: dict[str, DrawnNode] = {}
    for g in svg.find_all("g", cls="okr-node"):
        x, y = map(
            float, re.fullmatch(r"translate\(([-\d.]+),([-\d.]+)\)", g.get("transform")).groups()
        )
        rect = g.find("rect", cls="okr-node__box")
        key = g.get("data-key")
        assert key not in nodes, f"node {key} drawn twice"
        link = g.parent if g.parent.tag == "a" else None
        href = link.resolve(link.href) if link is not None and link.href else None
        nodes[key] = DrawnNode(
            key, Box(x, y, float(rect.get("width")), float(rect.get("height"))), g, href
        )
    edges = []
    for path in svg.find_all("path", cls="okr-edge"):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d"))]
        kind = next(c for c in path.classes if c.startswith("okr-edge--")).removeprefix(
            "okr-edge--"
        )
        edges.append(
            DrawnEdge(
                path.get("data-source"),
                path.get("data-target"),
                kind,
                (numbers[0], numbers[1]),
                (numbers[-2], numbers[-1]),
                path.get("d"),
            )
        )
    return nodes, edges


def overlaps(a: Box, b: Box) -> bool:
    return (
        a.x < b.x + b.width - EPSILON
        and b.x < a.x + a.width - EPSILON
        and a.y < b.y + b.height - EPSILON
        and b.y < a.y + a.height - EPSILON
    )


def on_border(point: tuple[float, float], box: Box) -> bool:
    x, y = point
    inside = (
        box.x - EPSILON <= x <= box.x + box.width + EPSILON
        and box.y - EPSILON <= y <= box.y + box.height + EPSILON
    )
    near_side = min(
        abs(x - box.x), abs(x - box.x - box.width), abs(y - box.y), abs(y - box.y - box.height)
    )
    return inside and near_side <= EPSILON


def overlapping_pairs(boxes: dict[str, Box]) -> list[tuple[str, str]]:
    """Pairs of overlapping boxes (a sweep along x, so 500 boxes stay fast)."""
    items = sorted(boxes.items(), key=lambda item: item[1].x)
    found = []
    for i, (key, box) in enumerate(items):
        for other_key, other in items[i + 1 :]:
            if other.x >= box.x + box.width - EPSILON:
                break
            if overlaps(box, other):
                found.append((key, other_key))
    return found


def assert_well_drawn(svg: Element, where: str) -> tuple[dict[str, DrawnNode], list[DrawnEdge]]:
    nodes, edges = read_diagram(svg)
    assert nodes, f"{where}: an empty diagram"
    assert not overlapping_pairs({k: n.box for k, n in nodes.items()}), where
    width, height = float(svg.get("width")), float(svg.get("height"))
    for node in nodes.values():
        assert node.box.x >= 0 and node.box.y >= 0, f"{where}: {node.key} off the canvas"
        assert node.box.x + node.box.width <= width + EPSILON, f"{where}: {node.key} cut off"
        assert node.box.y + node.box.height <= height + EPSILON, f"{where}: {node.key} cut off"
    for edge in edges:
        assert edge.source in nodes and edge.target in nodes, f"{where}: {edge}"
        assert on_border(edge.start, nodes[edge.source].box), f"{where}: {edge} starts off its box"
        assert on_border(edge.end, nodes[edge.target].box), f"{where}: {edge} ends off its box"
    crossed = edges_under_boxes(nodes, edges)
    assert not crossed, f"{where}: edges drawn under other boxes: {crossed[:5]}"
    return nodes, edges


def edges_under_boxes(nodes: dict[str, DrawnNode], edges: list[DrawnEdge]) -> list[str]:
    """Edges that pass under a box other than their own two ends: a reader would take the
    line for an edge into that box."""
    found = []
    boxes = sorted(((n.box, k) for k, n in nodes.items()), key=lambda item: item[0].x)
    for edge in edges:
        points = edge.points()
        low_x = min(x for x, _ in points)
        high_x = max(x for x, _ in points)
        for box, key in boxes:
            if key in (edge.source, edge.target) or box.x > high_x or box.x + box.width < low_x:
                continue
            if any(
                box.x + 1 < x < box.x + box.width - 1 and box.y + 1 < y < box.y + box.height - 1
                for x, y in points
            ):
                found.append(f"{edge.source} -> {edge.target} under {key}")
    return found


def diagrams(site: BuiltSite, url: str) -> list[Element]:
    return site.article(url).find_all("svg", cls="okr-diagram")


# --- on the built sample site ----------------------------------------------------------------


def public(repo) -> list:
    return [o for o in repo.objectives if o.visibility != "private"]


def parents_in(objective, ids: set[str]) -> set[str]:
    return {ref.partition("#")[0] for ref in objective.aligns_to} & ids


def test_every_diagram_of_the_site_is_well_drawn(sample_site: BuiltSite) -> None:
    checked = 0
    for file in sample_site.html_files():
        url = sample_site.url_of(file)
        for svg in sample_site.page(url).find_all("svg", cls="okr-diagram"):
            assert_well_drawn(svg, url)
            checked += 1
    # One per objective, one per cycle map and one per unit with objectives, at least.
    assert checked >= 48 + 4


def test_diagram_links_leave_materials_instant_navigation_working(sample_site: BuiltSite) -> None:
    """Material reassigns `el.href` on every `[href]` element when it navigates; on an SVG
    <a> that property is read-only and the page's script dies. Diagrams use xlink:href."""
    svg = diagrams(sample_site, f"objectives/{EDGE_ID}/")[0]
    links = svg.find_all("a")
    assert links
    assert all("href" not in a.attrs and a.get("xlink:href") for a in links)
    assert svg.get("xmlns:xlink") == "http://www.w3.org/1999/xlink"


def test_objective_diagrams_draw_the_true_cascade(sample_site: BuiltSite, sample_repo) -> None:
    objectives = {o.id: o for o in public(sample_repo)}
    themes = {t.id for t in sample_repo.org.themes}
    for objective in objectives.values():
        url = f"objectives/{objective.id}/"
        (svg,) = diagrams(sample_site, url)
        nodes, edges = assert_well_drawn(svg, url)
        me = f"objective:{objective.id}"
        assert "okr-node--current" in nodes[me].element.classes
        drawn = {(e.source, e.target) for e in edges}
        # Up: every parent, with an edge into this objective; down: every child.
        for parent in parents_in(objective, set(objectives)):
            assert (f"objective:{parent}", me) in drawn, f"{url}: parent {parent}"
        for child in objectives.values():
            if objective.id in parents_in(child, set(objectives)):
                assert (me, f"objective:{child.id}") in drawn, f"{url}: child {child.id}"
        # Every drawn edge is true to the files.
        for edge in edges:
            if edge.kind == "aligns_to":
                child = objectives[edge.target.removeprefix("objective:")]
                assert edge.source.removeprefix("objective:") in parents_in(child, set(objectives))
            elif edge.source == "mission":
                assert edge.target == "vision"
            elif edge.source == "vision":
                assert edge.target.removeprefix("theme:") in themes
            else:  # a theme served by a top objective
                served = objectives[edge.target.removeprefix("objective:")]
                assert edge.source.removeprefix("theme:") in served.themes, f"{url}: {edge}"
        # A chain up to the mission whenever a top objective serves a theme.
        if any(e.kind == "serves" for e in edges):
            assert {"mission", "vision"} <= set(nodes)


def test_every_diagram_node_is_a_link_to_an_existing_page(sample_site: BuiltSite) -> None:
    for file in sample_site.html_files():
        url = sample_site.url_of(file)
        for svg in sample_site.page(url).find_all("svg", cls="okr-diagram"):
            nodes, _ = read_diagram(svg)
            for node in nodes.values():
                if "okr-node--current" in node.element.classes:
                    # The page's own objective: the reader is already there.
                    assert url == f"objectives/{node.key.removeprefix('objective:')}/index.html"
                    continue
                assert node.href is not None, f"{url}: {node.key} is not a link"
                assert sample_site.file_of(node.href).is_file(), f"{url}: {node.key} -> {node.href}"
                kind, _, ident = node.key.partition(":")
                expected = {
                    "objective": f"objectives/{ident}/",
                    "theme": f"themes/{ident}/",
                    "mission": "",
                    "vision": "",
                }[kind]
                assert node.href == expected, f"{url}: {node.key} -> {node.href}"


def test_objective_nodes_show_title_owner_progress_and_health(
    sample_site: BuiltSite, sample_repo
) -> None:
    people = {p.id: p.name for p in sample_repo.org.people}
    units = {u.id: u.name for u in sample_repo.org.units}
    (svg,) = diagrams(sample_site, "map/2026-Q4/")
    nodes, _ = read_diagram(svg)
    for objective in public(sample_repo):
        if objective.cycle != "2026-Q4":
            continue
        node = nodes[f"objective:{objective.id}"]
        assert node.element.find("title").text == re.sub(
            r"\[([^\]]*)\]\([^)]*\)", r"\1", objective.title
        )
        detail = node.element.find("text", cls="okr-node__detail").text
        owner = people.get(objective.owner) or units[objective.owner]
        assert re.fullmatch(rf"{re.escape(owner)} · \d+%", detail), detail
        assert any(c.startswith("okr-health--") for c in node.element.classes)
        assert node.element.find_all("rect", cls="okr-node__bar")


def test_the_2026_q4_map_has_one_node_per_public_objective(
    sample_site: BuiltSite, sample_repo
) -> None:
    (svg,) = diagrams(sample_site, "map/2026-Q4/")
    nodes, edges = assert_well_drawn(svg, "map/2026-Q4/")
    q4 = {o.id: o for o in public(sample_repo) if o.cycle == "2026-Q4"}
    assert set(nodes) == {f"objective:{i}" for i in q4}
    assert f"objective:{PRIVATE_ID}" not in nodes
    # An edge for each alignment inside the cycle, and no other.
    expected = {
        (f"objective:{parent}", f"objective:{o.id}")
        for o in q4.values()
        for parent in parents_in(o, set(q4))
    }
    assert {(e.source, e.target) for e in edges} == expected
    # Left to right: every parent sits left of its children.
    for source, target in expected:
        assert nodes[source].box.x + nodes[source].box.width <= nodes[target].box.x


def test_unit_diagram_shows_its_objectives_with_parents_and_children(
    sample_site: BuiltSite,
) -> None:
    (svg,) = diagrams(sample_site, "units/platform/")
    nodes, edges = assert_well_drawn(svg, "units/platform/")
    drawn = {(e.source, e.target) for e in edges}
    assert (
        "objective:2026-Q4/product-eng/fast-checkout-path",
        "objective:2026-Q4/platform/edge-cache",
    ) in drawn
    assert (
        "objective:2026-Q4/platform/edge-cache",
        "objective:2026-Q4/alice/cache-invalidation",
    ) in drawn
    # Top to bottom: parents above children.
    for source, target in drawn:
        assert nodes[source].box.y + nodes[source].box.height <= nodes[target].box.y


# --- the layout on synthetic inputs ------------------------------------------------------


def _check_layout(nodes: list[Node], edges: list[Edge], orientation: str) -> dict[str, Box]:
    placed = layout(nodes, edges, orientation)  # type: ignore[arg-type]
    assert set(placed.boxes) == {n.key for n in nodes}
    assert not overlapping_pairs(placed.boxes)
    for box in placed.boxes.values():
        assert box.x >= 0 and box.x + box.width <= placed.width
        assert box.y >= 0 and box.y + box.height <= placed.height
    # The rendered SVG agrees with the layout, and its edges join the right boxes.
    svg = parse_html(str(render_svg(nodes, edges, "test", orientation))).find("svg")  # type: ignore[arg-type]
    drawn_nodes, drawn_edges = assert_well_drawn(svg, f"synthetic {orientation}")
    for key, box in placed.boxes.items():
        drawn = drawn_nodes[key].box
        assert abs(drawn.x - box.x) <= EPSILON and abs(drawn.y - box.y) <= EPSILON, key
    assert [(e.source, e.target) for e in drawn_edges] == [(e.source, e.target) for e in edges]
    return placed.boxes


@pytest.mark.parametrize("orientation", ["TB", "LR"])
def test_a_node_with_several_parents_sits_below_all_of_them(orientation: str) -> None:
    parents = [Node(f"p{i}", f"Parent {i}", 0) for i in range(4)]
    child = Node("child", "The child", 1)
    edges = [Edge(p.key, "child") for p in parents]
    boxes = _check_layout([*parents, child], edges, orientation)
    along = "x" if orientation == "TB" else "y"
    across = "y" if orientation == "TB" else "x"
    positions = [getattr(boxes[p.key], along) for p in parents]
    assert min(positions) <= getattr(boxes["child"], along) <= max(positions)
    for p in parents:
        assert getattr(boxes[p.key], across) < getattr(boxes["child"], across)


@pytest.mark.parametrize("orientation", ["TB", "LR"])
def test_a_wide_fan_out_keeps_every_child_apart(orientation: str) -> None:
    nodes = [Node("root", "Root", 0)] + [Node(f"c{i}", f"Child {i}" * 5, 1) for i in range(60)]
    edges = [Edge("root", f"c{i}") for i in range(60)]
    boxes = _check_layout(nodes, edges, orientation)
    along = "x" if orientation == "TB" else "y"
    children = sorted(getattr(boxes[f"c{i}"], along) for i in range(60))
    # The root is centred over its children, not stuck at one end.
    root = getattr(boxes["root"], along)
    assert children[0] < root < children[-1]


def _random_dag(count: int, seed: int) -> tuple[list[Node], list[Edge]]:
    rng = random.Random(seed)
    layers = [0] * 5 + [1] * 25 + [2] * 90 + [3] * (count - 120 - 80) + [4] * 80
    nodes = [Node(f"n{i}", f"Objective number {i}", layer) for i, layer in enumerate(layers)]
    edges = []
    for node in nodes:
        above = [n for n in nodes if n.layer == node.layer - 1]
        for parent in rng.sample(above, k=min(len(above), rng.choice([1, 1, 1, 2, 3]))):
            edges.append(Edge(parent.key, node.key))
    # A few edges skipping a layer, and a few drawn upwards (child listed as source).
    for _ in range(20):
        low, high = rng.sample(nodes, 2)
        if low.layer != high.layer:
            edges.append(Edge(low.key, high.key, "depends_on"))
    return nodes, edges


@pytest.mark.parametrize("orientation", ["TB", "LR"])
def test_five_hundred_nodes_never_overlap(orientation: str) -> None:
    nodes, edges = _random_dag(500, seed=7)
    assert len(nodes) == 500
    _check_layout(nodes, edges, orientation)


def test_nodes_in_layers_with_gaps_and_unlinked_nodes() -> None:
    nodes = [Node("a", "A", 0), Node("b", "B", 5), Node("c", "C", 5), Node("lonely", "L", 9)]
    _check_layout(nodes, [Edge("a", "b"), Edge("a", "c")], "TB")


def test_diagram_text_from_content_is_never_markup() -> None:
    """Issue 9: a title or owner from a file is shown as text inside the SVG, never run."""
    payload = '</title><script>alert(1)</script><img src=x onerror="alert(2)">&amp;'
    nodes = [
        Node("objective:a", payload, 0, href="../a/", subtitle=payload, progress=0.5),
        Node('objective:b"onmouseover="alert(3)', payload, 1, href='x" onclick="alert(4)'),
    ]
    svg_text = str(render_svg(nodes, [Edge(nodes[0].key, nodes[1].key)], payload))
    root = ET.fromstring(svg_text)  # well-formed XML: nothing broke out of its element
    tags = {element.tag.split("}")[-1] for element in root.iter()}
    assert tags <= {"svg", "g", "a", "title", "rect", "text", "path"}
    attributes = {name for element in root.iter() for name in element.attrib}
    assert not {name for name in attributes if name.lower().startswith("on")}
    titles = [t.text for t in root.iter("{http://www.w3.org/2000/svg}title")]
    assert payload in titles
