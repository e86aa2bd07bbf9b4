"""GraphQL type of an application, with what the viewer may see and do."""

from __future__ import annotations

from datetime import date, datetime

import strawberry

from grants.abilities import abilities, sees_reviews
from grants.application_rules import total_cost
from grants.models import Application as ApplicationRow
from grants.models import ApplicationEvent as EventRow
from grants.models import ApplicationStatus as ApplicationStatusEnum
from grants.models import BudgetCategory as BudgetCategoryEnum
from grants.models import Document as DocumentRow
from grants.models import DocumentKind
from grants.pagination import slice_page
from schema.applications.outcome_types import (
    ApplicationEvent,
    Award,
    IndicatorValue,
    InternalNote,
    ProjectReport,
    Review,
)
from schema.base.connection import After, Connection, First
from schema.base.loading import Later, then
from schema.base.node import Node, to_global_id
from schema.calls.types import FundingCall
from schema.directory.types import Organisation
from schema.documents.types import Document
from schema.programme.types import FundingArea, Indicator, Money

strawberry.enum(BudgetCategoryEnum, name="BudgetCategory")
#: History an applicant does not see: reviews are for staff only, not even their number.
STAFF_ONLY_EVENTS = ("REVIEW_",)


@strawberry.type(description="One line of an application's budget.")
class BudgetLine:
    category: BudgetCategoryEnum = strawberry.field(description="What it pays for.")
    description: str = strawberry.field(description="What exactly, in the applicant's words.")
    amount: Money = strawberry.field(description="Its cost.")


#: Whose applications an applicant may change and move.
OWN = "its organisation's applicant, in DRAFT or CHANGES_REQUESTED"


@strawberry.type(
    description="What the viewer may do with an application now (for clients to show or hide actions)."
)
class ApplicationPermissions:
    edit: bool = strawberry.field(description=f"May change it (`updateApplication`): {OWN}.")
    submit: bool = strawberry.field(
        description=f"May submit it (`submitApplication`): {OWN}; completeness is checked then."
    )
    withdraw: bool = strawberry.field(description=f"May withdraw it (`withdrawApplication`): {OWN}.")
    review: bool = strawberry.field(
        description="May score it (`submitReview`): a reviewer or approver, IN_REVIEW."
    )
    decide: bool = strawberry.field(
        description="May approve or reject it (`decideApplication`): an approver who has not reviewed it, "
        "IN_REVIEW with the call's `minReviews`."
    )


