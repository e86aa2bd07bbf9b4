"""The grant workflow against a real database: drafting, submitting, reviewing, four-eyes decisions."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from grants.applications import create_application, find, update_application
from grants.decision import Decision, decide_application
from grants.errors import DomainError, ErrorCode
from grants.models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    AuditRecord,
    Award,
    FundingCall,
    PaymentTranche,
    Recommendation,
    Role,
    User,
)
from grants.review import request_changes, start_review, submit_review
from grants.submission import submit_application, withdraw_application
from tests import factories
from tests.factories import NOW, PUBLIC_URL, application_values

SCORES = [("RELEVANCE", 5), ("FEASIBILITY", 2)]


async def people() -> dict[str, User]:
    await factories.organisation("verein-a")
    await factories.organisation("verein-b")
    return {
        "a": await factories.user(Role.APPLICANT, email="a@example.org", organisation="verein-a"),
        "b": await factories.user(Role.APPLICANT, email="b@example.org", organisation="verein-b"),
        "reviewer": await factories.user(Role.REVIEWER),
        "approver": await factories.user(Role.APPROVER),
        "approver2": await factories.user(Role.APPROVER, email="approver2@example.org"),
    }


async def codes(action: Awaitable[object]) -> list[tuple[ErrorCode, tuple[str, ...]]]:
    with pytest.raises(DomainError) as caught:
        await action
    return [(p.code, p.field) for p in caught.value.problems]


async def in_review(who: dict[str, User], funding_call: FundingCall) -> Application:
    draft = await create_application(actor=who["a"], values=application_values(funding_call), now=NOW)
    await submit_application(
        actor=who["a"], application_id=draft.id, message=None, now=NOW, public_url=PUBLIC_URL
    )
    return await start_review(
        actor=who["reviewer"], application_id=draft.id, message=None, now=NOW, public_url=PUBLIC_URL
    )


async def test_a_draft_may_be_incomplete_but_submission_checks_everything(seeded_db):
    who = await people()
    funding_call = await factories.call()
    # given: an inconsistent draft is saved
    draft = await create_application(
        actor=who["a"],
        values=application_values(
            funding_call, requested_amount=(Decimal("99999.00"), "CHF"), budget_lines=[], languages=["xx"]
        ),
        now=NOW,
    )
    assert (draft.status, draft.version, draft.reference) == (ApplicationStatus.DRAFT, 1, "KIP-2026-0001")
    # when it is submitted, every problem comes back and nothing moves
    problems = await codes(
        submit_application(
            actor=who["a"], application_id=draft.id, message=None, now=NOW, public_url=PUBLIC_URL
        )
    )
    assert problems == [
        (ErrorCode.INVALID, ("budget_lines",)),
        (ErrorCode.INVALID, ("requested_amount", "amount")),
        (ErrorCode.INVALID, ("requested_amount", "amount")),
        (ErrorCode.INVALID, ("languages", "0")),
    ]
    assert (await Application.get(id=draft.id)).status is ApplicationStatus.DRAFT
    # then fixed with the version seen, it goes through
    fixed = await update_application(
        actor=who["a"], application_id=draft.id, version=1, values=application_values(funding_call), now=NOW
    )
    assert fixed.version == 2
    submitted = await submit_application(
        actor=who["a"], application_id=draft.id, message=None, now=NOW, public_url=PUBLIC_URL
    )
    assert (submitted.status, submitted.version, submitted.submitted_at) == (
        ApplicationStatus.SUBMITTED,
        3,
        NOW,
    )


async def test_malformed_values_are_refused_even_in_a_draft(seeded_db):
    who = await people()
    funding_call = await factories.call()
    values = application_values(
        funding_call,
        call=999999,
        own_contribution=(Decimal("-1.00"), "CHF"),
        requested_amount=(Decimal("1.001"), "EUR"),
        municipalities=["atlantis"],
    )
    assert await codes(create_application(actor=who["a"], values=values, now=NOW)) == [
        (ErrorCode.NOT_FOUND, ("call",)),
        (ErrorCode.INVALID, ("own_contribution", "amount")),
        (ErrorCode.INVALID, ("requested_amount", "currency")),
        (ErrorCode.INVALID, ("requested_amount", "amount")),
        (ErrorCode.NOT_FOUND, ("municipalities", "0")),
    ]
    assert await Application.all().count() == 0


async def test_another_organisation_cannot_see_or_change_it_and_stale_versions_conflict(seeded_db):
    who = await people()
    funding_call = await factories.call()
    draft = await create_application(actor=who["a"], values=application_values(funding_call), now=NOW)
    assert await find(who["b"], pk=draft.id) is None
    assert await find(who["reviewer"], pk=draft.id) is None  # staff do not see drafts
    assert await find(None, reference=draft.reference) is None
    assert await codes(
        update_application(actor=who["b"], application_id=draft.id, version=1, values={"title": "x"}, now=NOW)
    ) == [(ErrorCode.NOT_FOUND, ("id",))]
    await update_application(
        actor=who["a"], application_id=draft.id, version=1, values={"title": "Neu"}, now=NOW
    )
    assert await codes(
        update_application(
            actor=who["a"], application_id=draft.id, version=1, values={"title": "Alt"}, now=NOW
        )
    ) == [(ErrorCode.CONFLICT, ("version",))]
    stored = await Application.get(id=draft.id)
    assert (stored.title, stored.version) == ("Neu", 2)


async def test_first_submission_after_the_deadline_is_refused_but_resubmission_is_not(seeded_db):
    who = await people()
    funding_call = await factories.call()
    late = funding_call.closes_at + timedelta(days=1)
    draft = await create_application(actor=who["a"], values=application_values(funding_call), now=NOW)
    assert await codes(
        submit_application(
            actor=who["a"], application_id=draft.id, message=None, now=late, public_url=PUBLIC_URL
        )
    ) == [(ErrorCode.DEADLINE_PASSED, ("call",))]
    await submit_application(
        actor=who["a"], application_id=draft.id, message=None, now=NOW, public_url=PUBLIC_URL
    )
    await request_changes(
        actor=who["reviewer"],
        application_id=draft.id,
        message="Bitte Budget präzisieren",
        now=NOW,
        public_url=PUBLIC_URL,
    )
    again = await submit_application(
        actor=who["a"], application_id=draft.id, message="Präzisiert", now=late, public_url=PUBLIC_URL
    )
    assert again.status is ApplicationStatus.SUBMITTED


async def test_four_eyes_budget_and_tranches(seeded_db):
    who = await people()
    funding_call = await factories.call()
    application = await in_review(who, funding_call)
    # a reviewer scores; reviewers cannot decide; an approver who reviewed cannot decide
    review = await submit_review(
        actor=who["reviewer"],
        application_id=application.id,
        scores=SCORES,
        recommendation=Recommendation.APPROVE,
        comment="gut",
        now=NOW,
    )
    assert review.weighted_score == Decimal("4.000")
    await submit_review(
        actor=who["approver"],
        application_id=application.id,
        scores=SCORES,
        recommendation=Recommendation.APPROVE,
        comment=None,
        now=NOW,
    )
    approve: dict[str, Any] = {
        "decision": Decision.APPROVE,
        "amount": (Decimal("30000.00"), "CHF"),
        "conditions": None,
        "message": None,
        "now": NOW,
    }
    assert await codes(
        decide_application(
            actor=who["reviewer"],
            application_id=application.id,
            **approve,
            public_url=PUBLIC_URL,
            store=None,
        )
    ) == [(ErrorCode.FORBIDDEN, ())]
    assert await codes(
        decide_application(
            actor=who["approver"],
            application_id=application.id,
            **approve,
            public_url=PUBLIC_URL,
            store=None,
        )
    ) == [(ErrorCode.FORBIDDEN, ())]
    too_much: dict[str, Any] = approve | {"amount": (Decimal("35000.01"), "CHF")}
    assert await codes(
        decide_application(
            actor=who["approver2"],
            application_id=application.id,
            **too_much,
            public_url=PUBLIC_URL,
            store=None,
        )
    ) == [(ErrorCode.INVALID, ("amount", "amount"))]
    assert (await FundingCall.get(id=funding_call.id)).committed == Decimal("0.00")
    # another approver approves within budget
    approved = await decide_application(
        actor=who["approver2"],
        application_id=application.id,
        **approve,
        public_url=PUBLIC_URL,
        store=None,
    )
    assert approved.status is ApplicationStatus.APPROVED
    assert (await FundingCall.get(id=funding_call.id)).committed == Decimal("30000.00")
    award = await Award.get(application_id=application.id)
    tranches = await PaymentTranche.filter(award_id=award.id).order_by("position")
    assert [(t.amount, t.due, t.due_on.isoformat()) for t in tranches] == [
        (Decimal("24000.00"), "PROJECT_START", "2026-08-01"),
        (Decimal("6000.00"), "FINAL_REPORT", "2027-07-31"),
    ]
    kinds = [e.kind for e in await ApplicationEvent.filter(application_id=application.id).order_by("id")]
    assert kinds == [
        "CREATED",
        "TRANSITION:SUBMIT",
        "TRANSITION:START_REVIEW",
        "REVIEW_SUBMITTED",
        "REVIEW_SUBMITTED",
        "TRANSITION:APPROVE",
        "AWARD",
    ]


async def test_rejection_needs_a_message_and_withdrawn_applications_stay_withdrawn(seeded_db):
    who = await people()
    funding_call = await factories.call()
    application = await in_review(who, funding_call)
    await submit_review(
        actor=who["reviewer"],
        application_id=application.id,
        scores=SCORES,
        recommendation=Recommendation.REJECT,
        comment=None,
        now=NOW,
    )
    reject: dict[str, Any] = {"decision": Decision.REJECT, "amount": None, "conditions": None, "now": NOW}
    assert await codes(
        decide_application(
            actor=who["approver"],
            application_id=application.id,
            message=" ",
            **reject,
            public_url=PUBLIC_URL,
            store=None,
        )
    ) == [(ErrorCode.INVALID, ("message",))]
    rejected = await decide_application(
        actor=who["approver"],
        application_id=application.id,
        message="Nicht im Förderbereich",
        **reject,
        public_url=PUBLIC_URL,
        store=None,
    )
    assert rejected.status is ApplicationStatus.REJECTED
    draft = await create_application(actor=who["a"], values=application_values(funding_call), now=NOW)
    await withdraw_application(
        actor=who["a"], application_id=draft.id, message=None, now=NOW, public_url=PUBLIC_URL
    )
    assert await codes(
        submit_application(
            actor=who["a"], application_id=draft.id, message=None, now=NOW, public_url=PUBLIC_URL
        )
    ) == [(ErrorCode.INVALID_TRANSITION, ())]


async def test_every_move_writes_one_audit_record_with_its_actor(seeded_db):
    who = await people()
    funding_call = await factories.call()
    application = await in_review(who, funding_call)
    records = await AuditRecord.filter(entity_type="Application", entity_id=application.id).order_by("id")
    assert [(r.action, r.actor_id, r.changes.get("to")) for r in records] == [
        ("application.create", who["a"].id, None),
        ("application.submit", who["a"].id, "SUBMITTED"),
        ("application.start_review", who["reviewer"].id, "IN_REVIEW"),
    ]
