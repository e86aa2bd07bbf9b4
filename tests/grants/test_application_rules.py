"""Submission rules and scoring, with plain values."""

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from grants.application_rules import ApplicationFacts, CallFacts, submission_problems, weighted_score
from grants.errors import ErrorCode, Problem

NOW = datetime(2026, 5, 1, tzinfo=UTC)
CALL = CallFacts(
    opens_at=datetime(2026, 3, 1, tzinfo=UTC),
    closes_at=datetime(2026, 6, 30, tzinfo=UTC),
    funding_area_codes=frozenset({"KIP3_LANGUAGE"}),
    max_amount=Decimal("50000.00"),
    programme_start_year=2024,
    programme_end_year=2027,
)
GOOD = ApplicationFacts(
    title="Deutsch im Quartier",
    funding_area_code="KIP3_LANGUAGE",
    project_start=date(2026, 8, 1),
    project_end=date(2027, 7, 31),
    budget_line_amounts=[Decimal("30000.00"), Decimal("12000.00")],
    budget_line_descriptions=["Kursleitung", "Raummiete"],
    own_contribution=Decimal("5000.00"),
    third_party_funding=Decimal("2000.00"),
    requested_amount=Decimal("35000.00"),
    languages=["de", "ti"],
    municipality_kinds=[("pratteln", "MUNICIPALITY")],
)


def fields(problems: list[Problem]) -> list[tuple[ErrorCode, tuple[str, ...]]]:
    return [(p.code, p.field) for p in problems]


def test_a_complete_consistent_application_can_be_submitted():
    assert submission_problems(GOOD, CALL, NOW) == []


def test_every_problem_is_reported_at_once_with_its_path():
    bad = ApplicationFacts(
        title=" ",
        funding_area_code="KIP3_INTERPRETING",
        project_start=date(2023, 1, 1),
        project_end=date(2028, 1, 1),
        budget_line_amounts=[Decimal("100.00")],
        budget_line_descriptions=[""],
        own_contribution=Decimal("0.00"),
        third_party_funding=Decimal("0.00"),
        requested_amount=Decimal("90.00"),
        languages=["de", "xx"],
        municipality_kinds=[("pratteln", "MUNICIPALITY"), ("ald", "ASSOCIATION")],
    )
    assert fields(submission_problems(bad, CALL, NOW)) == [
        (ErrorCode.INVALID, ("title",)),
        (ErrorCode.INVALID, ("project_start",)),
        (ErrorCode.INVALID, ("project_end",)),
        (ErrorCode.INVALID, ("funding_area",)),
        (ErrorCode.INVALID, ("budget_lines", "0", "description")),
        (ErrorCode.INVALID, ("requested_amount", "amount")),
        (ErrorCode.INVALID, ("municipalities", "1")),
        (ErrorCode.INVALID, ("languages", "1")),
    ]


def test_requested_must_balance_the_budget_be_positive_and_within_the_maximum():
    unbalanced = submission_problems(
        ApplicationFacts(**{**_asdict(GOOD), "requested_amount": Decimal("35000.01")}), CALL, NOW
    )
    assert [p.message for p in unbalanced] == [
        "The requested amount must be total cost − own contribution − third-party funding = 35000.00"
    ]
    nothing = ApplicationFacts(
        **{**_asdict(GOOD), "own_contribution": Decimal("40000.00"), "requested_amount": Decimal("0.00")}
    )
    assert [p.message for p in submission_problems(nothing, CALL, NOW)] == [
        "The requested amount must be more than 0"
    ]
    greedy = ApplicationFacts(
        **{
            **_asdict(GOOD),
            "own_contribution": Decimal("0.00"),
            "third_party_funding": Decimal("0.00"),
            "budget_line_amounts": [Decimal("60000.00")],
            "budget_line_descriptions": ["Alles"],
            "requested_amount": Decimal("60000.00"),
        }
    )
    assert [p.message for p in submission_problems(greedy, CALL, NOW)] == [
        "The call grants at most 50000.00 per application"
    ]


def test_first_submission_only_while_the_call_is_open_resubmission_any_time():
    late = datetime(2026, 7, 1, tzinfo=UTC)
    assert fields(submission_problems(GOOD, CALL, late)) == [(ErrorCode.DEADLINE_PASSED, ("call",))]
    early = datetime(2026, 2, 1, tzinfo=UTC)
    assert fields(submission_problems(GOOD, CALL, early)) == [(ErrorCode.INVALID, ("call",))]
    again = ApplicationFacts(**{**_asdict(GOOD), "first_submission": False})
    assert submission_problems(again, CALL, late) == []


def test_an_empty_budget_is_refused():
    empty = ApplicationFacts(
        **{
            **_asdict(GOOD),
            "budget_line_amounts": [],
            "budget_line_descriptions": [],
            "own_contribution": Decimal("0.00"),
            "third_party_funding": Decimal("0.00"),
            "requested_amount": Decimal("0.00"),
        }
    )
    assert fields(submission_problems(empty, CALL, NOW)) == [
        (ErrorCode.INVALID, ("budget_lines",)),
        (ErrorCode.INVALID, ("requested_amount", "amount")),
    ]


def test_weighted_score_is_the_weighted_mean():
    assert weighted_score([(5, Decimal("2")), (2, Decimal("1"))]) == Decimal("4.000")
    assert weighted_score([(3, Decimal("0.5")), (4, Decimal("0.25")), (0, Decimal("0.25"))]) == Decimal(
        "2.500"
    )
    assert weighted_score([]) == Decimal("0.000")


def _asdict(facts: ApplicationFacts) -> dict[str, Any]:
    return {name: getattr(facts, name) for name in facts.__slots__}
