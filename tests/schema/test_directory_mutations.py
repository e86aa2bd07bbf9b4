"""Admin mutations of the directory: bad input as UserErrors, refusals change nothing, changes audited."""

from __future__ import annotations

from typing import Any

from grants.models import AuditRecord, FundingArea, Organisation, Pillar, Relationship, Role, Service
from tests import factories
from tests.schema.graphql import ok, run

CREATE_ORGANISATION = """
mutation ($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) {
    organisation { id slug kind name languages address { street postalCode locality canton } }
    errors { field message code }
  }
}
"""
UPDATE_ORGANISATION = """
mutation ($input: UpdateOrganisationInput!) {
  updateOrganisation(input: $input) {
    organisation { slug name(lang: "fr") acronym languages }
    errors { field message code }
  }
}
"""
DELETE_ORGANISATION = """
mutation ($id: ID!) { deleteOrganisation(input: {id: $id}) { deletedId errors { field message code } } }
"""
CREATE_SERVICE = """
mutation ($input: CreateServiceInput!) {
  createService(input: $input) { service { slug languages fundingArea { code } provider { slug } } errors { field message code } }
}
"""
CREATE_RELATIONSHIP = """
mutation ($input: CreateRelationshipInput!) {
  createRelationship(input: $input) { relationship { id kind since source { slug } target { slug } } errors { field message code } }
}
"""
UPDATE_RELATIONSHIP = """
mutation ($input: UpdateRelationshipInput!) {
  updateRelationship(input: $input) { relationship { kind since } errors { field message code } }
}
"""
DELETE_RELATIONSHIP = """
mutation ($id: ID!) { deleteRelationship(input: {id: $id}) { deletedId errors { field message code } } }
"""
VEREIN = {
    "kind": "ASSOCIATION",
    "name": {"de": "Verein Brückenbauer", "fr": "Association Bâtisseurs de ponts"},
    "address": {"street": "Rheinstrasse 1", "postalCode": "4410", "locality": "Liestal", "canton": "BL"},
    "languages": ["DE", "ti"],
}


async def counts() -> tuple[int, int, int, int]:
    return (
        await Organisation.all().count(),
        await Service.all().count(),
        await Relationship.all().count(),
        await AuditRecord.all().count(),
    )


async def test_admin_creates_an_organisation_with_derived_slug_and_an_audit_record(db):
    # given
    admin = await factories.user(Role.ADMIN)
    # when
    data = await ok(CREATE_ORGANISATION, {"input": VEREIN}, actor=admin)
    # then
    payload = data["createOrganisation"]
    assert payload["errors"] == []
    assert payload["organisation"] | {"id": None} == {
        "id": None,
        "slug": "verein-bruckenbauer",
        "kind": "ASSOCIATION",
        "name": "Verein Brückenbauer",
        "languages": ["de", "ti"],
        "address": {"street": "Rheinstrasse 1", "postalCode": "4410", "locality": "Liestal", "canton": "BL"},
    }
    record = await AuditRecord.filter(action="organisation.create").get()
    assert record.actor_id == admin.id
    assert record.changes["slug"] == "verein-bruckenbauer"


async def test_bad_organisation_input_gets_every_problem_with_its_path_and_changes_nothing(db):
    # given
    admin = await factories.user(Role.ADMIN)
    await factories.organisation("taken")
    before = await counts()
    bad = {
        "kind": "NGO",
        "slug": "taken",
        "name": {"fr": "Sans allemand"},
        "languages": ["de", "klingon"],
        "email": "no-at-sign",
        "address": {"postalCode": "4410", "locality": "Liestal", "canton": "Basel"},
    }
    # when
    data = await ok(CREATE_ORGANISATION, {"input": bad}, actor=admin)
    # then
    assert data["createOrganisation"] == {
        "organisation": None,
        "errors": [
            {"field": ["input", "name", "de"], "message": "German text is required", "code": "INVALID"},
            {
                "field": ["input", "email"],
                "message": "'no-at-sign' is not an e-mail address",
                "code": "INVALID",
            },
            {
                "field": ["input", "languages", "1"],
                "message": '\'klingon\' is not an ISO 639-1 language code (e.g. "de", "fr", "ti")',
                "code": "INVALID",
            },
            {
                "field": ["input", "address", "canton"],
                "message": "A canton is its two-letter code, e.g. BL",
                "code": "INVALID",
            },
            {"field": ["input", "slug"], "message": "The slug 'taken' is already taken", "code": "CONFLICT"},
        ],
    }
    assert await counts() == before
    # and: a kind outside the enum is refused before anything runs
    refused, errors = await run(CREATE_ORGANISATION, {"input": bad | {"kind": "CLUB"}}, actor=admin)
    assert (refused, [error["message"] for error in errors]) == (
        None,
        [
            "Variable '$input' has invalid value at .kind: Value 'CLUB' does not exist in 'OrganisationKind' enum."
        ],
    )
    assert await counts() == before


