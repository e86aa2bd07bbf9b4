"""After the award: project reports and closing the funded project (paying tranches: grants.payments)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from grants import audit
from grants.applications import require_visible
from grants.atomic import atomic
from grants.errors import DomainError, ErrorCode, Problem, raise_if_any
from grants.indicators import indicator_values
from grants.models import (
    Application,
    ApplicationStatus,
    ProjectReport,
    ReportKind,
    ReportStatus,
    Role,
    User,
)
from grants.moves import move, record_event
from grants.notifications import tell_applicant
from grants.permissions import require_role
from grants.text import clean_text
from grants.workflow import Action

#: Staff who look after funded projects: accept reports, pay tranches, close.
CARETAKERS = (Role.APPROVER, Role.ADMIN)
WAITING = Problem(ErrorCode.CONFLICT, "A report is waiting for the programme office already")
FINAL_ACCEPTED = Problem(ErrorCode.CONFLICT, "The final report has been accepted already", ("kind",))


def _approved(application: Application) -> None:
    if application.status is not ApplicationStatus.APPROVED:
        raise DomainError.single(
            ErrorCode.INVALID_TRANSITION,
            "An application that is {status} has no running project",
            status=application.status.value,
        )


async def final_accepted(application_id: int) -> bool:
    """Whether the project's final report was accepted (which releases the last tranche)."""
    return await ProjectReport.filter(
        application_id=application_id, kind=ReportKind.FINAL, status=ReportStatus.ACCEPTED
    ).exists()


async def submit_report(
    *,
    actor: User | None,
    application_id: int,
    kind: ReportKind,
    narrative: str,
    actuals: Sequence[tuple[str, int]],
    now: datetime,
) -> ProjectReport:
    """The applicant reports on its approved project: indicator actuals and what happened."""
    application = await require_visible(actor, application_id)
    applicant = require_role(actor, Role.APPLICANT)
    _approved(application)
    problems: list[Problem] = []
    told = clean_text(narrative)
    if told is None:
        problems.append(
            Problem(ErrorCode.INVALID, "Say in a few sentences what the project did", ("narrative",))
        )
    values, found = await indicator_values(actuals, "actuals")
    problems += found
    pending = ProjectReport.filter(application_id=application.id, status=ReportStatus.SUBMITTED)
    if await pending.exists():
        problems.append(WAITING)
    if kind is ReportKind.FINAL and await final_accepted(application.id):
        problems.append(FINAL_ACCEPTED)
    raise_if_any(problems)
    # The database holds both rules too (partial unique indexes): a report sent at the same moment
    # as another one is refused here.
    async with atomic(WAITING):
        report = await ProjectReport.create(
            application_id=application.id,
            kind=kind,
            narrative=told,
            actuals=values,
            submitted_at=now,
            submitted_by=applicant,
        )
        await record_event(application=application, actor=applicant, kind=f"REPORT_SUBMITTED:{kind.value}")
        await audit.record(
            actor=applicant,
            action="report.submit",
            entity_type="ProjectReport",
            entity_id=report.id,
            changes={"kind": kind.value},
        )
    return report


async def decide_report(
    *,
    actor: User | None,
    report_id: int,
    accept: bool,
    message: str | None,
    now: datetime,
    public_url: str,
) -> ProjectReport:
    """Staff accept a report, or send it back with a message saying what is missing."""
    report = await ProjectReport.get_or_none(id=report_id)
    application = await require_visible(actor, report.application_id if report else 0)
    staff = require_role(actor, *CARETAKERS)
    assert report is not None
    if report.status is not ReportStatus.SUBMITTED:
        raise DomainError.single(
            ErrorCode.INVALID_TRANSITION,
            "The report is {status} already",
            ("id",),
            status=report.status.value,
        )
    if not accept and clean_text(message) is None:
        raise DomainError.single(ErrorCode.INVALID, "Tell the applicant what is missing", ("message",))
    status = ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED
    async with atomic(FINAL_ACCEPTED):
        changed = await ProjectReport.filter(id=report.id, status=ReportStatus.SUBMITTED).update(
            status=status, decided_at=now, decided_by=staff, message=clean_text(message)
        )
        if changed != 1:
            raise DomainError.single(ErrorCode.CONFLICT, "The report was decided meanwhile", ("id",))
        await record_event(
            application=application,
            actor=staff,
            kind=f"REPORT_{status.value}:{report.kind.value}",
            message=message,
        )
        told = "REPORT_ACCEPTED" if accept else "REPORT_RETURNED"
        await tell_applicant(
            application=application, kind=told, message=message, now=now, public_url=public_url
        )
        await audit.record(
            actor=staff,
            action=f"report.{status.value.lower()}",
            entity_type="ProjectReport",
            entity_id=report.id,
            changes={"kind": report.kind.value},
        )
    return await ProjectReport.get(id=report.id)


async def close_application(
    *, actor: User | None, application_id: int, message: str | None, now: datetime, public_url: str
) -> Application:
    """Staff close a funded project once its final report is accepted."""
    application = await require_visible(actor, application_id)
    staff = require_role(actor, *CARETAKERS)
    _approved(application)
    if not await final_accepted(application.id):
        raise DomainError.single(
            ErrorCode.INVALID_TRANSITION, "A project closes after its final report is accepted"
        )
    async with atomic():
        closed = await move(application, Action.CLOSE, actor=staff, now=now, message=message)
        await tell_applicant(
            application=closed, kind="CLOSED", message=message, now=now, public_url=public_url
        )
    return closed


def actuals_of(report: ProjectReport) -> list[tuple[str, int]]:
    """The (indicator code, value) pairs of a report."""
    items: list[dict[str, Any]] = report.actuals
    return [(item["indicator"], item["value"]) for item in items]
