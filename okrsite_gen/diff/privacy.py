"""What a public diff may name. Private objectives never reach a public build, and a PR
comment is one: their ids, titles and values are left out, counted at most.

An objective is hidden when it is private in the head, or was private in the base and
is gone from the head. One made public by the change is named: that is the news.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..graph import OkrGraph
from ..load.files import COMMENTS_DIR, CONTENT_DIR, OKRS_DIR
from ..model import Problem
from .state import State

PRIVATE_REF = "(a private objective)"


@dataclass(frozen=True, slots=True)
class Privacy:
    include_private: bool
    hidden: frozenset[str]  # objective ids a public diff must not name
    hidden_files: frozenset[str]  # their files, in either state

    @classmethod
    def of(cls, base: State, head: State, include_private: bool) -> Privacy:
        hidden = {i for i in head.objectives if head.is_private(i)}
        hidden |= {i for i in base.objectives if base.is_private(i) and i not in head.objectives}
        files = {
            f"{CONTENT_DIR}/{OKRS_DIR}/{state.objectives[i].path}"
            for state in (base, head)
            for i in hidden
            if i in state.objectives
        }
        if include_private:
            return cls(True, frozenset(), frozenset())
        return cls(False, frozenset(hidden), frozenset(files))

    def hides(self, objective_id: str) -> bool:
        return objective_id in self.hidden

    def show_ref(self, ref: str) -> str:
        """A reference (``objective`` or ``objective#kr``) as a reader may see it."""
        return PRIVATE_REF if self.hides(ref.partition("#")[0]) else ref

    def hides_node(self, graph: OkrGraph, key: str) -> bool:
        """True for an objective or KR node a public diff must leave out."""
        if self.include_private:
            return False
        data = graph.nodes[key]
        objective_id = data["objective"] if data["type"] == "kr" else data["id"]
        return bool(data.get("private")) or self.hides(objective_id)

    def hides_problem(self, problem: Problem) -> bool:
        if self.include_private:
            return False
        if problem.file in self.hidden_files:
            return True
        comments = f"{CONTENT_DIR}/{COMMENTS_DIR}/"
        return problem.file.startswith(comments) and any(
            problem.file.startswith(f"{comments}{i}/") for i in self.hidden
        )

    def scrub(self, problem: Problem) -> Problem:
        """The problem with every hidden id in its message and hint replaced."""
        if not self.hidden:
            return problem
        pattern = _pattern(self.hidden)
        message = pattern.sub(PRIVATE_REF, problem.message)
        # A hint naming a private objective ("did you mean ...?") helps nobody redacted.
        hint = "" if pattern.search(problem.hint) else problem.hint
        if message == problem.message and hint == problem.hint:
            return problem
        return replace(problem, message=message, hint=hint)


def _pattern(ids: frozenset[str]) -> re.Pattern[str]:
    # Longest first, and not inside a longer id: "a/b" must not match in "a/bc".
    alternatives = "|".join(re.escape(i) for i in sorted(ids, key=lambda i: (-len(i), i)))
    return re.compile(rf"(?<![\w./-])(?:{alternatives})(?:#[\w.-]+)?(?![\w/-])")
