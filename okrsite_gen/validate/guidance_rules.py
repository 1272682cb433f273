"""Per-file warnings from the company's OKR guidance: KR count, measurability, a line
to the vision. (Focus per owner, cross-cycle alignment and tracking span files: see
cross_file_rules.py.) Limits come from [guidance] in okrsite.toml. Dropped objectives
are past caring about.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import KeyResult, Objective, Problem
from .context import FileContext, objective_check, problem


@objective_check
def key_result_count(objective: Objective, ctx: FileContext) -> Iterator[Problem]:
    if objective.status == "dropped":
        return
    count = len(objective.key_results)
    if count > ctx.guidance.max_key_results:
        yield problem(
            "max-key-results",
            objective.key_results[ctx.guidance.max_key_results].loc,
            f"objective has {count} key results (guidance: at most {ctx.guidance.max_key_results})",
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


@objective_check
def measurable(objective: Objective, ctx: FileContext) -> Iterator[Problem]:
    if objective.status == "dropped":
        return
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


@objective_check
def line_to_the_vision(objective: Objective, ctx: FileContext) -> Iterator[Problem]:
    if objective.status == "dropped" or objective.aligns_to:
        return
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
