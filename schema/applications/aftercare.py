"""After the award in the schema: project reports, tranche payments, closing."""

from __future__ import annotations

from collections.abc import Awaitable, Mapping, Sequence
from datetime import date

import strawberry

from grants import aftercare
from grants.errors import DomainError
from grants.models import ProjectReport as ReportRow
from grants.models import ReportKind
from schema.applications.inputs import ApplicationActionInput, IndicatorValueInput, application_pk
from schema.applications.mutations import APPLICATION_FIELD, ApplicationPayload, _payload, step_payload
from schema.applications.outcome_types import ProjectReport
from schema.base.errors import UserError, user_errors
from schema.base.node import pk_of


@strawberry.input
class SubmitProjectReportInput:
    application: strawberry.ID
    kind: ReportKind
    narrative: str
    actuals: list[IndicatorValueInput]


@strawberry.input
class ProjectReportDecisionInput:
    report: strawberry.ID
    message: str | None = None


@strawberry.input
class MarkTranchePaidInput:
    application: strawberry.ID
    tranche: int = strawberry.field(description="Position of the tranche in the award's plan, from 0.")
    paid_on: date


@strawberry.type
class ProjectReportPayload:
    report: ProjectReport | None
    errors: list[UserError]


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
        ),
        REPORT_FIELD,
    )


@strawberry.type
class AftercareMutation:
    @strawberry.mutation(
        description="Applicant: report on an approved project (indicator actuals and a narrative)."
    )
    async def submit_project_report(
        self, info: strawberry.Info, input: SubmitProjectReportInput
    ) -> ProjectReportPayload:
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
        description="Staff: accept a report; an accepted final report releases the last tranche."
    )
    async def accept_project_report(
        self, info: strawberry.Info, input: ProjectReportDecisionInput
    ) -> ProjectReportPayload:
        return await _decide_report(info, input, accept=True)

    @strawberry.mutation(description="Staff: send a report back with a message saying what is missing.")
    async def return_project_report(
        self, info: strawberry.Info, input: ProjectReportDecisionInput
    ) -> ProjectReportPayload:
        return await _decide_report(info, input, accept=False)

    @strawberry.mutation(description="Staff: record that a tranche was paid.")
    async def mark_tranche_paid(
        self, info: strawberry.Info, input: MarkTranchePaidInput
    ) -> ApplicationPayload:
        ctx = info.context
        return await _payload(
            aftercare.mark_tranche_paid(
                actor=ctx.actor,
                application_id=application_pk(input.application),
                position=input.tranche,
                paid_on=input.paid_on,
                now=ctx.now(),
            ),
            relocate=APPLICATION_FIELD,
        )

    @strawberry.mutation(description="Staff: close a funded project after its final report is accepted.")
    async def close_application(
        self, info: strawberry.Info, input: ApplicationActionInput
    ) -> ApplicationPayload:
        return await step_payload(info, input, aftercare.close_application)
