"""After the award in the schema: project reports, tranche payments, closing."""

from __future__ import annotations

from collections.abc import Awaitable, Mapping, Sequence
from datetime import date
from typing import Annotated

import strawberry

from grants import aftercare, payments
from grants.errors import DomainError
from grants.models import ProjectReport as ReportRow
from grants.models import ReportKind
from schema.applications.inputs import IndicatorValueInput, application_pk
from schema.applications.mutations import APPLICATION_FIELD, ApplicationPayload, Step, _payload, step_payload
from schema.applications.outcome_types import ProjectReport
from schema.base.errors import ERRORS, UserError, user_errors
from schema.base.input_gate import LIST_LIMITS, TEXT_LIMITS
from schema.base.node import pk_of


@strawberry.input(description="A report on a funded project.")
class SubmitProjectReportInput:
    application: strawberry.ID = strawberry.field(description="The application's global ID; it is APPROVED.")
    kind: ReportKind = strawberry.field(
        description="Interim or final; no new final one after one was accepted."
    )
    narrative: str = strawberry.field(
        description="What the project did, in a few sentences; at most "
        f"{TEXT_LIMITS['SubmitProjectReportInput.narrative']:,} characters."
    )
    actuals: list[IndicatorValueInput] = strawberry.field(
        description="What it achieved per indicator, totals to date (not increments); at most "
        f"{LIST_LIMITS['SubmitProjectReportInput.actuals']}."
    )


@strawberry.input(description="A staff decision on a waiting report.")
class ProjectReportDecisionInput:
    report: strawberry.ID = strawberry.field(description="The report's global ID; it is SUBMITTED.")
    message: str | None = strawberry.field(
        default=None, description="A message to the applicant; required to return the report."
    )


@strawberry.input(description="A payment of one tranche of an award.")
class MarkTranchePaidInput:
    application: strawberry.ID = strawberry.field(description="The application's global ID.")
    tranche: int = strawberry.field(description="Position of the tranche in the award's plan, from 0.")
    paid_on: date = strawberry.field(
        description="When it was paid: not before the award, at most a year after today or the project's end."
    )


@strawberry.type(description="The result of submitting, accepting or returning a project report.")
class ProjectReportPayload:
    report: ProjectReport | None = strawberry.field(description="The report as it is now; null if refused.")
    errors: list[UserError] = strawberry.field(description=ERRORS)


NewReport = Annotated[
    SubmitProjectReportInput, strawberry.argument(description="Which project, and the report.")
]
ReportDecision = Annotated[
    ProjectReportDecisionInput, strawberry.argument(description="Which report, and a message.")
]
Payment = Annotated[
    MarkTranchePaidInput, strawberry.argument(description="Which tranche, and when it was paid.")
]


REPORT_FIELD = {"id": ("report",)}


async def _report_payload(
    action: Awaitable[ReportRow], relocate: Mapping[str, Sequence[str]]
) -> ProjectReportPayload:
    try:
        row = await action
    except DomainError as error:
        return ProjectReportPayload(report=None, errors=user_errors(error, relocate=relocate))
    return ProjectReportPayload(report=ProjectReport.from_row(row), errors=[])


async def _decide_report(
    info: strawberry.Info, input: ProjectReportDecisionInput, *, accept: bool
) -> ProjectReportPayload:
    ctx = info.context
    return await _report_payload(
        aftercare.decide_report(
            actor=ctx.actor,
            report_id=pk_of(input.report, "ProjectReport") or 0,
            accept=accept,
            message=input.message,
            now=ctx.now(),
            public_url=ctx.public_url,
        ),
        REPORT_FIELD,
    )


@strawberry.type
class AftercareMutation:
    @strawberry.mutation(
        description="Applicant: report on an approved project (indicator actuals and a narrative); one "
        "report at a time waits for staff."
    )
    async def submit_project_report(self, info: strawberry.Info, input: NewReport) -> ProjectReportPayload:
        ctx = info.context
        return await _report_payload(
            aftercare.submit_report(
                actor=ctx.actor,
                application_id=application_pk(input.application),
                kind=input.kind,
                narrative=input.narrative,
                actuals=[(a.indicator, a.value) for a in input.actuals],
                now=ctx.now(),
            ),
            APPLICATION_FIELD,
        )

    @strawberry.mutation(
        description="Approver or admin: accept a waiting report; an accepted final report releases the last "
        "tranche."
    )
    async def accept_project_report(
        self, info: strawberry.Info, input: ReportDecision
    ) -> ProjectReportPayload:
        return await _decide_report(info, input, accept=True)

    @strawberry.mutation(
        description="Approver or admin: send a waiting report back with a message saying what is missing."
    )
    async def return_project_report(
        self, info: strawberry.Info, input: ReportDecision
    ) -> ProjectReportPayload:
        return await _decide_report(info, input, accept=False)

    @strawberry.mutation(
        description="Approver or admin: record that a tranche was paid; the last one only after the final "
        "report is accepted."
    )
    async def mark_tranche_paid(self, info: strawberry.Info, input: Payment) -> ApplicationPayload:
        ctx = info.context
        return await _payload(
            payments.mark_tranche_paid(
                actor=ctx.actor,
                application_id=application_pk(input.application),
                position=input.tranche,
                paid_on=input.paid_on,
                now=ctx.now(),
                public_url=ctx.public_url,
            ),
            relocate=APPLICATION_FIELD,
        )

    @strawberry.mutation(
        description="Approver or admin: close a funded project after its final report is accepted."
    )
    async def close_application(self, info: strawberry.Info, input: Step) -> ApplicationPayload:
        return await step_payload(info, input, aftercare.close_application)
