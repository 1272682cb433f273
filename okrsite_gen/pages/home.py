"""The home page: mission, vision, themes and the current cycle's dashboard."""

from __future__ import annotations

from typing import Any

from ..render.text import number, plain_text
from .activity import activity_path, feed_path
from .common import PageContext, current_cycle
from .conversation import KUDOS_PATH, recent_conversation
from .listings import rollup

_RECENT_CHECKINS = 10
_RECENT_COMMENTS = 8


def home_page(ctx: PageContext, by_cycle: dict[str, list[str]]) -> dict[str, Any]:
    graph = ctx.graph
    org = graph.org
    path = "index.md"
    cycles = org.cycles if org else []
    cycle = current_cycle(cycles, ctx.today)
    keys = by_cycle.get(cycle.id, []) if cycle else []
    rows = [ctx.summary(path, k) for k in keys]
    checkins = []
    for key in keys:
        objective = graph.objective(key)
        for kr in objective.key_results:
            for checkin in kr.checkins:
                if checkin.date and checkin.date <= ctx.today:
                    checkins.append(
                        {
                            "date": checkin.date.isoformat(),
                            "kr": ctx.link(path, f"kr:{kr.ref}"),
                            "objective": ctx.summary(path, key),
                            "value": number(checkin.value, kr.unit)
                            if checkin.value is not None
                            else None,
                            "note": ctx.markdown.inline(checkin.note) if checkin.note else "",
                        }
                    )
    checkins.sort(key=lambda c: (c["date"], c["kr"].url), reverse=True)
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
            (r for r in rows if r["health"] in ("off-track", "at-risk")),
            key=lambda r: (r["health"] != "off-track", r["progress"], r["id"]),
        ),
        "checkins": checkins[:_RECENT_CHECKINS],
        "cycles": [ctx.link(path, f"cycle:{c.id}") for c in cycles],
        "activity_url": ctx.urls.link(path, activity_path(cycle.id)) if cycle else None,
        "feed_url": ctx.urls.link(path, feed_path(cycle.id)) if cycle else None,
        "conversation": recent_conversation(ctx, path, _RECENT_COMMENTS),
        "kudos_url": ctx.urls.link(path, KUDOS_PATH),
    }
