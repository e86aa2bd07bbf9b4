"""Each workflow step writes its mail kind to the right people, each in their own language."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from grants.aftercare import close_application, decide_report, submit_report
from grants.applications import create_application
from grants.decision import Decision, decide_application
from grants.models import OutboxMessage, Recommendation, ReportKind, Role, User
from grants.payments import mark_tranche_paid
from grants.review import request_changes, start_review, submit_review
from grants.submission import submit_application
from tests import factories
from tests.factories import NOW, PUBLIC_URL, application_values

ACTUALS = [("PARTICIPANTS", 64), ("LANGUAGE_COURSE_PLACES", 48)]
FR, IT, EN = "lea@verein-a.example.org", "marco@verein-a.example.org", "sam@verein-a.example.org"
REVIEWER, APPROVER = "rita@fibl.example.org", "anna@fibl.example.org"


async def people() -> dict[str, User]:
    await factories.organisation("verein-a")
    await factories.bank_account("verein-a")
    who = {
        "fr": await factories.user(Role.APPLICANT, email=FR, organisation="verein-a", language="fr"),
        "it": await factories.user(Role.APPLICANT, email=IT, organisation="verein-a", language="it"),
        "reviewer": await factories.user(Role.REVIEWER, email=REVIEWER, language="en"),
        "approver": await factories.user(Role.APPROVER, email=APPROVER),
    }
    gone = await factories.user(Role.APPLICANT, email=EN, organisation="verein-a", language="en")
    gone.is_active = False
    await gone.save(update_fields=["is_active"])
    return who


async def written_since(first_id: int) -> list[tuple[str, str, str]]:
    return [
        (m.kind, m.recipient, m.language) for m in await OutboxMessage.filter(id__gt=first_id).order_by("id")
    ]


async def last_id() -> int:
    newest = await OutboxMessage.all().order_by("-id").first()
    return newest.id if newest else 0


def members(kind: str) -> list[tuple[str, str, str]]:
    return [(kind, FR, "fr"), (kind, IT, "it")]


async def test_every_step_tells_the_active_members_and_staff_in_their_languages(seeded_db):
    # given a call, a French and an Italian member (an English one deactivated) and staff
    funding_call = await factories.call()
    who = await people()
    draft = await create_application(actor=who["fr"], values=application_values(funding_call), now=NOW)
    step: dict[str, Any] = {"application_id": draft.id, "now": NOW, "public_url": PUBLIC_URL}

    # when it is submitted, sent back, resubmitted and taken into review
    mark = await last_id()
    await submit_application(actor=who["fr"], message=None, **step)
    assert await written_since(mark) == [
        *members("RECEIVED"),
        ("SUBMITTED", APPROVER, "de"),
        ("SUBMITTED", REVIEWER, "en"),
    ]
    mark = await last_id()
    await start_review(actor=who["reviewer"], message=None, **step)
    await request_changes(actor=who["reviewer"], message="Budget?", **step)
    await submit_application(actor=who["it"], message=None, **step)
    await start_review(actor=who["reviewer"], message=None, **step)
    assert await written_since(mark) == [
        *members("REVIEW_STARTED"),
        *members("CHANGES_REQUESTED"),
        *members("RECEIVED"),
        ("RESUBMITTED", APPROVER, "de"),
        ("RESUBMITTED", REVIEWER, "en"),
        *members("REVIEW_STARTED"),
    ]

    # when it is approved, paid, reported on (returned, accepted) and closed
    await submit_review(
        actor=who["reviewer"],
        application_id=draft.id,
        scores=[("RELEVANCE", 4), ("FEASIBILITY", 3)],
        recommendation=Recommendation.APPROVE,
        comment=None,
        now=NOW,
    )
    mark = await last_id()
    await decide_application(
        actor=who["approver"],
        decision=Decision.APPROVE,
        amount=(Decimal("35000.00"), "CHF"),
        conditions=None,
        message="Bravo",
        **step,
        store=None,
    )
    await mark_tranche_paid(actor=who["approver"], position=0, paid_on=date(2026, 8, 3), **step)
    report: dict[str, Any] = {
        "application_id": draft.id,
        "kind": ReportKind.FINAL,
        "actuals": ACTUALS,
        "now": NOW,
    }
    first = await submit_report(actor=who["fr"], narrative="Fertig", **report)
    decided: dict[str, Any] = {"now": NOW, "public_url": PUBLIC_URL}
    await decide_report(actor=who["approver"], report_id=first.id, accept=False, message="Zahlen?", **decided)
    second = await submit_report(actor=who["fr"], narrative="Mit Zahlen", **report)
    await decide_report(actor=who["approver"], report_id=second.id, accept=True, message=None, **decided)
    await mark_tranche_paid(actor=who["approver"], position=1, paid_on=date(2027, 9, 1), **step)
    await close_application(actor=who["approver"], message=None, **step)
    assert await written_since(mark) == [
        *members("APPROVED"),
        *members("TRANCHE_PAID"),
        *members("REPORT_RETURNED"),
        *members("REPORT_ACCEPTED"),
        *members("TRANCHE_PAID"),
        *members("CLOSED"),
    ]

    # then each mail is in its reader's language, with the absolute link and the step's facts
    approved = await OutboxMessage.get(kind="APPROVED", recipient=IT)
    assert approved.subject == "Decisione sulla sua domanda KIP-2026-0001: approvata"
    assert "Contributo: CHF 35000.00." in approved.body
    assert "Comunicazione del servizio:\nBravo\n" in approved.body
    assert f"{PUBLIC_URL}/applications/KIP-2026-0001\n" in approved.body
    assert approved.html_body is not None
    assert f'<a href="{PUBLIC_URL}/applications/KIP-2026-0001">' in approved.html_body
    paid = await OutboxMessage.filter(kind="TRANCHE_PAID", recipient=FR).order_by("id")
    assert [line for m in paid for line in m.body.splitlines() if "CHF" in line] == [
        "Une tranche a été versée pour le projet KIP-2026-0001 « Deutsch im Quartier » : "
        "CHF 28000.00 le 03.08.2026.",
        "Une tranche a été versée pour le projet KIP-2026-0001 « Deutsch im Quartier » : "
        "CHF 7000.00 le 01.09.2027.",
    ]
    staff = await OutboxMessage.get(kind="SUBMITTED", recipient=REVIEWER)
    assert staff.subject == "New application KIP-2026-0001"
    assert f"{PUBLIC_URL}/staff/applications/KIP-2026-0001\n" in staff.body
    assert await OutboxMessage.filter(recipient=EN).count() == 0


async def test_a_rejection_quotes_the_reason_in_the_members_language(seeded_db):
    # given an application in review
    funding_call = await factories.call()
    who = await people()
    draft = await create_application(actor=who["it"], values=application_values(funding_call), now=NOW)
    step: dict[str, Any] = {"application_id": draft.id, "now": NOW, "public_url": PUBLIC_URL}
    await submit_application(actor=who["it"], message=None, **step)
    await start_review(actor=who["reviewer"], message=None, **step)
    await submit_review(
        actor=who["reviewer"],
        application_id=draft.id,
        scores=[("RELEVANCE", 1), ("FEASIBILITY", 1)],
        recommendation=Recommendation.REJECT,
        comment=None,
        now=NOW,
    )
    mark = await last_id()
    # when the approver rejects it
    await decide_application(
        actor=who["approver"],
        decision=Decision.REJECT,
        amount=None,
        conditions=None,
        message="Hors du domaine",
        **step,
        store=None,
    )
    # then both members are told, each in their language, with the reason
    assert await written_since(mark) == members("REJECTED")
    rejected = await OutboxMessage.get(kind="REJECTED", recipient=FR)
    assert rejected.subject == "Décision concernant votre demande KIP-2026-0001 : refusée"
    assert "Motifs :\nHors du domaine\n" in rejected.body
