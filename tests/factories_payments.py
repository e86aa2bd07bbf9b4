"""An approved project whose tranches wait to be paid: the starting point of the payment tests."""

from __future__ import annotations

from decimal import Decimal

from grants.applications import create_application
from grants.decision import Decision, decide_application
from grants.models import Application, Recommendation, Role, User
from grants.review import start_review, submit_review
from grants.submission import submit_application
from tests import factories
from tests.factories import NOW, PUBLIC_URL, application_values


async def people(slug: str = "verein-a") -> dict[str, User]:
    """The organisation `slug` with two active members (de, fr) and a former one, and the staff."""
    await factories.organisation(slug, name="Verein A")
    former = await factories.user(Role.APPLICANT, email=f"former@{slug}.example", organisation=slug)
    former.is_active = False
    await former.save(update_fields=["is_active"])
    return {
        "a": await factories.user(Role.APPLICANT, email=f"a@{slug}.example", organisation=slug),
        "b": await factories.user(
            Role.APPLICANT, email=f"b@{slug}.example", organisation=slug, language="fr"
        ),
        "former": former,
        "reviewer": await factories.user(Role.REVIEWER, email="reviewer@canton.example"),
        "approver": await factories.user(Role.APPROVER, email="approver@canton.example"),
        "admin": await factories.user(Role.ADMIN, email="admin@canton.example"),
    }


async def approved(who: dict[str, User]) -> Application:
    """An application of `who["a"]`'s organisation approved with CHF 35,000: tranche 0 (28,000.00) due
    at the project start 2026-08-01, tranche 1 (7,000.00) at its end 2027-07-31 (final report)."""
    funding_call = await factories.call()
    draft = await create_application(actor=who["a"], values=application_values(funding_call), now=NOW)
    await submit_application(
        actor=who["a"], application_id=draft.id, message=None, now=NOW, public_url=PUBLIC_URL
    )
    await start_review(
        actor=who["reviewer"], application_id=draft.id, message=None, now=NOW, public_url=PUBLIC_URL
    )
    await submit_review(
        actor=who["reviewer"],
        application_id=draft.id,
        scores=[("RELEVANCE", 4), ("FEASIBILITY", 3)],
        recommendation=Recommendation.APPROVE,
        comment=None,
        now=NOW,
    )
    return await decide_application(
        actor=who["approver"],
        application_id=draft.id,
        decision=Decision.APPROVE,
        amount=(Decimal("35000.00"), "CHF"),
        conditions=None,
        message=None,
        now=NOW,
        store=None,
        public_url=PUBLIC_URL,
    )
