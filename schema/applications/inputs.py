"""Inputs of the application mutations, and turning them into the plain values grants/ takes."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import strawberry

from grants.application_rules import MAX_LINE_DESCRIPTION, MAX_SUMMARY, MAX_TITLE
from grants.decision import Decision as DecisionEnum
from grants.models import BudgetCategory, Recommendation
from schema.base.input_gate import LIST_LIMITS
from schema.base.money import MoneyInput
from schema.base.node import pk_of

strawberry.enum(DecisionEnum, name="Decision")


@strawberry.input(description="One line of an application's budget.")
class BudgetLineInput:
    category: BudgetCategory = strawberry.field(description="What it pays for.")
    description: str = strawberry.field(
        description=f"What exactly; at most {MAX_LINE_DESCRIPTION} characters, required to submit."
    )
    amount: MoneyInput = strawberry.field(description="Its cost; not negative.")


@strawberry.input(description="A count for one indicator.")
class IndicatorValueInput:
    indicator: str = strawberry.field(description="Indicator code, e.g. PARTICIPANTS; each at most once.")
    value: int = strawberry.field(description="The count, 0 to 10,000,000.")


#: The parts of an application, for its create and update inputs.
TITLE = f"The project's title; at most {MAX_TITLE} characters."
SUMMARY = f"What the project does; at most {MAX_SUMMARY:,} characters."
FUNDING_AREA = "Funding area code, one of the call's (checked at submission)."
START = "The project's first day; within the call's programme phase."
END = "The project's last day; not before the start, by the end of the phase."
MUNICIPALITIES = (
    "Slugs of the municipality organisations where the project takes place; at most "
    f"{LIST_LIMITS['CreateApplicationInput.municipalities']}."
)
LANGUAGES = (
    "ISO 639-1 codes of the languages the project works in; at most "
    f"{LIST_LIMITS['CreateApplicationInput.languages']}."
)
BUDGET_LINES = (
    f"The budget: at least one line to submit, at most {LIST_LIMITS['CreateApplicationInput.budgetLines']}."
)
OWN_CONTRIBUTION = "What the applicant pays itself; not negative."
THIRD_PARTY = "Money from other funders; not negative."
REQUESTED = (
    "What it asks for: to submit, exactly total cost − own contribution − third-party funding, more than 0 "
    "and at most the call's maximum."
)
TARGETS = (
    f"Planned outputs, one value per indicator; at most {LIST_LIMITS['CreateApplicationInput.targets']}."
)


@strawberry.input(
    description="A new draft. Only malformed values are refused now; completeness is checked at submission."
)
class CreateApplicationInput:
    call: strawberry.ID = strawberry.field(description="The global ID of the call it applies under.")
    title: str = strawberry.field(description=TITLE)
    funding_area: str = strawberry.field(description=FUNDING_AREA)
    project_start: date = strawberry.field(description=START)
    project_end: date = strawberry.field(description=END)
    budget_lines: list[BudgetLineInput] = strawberry.field(description=BUDGET_LINES)
    own_contribution: MoneyInput = strawberry.field(description=OWN_CONTRIBUTION)
    requested_amount: MoneyInput = strawberry.field(description=REQUESTED)
    summary: str | None = strawberry.field(default=None, description=SUMMARY)
    municipalities: list[str] | None = strawberry.field(default=None, description=MUNICIPALITIES)
    languages: list[str] | None = strawberry.field(default=None, description=LANGUAGES)
    third_party_funding: MoneyInput | None = strawberry.field(
        default=None, description=f"{THIRD_PARTY} Default: 0."
    )
    targets: list[IndicatorValueInput] | None = strawberry.field(default=None, description=TARGETS)


@strawberry.input(
    description="Changes to an application: only the fields given are changed; lists are replaced."
)
class UpdateApplicationInput:
    id: strawberry.ID = strawberry.field(description="The application's global ID.")
    version: int = strawberry.field(
        description="The version the client last saw; a stale one is refused with CONFLICT."
    )
    title: str | None = strawberry.field(default=strawberry.UNSET, description=TITLE)
    summary: str | None = strawberry.field(
        default=strawberry.UNSET, description=f"{SUMMARY} Null removes it."
    )
    funding_area: str | None = strawberry.field(default=strawberry.UNSET, description=FUNDING_AREA)
    project_start: date | None = strawberry.field(default=strawberry.UNSET, description=START)
    project_end: date | None = strawberry.field(default=strawberry.UNSET, description=END)
    municipalities: list[str] | None = strawberry.field(default=strawberry.UNSET, description=MUNICIPALITIES)
    languages: list[str] | None = strawberry.field(default=strawberry.UNSET, description=LANGUAGES)
    budget_lines: list[BudgetLineInput] | None = strawberry.field(
        default=strawberry.UNSET, description=BUDGET_LINES
    )
    own_contribution: MoneyInput | None = strawberry.field(
        default=strawberry.UNSET, description=OWN_CONTRIBUTION
    )
    third_party_funding: MoneyInput | None = strawberry.field(
        default=strawberry.UNSET, description=THIRD_PARTY
    )
    requested_amount: MoneyInput | None = strawberry.field(default=strawberry.UNSET, description=REQUESTED)
    targets: list[IndicatorValueInput] | None = strawberry.field(
        default=strawberry.UNSET, description=TARGETS
    )


@strawberry.input(description="Which application to move, and what to tell the applicant with it.")
class ApplicationActionInput:
    id: strawberry.ID = strawberry.field(description="The application's global ID.")
    message: str | None = strawberry.field(
        default=None,
        description="A message kept in its history (staff's also reach the applicant by mail); required to "
        "request changes.",
    )


@strawberry.input(description="A score for one criterion.")
class ReviewScoreInput:
    criterion: str = strawberry.field(description="The criterion's code in the application's call.")
    score: int = strawberry.field(description="The score, 0 to 5; higher is better.")


@strawberry.input(description="A review: a score for every criterion of the call, and advice.")
class SubmitReviewInput:
    application: strawberry.ID = strawberry.field(description="The application's global ID; it is IN_REVIEW.")
    scores: list[ReviewScoreInput] = strawberry.field(
        description="One score for each criterion of the call, each exactly once; at most "
        f"{LIST_LIMITS['SubmitReviewInput.scores']}."
    )
    recommendation: Recommendation = strawberry.field(description="What you advise the approver.")
    comment: str | None = strawberry.field(default=None, description="Your reasoning, seen by staff only.")


@strawberry.input(description="An approver's decision on an application in review.")
class DecideApplicationInput:
    application: strawberry.ID = strawberry.field(description="The application's global ID; it is IN_REVIEW.")
    decision: DecisionEnum = strawberry.field(description="Approve or reject.")
    amount: MoneyInput | None = strawberry.field(
        default=None,
        description="Required when approving: more than 0, at most the requested amount, the call's maximum "
        "and its remaining budget (else BUDGET_EXCEEDED).",
    )
    conditions: str | None = strawberry.field(
        default=None, description="Conditions attached to the award, shown to the applicant."
    )
    message: str | None = strawberry.field(
        default=None, description="A message to the applicant; required when rejecting."
    )


def application_pk(global_id: str) -> int:
    """The primary key of an Application's global ID, or 0 (no such application)."""
    return pk_of(global_id, "Application") or 0


def _plain(value: Any) -> Any:
    if isinstance(value, MoneyInput):
        return value.value()
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {field.name: _plain(getattr(value, field.name)) for field in dataclasses.fields(value)}
    return value


def application_values(input_object: CreateApplicationInput | UpdateApplicationInput) -> dict[str, Any]:
    """The fields the client sent, as grants.drafts reads them."""
    values = {
        field.name: _plain(getattr(input_object, field.name))
        for field in dataclasses.fields(input_object)
        if getattr(input_object, field.name) is not strawberry.UNSET and field.name not in {"id", "version"}
    }
    if "call" in values:
        values["call"] = pk_of(values["call"], "FundingCall") or 0
    return values
