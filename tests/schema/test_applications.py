"""Applications through the schema: who sees what, filters, paging, bounded SQL, unique references."""

from __future__ import annotations

import asyncio
from typing import Any

from grants.applications import create_application, update_application
from grants.models import FundingCall, Role, User
from grants.review import request_changes, start_review
from grants.submission import submit_application, withdraw_application
from schema.base.node import to_global_id
from tests import factories
from tests.factories import NOW, PUBLIC_URL, application_values
from tests.schema.graphql import ok

LIST = """
query ($filter: ApplicationFilter, $first: Int, $after: String) {
  applications(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { reference status } }
  }
}
"""
NESTED = """
query ($first: Int) {
  applications(first: $first) { edges { node {
    reference call { reference criteria { code } fundingAreas { code } } applicant { slug } fundingArea { code }
    municipalities { slug } budgetLines { amount { amount } } totalCost { amount } targets { indicator { code } value }
    reviews { weightedScore reviewer { email } } award { amount { amount } } events { totalCount }
    viewerCan { edit submit withdraw review decide }
  } } }
}
"""


async def setting() -> tuple[dict[str, User], FundingCall]:
    """Verein A has a draft, two submitted and one in review; Verein B one submitted."""
    funding_call = await factories.call()
    await factories.organisation("verein-a")
    await factories.organisation("verein-b")
    who = {
        "a": await factories.user(Role.APPLICANT, email="a@example.org", organisation="verein-a"),
        "b": await factories.user(Role.APPLICANT, email="b@example.org", organisation="verein-b"),
        "reviewer": await factories.user(Role.REVIEWER),
        "admin": await factories.user(Role.ADMIN),
    }
    for owner, submit, review in (
        ("a", False, False),
        ("a", True, False),
        ("a", True, True),
        ("b", True, False),
        ("a", True, False),
    ):
        draft = await create_application(actor=who[owner], values=application_values(funding_call), now=NOW)
        if submit:
            await submit_application(
                actor=who[owner], application_id=draft.id, message=None, now=NOW, public_url=PUBLIC_URL
            )
        if review:
            await start_review(
                actor=who["reviewer"], application_id=draft.id, message=None, now=NOW, public_url=PUBLIC_URL
            )
    return who, funding_call


def references(data: dict[str, Any]) -> list[str]:
    return [edge["node"]["reference"] for edge in data["applications"]["edges"]]


async def test_each_viewer_sees_only_what_it_may(seeded_db):
    who, _ = await setting()
    everything = ["KIP-2026-0001", "KIP-2026-0002", "KIP-2026-0003", "KIP-2026-0004", "KIP-2026-0005"]
    assert references(await ok(LIST, actor=who["admin"])) == everything[1:]  # no drafts, not even for ADMIN
    assert references(await ok(LIST, actor=who["reviewer"])) == everything[1:]
    assert references(await ok(LIST, actor=who["a"])) == [  # newest first
        "KIP-2026-0005",
        "KIP-2026-0003",
        "KIP-2026-0002",
        "KIP-2026-0001",
    ]
    assert references(await ok(LIST, actor=who["b"])) == ["KIP-2026-0004"]
    assert await ok(LIST) == {
        "applications": {"totalCount": 0, "pageInfo": {"hasNextPage": False, "endCursor": None}, "edges": []}
    }
    assert await ok('{ application(reference: "KIP-2026-0001") { reference } }', actor=who["reviewer"]) == {
        "application": None
    }


async def test_what_staff_never_saw_submitted_stays_invisible_to_them_once_withdrawn(seeded_db):
    # given: one draft withdrawn unsubmitted, one withdrawn after it was sent back for changes
    funding_call = await factories.call()
    await factories.organisation("verein-a")
    lead = await factories.user(Role.APPLICANT, email="a@example.org", organisation="verein-a")
    staff = [
        await factories.user(Role.REVIEWER),
        await factories.user(Role.APPROVER),
        await factories.user(Role.ADMIN),
    ]
    never = await create_application(actor=lead, values=application_values(funding_call), now=NOW)
    await withdraw_application(
        actor=lead, application_id=never.id, message=None, now=NOW, public_url=PUBLIC_URL
    )
    seen = await create_application(actor=lead, values=application_values(funding_call), now=NOW)
    await submit_application(actor=lead, application_id=seen.id, message=None, now=NOW, public_url=PUBLIC_URL)
    await request_changes(
        actor=staff[0], application_id=seen.id, message="Budget?", now=NOW, public_url=PUBLIC_URL
    )
    await withdraw_application(
        actor=lead, application_id=seen.id, message=None, now=NOW, public_url=PUBLIC_URL
    )
    node = '{ node(id: "%s") { ... on Application { reference } } }'
    for member in staff:
        # when: each staff role lists and looks up both
        listed = references(await ok(LIST, actor=member))
        by_reference = await ok('{ application(reference: "KIP-2026-0001") { reference } }', actor=member)
        by_node = await ok(node % application_global_id(never.id), actor=member)
        # then: only the one they saw submitted
        assert (listed, by_reference, by_node) == (["KIP-2026-0002"], {"application": None}, {"node": None})
    # and: the applicant still sees both
    assert references(await ok(LIST, actor=lead)) == ["KIP-2026-0002", "KIP-2026-0001"]


