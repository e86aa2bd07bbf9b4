"""An organisation's correspondence language: the language its decision letters are written in.

Anyone reads it (it is harmless); an applicant changes its own organisation's, an admin any; a
language letters are not written in is refused at its field and nothing changes.
"""

from __future__ import annotations

from grants.models import AuditRecord, Organisation, Role
from schema.base.node import to_global_id
from tests import factories
from tests.schema.graphql import ok

READ = """
query ($slug: String!) { organisation(slug: $slug) { slug correspondenceLanguage } }
"""
UPDATE = """
mutation ($input: UpdateOrganisationInput!) {
  updateOrganisation(input: $input) {
    organisation { slug correspondenceLanguage }
    errors { field message code }
  }
}
"""
CREATE = """
mutation ($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { organisation { slug correspondenceLanguage } errors { field code } }
}
"""


async def test_an_organisation_writes_in_german_until_told_otherwise(db):
    # given an organisation made without a correspondence language
    await factories.organisation("verein-a")
    # when anyone reads it
    data = await ok(READ, {"slug": "verein-a"})
    # then its letters are in German
    assert data["organisation"] == {"slug": "verein-a", "correspondenceLanguage": "de"}


async def test_an_applicant_chooses_french_for_its_own_organisation_audited(db):
    # given
    await factories.organisation("verein-a")
    applicant = await factories.user(Role.APPLICANT, organisation="verein-a")
    own = await Organisation.get(slug="verein-a")
    # when
    data = await ok(
        UPDATE,
        {"input": {"id": to_global_id("Organisation", own.id), "correspondenceLanguage": "fr"}},
        actor=applicant,
    )
    # then
    assert data["updateOrganisation"] == {
        "organisation": {"slug": "verein-a", "correspondenceLanguage": "fr"},
        "errors": [],
    }
    assert (await Organisation.get(id=own.id)).correspondence_language == "fr"
    record = await AuditRecord.filter(action="organisation.update").get()
    assert (record.actor_id, record.changes) == (applicant.id, {"correspondence_language": ["de", "fr"]})


async def test_a_language_letters_are_not_written_in_is_refused_and_nothing_changes(db):
    # given
    await factories.organisation("verein-a")
    applicant = await factories.user(Role.APPLICANT, organisation="verein-a")
    own = await Organisation.get(slug="verein-a")
    audits = await AuditRecord.all().count()
    # when
    data = await ok(
        UPDATE,
        {"input": {"id": to_global_id("Organisation", own.id), "correspondenceLanguage": "ti"}},
        actor=applicant,
    )
    # then
    assert data["updateOrganisation"] == {
        "organisation": None,
        "errors": [
            {
                "field": ["input", "correspondenceLanguage"],
                "message": "'ti' is not a portal language: choose de, fr, it or en",
                "code": "INVALID",
            }
        ],
    }
    assert (await Organisation.get(id=own.id)).correspondence_language == "de"
    assert await AuditRecord.all().count() == audits


async def test_an_admin_creates_an_organisation_writing_in_italian(db):
    admin = await factories.user(Role.ADMIN)
    data = await ok(
        CREATE,
        {"input": {"kind": "NGO", "name": {"de": "Verein Ticino"}, "correspondenceLanguage": "it"}},
        actor=admin,
    )
    assert data["createOrganisation"] == {
        "organisation": {"slug": "verein-ticino", "correspondenceLanguage": "it"},
        "errors": [],
    }
