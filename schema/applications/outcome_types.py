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
from schema.directory.bank_account import BankAccount
from schema.programme.types import Indicator, Money

strawberry.enum(ApplicationStatusEnum, name="ApplicationStatus")
strawberry.enum(RecommendationEnum, name="Recommendation")
#: Who sees the staff member behind a step (see _person_for_applicants).
STAFF_HIDDEN = "Null for applicants when it was a staff member, and when the account no longer exists."


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


@strawberry.type(description="A count for one indicator: a planned target or a reported actual.")
class IndicatorValue:
    indicator: Indicator = strawberry.field(description="The indicator counted.")
    value: int = strawberry.field(description="The count, 0 to 10,000,000.")


@strawberry.type(description="A reviewer's score for one criterion of the call.")
class CriterionScore:
    criterion: ReviewCriterion = strawberry.field(description="The criterion scored.")
    score: int = strawberry.field(description="The score, 0 to 5; higher is better.")


@strawberry.type(description="A reviewer's scores and recommendation (staff only).")
class Review(Node):
    weighted_score: float = strawberry.field(
        description="The mean of the scores weighted by the criteria's weights, 0..5, to three decimals."
    )
    recommendation: RecommendationEnum = strawberry.field(description="What the reviewer advises.")
    comment: str | None = strawberry.field(description="The reviewer's reasoning; null if none.")
    submitted_at: datetime = strawberry.field(description="When it was submitted or last replaced.")
    row: strawberry.Private[ReviewRow]
    call_id: strawberry.Private[int]

    @strawberry.field(description="Who reviewed; one review per reviewer and application.")
    async def reviewer(self, info: strawberry.Info) -> User:
        user = await _user(info, self.row.reviewer_id)
        assert user is not None  # reviews keep their reviewer (RESTRICT)
        return user

    @strawberry.field(description="One score per criterion of the call, in the call's order.")
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


@strawberry.type(description="A part of an award, paid when its milestone is reached.")
class PaymentTranche:
    amount: Money = strawberry.field(description="Its amount; the tranches add up to the award exactly.")
    due_on: date = strawberry.field(description="When it is expected: the project's start, or its end.")
    paid_on: date | None = strawberry.field(description="When staff recorded it as paid; null while unpaid.")
    due: Milestone = strawberry.field(description="The milestone at which it falls due.")
    position: int = strawberry.field(description="Its place in the plan, from 0 (for markTranchePaid).")
    payment_started_at: datetime | None = strawberry.field(
        description="When staff handed it to the finance office (startTranchePayment); null if not, or once "
        "taken back. Set and paidOn null: it is being paid."
    )
    paid_to: BankAccount | None = strawberry.field(
        description="The account it is (being) paid to, as copied when handed over or marked paid; null "
        "before that."
    )


@strawberry.type(description="The approved amount and its payment plan.")
class Award:
    amount: Money = strawberry.field(
        description="The approved amount, at most the requested one; taken from the call's budget."
    )
    conditions: str | None = strawberry.field(description="Conditions the approver attached; null if none.")
    decided_at: datetime = strawberry.field(description="When it was approved.")
    row: strawberry.Private[AwardRow]

    @strawberry.field(description=f"The approver. {STAFF_HIDDEN}")
    async def decided_by(self, info: strawberry.Info) -> User | None:
        return await _person_for_applicants(info, self.row.decided_by_id)

    @strawberry.field(description="The payment plan, in order (`position` 0 first).")
    async def tranches(self, info: strawberry.Info) -> list[PaymentTranche]:
        return [
            PaymentTranche(
                amount=Money(amount=t.amount),
                due_on=t.due_on,
                paid_on=t.paid_on,
                due=Milestone(t.due),
                position=t.position,
                payment_started_at=t.payment_started_at,
                paid_to=BankAccount(iban=t.payee_iban, holder=t.payee_holder)
                if t.payee_iban and t.payee_holder
                else None,
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
    at: datetime = strawberry.field(description="When it happened.")
    from_status: ApplicationStatusEnum | None = strawberry.field(
        description="The status before a workflow step; null for other events."
    )
    to_status: ApplicationStatusEnum | None = strawberry.field(
        description="The status after a workflow step (DRAFT for CREATED); null for other events."
    )
    message: str | None = strawberry.field(
        description="What was said with it (e.g. what to change), or the amount awarded or paid; else null."
    )
    kind: str = strawberry.field(
        description="What happened: CREATED, EDITED, TRANSITION:<action> (SUBMIT, WITHDRAW, START_REVIEW, "
        "REQUEST_CHANGES, APPROVE, REJECT, CLOSE), REVIEW_SUBMITTED, REVIEW_REPLACED, AWARD, TRANCHE_PAID, "
        "REPORT_SUBMITTED:<kind>, REPORT_ACCEPTED:<kind> or REPORT_RETURNED:<kind> (INTERIM, FINAL)."
    )
    row: strawberry.Private[EventRow]

    @strawberry.field(description=f"Who did it. {STAFF_HIDDEN}")
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
    kind: ReportKind = strawberry.field(description="Interim or final.")
    status: ReportStatus = strawberry.field(description="Whether staff have accepted or returned it.")
    narrative: str = strawberry.field(description="What the project did, in the applicant's words.")
    submitted_at: datetime = strawberry.field(description="When the applicant submitted it.")
    decided_at: datetime | None = strawberry.field(
        description="When staff accepted or returned it; null while it waits."
    )
    message: str | None = strawberry.field(description="Staff's word when accepting or sending it back.")
    row: strawberry.Private[ReportRow]

    @strawberry.field(description="What the project achieved per indicator: totals to date, not increments.")
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
    body: str = strawberry.field(description="The note's text.")
    created_at: datetime = strawberry.field(description="When it was written.")
    row: strawberry.Private[NoteRow]

    @strawberry.field(description="The staff member who wrote it; null if the account no longer exists.")
    async def author(self, info: strawberry.Info) -> User | None:
        return await _user(info, self.row.author_id)

    @classmethod
    def from_row(cls, row: NoteRow) -> InternalNote:
        """The GraphQL view of a note."""
        return cls(body=row.body, created_at=row.created_at, row=row)
