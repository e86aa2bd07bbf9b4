"""Records with history are retired, never deleted: applications, awards and relationships keep their partners."""

from __future__ import annotations

from typing import Any

from grants.applications import create_application
from grants.models import AuditRecord, Organisation, Relationship, Role, Service
from grants.submission import submit_application
from tests import factories
from tests.factories import NOW, PUBLIC_URL, application_values
from tests.schema.graphql import ok

IDS = '{ pratteln: organisation(slug: "pratteln") { id } a: organisation(slug: "verein-a") { id } sem: organisation(slug: "sem") { id } }'
DELETE = """
mutation ($id: ID!) { deleteOrganisation(input: {id: $id}) { deletedId errors { field message code } } }
"""
RETIRE = """
mutation ($id: ID!, $retired: Boolean) {
  updateOrganisation(input: {id: $id, retired: $retired}) { organisation { slug retiredAt } errors { field message code } }
}
"""
LISTED = """
query ($search: String!, $all: Boolean!) {
  organisations(filter: {search: $search, kind: [MUNICIPALITY], includeRetired: $all}) { totalCount edges { node { slug retiredAt } } }
}
"""
PROJECT_PLACES = (
    '{ application(reference: "KIP-2026-0001") { municipalities { slug retiredAt } applicant { slug } } }'
)


async def snapshot() -> tuple[Any, ...]:
    return (
        await Organisation.all().count(),
        await Service.all().count(),
        await Relationship.all().count(),
        await AuditRecord.all().count(),
        sorted(await Organisation.all().values_list("slug", "retired_at")),
    )


async def funded_setting() -> dict[str, Any]:
    """Verein A applied for a project in Pratteln; SEM has relationships (seeded)."""
    admin = await factories.user(Role.ADMIN)
    funding_call = await factories.call()
    await factories.organisation("verein-a")
    lead = await factories.user(Role.APPLICANT, email="a@example.org", organisation="verein-a")
    draft = await create_application(actor=lead, values=application_values(funding_call), now=NOW)
    await submit_application(
        actor=lead, application_id=draft.id, message=None, now=NOW, public_url=PUBLIC_URL
    )
    return {"admin": admin, "lead": lead, "ids": await ok(IDS)}


def refusal(
    accounts: int = 0, applications: int = 0, projects: int = 0, relationships: int = 0
) -> dict[str, Any]:
    return {
        "deletedId": None,
        "errors": [
            {
                "field": ["input", "id"],
                "message": f"Still referred to by {accounts} user account(s), {applications} application(s), "
                f"{projects} project(s) taking place there and {relationships} relationship(s): retire the "
                "organisation instead (retired: true), which keeps its history",
                "code": "CONFLICT",
            }
        ],
    }


async def test_organisations_that_records_refer_to_cannot_be_deleted(seeded_db):
    # given: a municipality named by an application, the applicant, and SEM with its relationships
    given = await funded_setting()
    ids, admin = given["ids"], given["admin"]
    before = await snapshot()
    # when: the administrator tries to delete each of them
    place = await ok(DELETE, {"id": ids["pratteln"]["id"]}, actor=admin)
    applicant = await ok(DELETE, {"id": ids["a"]["id"]}, actor=admin)
    sem = await ok(DELETE, {"id": ids["sem"]["id"]}, actor=admin)
    # then: each refusal says what refers to it, and nothing changed
    assert place["deleteOrganisation"] == refusal(projects=1, relationships=1)
    assert applicant["deleteOrganisation"] == refusal(accounts=1, applications=1)
    relationships = (
        await Relationship.filter(source__slug="sem").count()
        + await Relationship.filter(target__slug="sem").count()
    )
    assert relationships > 1
    assert sem["deleteOrganisation"] == refusal(relationships=relationships)
    assert await snapshot() == before
    assert await ok(PROJECT_PLACES, actor=admin) == {
        "application": {
            "municipalities": [{"slug": "pratteln", "retiredAt": None}],
            "applicant": {"slug": "verein-a"},
        }
    }


async def test_a_retired_organisation_leaves_the_lists_but_keeps_its_history(seeded_db):
    # given: a municipality named by an application
    given = await funded_setting()
    ids, admin = given["ids"], given["admin"]
    # when: it is retired
    retired = await ok(RETIRE, {"id": ids["pratteln"]["id"], "retired": True}, actor=admin, now=NOW)
    # then: it carries the date, leaves the default list, and the application still names it
    assert retired["updateOrganisation"] == {
        "organisation": {"slug": "pratteln", "retiredAt": "2026-05-01T09:00:00+00:00"},
        "errors": [],
    }
    assert (await ok(LISTED, {"search": "pratteln", "all": False}))["organisations"] == {
        "totalCount": 0,
        "edges": [],
    }
    assert (await ok(LISTED, {"search": "pratteln", "all": True}))["organisations"] == {
        "totalCount": 1,
        "edges": [{"node": {"slug": "pratteln", "retiredAt": "2026-05-01T09:00:00+00:00"}}],
    }
    assert await ok(PROJECT_PLACES, actor=admin) == {
        "application": {
            "municipalities": [{"slug": "pratteln", "retiredAt": "2026-05-01T09:00:00+00:00"}],
            "applicant": {"slug": "verein-a"},
        }
    }
    # when: it is taken back
    back = await ok(RETIRE, {"id": ids["pratteln"]["id"], "retired": False}, actor=admin)
    # then: it is listed again, and both steps are audited
    assert back["updateOrganisation"] == {
        "organisation": {"slug": "pratteln", "retiredAt": None},
        "errors": [],
    }
    assert (await ok(LISTED, {"search": "pratteln", "all": False}))["organisations"]["totalCount"] == 1
    updates = await AuditRecord.filter(action="organisation.update").order_by("id")
    assert [record.changes for record in updates] == [
        {"retired_at": [None, "2026-05-01T09:00:00+00:00"]},
        {"retired_at": ["2026-05-01T09:00:00+00:00", None]},
    ]
