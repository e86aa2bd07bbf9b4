"""The figures' bar-chart geometry: lengths proportional to the largest value, one row per value."""

from __future__ import annotations

from decimal import Decimal

from web.public import charts

ROOM = charts.WIDTH - charts.LABEL_WIDTH - charts.VALUE_WIDTH


def test_the_largest_value_fills_the_room_and_the_others_are_proportional() -> None:
    # given three values, when drawn
    bars = charts.bars([("2024", Decimal("100")), ("2025", Decimal("50")), ("2026", Decimal("0"))])
    # then the bars start after the labels, one row each, as long as their share of the largest
    assert [bar.width for bar in bars] == [ROOM, ROOM / 2, 0]
    assert {bar.x for bar in bars} == {charts.LABEL_WIDTH}
    assert [bar.y for bar in bars] == [5.0, 33.0, 61.0]
    assert bars[0].value_x == charts.LABEL_WIDTH + ROOM + 6
    assert bars[0].text_y == 18.0


def test_all_zero_or_negative_values_draw_no_bar_and_an_empty_chart_keeps_a_height() -> None:
    # given nothing awarded yet (and a negative value that cannot happen but must not break)
    bars = charts.bars([("A", Decimal("0")), ("B", Decimal("-5"))])
    # then no bar has a length, and charts without rows are still one row high
    assert [bar.width for bar in bars] == [0, 0]
    assert charts.bars([]) == []
    assert charts.chart_height(0) == charts.ROW_HEIGHT
    assert charts.chart_height(3) == 3 * charts.ROW_HEIGHT
