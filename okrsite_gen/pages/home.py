"""The home page: mission, vision, themes and the current cycle's dashboard."""

from __future__ import annotations

import heapq
from typing import Any

from ..render.text import number, plain_text
from .activity import activity_path, feed_path
from .common import PageContext, current_cycle
from .conversation import KUDOS_PATH, recent_conversation
from .listings import rollup

_RECENT_CHECKINS = 10
_RECENT_COMMENTS = 8
_ATTENTION = ("off-track", "at-risk")


def home_page(ctx: PageContext, by_cycle: dict[str, list[str]]) -> dict[str, Any]:
    graph = ctx.graph
    org = graph.org
    path = "index.md"
    cycles = org.cycles if org else []
    cycle = current_cycle(cycles, ctx.today)
    keys = by_cycle.get(cycle.id, []) if cycle else []
    # Rows only for the objectives the dashboard lists, not the whole cycle.
    attention = [k for k in keys if graph.health(k).state in _ATTENTION]
    rows = [ctx.summary(path, k) for k in attention]
    checkins = _recent_checkins(ctx, path, keys)
    return {
        "path": path,
        "title": org.name if org else "OKRs",
        "mission": ctx.markdown.block(org.mission) if org and org.mission else "",
        "vision": ctx.markdown.block(org.vision) if org and org.vision else "",
        "themes": [
            {
                "link": ctx.link(path, f"theme:{theme.id}"),
                "description": plain_text(theme.description),
            }
            for theme in (org.themes if org else [])
        ],
        "cycle": cycle,
        "cycle_link": ctx.link(path, f"cycle:{cycle.id}") if cycle else None,
        "rollup": rollup(graph, keys),
        "attention": sorted(
            rows,
            key=lambda r: (r["health"] != "off-track", r["progress"], r["id"]),
        ),
        "checkins": checkins,
        "cycles": [ctx.link(path, f"cycle:{c.id}") for c in cycles],
        "activity_url": ctx.urls.link(path, activity_path(cycle.id)) if cycle else None,
        "feed_url": ctx.urls.link(path, feed_path(cycle.id)) if cycle else None,
        "conversation": recent_conversation(ctx, path, _RECENT_COMMENTS),
        "kudos_url": ctx.urls.link(path, KUDOS_PATH),
    }


def _recent_checkins(ctx: PageContext, path: str, keys: list[str]) -> list[dict[str, Any]]:
    """The newest check-ins of these objectives (newest first, then by KR link), made into
    rows only for the few shown: a cycle at scale has tens of thousands."""
    graph = ctx.graph
    found = [
        (checkin.date, kr, key, checkin)
        for key in keys
        for kr in graph.objective(key).key_results
        for checkin in kr.checkins
        if checkin.date and checkin.date <= ctx.today
    ]
    if not found:
        return []
    # Only check-ins as new as the 10th newest can be shown (ties on the day included).
    oldest_shown = heapq.nlargest(_RECENT_CHECKINS, (day for day, *_ in found))[-1]
    rows = [
        {
            "date": day.isoformat(),
            "kr": ctx.link(path, f"kr:{kr.ref}"),
            "objective": ctx.summary(path, key),
            "value": number(checkin.value, kr.unit) if checkin.value is not None else None,
            "note": ctx.markdown.inline(checkin.note) if checkin.note else "",
        }
        for day, kr, key, checkin in found
        if day >= oldest_shown
    ]
    rows.sort(key=lambda c: (c["date"], c["kr"].url), reverse=True)
    return rows[:_RECENT_CHECKINS]
