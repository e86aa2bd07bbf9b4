"""Admin mutations of funding calls: open, change, close early."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

import strawberry

from grants import calls
from grants.call_rules import MAX_TITLE, MAX_WEIGHT
from grants.errors import DomainError
from grants.tranches import Milestone
from schema.base.errors import ERRORS, UserError, user_errors
from schema.base.input_gate import LIST_LIMITS
from schema.base.money import MoneyInput, money_value
from schema.base.node import pk_of
from schema.calls.types import FundingCall


@strawberry.input(description="A criterion reviewers will score 0..5.")
class ReviewCriterionInput:
    code: str = strawberry.field(
        description="Its code: capital letters, digits and _, at most 64, unique in the call, e.g. RELEVANCE."
    )
    name: str = strawberry.field(description=f"Its name in German, at most {MAX_TITLE} characters.")
    weight: float = strawberry.field(
        description=f"Its weight in the mean: above 0 and at most {MAX_WEIGHT} (three decimals)."
    )


@strawberry.input(description="A tranche of the payment plan: a share of the award due at a milestone.")
class TrancheShareInput:
    share: Decimal = strawberry.field(
        description="The share of the award, 0.01 to 1 with at most four decimals, e.g. 0.8; a plan's "
        "shares add up to 1."
    )
    due: Milestone = strawberry.field(description="The milestone at which the tranche falls due.")


#: Descriptions shared by the create and update inputs.
WINDOW = "The call opens at the earliest the year before its phase starts and closes by the end of its phase."
TIME = "Date and time with a time zone, e.g. 2026-03-01T00:00:00Z."


@strawberry.input(description=f"A new call for proposals under a programme phase. {WINDOW}")
class CreateFundingCallInput:
    programme: str = strawberry.field(description="Programme code, e.g. KIP3.")
    title: str = strawberry.field(description=f"The title in German, at most {MAX_TITLE} characters.")
    funding_areas: list[str] = strawberry.field(
        description="Codes of the phase's funding areas it funds; at least one, at most "
        f"{LIST_LIMITS['CreateFundingCallInput.fundingAreas']}."
    )
    opens_at: datetime = strawberry.field(description=f"When it opens. {TIME}")
    closes_at: datetime = strawberry.field(
        description=f"The deadline for first submissions, after `opensAt`. {TIME}"
    )
    budget: MoneyInput = strawberry.field(description="The money it may award in total, more than 0.")
    criteria: list[ReviewCriterionInput] = strawberry.field(
        description=f"What reviewers score; at most {LIST_LIMITS['CreateFundingCallInput.criteria']}."
    )
    description: str | None = strawberry.field(default=None, description="What it funds and how, in German.")
    max_amount_per_application: MoneyInput | None = strawberry.field(
        default=None,
        description="The most one application may be awarded, at most the budget; null: no limit.",
    )
    min_reviews: int | None = strawberry.field(
        default=1,
        description="Reviews needed before a decision: 1 to 10, and at most as many as there are "
        "reviewers and approvers, less the one approver who decides.",
    )
    tranche_plan: list[TrancheShareInput] | None = strawberry.field(
        default=None,
        description=f"How awards are paid, at most {LIST_LIMITS['CreateFundingCallInput.tranchePlan']} "
        "tranches; default: 80 % at project start, 20 % "
        "after the accepted final report.",
    )


@strawberry.input(description=f"Changes to a call: only the fields given are changed. {WINDOW}")
class UpdateFundingCallInput:
    id: strawberry.ID = strawberry.field(description="The call's global ID.")
    title: str | None = strawberry.field(default=strawberry.UNSET, description="A new German title.")
    description: str | None = strawberry.field(
        default=strawberry.UNSET, description="A new German description; empty or null removes it."
    )
    opens_at: datetime | None = strawberry.field(
        default=strawberry.UNSET, description=f"A new opening time. {TIME}"
    )
    closes_at: datetime | None = strawberry.field(
        default=strawberry.UNSET, description=f"A new deadline. {TIME}"
    )
    budget: MoneyInput | None = strawberry.field(
        default=strawberry.UNSET, description="A new budget; never below what is committed (BUDGET_EXCEEDED)."
    )
    max_amount_per_application: MoneyInput | None = strawberry.field(
        default=strawberry.UNSET, description="A new maximum per application, at most the budget."
    )
    min_reviews: int | None = strawberry.field(
        default=strawberry.UNSET, description="A new number of reviews needed before a decision."
    )


@strawberry.input(description="The call to close now.")
class CloseFundingCallInput:
    id: strawberry.ID = strawberry.field(description="The call's global ID.")


@strawberry.type(description="The result of creating, changing or closing a funding call.")
class FundingCallPayload:
    call: FundingCall | None = strawberry.field(description="The call as saved; null if refused.")
    errors: list[UserError] = strawberry.field(description=ERRORS)


NewCall = Annotated[CreateFundingCallInput, strawberry.argument(description="The call to open.")]
CallChanges = Annotated[
    UpdateFundingCallInput, strawberry.argument(description="Which call, and what to change.")
]
CallToClose = Annotated[CloseFundingCallInput, strawberry.argument(description="Which call to close.")]


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
    @strawberry.mutation(description="Admin: open a call for proposals (audited); its reference is assigned.")
    async def create_funding_call(self, info: strawberry.Info, input: NewCall) -> FundingCallPayload:
        try:
            row = await calls.create_call(
                actor=info.context.actor, values=_values(input), now=info.context.now()
            )
        except DomainError as error:
            return _payload(error=error)
        return _payload(row)

    @strawberry.mutation(
        description="Admin: change a call (audited); the budget never drops below what is committed."
    )
    async def update_funding_call(self, info: strawberry.Info, input: CallChanges) -> FundingCallPayload:
        try:
            row = await calls.update_call(
                actor=info.context.actor, call_id=pk_of(input.id, "FundingCall") or 0, values=_values(input)
            )
        except DomainError as error:
            return _payload(error=error)
        return _payload(row)

    @strawberry.mutation(
        description="Admin: close a call now, before its deadline; a closed call answers INVALID_TRANSITION."
    )
    async def close_funding_call(self, info: strawberry.Info, input: CallToClose) -> FundingCallPayload:
        try:
            row = await calls.close_call_early(
                actor=info.context.actor, call_id=pk_of(input.id, "FundingCall") or 0, now=info.context.now()
            )
        except DomainError as error:
            return _payload(error=error)
        return _payload(row)
