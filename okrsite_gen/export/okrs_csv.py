"""The graph as CSV: one row per key result, the objective's columns repeated on each.

An objective without key results still gets one row, its KR columns empty. The written
columns are complete enough for `okrsite import` to rebuild the files' fields (not the
narrative or the check-in history: the JSON export has those); the last four columns are
computed and ignored on import. Lists are joined with ``;``. Rows are sorted by objective
id, then KR order, so the same repository gives the same bytes.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from ..graph import OkrGraph, public_view
from ..model import KeyResult, Objective

OBJECTIVE_COLUMNS = (
    "objective_id",
    "objective_title",
    "owner",
    "cycle",
    "path",
    "aligns_to",
    "themes",
    "kind",
    "origin",
    "status",
    "visibility",
    "contributors",
    "depends_on",
    "tags",
    "score",
)
KR_COLUMNS = (
    "kr_id",
    "kr_title",
    "kr_unit",
    "baseline",
    "target",
    "stretch",
    "current",
    "weight",
    "confidence",
    "due",
    "kr_owner",
    "done",
    "progress",
    "measured_by",
)
COMPUTED_COLUMNS = ("objective_progress", "objective_health", "kr_progress", "kr_health")
COLUMNS = OBJECTIVE_COLUMNS + KR_COLUMNS + COMPUTED_COLUMNS
LIST_SEPARATOR = ";"


def to_csv(graph: OkrGraph, include_private: bool = False) -> str:
    """One header row, then one row per key result (or per objective without any)."""
    if not include_private:
        graph = public_view(graph)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for key in graph.objective_keys():
        data = graph.nodes[key]
        head = _objective_cells(data["record"])
        computed = [_cell(data["progress"].value), data["health"].state]
        krs = graph.krs_of(key)
        if not krs:
            writer.writerow([*head, *[""] * len(KR_COLUMNS), *computed, "", ""])
        for kr_node in krs:
            kr_data = graph.nodes[kr_node]
            writer.writerow(
                [
                    *head,
                    *_kr_cells(kr_data["record"]),
                    *computed,
                    _cell(kr_data["progress"].value),
                    kr_data["health"].state,
                ]
            )
    return out.getvalue()


def _cell(value: Any) -> str:
    """A value as written in a file: empty for none, true/false, ISO dates, lists joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return str(value)


def _objective_cells(objective: Objective) -> list[str]:
    values = (
        objective.id,
        objective.title,
        objective.owner,
        objective.cycle,
        objective.path,
        objective.aligns_to,
        objective.themes,
        objective.kind,
        objective.origin,
        objective.status,
        objective.visibility,
        objective.contributors,
        objective.depends_on,
        objective.tags,
        objective.score,
    )
    return [_cell(value) for value in values]


def _kr_cells(kr: KeyResult) -> list[str]:
    values = (
        kr.id,
        kr.title,
        kr.unit or None,
        kr.baseline,
        kr.target,
        kr.stretch,
        kr.current,
        kr.weight,
        kr.confidence,
        kr.due,
        kr.owner,
        kr.done,
        kr.progress,
        kr.measured_by,
    )
    return [_cell(value) for value in values]
