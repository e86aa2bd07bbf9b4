"""Seeding keeps an administrator's edits of seeded records; only an explicit restore brings the fixture back."""

from __future__ import annotations

from datetime import date

from fixtures.loader import seed
from fixtures.seeding import digest, stored
from grants.models import AuditRecord, Organisation, Relationship, Role, SeedRecord, Service
from schema.base.node import to_global_id
from tests import factories
from tests.schema.graphql import ok

UPDATE_ORGANISATION = """
mutation ($input: UpdateOrganisationInput!) {
  updateOrganisation(input: $input) { organisation { slug phone } errors { field message code } }
}
"""
UPDATE_SERVICE = """
mutation ($input: UpdateServiceInput!) {
  updateService(input: $input) { service { slug } errors { field message code } }
}
"""
UPDATE_RELATIONSHIP = """
mutation ($input: UpdateRelationshipInput!) {
  updateRelationship(input: $input) { relationship { kind } errors { field message code } }
}
"""
DELETE_SERVICE = """
mutation ($id: ID!) { deleteService(input: {id: $id}) { deletedId errors { field message code } } }
"""
PHONE = "+41 58 465 11 11"


async def edit_organisation(current_slug: str, **values: object) -> None:
    admin = await factories.user(Role.ADMIN)
    organisation = await Organisation.get(slug=current_slug)
    data = await ok(
        UPDATE_ORGANISATION,
        {"input": {"id": to_global_id("Organisation", organisation.id), **values}},
        actor=admin,
    )
    assert data["updateOrganisation"]["errors"] == []


async def directory() -> list[tuple[object, ...]]:
    """Every organisation, service and relationship with the fields seeding writes."""
    organisations = await Organisation.all().order_by("id").values_list("slug", "phone", "name", "locality")
    services = await Service.all().order_by("id").values_list("slug", "name", "provider_id")
    relationships = (
        await Relationship.all().order_by("id").values_list("source_id", "target_id", "kind", "description")
    )
    return [*organisations, *services, *relationships]


async def test_an_edit_survives_seeding_and_the_restore_option_brings_the_fixture_back(seeded_db):
    # given an administrator's edit of a seeded organisation through the API
    await edit_organisation("sem", phone=PHONE)
    edited = await directory()
    # when the fixtures are seeded again (as every demo start and the production recipe do)
    report = await seed(history=False)
    # then the edit is still there, and the report says it was left alone
    assert (await Organisation.get(slug="sem")).phone == PHONE
    assert await directory() == edited
    assert report.organisations.kept == ["sem"]
    assert (report.organisations.unchanged, report.organisations.added, report.organisations.updated) == (
        11,
        0,
        0,
    )
    assert report.organisations.words() == (
        "organisations: 12 in the fixtures, 11 unchanged, 1 left alone (changed since seeded: sem)"
    )
    # when the restore is asked for explicitly
    restored = await seed(history=False, restore=True)
    # then the fixture's value is back, audited with what it replaced
    assert (await Organisation.get(slug="sem")).phone is None
    assert restored.organisations.restored == ["sem"]
    record = await AuditRecord.filter(action="seed.restore").get()
    assert (record.entity_type, record.changes) == (
        "Organisation",
        {"key": "sem", "fields": {"phone": [PHONE, None]}},
    )
    # and the next seed finds nothing to do
    again = await seed(history=False)
    assert (again.organisations.unchanged, again.organisations.kept) == (12, [])


async def test_a_renamed_organisation_is_not_seeded_a_second_time(seeded_db):
    # given the ald renamed by an administrator
    count = await Organisation.all().count()
    await edit_organisation("ald", slug="auslaenderdienst-bl")
    # when the fixtures are seeded again
    report = await seed(history=False)
    # then no second "ald" appears, and its services still belong to the renamed organisation
    assert await Organisation.all().count() == count
    assert not await Organisation.filter(slug="ald").exists()
    assert report.organisations.kept == ["ald"]
    renamed = await Organisation.get(slug="auslaenderdienst-bl")
    assert await Service.filter(provider_id=renamed.id).count() == 3
    assert (report.services.unchanged, report.relationships.unchanged) == (14, 103)


async def test_edited_services_and_relationships_are_left_alone_until_restored(seeded_db):
    # given an edited service and an edited relationship
    admin = await factories.user(Role.ADMIN)
    service = await Service.get(slug="ald-counselling")
    relationship = await Relationship.get(source__slug="sem", target__slug="fibl", kind="COORDINATES")
    await ok(
        UPDATE_SERVICE,
        {"input": {"id": to_global_id("Service", service.id), "name": {"de": "Beratung (neu)"}}},
        actor=admin,
    )
    await ok(
        UPDATE_RELATIONSHIP,
        {"input": {"id": to_global_id("Relationship", relationship.id), "since": "2020-06-01"}},
        actor=admin,
    )
    edited = await directory()
    # when seeded, then both stay as edited
    report = await seed(history=False)
    assert await directory() == edited
    assert (report.services.kept, report.relationships.kept) == (
        ["ald-counselling"],
        ["sem>COORDINATES>fibl"],
    )
    # when restored, then both are as the fixtures say
    restored = await seed(history=False, restore=True)
    assert (await Service.get(id=service.id)).name["de"] == "Beratung in 13 Sprachen"
    assert (await Relationship.get(id=relationship.id)).since == date(2014, 1, 1)
    assert (restored.services.restored, restored.relationships.restored) == (
        ["ald-counselling"],
        ["sem>COORDINATES>fibl"],
    )


async def test_a_record_nobody_changed_follows_a_new_fixture_value(seeded_db):
    # given a record as an earlier release's fixture wrote it (a different locality, remembered as seeded)
    await Organisation.filter(slug="bmh").update(locality="Altstadt")
    bmh = await Organisation.get(slug="bmh")
    memory = await SeedRecord.get(kind="organisation", key="bmh")
    await SeedRecord.filter(id=memory.id).update(digest=digest(stored(bmh, memory.covered)))
    # when seeded
    report = await seed(history=False)
    # then it follows the fixture
    assert (await Organisation.get(slug="bmh")).locality == "Liestal"
    assert (report.organisations.updated, report.organisations.kept) == (1, [])


async def test_a_database_seeded_before_seed_records_keeps_what_differs_from_the_fixture(seeded_db):
    # given a database seeded before seeding remembered anything, with one edited organisation
    await SeedRecord.all().delete()
    await edit_organisation("sem", phone=PHONE)
    edited = await directory()
    # when seeded after the upgrade
    report = await seed(history=False)
    # then what equals the fixture counts as seeded, and the edit is left alone
    assert await directory() == edited
    assert (report.organisations.unchanged, report.organisations.kept) == (11, ["sem"])
    assert (report.municipalities.unchanged, report.services.unchanged) == (86, 14)
    assert await SeedRecord.filter(kind="organisation").count() == 97
    assert not await SeedRecord.filter(kind="organisation", key="sem").exists()


async def test_a_deleted_seeded_record_is_added_again(seeded_db):
    # given a seeded service deleted by an administrator
    admin = await factories.user(Role.ADMIN)
    service = await Service.get(slug="fibl-communis")
    await ok(DELETE_SERVICE, {"id": to_global_id("Service", service.id)}, actor=admin)
    # when seeded
    report = await seed(history=False)
    # then seeding adds what is missing
    assert await Service.filter(slug="fibl-communis").exists()
    assert (report.services.added, report.services.unchanged) == (1, 13)
