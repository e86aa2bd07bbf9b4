"""Where the partner-network picture puts an organisation and its neighbours: a pure layout.

The organisation sits in the middle and its neighbours on rings around it, in the order given,
each ring starting at the top and going clockwise, so the same list always gives the same picture.
The first ring holds a dozen; a busy office (the coordinator has dozens of neighbours) gets more
rings rather than names drawn on top of each other.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

#: The first ring's radius and how much further out each next ring lies, in SVG user units.
FIRST_RADIUS = 140
RING_STEP = 90
#: How many neighbours the first ring holds, and how many more each next ring.
FIRST_CAPACITY = 12
CAPACITY_STEP = 8
#: Room around the outer ring for the names: wide at the sides, less above and below.
MARGIN_X = 230
MARGIN_Y = 40
#: How far a name stands off its node.
NAME_GAP = 14


@dataclass(frozen=True, slots=True)
class Point:
    """A point in the picture."""

    x: float
    y: float


@dataclass(frozen=True, slots=True)
class Placed:
    """A neighbour with its place, where its edge's label goes and how its name is anchored."""

    key: str
    at: Point
    label_at: Point
    name_at: Point
    text_anchor: str


@dataclass(frozen=True, slots=True)
class Layout:
    """The picture's size, its centre (the organisation) and the neighbours around it."""

    width: int
    height: int
    centre: Point
    placed: list[Placed]


def name_at(node: Point, anchor: str) -> Point:
    """Where a neighbour's name goes: beside its node, or above it at the very top and bottom."""
    if anchor == "middle":
        return Point(node.x, round(node.y - NAME_GAP, 1))
    offset = NAME_GAP if anchor == "start" else -NAME_GAP
    return Point(round(node.x + offset, 1), round(node.y + 4, 1))


def rings(count: int) -> list[int]:
    """How many neighbours each ring holds, inside out, for `count` neighbours."""
    sizes: list[int] = []
    left = count
    while left > 0:
        size = min(left, FIRST_CAPACITY + CAPACITY_STEP * len(sizes))
        sizes.append(size)
        left -= size
    return sizes


def layout(keys: list[str]) -> Layout:
    """Each neighbour (by key, e.g. its slug) on a ring around the centre, one per key, in order."""
    sizes = rings(len(keys))
    outer = FIRST_RADIUS + RING_STEP * (max(len(sizes), 1) - 1)
    width, height = 2 * (outer + MARGIN_X), 2 * (outer + MARGIN_Y)
    middle = Point(width / 2, height / 2)
    placed: list[Placed] = []
    index = 0
    for ring, size in enumerate(sizes):
        radius = FIRST_RADIUS + RING_STEP * ring
        # outer rings turn by half a step so their lines pass between the inner ring's nodes
        turn = 0.5 if ring % 2 else 0.0
        for position in range(size):
            angle = -math.pi / 2 + 2 * math.pi * (position + turn) / size
            x = round(middle.x + radius * math.cos(angle), 1)
            y = round(middle.y + radius * math.sin(angle), 1)
            # names on the left half end at their node so they stay inside the picture
            anchor = "middle" if abs(x - middle.x) < 1 else ("start" if x > middle.x else "end")
            label = Point(round((middle.x + x) / 2, 1), round((middle.y + y) / 2, 1))
            placed.append(Placed(keys[index], Point(x, y), label, name_at(Point(x, y), anchor), anchor))
            index += 1
    return Layout(width, height, middle, placed)
