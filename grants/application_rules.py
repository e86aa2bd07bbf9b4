"""Pure rules of applications: what a draft may hold, and what a submission must satisfy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from grants.errors import ErrorCode, Problem
from grants.languages import LANGUAGE_CODE_PROBLEM, is_language_code
from grants.text import clean_text

MAX_TITLE = 300
MAX_SUMMARY = 5000
MAX_LINE_DESCRIPTION = 300


@dataclass(frozen=True, slots=True)
class CallFacts:
    """What submission rules need to know about the call."""

    opens_at: datetime
    closes_at: datetime
    funding_area_codes: frozenset[str]
    max_amount: Decimal | None
    programme_start_year: int
    programme_end_year: int


@dataclass(frozen=True, slots=True)
class ApplicationFacts:
    """What submission rules need to know about an application."""

    title: str
    funding_area_code: str
    project_start: date
    project_end: date
    budget_line_amounts: Sequence[Decimal]
    budget_line_descriptions: Sequence[str]
    own_contribution: Decimal
    third_party_funding: Decimal
    requested_amount: Decimal
    languages: Sequence[str]
    municipality_kinds: Sequence[tuple[str, str]] = field(default_factory=tuple)  # (slug, kind)
    first_submission: bool = True


def total_cost(amounts: Sequence[Decimal]) -> Decimal:
    """The sum of the budget lines."""
    return sum(amounts, Decimal("0.00"))


def submission_problems(app: ApplicationFacts, call: CallFacts, now: datetime) -> list[Problem]:
    """Every reason the application cannot be submitted now, each with its field path."""
    problems: list[Problem] = []

    def refuse(template: str, *path: str, code: ErrorCode = ErrorCode.INVALID, **params: Any) -> None:
        problems.append(Problem(code, template, path, **params))

    if app.first_submission:
        if now < call.opens_at:
            refuse("The call is not open yet", "call")
        elif now >= call.closes_at:
            refuse(
                "The call closed on {closed}",
                "call",
                code=ErrorCode.DEADLINE_PASSED,
                closed=call.closes_at.date().isoformat(),
            )
    if clean_text(app.title) is None:
        refuse("A title is required", "title")
    if app.project_end < app.project_start:
        refuse("The project must end after it starts", "project_end")
    if app.project_start.year < call.programme_start_year:
        refuse(
            "The project must start in {programme_start_year} or later",
            "project_start",
            programme_start_year=call.programme_start_year,
        )
    if app.project_end.year > call.programme_end_year:
        refuse(
            "The project must end by {programme_end_year}",
            "project_end",
            programme_end_year=call.programme_end_year,
        )
    if app.funding_area_code not in call.funding_area_codes:
        refuse(
            "The call does not fund the area {funding_area_code!r}",
            "funding_area",
            funding_area_code=app.funding_area_code,
        )
    if not app.budget_line_amounts:
        refuse("The budget needs at least one line", "budget_lines")
    for index, description in enumerate(app.budget_line_descriptions):
        if clean_text(description) is None:
            refuse("Each budget line needs a description", "budget_lines", str(index), "description")
    balance = total_cost(app.budget_line_amounts) - app.own_contribution - app.third_party_funding
    if app.requested_amount != balance:
        refuse(
            "The requested amount must be total cost − own contribution − third-party funding = {balance}",
            "requested_amount",
            "amount",
            balance=balance,
        )
    elif app.requested_amount <= 0:
        refuse("The requested amount must be more than 0", "requested_amount", "amount")
    if call.max_amount is not None and app.requested_amount > call.max_amount:
        refuse(
            "The call grants at most {max_amount} per application",
            "requested_amount",
            "amount",
            max_amount=call.max_amount,
        )
    for index, (slug, kind) in enumerate(app.municipality_kinds):
        if kind != "MUNICIPALITY":
            refuse("{slug!r} is not a municipality", "municipalities", str(index), slug=slug)
    for index, code in enumerate(app.languages):
        if not is_language_code(code):
            refuse(LANGUAGE_CODE_PROBLEM, "languages", str(index), language=code)
    return problems


def weighted_score(scores: Sequence[tuple[int, Decimal]]) -> Decimal:
    """The weighted mean of (score, weight) pairs, to three decimals."""
    total_weight = sum((weight for _, weight in scores), Decimal(0))
    if not total_weight:
        return Decimal("0.000")
    mean = sum((Decimal(score) * weight for score, weight in scores), Decimal(0)) / total_weight
    return mean.quantize(Decimal("0.001"))
