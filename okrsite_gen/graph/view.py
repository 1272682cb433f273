"""The public view: the graph as anyone in the company may see it.

Private objectives never reach a public build. Rather than every page and export
remembering to filter, they all take `public_view(graph)`, which removes private
objectives with their KRs (and the comments on them), and scrubs every trace of them from
what remains: references in ``aligns_to``/``depends_on``/``measured_by`` of the records, and
the ``measured_by`` source named in a progress explanation. A public KR measured by a
private objective keeps its progress figure, but not the name it came from.
"""

from __future__ import annotations

from dataclasses import replace

from ..allocation import paused_gc
from ..model import KeyResult, Objective
from .keys import kr_key
from .levels import annotate_levels
from .okr_graph import OkrGraph
from .progress import Progress


def public_view(graph: OkrGraph) -> OkrGraph:
    """A copy of `graph` without private objectives; `graph` itself is left untouched.

    Cascade levels are recomputed (an objective aligned to the company only through a
    private objective is not aligned in public). Returns `graph` when already public.
    """
    if graph.is_public:
        return graph
    with paused_gc():
        return _public_copy(graph)


def _public_copy(graph: OkrGraph) -> OkrGraph:
    private = {key for key, data in graph.nodes(data=True) if data.get("private")}
    # Own node and edge dicts (shallow copies), so scrubbing never reaches the full graph.
    # Copied directly: networkx's filtered subgraph views are several times slower.
    view = OkrGraph()
    view.graph.update(graph.graph, public=True)
    view.add_nodes_from(
        (key, data.copy()) for key, data in graph.nodes.items() if key not in private
    )
    view.add_edges_from(
        (u, v, kind, data.copy())
        for u, v, kind, data in graph.edges(keys=True, data=True)
        if u not in private and v not in private
    )
    hidden = {graph.nodes[key]["id"] for key in private if graph.node_type(key) == "objective"}
    if hidden:
        for key, objective in list(view.iter_objectives()):
            _scrub(view, key, objective, hidden)
    annotate_levels(view)
    return view


def _is_hidden(ref: str, hidden: set[str]) -> bool:
    return ref.partition("#")[0] in hidden


def _scrub(view: OkrGraph, key: str, objective: Objective, hidden: set[str]) -> None:
    """Replace (never mutate: the full graph shares them) records naming hidden objectives."""
    krs = [_scrub_kr(view, kr, hidden) for kr in objective.key_results]
    refs_hidden = any(_is_hidden(r, hidden) for r in (*objective.aligns_to, *objective.depends_on))
    if not refs_hidden and all(
        new is old for new, old in zip(krs, objective.key_results, strict=True)
    ):
        return
    clean = replace(
        objective,
        aligns_to=[r for r in objective.aligns_to if not _is_hidden(r, hidden)],
        depends_on=[r for r in objective.depends_on if not _is_hidden(r, hidden)],
        key_results=krs,
    )
    view.nodes[key]["record"] = clean


def _scrub_kr(view: OkrGraph, kr: KeyResult, hidden: set[str]) -> KeyResult:
    if not kr.measured_by or kr.measured_by not in hidden:
        return kr
    clean = replace(kr, measured_by=None)
    node = kr_key(kr.ref)
    if node in view and view.nodes[node]["record"] is kr:
        data = view.nodes[node]
        data["record"] = clean
        data["progress"] = _without_source(data["progress"])
    return clean


def _without_source(progress: Progress) -> Progress:
    explanation = replace(
        progress.explanation,
        computation="progress of a private objective",
        source=None,
        notes=("measured by a private objective",),
    )
    return replace(progress, explanation=explanation)
