"""Applicants keep their own organisation's directory entry through the directory mutations.

Own organisation: contact data, description, languages and services, each edit audited with the
applicant as actor. Another organisation, or a programme field (kind, slug, name, funding area …):
FORBIDDEN with the field's path, and nothing changed.
"""

from __future__ import annotations

from typing import Any

from grants.models import AuditRecord, Organisation, Role, Service
from schema.base.node import to_global_id
from tests import factories
from tests.schema.graphql import ok

UPDATE_ORGANISATION = """
mutation ($input: UpdateOrganisationInput!) {
  updateOrganisation(input: $input) {
    organisation { slug kind phone website description address { street postalCode locality canton } }
    errors { field message code }
  }
}
"""
CREATE_SERVICE = """
mutation ($input: CreateServiceInput!) {
  createService(input: $input) { service { slug name languages provider { slug } } errors { field message code } }
}
"""
UPDATE_SERVICE = """
mutation ($input: UpdateServiceInput!) {
  updateService(input: $input) { service { slug name } errors { field message code } }
}
"""
DELETE_SERVICE = """
mutation ($id: ID!) { deleteService(input: {id: $id}) { deletedId errors { field message code } } }
"""
FIELD_NOT_YOURS = "Only the programme office can change this field"
NOT_YOURS = "You can only edit your own organisation's entry"


async def directory_state() -> tuple[list[dict[str, Any]], list[dict[str, Any]], int]:
    """Every organisation and service as stored, and the number of audit records."""
    organisations = await Organisation.all().order_by("id").values()
    services = await Service.all().order_by("id").values()
    return organisations, services, await AuditRecord.all().count()


async def members() -> tuple[Any, Any]:
    """An applicant of verein-a, and a service of verein-b; verein-a offers deutschkurs-a."""
    await factories.organisation("verein-a")
    await factories.organisation("verein-b")
    await factories.service("verein-a", "deutschkurs-a")
    foreign = await factories.service("verein-b", "deutschkurs-b")
    applicant = await factories.user(Role.APPLICANT, organisation="verein-a")
    return applicant, foreign


async def test_an_applicant_changes_its_own_contact_data_and_description_audited(db):
    # given
    applicant, _ = await members()
    own = await Organisation.get(slug="verein-a")
    changes = {
        "id": to_global_id("Organisation", own.id),
        "phone": "061 123 45 67",
        "website": "https://verein-a.ch",
        "description": {"de": "Wir beraten Zugezogene."},
        "address": {"street": "Rheinstrasse 1", "postalCode": "4410", "locality": "Liestal", "canton": "BL"},
    }
    # when
    data = await ok(UPDATE_ORGANISATION, {"input": changes}, actor=applicant)
    # then
    assert data["updateOrganisation"] == {
        "organisation": {
            "slug": "verein-a",
            "kind": "NGO",
            "phone": "061 123 45 67",
            "website": "https://verein-a.ch",
            "description": "Wir beraten Zugezogene.",
            "address": {
                "street": "Rheinstrasse 1",
                "postalCode": "4410",
                "locality": "Liestal",
                "canton": "BL",
            },
        },
        "errors": [],
    }
    record = await AuditRecord.filter(action="organisation.update").get()
    assert (record.actor_id, record.entity_id) == (applicant.id, own.id)
    assert sorted(record.changes) == [
        "canton",
        "description",
        "locality",
        "phone",
        "postal_code",
        "street",
        "website",
    ]


async def test_programme_fields_are_refused_by_path_and_nothing_changes(db):
    # given
    applicant, _ = await members()
    own = await Organisation.get(slug="verein-a")
    before = await directory_state()
    changes = {
        "id": to_global_id("Organisation", own.id),
        "phone": "061 123 45 67",
        "kind": "FOUNDATION",
        "slug": "verein-neu",
        "name": {"de": "Neuer Name"},
        "retired": True,
    }
    # when
    data = await ok(UPDATE_ORGANISATION, {"input": changes}, actor=applicant)
    # then
    assert data["updateOrganisation"] == {
        "organisation": None,
        "errors": [
            {"field": ["input", "kind"], "message": FIELD_NOT_YOURS, "code": "FORBIDDEN"},
            {"field": ["input", "name"], "message": FIELD_NOT_YOURS, "code": "FORBIDDEN"},
            {"field": ["input", "retired"], "message": FIELD_NOT_YOURS, "code": "FORBIDDEN"},
            {"field": ["input", "slug"], "message": FIELD_NOT_YOURS, "code": "FORBIDDEN"},
        ],
    }
    assert await directory_state() == before


