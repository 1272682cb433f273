"""Typed records for a company's OKRs, and the `Problem` every stage reports.

Every record remembers where it came from (`loc`) and where each of its values was
written (`locs`, keyed by field name, list items as ``name[i]``), so any later stage can
point a user at the exact line without re-reading files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Severity = Literal["error", "warning"]


# Not frozen: a frozen dataclass's __init__ is several times slower, and a repository of
# 10,000 objectives creates over a million of these. Hashable all the same; never mutated.
@dataclass(slots=True, unsafe_hash=True)
class Loc:
    """A position in a file of the repository: posix path relative to the root, 1-based."""

    file: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input. Errors fail `check`; warnings do under --strict."""

    rule: str
    severity: Severity
    loc: Loc
    message: str
    hint: str = ""

    @property
    def file(self) -> str:
        return self.loc.file

    @property
    def line(self) -> int:
        return self.loc.line

    @property
    def col(self) -> int:
        return self.loc.col

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.loc.file, self.loc.line, self.loc.col, self.rule, self.message)


class HasProblems:
    """The errors and warnings among a check's `problems` (pipeline and check command)."""

    __slots__ = ()
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


@dataclass(slots=True)
class Located:
    """Base for records: `loc` is the record itself, `locs` each of its values."""

    loc: Loc
    locs: dict[str, Loc] = field(default_factory=dict, kw_only=True)

    def at(self, name: str) -> Loc:
        """Where value `name` was written, or the record itself when it was not."""
        return self.locs.get(name, self.loc)


@dataclass(slots=True)
class Theme(Located):
    id: str
    title: str
    description: str = ""


@dataclass(slots=True)
class Cycle(Located):
    id: str
    start: date | None
    end: date | None
    title: str = ""


def running_cycle(cycles: Iterable[Cycle], day: date) -> Cycle | None:
    """The shortest cycle running on `day`: a quarter rather than the year around it."""
    running = [c for c in cycles if c.start and c.end and c.start <= day <= c.end]
    return min(running, key=lambda c: (c.end - c.start, c.id), default=None)  # type: ignore[operator]


@dataclass(slots=True)
class Unit(Located):
    id: str
    name: str
    parent: str | None = None
    lead: str | None = None
    description: str = ""


@dataclass(slots=True)
class Person(Located):
    id: str
    name: str
    unit: str | None = None
    handle: str | None = None
    title: str = ""
    email: str = ""


@dataclass(slots=True)
class Org(Located):
    name: str
    mission: str = ""
    vision: str = ""
    themes: list[Theme] = field(default_factory=list)
    cycles: list[Cycle] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)


@dataclass(slots=True)
class Checkin(Located):
    date: date | None
    value: float | None = None
    confidence: float | None = None
    note: str = ""
    by: str | None = None
    done: bool | None = None
    progress: float | None = None


@dataclass(slots=True)
class KeyResult(Located):
    objective_id: str
    id: str
    title: str
    index: int = 0
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    stretch: float | None = None
    current: float | None = None
    weight: float = 1.0
    confidence: float | None = None
    due: date | None = None
    owner: str | None = None
    done: bool | None = None
    progress: float | None = None
    measured_by: str | None = None
    checkins: list[Checkin] = field(default_factory=list)

    @property
    def ref(self) -> str:
        """The reference other files use for this KR: ``objective-id#kr-id``."""
        return f"{self.objective_id}#{self.id}"

    @property
    def is_metric(self) -> bool:
        return self.baseline is not None or self.target is not None

    @property
    def is_milestone(self) -> bool:
        return self.done is not None or self.progress is not None


Kind = Literal["committed", "aspirational"]
Origin = Literal["cascaded", "self-driven"]
Status = Literal["draft", "active", "done", "dropped"]
Visibility = Literal["public", "private"]


@dataclass(slots=True)
class Objective(Located):
    id: str
    title: str
    owner: str | None
    cycle: str | None
    path: str = ""  # path under content/okrs, posix, with extension
    aligns_to: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    kind: Kind = "committed"
    origin: Origin = "self-driven"
    status: Status = "active"
    visibility: Visibility = "public"
    contributors: list[str] = field(default_factory=list)
    depends_on: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    score: float | None = None
    reflection: str = ""
    key_results: list[KeyResult] = field(default_factory=list)
    body: str = ""  # the narrative, Markdown
    body_line: int = 1  # line of the file where the body starts

    def key_result(self, kr_id: str) -> KeyResult | None:
        return next((kr for kr in self.key_results if kr.id == kr_id), None)


CommentKind = Literal["question", "feedback", "kudos"]


@dataclass(slots=True)
class Comment(Located):
    objective: str  # "objective-id" or "objective-id#kr-id" as written
    author: str
    date: date | None
    kind: CommentKind = "feedback"
    body: str = ""
    body_line: int = 1

    @property
    def objective_id(self) -> str:
        return self.objective.partition("#")[0]

    @property
    def kr_id(self) -> str | None:
        return self.objective.partition("#")[2] or None


@dataclass(slots=True)
class Repo:
    """Everything loaded from one company repository."""

    org: Org | None
    objectives: list[Objective] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
