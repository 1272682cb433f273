"""The records of an OKR diff: what changed, what it affects, who to tell.

Every value is already what a reader may see: a public diff holds no private title, id
or value (the comparison redacts while it builds these records), so the Markdown, text
and JSON renderers need not think about privacy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..model import Problem

ChangeKind = Literal["added", "removed", "changed"]


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of an objective or KR. Values are display strings ("" = not set); list
    fields give what was `added` and `removed`; long text only says it was `edited`."""

    field: str
    old: str = ""
    new: str = ""
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    edited: bool = False


@dataclass(frozen=True, slots=True)
class ProgressChange:
    """Progress before and after, 0.0-1.0 (None on the side where the thing is absent)."""

    old: float | None
    new: float | None

    @property
    def points(self) -> float | None:
        """The change in percentage points, e.g. +15.0."""
        if self.old is None or self.new is None:
            return None
        return round((self.new - self.old) * 100, 1)


@dataclass(frozen=True, slots=True)
class Affected:
    """An objective in an impact list, with who owns it."""

    id: str
    title: str
    owner: str  # display name of the owning unit or person
    unit: str  # display name of the owning unit ("" when unknown)
    owner_id: str = ""


@dataclass(frozen=True, slots=True)
class Impact:
    """What a changed or removed objective or KR touches up and down the cascade.

    `direct`/`below`: objectives aligned to it directly, and further down. `aligns_to`:
    what it aligns to. `orphaned`: objectives left aligned to nothing by a removal (as of
    the head); `cut_off`: objectives further below that lose their line up through them.
    `hidden`: private objectives left out of these lists in a public diff.
    """

    target: str  # objective id, or KR reference objective#kr
    removed: bool
    direct: list[Affected] = field(default_factory=list)
    below: list[Affected] = field(default_factory=list)
    aligns_to: list[Affected] = field(default_factory=list)
    orphaned: list[Affected] = field(default_factory=list)
    cut_off: list[Affected] = field(default_factory=list)
    hidden: int = 0

    @property
    def empty(self) -> bool:
        return not (self.direct or self.below or self.aligns_to or self.orphaned or self.hidden)


@dataclass(slots=True)
class KrChange:
    id: str
    title: str
    kind: ChangeKind
    fields: list[FieldChange] = field(default_factory=list)
    progress: ProgressChange | None = None


@dataclass(slots=True)
class ObjectiveChange:
    """An objective added, removed or changed; `old_path != new_path` means it moved."""

    id: str
    kind: ChangeKind
    title: str
    owner: str  # display name of the owner in the head (the base for a removal)
    cycle: str
    private: bool  # shown only in a diff with --include-private
    old_path: str | None = None
    new_path: str | None = None
    fields: list[FieldChange] = field(default_factory=list)
    key_results: list[KrChange] = field(default_factory=list)
    progress: ProgressChange | None = None
    aligns_added: list[str] = field(default_factory=list)
    aligns_removed: list[str] = field(default_factory=list)
    owner_change: tuple[str, str] | None = None  # display names
    visibility_change: tuple[str, str] | None = None
    impacts: list[Impact] = field(default_factory=list)

    @property
    def moved(self) -> bool:
        return bool(self.old_path and self.new_path and self.old_path != self.new_path)

    @property
    def edited(self) -> bool:
        """Anything changed besides the path."""
        return bool(
            self.fields
            or self.key_results
            or self.aligns_added
            or self.aligns_removed
            or self.owner_change
            or self.visibility_change
        )

    @property
    def made_public(self) -> bool:
        return self.visibility_change == ("private", "public")


@dataclass(frozen=True, slots=True)
class Notify:
    """A person to tell about the change: `mention` is ``@handle``, or their name."""

    person: str
    name: str
    mention: str


@dataclass(slots=True)
class OkrDiff:
    base: str
    head: str
    include_private: bool
    objectives: list[ObjectiveChange]  # sorted by id
    new_problems: list[Problem]
    fixed_problems: int
    head_errors: int
    head_warnings: int
    notify: list[Notify]
    hidden_changes: int = 0  # private objectives changed, left out of a public diff
    hidden_problems: int = 0  # new problems in private objectives, left out too

    def of_kind(self, kind: ChangeKind) -> list[ObjectiveChange]:
        return [o for o in self.objectives if o.kind == kind]

    @property
    def moved(self) -> list[ObjectiveChange]:
        return [o for o in self.objectives if o.moved]

    @property
    def changed(self) -> list[ObjectiveChange]:
        """Objectives whose content changed (a pure move is not listed here)."""
        return [o for o in self.objectives if o.kind == "changed" and o.edited]

    @property
    def empty(self) -> bool:
        return not (self.objectives or self.hidden_changes)