@strawberry.type(description="A request for project funding under a call.")
class Application(Node):
    reference: str = strawberry.field(description="Human-readable reference, e.g. KIP-2026-0042.")
    title: str = strawberry.field(description="The project's title.")
    summary: str | None = strawberry.field(description="What the project does; null if not given.")
    status: ApplicationStatusEnum = strawberry.field(description="Where it stands in the workflow.")
    version: int = strawberry.field(
        description="Increases with every change; edits take it to refuse lost updates."
    )
    project_start: date = strawberry.field(description="The project's first day, within the call's phase.")
    project_end: date = strawberry.field(
        description="The project's last day: not before its start, by the end of the call's phase."
    )
    languages: list[str] = strawberry.field(
        description="ISO 639-1 codes of the languages the project works in."
    )
    submitted_at: datetime | None = strawberry.field(
        description="When it was last submitted; null while it never was."
    )
    own_contribution: Money = strawberry.field(description="What the applicant pays itself.")
    third_party_funding: Money = strawberry.field(description="Money from other funders; 0 if none.")
    requested_amount: Money = strawberry.field(
        description="What it asks the programme for: total cost − own contribution − third-party funding."
    )
    row: strawberry.Private[ApplicationRow]

    @strawberry.field(description="The call it applies under.", graphql_type=FundingCall)
    def call(self, info: strawberry.Info) -> Later[FundingCall]:
        return then(info.context.loaders.call.load(self.row.call_id), FundingCall.from_row)

    @strawberry.field(description="The organisation applying.", graphql_type=Organisation)
    def applicant(self, info: strawberry.Info) -> Later[Organisation]:
        return then(info.context.loaders.organisation.load(self.row.applicant_id), Organisation.from_row)

    @strawberry.field(
        description="The funding area it applies in, one of the call's.", graphql_type=FundingArea
    )
    def funding_area(self, info: strawberry.Info) -> Later[FundingArea]:
        return then(info.context.loaders.funding_area.load(self.row.funding_area_id), FundingArea.from_row)

    @strawberry.field(
        description="Municipalities where the project takes place, alphabetically.",
        graphql_type=list[Organisation],
    )
    def municipalities(self, info: strawberry.Info) -> Later[list[Organisation]]:
        return then(
            info.context.loaders.municipalities_by_application.load(self.row.id),
            lambda rows: [Organisation.from_row(row) for row in rows],
        )

    @strawberry.field(
        description="The budget, line by line in the applicant's order.", graphql_type=list[BudgetLine]
    )
    def budget_lines(self, info: strawberry.Info) -> Later[list[BudgetLine]]:
        return then(
            info.context.loaders.budget_lines.load(self.row.id),
            lambda rows: [
                BudgetLine(category=r.category, description=r.description, amount=Money(amount=r.amount))
                for r in rows
            ],
        )

    @strawberry.field(description="The sum of the budget lines.", graphql_type=Money)
    def total_cost(self, info: strawberry.Info) -> Later[Money]:
        return then(
            info.context.loaders.budget_lines.load(self.row.id),
            lambda rows: Money(amount=total_cost([row.amount for row in rows])),
        )

    @strawberry.field(description="Planned outputs: the indicator values the project aims for.")
    async def targets(self, info: strawberry.Info) -> list[IndicatorValue]:
        values = []
        for target in self.row.targets:
            indicator = await info.context.loaders.indicator.load(target["indicator"])
            if indicator is not None:
                values.append(IndicatorValue(indicator=Indicator.from_row(indicator), value=target["value"]))
        return values

    @strawberry.field(
        description="Reviewers' scores, oldest first; for staff: applicants get an empty list, never a "
        "count.",
        graphql_type=list[Review],
    )
    def reviews(self, info: strawberry.Info) -> Later[list[Review]]:
        if not sees_reviews(info.context.actor):
            return []
        call_id = self.row.call_id
        return then(
            info.context.loaders.reviews.load(self.row.id),
            lambda rows: [Review.from_row(row, call_id) for row in rows],
        )

    @strawberry.field(
        description="Staff's notes, oldest first; empty for applicants.", graphql_type=list[InternalNote]
    )
    def internal_notes(self, info: strawberry.Info) -> Later[list[InternalNote]]:
        if not sees_reviews(info.context.actor):
            return []
        return then(
            info.context.loaders.notes.load(self.row.id),
            lambda rows: [InternalNote.from_row(row) for row in rows],
        )

    @strawberry.field(
        description="Interim and final reports on the funded project, oldest first.",
        graphql_type=list[ProjectReport],
    )
    def reports(self, info: strawberry.Info) -> Later[list[ProjectReport]]:
        return then(
            info.context.loaders.reports.load(self.row.id),
            lambda rows: [ProjectReport.from_row(row) for row in rows],
        )

    @strawberry.field(
        description="Files attached by the applicant, oldest first.", graphql_type=list[Document]
    )
    def documents(self, info: strawberry.Info) -> Later[list[Document]]:
        return then(
            info.context.loaders.documents.load(self.row.id),
            lambda rows: [
                Document.from_row(row) for row in rows if row.kind is not DocumentKind.DECISION_LETTER
            ],
        )

    @strawberry.field(description="The decision letter (PDF), once decided.", graphql_type=Document | None)
    def decision_letter(self, info: strawberry.Info) -> Later[Document | None]:
        return then(info.context.loaders.documents.load(self.row.id), _decision_letter)

    @strawberry.field(
        description="The approved amount and its payments; null unless approved.", graphql_type=Award | None
    )
    def award(self, info: strawberry.Info) -> Later[Award | None]:
        return then(
            info.context.loaders.award.load(self.row.id), lambda row: Award.from_row(row) if row else None
        )

    @strawberry.field(
        description="Its history, oldest first; applicants do not see the review steps.",
        graphql_type=Connection[ApplicationEvent],
    )
    def events(
        self, info: strawberry.Info, first: First = None, after: After = None
    ) -> Later[Connection[ApplicationEvent]]:
        staff = sees_reviews(info.context.actor)

        def page(rows: list[EventRow]) -> Connection[ApplicationEvent]:
            shown = rows if staff else [row for row in rows if not row.kind.startswith(STAFF_ONLY_EVENTS)]
            return Connection.from_page(
                slice_page(shown, kind="ApplicationEvent", first=first, after=after),
                ApplicationEvent.from_row,
            )

        return then(info.context.loaders.events.load(self.row.id), page)

    @strawberry.field(description="What the viewer may do with it now.")
    async def viewer_can(self, info: strawberry.Info) -> ApplicationPermissions:
        reviews = await info.context.loaders.reviews.load(self.row.id)
        call = await info.context.loaders.call.load(self.row.call_id)
        can = abilities(
            info.context.actor,
            status=self.row.status,
            applicant_id=self.row.applicant_id,
            reviewer_ids=[review.reviewer_id for review in reviews],
            min_reviews=call.min_reviews,
        )
        return ApplicationPermissions(
            edit=can.edit, submit=can.submit, withdraw=can.withdraw, review=can.review, decide=can.decide
        )

    @classmethod
    def from_row(cls, row: ApplicationRow) -> Application:
        """The GraphQL view of an application the viewer may see."""
        return cls(
            id=to_global_id("Application", row.id),
            reference=row.reference,
            title=row.title,
            summary=row.summary,
            status=row.status,
            version=row.version,
            project_start=row.project_start,
            project_end=row.project_end,
            languages=list(row.languages),
            submitted_at=row.submitted_at,
            own_contribution=Money(amount=row.own_contribution),
            third_party_funding=Money(amount=row.third_party_funding),
            requested_amount=Money(amount=row.requested_amount),
            row=row,
        )


def _decision_letter(rows: list[DocumentRow]) -> Document | None:
    """The newest decision letter among an application's documents (kipnet writes one per decision)."""
    letters = [row for row in rows if row.kind is DocumentKind.DECISION_LETTER]
    return Document.from_row(letters[-1]) if letters else None
