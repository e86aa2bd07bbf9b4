"""The user list and invitations through the schema: filters, paging, who sees it, and bad input."""

from __future__ import annotations

from grants.models import AccountToken, Role, User
from schema.base.node import to_global_id
from tests import factories
from tests.schema.graphql import ok

USERS = """
query ($filter: UserFilter, $first: Int, $after: String) {
  users(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { email role active language organisation { slug } } }
  }
}
"""
INVITE = """
mutation ($input: InviteUserInput!) {
  inviteUser(input: $input) { user { email } errors { field code } }
}
"""


async def _people() -> User:
    admin = await factories.user(Role.ADMIN)
    await factories.user(Role.APPLICANT, email="lead@ald.ch", organisation="ald")
    await factories.user(Role.APPLICANT, email="anna@fibl.example.org", organisation="fibl")
    await factories.user(Role.REVIEWER)
    return admin


async def test_an_admin_filters_and_pages_the_users(seeded_db, sql_statements):
    # given
    admin = await _people()
    # when
    sql_statements.statements.clear()
    applicants = await ok(USERS, {"filter": {"role": ["APPLICANT"]}, "first": 1}, actor=admin)
    statements = len(sql_statements.statements)
    rest = await ok(
        USERS,
        {"filter": {"role": ["APPLICANT"]}, "after": applicants["users"]["pageInfo"]["endCursor"]},
        actor=admin,
    )
    searched = await ok(USERS, {"filter": {"search": "ALD", "active": True}}, actor=admin)
    by_organisation = await ok(USERS, {"filter": {"organisation": "fibl"}}, actor=admin)
    # then: alphabetical by address, one statement for the page, one for the count, one for organisations
    assert applicants["users"]["totalCount"] == 2
    assert [e["node"]["email"] for e in applicants["users"]["edges"]] == ["anna@fibl.example.org"]
    assert applicants["users"]["pageInfo"]["hasNextPage"] is True
    assert [e["node"]["email"] for e in rest["users"]["edges"]] == ["lead@ald.ch"]
    assert [e["node"] for e in searched["users"]["edges"]] == [
        {
            "email": "lead@ald.ch",
            "role": "APPLICANT",
            "active": True,
            "language": "de",
            "organisation": {"slug": "ald"},
        }
    ]
    assert [e["node"]["email"] for e in by_organisation["users"]["edges"]] == ["anna@fibl.example.org"]
    assert statements == 3


async def test_no_one_but_an_admin_sees_the_users(seeded_db):
    await _people()
    for email in ("lead@ald.ch", "reviewer@example.org"):
        actor = await User.get(email=email)
        assert await ok(USERS, actor=actor) == {"users": None}
    assert await ok(USERS) == {"users": None}


async def test_inviting_needs_a_signed_in_person(seeded_db):
    data = await ok(INVITE, {"input": {"email": "x@ald.ch", "role": "APPLICANT", "organisation": "ald"}})
    assert data["inviteUser"] == {"user": None, "errors": [{"field": [], "code": "UNAUTHENTICATED"}]}
    assert await User.filter(email="x@ald.ch").count() == 0
    assert await AccountToken.all().count() == 0


USER_NODE = """
query ($id: ID!) { node(id: $id) { ... on User { email role active } } }
"""


async def test_an_admin_reads_any_account_by_its_id_others_only_their_own(seeded_db):
    # given
    admin = await _people()
    reviewer = await User.get(email="reviewer@example.org")
    lead = await User.get(email="lead@ald.ch")
    reviewer_id = to_global_id("User", reviewer.id)
    # when
    by_admin = await ok(USER_NODE, {"id": reviewer_id}, actor=admin)
    by_herself = await ok(USER_NODE, {"id": reviewer_id}, actor=reviewer)
    by_applicant = await ok(USER_NODE, {"id": reviewer_id}, actor=lead)
    by_anonymous = await ok(USER_NODE, {"id": reviewer_id})
    # then
    assert by_admin == {"node": {"email": "reviewer@example.org", "role": "REVIEWER", "active": True}}
    assert by_herself == by_admin
    assert by_applicant == {"node": None}
    assert by_anonymous == {"node": None}
