"""Rules on references between objectives, KRs, owners, cycles and themes."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Loc, Objective, Problem
from ..schema.check import closest, did_you_mean
from .context import Context, check, problem
from .index import Index


def suggest_ref(index: Index, ref: str) -> str:
    """A 'did you mean' for an objective or objective#kr reference that does not resolve."""
    objective_id, hash_, kr_id = ref.partition("#")
    objective = index.objectives.get(objective_id)
    if hash_ and objective is not None:
        kr_ids = [kr.id for kr in objective.key_results]
        match = closest(kr_id, kr_ids)
        if match:
            return f"did you mean `{objective_id}#{match}`?"
        return f"`{objective_id}` has the KRs: {', '.join(kr_ids) or 'none'}."
    match = closest(objective_id, list(index.objectives))
    if match:
        return f"did you mean `{match}{hash_}{kr_id}`?"
    return "Objective ids are paths under content/okrs without the extension."


@check
def duplicate_objective_and_kr_ids(ctx: Context) -> Iterator[Problem]:
    first_of: dict[str, Objective] = {}
    for objective in ctx.index.repo.objectives:
        first = first_of.setdefault(objective.id, objective)
        if first is not objective:
            yield problem(
                "duplicate-id",
                objective.at("id"),
                f"objective id `{objective.id}` is used by both {first.loc.file} "
                f"and {objective.loc.file}",
                "Give one of them a different `id:` (or move the file).",
            )
        seen: dict[str, Loc] = {}
        for kr in objective.key_results:
            where = seen.setdefault(kr.id, kr.at("id"))
            if where != kr.at("id"):
                yield problem(
                    "duplicate-id",
                    kr.at("id"),
                    f"key result id `{kr.id}` is used twice in this objective "
                    f"(first on line {where.line})",
                    "KR ids default to kr1, kr2... by position: give each an explicit id.",
                )


@check
def objective_references(ctx: Context) -> Iterator[Problem]:
    index = ctx.index
    # Without a readable org.yaml (reported on its own) every owner, cycle, theme and person
    # would be unknown: say it once, not once per objective.
    if index.repo.org is None:
        return
    for objective in index.repo.objectives:
        if objective.owner and objective.owner not in index.owners:
            yield problem(
                "unknown-owner",
                objective.at("owner"),
                f"owner `{objective.owner}` is neither a unit nor a person",
                did_you_mean(objective.owner, index.owners) or "Add it to org.yaml.",
            )
        if objective.cycle is None:
            yield problem(
                "unknown-cycle",
                objective.loc,
                "objective has no cycle: no `cycle:` field and its first folder is not a cycle",
                f"Add `cycle:` ({', '.join(index.cycles) or 'define cycles in org.yaml'}) or "
                "move the file under content/okrs/<cycle>/.",
            )
        elif objective.cycle not in index.cycles:
            yield problem(
                "unknown-cycle",
                objective.at("cycle"),
                f"cycle `{objective.cycle}` is not defined in org.yaml",
                did_you_mean(objective.cycle, list(index.cycles)),
            )
        for position, theme in enumerate(objective.themes):
            if theme not in index.themes:
                yield problem(
                    "unknown-theme",
                    objective.at(f"themes[{position}]"),
                    f"theme `{theme}` is not defined in org.yaml",
                    did_you_mean(theme, list(index.themes)),
                )
        for position, person in enumerate(objective.contributors):
            if person not in index.people:
                yield problem(
                    "unknown-contributor",
                    objective.at(f"contributors[{position}]"),
                    f"contributor `{person}` is not a person in org.yaml",
                    did_you_mean(person, list(index.people)),
                )
        for kr in objective.key_results:
            if kr.owner and kr.owner not in index.owners:
                yield problem(
                    "unknown-owner",
                    kr.at("owner"),
                    f"owner `{kr.owner}` of KR `{kr.id}` is neither a unit nor a person",
                    did_you_mean(kr.owner, index.owners),
                )
            for checkin in kr.checkins:
                if checkin.by and checkin.by not in index.people:
                    yield problem(
                        "unknown-person",
                        checkin.at("by"),
                        f"check-in by `{checkin.by}`, who is not a person in org.yaml",
                        did_you_mean(checkin.by, list(index.people)),
                    )


