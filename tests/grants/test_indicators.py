"""Indicator values as plain data: known codes in any case, each once, whole counts within bounds."""

from __future__ import annotations

from grants.errors import ErrorCode, Problem
from grants.indicators import MAX_VALUE, indicator_problems

KNOWN = ["PARTICIPANTS", "COUNSELLING_SESSIONS"]


def test_codes_are_normalised_and_kept_in_order():
    values, problems = indicator_problems(
        [(" participants ", 3), ("Counselling_Sessions", 0)], KNOWN, "actuals"
    )
    assert values == [
        {"indicator": "PARTICIPANTS", "value": 3},
        {"indicator": "COUNSELLING_SESSIONS", "value": 0},
    ]
    assert problems == []


def test_the_same_indicator_twice_is_refused_at_the_second_one_whatever_its_spelling():
    _, problems = indicator_problems(
        [("PARTICIPANTS", 3), ("COUNSELLING_SESSIONS", 1), ("participants", 4)], KNOWN, "actuals"
    )
    assert problems == [
        Problem(ErrorCode.INVALID, "The indicator PARTICIPANTS is given twice", ("actuals", "2", "indicator"))
    ]


def test_unknown_codes_and_counts_out_of_range_are_each_named():
    _, problems = indicator_problems([("NOPE", -1), ("PARTICIPANTS", MAX_VALUE + 1)], KNOWN, "targets")
    assert problems == [
        Problem(ErrorCode.NOT_FOUND, "No indicator 'NOPE'", ("targets", "0", "indicator")),
        Problem(ErrorCode.INVALID, "A count from 0 to 10,000,000", ("targets", "0", "value")),
        Problem(ErrorCode.INVALID, "A count from 0 to 10,000,000", ("targets", "1", "value")),
    ]
