"""Funding calls through the schema: admin-only, validated, status by the clock, budget guarded."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from grants.models import AuditRecord, FundingCall, Role
from tests import factories
from tests.schema.graphql import ok, run

CREATE = """
mutation ($input: CreateFundingCallInput!) {
  createFundingCall(input: $input) { call { id reference status title budget { amount currency } fundingAreas { code } } errors { field message code } }
}
"""
UPDATE = """
mutation ($input: UpdateFundingCallInput!) {
  updateFundingCall(input: $input) { call { budget { amount } closesAt } errors { field message code } }
}
"""
CLOSE = "mutation ($id: ID!) { closeFundingCall(input: {id: $id}) { call { status } errors { field message code } } }"
CALLS = "query ($status: CallStatus) { fundingCalls(status: $status) { reference status } }"
MARCH = datetime(2026, 3, 15, tzinfo=UTC)
GOOD: dict[str, Any] = {
    "programme": "KIP3",
    "title": "Frühe Kindheit 2026",
    "fundingAreas": ["KIP3_EARLY_CHILDHOOD"],
    "opensAt": "2026-04-01T00:00:00Z",
    "closesAt": "2026-06-30T00:00:00Z",
    "budget": {"amount": "80000.00"},
    "criteria": [{"code": "impact", "name": "Wirkung", "weight": 1.5}],
}


async def test_an_admin_opens_a_call_that_follows_the_clock(seeded_db):
    admin = await factories.user(Role.ADMIN)
    made = (await ok(CREATE, {"input": GOOD}, actor=admin, now=MARCH))["createFundingCall"]
    assert made["errors"] == []
    assert made["call"] | {"id": None} == {
        "id": None,
        "reference": "CALL-2026-01",
        "status": "UPCOMING",
        "title": "Frühe Kindheit 2026",
        "budget": {"amount": "80000.00", "currency": "CHF"},
        "fundingAreas": [{"code": "KIP3_EARLY_CHILDHOOD"}],
    }
    for moment, status in (
        (datetime(2026, 5, 1, tzinfo=UTC), "OPEN"),
        (datetime(2026, 7, 1, tzinfo=UTC), "CLOSED"),
    ):
        assert (await ok(CALLS, {"status": status}, now=moment))["fundingCalls"] == [
            {"reference": "CALL-2026-01", "status": status}
        ]
    assert (await ok(CALLS, {"status": "OPEN"}, now=MARCH))["fundingCalls"] == []


async def test_bad_call_input_gets_every_problem_and_creates_nothing(seeded_db):
    admin = await factories.user(Role.ADMIN)
    bad = GOOD | {
        "fundingAreas": ["KIP3_EARLY_CHILDHOOD", "EARLY_SUPPORT"],
        "closesAt": "2026-03-01T00:00:00Z",
        "budget": {"amount": "-5.00"},
        "maxAmountPerApplication": {"amount": "100.00", "currency": "EUR"},
        "criteria": [{"code": "A", "name": "Eins", "weight": 0}, {"code": "a", "name": "", "weight": 1}],
    }
    made = (await ok(CREATE, {"input": bad}, actor=admin, now=MARCH))["createFundingCall"]
    assert made == {
        "call": None,
        "errors": [
            {
                "field": ["input", "closesAt"],
                "message": "The call must close after it opens",
                "code": "INVALID",
            },
            {"field": ["input", "budget", "amount"], "message": "Must be more than 0", "code": "INVALID"},
            {
                "field": ["input", "maxAmountPerApplication", "currency"],
                "message": "Amounts are in CHF, not 'EUR'",
                "code": "INVALID",
            },
            {
                "field": ["input", "criteria", "0", "weight"],
                "message": "A weight is a number above 0 and at most 100",
                "code": "INVALID",
            },
            {
                "field": ["input", "criteria", "1", "code"],
                "message": "The code 'A' is used twice",
                "code": "INVALID",
            },
            {
                "field": ["input", "criteria", "1", "name"],
                "message": "A criterion needs a name",
                "code": "INVALID",
            },
            {
                "field": ["input", "fundingAreas", "1"],
                "message": "'EARLY_SUPPORT' is not a funding area of KIP3",
                "code": "INVALID",
            },
        ],
    }
    unknown = (await ok(CREATE, {"input": GOOD | {"programme": "KIP9"}}, actor=admin, now=MARCH))[
        "createFundingCall"
    ]
    assert unknown["errors"] == [
        {"field": ["input", "programme"], "message": "No programme 'KIP9'", "code": "NOT_FOUND"}
    ]
    reviewer = await factories.user(Role.REVIEWER)
    forbidden = (await ok(CREATE, {"input": GOOD}, actor=reviewer, now=MARCH))["createFundingCall"]
    assert forbidden["errors"] == [
        {"field": [], "message": "You are not allowed to do this", "code": "FORBIDDEN"}
    ]
    assert await FundingCall.all().count() == 0
    assert await AuditRecord.filter(action="call.create").count() == 0


PLAN = """
mutation ($input: CreateFundingCallInput!) {
  createFundingCall(input: $input) { call { reference } errors { field message code } }
}
"""


async def test_the_payment_plan_is_configurable_and_must_add_up(seeded_db):
    admin = await factories.user(Role.ADMIN)
    wrong = [{"share": "0.5", "due": "PROJECT_START"}, {"share": "0.4", "due": "FINAL_REPORT"}]
    refused = (await ok(PLAN, {"input": GOOD | {"tranchePlan": wrong}}, actor=admin, now=MARCH))[
        "createFundingCall"
    ]
    assert refused["errors"] == [
        {"field": ["input", "tranchePlan"], "message": "The shares must add up to 1", "code": "INVALID"},
    ]
    tiny = [{"share": "0.995", "due": "PROJECT_START"}, {"share": "0.005", "due": "FINAL_REPORT"}]
    refused = (await ok(PLAN, {"input": GOOD | {"tranchePlan": tiny}}, actor=admin, now=MARCH))[
        "createFundingCall"
    ]
    assert refused["errors"] == [
        {
            "field": ["input", "tranchePlan", "1", "share"],
            "message": "A share lies between 0.01 and 1",
            "code": "INVALID",
        },
    ]
    unknown_milestone = [{"share": "1", "due": "HALFTIME"}]
    data, errors = await run(
        PLAN, {"input": GOOD | {"tranchePlan": unknown_milestone}}, actor=admin, now=MARCH
    )
    assert data is None
    assert [error["message"] for error in errors] == [
        "Variable '$input' has invalid value at .tranchePlan[0].due: Value 'HALFTIME' does not exist in 'Milestone' enum."
    ]
    assert await FundingCall.all().count() == 0
    thirds = [{"share": "0.7", "due": "PROJECT_START"}, {"share": "0.3", "due": "FINAL_REPORT"}]
    made = (await ok(PLAN, {"input": GOOD | {"tranchePlan": thirds}}, actor=admin, now=MARCH))[
        "createFundingCall"
    ]
    assert made["errors"] == []
    stored = await FundingCall.get(reference=made["call"]["reference"])
    assert stored.tranche_plan == [
        {"share": "0.7", "due": "PROJECT_START"},
        {"share": "0.3", "due": "FINAL_REPORT"},
    ]


async def test_the_budget_never_drops_below_what_is_committed_and_early_close_is_once(seeded_db):
    admin = await factories.user(Role.ADMIN)
    call_id = (await ok(CREATE, {"input": GOOD}, actor=admin, now=MARCH))["createFundingCall"]["call"]["id"]
    await FundingCall.filter(reference="CALL-2026-01").update(committed_cents=5_000_000)  # 50,000 awarded
    lower = (await ok(UPDATE, {"input": {"id": call_id, "budget": {"amount": "49999.99"}}}, actor=admin))[
        "updateFundingCall"
    ]
    assert lower == {
        "call": None,
        "errors": [
            {
                "field": ["input", "budget"],
                "message": "The budget cannot be less than the awards already made",
                "code": "BUDGET_EXCEEDED",
            }
        ],
    }
    assert (await FundingCall.get(reference="CALL-2026-01")).budget_cents == 8_000_000
    raised = (await ok(UPDATE, {"input": {"id": call_id, "budget": {"amount": "90000.00"}}}, actor=admin))[
        "updateFundingCall"
    ]
    assert raised["call"]["budget"] == {"amount": "90000.00"}
    may = datetime(2026, 5, 1, tzinfo=UTC)
    closed = (await ok(CLOSE, {"id": call_id}, actor=admin, now=may))["closeFundingCall"]
    assert closed == {"call": {"status": "CLOSED"}, "errors": []}
    again = (await ok(CLOSE, {"id": call_id}, actor=admin, now=may))["closeFundingCall"]
    assert again["errors"] == [
        {"field": ["input", "id"], "message": "The call is closed already", "code": "INVALID_TRANSITION"}
    ]
    assert [r.action for r in await AuditRecord.filter(entity_type="FundingCall").order_by("id")] == [
        "call.create",
        "call.update",
        "call.update",
    ]
