"""Sorting and paging applications: every order walks page by page without gaps, crafted cursors are refused."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta
from typing import Any

from grants.applications import create_application
from grants.models import FundingCall, Role, User
from grants.review import request_changes, start_review
from grants.submission import submit_application
from tests import factories
from tests.factories import NOW, PUBLIC_URL, application_values
from tests.schema.graphql import ok, run

PAGE = """
query ($first: Int, $after: String, $order: ApplicationOrder) {
  applications(first: $first, after: $after, orderBy: $order) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { reference } }
  }
}
"""


def at(hours: int) -> datetime:
    return NOW + timedelta(hours=hours)


async def five_applications() -> dict[str, User]:
    """1 SUBMITTED (call A), 2 IN_REVIEW (call B, closes first), 3 DRAFT (A), 4 CHANGES_REQUESTED (B), 5 DRAFT (A)."""
    call_a = await factories.call()
    call_b = await factories.call()
    await FundingCall.filter(id=call_b.id).update(closes_at=datetime(2026, 5, 31, tzinfo=UTC))
    await factories.organisation("verein-a")
    who = {
        "lead": await factories.user(Role.APPLICANT, email="a@example.org", organisation="verein-a"),
        "reviewer": await factories.user(Role.REVIEWER),
    }
    plan = [
        (call_a, 4, None),
        (call_b, 3, "review"),
        (call_a, None, None),
        (call_b, 5, "changes"),
        (call_a, None, None),
    ]
    for position, (funding_call, submitted, then) in enumerate(plan, start=1):
        draft = await create_application(
            actor=who["lead"], values=application_values(funding_call), now=at(position)
        )
        if submitted is not None:
            await submit_application(
                actor=who["lead"],
                application_id=draft.id,
                message=None,
                now=at(submitted),
                public_url=PUBLIC_URL,
            )
        if then == "review":
            await start_review(
                actor=who["reviewer"], application_id=draft.id, message=None, now=at(6), public_url=PUBLIC_URL
            )
        if then == "changes":
            await request_changes(
                actor=who["reviewer"],
                application_id=draft.id,
                message="Budget?",
                now=at(6),
                public_url=PUBLIC_URL,
            )
    return who


async def walk(actor: User, order: dict[str, str] | None, size: int = 2) -> list[int]:
    """Every reference of the list, page by page; the numbers only (KIP-2026-000N -> N)."""
    seen: list[int] = []
    after = None
    while True:
        page = (await ok(PAGE, {"first": size, "after": after, "order": order}, actor=actor))["applications"]
        seen += [int(edge["node"]["reference"][-4:]) for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return seen
        after = page["pageInfo"]["endCursor"]


ORDERS = [
    ("CREATED_AT", "ASC", [1, 2, 3, 4, 5]),
    ("CREATED_AT", "DESC", [5, 4, 3, 2, 1]),
    ("SUBMITTED_AT", "ASC", [2, 1, 4, 3, 5]),  # never submitted last
    ("SUBMITTED_AT", "DESC", [4, 1, 2, 5, 3]),
    ("DEADLINE", "ASC", [2, 4, 1, 3, 5]),
    ("DEADLINE", "DESC", [5, 3, 1, 4, 2]),
    ("STATUS", "ASC", [4, 3, 5, 2, 1]),
    ("STATUS", "DESC", [1, 2, 5, 3, 4]),
]


async def test_every_order_walks_the_applicants_list_page_by_page(seeded_db):
    who = await five_applications()
    assert await walk(who["lead"], None) == [5, 4, 3, 2, 1]  # applicants: newest first
    for field, direction, expected in ORDERS:
        for size in (1, 2, 3):
            assert await walk(who["lead"], {"field": field, "direction": direction}, size) == expected, (
                field,
                direction,
                size,
            )


async def test_staff_work_the_oldest_submission_first_and_may_sort_otherwise(seeded_db):
    who = await five_applications()
    assert await walk(who["reviewer"], None) == [2, 1, 4]
    assert await walk(who["reviewer"], {"field": "DEADLINE", "direction": "ASC"}) == [2, 4, 1]
    assert await walk(who["reviewer"], {"field": "STATUS", "direction": "DESC"}) == [1, 2, 4]


async def test_first_zero_tells_whether_there_is_anything(seeded_db):
    who = await five_applications()
    empty_page = (await ok(PAGE, {"first": 0}, actor=who["lead"]))["applications"]
    assert empty_page == {"totalCount": 5, "pageInfo": {"hasNextPage": True, "endCursor": None}, "edges": []}
    last = (await ok(PAGE, {"first": 5}, actor=who["lead"]))["applications"]["pageInfo"]["endCursor"]
    after_last = (await ok(PAGE, {"first": 0, "after": last}, actor=who["lead"]))["applications"]
    assert after_last["pageInfo"]["hasNextPage"] is False
    nested = await ok(
        '{ organisation(slug: "ald") { services(first: 0) { totalCount pageInfo { hasNextPage } } } }'
    )
    assert nested["organisation"]["services"]["pageInfo"]["hasNextPage"] is (
        nested["organisation"]["services"]["totalCount"] > 0
    )


def cursor(*parts: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(parts)).encode()).decode()


CRAFTED = [
    cursor("Application", "id:desc", 2, 1),  # another order's cursor
    cursor("Application", "id:asc", 2**40, 1),
    cursor("Application", "id:asc", 1, 2**31),
    cursor("Application", "id:asc", -1, 1),
    cursor("Application", "id:asc", True, 1),
    cursor("Application", "id:asc", 1.5, 1),
    cursor("Application", "id:asc", "1", 1),
    cursor("Organisation", "sort_name:asc", "a", 1),
    base64.urlsafe_b64encode(('["Application","id:asc",' + "9" * 5000 + ",1]").encode()).decode(),
    base64.urlsafe_b64encode(("[" * 2000 + "]" * 2000).encode()).decode(),  # deeper than json.loads goes
    "%%%",
    "",
]
CRAFTED_SUBMITTED = [
    cursor("Application", "submitted_at:asc", "not a time", 1),
    cursor("Application", "submitted_at:asc", "2026-05-01T10:00:00", 1),  # no time zone
    cursor("Application", "submitted_at:asc", "2026-05-01T10:00:00+00:00", 99999999999),
    cursor("Application", "submitted_at:asc", "x" * 5000, 1),
]


async def test_crafted_cursors_are_a_clean_refusal(seeded_db):
    who = await five_applications()
    refusals = []
    for crafted in CRAFTED + CRAFTED_SUBMITTED:
        field = "SUBMITTED_AT" if crafted in CRAFTED_SUBMITTED else "CREATED_AT"
        variables = {"first": 2, "after": crafted, "order": {"field": field, "direction": "ASC"}}
        _, errors = await run(PAGE, variables, actor=who["lead"])
        refusals.append([(error["message"], error["extensions"]) for error in errors])
    assert refusals == [
        [("The cursor is not valid for this list", {"code": "INVALID", "field": ["after"]})]
    ] * len(CRAFTED + CRAFTED_SUBMITTED)
