"""Pure graph rules for the partner network: breadth-first layers and shortest paths."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

MAX_NETWORK_DEPTH = 3
MAX_PATH_LENGTH = 6


@dataclass(frozen=True, slots=True)
class Edge:
    """A relationship reduced to what traversal needs: its id and its two ends."""

    id: int
    source: int
    target: int

    def other(self, node: int) -> int:
        """The end of the edge that is not `node`."""
        return self.target if node == self.source else self.source


def next_layer(frontier: set[int], edges: Iterable[Edge], seen: set[int]) -> tuple[set[int], list[Edge]]:
    """The unseen nodes one step from `frontier` (either direction), and the edges that touch it."""
    reached: set[int] = set()
    used: list[Edge] = []
    for edge in edges:
        for node in (edge.source, edge.target):
            if node in frontier:
                used.append(edge)
                other = edge.other(node)
                if other not in seen:
                    reached.add(other)
                break
    return reached, used


def record_parents(frontier: set[int], edges: Iterable[Edge], parents: dict[int, Edge | None]) -> set[int]:
    """Note, for each node first reached from `frontier`, the edge it was reached by; the new nodes."""
    reached: set[int] = set()
    for edge in sorted(edges, key=lambda e: e.id):
        for node in (edge.source, edge.target):
            other = edge.other(node)
            if node in frontier and other not in parents:
                parents[other] = edge
                reached.add(other)
    return reached


def path_to(goal: int, parents: Mapping[int, Edge | None]) -> list[Edge]:
    """The edges from the start (whose parent is None) to `goal`, in walking order."""
    path: list[Edge] = []
    node = goal
    while (edge := parents[node]) is not None:
        path.append(edge)
        node = edge.other(node)
    path.reverse()
    return path
