"""Per-file rules on references into org.yaml: owners, cycles, themes, people; KR ids.

References between objectives (aligns_to, depends_on, measured_by, comment targets) span
files: they are in cross_file_rules.py.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Comment, Loc, Objective, Problem
from ..schema.check import did_you_mean
from .context import FileContext, comment_check, objective_check, problem


@objective_check
def duplicate_key_result_ids(objective: Objective, ctx: FileContext) -> Iterator[Problem]:
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


@objective_check
def objective_references(objective: Objective, ctx: FileContext) -> Iterator[Problem]:
    index = ctx.org
    # Without a readable org.yaml (reported on its own) every owner, cycle, theme and person
    # would be unknown: say it once, not once per objective.
    if not index.readable:
        return
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


@comment_check
def comment_author(comment: Comment, ctx: FileContext) -> Iterator[Problem]:
    people = ctx.org.people
    if comment.author and ctx.org.readable and comment.author not in people:
        yield problem(
            "unknown-author",
            comment.at("author"),
            f"comment author `{comment.author}` is not a person in org.yaml",
            did_you_mean(comment.author, list(people)),
        )
