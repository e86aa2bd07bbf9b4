"""Admin mutations of funding calls: open, change, close early."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

import strawberry

from grants import calls
from grants.errors import DomainError
from grants.tranches import Milestone
from schema.base.errors import UserError, user_errors
from schema.base.money import MoneyInput, money_value
from schema.base.node import pk_of
from schema.calls.types import FundingCall


@strawberry.input
class ReviewCriterionInput:
    code: str
    name: str
    weight: float


@strawberry.input(description="A tranche of the payment plan: a share of the award due at a milestone.")
class TrancheShareInput:
    share: Decimal = strawberry.field(description="e.g. 0.8")
    due: Milestone = strawberry.field(description="The milestone at which the tranche falls due.")


@strawberry.input
class CreateFundingCallInput:
    programme: str = strawberry.field(description="Programme code, e.g. KIP3.")
    title: str
    funding_areas: list[str] = strawberry.field(description="Funding area codes.")
    opens_at: datetime
    closes_at: datetime
    budget: MoneyInput
    criteria: list[ReviewCriterionInput]
    description: str | None = None
    max_amount_per_application: MoneyInput | None = None
    min_reviews: int | None = strawberry.field(default=1, description="Reviews needed before a decision.")
    tranche_plan: list[TrancheShareInput] | None = strawberry.field(
        default=None, description="Default: 80 % at project start, 20 % after the accepted final report."
    )


@strawberry.input(description="Only the fields given are changed.")
class UpdateFundingCallInput:
    id: strawberry.ID
    title: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    opens_at: datetime | None = strawberry.UNSET
    closes_at: datetime | None = strawberry.UNSET
    budget: MoneyInput | None = strawberry.UNSET
    max_amount_per_application: MoneyInput | None = strawberry.UNSET
    min_reviews: int | None = strawberry.UNSET


@strawberry.input
class CloseFundingCallInput:
    id: strawberry.ID


@strawberry.type
class FundingCallPayload:
    call: FundingCall | None
    errors: list[UserError]


def _values(input_object: object) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, value in vars(input_object).items():
        if value is strawberry.UNSET or name == "id":
            continue
        if isinstance(value, MoneyInput):
            value = money_value(value)
        elif name in {"criteria", "tranche_plan"} and value is not None:
            value = [vars(item) for item in value]
        values[name] = value
    return values


def _payload(row: Any = None, error: DomainError | None = None) -> FundingCallPayload:
    if error is not None:
        return FundingCallPayload(call=None, errors=user_errors(error))
    return FundingCallPayload(call=FundingCall.from_row(row), errors=[])


@strawberry.type
class CallMutation:
    @strawberry.mutation(description="Admin: open a call for proposals.")
    async def create_funding_call(
        self, info: strawberry.Info, input: CreateFundingCallInput
    ) -> FundingCallPayload:
        try:
            row = await calls.create_call(
                actor=info.context.actor, values=_values(input), now=info.context.now()
            )
        except DomainError as error:
            return _payload(error=error)
        return _payload(row)

    @strawberry.mutation(description="Admin: change a call; the budget never drops below what is committed.")
    async def update_funding_call(
        self, info: strawberry.Info, input: UpdateFundingCallInput
    ) -> FundingCallPayload:
        try:
            row = await calls.update_call(
                actor=info.context.actor, call_id=pk_of(input.id, "FundingCall") or 0, values=_values(input)
            )
        except DomainError as error:
            return _payload(error=error)
        return _payload(row)

    @strawberry.mutation(description="Admin: close a call now, before its deadline.")
    async def close_funding_call(
        self, info: strawberry.Info, input: CloseFundingCallInput
    ) -> FundingCallPayload:
        try:
            row = await calls.close_call_early(
                actor=info.context.actor, call_id=pk_of(input.id, "FundingCall") or 0, now=info.context.now()
            )
        except DomainError as error:
            return _payload(error=error)
        return _payload(row)
