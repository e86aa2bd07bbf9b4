"""Receipts of a report and the decision letter on the portal over HTTP (the Documents section's own
tests are in test_portal_documents.py, whose client and helpers these share)."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from grants.documents.service import keep_generated
from grants.models import (
    Application,
    ApplicationStatus,
    Document,
    DocumentKind,
    ProjectReport,
    ReportKind,
    ReportStatus,
    Role,
)
from grants.storage.local import LocalStore
from tests import factories
from tests.document_samples import PDF
from tests.factories import PASSWORD
from tests.server.test_portal_applicant import BASE, NOW, applicant, drafted
from tests.server.test_portal_documents import DOWNLOAD_LINK, blobs, http, portal, stored
from tests.web.portal import csrf_of, sign_in

pytestmark = pytest.mark.postgres

LETTER_LINK = re.compile(r'id="decision-letter"><a href="(/documents/[^"]+)" download>Verfügung \(PDF\)</a>')
__all__ = ["blobs", "http"]  # fixtures


async def test_a_receipt_is_attached_to_the_report_waiting_and_the_form_goes_once_accepted(
    seeded_db: str, http: httpx.AsyncClient, blobs: Path
) -> None:
    # given an approved application whose interim report waits for the programme office
    await applicant(http)
    await drafted(http)
    await Application.filter(reference="KIP-2026-0001").update(
        status=ApplicationStatus.APPROVED, submitted_at=NOW
    )
    application = await Application.get(reference="KIP-2026-0001")
    report = await ProjectReport.create(
        application=application, kind=ReportKind.INTERIM, narrative="Zwei Kurse", submitted_at=NOW
    )
    receipts = f"{BASE}/reports/documents"
    # when the lead attaches a receipt there
    token = csrf_of((await http.get(receipts)).text)
    attached = await http.post(
        receipts, data={"csrf_token": token}, files={"file": ("quittung.pdf", PDF, "application/pdf")}
    )
    # then it belongs to the report, is listed, and the overview links to the page
    assert (attached.status_code, attached.headers["location"]) == (303, f"{receipts}?done=attached")
    [document] = await Document.all()
    assert (document.report_id, document.kind.value, document.filename) == (
        report.id,
        "REPORT_ATTACHMENT",
        "quittung.pdf",
    )
    assert [name for _, name in DOWNLOAD_LINK.findall((await http.get(receipts)).text)] == ["quittung.pdf"]
    assert f'href="{receipts}"' in (await http.get(BASE)).text
    # when staff have accepted the report
    await ProjectReport.filter(id=report.id).update(status=ReportStatus.ACCEPTED)
    closed = await http.get(receipts)
    late = await http.post(
        receipts, data={"csrf_token": token}, files={"file": ("spaet.pdf", PDF + b"%", "application/pdf")}
    )
    # then the list stays without a form, and a late post is refused, nothing added
    assert 'enctype="multipart/form-data"' not in closed.text
    assert "quittung.pdf" in closed.text
    assert late.status_code == 400
    assert await Document.all().count() == 1
    assert len(stored(blobs)) == 1


async def test_the_decision_letter_is_linked_for_the_applicant_and_staff(
    seeded_db: str, http: httpx.AsyncClient, blobs: Path
) -> None:
    # given an approved application with its decision letter kept by kipnet
    await applicant(http)
    await drafted(http)
    await Application.filter(reference="KIP-2026-0001").update(
        status=ApplicationStatus.APPROVED, submitted_at=NOW
    )
    application = await Application.get(reference="KIP-2026-0001")
    await keep_generated(
        actor=None,
        application_id=application.id,
        kind=DocumentKind.DECISION_LETTER,
        data=PDF,
        filename="Verfuegung KIP-2026-0001.pdf",
        content_type="application/pdf",
        store=LocalStore(blobs),
        now=NOW,
    )
    # when the applicant opens the overview
    overview = await http.get(BASE)
    # then a clear link downloads the letter, which is not among the attached documents
    [link] = LETTER_LINK.findall(overview.text)
    assert (await http.get(link)).content == PDF
    # and the address the decision mail links to sends the signed-in member on to it
    onward = await http.get(f"{BASE}/letter")
    assert (onward.status_code, onward.headers["location"]) == (303, link)
    assert DOWNLOAD_LINK.findall(overview.text) == []
    # and staff see the same link on their page
    async with portal(blobs) as staff:
        await factories.user(Role.REVIEWER, email="rita@example.org")
        await sign_in(staff, "rita@example.org", PASSWORD)
        assert LETTER_LINK.findall((await staff.get("/staff/applications/KIP-2026-0001")).text) == [link]


async def test_the_letter_address_of_the_decision_mail_asks_to_sign_in_and_is_404_without_a_letter(
    seeded_db: str, http: httpx.AsyncClient, blobs: Path
) -> None:
    # given an application in draft (no decision, so no letter)
    await applicant(http)
    await drafted(http)
    # when its lead follows a letter link, then there is nothing to find
    assert (await http.get(f"{BASE}/letter")).status_code == 404
    # and a visitor not signed in is sent to sign in first, and back after
    async with portal(blobs) as anonymous:
        gate = await anonymous.get(f"{BASE}/letter")
    assert (gate.status_code, gate.headers["location"]) == (303, f"/sign-in?next={BASE}/letter")
