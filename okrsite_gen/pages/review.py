"""The review of a finished cycle: scores per objective, read by kind, what was dropped,
and what the owners reflected.

Committed objectives are met at 1.0; for aspirational ones 0.7 is a success (the graph's
`reading` says which verdict a score earns), so the two are listed apart: an aspirational
objective at 0.7 is a success, a committed one at 0.7 is not.
"""

from __future__ import annotations

from typing import Any

from ..model import Cycle
from .common import PageContext

# Verdicts that count as "delivered" for each kind (see graph.progress.reading).
_DELIVERED = {"committed": {"met"}, "aspirational": {"success"}}


def review_path(cycle_id: str) -> str:
    return f"review/{cycle_id}.md"


def is_finished(cycle: Cycle, ctx: PageContext) -> bool:
    return bool(cycle.end and cycle.end < ctx.today)


def _row(ctx: PageContext, path: str, key: str) -> dict[str, Any]:
    row = ctx.summary(path, key)
    reading = ctx.graph.reading(key)
    row["verdict"] = reading.verdict
    row["reading"] = reading.text
    row["score"] = f"{row['progress']:.2f}"
    return row


def review_page(ctx: PageContext, cycle: Cycle, keys: list[str]) -> dict[str, Any]:
    """Template context of `review/<cycle>.md`."""
    path = review_path(cycle.id)
    graph = ctx.graph
    rows = [_row(ctx, path, key) for key in keys]
    scored = [r for r in rows if r["status"] != "dropped"]
    groups = []
    for kind, title, rule in (
        ("committed", "Committed objectives", "a committed objective is met at 1.0"),
        (
            "aspirational",
            "Aspirational objectives",
            "for an aspirational objective 0.7 or more is a success",
        ),
    ):
        members = sorted(
            (r for r in scored if r["kind"] == kind), key=lambda r: (-r["progress"], r["id"])
        )
        delivered = sum(1 for r in members if r["verdict"] in _DELIVERED[kind])
        groups.append(
            {"kind": kind, "title": title, "rule": rule, "rows": members, "delivered": delivered}
        )
    reflections = []
    for row in sorted(rows, key=lambda r: r["id"]):
        objective = graph.objective(row["key"])
        if objective.reflection.strip():
            reflections.append({"row": row, "text": ctx.markdown.block(objective.reflection)})
    return {
        "path": path,
        "title": f"Review of {cycle.title or cycle.id}",
        "cycle": cycle,
        "cycle_link": ctx.link(path, f"cycle:{cycle.id}"),
        "groups": groups,
        "dropped": sorted((r for r in rows if r["status"] == "dropped"), key=lambda r: r["id"]),
        "reflections": reflections,
        "count": len(rows),
    }
