"""Impact of a change up and down the cascade, and the people to tell about it.

A changed objective or KR is looked up in the head's graph (who aligns to it now); a
removed one in the base's graph, and what its removal orphans is checked against the
head, so an objective the same change re-aligned elsewhere is not called an orphan.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..graph import aligned_from, children, kr_key, objective_key, orphaned_if_removed, parents
from ..graph.keys import ALIGNS_TO, ref_key
from .model import Affected, Impact
from .privacy import Privacy
from .state import State


def affected(state: State, key: str) -> Affected:
    """An objective or KR node of `state` as an impact list entry."""
    data = state.graph.nodes[key]
    objective_id = data["objective"] if data["type"] == "kr" else data["id"]
    objective = state.objectives[objective_id]
    unit = state.graph.nodes[objective_key(objective_id)].get("unit")
    return Affected(
        id=data["id"],
        title=" ".join(data["title"].split()),
        owner=state.chart.name_of(objective.owner),
        unit=state.chart.name_of(unit) if unit else "",
        owner_id=objective.owner or "",
    )


def _entries(state: State, keys: Iterable[str], privacy: Privacy) -> tuple[list[Affected], int]:
    shown, hidden = [], 0
    for key in keys:
        if privacy.hides_node(state.graph, key):
            hidden += 1
        else:
            shown.append(affected(state, key))
    return shown, hidden


def change_impact(head: State, target: str, privacy: Privacy, *, kr: bool = False) -> Impact:
    """Who aligns to a changed objective (or KR: only directly) and what it aligns to."""
    key = kr_key(target) if kr else objective_key(target)
    if key not in head.graph:
        return Impact(target, removed=False)
    direct_keys = children(head.graph, key)
    below_keys = [] if kr else _below(head, key, direct_keys)
    ups = [] if kr else [p for p in parents(head.graph, key) if p.startswith(("objective:", "kr:"))]
    direct, hidden_direct = _entries(head, direct_keys, privacy)
    below, hidden_below = _entries(head, below_keys, privacy)
    aligns_to, hidden_up = _entries(head, ups, privacy)
    return Impact(
        target,
        removed=False,
        direct=direct,
        below=below,
        aligns_to=aligns_to,
        hidden=hidden_direct + hidden_below + hidden_up,
    )


def removal_impacts(
    base: State, head: State, targets: list[str], privacy: Privacy
) -> dict[str, Impact]:
    """For each removed objective id or KR reference: what aligned to it in the base, and
    which of those are left aligned to nothing in the head."""
    keys = {t: kr_key(t) if "#" in t else objective_key(t) for t in targets}
    present = [k for k in keys.values() if k in base.graph]
    gone = orphaned_if_removed(base.graph, present) if present else None
    impacts: dict[str, Impact] = {}
    for target, key in keys.items():
        if key not in base.graph:
            impacts[target] = Impact(target, removed=True)
            continue
        direct_keys = children(base.graph, key)
        below_keys = _below(base, key, direct_keys)
        everything = {*direct_keys, *below_keys}
        mine = _own_targets(base, key)
        orphaned_keys = [
            k
            for k in (gone.orphaned if gone else [])
            if mine & set(base.graph.targets(k, ALIGNS_TO)) and _orphaned_in(head, k)
        ]
        cut_keys = [
            k
            for k in (gone.cut_off if gone else [])
            if k in everything and k not in orphaned_keys and _exists_in(head, k)
        ]
        ups = [p for p in parents(base.graph, key) if p.startswith(("objective:", "kr:"))]
        direct, h1 = _entries(base, direct_keys, privacy)
        below, h2 = _entries(base, below_keys, privacy)
        orphaned, _ = _entries(base, orphaned_keys, privacy)  # counted in direct/below
        cut_off, _ = _entries(base, cut_keys, privacy)
        aligns_to, h3 = _entries(base, [] if "#" in target else ups, privacy)
        impacts[target] = Impact(
            target,
            removed=True,
            direct=direct,
            below=below,
            aligns_to=aligns_to,
            orphaned=orphaned,
            cut_off=cut_off,
            hidden=h1 + h2 + h3,
        )
    return impacts


def _below(state: State, key: str, direct: list[str]) -> list[str]:
    """Objectives aligned to `key` further down than `direct`, nearest first."""
    skip = set(direct)
    return [k for k in aligned_from(state.graph, key, transitive=True) if k not in skip]


def _own_targets(state: State, key: str) -> set[str]:
    """The node itself, and for an objective its KRs: what an aligns_to may point at."""
    if state.graph.node_type(key) == "objective":
        return {key, *state.graph.krs_of(key)}
    return {key}


def _exists_in(state: State, key: str) -> bool:
    return state.graph.nodes[key]["id"] in state.objectives if key in state.graph else False


def _orphaned_in(head: State, key: str) -> bool:
    """True when the objective still exists in the head and aligns to nothing there."""
    if key not in head.graph:
        return False
    objective = head.objectives[head.graph.nodes[key]["id"]]
    return bool(objective.aligns_to) and all(
        ref_key(ref) not in head.graph for ref in objective.aligns_to
    )
