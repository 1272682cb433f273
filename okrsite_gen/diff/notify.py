"""The people to tell about a change, with their forge handles.

The owners of every objective the change adds, removes or edits (before and after); the
owners of what it starts or stops aligning to; the owners of what aligns to it directly
or is orphaned by it. Someone further down the cascade is listed in the impact, not
pinged: a change near the top would otherwise ping half the company. Who answers for an
owner: a unit's lead, or the person (see `OrgChart.accountable`).
"""

from __future__ import annotations

from ..model import Objective, Person
from ..owners import mention
from .model import Notify, ObjectiveChange
from .privacy import Privacy
from .state import State


def people_to_notify(
    changes: list[ObjectiveChange], base: State, head: State, privacy: Privacy
) -> list[Notify]:
    """Everyone to notify, `@handle` people first, each once, in a stable order."""
    people: dict[str, Person] = {}

    def add(state: State, owner: str | None) -> None:
        for person in state.chart.accountable(owner):
            people.setdefault(person.id, person)

    def add_parents(state: State, refs: list[str]) -> None:
        for ref in refs:
            parent = state.objectives.get(ref.partition("#")[0])
            if parent is None or privacy.hides(parent.id) or _private(parent, privacy):
                continue
            add(state, parent.owner)
            kr = parent.key_result(ref.partition("#")[2]) if "#" in ref else None
            if kr is not None and kr.owner:
                add(state, kr.owner)

    head_owners = _owners(head)
    for change in changes:
        old, new = base.objectives.get(change.id), head.objectives.get(change.id)
        for state, objective in ((base, old), (head, new)):
            if objective is not None and not _private(objective, privacy):
                add(state, objective.owner)
        if change.visibility_change == ("public", "private"):
            continue  # nothing more of a now-private objective
        if new is not None:
            add_parents(head, [r for r in new.aligns_to if old is None or r not in old.aligns_to])
        if old is not None:
            add_parents(base, [r for r in old.aligns_to if new is None or r not in new.aligns_to])
        for impact in change.impacts:
            for entry in (*impact.direct, *impact.orphaned):
                add(head if entry.owner_id in head_owners else base, entry.owner_id)
    notify = [Notify(p.id, p.name, mention(p)) for p in people.values()]
    return sorted(
        notify, key=lambda n: (not n.mention.startswith("@"), n.mention.lower(), n.person)
    )


def _private(objective: Objective, privacy: Privacy) -> bool:
    return not privacy.include_private and objective.visibility == "private"


def _owners(state: State) -> set[str]:
    return {*state.chart.units, *state.chart.people}