@check
def links_between_objectives(ctx: Context) -> Iterator[Problem]:
    index = ctx.index
    for objective in index.repo.objectives:
        for position, ref in enumerate(objective.aligns_to):
            if not index.resolves(ref):
                yield problem(
                    "unresolved-alignment",
                    objective.at(f"aligns_to[{position}]"),
                    f"aligns_to `{ref}` is not an objective or key result",
                    suggest_ref(index, ref),
                )
        for position, ref in enumerate(objective.depends_on):
            if ref not in index.objectives:
                yield problem(
                    "unresolved-dependency",
                    objective.at(f"depends_on[{position}]"),
                    f"depends_on `{ref}` is not an objective",
                    suggest_ref(index, ref),
                )
        for kr in objective.key_results:
            if kr.measured_by and kr.measured_by not in index.objectives:
                yield problem(
                    "unresolved-measured-by",
                    kr.at("measured_by"),
                    f"measured_by `{kr.measured_by}` is not an objective",
                    suggest_ref(index, kr.measured_by),
                )


def _strongly_connected(graph: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, iterative (deep cascades don't recurse).

    Written out rather than taken from networkx so that `okrsite check` does not import
    networkx at all: a tenth of a second on every pull request.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(graph.get(root, ())))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            advanced = False
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(graph.get(successor, ()))))
                    advanced = True
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components


def _cycle_from(start: str, graph: dict[str, list[str]], members: set[str]) -> list[str]:
    """A path start -> ... -> start inside one strongly connected component."""
    previous: dict[str, str] = {}
    queue = [start]
    for node in queue:  # breadth-first: the shortest loop back to `start`
        for successor in graph.get(node, ()):
            if successor == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return [start, *reversed(path[:-1]), start] if node != start else [start, start]
            if successor in members and successor not in previous:
                previous[successor] = node
                queue.append(successor)
    return [start, start]  # unreachable for a real component


def _loops(edges: dict[str, list[tuple[str, Loc]]]) -> Iterator[tuple[list[str], Loc]]:
    """Each loop once: its members in order, and where the first member's loop edge is."""
    graph = {source: [target for target, _ in targets] for source, targets in edges.items()}
    for component in _strongly_connected(graph):
        members = set(component)
        start = min(members)
        if len(members) == 1 and start not in graph.get(start, ()):
            continue
        path = _cycle_from(start, graph, members)
        where = next(loc for target, loc in edges[start] if target == path[1])
        yield path, where


@check
def alignment_loops(ctx: Context) -> Iterator[Problem]:
    index = ctx.index
    edges: dict[str, list[tuple[str, Loc]]] = {}
    for objective in index.repo.objectives:
        for position, ref in enumerate(objective.aligns_to):
            parent = ref.partition("#")[0]
            if parent in index.objectives:
                edges.setdefault(objective.id, []).append(
                    (parent, objective.at(f"aligns_to[{position}]"))
                )
    for path, where in _loops(edges):
        yield problem(
            "alignment-cycle",
            where,
            f"aligns_to goes round in a loop: {' → '.join(path)}",
            "An objective cannot support its own parent: remove one link of the loop.",
        )


@check
def measured_by_loops(ctx: Context) -> Iterator[Problem]:
    index = ctx.index
    edges: dict[str, list[tuple[str, Loc]]] = {}
    for objective in index.repo.objectives:
        for kr in objective.key_results:
            if kr.measured_by in index.objectives:
                edges.setdefault(objective.id, []).append((kr.measured_by, kr.at("measured_by")))
    for path, where in _loops(edges):
        yield problem(
            "measured-by-cycle",
            where,
            f"measured_by goes round in a loop: {' → '.join(path)}",
            "Progress would depend on itself: measure one of these KRs directly.",
        )


@check
def comment_references(ctx: Context) -> Iterator[Problem]:
    index = ctx.index
    for comment in index.repo.comments:
        if comment.author and index.repo.org and comment.author not in index.people:
            yield problem(
                "unknown-author",
                comment.at("author"),
                f"comment author `{comment.author}` is not a person in org.yaml",
                did_you_mean(comment.author, list(index.people)),
            )
        if comment.objective and not index.resolves(comment.objective):
            yield problem(
                "unresolved-comment-target",
                comment.at("objective"),
                f"comment is on `{comment.objective}`, which is not an objective or key result",
                suggest_ref(index, comment.objective),
            )
