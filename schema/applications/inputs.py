"""Inputs of the application mutations, and turning them into the plain values grants/ takes."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import strawberry

from grants.decision import Decision as DecisionEnum
from grants.models import BudgetCategory, Recommendation
from schema.base.money import MoneyInput
from schema.base.node import pk_of

strawberry.enum(DecisionEnum, name="Decision")


@strawberry.input
class BudgetLineInput:
    category: BudgetCategory
    description: str
    amount: MoneyInput


@strawberry.input
class IndicatorValueInput:
    indicator: str = strawberry.field(description="Indicator code, e.g. PARTICIPANTS.")
    value: int


@strawberry.input
class CreateApplicationInput:
    call: strawberry.ID
    title: str
    funding_area: str = strawberry.field(description="Funding area code (one of the call's).")
    project_start: date
    project_end: date
    budget_lines: list[BudgetLineInput]
    own_contribution: MoneyInput
    requested_amount: MoneyInput
    summary: str | None = None
    municipalities: list[str] | None = strawberry.field(
        default=None, description="Slugs of the municipality organisations where the project takes place."
    )
    languages: list[str] | None = strawberry.field(
        default=None, description="ISO 639 codes of the languages the project works in."
    )
    third_party_funding: MoneyInput | None = None
    targets: list[IndicatorValueInput] | None = None


@strawberry.input(description="Only the fields given are changed.")
class UpdateApplicationInput:
    id: strawberry.ID
    version: int = strawberry.field(
        description="The version the client last saw; a stale one is refused with CONFLICT."
    )
    title: str | None = strawberry.UNSET
    summary: str | None = strawberry.UNSET
    funding_area: str | None = strawberry.UNSET
    project_start: date | None = strawberry.UNSET
    project_end: date | None = strawberry.UNSET
    municipalities: list[str] | None = strawberry.UNSET
    languages: list[str] | None = strawberry.UNSET
    budget_lines: list[BudgetLineInput] | None = strawberry.UNSET
    own_contribution: MoneyInput | None = strawberry.UNSET
    third_party_funding: MoneyInput | None = strawberry.UNSET
    requested_amount: MoneyInput | None = strawberry.UNSET
    targets: list[IndicatorValueInput] | None = strawberry.UNSET


@strawberry.input
class ApplicationActionInput:
    id: strawberry.ID
    message: str | None = None


@strawberry.input
class ReviewScoreInput:
    criterion: str
    score: int


@strawberry.input
class SubmitReviewInput:
    application: strawberry.ID
    scores: list[ReviewScoreInput]
    recommendation: Recommendation
    comment: str | None = None


@strawberry.input
class DecideApplicationInput:
    application: strawberry.ID
    decision: DecisionEnum
    amount: MoneyInput | None = strawberry.field(
        default=None, description="Required when approving; at most the requested amount."
    )
    conditions: str | None = None
    message: str | None = None


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
