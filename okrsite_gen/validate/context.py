"""What rules receive, and how they register.

Rules come in two kinds, so `check` can cache and parallelise per file:
- per-file rules see one record (org.yaml, an objective, a comment) and the org's look-ups:
  their problems depend on that file, org.yaml and okrsite.toml only;
- cross-file rules see every objective's outline (ids, links, owners; see outline.py) and
  "today": references between files, duplicate ids, loops, focus, tracking.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..config import Guidance
from ..model import Comment, Cycle, Loc, Objective, Org, Problem
from .registry import RULES


@dataclass(slots=True)
class OrgIndex:
    """What per-file rules look up in org.yaml: ids (in file order, first one of an id
    wins: duplicates are reported by their own rule) and cycles. Small enough for
    `check` to keep in its cache, so a warm check need not parse org.yaml."""

    readable: bool  # False without a readable org.yaml: nothing can be looked up
    units: dict[str, None] = field(default_factory=dict)
    people: dict[str, None] = field(default_factory=dict)
    themes: dict[str, None] = field(default_factory=dict)
    cycles: dict[str, Cycle] = field(default_factory=dict)
    owners: set[str] = field(default_factory=set)  # unit and person ids: one namespace

    @classmethod
    def of(cls, org: Org | None) -> OrgIndex:
        if org is None:
            return cls(readable=False)
        cycles: dict[str, Cycle] = {}
        for cycle in org.cycles:
            cycles.setdefault(cycle.id, cycle)
        return cls.from_ids(
            [u.id for u in org.units],
            [p.id for p in org.people],
            [t.id for t in org.themes],
            list(cycles.values()),
        )

    @classmethod
    def from_ids(
        cls, units: list[str], people: list[str], themes: list[str], cycles: list[Cycle]
    ) -> OrgIndex:
        index = cls(True, dict.fromkeys(units), dict.fromkeys(people), dict.fromkeys(themes))
        for cycle in cycles:
            index.cycles.setdefault(cycle.id, cycle)
        index.owners = index.units.keys() | index.people.keys()
        return index


@dataclass(frozen=True, slots=True)
class FileContext:
    """What a per-file rule may use besides its record. No "today": see the module doc."""

    org: OrgIndex
    guidance: Guidance


OrgCheck = Callable[[Org, FileContext], Iterable[Problem]]
ObjectiveCheck = Callable[[Objective, FileContext], Iterable[Problem]]
CommentCheck = Callable[[Comment, FileContext], Iterable[Problem]]

ORG_CHECKS: list[OrgCheck] = []
OBJECTIVE_CHECKS: list[ObjectiveCheck] = []
COMMENT_CHECKS: list[CommentCheck] = []


def org_check(function: OrgCheck) -> OrgCheck:
    ORG_CHECKS.append(function)
    return function


def objective_check(function: ObjectiveCheck) -> ObjectiveCheck:
    OBJECTIVE_CHECKS.append(function)
    return function


def comment_check(function: CommentCheck) -> CommentCheck:
    COMMENT_CHECKS.append(function)
    return function


def problem(rule: str, loc: Loc, message: str, hint: str = "") -> Problem:
    """A problem of `rule`, with the rule's default severity from the registry."""
    return Problem(rule, RULES[rule].severity, loc, message, hint)