async def test_another_organisations_entry_is_forbidden_and_unchanged(db):
    # given
    applicant, _ = await members()
    foreign = await Organisation.get(slug="verein-b")
    reviewer = await factories.user(Role.REVIEWER)
    before = await directory_state()
    changes = {"id": to_global_id("Organisation", foreign.id), "phone": "061 000 00 00"}
    # when
    as_applicant = await ok(UPDATE_ORGANISATION, {"input": changes}, actor=applicant)
    as_reviewer = await ok(UPDATE_ORGANISATION, {"input": changes}, actor=reviewer)
    as_nobody = await ok(UPDATE_ORGANISATION, {"input": changes})
    # then
    assert as_applicant["updateOrganisation"] == {
        "organisation": None,
        "errors": [{"field": ["input", "id"], "message": NOT_YOURS, "code": "FORBIDDEN"}],
    }
    assert as_reviewer["updateOrganisation"]["errors"][0]["code"] == "FORBIDDEN"
    assert as_nobody["updateOrganisation"]["errors"][0]["code"] == "UNAUTHENTICATED"
    assert await directory_state() == before


async def test_an_applicant_adds_changes_and_removes_its_own_services_audited(db):
    # given
    applicant, _ = await members()
    own = await Service.get(slug="deutschkurs-a")
    new = {"provider": "verein-a", "name": {"de": "Elterncafé"}, "languages": ["de", "ti"]}
    # when
    created = await ok(CREATE_SERVICE, {"input": new}, actor=applicant)
    changed = await ok(
        UPDATE_SERVICE,
        {"input": {"id": to_global_id("Service", own.id), "name": {"de": "Deutsch für Eltern"}}},
        actor=applicant,
    )
    deleted = await ok(DELETE_SERVICE, {"id": to_global_id("Service", own.id)}, actor=applicant)
    # then
    assert created["createService"] == {
        "service": {
            "slug": "verein-a-elterncafe",
            "name": "Elterncafé",
            "languages": ["de", "ti"],
            "provider": {"slug": "verein-a"},
        },
        "errors": [],
    }
    assert changed["updateService"] == {
        "service": {"slug": "deutschkurs-a", "name": "Deutsch für Eltern"},
        "errors": [],
    }
    assert deleted["deleteService"] == {"deletedId": to_global_id("Service", own.id), "errors": []}
    records = await AuditRecord.filter(entity_type="Service", actor_id=applicant.id).order_by("id")
    assert [record.action for record in records] == ["service.create", "service.update", "service.delete"]
    assert [s.slug for s in await Service.filter(provider__slug="verein-a")] == ["verein-a-elterncafe"]


async def test_services_of_another_organisation_and_programme_fields_are_refused_and_unchanged(db):
    # given
    applicant, foreign = await members()
    own = await Service.get(slug="deutschkurs-a")
    before = await directory_state()
    foreign_id = to_global_id("Service", foreign.id)
    # when
    add_elsewhere = await ok(
        CREATE_SERVICE, {"input": {"provider": "verein-b", "name": {"de": "Fremd"}}}, actor=applicant
    )
    add_classified = await ok(
        CREATE_SERVICE,
        {"input": {"provider": "verein-a", "name": {"de": "X"}, "slug": "x", "fundingArea": "COUNSELLING"}},
        actor=applicant,
    )
    change_elsewhere = await ok(
        UPDATE_SERVICE, {"input": {"id": foreign_id, "name": {"de": "Fremd"}}}, actor=applicant
    )
    move_own = await ok(
        UPDATE_SERVICE,
        {"input": {"id": to_global_id("Service", own.id), "provider": "verein-b"}},
        actor=applicant,
    )
    delete_elsewhere = await ok(DELETE_SERVICE, {"id": foreign_id}, actor=applicant)
    # then
    assert add_elsewhere["createService"]["errors"] == [
        {"field": ["input", "provider"], "message": NOT_YOURS, "code": "FORBIDDEN"}
    ]
    assert add_classified["createService"]["errors"] == [
        {"field": ["input", "fundingArea"], "message": FIELD_NOT_YOURS, "code": "FORBIDDEN"},
        {"field": ["input", "slug"], "message": FIELD_NOT_YOURS, "code": "FORBIDDEN"},
    ]
    assert change_elsewhere["updateService"]["errors"] == [
        {"field": ["input", "id"], "message": NOT_YOURS, "code": "FORBIDDEN"}
    ]
    assert move_own["updateService"]["errors"] == [
        {"field": ["input", "provider"], "message": FIELD_NOT_YOURS, "code": "FORBIDDEN"}
    ]
    assert delete_elsewhere["deleteService"] == {
        "deletedId": None,
        "errors": [{"field": ["input", "id"], "message": NOT_YOURS, "code": "FORBIDDEN"}],
    }
    assert await directory_state() == before