async def test_duplicate_slug_is_a_conflict(db):
    admin = await factories.user(Role.ADMIN)
    await factories.organisation("verein-bruckenbauer")
    before = await counts()
    data = await ok(CREATE_ORGANISATION, {"input": VEREIN}, actor=admin)
    assert data["createOrganisation"]["errors"] == [
        {
            "field": ["input", "slug"],
            "message": "The slug 'verein-bruckenbauer' is already taken",
            "code": "CONFLICT",
        }
    ]
    assert await counts() == before


async def test_non_admins_and_anonymous_callers_are_refused_and_nothing_changes(db):
    reviewer = await factories.user(Role.REVIEWER)
    before = await counts()
    for actor, code, message in (
        (None, "UNAUTHENTICATED", "You must be logged in to do this"),
        (reviewer, "FORBIDDEN", "You are not allowed to do this"),
    ):
        data = await ok(CREATE_ORGANISATION, {"input": VEREIN}, actor=actor)
        assert data["createOrganisation"] == {
            "organisation": None,
            "errors": [{"field": [], "message": message, "code": code}],
        }
    assert await counts() == before


async def test_update_changes_only_given_fields_and_audits_old_and_new_values(db):
    admin = await factories.user(Role.ADMIN)
    created = await ok(CREATE_ORGANISATION, {"input": VEREIN}, actor=admin)
    organisation_id = created["createOrganisation"]["organisation"]["id"]
    data = await ok(UPDATE_ORGANISATION, {"input": {"id": organisation_id, "acronym": "VBB"}}, actor=admin)
    assert data["updateOrganisation"] == {
        "organisation": {
            "slug": "verein-bruckenbauer",
            "name": "Association Bâtisseurs de ponts",
            "acronym": "VBB",
            "languages": ["de", "ti"],
        },
        "errors": [],
    }
    record = await AuditRecord.filter(action="organisation.update").get()
    assert record.changes == {"acronym": [None, "VBB"]}
    unknown = await ok(UPDATE_ORGANISATION, {"input": {"id": "garbage", "acronym": "X"}}, actor=admin)
    assert unknown["updateOrganisation"]["errors"] == [
        {"field": ["input", "id"], "message": "No such organisation", "code": "NOT_FOUND"}
    ]


async def test_services_reference_providers_and_funding_areas_that_exist(db):
    admin = await factories.user(Role.ADMIN)
    await factories.organisation("ald", kind="ASSOCIATION")
    before = await counts()
    data = await ok(
        CREATE_SERVICE,
        {
            "input": {
                "provider": "nobody",
                "fundingArea": "NOPE",
                "name": {"de": "Beratung"},
                "languages": ["xx"],
            }
        },
        actor=admin,
    )
    assert [(e["field"], e["code"]) for e in data["createService"]["errors"]] == [
        (["input", "languages", "0"], "INVALID"),
        (["input", "provider"], "NOT_FOUND"),
        (["input", "fundingArea"], "NOT_FOUND"),
    ]
    assert await counts() == before
    data = await ok(
        CREATE_SERVICE,
        {"input": {"provider": "ald", "name": {"de": "Beratung"}, "languages": ["ti"]}},
        actor=admin,
    )
    assert data["createService"] == {
        "service": {
            "slug": "ald-beratung",
            "languages": ["ti"],
            "fundingArea": None,
            "provider": {"slug": "ald"},
        },
        "errors": [],
    }
    # the provider now serves in Tigrinya through its service
    serving = await ok('{ organisations(filter: {language: "ti"}) { edges { node { slug } } } }')
    assert serving["organisations"]["edges"] == [{"node": {"slug": "ald"}}]


