"""`OkrGraph`: the one networkx graph of a repository, with typed accessors.

It *is* an `nx.MultiDiGraph` (every networkx algorithm works on it); the methods only
read node data with types. Graph-level values live in ``graph.graph`` as networkx
intends: ``today``, ``thresholds``, ``root_units``, ``org``, ``public``.

Node data (every node): ``type``, ``id``, ``title``, ``record`` (the model record, or None
for mission/vision), ``file``, ``line``. Objective and KR nodes add ``private``,
``progress`` (`Progress`), ``health`` (`Health`) and ``comments`` (list of `Comment`).
Objective nodes add ``reading`` (`Reading`), ``unit`` (owning unit id: the owner, or the
owning person's unit), ``company`` (owned by a root unit) and ``level`` (aligns_to steps
below a company objective; None when not aligned to one). KR nodes add ``objective`` (its
objective id) and ``confidence``; objective nodes list their KR keys, in the order they
are written, in ``krs``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import networkx as nx

from ..config import HealthThresholds
from ..model import KeyResult, Objective, Org
from .health import Health
from .keys import OWNED_BY
from .progress import Progress, Reading


class OkrGraph(nx.MultiDiGraph):
    """The alignment graph: nodes keyed as in `keys`, edge key = edge kind."""

    @property
    def today(self) -> date:
        return self.graph["today"]

    @property
    def thresholds(self) -> HealthThresholds:
        return self.graph.get("thresholds", HealthThresholds())

    @property
    def org(self) -> Org | None:
        return self.graph.get("org")

    @property
    def root_units(self) -> tuple[str, ...]:
        """Ids of the units without a parent (exactly one in a valid repository)."""
        return self.graph.get("root_units", ())

    @property
    def is_public(self) -> bool:
        """True for the view returned by `public_view` (no private objectives)."""
        return bool(self.graph.get("public"))

    def node_type(self, key: str) -> str:
        return self.nodes[key]["type"]

    def title(self, key: str) -> str:
        return self.nodes[key]["title"]

    def objective(self, key: str) -> Objective:
        return self.nodes[key]["record"]

    def key_result(self, key: str) -> KeyResult:
        return self.nodes[key]["record"]

    def progress(self, key: str) -> Progress:
        """Progress of an objective or KR node."""
        return self.nodes[key]["progress"]

    def health(self, key: str) -> Health:
        """Health of an objective or KR node."""
        return self.nodes[key]["health"]

    def reading(self, key: str) -> Reading:
        """How to read an objective's progress given its kind (the verdict)."""
        return self.nodes[key]["reading"]

    def keys_of_type(self, node_type: str) -> list[str]:
        """Every node key of one type, sorted (one pass over the nodes)."""
        return sorted(key for key, data in self.nodes(data=True) if data["type"] == node_type)

    def objective_keys(self) -> list[str]:
        return self.keys_of_type("objective")

    def sources(self, key: str, kind: str) -> list[str]:
        """Nodes with an edge of `kind` into `key`, sorted."""
        # The adjacency dicts, not networkx's views: `kind in view` is a Python-level
        # Mapping look-up, and these run for every link on every page.
        return sorted(u for u, keys in self._pred[key].items() if kind in keys)

    def targets(self, key: str, kind: str) -> list[str]:
        """Nodes that `key` has an edge of `kind` to, sorted."""
        return sorted(v for v, keys in self._succ[key].items() if kind in keys)

    def krs_of(self, objective_key: str) -> list[str]:
        """The KR keys of an objective, in the order they are written."""
        return list(self.nodes[objective_key]["krs"])

    def owner_of(self, key: str) -> str | None:
        """Key of the owner (unit or person) of an objective or KR, if it resolves."""
        owners = self.targets(key, OWNED_BY)
        return owners[0] if owners else None

    def iter_objectives(self) -> Iterator[tuple[str, Objective]]:
        for key, data in self.nodes(data=True):
            if data["type"] == "objective":
                yield key, data["record"]
