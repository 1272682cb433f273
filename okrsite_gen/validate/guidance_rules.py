"""Warnings from the company's OKR guidance: focus, measurability, alignment, tracking.

Limits come from [guidance] in okrsite.toml. Dropped objectives are past caring about.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import timedelta

from ..model import KeyResult, Objective, Problem
from .context import Context, check, problem


def _live(ctx: Context) -> list[Objective]:
    return [o for o in ctx.index.repo.objectives if o.status != "dropped"]


@check
def focus(ctx: Context) -> Iterator[Problem]:
    limit = ctx.guidance.max_objectives_per_owner
    by_owner: dict[tuple[str, str], list[Objective]] = defaultdict(list)
    for objective in _live(ctx):
        if objective.owner and objective.cycle:
            by_owner[(objective.owner, objective.cycle)].append(objective)
    for (owner, cycle), objectives in sorted(by_owner.items()):
        if len(objectives) > limit:
            extra = sorted(objectives, key=lambda o: o.loc.file)[limit]
            yield problem(
                "max-objectives",
                extra.at("owner"),
                f"`{owner}` owns {len(objectives)} objectives in {cycle} "
                f"(guidance: at most {limit})",
                "Focus: merge or drop some, or hand them to the people who do the work.",
            )
    for objective in _live(ctx):
        count = len(objective.key_results)
        if count > ctx.guidance.max_key_results:
            yield problem(
                "max-key-results",
                objective.key_results[ctx.guidance.max_key_results].loc,
                f"objective has {count} key results "
                f"(guidance: at most {ctx.guidance.max_key_results})",
                "Keep the few that best say the objective is met.",
            )
        elif count == 0:
            yield problem(
                "no-key-results",
                objective.at("key_results"),
                "objective has no key results: nobody can tell when it is met",
                "Add `key_results:` with a metric (baseline/target) or a milestone.",
            )


_MEASURES = ("baseline", "target", "stretch", "current", "done", "progress", "measured_by")


def _written(kr: KeyResult, name: str) -> bool:
    """The file sets `name`: to a good value, or to one the schema refused (and reported)."""
    return getattr(kr, name) is not None or name in kr.locs


@check
def measurable(ctx: Context) -> Iterator[Problem]:
    for objective in _live(ctx):
        for kr in objective.key_results:
            # Written counts, even if refused by the schema (reported there, not twice).
            if not any(_written(kr, name) for name in _MEASURES):
                yield problem(
                    "kr-not-measurable",
                    kr.loc,
                    f"KR `{kr.id}` is neither a metric, a milestone nor measured_by",
                    "Add baseline/target (a metric), `done: false` (a milestone), "
                    "or `measured_by:` an objective.",
                )


@check
def alignment(ctx: Context) -> Iterator[Problem]:
    index = ctx.index
    for objective in _live(ctx):
        if not objective.aligns_to:
            if objective.origin == "cascaded":
                yield problem(
                    "orphan-cascaded",
                    objective.at("origin"),
                    "objective is cascaded but aligns to nothing",
                    "Add `aligns_to:` with its parent objective, or `origin: self-driven`.",
                )
            elif not objective.themes:
                yield problem(
                    "no-line-to-vision",
                    objective.loc,
                    "top-level objective serves no theme: nothing links it to the vision",
                    "Add `themes:` with the strategic theme it serves, or `aligns_to:`.",
                )
        own = index.cycles.get(objective.cycle or "")
        for position, ref in enumerate(objective.aligns_to):
            parent = index.objectives.get(ref.partition("#")[0])
            if parent is None or own is None or parent.cycle == objective.cycle:
                continue
            theirs = index.cycles.get(parent.cycle or "")
            # A quarter aligning to the annual cycle that contains it is the normal cascade.
            if (
                theirs
                and own.start
                and own.end
                and theirs.start
                and theirs.end
                and theirs.start <= own.start
                and own.end <= theirs.end
            ):
                continue
            yield problem(
                "cross-cycle-alignment",
                objective.at(f"aligns_to[{position}]"),
                f"aligns to `{parent.id}` of cycle {parent.cycle}, but this objective is "
                f"in {objective.cycle}",
                "Align to an objective of the same cycle (or of one that contains it).",
            )


@check
def tracked(ctx: Context) -> Iterator[Problem]:
    grace = timedelta(days=ctx.guidance.untracked_after_days)
    for objective in _live(ctx):
        if objective.status != "active":
            continue
        cycle = ctx.index.cycles.get(objective.cycle or "")
        if cycle is None or cycle.start is None or ctx.today <= cycle.start + grace:
            continue
        for kr in objective.key_results:
            if kr.baseline is not None and kr.target is not None and not _written(kr, "current"):
                yield problem(
                    "metric-untracked",
                    kr.loc,
                    f"metric KR `{kr.id}` has no `current` value "
                    f"{(ctx.today - cycle.start).days} days into {cycle.id}",
                    "Record where it stands: `okrsite checkin` or `current:`.",
                )