async def test_relationships_refuse_self_loops_duplicates_and_unknown_kinds(db):
    admin = await factories.user(Role.ADMIN)
    await factories.organisation("fibl")
    await factories.organisation("ald")
    before = await counts()
    for given, expected in (
        (
            {"source": "fibl", "target": "fibl", "kind": "FUNDS"},
            [
                {
                    "field": ["input", "target"],
                    "message": "An organisation cannot have a relationship with itself",
                    "code": "INVALID",
                }
            ],
        ),
    ):
        data = await ok(CREATE_RELATIONSHIP, {"input": given}, actor=admin)
        assert data["createRelationship"] == {"relationship": None, "errors": expected}
    loves = {"source": "fibl", "target": "ald", "kind": "LOVES"}
    refused, errors = await run(CREATE_RELATIONSHIP, {"input": loves}, actor=admin)
    assert (refused, [error["message"] for error in errors]) == (
        None,
        [
            "Variable '$input' has invalid value at .kind: Value 'LOVES' does not exist in 'RelationshipKind' enum."
        ],
    )
    assert await counts() == before
    made = await ok(
        CREATE_RELATIONSHIP,
        {"input": {"source": "fibl", "target": "ald", "kind": "FUNDS", "since": "2018-01-01"}},
        actor=admin,
    )
    relationship = made["createRelationship"]["relationship"]
    assert relationship | {"id": None} == {
        "id": None,
        "kind": "FUNDS",
        "since": "2018-01-01",
        "source": {"slug": "fibl"},
        "target": {"slug": "ald"},
    }
    again = await ok(
        CREATE_RELATIONSHIP, {"input": {"source": "fibl", "target": "ald", "kind": "FUNDS"}}, actor=admin
    )
    assert again["createRelationship"]["errors"] == [
        {"field": ["input", "kind"], "message": "This relationship exists already", "code": "CONFLICT"}
    ]
    updated = await ok(
        UPDATE_RELATIONSHIP, {"input": {"id": relationship["id"], "kind": "OPERATIONAL_PARTNER"}}, actor=admin
    )
    assert updated["updateRelationship"] == {
        "relationship": {"kind": "OPERATIONAL_PARTNER", "since": "2018-01-01"},
        "errors": [],
    }
    deleted = await ok(DELETE_RELATIONSHIP, {"id": relationship["id"]}, actor=admin)
    assert deleted["deleteRelationship"] == {"deletedId": relationship["id"], "errors": []}
    assert await Relationship.all().count() == 0
    actions = [record.action for record in await AuditRecord.filter(entity_type="Relationship")]
    assert actions == ["relationship.create", "relationship.update", "relationship.delete"]


async def test_deleting_an_organisation_nothing_refers_to_removes_it_with_its_services(db):
    # given: ald offers a service; FIBL has a member account and nothing else
    admin = await factories.user(Role.ADMIN)
    await factories.organisation("ald")
    await factories.organisation("fibl")
    await factories.service("ald", "ald-kurs")
    await factories.user(Role.APPLICANT, email="lead@ald.example.org", organisation="fibl")
    ids = await ok('{ a: organisation(slug: "ald") { id } f: organisation(slug: "fibl") { id } }')
    before = await counts()
    # when / then: FIBL is refused and unchanged
    refused = await ok(DELETE_ORGANISATION, {"id": ids["f"]["id"]}, actor=admin)
    assert refused["deleteOrganisation"] == {
        "deletedId": None,
        "errors": [
            {
                "field": ["input", "id"],
                "message": "Still referred to by 1 user account(s), 0 application(s), 0 project(s) taking "
                "place there and 0 relationship(s): retire the organisation instead (retired: true), which "
                "keeps its history",
                "code": "CONFLICT",
            }
        ],
    }
    assert await counts() == before
    # when / then: ald goes, with its service
    deleted = await ok(DELETE_ORGANISATION, {"id": ids["a"]["id"]}, actor=admin)
    assert deleted["deleteOrganisation"] == {"deletedId": ids["a"]["id"], "errors": []}
    assert await counts() == (1, 0, 0, await AuditRecord.all().count())
    assert await ok('{ organisation(slug: "ald") { slug } }') == {"organisation": None}


