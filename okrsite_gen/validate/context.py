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
from ..model import Comment, Cycle, Loc, Objective, Org, Person, Problem, Theme, Unit
from .registry import RULES


@dataclass(slots=True)
class OrgIndex:
    """Look-ups into org.yaml, built once per run. First one of an id wins: duplicates
    are reported by their own rule."""

    org: Org | None
    units: dict[str, Unit] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)
    cycles: dict[str, Cycle] = field(default_factory=dict)
    owners: set[str] = field(default_factory=set)  # unit and person ids: one namespace

    @classmethod
    def of(cls, org: Org | None) -> OrgIndex:
        index = cls(org)
        if org is not None:
            for unit in org.units:
                index.units.setdefault(unit.id, unit)
            for person in org.people:
                index.people.setdefault(person.id, person)
            for theme in org.themes:
                index.themes.setdefault(theme.id, theme)
            for cycle in org.cycles:
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
