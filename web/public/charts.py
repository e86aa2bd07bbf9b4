"""The geometry of the figures' bar charts: a pure function from values to bars.

Bars are horizontal, one per row, their length proportional to the largest value, so long
funding-area names fit on the left and the numbers can be read on the right.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

#: The chart's width in SVG user units, the room for the row names and for the value written after each bar.
WIDTH = 640
LABEL_WIDTH = 230
VALUE_WIDTH = 110
ROW_HEIGHT = 28
BAR_HEIGHT = 18


@dataclass(frozen=True, slots=True)
class Bar:
    """One row of a chart: its name and value, and the bar's rectangle."""

    label: str
    value: Decimal
    x: float
    y: float
    width: float
    height: float

    @property
    def text_y(self) -> float:
        """The baseline of the row's texts, centred on the bar."""
        return round(self.y + self.height / 2 + 4, 1)

    @property
    def value_x(self) -> float:
        """Where the value written after the bar starts."""
        return round(self.x + self.width + 6, 1)


def chart_height(rows: int) -> int:
    """The chart's height for that many rows (at least one row high, so an empty chart is valid)."""
    return max(rows, 1) * ROW_HEIGHT


def bars(rows: list[tuple[str, Decimal]]) -> list[Bar]:
    """A bar per (label, value) in order; the largest value fills the room, negatives count as 0."""
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    largest = max((value for _, value in rows), default=Decimal(0))
    result: list[Bar] = []
    for index, (label, value) in enumerate(rows):
        share = value / largest if largest > 0 and value > 0 else Decimal(0)
        result.append(
            Bar(
                label=label,
                value=value,
                x=LABEL_WIDTH,
                y=index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                width=round(float(share) * room, 1),
                height=BAR_HEIGHT,
            )
        )
    return result
