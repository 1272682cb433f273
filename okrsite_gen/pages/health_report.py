"""The alignment-health report: every guidance warning, by rule and by unit."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..model import Problem
from ..validate.registry import RULES
from .common import PageContext


def health_report(
    ctx: PageContext, warnings: list[Problem], objective_by_file: dict[str, str]
) -> dict[str, Any]:
    """`warnings` only from files whose objective is on the site (never a private one)."""
    graph = ctx.graph
    path = "health.md"
    by_rule: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_unit: dict[str, int] = defaultdict(int)
    for problem in warnings:
        key = objective_by_file.get(problem.file)
        if key is None or key not in graph:
            continue
        row = ctx.summary(path, key)
        by_rule[problem.rule].append(
            {"row": row, "message": problem.message, "where": str(problem.loc)}
        )
        unit = graph.nodes[key].get("unit")
        by_unit[unit or "—"] += 1
    return {
        "path": path,
        "title": "Alignment health",
        "rules": [
            {"id": rule, "summary": RULES[rule].summary, "entries": items}
            for rule, items in sorted(by_rule.items())
        ],
        "units": [
            {
                "link": ctx.link(path, f"unit:{unit}") if f"unit:{unit}" in graph else None,
                "name": unit,
                "count": count,
            }
            for unit, count in sorted(by_unit.items(), key=lambda item: (-item[1], item[0]))
        ],
        "total": sum(len(items) for items in by_rule.values()),
    }
