"""The demo data of `kipnet serve --demo`, made through the domain, once."""

from __future__ import annotations

from datetime import UTC, datetime

from fixtures.demo import ensure_demo_accounts
from fixtures.demo_grants import ensure_demo_grants
from grants.calls import CallStatus, call_status
from grants.models import Application, ApplicationStatus, Document, DocumentKind, FundingCall, Role, User
from grants.storage.local import LocalStore
from tests.factories import PUBLIC_URL

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


async def test_one_open_call_and_applications_in_several_states_made_once(seeded_db, tmp_path):
    accounts = await ensure_demo_accounts()
    assert [a.role for a in accounts] == list(Role)
    store = LocalStore(tmp_path)
    assert await ensure_demo_grants(NOW, PUBLIC_URL, store=store) == 5
    call = await FundingCall.get()
    assert call_status(call, NOW) is CallStatus.OPEN
    assert [a.status for a in await Application.all().order_by("id")] == [
        ApplicationStatus.DRAFT,
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.IN_REVIEW,
        ApplicationStatus.CHANGES_REQUESTED,
        ApplicationStatus.APPROVED,
    ]
    approved = await Application.get(status=ApplicationStatus.APPROVED)
    assert call.committed == approved.requested_amount
    # the approved one has its decision letter, and its bytes are in the store
    letter = await Document.get(application_id=approved.id, kind=DocumentKind.DECISION_LETTER)
    assert letter.content_type == "application/pdf"
    assert await store.has(letter.sha256)
    # a second start changes neither the data nor the demo applicant's organisation
    again = await ensure_demo_accounts()
    assert await ensure_demo_grants(NOW, PUBLIC_URL, store=store) == 0
    assert await Document.filter(kind=DocumentKind.DECISION_LETTER).count() == 1
    assert await Application.all().count() == 5
    assert {a.password for a in again}.isdisjoint({a.password for a in accounts})
    applicant = await User.get(email="applicant@demo.kipnet.example").prefetch_related("organisation")
    assert applicant.organisation is not None
    assert applicant.organisation.slug == "deutschcafe-pratteln"
