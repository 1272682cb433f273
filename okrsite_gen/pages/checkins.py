"""Check-ins on an objective page: each KR's history as a chart, the latest notes on top."""

from __future__ import annotations

from datetime import date
from typing import Any

from markupsafe import Markup

from ..graph.keys import cycle_key, person_key
from ..model import Checkin, Cycle, KeyResult, Objective
from ..render.checkin_chart import ChartPoint, checkin_chart
from ..render.text import number, plain_text
from .common import PageContext


def cycle_of(ctx: PageContext, objective: Objective) -> Cycle | None:
    key = cycle_key(objective.cycle or "")
    return ctx.graph.nodes[key]["record"] if key in ctx.graph else None


def _milestone_value(checkin: Checkin) -> float | None:
    """A milestone check-in as a percentage: done is 100, a given progress its share."""
    if checkin.progress is not None:
        return checkin.progress * 100
    if checkin.done is not None:
        return 100.0 if checkin.done else 0.0
    return None


def kr_chart(ctx: PageContext, objective: Objective, kr: KeyResult) -> Markup:
    """Value against target over the cycle; milestones as progress from 0 to 100%."""
    metric = kr.is_metric
    unit = kr.unit if metric else "%"
    points = []
    for checkin in kr.checkins:
        value = checkin.value if metric else _milestone_value(checkin)
        if checkin.date is None or value is None:
            continue
        text = f"{checkin.date.isoformat()}: {number(value, unit)}"
        if checkin.confidence is not None:
            text += f" · confidence {round(checkin.confidence * 100)}%"
        if checkin.note:
            text += f" · {plain_text(checkin.note)}"
        points.append(ChartPoint(checkin.date, value, checkin.confidence, text))
    if not points:
        return Markup("")
    cycle = cycle_of(ctx, objective)
    days = [p.day for p in points]
    start = cycle.start if cycle and cycle.start else min(days)
    end = cycle.end if cycle and cycle.end else max(days)
    return checkin_chart(
        points,
        start=start,
        end=end,
        baseline=kr.baseline if metric else 0.0,
        target=kr.target if metric else 100.0,
        stretch=kr.stretch if metric else None,
        unit=unit,
        today=ctx.today,
        label=f"Check-ins of key result {kr.id}: value against target over "
        f"{objective.cycle or 'the cycle'}",
    )


def latest_checkins(ctx: PageContext, path: str, objective: Objective) -> list[dict[str, Any]]:
    """Each KR's most recent check-in, newest first: what the owners said last."""
    rows = []
    for kr in objective.key_results:
        dated = [c for c in kr.checkins if c.date is not None and c.date <= ctx.today]
        if not dated:
            continue
        last = max(dated, key=lambda c: c.date or date.min)
        by = person_key(last.by) if last.by else None
        rows.append(
            {
                "date": last.date.isoformat() if last.date else "",
                "kr_id": kr.id,
                "kr": ctx.link(path, f"kr:{kr.ref}"),
                "value": number(last.value, kr.unit) if last.value is not None else None,
                "done": last.done,
                "progress": None if last.progress is None else round(last.progress * 100),
                "confidence": None if last.confidence is None else round(last.confidence * 100),
                "note": ctx.markdown.inline(last.note) if last.note else "",
                "by": ctx.link(path, by) if by and by in ctx.graph else None,
            }
        )
    rows.sort(key=lambda r: (r["date"], r["kr_id"]), reverse=True)
    return rows
