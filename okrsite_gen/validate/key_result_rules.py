"""Rules on key results: what makes a metric, a milestone or a measured_by KR sound."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import KeyResult, Objective, Problem
from .context import FileContext, objective_check, problem


def _metric_fields(kr: KeyResult) -> list[str]:
    return [
        name
        for name in ("baseline", "target", "stretch", "current")
        if getattr(kr, name) is not None
    ]


@objective_check
def metric_key_results(objective: Objective, ctx: FileContext) -> Iterator[Problem]:
    for kr in objective.key_results:
        written = _metric_fields(kr)
        if not written:
            continue
        # A value written but refused (`target: 45%`) was reported by the schema already.
        missing = [
            name
            for name in ("baseline", "target")
            if getattr(kr, name) is None and name not in kr.locs
        ]
        if missing:
            yield problem(
                "metric-incomplete",
                kr.at(written[0]),
                f"metric KR `{kr.id}` has no {' and no '.join(missing)}",
                "A metric KR needs `baseline:` (where we start) and `target:` (the ideal).",
            )
            continue
        if kr.baseline is None or kr.target is None:
            continue
        if kr.baseline == kr.target:
            yield problem(
                "metric-flat",
                kr.at("target"),
                f"KR `{kr.id}` has target {kr.target:g} equal to its baseline",
                "Progress cannot be measured: set the target you aim for.",
            )
            continue
        if kr.stretch is not None:
            higher_is_better = kr.target > kr.baseline
            beyond = kr.stretch > kr.target if higher_is_better else kr.stretch < kr.target
            if not beyond:
                direction = "above" if higher_is_better else "below"
                yield problem(
                    "stretch-wrong-side",
                    kr.at("stretch"),
                    f"KR `{kr.id}`: stretch {kr.stretch:g} is not {direction} target {kr.target:g}",
                    f"The stretch (challenge) goes beyond the target: {direction} "
                    f"{kr.target:g}, as the target is {direction} the baseline.",
                )


@objective_check
def one_kind_per_key_result(objective: Objective, ctx: FileContext) -> Iterator[Problem]:
    for kr in objective.key_results:
        kinds = [
            name
            for name, present in (
                ("metric", bool(_metric_fields(kr))),
                ("milestone", kr.is_milestone),
                ("measured_by", kr.measured_by is not None),
            )
            if present
        ]
        if len(kinds) > 1:
            yield problem(
                "kr-ambiguous",
                kr.loc,
                f"KR `{kr.id}` is both a {' and a '.join(kinds)}: its progress is ambiguous",
                "Keep one: baseline/target, done/progress, or measured_by.",
            )
