"""Two repository states -> an `OkrDiff`: objectives and KRs matched by id, compared field
by field, with their impact, the new problems and the people to notify.

Objectives are matched by id: the same id at another path is a move. KRs are matched by
id inside their objective (explicit, or kr1, kr2... by position, as references use them).
"""

from __future__ import annotations

from collections import Counter

from ..graph import kr_key, objective_key
from ..load.files import CONTENT_DIR, OKRS_DIR
from ..model import Objective, Problem
from .fields import kr_fields, objective_fields
from .impact import change_impact, removal_impacts
from .model import ChangeKind, Impact, KrChange, Notify, ObjectiveChange, OkrDiff, ProgressChange
from .notify import people_to_notify
from .privacy import Privacy
from .state import State

OKRS = f"{CONTENT_DIR}/{OKRS_DIR}/"


def diff_states(base: State, head: State, *, include_private: bool = False) -> OkrDiff:
    """Everything that changed from `base` to `head`, in OKR terms."""
    privacy = Privacy.of(base, head, include_private)
    changes: list[ObjectiveChange] = []
    hidden_changes = 0
    for objective_id in sorted({*base.objectives, *head.objectives}):
        old, new = base.objectives.get(objective_id), head.objectives.get(objective_id)
        change = _compare(old, new, base, head, privacy)
        if change is None:
            continue
        if privacy.hides(objective_id) and not change.visibility_change:
            hidden_changes += 1  # "a private objective changed", nothing more
            continue
        changes.append(change if include_private else _redacted(change, old, new, base, privacy))
    _add_impacts(changes, base, head, privacy)
    new_problems, fixed, hidden_problems = _problems(base, head, privacy)
    notify: list[Notify] = people_to_notify(changes, base, head, privacy)
    return OkrDiff(
        base=base.label,
        head=head.label,
        include_private=include_private,
        objectives=changes,
        new_problems=new_problems,
        fixed_problems=fixed,
        head_errors=len(head.checked.errors),
        head_warnings=len(head.checked.warnings),
        notify=notify,
        hidden_changes=hidden_changes,
        hidden_problems=hidden_problems,
    )


def _progress(state: State, key: str) -> float | None:
    return state.graph.progress(key).value if key in state.graph else None


def _compare(
    old: Objective | None, new: Objective | None, base: State, head: State, privacy: Privacy
) -> ObjectiveChange | None:
    shown = new or old
    assert shown is not None
    kind: ChangeKind = "added" if old is None else "removed" if new is None else "changed"
    state = head if new is not None else base
    change = ObjectiveChange(
        id=shown.id,
        kind=kind,
        title=" ".join(shown.title.split()),
        owner=state.chart.name_of(shown.owner),
        cycle=shown.cycle or "",
        private=shown.visibility == "private",
        old_path=f"{OKRS}{old.path}" if old else None,
        new_path=f"{OKRS}{new.path}" if new else None,
    )
    key = objective_key(shown.id)
    if new is not None and old is None:
        change.aligns_added = [privacy.show_ref(r) for r in new.aligns_to]
        change.key_results = [
            KrChange(kr.id, _one_line(kr.title), "added", kr_fields(None, kr, privacy.show_ref))
            for kr in new.key_results
        ]
        change.progress = ProgressChange(None, _progress(head, key))
        return change
    if new is None or old is None:
        change.progress = ProgressChange(_progress(base, key), None)
        return change
    change.fields = objective_fields(old, new, privacy.show_ref)
    change.aligns_added = [privacy.show_ref(r) for r in new.aligns_to if r not in old.aligns_to]
    change.aligns_removed = [privacy.show_ref(r) for r in old.aligns_to if r not in new.aligns_to]
    if old.owner != new.owner:
        change.owner_change = (base.chart.name_of(old.owner), head.chart.name_of(new.owner))
    if old.visibility != new.visibility:
        change.visibility_change = (old.visibility, new.visibility)
    change.key_results = _compare_krs(old, new, base, head, privacy)
    before, after = _progress(base, key), _progress(head, key)
    if before != after:
        change.progress = ProgressChange(before, after)
    if not change.edited and not change.moved:
        return None
    return change


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _compare_krs(
    old: Objective, new: Objective, base: State, head: State, privacy: Privacy
) -> list[KrChange]:
    old_krs = {kr.id: kr for kr in reversed(old.key_results)}  # the first of an id wins
    new_ids = {kr.id for kr in new.key_results}
    changes: list[KrChange] = []
    seen: set[str] = set()
    for kr in new.key_results:
        if kr.id in seen:
            continue
        seen.add(kr.id)
        before = old_krs.get(kr.id)
        fields = kr_fields(before, kr, privacy.show_ref)
        progress = ProgressChange(
            _progress(base, kr_key(kr.ref)) if before else None, _progress(head, kr_key(kr.ref))
        )
        if before is None:
            changes.append(KrChange(kr.id, _one_line(kr.title), "added", fields, progress))
        elif fields:
            changes.append(KrChange(kr.id, _one_line(kr.title), "changed", fields, progress))
    for kr in old.key_results:
        if kr.id not in new_ids and kr.id not in seen:
            seen.add(kr.id)
            progress = ProgressChange(_progress(base, kr_key(kr.ref)), None)
            changes.append(KrChange(kr.id, _one_line(kr.title), "removed", [], progress))
    return changes


