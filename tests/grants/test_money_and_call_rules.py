"""Numbers as clients send them: amounts, weights, shares, review counts and windows, as plain values."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from grants.award_rules import award_amount
from grants.call_rules import clean_call, criterion_weight, min_reviews_problems, window_problems
from grants.errors import ErrorCode, Problem
from grants.money import check_amount

HOSTILE_AMOUNTS = ["1e400", "-1e400", "1E-30", "sNaN", "NaN", "-Infinity", "12.345", "1000000000000"]


@pytest.mark.parametrize("raw", HOSTILE_AMOUNTS)
def test_hostile_amounts_are_refused_with_the_field_and_never_raise(raw):
    amount, problems = check_amount(Decimal(raw), "CHF", ("budget",))
    assert amount is None
    assert [(p.code, p.field) for p in problems] == [(ErrorCode.INVALID, ("budget", "amount"))]


@pytest.mark.parametrize(
    ("raw", "clean"), [("0", "0.00"), ("12.5", "12.50"), ("999999999999.99", "999999999999.99")]
)
def test_good_amounts_come_back_with_two_decimals(raw, clean):
    assert check_amount(Decimal(raw), None, ("x",)) == (Decimal(clean), [])


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (0.0004, "The weight rounds to 0 at three decimals: use at least 0.001"),
        (1e30, "A weight is a number above 0 and at most 100"),
        (float("nan"), "A weight is a number above 0 and at most 100"),
        (float("inf"), "A weight is a number above 0 and at most 100"),
        (Decimal("sNaN"), "A weight is a number above 0 and at most 100"),
        (-1, "A weight is a number above 0 and at most 100"),
        (True, "A weight is a number above 0 and at most 100"),
    ],
)
def test_weights_that_would_break_the_weighted_mean_are_refused(raw, message):
    assert criterion_weight(raw, "criteria", "0") == (
        None,
        [Problem(ErrorCode.INVALID, message, ("criteria", "0", "weight"))],
    )


def test_a_weight_is_kept_to_three_decimals():
    assert criterion_weight(1.5, "criteria", "0") == (Decimal("1.500"), [])
    assert criterion_weight(0.0006, "criteria", "0") == (Decimal("0.001"), [])


CALL = {
    "title": "Frühe Kindheit",
    "opens_at": datetime(2026, 3, 1, tzinfo=UTC),
    "closes_at": datetime(2026, 6, 30, tzinfo=UTC),
    "budget": (Decimal("80000"), "CHF"),
    "funding_areas": ["KIP3_LANGUAGE"],
    "criteria": [
        {"code": " need ", "name": "Bedarf", "weight": 1},
        {"code": "Quality", "name": "Qualität", "weight": 2},
    ],
}


def test_criterion_codes_are_stored_as_one_normal_form():
    clean, problems = clean_call(CALL, creating=True, reviewers_possible=3)
    assert problems == []
    assert [criterion["code"] for criterion in clean["criteria"]] == ["NEED", "QUALITY"]


@pytest.mark.parametrize(
    ("plan", "fields"),
    [
        ([{"share": "sNaN", "due": "PROJECT_START"}], [("tranche_plan", "0", "share")]),
        ([{"share": "1e30", "due": "PROJECT_START"}], [("tranche_plan", "0", "share")]),
        (
            [{"share": "0.999", "due": "PROJECT_START"}, {"share": "0.001", "due": "FINAL_REPORT"}],
            [("tranche_plan", "1", "share")],
        ),
        (
            [{"share": "0.33333", "due": "PROJECT_START"}, {"share": "0.66667", "due": "FINAL_REPORT"}],
            [("tranche_plan", "0", "share"), ("tranche_plan", "1", "share")],
        ),
        ([{"share": "1", "due": "HALFTIME"}], [("tranche_plan", "0", "due")]),
        ([{"share": "0.5", "due": "PROJECT_START"}] * 13, [("tranche_plan",)]),
        ([], [("tranche_plan",)]),
    ],
)
def test_payment_plans_that_would_pay_nothing_or_never_add_up_are_refused(plan, fields):
    _, problems = clean_call(CALL | {"tranche_plan": plan}, creating=True, reviewers_possible=3)
    assert [problem.field for problem in problems] == fields


@pytest.mark.parametrize(
    ("wanted", "possible", "refused"),
    [(1, 0, False), (2, 1, True), (2, 2, False), (3, 2, True), (10, 40, False), (11, 40, True), (0, 5, True)],
)
def test_a_call_waits_for_no_more_reviews_than_staff_can_give(wanted, possible, refused):
    assert bool(min_reviews_problems(wanted, possible)) is refused


def test_a_window_outside_the_programme_is_refused():
    opens, closes = datetime(1990, 1, 1, tzinfo=UTC), datetime(2090, 1, 1, tzinfo=UTC)
    assert [p.field for p in window_problems(opens, closes, 2024, 2027)] == [("opens_at",), ("closes_at",)]
    assert (
        window_problems(datetime(2023, 11, 1, tzinfo=UTC), datetime(2027, 12, 31, tzinfo=UTC), 2024, 2027)
        == []
    )


PLAN = [{"share": "0.80", "due": "PROJECT_START"}, {"share": "0.20", "due": "FINAL_REPORT"}]


def test_an_award_too_small_for_its_payment_plan_is_refused():
    awarded, problems = award_amount(
        (Decimal("0.01"), None), requested=Decimal("100"), maximum=None, tranche_plan=PLAN
    )
    assert (awarded, problems) == (
        None,
        [
            Problem(
                ErrorCode.INVALID,
                "The call's payment plan would leave a tranche of CHF 0.00 out of 0.01",
                ("amount", "amount"),
            )
        ],
    )
    assert award_amount(
        (Decimal("0.02"), None), requested=Decimal("100"), maximum=None, tranche_plan=PLAN
    ) == (
        Decimal("0.02"),
        [],
    )
