"""Internal notes: staff keep them, applicants never see them, not even how many."""

from __future__ import annotations

from grants.applications import create_application
from grants.models import InternalNote, Role
from grants.submission import submit_application
from tests import factories
from tests.factories import NOW, PUBLIC_URL, application_values
from tests.schema.graphql import ok

ADD = """
mutation ($id: ID!, $body: String!) {
  addInternalNote(input: {application: $id, body: $body}) { note { body author { email } } errors { field message code } }
}
"""
READ = "query ($ref: String!) { application(reference: $ref) { id internalNotes { body } } }"


async def test_staff_keep_notes_that_applicants_never_see(seeded_db):
    funding_call = await factories.call()
    await factories.organisation("verein-a")
    lead = await factories.user(Role.APPLICANT, email="a@example.org", organisation="verein-a")
    reviewer = await factories.user(Role.REVIEWER, email="rita@example.org")
    draft = await create_application(actor=lead, values=application_values(funding_call), now=NOW)
    await submit_application(
        actor=lead, application_id=draft.id, message=None, now=NOW, public_url=PUBLIC_URL
    )
    app_id = (await ok(READ, {"ref": draft.reference}, actor=reviewer))["application"]["id"]
    # staff add and read a note
    added = (await ok(ADD, {"id": app_id, "body": "Trägerschaft telefonisch geklärt"}, actor=reviewer))[
        "addInternalNote"
    ]
    assert added == {
        "note": {"body": "Trägerschaft telefonisch geklärt", "author": {"email": "rita@example.org"}},
        "errors": [],
    }
    assert (await ok(READ, {"ref": draft.reference}, actor=reviewer))["application"]["internalNotes"] == [
        {"body": "Trägerschaft telefonisch geklärt"}
    ]
    # the applicant sees none and cannot add one; nothing changes
    assert (await ok(READ, {"ref": draft.reference}, actor=lead))["application"]["internalNotes"] == []
    refused = (await ok(ADD, {"id": app_id, "body": "Hallo"}, actor=lead))["addInternalNote"]
    assert refused == {
        "note": None,
        "errors": [{"field": [], "message": "You are not allowed to do this", "code": "FORBIDDEN"}],
    }
    empty = (await ok(ADD, {"id": app_id, "body": "  "}, actor=reviewer))["addInternalNote"]
    assert empty["errors"] == [
        {"field": ["input", "body"], "message": "A note needs text", "code": "INVALID"}
    ]
    assert await InternalNote.all().count() == 1
