"""What every page builder shares: the graph, links, text rendering, objective summaries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ..forge import Forge
from ..graph.keys import SERVES, split_key
from ..graph.okr_graph import OkrGraph
from ..model import Cycle, running_cycle
from ..render.text import MarkdownRenderer, plain_text
from .urls import Urls, page_path

if TYPE_CHECKING:
    from .conversation import Conversation


@dataclass(frozen=True, slots=True)
class Link:
    title: str  # plain text; templates escape it
    url: str


@dataclass(slots=True)
class PageContext:
    """One build's shared state. Page builders read it; none of them mutates the graph."""

    graph: OkrGraph  # the public view unless private objectives are included
    urls: Urls
    markdown: MarkdownRenderer
    forge: Forge | None
    history: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    # Per objective: how many private objectives it aligns to (they are not in `graph`).
    private_parents: dict[str, int] = field(default_factory=dict)
    # Every shown comment, indexed once per build (pages.conversation.gather).
    conversation: Conversation | None = None
    _summaries: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def today(self) -> date:
        return self.graph.today

    def link(self, from_path: str, key: str, anchor: str = "") -> Link:
        """A link from the page at `from_path` to the page of node `key`."""
        node_type, ident = split_key(key)
        if node_type == "kr":
            objective_id, _, kr_id = ident.partition("#")
            return Link(
                plain_text(self.graph.title(key)),
                self.urls.link(from_path, f"objectives/{objective_id}.md", f"kr-{kr_id}"),
            )
        return Link(self.display_name(key), self.urls.link(from_path, page_path(key), anchor))

    def display_name(self, key: str) -> str:
        data = self.graph.nodes[key]
        record = data.get("record")
        name = getattr(record, "name", None) if record is not None else None
        return plain_text(str(name or data.get("title") or data.get("id") or key))

    def owner_link(self, from_path: str, key: str) -> Link | None:
        owner = self.graph.owner_of(key)
        return self.link(from_path, owner) if owner else None

    def summary(self, from_path: str, key: str) -> dict[str, Any]:
        """An objective as a row in a list: title, owner, cycle, progress, health, link."""
        cached = self._summaries.get(key)
        if cached is not None:
            # Read again what making it read (the objective and its owner edge), so serve's
            # page memo (incremental/reads.py) sees this page depends on them too.
            self.graph.nodes[key]
            self.graph.succ[key]
        else:
            graph = self.graph
            objective = graph.objective(key)
            progress = graph.progress(key)
            health = graph.health(key)
            cached = {
                "key": key,
                "id": objective.id,
                "title": plain_text(objective.title),
                "path": page_path(key),
                "owner_key": graph.owner_of(key),
                "cycle": objective.cycle,
                "kind": objective.kind,
                "status": objective.status,
                "progress": progress.value,
                "percent": round(progress.value * 100),
                "by_hand": progress.explanation.by_hand,
                "health": health.state,
                "health_label": health.label,
                "level": graph.nodes[key].get("level"),
            }
            self._summaries[key] = cached
        row = dict(cached)
        row["url"] = self.urls.link(from_path, cached["path"])
        row["owner"] = self.link(from_path, cached["owner_key"]) if cached["owner_key"] else None
        return row


def themes_of(graph: OkrGraph, key: str) -> list[str]:
    return [t for t in graph.targets(key, SERVES) if graph.node_type(t) == "theme"]


def current_cycle(cycles: list[Cycle], today: date) -> Cycle | None:
    """The cycle a dashboard shows: the one running on `today`, else the latest."""
    dated = [c for c in cycles if c.start]
    return running_cycle(cycles, today) or max(dated, key=lambda c: c.start, default=None)  # type: ignore[arg-type,return-value]
