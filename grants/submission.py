"""The applicant's moves: submitting (with the complete check) and withdrawing."""

from __future__ import annotations

from datetime import datetime

from grants.application_rules import ApplicationFacts, CallFacts, submission_problems
from grants.applications import require_visible
from grants.atomic import atomic
from grants.errors import raise_if_any
from grants.models import Application, ApplicationStatus, BudgetLine, FundingCall, User
from grants.moves import move
from grants.notifications import tell_applicant, tell_staff
from grants.permissions import require_role
from grants.workflow import ACTORS, Action, next_status


async def facts_of(application: Application) -> tuple[ApplicationFacts, CallFacts]:
    """The plain facts the submission rules judge, read from the database."""
    call = await FundingCall.get(id=application.call_id).prefetch_related("programme", "funding_areas")
    lines = await BudgetLine.filter(application_id=application.id).order_by("position")
    places = await application.municipalities.all().order_by("slug")
    area = await application.funding_area
    return (
        ApplicationFacts(
            title=application.title,
            funding_area_code=area.code,
            project_start=application.project_start,
            project_end=application.project_end,
            budget_line_amounts=[line.amount for line in lines],
            budget_line_descriptions=[line.description for line in lines],
            own_contribution=application.own_contribution,
            third_party_funding=application.third_party_funding,
            requested_amount=application.requested_amount,
            languages=application.languages,
            municipality_kinds=[(place.slug, place.kind.value) for place in places],
            first_submission=application.status is ApplicationStatus.DRAFT,
        ),
        CallFacts(
            opens_at=call.opens_at,
            closes_at=call.closes_at,
            funding_area_codes=frozenset(area.code for area in call.funding_areas),
            max_amount=call.max_amount_per_application,
            programme_start_year=call.programme.start_year,
            programme_end_year=call.programme.end_year,
        ),
    )


async def _applicant_move(
    actor: User | None,
    application_id: int,
    action: Action,
    message: str | None,
    now: datetime,
    public_url: str,
) -> Application:
    application = await require_visible(actor, application_id)
    applicant = require_role(actor, *ACTORS[action])
    next_status(application.status, action)  # refuse moves outside the table before checking more
    if action is Action.SUBMIT:
        app_facts, call_facts = await facts_of(application)
        raise_if_any(submission_problems(app_facts, call_facts, now))
    async with atomic():
        was = application.status
        moved = await move(
            application,
            action,
            actor=applicant,
            now=now,
            message=message,
            also={"submitted_at": now} if action is Action.SUBMIT else None,
        )
        if action is Action.SUBMIT:
            await tell_applicant(
                application=moved, kind="RECEIVED", message=None, now=now, public_url=public_url
            )
            resubmitted = was is ApplicationStatus.CHANGES_REQUESTED
            await tell_staff(
                application=moved,
                kind="RESUBMITTED" if resubmitted else "SUBMITTED",
                now=now,
                public_url=public_url,
            )
    return moved


async def submit_application(
    *, actor: User | None, application_id: int, message: str | None, now: datetime, public_url: str
) -> Application:
    """Submit a draft (while the call is open) or resubmit after a change request (any time)."""
    return await _applicant_move(actor, application_id, Action.SUBMIT, message, now, public_url)


async def withdraw_application(
    *, actor: User | None, application_id: int, message: str | None, now: datetime, public_url: str
) -> Application:
    """Withdraw a draft or an application sent back for changes (nobody is told: nothing to link to)."""
    return await _applicant_move(actor, application_id, Action.WITHDRAW, message, now, public_url)
