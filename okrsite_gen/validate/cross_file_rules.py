"""Rules that span files, read from every objective's outline (outline.py).

References between objectives and KRs, duplicate objective ids, loops, how many
objectives one owner has, alignment across cycles, and tracking (the only rule that
depends on "today").
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..config import Guidance
from ..model import Cycle, Loc, Problem
from ..schema.check import closest
from .context import problem
from .loops import loops
from .outline import CommentOutline, ObjectiveOutline


@dataclass(slots=True)
class Outlines:
    """Every objective's and comment's outline, with look-ups by id."""

    objectives: list[ObjectiveOutline]
    comments: list[CommentOutline] = field(default_factory=list)
    by_id: dict[str, ObjectiveOutline] = field(default_factory=dict)  # the first of an id
    key_results: set[str] = field(default_factory=set)  # "objective#kr", of every file
    # The closest objective id to an unknown one, kept: renaming a parent breaks every
    # child's links to it (and its KRs) at once, and each search compares the unknown id
    # with every objective id (0.1 s at 10,000).
    closest_ids: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def of(
        cls, objectives: list[ObjectiveOutline], comments: Iterable[CommentOutline] = ()
    ) -> Outlines:
        index = cls(objectives, list(comments))
        for outline in objectives:
            index.by_id.setdefault(outline.id, outline)
            # Every file's KRs, not only the first's of a duplicated id: a reference to
            # one of them is not "unresolved" (the duplicate id is reported on its own).
            index.key_results.update(f"{outline.id}#{kr.id}" for kr in outline.key_results)
        return index

    def resolves(self, ref: str) -> bool:
        """True when `ref` is an objective id, or `objective-id#kr-id` of an existing KR."""
        if "#" in ref:
            return ref in self.key_results
        return ref in self.by_id

    def suggest(self, ref: str) -> str:
        """A 'did you mean' for an objective or objective#kr reference that does not resolve."""
        objective_id, hash_, kr_id = ref.partition("#")
        objective = self.by_id.get(objective_id)
        if hash_ and objective is not None:
            kr_ids = [kr.id for kr in objective.key_results]
            match = closest(kr_id, kr_ids)
            if match:
                return f"did you mean `{objective_id}#{match}`?"
            return f"`{objective_id}` has the KRs: {', '.join(kr_ids) or 'none'}."
        match = self._closest_objective(objective_id)
        if match:
            return f"did you mean `{match}{hash_}{kr_id}`?"
        return "Objective ids are paths under content/okrs without the extension."

    def _closest_objective(self, objective_id: str) -> str | None:
        if objective_id not in self.closest_ids:
            self.closest_ids[objective_id] = closest(objective_id, list(self.by_id))
        return self.closest_ids[objective_id]


@dataclass(frozen=True, slots=True)
class CrossContext:
    outlines: Outlines
    cycles: dict[str, Cycle]
    guidance: Guidance
    today: date


CrossCheck = Callable[[CrossContext], Iterable[Problem]]
CROSS_CHECKS: list[CrossCheck] = []


def cross_check(function: CrossCheck) -> CrossCheck:
    CROSS_CHECKS.append(function)
    return function


def _live(ctx: CrossContext) -> Iterator[ObjectiveOutline]:
    """Objectives still pursued: dropped ones are past caring about."""
    return (o for o in ctx.outlines.objectives if o.status != "dropped")


@cross_check
def duplicate_objective_ids(ctx: CrossContext) -> Iterator[Problem]:
    first_of: dict[str, ObjectiveOutline] = {}
    for outline in ctx.outlines.objectives:
        first = first_of.setdefault(outline.id, outline)
        if first is not outline:
            yield problem(
                "duplicate-id",
                outline.loc(outline.id_line, outline.id_col),
                f"objective id `{outline.id}` is used by both {first.file} and {outline.file}",
                "Give one of them a different `id:` (or move the file).",
            )


@cross_check
def links_between_objectives(ctx: CrossContext) -> Iterator[Problem]:
    index = ctx.outlines
    for outline in index.objectives:
        for ref, line, col in outline.aligns_to:
            if not index.resolves(ref):
                yield problem(
                    "unresolved-alignment",
                    outline.loc(line, col),
                    f"aligns_to `{ref}` is not an objective or key result",
                    index.suggest(ref),
                )
        for ref, line, col in outline.depends_on:
            if ref not in index.by_id:
                yield problem(
                    "unresolved-dependency",
                    outline.loc(line, col),
                    f"depends_on `{ref}` is not an objective",
                    index.suggest(ref),
                )
        for kr in outline.key_results:
            if kr.measured_by and kr.measured_by not in index.by_id:
                yield problem(
                    "unresolved-measured-by",
                    outline.loc(kr.measured_by_line, kr.measured_by_col),
                    f"measured_by `{kr.measured_by}` is not an objective",
                    index.suggest(kr.measured_by),
                )


