"""GraphQL types of what staff add to an application: reviews, awards, tranches, events."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from grants.abilities import sees_reviews
from grants.aftercare import actuals_of
from grants.models import ApplicationEvent as EventRow
from grants.models import ApplicationStatus as ApplicationStatusEnum
from grants.models import Award as AwardRow
from grants.models import InternalNote as NoteRow
from grants.models import ProjectReport as ReportRow
from grants.models import Recommendation as RecommendationEnum
from grants.models import ReportKind, ReportStatus
from grants.models import Review as ReviewRow
from grants.models import Role as RoleEnum
from grants.tranches import Milestone
from schema.accounts.types import User
from schema.base.node import Node, to_global_id
from schema.calls.types import ReviewCriterion
from schema.programme.types import Indicator, Money

strawberry.enum(ApplicationStatusEnum, name="ApplicationStatus")
strawberry.enum(RecommendationEnum, name="Recommendation")


async def _user(info: strawberry.Info, user_id: int | None) -> User | None:
    if user_id is None:
        return None
    row = await info.context.loaders.user.load(user_id)
    return User.from_row(row) if row else None


async def _person_for_applicants(info: strawberry.Info, user_id: int | None) -> User | None:
    """A staff member is shown to staff; applicants see only their own people (staff: null)."""
    user = await _user(info, user_id)
    if user is None or sees_reviews(info.context.actor):
        return user
    return user if user.row.role is RoleEnum.APPLICANT else None


@strawberry.type
class IndicatorValue:
    indicator: Indicator
    value: int


@strawberry.type
class CriterionScore:
    criterion: ReviewCriterion
    score: int = strawberry.field(description="0..5")


@strawberry.type(description="A reviewer's scores and recommendation (staff only).")
class Review(Node):
    weighted_score: float = strawberry.field(description="Weighted mean of the scores, 0..5.")
    recommendation: RecommendationEnum
    comment: str | None
    submitted_at: datetime
    row: strawberry.Private[ReviewRow]
    call_id: strawberry.Private[int]

    @strawberry.field
    async def reviewer(self, info: strawberry.Info) -> User:
        user = await _user(info, self.row.reviewer_id)
        assert user is not None  # reviews keep their reviewer (RESTRICT)
        return user

    @strawberry.field
    async def scores(self, info: strawberry.Info) -> list[CriterionScore]:
        criteria = {c.code: c for c in await info.context.loaders.criteria_by_call.load(self.call_id)}
        return [
            CriterionScore(
                criterion=ReviewCriterion.from_row(criteria[item["criterion"]]), score=item["score"]
            )
            for item in self.row.scores
            if item["criterion"] in criteria
        ]

    @classmethod
    def from_row(cls, row: ReviewRow, call_id: int) -> Review:
        """The GraphQL view of a review of an application under call `call_id`."""
        return cls(
            id=to_global_id("Review", row.id),
            weighted_score=float(row.weighted_score),
            recommendation=row.recommendation,
            comment=row.comment,
            submitted_at=row.submitted_at,
            row=row,
            call_id=call_id,
        )


@strawberry.type
class PaymentTranche:
    amount: Money
    due_on: date
    paid_on: date | None
    due: Milestone = strawberry.field(description="The milestone at which it falls due.")
    position: int = strawberry.field(description="Its place in the plan, from 0 (for markTranchePaid).")


@strawberry.type(description="The approved amount and its payment plan.")
class Award:
    amount: Money
    conditions: str | None
    decided_at: datetime
    row: strawberry.Private[AwardRow]

    @strawberry.field
    async def decided_by(self, info: strawberry.Info) -> User | None:
        return await _person_for_applicants(info, self.row.decided_by_id)

    @strawberry.field
    async def tranches(self, info: strawberry.Info) -> list[PaymentTranche]:
        return [
            PaymentTranche(
                amount=Money(amount=t.amount),
                due_on=t.due_on,
                paid_on=t.paid_on,
                due=Milestone(t.due),
                position=t.position,
            )
            for t in await info.context.loaders.tranches.load(self.row.id)
        ]

    @classmethod
    def from_row(cls, row: AwardRow) -> Award:
        """The GraphQL view of an award."""
        return cls(
            amount=Money(amount=row.amount), conditions=row.conditions, decided_at=row.decided_at, row=row
        )


@strawberry.type(description="A step in an application's history.")
class ApplicationEvent:
    at: datetime
    from_status: ApplicationStatusEnum | None
    to_status: ApplicationStatusEnum | None
    message: str | None
    kind: str = strawberry.field(description="e.g. TRANSITION:SUBMIT, EDITED, REVIEW_SUBMITTED, AWARD.")
    row: strawberry.Private[EventRow]

    @strawberry.field
    async def actor(self, info: strawberry.Info) -> User | None:
        return await _person_for_applicants(info, self.row.actor_id)

    @classmethod
    def from_row(cls, row: EventRow) -> ApplicationEvent:
        """The GraphQL view of an event."""
        return cls(
            at=row.at,
            from_status=row.from_status,
            to_status=row.to_status,
            message=row.message,
            kind=row.kind,
            row=row,
        )


strawberry.enum(ReportKind, name="ReportKind")
strawberry.enum(ReportStatus, name="ReportStatus")


@strawberry.type(description="An interim or final report on a funded project.")
class ProjectReport(Node):
    kind: ReportKind
    status: ReportStatus
    narrative: str
    submitted_at: datetime
    decided_at: datetime | None
    message: str | None = strawberry.field(description="Staff's word when accepting or sending it back.")
    row: strawberry.Private[ReportRow]

    @strawberry.field
    async def actuals(self, info: strawberry.Info) -> list[IndicatorValue]:
        values = []
        for code, value in actuals_of(self.row):
            indicator = await info.context.loaders.indicator.load(code)
            if indicator is not None:
                values.append(IndicatorValue(indicator=Indicator.from_row(indicator), value=value))
        return values

    @classmethod
    def from_row(cls, row: ReportRow) -> ProjectReport:
        """The GraphQL view of a report."""
        return cls(
            id=to_global_id("ProjectReport", row.id),
            kind=row.kind,
            status=row.status,
            narrative=row.narrative,
            submitted_at=row.submitted_at,
            decided_at=row.decided_at,
            message=row.message,
            row=row,
        )


@strawberry.type(description="A note staff keep on an application (never shown to applicants).")
class InternalNote:
    body: str
    created_at: datetime
    row: strawberry.Private[NoteRow]

    @strawberry.field
    async def author(self, info: strawberry.Info) -> User | None:
        return await _user(info, self.row.author_id)

    @classmethod
    def from_row(cls, row: NoteRow) -> InternalNote:
        """The GraphQL view of a note."""
        return cls(body=row.body, created_at=row.created_at, row=row)
