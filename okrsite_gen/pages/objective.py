"""The objective page: what, why, how, who, how far along, aligned to what, supported by whom."""

from __future__ import annotations

from typing import Any

from ..graph.keys import (
    ALIGNS_TO,
    CONTRIBUTES,
    DEPENDS_ON,
    MEASURED_BY,
    objective_key,
    person_key,
    split_key,
)
from ..graph.progress import Progress, kr_kind
from ..graph.queries import children
from ..load.files import CONTENT_DIR, OKRS_DIR
from ..model import KeyResult, Objective
from ..render.text import number, plain_text
from .cascade import cascade_diagram
from .checkins import kr_chart, latest_checkins
from .common import Link, PageContext, themes_of
from .conversation import new_comment_url, objective_conversation
from .urls import page_path

_HISTORY_ROWS = 15  # the rest is one click away, on the forge


def _explain(progress: Progress) -> dict[str, Any]:
    explanation = progress.explanation
    return {
        "formula": explanation.formula,
        "computation": explanation.computation,
        "by_hand": explanation.by_hand,
        "notes": list(explanation.notes),
    }


def _bar(kr: KeyResult, progress: Progress) -> dict[str, float] | None:
    """Positions (0-100) of target, stretch and current on a bar from baseline."""
    if kr.baseline is None or kr.target is None or kr.baseline == kr.target:
        return None
    far = kr.stretch if kr.stretch is not None else kr.target
    span = far - kr.baseline
    if span == 0:
        return None

    def at(value: float) -> float:
        return round(max(0.0, min(1.0, (value - kr.baseline) / span)) * 100, 1)  # type: ignore[operator]

    current = progress.raw if progress.raw is not None else progress.value
    current_value = kr.baseline + current * (kr.target - kr.baseline)
    return {
        "target": at(kr.target),
        "stretch": 100.0 if kr.stretch is not None else None,  # type: ignore[dict-item]
        "current": at(current_value),
    }


def _key_result(ctx: PageContext, path: str, objective: Objective, kr: KeyResult) -> dict[str, Any]:
    graph = ctx.graph
    key = f"kr:{kr.ref}"
    progress = graph.progress(key)
    health = graph.health(key)
    measured = graph.targets(key, MEASURED_BY)
    aligned = sorted(s for s in graph.sources(key, ALIGNS_TO) if graph.node_type(s) == "objective")
    owner = graph.owner_of(key)
    return {
        "id": kr.id,
        "anchor": f"kr-{kr.id}",
        "title": ctx.markdown.inline(kr.title),
        "kind": kr_kind(kr),
        "baseline": number(kr.baseline, kr.unit),
        "target": number(kr.target, kr.unit),
        "stretch": number(kr.stretch, kr.unit) if kr.stretch is not None else None,
        "current": number(kr.current, kr.unit) if kr.current is not None else None,
        "done": kr.done,
        "percent": round(progress.value * 100),
        "stretch_reached": progress.stretch_reached,
        "bar": _bar(kr, progress),
        "confidence": None if kr.confidence is None else round(kr.confidence * 100),
        "due": kr.due.isoformat() if kr.due else None,
        "weight": number(kr.weight),
        "owner": ctx.link(path, owner) if owner else None,
        "health": health.state,
        "health_label": health.label,
        "explanation": _explain(progress),
        "measured_by": [ctx.summary(path, m) for m in measured],
        "aligned_from": [ctx.summary(path, s) for s in aligned],
        "checkins": [
            {
                "date": c.date.isoformat() if c.date else "",
                "value": number(c.value, kr.unit) if c.value is not None else None,
                "done": c.done,
                "progress": None if c.progress is None else round(c.progress * 100),
                "confidence": None if c.confidence is None else round(c.confidence * 100),
                "note": ctx.markdown.inline(c.note) if c.note else "",
                "by": ctx.link(path, person_key(c.by))
                if c.by and person_key(c.by) in graph
                else None,
            }
            for c in reversed(kr.checkins)  # newest first
        ],
        "chart": kr_chart(ctx, objective, kr),
        "new_comment_url": new_comment_url(ctx, kr.ref),
    }


