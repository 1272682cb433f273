"""What a generated page read: the one thing that says which pages an edit can change.

`okrsite serve` keeps each page between rebuilds with the set of things it read while it
was made: graph nodes, their edges, comment look-ups, file histories. Each is a *token*,
`(namespace, key)`. After an edit, the tokens whose values differ between the previous
build and this one are the changed tokens, and only pages that read one are made again.

Reads are noted by `TrackedDict`, a dict that adds the key of every look-up to the log of
the page being made. Reading a whole mapping (iterating it, its length, its items) is the
token `(namespace, ALL)`, which changes whenever anything in the namespace does: a page
that lists everything is made again after every edit. Nothing is noted between pages.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping
from typing import Any

Token = tuple[str, Hashable]
ALL = "*"  # the key of a read of a whole namespace
_MISSING = object()


class ReadLog:
    """The tokens the page being made has read; None while no page is being made."""

    __slots__ = ("current",)

    def __init__(self) -> None:
        self.current: set[Token] | None = None


class TrackedDict(dict):  # type: ignore[type-arg]
    """A dict whose reads are noted in a `ReadLog` under the namespace `namespace`."""

    __slots__ = ("_log", "namespace")

    def __init__(self, values: Mapping[Any, Any], log: ReadLog, namespace: str) -> None:
        super().__init__(values)
        self._log = log
        self.namespace = namespace

    def _note(self, key: Hashable) -> None:
        current = self._log.current
        if current is not None:
            current.add((self.namespace, key))

    # The look-ups by key run for every read of every page: `_note` is inlined in them.
    def __getitem__(self, key: Hashable) -> Any:
        current = self._log.current
        if current is not None:
            current.add((self.namespace, key))
        return dict.__getitem__(self, key)

    def get(self, key: Hashable, default: Any = None) -> Any:
        current = self._log.current
        if current is not None:
            current.add((self.namespace, key))
        return dict.get(self, key, default)

    def __contains__(self, key: object) -> bool:
        current = self._log.current
        if current is not None:
            current.add((self.namespace, key))  # type: ignore[arg-type]
        return dict.__contains__(self, key)

    def __iter__(self) -> Iterator[Any]:
        self._note(ALL)
        return dict.__iter__(self)

    def __len__(self) -> int:
        self._note(ALL)
        return dict.__len__(self)

    def keys(self) -> Any:
        self._note(ALL)
        return dict.keys(self)

    def values(self) -> Any:
        self._note(ALL)
        return dict.values(self)

    def items(self) -> Any:
        self._note(ALL)
        return dict.items(self)


def changed_tokens(namespace: str, before: dict[Any, Any], after: dict[Any, Any]) -> set[Token]:
    """The tokens of `namespace` whose values differ between two builds' mappings."""
    # dict's own methods: a tracked mapping must not note this comparison as a page's read.
    changed: set[Token] = {
        (namespace, key)
        for key, value in dict.items(before)
        if dict.get(after, key, _MISSING) != value
    }
    changed.update(
        (namespace, key) for key in dict.keys(after) if not dict.__contains__(before, key)
    )
    if changed:
        changed.add((namespace, ALL))
    return changed
