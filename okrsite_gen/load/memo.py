"""Files loaded by the last build, kept by `okrsite serve`: a file whose text has not
changed is not parsed again. Records are never mutated after loading, so sharing one
between builds is safe."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..model import Problem

Loaded = TypeVar("Loaded")


@dataclass(frozen=True, slots=True)
class _Kept:
    text: str
    record: Any
    problems: tuple[Problem, ...]


@dataclass(slots=True)
class LoadMemo:
    # What else a file's record depends on (the org's cycle ids, the limits): when it
    # differs from the last build's, every file is parsed again.
    scope: Any = None
    _kept: dict[str, _Kept] = field(default_factory=dict)
    _next: dict[str, _Kept] = field(default_factory=dict)
    parsed: int = 0

    def begin(self, scope: Any) -> None:
        if scope != self.scope:
            self.scope, self._kept = scope, {}
        self._next, self.parsed = {}, 0

    def load(
        self,
        rel: str,
        text: str,
        problems: list[Problem],
        parse: Callable[[str, str, list[Problem]], Loaded | None],
    ) -> Loaded | None:
        """`parse(rel, text, problems)`, or what it gave last time for the same file and
        text."""
        kept = self._kept.get(rel)
        if kept is None or kept.text != text:
            own: list[Problem] = []
            kept = _Kept(text, parse(rel, text, own), tuple(own))
            self.parsed += 1
        self._next[rel] = kept
        problems.extend(kept.problems)
        return kept.record

    def commit(self) -> None:
        """Keep only this build's files (a deleted file's record goes)."""
        self._kept, self._next = self._next, {}
