"""The decision letter read from the database after a real decision, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from grants.atomic import atomic
from grants.decision import Decision, decide_application
from grants.directory.editing import save_organisation
from grants.letters import (
    DecisionLetter,
    Outcome,
    Party,
    Tranche,
    decision_letter_pdf,
    gather_decision_letter,
)
from grants.models import Application, Organisation, Recommendation, Role, User
from grants.review import submit_review
from grants.storage import BlobStore
from tests import factories
from tests.factories import NOW, PUBLIC_URL
from tests.grants.test_grant_workflow import in_review
from tests.grants.test_letters import read_back

pytestmark = pytest.mark.postgres

#: Reading a letter takes these many statements, whatever the number of tranches.
STATEMENTS = 5


async def decided(
    *, approve: bool, language: str = "fr", store: BlobStore | None = None
) -> tuple[Application, dict[str, User]]:
    """An application of verein-a (Rue du Marché 3, 4410 Liestal; writing in `language`), reviewed
    and then decided by Dr. Anna Müller-Ćosić through the domain."""
    await factories.organisation(
        "verein-a",
        name="Verein Œuvre",
        street="Rue du Marché 3",
        postal_code="4410",
        locality="Liestal",
        correspondence_language=language,
    )
    who = {
        "a": await factories.user(Role.APPLICANT, email="a@example.org", organisation="verein-a"),
        "reviewer": await factories.user(Role.REVIEWER),
        "approver": await factories.user(Role.APPROVER, email="anna@example.org"),
    }
    who["approver"].display_name = "Dr. Anna Müller-Ćosić"
    await who["approver"].save(update_fields=["display_name"])
    funding_call = await factories.call()
    application = await in_review(who, funding_call)
    await submit_review(
        actor=who["reviewer"],
        application_id=application.id,
        scores=[("RELEVANCE", 5), ("FEASIBILITY", 4)],
        recommendation=Recommendation.APPROVE,
        comment=None,
        now=NOW,
    )
    values: dict[str, Any] = (
        {"decision": Decision.APPROVE, "amount": (Decimal("12500.00"), "CHF"), "message": None}
        if approve
        else {"decision": Decision.REJECT, "amount": None, "message": "Hors du domaine d'encouragement"}
    )
    await decide_application(
        actor=who["approver"],
        application_id=application.id,
        conditions="Rapport final trois mois après la fin du projet" if approve else None,
        now=NOW,
        public_url=PUBLIC_URL,
        **values,
        store=store,
    )
    return application, who


async def test_an_approval_is_read_in_the_applicants_language_in_a_fixed_number_of_statements(
    seeded_db, sql_statements
):
    # given a decided approval of a French-writing organisation
    application, _ = await decided(approve=True)
    sql_statements.statements.clear()
    # when its letter is gathered
    letter = await gather_decision_letter(application_id=application.id)
    # then everything printed comes from the directory, the application and the award
    assert len(sql_statements.statements) == STATEMENTS
    assert letter == DecisionLetter(
        language="fr",
        sender=Party("Service de l'intégration de Bâle-Campagne", "Amtshausgasse 7", "4410", "Liestal"),
        recipient=Party("Verein Œuvre", "Rue du Marché 3", "4410", "Liestal"),
        place="Liestal",
        date=date(2026, 5, 1),
        decided_at=NOW,
        reference=application.reference,
        title="Deutsch im Quartier",
        outcome=Outcome.APPROVED,
        approver="Dr. Anna Müller-Ćosić",
        amount=Decimal("12500.00"),
        conditions="Rapport final trois mois après la fin du projet",
        tranches=(
            Tranche(1, Decimal("10000.00"), date(2026, 8, 1)),
            Tranche(2, Decimal("2500.00"), date(2027, 7, 31)),
        ),
        reasons=None,
    )


async def test_a_rejection_carries_the_approvers_message_as_reasons(seeded_db, sql_statements):
    # given
    application, _ = await decided(approve=False, language="de")
    sql_statements.statements.clear()
    # when
    letter = await gather_decision_letter(application_id=application.id)
    # then
    assert len(sql_statements.statements) == STATEMENTS
    assert (letter.language, letter.outcome, letter.reasons, letter.amount, letter.tranches) == (
        "de",
        Outcome.REJECTED,
        "Hors du domaine d'encouragement",
        None,
        (),
    )
    assert letter.sender.lines() == (
        "Fachbereich Integration Basel-Landschaft",
        "Amtshausgasse 7",
        "4410 Liestal",
    )
    assert letter.approver == "Dr. Anna Müller-Ćosić"


async def test_the_pdf_is_made_inside_the_deciding_transaction_too(seeded_db):
    # given
    application, _ = await decided(approve=True)
    # when the letter is drawn inside a transaction (as decide_application will) and outside it
    async with atomic():
        inside = await decision_letter_pdf(application_id=application.id)
    outside = await decision_letter_pdf(application_id=application.id)
    # then both are the same letter, byte for byte, in French
    assert inside == outside
    text, _ = read_back(inside)
    assert "Service de l'intégration de Bâle-Campagne Amtshausgasse 7 4410 Liestal" in text
    assert f"Référence : {application.reference}" in text
    assert "La demande est acceptée. Contribution : 12\u202f500,00 CHF." in text
    assert "1 août 2026" in text
    assert "31 juillet 2027" in text


async def test_the_letter_follows_a_change_of_correspondence_language(seeded_db):
    application, _ = await decided(approve=True)
    organisation = await Organisation.get(slug="verein-a")
    await save_organisation(
        actor=None, values={"correspondence_language": "it"}, organisation_id=organisation.id
    )
    letter = await gather_decision_letter(application_id=application.id)
    assert (letter.language, letter.sender.name) == ("it", "Servizio integrazione di Basilea Campagna")


async def test_an_undecided_application_has_no_letter(seeded_db):
    await factories.organisation("verein-a")
    who = {
        "a": await factories.user(Role.APPLICANT, email="a@example.org", organisation="verein-a"),
        "reviewer": await factories.user(Role.REVIEWER),
    }
    application = await in_review(who, await factories.call())
    with pytest.raises(LookupError):
        await gather_decision_letter(application_id=application.id)
