"""Concurrent approvals can never over-commit a call, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from grants.applications import create_application
from grants.decision import Decision, decide_application
from grants.errors import DomainError, ErrorCode
from grants.models import Application, ApplicationStatus, Award, FundingCall, Recommendation, Role
from grants.review import start_review, submit_review
from grants.submission import submit_application
from tests import factories
from tests.factories import NOW, PUBLIC_URL, application_values

APPLICATIONS = 24
AWARD = Decimal("10000.00")
BUDGET = "100000.00"  # fits exactly 10 awards


async def test_24_simultaneous_approvals_commit_exactly_what_the_budget_holds(seeded_db):
    # given: 24 applications in review, each reviewed once, under a call that can fund 10 of them
    funding_call = await factories.call(budget=BUDGET)
    await factories.organisation("verein-a")
    applicant = await factories.user(Role.APPLICANT, email="a@example.org", organisation="verein-a")
    reviewer = await factories.user(Role.REVIEWER)
    approver = await factories.user(Role.APPROVER)
    ids = []
    for _ in range(APPLICATIONS):
        draft = await create_application(actor=applicant, values=application_values(funding_call), now=NOW)
        await submit_application(
            actor=applicant, application_id=draft.id, message=None, now=NOW, public_url=PUBLIC_URL
        )
        await start_review(
            actor=reviewer, application_id=draft.id, message=None, now=NOW, public_url=PUBLIC_URL
        )
        await submit_review(
            actor=reviewer,
            application_id=draft.id,
            scores=[("RELEVANCE", 4), ("FEASIBILITY", 4)],
            recommendation=Recommendation.APPROVE,
            comment=None,
            now=NOW,
        )
        ids.append(draft.id)

    # when: all are approved at once
    async def approve(application_id: int) -> str:
        try:
            await decide_application(
                actor=approver,
                application_id=application_id,
                decision=Decision.APPROVE,
                amount=(AWARD, "CHF"),
                conditions=None,
                message=None,
                now=NOW,
                public_url=PUBLIC_URL,
                store=None,
            )
        except DomainError as error:
            return error.code.value
        return "APPROVED"

    outcomes = await asyncio.gather(*(approve(application_id) for application_id in ids))

    # then: exactly 10 approvals, the rest refused for the budget, and the ledger adds up
    assert sorted(outcomes).count("APPROVED") == 10
    assert sorted(outcomes).count(ErrorCode.BUDGET_EXCEEDED.value) == APPLICATIONS - 10
    call_now = await FundingCall.get(id=funding_call.id)
    assert call_now.committed == Decimal(BUDGET)
    assert await Award.all().count() == 10
    assert sum(award.amount for award in await Award.all()) == call_now.committed
    statuses = [a.status for a in await Application.filter(id__in=ids)]
    assert statuses.count(ApplicationStatus.APPROVED) == 10
    assert statuses.count(ApplicationStatus.IN_REVIEW) == APPLICATIONS - 10