DELETE_SERVICE = """
mutation ($id: ID!) { deleteService(input: {id: $id}) { deletedId errors { field message code } } }
"""


async def test_deleting_a_service_takes_its_languages_out_of_the_providers_search(db):
    # given: ald serves in Tamil only through its counselling service
    admin = await factories.user(Role.ADMIN)
    await factories.organisation("ald", languages=["de"])
    await factories.service("ald", "ald-beratung", languages=["ta"])
    found = await ok(
        '{ organisations(filter: {language: "ta", search: "beratung"}) { totalCount } services { edges { node { id } } } }'
    )
    assert found["organisations"]["totalCount"] == 1
    service_id = found["services"]["edges"][0]["node"]["id"]
    # when
    deleted = await ok(DELETE_SERVICE, {"id": service_id}, actor=admin)
    # then
    assert deleted["deleteService"] == {"deletedId": service_id, "errors": []}
    after = await ok(
        '{ tamil: organisations(filter: {language: "ta"}) { totalCount } word: organisations(filter: {search: "beratung"}) { totalCount } }'
    )
    assert after == {"tamil": {"totalCount": 0}, "word": {"totalCount": 0}}
    assert [r.action for r in await AuditRecord.filter(entity_type="Service")] == [
        "service.create",
        "service.delete",
    ]
    again = await ok(DELETE_SERVICE, {"id": service_id}, actor=admin)
    assert again["deleteService"] == {
        "deletedId": None,
        "errors": [{"field": ["input", "id"], "message": "No such service", "code": "NOT_FOUND"}],
    }


UPDATE_SERVICE = """
mutation ($input: UpdateServiceInput!) {
  updateService(input: $input) { service { slug fundingArea { code } provider { slug } } errors { field message code } }
}
"""


async def test_updating_a_service_moves_it_between_areas_and_providers_and_refuses_no_provider(db):
    # given
    admin = await factories.user(Role.ADMIN)
    await factories.organisation("ald")
    await factories.organisation("fibl")
    area = await FundingArea.create(
        code="KIP3_LANGUAGE", name={"de": "Sprache"}, pillar=Pillar.EDUCATION_AND_WORK
    )
    service = await factories.service("ald", "ald-kurs")
    service_id = (await ok("{ services { edges { node { id } } } }"))["services"]["edges"][0]["node"]["id"]
    # when: given an area, then moved to another provider and out of the area
    into_area = await ok(
        UPDATE_SERVICE, {"input": {"id": service_id, "fundingArea": "KIP3_LANGUAGE"}}, actor=admin
    )
    moved = await ok(
        UPDATE_SERVICE, {"input": {"id": service_id, "provider": "fibl", "fundingArea": None}}, actor=admin
    )
    before = await counts()
    orphan = await ok(UPDATE_SERVICE, {"input": {"id": service_id, "provider": None}}, actor=admin)
    # then
    assert into_area["updateService"] == {
        "service": {
            "slug": "ald-kurs",
            "fundingArea": {"code": "KIP3_LANGUAGE"},
            "provider": {"slug": "ald"},
        },
        "errors": [],
    }
    assert moved["updateService"] == {
        "service": {"slug": "ald-kurs", "fundingArea": None, "provider": {"slug": "fibl"}},
        "errors": [],
    }
    assert orphan["updateService"] == {
        "service": None,
        "errors": [
            {"field": ["input", "provider"], "message": "The provider is required", "code": "INVALID"}
        ],
    }
    assert await counts() == before
    updates = [r.changes for r in await AuditRecord.filter(action="service.update").order_by("id")]
    assert updates == [
        {"funding_area": [None, area.id]},
        {
            "provider": [service.provider_id, (await Organisation.get(slug="fibl")).id],
            "funding_area": [area.id, None],
        },
    ]
    # the search follows the service to its new provider
    assert slugs_found(
        await ok('{ organisations(filter: {search: "kurs"}) { edges { node { slug } } } }')
    ) == ["fibl"]


def slugs_found(data: dict[str, Any]) -> list[str]:
    return [edge["node"]["slug"] for edge in data["organisations"]["edges"]]
