"""Stage 3: the loaded repository -> one `OkrGraph`, built once and queried by everything.

Never raises for an invalid repository (``okrsite diff`` builds graphs of heads with
errors): a reference that does not resolve adds no edge, a duplicate id keeps its first
record, and loops in aligns_to or measured_by are tolerated by every computation.
Progress, health and cascade levels are computed here once, in dependency order, and
stored on the nodes; queries only read them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ..allocation import paused_gc
from ..config import HealthThresholds
from ..model import Comment, Cycle, KeyResult, Objective, Org, Repo
from .health import DEFAULT_THRESHOLDS, Health, assess
from .keys import (
    ALIGNS_TO,
    CONTRIBUTES,
    DEPENDS_ON,
    IN_CYCLE,
    MEASURED_BY,
    MISSION,
    OWNED_BY,
    PART_OF,
    SERVES,
    VISION,
    cycle_key,
    kr_key,
    objective_key,
    person_key,
    ref_key,
    theme_key,
    unit_key,
)
from .levels import annotate_levels
from .okr_graph import OkrGraph
from .progress import (
    ProgressTable,
    compute_progress,
    confidence_of,
    kr_kind,
    milestone_state,
    reading,
)


def build_graph(
    repo: Repo, today: date, thresholds: HealthThresholds = DEFAULT_THRESHOLDS
) -> OkrGraph:
    """The alignment graph of `repo`, with progress and health as of `today`."""
    with paused_gc():
        return _build(repo, today, thresholds)


def _build(repo: Repo, today: date, thresholds: HealthThresholds) -> OkrGraph:
    graph = OkrGraph(today=today, thresholds=thresholds, org=repo.org, public=False)
    graph.graph["root_units"] = ()
    if repo.org is not None:
        _add_org(graph, repo.org)
    objectives = unique_objectives(repo.objectives)
    for objective in objectives.values():
        _add_objective(graph, objective)
    for objective in objectives.values():
        _link_objective(graph, objective)
    _attach_comments(graph, repo.comments)
    _annotate_scores(graph, objectives, compute_progress(objectives))
    annotate_levels(graph)
    return graph


def unique_objectives(objectives: Iterable[Objective]) -> dict[str, Objective]:
    """Objectives by id; the first of a duplicated id wins (the validator reports it)."""
    by_id: dict[str, Objective] = {}
    for objective in objectives:
        by_id.setdefault(objective.id, objective)
    return by_id


def _add_org(graph: OkrGraph, org: Org) -> None:
    if org.mission:
        where = org.at("mission")
        graph.add_node(
            MISSION,
            type="mission",
            id="",
            title=org.mission,
            record=None,
            file=where.file,
            line=where.line,
        )
    if org.vision:
        where = org.at("vision")
        graph.add_node(
            VISION,
            type="vision",
            id="",
            title=org.vision,
            record=None,
            file=where.file,
            line=where.line,
        )
        if org.mission:
            graph.add_edge(VISION, MISSION, key=SERVES, kind=SERVES)
    top = VISION if org.vision else MISSION if org.mission else None
    for theme in org.themes:
        key = theme_key(theme.id)
        if key in graph:
            continue
        _add_record_node(graph, key, "theme", theme.id, theme.title, theme)
        if top:
            graph.add_edge(key, top, key=SERVES, kind=SERVES)
    for cycle in org.cycles:
        if cycle_key(cycle.id) not in graph:
            _add_record_node(
                graph, cycle_key(cycle.id), "cycle", cycle.id, cycle.title or cycle.id, cycle
            )
    for unit in org.units:
        if unit_key(unit.id) not in graph:
            _add_record_node(graph, unit_key(unit.id), "unit", unit.id, unit.name, unit)
    for person in org.people:
        if person_key(person.id) not in graph:
            _add_record_node(graph, person_key(person.id), "person", person.id, person.name, person)
    roots: list[str] = []
    for unit in org.units:
        if unit.parent is None:
            roots.append(unit.id)
        elif unit.parent != unit.id and unit_key(unit.parent) in graph:
            graph.add_edge(unit_key(unit.id), unit_key(unit.parent), key=PART_OF, kind=PART_OF)
    graph.graph["root_units"] = tuple(sorted(set(roots)))
    for person in org.people:
        if person.unit and unit_key(person.unit) in graph:
            graph.add_edge(person_key(person.id), unit_key(person.unit), key=PART_OF, kind=PART_OF)


def _add_record_node(
    graph: OkrGraph, key: str, node_type: str, ident: str, title: str, record: object
) -> None:
    loc = record.loc  # type: ignore[attr-defined]
    graph.add_node(
        key, type=node_type, id=ident, title=title, record=record, file=loc.file, line=loc.line
    )


def _add_objective(graph: OkrGraph, objective: Objective) -> None:
    key = objective_key(objective.id)
    private = objective.visibility == "private"
    graph.add_node(
        key,
        type="objective",
        id=objective.id,
        title=objective.title,
        record=objective,
        file=objective.loc.file,
        line=objective.loc.line,
        private=private,
        unit=_owning_unit(graph, objective.owner),
        comments=[],
        krs=[],
    )
    krs: list[str] = graph.nodes[key]["krs"]
    for kr in objective.key_results:
        if kr_key(kr.ref) in krs:  # a duplicate KR id: the first one wins
            continue
        krs.append(kr_key(kr.ref))
        graph.add_node(
            kr_key(kr.ref),
            type="kr",
            id=kr.ref,
            title=kr.title,
            record=kr,
            file=kr.loc.file,
            line=kr.loc.line,
            private=private,
            objective=objective.id,
            comments=[],
        )
        graph.add_edge(kr_key(kr.ref), key, key=PART_OF, kind=PART_OF)


def _owner_key(graph: OkrGraph, owner: str | None) -> str | None:
    """The node an owner id names: a unit first (units and people share one namespace)."""
    if not owner:
        return None
    for key in (unit_key(owner), person_key(owner)):
        if key in graph:
            return key
    return None


def _owning_unit(graph: OkrGraph, owner: str | None) -> str | None:
    key = _owner_key(graph, owner)
    if key is None:
        return None
    data = graph.nodes[key]
    if data["type"] == "unit":
        return data["id"]
    unit = data["record"].unit
    return unit if unit and unit_key(unit) in graph else None


def _link(graph: OkrGraph, source: str, target: str | None, kind: str) -> None:
    if target is not None and target in graph and target != source:
        graph.add_edge(source, target, key=kind, kind=kind)


def _link_objective(graph: OkrGraph, objective: Objective) -> None:
    key = objective_key(objective.id)
    for ref in objective.aligns_to:
        # An objective aligned to one of its own KRs would loop; skip it like a bad ref.
        if ref.partition("#")[0] != objective.id:
            _link(graph, key, ref_key(ref), ALIGNS_TO)
    for theme in objective.themes:
        _link(graph, key, theme_key(theme), SERVES)
    for dependency in objective.depends_on:
        _link(graph, key, objective_key(dependency), DEPENDS_ON)
    _link(graph, key, _owner_key(graph, objective.owner), OWNED_BY)
    if objective.cycle:
        _link(graph, key, cycle_key(objective.cycle), IN_CYCLE)
    for contributor in objective.contributors:
        if person_key(contributor) in graph:
            _link(graph, person_key(contributor), key, CONTRIBUTES)
    for kr_node in graph.krs_of(key):
        kr: KeyResult = graph.nodes[kr_node]["record"]
        if kr.measured_by:
            _link(graph, kr_node, objective_key(kr.measured_by), MEASURED_BY)
        _link(graph, kr_node, _owner_key(graph, kr.owner), OWNED_BY)


def _attach_comments(graph: OkrGraph, comments: list[Comment]) -> None:
    """Each comment on the node it names (objective or KR), oldest first."""
    ordered = sorted(comments, key=lambda c: (c.date or date.min, c.loc.file))
    for comment in ordered:
        target = objective_key(comment.objective_id)
        if comment.kr_id:
            target = kr_key(comment.objective)
        if target in graph and "comments" in graph.nodes[target]:
            graph.nodes[target]["comments"].append(comment)


def _annotate_scores(
    graph: OkrGraph, objectives: dict[str, Objective], table: ProgressTable
) -> None:
    cycles: dict[str, Cycle] = {}
    if graph.org is not None:
        for cycle in graph.org.cycles:
            cycles.setdefault(cycle.id, cycle)
    today, thresholds = graph.today, graph.thresholds
    for objective in objectives.values():
        cycle = cycles.get(objective.cycle or "")
        start, end = (cycle.start, cycle.end) if cycle else (None, None)
        weighted: list[tuple[float, float]] = []
        for kr_node in graph.krs_of(objective_key(objective.id)):
            data = graph.nodes[kr_node]
            kr: KeyResult = data["record"]
            progress = table.key_results[kr.ref]
            confidence = confidence_of(kr)
            if confidence is not None:
                weighted.append((kr.weight, confidence))
            done, given = milestone_state(kr)
            data["progress"] = progress
            data["confidence"] = confidence
            data["health"] = assess(
                progress.value,
                today=today,
                start=start,
                end=kr.due or end,
                status=objective.status,
                kind=objective.kind,
                confidence=confidence,
                pending_milestone=kr_kind(kr) == "milestone" and not done and given is None,
                thresholds=thresholds,
            )
        data = graph.nodes[objective_key(objective.id)]
        progress = table.objectives[objective.id]
        data["progress"] = progress
        data["reading"] = reading(objective, progress)
        data["health"] = _objective_health(
            objective, progress.value, start, end, weighted, today, thresholds
        )


def _objective_health(
    objective: Objective,
    progress: float,
    start: date | None,
    end: date | None,
    confidences: list[tuple[float, float]],
    today: date,
    thresholds: HealthThresholds,
) -> Health:
    # The objective's confidence: the weighted mean of the KR confidences that are given.
    total = sum(weight for weight, _ in confidences)
    confidence = sum(weight * value for weight, value in confidences) / total if total > 0 else None
    return assess(
        progress,
        today=today,
        start=start,
        end=end,
        status=objective.status,
        kind=objective.kind,
        confidence=confidence,
        thresholds=thresholds,
    )
