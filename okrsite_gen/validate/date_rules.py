"""Rules on dates: due dates and check-ins fall inside the objective's cycle, in order."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Objective, Problem
from .context import FileContext, objective_check, problem


@objective_check
def dates_inside_cycle(objective: Objective, ctx: FileContext) -> Iterator[Problem]:
    cycle = ctx.org.cycles.get(objective.cycle or "")
    if cycle is None or cycle.start is None or cycle.end is None:
        return
    span = f"{cycle.id} runs {cycle.start} to {cycle.end}"
    for kr in objective.key_results:
        if kr.due and not cycle.start <= kr.due <= cycle.end:
            yield problem(
                "due-outside-cycle",
                kr.at("due"),
                f"KR `{kr.id}` is due {kr.due}, outside its cycle",
                f"{span}: move the due date inside it.",
            )
        for checkin in kr.checkins:
            if checkin.date and not cycle.start <= checkin.date <= cycle.end:
                yield problem(
                    "checkin-outside-cycle",
                    checkin.at("date"),
                    f"check-in of KR `{kr.id}` dated {checkin.date}, outside its cycle",
                    f"{span}.",
                )


@objective_check
def checkins_in_order(objective: Objective, ctx: FileContext) -> Iterator[Problem]:
    for kr in objective.key_results:
        previous = None
        for checkin in kr.checkins:
            if checkin.date is None:
                continue
            if previous is not None and checkin.date < previous:
                yield problem(
                    "checkin-order",
                    checkin.at("date"),
                    f"check-in of KR `{kr.id}` dated {checkin.date} comes after "
                    f"one dated {previous}",
                    "List check-ins oldest first.",
                )
            previous = checkin.date
