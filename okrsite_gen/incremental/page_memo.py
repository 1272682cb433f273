"""`okrsite serve`'s pages between rebuilds: a page is made again only if it read something
the edit changed (see reads.py for what "read" means).

One `PageMemo` lives as long as the serve process. A build calls `begin` with its tracked
mappings, `page` for each page that may be reused, and `commit` once every page is made;
a build that fails before `commit` leaves the memo as the last finished build left it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .reads import ReadLog, Token, changed_tokens

Made = TypeVar("Made")


@dataclass(frozen=True, slots=True)
class _Kept(Generic[Made]):
    reads: frozenset[Token]
    made: Made


class PageMemo(Generic[Made]):
    def __init__(self) -> None:
        self.log = ReadLog()
        self._kept: dict[str, _Kept[Made]] = {}
        self._scope: Any = None
        self._tracked: dict[str, dict[Any, Any]] = {}
        # This build's: what changed since the last (None: anything may have), its pages.
        self._changed: set[Token] | None = None
        self._pending: tuple[Any, dict[str, dict[Any, Any]], dict[str, _Kept[Made]]] | None = None
        self.made = 0
        self.reused = 0

    def begin(self, scope: Any, tracked: dict[str, dict[Any, Any]]) -> None:
        """Start a build. `scope`: what every page depends on (options, "today", the org);
        if it differs from the last build's, no page is reused. `tracked`: this build's
        mappings whose reads `self.log` notes, by namespace."""
        if scope != self._scope or tracked.keys() != self._tracked.keys():
            self._changed = None
        else:
            self._changed = set()
            for namespace, mapping in tracked.items():
                self._changed |= changed_tokens(namespace, self._tracked[namespace], mapping)
        self._pending = (scope, tracked, {})
        self.made = self.reused = 0

    def page(self, path: str, make: Callable[[], Made]) -> Made:
        """The page at `path`: the last build's if it read nothing that changed, else
        `make()`, with what it reads noted for the next build."""
        assert self._pending is not None, "begin() first"
        made_now = self._pending[2]
        kept = self._kept.get(path)
        if kept is not None and self._changed is not None and kept.reads.isdisjoint(self._changed):
            made_now[path] = kept
            self.reused += 1
            return kept.made
        self.log.current = reads = set()
        try:
            made = make()
        finally:
            self.log.current = None
        made_now[path] = _Kept(frozenset(reads), made)
        self.made += 1
        return made

    def commit(self) -> None:
        """The build finished: its pages and mappings are what the next one compares with."""
        assert self._pending is not None, "begin() first"
        self._scope, self._tracked, self._kept = self._pending
        self._pending = None
