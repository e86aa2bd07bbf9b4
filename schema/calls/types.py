"""GraphQL types of funding calls and their review criteria."""

from __future__ import annotations

from datetime import datetime

import strawberry

from grants.calls import CallStatus as CallStatusEnum
from grants.calls import call_status
from grants.models import FundingCall as FundingCallRow
from grants.models import ReviewCriterion as CriterionRow
from grants.tranches import Milestone
from schema.base.node import Node, to_global_id
from schema.base.text import Lang, localized
from schema.programme.types import FundingArea, Money, Programme

strawberry.enum(CallStatusEnum, name="CallStatus")
strawberry.enum(Milestone, name="Milestone")


@strawberry.type(description="What reviewers score (0..5) and its weight in the weighted mean.")
class ReviewCriterion:
    code: str
    weight: float
    row: strawberry.Private[CriterionRow]

    @strawberry.field
    def name(self, info: strawberry.Info, lang: Lang = None) -> str:
        return localized(self.row.name, lang, info) or self.code

    @classmethod
    def from_row(cls, row: CriterionRow) -> ReviewCriterion:
        """The GraphQL view of a criterion."""
        return cls(code=row.code, weight=float(row.weight), row=row)


@strawberry.type(description="A call for proposals (Ausschreibung) with its budget and window.")
class FundingCall(Node):
    reference: str
    opens_at: datetime
    closes_at: datetime
    min_reviews: int = strawberry.field(description="Reviews needed before a decision.")
    row: strawberry.Private[FundingCallRow]

    @strawberry.field
    def title(self, info: strawberry.Info, lang: Lang = None) -> str:
        return localized(self.row.title, lang, info) or self.reference

    @strawberry.field
    def description(self, info: strawberry.Info, lang: Lang = None) -> str | None:
        return localized(self.row.description, lang, info)

    @strawberry.field
    async def programme(self, info: strawberry.Info) -> Programme:
        return Programme.from_row(await info.context.loaders.programme.load(self.row.programme_id))

    @strawberry.field
    async def funding_areas(self, info: strawberry.Info) -> list[FundingArea]:
        return [
            FundingArea.from_row(row)
            for row in await info.context.loaders.funding_areas_by_call.load(self.row.id)
        ]

    @strawberry.field
    def status(self, info: strawberry.Info) -> CallStatusEnum:
        return call_status(self.row, info.context.now())

    @strawberry.field
    def budget(self) -> Money:
        return Money(amount=self.row.budget)

    @strawberry.field(description="Sum of the awards made from this call.")
    def committed(self) -> Money:
        return Money(amount=self.row.committed)

    @strawberry.field
    def remaining(self) -> Money:
        return Money(amount=self.row.remaining)

    @strawberry.field
    def max_amount_per_application(self) -> Money | None:
        limit = self.row.max_amount_per_application
        return Money(amount=limit) if limit is not None else None

    @strawberry.field
    async def criteria(self, info: strawberry.Info) -> list[ReviewCriterion]:
        return [
            ReviewCriterion.from_row(row)
            for row in await info.context.loaders.criteria_by_call.load(self.row.id)
        ]

    @classmethod
    def from_row(cls, row: FundingCallRow) -> FundingCall:
        """The GraphQL view of a call."""
        return cls(
            id=to_global_id("FundingCall", row.id),
            reference=row.reference,
            opens_at=row.opens_at,
            closes_at=row.closes_at,
            min_reviews=row.min_reviews,
            row=row,
        )
