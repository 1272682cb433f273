"""Node keys and edge kinds of the alignment graph: the names every consumer shares.

A node key is ``<type>:<id>`` (``objective:2026-Q4/platform/fast``,
``kr:2026-Q4/platform/fast#p95``, ``unit:platform``...), except the two singletons
``mission`` and ``vision``. Edges point *up* the cascade or *at* what they name; the edge
key in the MultiDiGraph is its kind, so two nodes share at most one edge of each kind.
"""

from __future__ import annotations

from typing import Final, Literal

NodeType = Literal["mission", "vision", "theme", "cycle", "unit", "person", "objective", "kr"]
EdgeKind = Literal[
    "aligns_to",  # objective -> parent objective or KR
    "serves",  # objective -> theme, theme -> vision (or mission), vision -> mission
    "measured_by",  # KR -> the objective whose progress it takes
    "depends_on",  # objective -> objective it needs
    "owned_by",  # objective -> unit or person; KR -> person
    "contributes",  # person -> objective
    "part_of",  # unit -> parent unit, person -> unit, KR -> its objective
    "in_cycle",  # objective -> cycle
]

MISSION: Final = "mission"
VISION: Final = "vision"

ALIGNS_TO: Final = "aligns_to"
SERVES: Final = "serves"
MEASURED_BY: Final = "measured_by"
DEPENDS_ON: Final = "depends_on"
OWNED_BY: Final = "owned_by"
CONTRIBUTES: Final = "contributes"
PART_OF: Final = "part_of"
IN_CYCLE: Final = "in_cycle"

EDGE_KINDS: Final[tuple[EdgeKind, ...]] = (
    "aligns_to",
    "serves",
    "measured_by",
    "depends_on",
    "owned_by",
    "contributes",
    "part_of",
    "in_cycle",
)


def objective_key(objective_id: str) -> str:
    return f"objective:{objective_id}"


def kr_key(ref: str) -> str:
    """Key of a key result from its reference ``objective-id#kr-id``."""
    return f"kr:{ref}"


def unit_key(unit_id: str) -> str:
    return f"unit:{unit_id}"


def person_key(person_id: str) -> str:
    return f"person:{person_id}"


def theme_key(theme_id: str) -> str:
    return f"theme:{theme_id}"


def cycle_key(cycle_id: str) -> str:
    return f"cycle:{cycle_id}"


def ref_key(ref: str) -> str:
    """Key of what an ``aligns_to`` reference names: an objective, or a KR when it has ``#``."""
    return kr_key(ref) if "#" in ref else objective_key(ref)


def split_key(key: str) -> tuple[str, str]:
    """``objective:a/b`` -> (``objective``, ``a/b``); ``mission`` -> (``mission``, ``""``)."""
    kind, _, ident = key.partition(":")
    return kind, ident


def id_of(key: str) -> str:
    """The id part of a key: an objective id, a KR reference, a unit id..."""
    return key.partition(":")[2]