@cross_check
def alignment_loops(ctx: CrossContext) -> Iterator[Problem]:
    by_id = ctx.outlines.by_id
    # Positions, not Locs, per edge: one is made only for a loop found (10,000s of edges).
    edges: dict[str, list[tuple[str, tuple[str, int, int]]]] = {}
    for outline in ctx.outlines.objectives:
        for ref, line, col in outline.aligns_to:
            parent = ref.partition("#")[0]
            if parent in by_id:
                edges.setdefault(outline.id, []).append((parent, (outline.file, line, col)))
    for path, where in loops(edges):
        yield problem(
            "alignment-cycle",
            Loc(*where),
            f"aligns_to goes round in a loop: {' → '.join(path)}",
            "An objective cannot support its own parent: remove one link of the loop.",
        )


@cross_check
def measured_by_loops(ctx: CrossContext) -> Iterator[Problem]:
    by_id = ctx.outlines.by_id
    edges: dict[str, list[tuple[str, tuple[str, int, int]]]] = {}
    for outline in ctx.outlines.objectives:
        for kr in outline.key_results:
            if kr.measured_by in by_id:
                where = (outline.file, kr.measured_by_line, kr.measured_by_col)
                edges.setdefault(outline.id, []).append((kr.measured_by, where))
    for path, where in loops(edges):
        yield problem(
            "measured-by-cycle",
            Loc(*where),
            f"measured_by goes round in a loop: {' → '.join(path)}",
            "Progress would depend on itself: measure one of these KRs directly.",
        )


@cross_check
def comment_targets(ctx: CrossContext) -> Iterator[Problem]:
    index = ctx.outlines
    for comment in index.comments:
        if comment.target and not index.resolves(comment.target):
            yield problem(
                "unresolved-comment-target",
                Loc(comment.file, comment.line, comment.col),
                f"comment is on `{comment.target}`, which is not an objective or key result",
                index.suggest(comment.target),
            )


@cross_check
def focus(ctx: CrossContext) -> Iterator[Problem]:
    limit = ctx.guidance.max_objectives_per_owner
    by_owner: dict[tuple[str, str], list[ObjectiveOutline]] = defaultdict(list)
    for outline in _live(ctx):
        if outline.owner and outline.cycle:
            by_owner[(outline.owner, outline.cycle)].append(outline)
    for (owner, cycle), outlines in sorted(by_owner.items()):
        if len(outlines) > limit:
            extra = sorted(outlines, key=lambda o: o.file)[limit]
            yield problem(
                "max-objectives",
                extra.loc(extra.owner_line, extra.owner_col),
                f"`{owner}` owns {len(outlines)} objectives in {cycle} (guidance: at most {limit})",
                "Focus: merge or drop some, or hand them to the people who do the work.",
            )


def _contains(outer: Cycle, inner: Cycle) -> bool:
    if not (outer.start and outer.end and inner.start and inner.end):
        return False
    return outer.start <= inner.start and inner.end <= outer.end


@cross_check
def cross_cycle_alignment(ctx: CrossContext) -> Iterator[Problem]:
    by_id = ctx.outlines.by_id
    for outline in _live(ctx):
        own = ctx.cycles.get(outline.cycle or "")
        for ref, line, col in outline.aligns_to:
            parent = by_id.get(ref.partition("#")[0])
            if parent is None or own is None or parent.cycle == outline.cycle:
                continue
            theirs = ctx.cycles.get(parent.cycle or "")
            # A quarter aligning to the annual cycle that contains it is the normal cascade.
            if theirs and _contains(theirs, own):
                continue
            yield problem(
                "cross-cycle-alignment",
                outline.loc(line, col),
                f"aligns to `{parent.id}` of cycle {parent.cycle}, but this objective is "
                f"in {outline.cycle}",
                "Align to an objective of the same cycle (or of one that contains it).",
            )


@cross_check
def tracked(ctx: CrossContext) -> Iterator[Problem]:
    grace = timedelta(days=ctx.guidance.untracked_after_days)
    for outline in _live(ctx):
        if outline.status != "active":
            continue
        cycle = ctx.cycles.get(outline.cycle or "")
        if cycle is None or cycle.start is None or ctx.today <= cycle.start + grace:
            continue
        for kr in outline.key_results:
            if kr.untracked_metric:
                yield problem(
                    "metric-untracked",
                    outline.loc(kr.line, kr.col),
                    f"metric KR `{kr.id}` has no `current` value "
                    f"{(ctx.today - cycle.start).days} days into {cycle.id}",
                    "Record where it stands: `okrsite checkin` or `current:`.",
                )
