"""Field-by-field comparison of one objective or key result, as display strings.

Numbers keep the KR's unit (``target 400 ms → 300 ms``); lists report what was added and
removed; the narrative only reports that it was edited (a PR shows the text itself).
References to objects a reader may not see go through `show_ref`, which redacts them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from ..graph.progress import fmt
from ..model import Checkin, KeyResult, Objective
from .model import FieldChange

ShowRef = Callable[[str], str]

# Objective fields compared as single values, then as lists, then as long text.
OBJECTIVE_VALUES = ("title", "cycle", "kind", "origin", "status", "score")
OBJECTIVE_LISTS = ("themes", "depends_on", "contributors", "tags")
OBJECTIVE_TEXTS = (("body", "narrative"), ("reflection", "reflection"))
# KR fields: the metric's numbers carry its unit.
KR_NUMBERS_WITH_UNIT = ("baseline", "target", "stretch", "current")
KR_VALUES = ("title", "unit", "weight", "confidence", "due", "owner", "done", "progress")
KR_REFS = ("measured_by",)


def value_text(value: Any) -> str:
    """A field value as people write it ("" when not set)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return fmt(value)
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(str(value).split())  # one line: titles may wrap in YAML


def with_unit(value: float | None, unit: str) -> str:
    """``400 ms``, ``45%``; just the number without a unit."""
    if value is None:
        return ""
    if not unit:
        return fmt(value)
    return f"{fmt(value)}{unit}" if unit in ("%", "‰") else f"{fmt(value)} {unit}"


def _list_change(name: str, old: list[str], new: list[str], show: ShowRef) -> FieldChange | None:
    added = tuple(show(v) for v in new if v not in old)
    removed = tuple(show(v) for v in old if v not in new)
    if not added and not removed:
        return None
    return FieldChange(
        name, ", ".join(show(v) for v in old), ", ".join(show(v) for v in new), added, removed
    )


def objective_fields(old: Objective, new: Objective, show: ShowRef) -> list[FieldChange]:
    """What changed between two versions of an objective, besides alignment, owner and
    visibility (reported on their own) and its key results (compared one by one)."""
    changes: list[FieldChange] = []
    for name in OBJECTIVE_VALUES:
        before, after = value_text(getattr(old, name)), value_text(getattr(new, name))
        if before != after:
            changes.append(FieldChange(name, before, after))
    for name in OBJECTIVE_LISTS:
        show_item = show if name == "depends_on" else str
        change = _list_change(name, getattr(old, name), getattr(new, name), show_item)
        if change:
            changes.append(change)
    for attribute, label in OBJECTIVE_TEXTS:
        if getattr(old, attribute).strip() != getattr(new, attribute).strip():
            changes.append(FieldChange(label, edited=True))
    return changes


def _checkin_text(checkin: Checkin, unit: str) -> str:
    parts = [value_text(checkin.date)]
    if checkin.value is not None:
        parts.append(with_unit(checkin.value, unit))
    if checkin.done is not None:
        parts.append("done" if checkin.done else "not done")
    if checkin.progress is not None:
        parts.append(f"progress {fmt(checkin.progress)}")
    if checkin.confidence is not None:
        parts.append(f"confidence {fmt(checkin.confidence)}")
    return " ".join(p for p in parts if p)


def kr_fields(old: KeyResult | None, new: KeyResult, show: ShowRef) -> list[FieldChange]:
    """What changed in a key result; for a new KR (`old` None), what it is set to."""
    changes: list[FieldChange] = []
    for name in KR_NUMBERS_WITH_UNIT:
        before = with_unit(getattr(old, name), old.unit) if old else ""
        after = with_unit(getattr(new, name), new.unit)
        if before != after:
            changes.append(FieldChange(name, before, after))
    for name in KR_VALUES:
        before = value_text(getattr(old, name)) if old else ""
        after = value_text(getattr(new, name))
        if old is None and (name in ("title", "unit") or (name == "weight" and after == "1")):
            continue  # a new KR: its title is shown anyway, the unit with its numbers
        if before != after:
            changes.append(FieldChange(name, before, after))
    for name in KR_REFS:
        before = show(getattr(old, name)) if old and getattr(old, name) else ""
        after = show(getattr(new, name)) if getattr(new, name) else ""
        if before != after:
            changes.append(FieldChange(name, before, after))
    old_checkins = [_checkin_text(c, old.unit) for c in old.checkins] if old else []
    new_checkins = [_checkin_text(c, new.unit) for c in new.checkins]
    change = _list_change("checkins", old_checkins, new_checkins, str)
    if change:
        changes.append(FieldChange("checkins", added=change.added, removed=change.removed))
    return changes
