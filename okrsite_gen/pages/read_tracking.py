"""Every mapping a page builder reads, swapped for one that notes the reads (`okrsite
serve`'s page memo: incremental/page_memo.py).

A page builder that reads shared state kept anywhere else (a list, a cache filled by an
earlier page) must go through one of these mappings, or serve may keep a stale page:
tests/site/test_incremental_pages.py builds after many kinds of edit and compares.
"""

from __future__ import annotations

from typing import Any

from ..incremental.reads import ReadLog, TrackedDict
from .common import PageContext

# networkx caches views over the graph's dicts; these must be made again over ours.
_GRAPH_VIEWS = ("nodes", "adj", "succ", "pred", "edges", "in_edges", "out_edges", "degree")


def track_reads(ctx: PageContext, log: ReadLog) -> dict[str, dict[Any, Any]]:
    """Make every page input of `ctx` note its reads in `log`; the tracked mappings, by
    namespace (graph nodes, their out- and in-edges, comments, histories...)."""
    graph = ctx.graph
    nodes = TrackedDict(graph._node, log, "node")
    succ = TrackedDict(graph._succ, log, "succ")
    pred = TrackedDict(graph._pred, log, "pred")
    graph._node = nodes
    graph._adj = graph._succ = succ  # one dict in networkx: keep it one
    graph._pred = pred
    for view in _GRAPH_VIEWS:
        graph.__dict__.pop(view, None)
    ctx.history = TrackedDict(ctx.history, log, "history")
    ctx.private_parents = TrackedDict(ctx.private_parents, log, "private_parents")
    tracked: dict[str, dict[Any, Any]] = {
        "node": nodes,
        "succ": succ,
        "pred": pred,
        "history": ctx.history,
        "private_parents": ctx.private_parents,
    }
    if ctx.conversation is not None:
        tracked.update(ctx.conversation.track_reads(log))
    return tracked
