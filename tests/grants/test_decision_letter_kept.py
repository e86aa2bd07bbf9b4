"""A decision keeps its letter: the PDF is a document of the application, written in the deciding
transaction (so no decision exists without it), and the decision mail links to it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from grants.decision import Decision, decide_application
from grants.errors import DomainError
from grants.models import (
    Application,
    ApplicationStatus,
    AuditRecord,
    Award,
    Document,
    DocumentKind,
    FundingCall,
    OutboxMessage,
)
from grants.storage.local import LocalStore
from tests.factories import NOW, PUBLIC_URL
from tests.grants.test_letter_gather import decided
from tests.grants.test_letters import read_back

pytestmark = pytest.mark.postgres


async def stored(store: LocalStore, digest: str) -> bytes:
    """The blob's bytes as the store gives them."""
    return b"".join([chunk async for chunk in store.read(digest)])


class BrokenStore(LocalStore):
    """A store whose disk is full: every put fails."""

    async def put(self, digest: str, source: Path, *, content_type: str) -> None:
        raise OSError(28, "No space left on device")


async def test_an_approval_keeps_its_letter_in_the_organisations_language_and_mails_its_link(
    seeded_db, tmp_path
):
    # given a store, when an approver approves an application of a French-writing organisation
    store = LocalStore(tmp_path / "documents")
    application, who = await decided(approve=True, language="fr", store=store)
    # then the letter is the application's DECISION_LETTER document, named in French, a PDF
    letter = await Document.get(application_id=application.id, kind=DocumentKind.DECISION_LETTER)
    assert letter.filename == f"Décision {application.reference}.pdf"
    assert letter.content_type == "application/pdf"
    assert letter.uploaded_by_id == who["approver"].id
    assert letter.uploaded_at == NOW
    pdf = await stored(store, letter.sha256)
    assert len(pdf) == letter.size
    text, _ = read_back(pdf)
    assert f"Référence : {application.reference}" in text
    assert "12\u202f500,00 CHF" in text  # Babel's narrow no-break space groups thousands in fr_CH
    # and it is audited as generated, not as an upload
    record = await AuditRecord.get(entity_type="Document", entity_id=letter.id)
    assert (record.action, record.actor_id) == ("document.generate", who["approver"].id)
    # and the applicant's mail (in the member's own language, German here) links to the letter page
    mail = await OutboxMessage.get(kind="APPROVED", recipient="a@example.org")
    link = f"{PUBLIC_URL}/applications/{application.reference}/letter"
    assert f"Die Verfügung (PDF): {link}" in mail.body
    assert f'href="{link}"' in (mail.html_body or "")


async def test_a_rejection_keeps_its_letter_with_the_reasons(seeded_db, tmp_path):
    store = LocalStore(tmp_path / "documents")
    application, _ = await decided(approve=False, language="de", store=store)
    letter = await Document.get(application_id=application.id, kind=DocumentKind.DECISION_LETTER)
    assert letter.filename == f"Verfügung {application.reference}.pdf"
    text, _ = read_back(await stored(store, letter.sha256))
    assert "Hors du domaine d'encouragement" in text
    mail = await OutboxMessage.get(kind="REJECTED", recipient="a@example.org")
    assert f"Die Verfügung (PDF): {PUBLIC_URL}/applications/{application.reference}/letter" in mail.body


async def test_a_letter_that_cannot_be_stored_undoes_the_decision(seeded_db, tmp_path):
    # given an application in review and a store that refuses every file
    with pytest.raises(OSError, match="No space left"):
        await decided(approve=True, store=BrokenStore(tmp_path / "documents"))
    # then nothing of the decision remains: still in review, no award, no letter, no mail, no budget used
    application = await Application.get()
    assert application.status is ApplicationStatus.IN_REVIEW
    assert not await Award.exists()
    assert not await Document.exists()
    assert not await OutboxMessage.filter(kind__in=["APPROVED", "REJECTED"]).exists()
    assert (await FundingCall.get()).committed == Decimal("0.00")
    assert not (tmp_path / "documents").exists()


async def test_a_refused_decision_writes_no_letter(seeded_db, tmp_path):
    store = LocalStore(tmp_path / "documents")
    application, who = await decided(approve=True, store=store)
    # when the same application is decided again
    with pytest.raises(DomainError):
        await decide_application(
            actor=who["approver"],
            application_id=application.id,
            decision=Decision.REJECT,
            amount=None,
            conditions=None,
            message="Doch nicht",
            now=NOW,
            public_url=PUBLIC_URL,
            store=store,
        )
    # then the one letter stays the only one
    assert await Document.filter(kind=DocumentKind.DECISION_LETTER).count() == 1
    assert (await Award.get()).amount == Decimal("12500.00")
