"""Application mutations: thin adapters from inputs to one grants/ use case each."""

from __future__ import annotations

from collections.abc import Awaitable, Mapping, Sequence
from datetime import datetime
from typing import Annotated, Protocol

import strawberry

from grants import applications, decision, review, submission
from grants.errors import DomainError
from grants.models import Application as ApplicationRow
from grants.models import User as UserRow
from schema.applications.inputs import (
    ApplicationActionInput,
    CreateApplicationInput,
    DecideApplicationInput,
    SubmitReviewInput,
    UpdateApplicationInput,
    application_pk,
    application_values,
)
from schema.applications.outcome_types import InternalNote, Review
from schema.applications.types import Application
from schema.base.errors import ERRORS, UserError, user_errors
from schema.base.money import money_value

#: Where the domain's ("id",) sits in inputs that name the application `application`.
APPLICATION_FIELD = {"id": ("application",)}


@strawberry.type(description="The result of a change to an application.")
class ApplicationPayload:
    application: Application | None = strawberry.field(
        description="The application as it is now; null if refused."
    )
    errors: list[UserError] = strawberry.field(description=ERRORS)


@strawberry.type(description="The result of submitting a review.")
class ReviewPayload:
    review: Review | None = strawberry.field(description="The review as saved; null if refused.")
    application: Application | None = strawberry.field(
        description="The application reviewed, at its new version; null if refused."
    )
    errors: list[UserError] = strawberry.field(description=ERRORS)


#: The `input` argument of each mutation.
NewApplication = Annotated[
    CreateApplicationInput, strawberry.argument(description="The draft's first content.")
]
ApplicationChanges = Annotated[
    UpdateApplicationInput,
    strawberry.argument(description="Which application, the version seen, and what to change."),
]
Step = Annotated[ApplicationActionInput, strawberry.argument(description="Which application, and a message.")]
NewReview = Annotated[
    SubmitReviewInput, strawberry.argument(description="Which application, your scores and advice.")
]
DecisionMade = Annotated[
    DecideApplicationInput, strawberry.argument(description="Which application, and the decision.")
]


async def _payload(
    action: Awaitable[ApplicationRow], relocate: Mapping[str, Sequence[str]] | None = None
) -> ApplicationPayload:
    try:
        row = await action
    except DomainError as error:
        return ApplicationPayload(application=None, errors=user_errors(error, relocate=relocate))
    return ApplicationPayload(application=Application.from_row(row), errors=[])


class WorkflowStep(Protocol):
    """A grants/ use case moving one application with an optional message (submit, withdraw, …)."""

    def __call__(
        self,
        *,
        actor: UserRow | None,
        application_id: int,
        message: str | None,
        now: datetime,
        public_url: str,
    ) -> Awaitable[ApplicationRow]: ...


async def step_payload(
    info: strawberry.Info, input: ApplicationActionInput, step: WorkflowStep
) -> ApplicationPayload:
    """Run `step` on the application `input` names, as the caller, now."""
    ctx = info.context
    return await _payload(
        step(
            actor=ctx.actor,
            application_id=application_pk(input.id),
            message=input.message,
            now=ctx.now(),
            public_url=ctx.public_url,
        )
    )


@strawberry.input(description="A note for staff on an application.")
class AddInternalNoteInput:
    application: strawberry.ID = strawberry.field(description="The application's global ID.")
    body: str = strawberry.field(description="The note's text; not empty.")


@strawberry.type(description="The result of adding an internal note.")
class InternalNotePayload:
    note: InternalNote | None = strawberry.field(description="The note as saved; null if refused.")
    errors: list[UserError] = strawberry.field(description=ERRORS)


NewNote = Annotated[AddInternalNoteInput, strawberry.argument(description="Which application, and the note.")]


