"""An objective's outline: the part of it that rules about *other* files look at.

Cross-file rules (references, duplicate ids, loops, focus, tracking) read outlines, never
whole records. An outline is a few strings and positions per objective, so `check` can
keep one per file in its cache and bring them back from worker processes cheaply; and
a rule reading outlines is the same rule whether the objective was just parsed or not.

Positions are (line, col) in the outline's file; `Loc`s are made only for problems.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from ..model import Comment, KeyResult, Loc, Objective

Link = tuple[str, int, int]  # a reference as written, and its line and column


class KeyResultOutline(NamedTuple):
    id: str
    line: int
    col: int
    measured_by: str | None
    measured_by_line: int
    measured_by_col: int
    # A metric (baseline and target) with no `current` written: "is anyone tracking it?"
    untracked_metric: bool


class ObjectiveOutline(NamedTuple):
    id: str
    file: str
    id_line: int
    id_col: int
    owner: str | None
    owner_line: int
    owner_col: int
    cycle: str | None
    status: str
    aligns_to: tuple[Link, ...]
    depends_on: tuple[Link, ...]
    key_results: tuple[KeyResultOutline, ...]

    def loc(self, line: int, col: int) -> Loc:
        return Loc(self.file, line, col)


class CommentOutline(NamedTuple):
    file: str
    target: str  # "objective-id" or "objective-id#kr-id", as written
    line: int
    col: int


def _links(objective: Objective, name: str, refs: list[str]) -> tuple[Link, ...]:
    links = []
    for position, ref in enumerate(refs):
        where = objective.at(f"{name}[{position}]")
        links.append((ref, where.line, where.col))
    return tuple(links)


def _key_result(kr: KeyResult) -> KeyResultOutline:
    measured_at = kr.at("measured_by")
    untracked = kr.baseline is not None and kr.target is not None
    untracked = untracked and kr.current is None and "current" not in kr.locs
    return KeyResultOutline(
        kr.id,
        kr.loc.line,
        kr.loc.col,
        kr.measured_by,
        measured_at.line,
        measured_at.col,
        untracked,
    )


def outline_objective(objective: Objective) -> ObjectiveOutline:
    id_at, owner_at = objective.at("id"), objective.at("owner")
    return ObjectiveOutline(
        objective.id,
        objective.loc.file,
        id_at.line,
        id_at.col,
        objective.owner,
        owner_at.line,
        owner_at.col,
        objective.cycle,
        objective.status,
        _links(objective, "aligns_to", objective.aligns_to),
        _links(objective, "depends_on", objective.depends_on),
        tuple(_key_result(kr) for kr in objective.key_results),
    )


def outline_comment(comment: Comment) -> CommentOutline:
    where = comment.at("objective")
    return CommentOutline(comment.loc.file, comment.objective, where.line, where.col)


def objective_from_json(data: Any) -> ObjectiveOutline:
    """An outline from its JSON form (lists for tuples); raises on any other shape."""
    *head, aligns, depends, krs = data
    outline = ObjectiveOutline(
        *head,
        tuple((str(r), int(line), int(col)) for r, line, col in aligns),
        tuple((str(r), int(line), int(col)) for r, line, col in depends),
        tuple(KeyResultOutline(*kr) for kr in krs),
    )
    if not isinstance(outline.id, str) or not isinstance(outline.file, str):
        raise ValueError("not an objective outline")
    return outline


def comment_from_json(data: Any) -> CommentOutline:
    outline = CommentOutline(*data)
    if not isinstance(outline.target, str) or not isinstance(outline.file, str):
        raise ValueError("not a comment outline")
    return outline