def objective_page(ctx: PageContext, key: str) -> dict[str, Any]:
    """Template context of one objective's page."""
    graph = ctx.graph
    objective = graph.objective(key)
    path = page_path(key)
    progress = graph.progress(key)
    health = graph.health(key)
    private_parents = ctx.private_parents.get(key, 0)
    aligns_to = []
    for target in graph.targets(key, ALIGNS_TO):
        link = ctx.link(path, target)
        if graph.node_type(target) == "kr":
            parent_key = objective_key(split_key(target)[1].partition("#")[0])
            link = Link(
                f"{link.title} — a key result of “{ctx.display_name(parent_key)}”", link.url
            )
        aligns_to.append(link)
    source_file = f"{CONTENT_DIR}/{OKRS_DIR}/{objective.path}"
    forge = ctx.forge
    aligned_here = children(graph, key)
    contributors = graph.sources(key, CONTRIBUTES)
    conversation = objective_conversation(ctx, path, key)
    krs = [_key_result(ctx, path, objective, kr) for kr in objective.key_results]
    for kr_row in krs:
        kr_row["comments"] = conversation["comments_by_kr"].get(kr_row["id"], [])
    history = _history(ctx, source_file)
    return {
        "path": path,
        "key": key,
        "objective": objective,
        "title": plain_text(objective.title),
        "owner": ctx.owner_link(path, key),
        "cycle": ctx.link(path, f"cycle:{objective.cycle}")
        if f"cycle:{objective.cycle}" in graph
        else None,
        "progress": progress,
        "percent": round(progress.value * 100),
        "explanation": _explain(progress),
        "reading": graph.reading(key),
        "health": health,
        "krs": krs,
        "latest_checkins": latest_checkins(ctx, path, objective),
        "body": ctx.markdown.block(objective.body),
        "reflection": ctx.markdown.block(objective.reflection) if objective.reflection else "",
        "diagram": cascade_diagram(ctx, path, key),
        "aligns_to": aligns_to,
        "private_parents": private_parents,
        "children": [ctx.summary(path, c) for c in aligned_here],
        "depends_on": [ctx.summary(path, d) for d in graph.targets(key, DEPENDS_ON)],
        "needed_by": [ctx.summary(path, d) for d in graph.sources(key, DEPENDS_ON)],
        "contributors": [ctx.link(path, c) for c in contributors],
        "themes": [ctx.link(path, t) for t in themes_of(graph, key)],
        "tags": objective.tags,
        **conversation,
        "source_file": source_file,
        "edit_url": forge.edit(source_file) if forge else None,
        "history_url": forge.history(source_file) if forge else None,
        "new_aligned_url": forge.new_file(
            f"{CONTENT_DIR}/{OKRS_DIR}/{objective.cycle}/new-objective.md",
            _aligned_template(objective),
        )
        if forge
        else None,
        **history,
    }


def _history(ctx: PageContext, source_file: str) -> dict[str, Any]:
    """The file's git history, newest first: who changed it last, and a table of changes."""
    commits = ctx.history.get(source_file, [])
    forge = ctx.forge
    rows = [{**c, "url": forge.commit(c["sha"]) if forge else None} for c in commits]
    return {
        "history": rows[:_HISTORY_ROWS],
        "history_count": len(rows),
        "last_changed": rows[0] if rows else None,
    }


def _aligned_template(parent: Objective) -> str:
    """A new objective file aligned to `parent`, for the forge's new-file page."""
    return (
        "---\n"
        "title: \n"
        "owner: \n"
        f"aligns_to: [{parent.id}]\n"
        "key_results:\n"
        "  - title: \n"
        "    baseline: \n"
        "    target: \n"
        "---\n"
        "## Why\n\n"
    )