@strawberry.type
class ApplicationMutation:
    @strawberry.mutation(
        description="Reviewer, approver or admin: keep a note on an application (never shown to applicants)."
    )
    async def add_internal_note(self, info: strawberry.Info, input: NewNote) -> InternalNotePayload:
        ctx = info.context
        try:
            row = await review.add_internal_note(
                actor=ctx.actor,
                application_id=application_pk(input.application),
                body=input.body,
                now=ctx.now(),
            )
        except DomainError as error:
            return InternalNotePayload(note=None, errors=user_errors(error, relocate=APPLICATION_FIELD))
        return InternalNotePayload(note=InternalNote.from_row(row), errors=[])

    @strawberry.mutation(
        description="Applicant: start a draft for your organisation, with a new reference such as "
        "KIP-2026-0042; only malformed values are refused."
    )
    async def create_application(self, info: strawberry.Info, input: NewApplication) -> ApplicationPayload:
        ctx = info.context
        return await _payload(
            applications.create_application(actor=ctx.actor, values=application_values(input), now=ctx.now())
        )

    @strawberry.mutation(
        description="Applicant: change a draft or an application sent back, at the version seen (CONFLICT "
        "if it changed since)."
    )
    async def update_application(
        self, info: strawberry.Info, input: ApplicationChanges
    ) -> ApplicationPayload:
        ctx = info.context
        return await _payload(
            applications.update_application(
                actor=ctx.actor,
                application_id=application_pk(input.id),
                version=input.version,
                values=application_values(input),
                now=ctx.now(),
            )
        )

    @strawberry.mutation(
        description="Applicant: submit a draft while the call is OPEN, or resubmit after a change request at "
        "any time; every problem is answered at once, each with its field path."
    )
    async def submit_application(self, info: strawberry.Info, input: Step) -> ApplicationPayload:
        return await step_payload(info, input, submission.submit_application)

    @strawberry.mutation(description="Applicant: withdraw a draft or an application sent back for changes.")
    async def withdraw_application(self, info: strawberry.Info, input: Step) -> ApplicationPayload:
        return await step_payload(info, input, submission.withdraw_application)

    @strawberry.mutation(description="Reviewer or approver: take a SUBMITTED application into review.")
    async def start_review(self, info: strawberry.Info, input: Step) -> ApplicationPayload:
        return await step_payload(info, input, review.start_review)

    @strawberry.mutation(
        description="Reviewer or approver: send a SUBMITTED or IN_REVIEW application back to the applicant, "
        "with a message saying what to change."
    )
    async def request_changes(self, info: strawberry.Info, input: Step) -> ApplicationPayload:
        return await step_payload(info, input, review.request_changes)

    @strawberry.mutation(
        description="Reviewer or approver: score every criterion of the call 0..5 while the application is "
        "IN_REVIEW; a new review replaces your previous one."
    )
    async def submit_review(self, info: strawberry.Info, input: NewReview) -> ReviewPayload:
        ctx = info.context
        try:
            row = await review.submit_review(
                actor=ctx.actor,
                application_id=application_pk(input.application),
                scores=[(item.criterion, item.score) for item in input.scores],
                recommendation=input.recommendation,
                comment=input.comment,
                now=ctx.now(),
            )
        except DomainError as error:
            return ReviewPayload(
                review=None, application=None, errors=user_errors(error, relocate=APPLICATION_FIELD)
            )
        application = await ApplicationRow.get(id=row.application_id)
        return ReviewPayload(
            review=Review.from_row(row, application.call_id),
            application=Application.from_row(application),
            errors=[],
        )

    @strawberry.mutation(
        description="Approver: approve an application IN_REVIEW with the call's `minReviews`, its award "
        "taken from the call's budget, or reject it. Four eyes: not by a reviewer of the same application."
    )
    async def decide_application(self, info: strawberry.Info, input: DecisionMade) -> ApplicationPayload:
        ctx = info.context
        return await _payload(
            decision.decide_application(
                actor=ctx.actor,
                application_id=application_pk(input.application),
                decision=input.decision,
                amount=money_value(input.amount),
                conditions=input.conditions,
                message=input.message,
                now=ctx.now(),
                public_url=ctx.public_url,
                store=ctx.store,
            ),
            relocate=APPLICATION_FIELD,
        )