def application_global_id(pk: int) -> str:
    return str(to_global_id("Application", pk))


async def test_filters_and_keyset_pages(seeded_db):
    who, _ = await setting()
    submitted = await ok(LIST, {"filter": {"status": ["SUBMITTED"]}}, actor=who["reviewer"])
    assert references(submitted) == ["KIP-2026-0002", "KIP-2026-0004", "KIP-2026-0005"]
    first = (await ok(LIST, {"first": 2}, actor=who["reviewer"]))["applications"]
    second = (await ok(LIST, {"first": 2, "after": first["pageInfo"]["endCursor"]}, actor=who["reviewer"]))[
        "applications"
    ]
    assert [e["node"]["reference"] for e in first["edges"] + second["edges"]] == [
        "KIP-2026-0002",
        "KIP-2026-0003",
        "KIP-2026-0004",
        "KIP-2026-0005",
    ]
    assert second["pageInfo"]["hasNextPage"] is False
    assert references(await ok(LIST, {"filter": {"search": "0004"}}, actor=who["admin"])) == ["KIP-2026-0004"]


async def test_the_nested_list_issues_as_many_statements_for_5_as_for_30(seeded_db, sql_statements):
    who, funding_call = await setting()
    for _ in range(26):
        draft = await create_application(actor=who["a"], values=application_values(funding_call), now=NOW)
        await submit_application(
            actor=who["a"], application_id=draft.id, message=None, now=NOW, public_url=PUBLIC_URL
        )
    sql_statements.statements.clear()
    small = await ok(NESTED, {"first": 5}, actor=who["admin"])
    small_count = len(sql_statements.statements)
    sql_statements.statements.clear()
    # 30 applications with every list at its longest cost 23,191: under the limit (50 do not fit)
    large = await ok(NESTED, {"first": 30}, actor=who["admin"])
    assert (len(small["applications"]["edges"]), len(large["applications"]["edges"])) == (5, 30)
    assert len(sql_statements.statements) == small_count


async def test_references_stay_unique_when_many_drafts_are_made_at_once(seeded_db):
    funding_call = await factories.call()
    await factories.organisation("verein-a")
    lead = await factories.user(Role.APPLICANT, email="a@example.org", organisation="verein-a")
    made = await asyncio.gather(
        *(create_application(actor=lead, values=application_values(funding_call), now=NOW) for _ in range(20))
    )
    assert sorted(a.reference for a in made) == [f"KIP-2026-{n:04d}" for n in range(1, 21)]


async def test_search_ignores_case_and_accents_like_the_directory(seeded_db):
    # given: applications with accented titles
    funding_call = await factories.call()
    await factories.organisation("verein-a")
    lead = await factories.user(Role.APPLICANT, email="a@example.org", organisation="verein-a")
    for title in ("Café für Mütter in Zürich", "Deutsch im Quartier", "Élan: Français pour tous"):
        draft = await create_application(
            actor=lead, values=application_values(funding_call, title=title), now=NOW
        )
        await submit_application(
            actor=lead, application_id=draft.id, message=None, now=NOW, public_url=PUBLIC_URL
        )
    reviewer = await factories.user(Role.REVIEWER)
    found = {}
    for term in (
        "cafe",
        "MUETTER",
        "mutter zurich",
        "élan",
        "francais",
        "kip-2026-0002",
        "quartier deutsch",
        "nothing",
    ):
        # when
        data = await ok(LIST, {"filter": {"search": term}}, actor=reviewer)
        found[term] = references(data)
    # then
    assert found == {
        "cafe": ["KIP-2026-0001"],
        "MUETTER": ["KIP-2026-0001"],
        "mutter zurich": ["KIP-2026-0001"],
        "élan": ["KIP-2026-0003"],
        "francais": ["KIP-2026-0003"],
        "kip-2026-0002": ["KIP-2026-0002"],
        "quartier deutsch": ["KIP-2026-0002"],
        "nothing": [],
    }
    # and: a renamed draft is found by its new title
    draft = await create_application(
        actor=lead, values=application_values(funding_call, title="Alt"), now=NOW
    )
    await update_application(
        actor=lead,
        application_id=draft.id,
        version=draft.version,
        values={"title": "Neuer Näh-Kurs"},
        now=NOW,
    )
    assert references(await ok(LIST, {"filter": {"search": "nah-kurs"}}, actor=lead)) == ["KIP-2026-0004"]
