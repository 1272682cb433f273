"""Find loops in a directed graph of ids: each loop once, as a path, with where it starts.

Written out rather than taken from networkx so that `okrsite check` does not import
networkx at all: a tenth of a second on every pull request.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

Where = TypeVar("Where")  # what callers keep of each edge to point at it: a position


def strongly_connected(graph: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, iterative (deep cascades don't recurse)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(graph.get(root, ())))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            advanced = False
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(graph.get(successor, ()))))
                    advanced = True
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components


def _cycle_from(start: str, graph: dict[str, list[str]], members: set[str]) -> list[str]:
    """A path start -> ... -> start inside one strongly connected component."""
    previous: dict[str, str] = {}
    queue = [start]
    for node in queue:  # breadth-first: the shortest loop back to `start`
        for successor in graph.get(node, ()):
            if successor == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return [start, *reversed(path[:-1]), start] if node != start else [start, start]
            if successor in members and successor not in previous:
                previous[successor] = node
                queue.append(successor)
    return [start, start]  # unreachable for a real component


def loops(edges: dict[str, list[tuple[str, Where]]]) -> Iterator[tuple[list[str], Where]]:
    """Each loop once: its members in order, and where the first member's loop edge is."""
    graph = {source: [target for target, _ in targets] for source, targets in edges.items()}
    for component in strongly_connected(graph):
        members = set(component)
        start = min(members)
        if len(members) == 1 and start not in graph.get(start, ()):
            continue
        path = _cycle_from(start, graph, members)
        where = next(loc for target, loc in edges[start] if target == path[1])
        yield path, where
