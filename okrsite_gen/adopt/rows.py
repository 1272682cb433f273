"""Spreadsheet rows grouped into objectives: one row per key result, the objective's
cells repeated on each row or left blank below its first (as merged cells export).

A row with an `objective_id` or `objective_title` names its objective: the same id, else
the same title (and cycle, when both rows give one), is the same objective wherever the
row is. A row naming none continues the objective above it. Cells an objective's rows
repeat must agree; blank ones take the value given on another row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..edit.table import Row
from ..model import Problem
from .columns import KR_FIELDS, OBJECTIVE_FIELDS

# Objective columns that name an objective; the others may be left blank below it.
IDENTITY = ("objective_id", "objective_title")


@dataclass(slots=True)
class ObjectiveRows:
    """One objective's rows: its cells (merged over the rows) and one row per key result."""

    first: Row
    cells: dict[str, str] = field(default_factory=dict)
    kr_rows: list[Row] = field(default_factory=list)

    def merged_row(self) -> Row:
        """The first row with the objective's cells filled in from the others."""
        first = self.first
        return Row(first.file, first.line, {**first.cells, **self.cells}, first.columns)


def group_rows(rows: list[Row]) -> tuple[list[ObjectiveRows], list[Problem]]:
    """Objectives in the order the sheet first names them, and the problems found."""
    objectives: list[ObjectiveRows] = []
    problems: list[Problem] = []
    current: ObjectiveRows | None = None
    for row in rows:
        if any(row.get(name) for name in IDENTITY):
            current = _same_objective(objectives, row)
            if current is None:
                current = ObjectiveRows(row)
                objectives.append(current)
        elif current is None:
            problems.append(
                Problem(
                    "import-missing",
                    "error",
                    row.at(),
                    "this row names no objective, and no row above it does",
                    "Fill in the Objective (title) or objective_id column.",
                )
            )
            continue
        _merge(current, row, problems)
        if any(row.get(name) for name in KR_FIELDS):
            current.kr_rows.append(row)
    return objectives, problems


def _same_objective(objectives: list[ObjectiveRows], row: Row) -> ObjectiveRows | None:
    if row.get("objective_id"):
        wanted = row.get("objective_id")
        return next((o for o in objectives if o.cells.get("objective_id") == wanted), None)
    title, cycle = row.get("objective_title").lower(), row.get("cycle").lower()
    for objective in reversed(objectives):
        if objective.cells.get("objective_title", "").lower() != title:
            continue
        known = objective.cells.get("cycle", "").lower()
        if not cycle or not known or known == cycle:
            return objective
    return None


def _merge(objective: ObjectiveRows, row: Row, problems: list[Problem]) -> None:
    for name in OBJECTIVE_FIELDS:
        value = row.get(name)
        if not value:
            continue
        known = objective.cells.setdefault(name, value)
        if known != value:
            problems.append(
                Problem(
                    "import-conflict",
                    "error",
                    row.at(name),
                    f"`{name}` is `{value}` here but `{known}` on line {objective.first.line}, "
                    "for the same objective",
                    "Make the objective's cells agree, or leave them blank below its first row.",
                )
            )
