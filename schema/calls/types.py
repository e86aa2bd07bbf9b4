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
    code: str = strawberry.field(description="Its code within the call, e.g. RELEVANCE; reviews score by it.")
    weight: float = strawberry.field(description="Its weight in the weighted mean, above 0 and at most 100.")
    row: strawberry.Private[CriterionRow]

    @strawberry.field(description="The name in the chosen language, else in German.")
    def name(self, info: strawberry.Info, lang: Lang = None) -> str:
        return localized(self.row.name, lang, info) or self.code

    @classmethod
    def from_row(cls, row: CriterionRow) -> ReviewCriterion:
        """The GraphQL view of a criterion."""
        return cls(code=row.code, weight=float(row.weight), row=row)


@strawberry.type(description="A call for proposals (Ausschreibung) with its budget and window.")
class FundingCall(Node):
    reference: str = strawberry.field(description="Human-readable reference, e.g. CALL-2026-01.")
    opens_at: datetime = strawberry.field(description="From when applications may be submitted.")
    closes_at: datetime = strawberry.field(
        description="The deadline for first submissions; resubmissions after a change request may come later."
    )
    min_reviews: int = strawberry.field(description="Reviews needed before an approver may decide, 1 to 10.")
    row: strawberry.Private[FundingCallRow]

    @strawberry.field(description="The title in the chosen language, else in German.")
    def title(self, info: strawberry.Info, lang: Lang = None) -> str:
        return localized(self.row.title, lang, info) or self.reference

    @strawberry.field(
        description="What the call funds and how, in the chosen language, else in German; null if none."
    )
    def description(self, info: strawberry.Info, lang: Lang = None) -> str | None:
        return localized(self.row.description, lang, info)

    @strawberry.field(description="The programme phase it belongs to; projects must lie within its years.")
    async def programme(self, info: strawberry.Info) -> Programme:
        return Programme.from_row(await info.context.loaders.programme.load(self.row.programme_id))

    @strawberry.field(description="The funding areas it funds; an application names one of them.")
    async def funding_areas(self, info: strawberry.Info) -> list[FundingArea]:
        return [
            FundingArea.from_row(row)
            for row in await info.context.loaders.funding_areas_by_call.load(self.row.id)
        ]

    @strawberry.field(description="Whether it is open now, by `opensAt` and `closesAt`.")
    def status(self, info: strawberry.Info) -> CallStatusEnum:
        return call_status(self.row, info.context.now())

    @strawberry.field(description="The money the call may award in total.")
    def budget(self) -> Money:
        return Money(amount=self.row.budget)

    @strawberry.field(description="The sum of the awards made from it so far.")
    def committed(self) -> Money:
        return Money(amount=self.row.committed)

    @strawberry.field(description="Budget minus committed: the most a new award can be.")
    def remaining(self) -> Money:
        return Money(amount=self.row.remaining)

    @strawberry.field(description="The most one application may request and be awarded; null: no limit.")
    def max_amount_per_application(self) -> Money | None:
        limit = self.row.max_amount_per_application
        return Money(amount=limit) if limit is not None else None

    @strawberry.field(description="What reviewers score, in the call's order; a review scores every one.")
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