def _redacted(
    change: ObjectiveChange,
    old: Objective | None,
    new: Objective | None,
    base: State,
    privacy: Privacy,
) -> ObjectiveChange:
    """A visibility flip in a public diff: the public side only, never the private one."""
    if not change.visibility_change:
        return change
    change.fields, change.aligns_removed, change.progress = [], [], None
    if change.visibility_change == ("private", "public") and new is not None:
        # Announced with what will be published; its earlier, private values stay out.
        change.aligns_added = [privacy.show_ref(r) for r in new.aligns_to]
        change.key_results = [
            KrChange(kr.id, _one_line(kr.title), "added", []) for kr in new.key_results
        ]
        change.owner_change = None
    elif old is not None:
        # Made private: named as it was while public, nothing of what it becomes.
        change.title, change.owner = _one_line(old.title), base.chart.name_of(old.owner)
        change.cycle, change.private = old.cycle or "", False
        change.new_path = change.old_path  # a new location is the private side too
        change.aligns_added, change.key_results, change.owner_change = [], [], None
    return change


def _add_impacts(
    changes: list[ObjectiveChange], base: State, head: State, privacy: Privacy
) -> None:
    removed_targets = [c.id for c in changes if c.kind == "removed"]
    removed_targets += [
        f"{c.id}#{kr.id}"
        for c in changes
        if c.kind == "changed"
        for kr in c.key_results
        if kr.kind == "removed"
    ]
    removals = removal_impacts(base, head, removed_targets, privacy)
    for change in changes:
        impacts: list[Impact] = []
        if change.kind == "removed":
            impacts.append(removals[change.id])
        elif change.kind == "changed" and change.visibility_change != ("public", "private"):
            impacts.append(change_impact(head, change.id, privacy))
            for kr in change.key_results:
                ref = f"{change.id}#{kr.id}"
                if kr.kind == "removed":
                    impacts.append(removals[ref])
                elif kr.kind == "changed":
                    impacts.append(change_impact(head, ref, privacy, kr=True))
        elif change.kind == "added":
            impacts.append(change_impact(head, change.id, privacy))
        change.impacts = [i for i in impacts if not i.empty]


def _problem_key(problem: Problem) -> tuple[str, str, str]:
    return (problem.rule, problem.file, problem.message)


def _problems(base: State, head: State, privacy: Privacy) -> tuple[list[Problem], int, int]:
    """Problems of the head not in the base (by rule, file and message, not line: an
    edit above a problem moves it), how many of the base's are gone, how many are hidden."""
    before = Counter(_problem_key(p) for p in base.checked.problems)
    after = Counter(_problem_key(p) for p in head.checked.problems)
    new: list[Problem] = []
    for problem in head.checked.problems:  # sorted by file and line already
        key = _problem_key(problem)
        if before[key] > 0:
            before[key] -= 1
        else:
            new.append(problem)
    fixed = sum((Counter(_problem_key(p) for p in base.checked.problems) - after).values())
    shown = [privacy.scrub(p) for p in new if not privacy.hides_problem(p)]
    return shown, fixed, len(new) - len(shown)
