"""One side of a diff: the repository at a git revision (or the working tree), checked
and built into its graph, exactly as `okrsite check` and the site would see it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..graph import OkrGraph, build_graph
from ..graph.build import unique_objectives
from ..load import FolderSource
from ..load.git_source import revision_source
from ..model import Objective
from ..owners import OrgChart
from ..pipeline import Checked, check_source

WORKING_TREE = "working tree"


@dataclass(slots=True)
class State:
    """A repository state: its label, check result, graph, objectives by id, org chart."""

    label: str
    checked: Checked
    graph: OkrGraph
    objectives: dict[str, Objective]
    chart: OrgChart

    def is_private(self, objective_id: str) -> bool:
        objective = self.objectives.get(objective_id)
        return objective is not None and objective.visibility == "private"


def read_state(root: Path, revision: str | None, today: date) -> State:
    """The repository at `revision`, read from git; the working tree when None.

    Raises `GitError` when the revision cannot be read. Bad OKR files are not an error
    here: they are problems in the state's check result.
    """
    source = FolderSource(root) if revision is None else revision_source(root, revision)
    checked = check_source(source, today, root)
    graph = build_graph(checked.repo, today, checked.settings.health)
    return State(
        label=revision or WORKING_TREE,
        checked=checked,
        graph=graph,
        objectives=unique_objectives(checked.repo.objectives),
        chart=OrgChart.of(checked.repo.org),
    )
