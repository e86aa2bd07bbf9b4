"""Parsing what clients send: one parser each for decimals, global IDs and codes; hostile input gets a clean refusal."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from typing import Any

from grants.applications import create_application
from grants.models import AuditRecord, FundingCall, Review, Role
from grants.review import start_review
from grants.submission import submit_application
from schema.base.scalars import MESSAGE
from tests import factories
from tests.factories import NOW, PUBLIC_URL, application_values
from tests.schema.graphql import ok, run

CREATE_CALL = """
mutation ($input: CreateFundingCallInput!) {
  createFundingCall(input: $input) { call { reference criteria { code } } errors { field message code } }
}
"""
CALL: dict[str, Any] = {
    "programme": "KIP3",
    "title": "Frühe Kindheit 2026",
    "fundingAreas": ["kip3_early_childhood"],
    "opensAt": "2026-04-01T00:00:00Z",
    "closesAt": "2026-06-30T00:00:00Z",
    "budget": {"amount": "80000.00"},
    "criteria": [
        {"code": "need", "name": "Bedarf", "weight": 1},
        {"code": "quality", "name": "Qualität", "weight": 2},
    ],
}
MARCH = datetime(2026, 3, 15, tzinfo=UTC)
HOSTILE_DECIMALS: list[Any] = [
    "1e400",
    1e308,
    "٣",
    "1_000",
    "NaN",
    "sNaN",
    "Infinity",
    "1,5",
    " 12",
    "0x10",
    "9" * 40,
]


LITERALS = ["1e400", "-1e308", '"sNaN"', '"٣"', "9" * 5000, "true"]
LITERAL_CALL = """
mutation { createFundingCall(input: {programme: "KIP3", title: "T", fundingAreas: ["KIP3_EARLY_CHILDHOOD"],
  opensAt: "2026-04-01T00:00:00Z", closesAt: "2026-06-30T00:00:00Z", budget: {amount: %s},
  criteria: [{code: "A", name: "A", weight: 1}]}) { call { reference } } }
"""


async def test_decimals_are_digits_with_an_optional_point_or_a_clean_request_error(seeded_db):
    # given
    admin = await factories.user(Role.ADMIN)
    audited = await AuditRecord.all().count()
    # when: hostile decimals arrive in variables and in the document
    in_variables = [
        await run(CREATE_CALL, {"input": CALL | {"budget": {"amount": amount}}}, actor=admin, now=MARCH)
        for amount in HOSTILE_DECIMALS
    ]
    in_document = [await run(LITERAL_CALL % literal, actor=admin, now=MARCH) for literal in LITERALS]
    # then: each is a request error saying what a decimal is, and nothing was made
    assert [(data, [e["message"] for e in errors]) for data, errors in in_variables] == [
        (None, [f"Variable '$input' has invalid value at .budget.amount: {MESSAGE}"])
    ] * len(HOSTILE_DECIMALS)
    assert [(data, [e["message"] for e in errors]) for data, errors in in_document] == [
        (None, [MESSAGE])
    ] * len(LITERALS)
    assert (await FundingCall.all().count(), await AuditRecord.all().count()) == (0, audited)


async def test_plain_decimals_as_text_or_numbers_are_taken(seeded_db):
    admin = await factories.user(Role.ADMIN)
    for amount, reference in (
        ("80000.5", "CALL-2026-01"),
        (80000, "CALL-2026-02"),
        (80000.25, "CALL-2026-03"),
    ):
        made = await ok(CREATE_CALL, {"input": CALL | {"budget": {"amount": amount}}}, actor=admin, now=MARCH)
        assert made["createFundingCall"]["call"]["reference"] == reference
    assert [call.budget_cents for call in await FundingCall.all().order_by("id")] == [
        8_000_050,
        8_000_000,
        8_000_025,
    ]


def global_id(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


HOSTILE_KEYS = ["٣", "²", "①", "１", "0", "-1", "1.0", " 1", "1 ", "2147483648", "9" * 400, "1e3", ""]


async def test_global_ids_whose_key_is_not_plain_ascii_digits_name_nothing(seeded_db):
    # given: an application in review, and a reviewer
    funding_call = await factories.call()
    await factories.organisation("verein-a")
    lead = await factories.user(Role.APPLICANT, email="a@example.org", organisation="verein-a")
    reviewer = await factories.user(Role.REVIEWER)
    draft = await create_application(actor=lead, values=application_values(funding_call), now=NOW)
    await submit_application(
        actor=lead, application_id=draft.id, message=None, now=NOW, public_url=PUBLIC_URL
    )
    answers = []
    for key in HOSTILE_KEYS:
        hostile = global_id(f"Application:{key}")
        # when: the ID is looked up and acted on
        found = await ok("query ($id: ID!) { node(id: $id) { id } }", {"id": hostile}, actor=reviewer)
        acted = await ok(
            "mutation ($id: ID!) { startReview(input: {id: $id}) { application { id } errors { field code } } }",
            {"id": hostile},
            actor=reviewer,
        )
        answers.append((found, acted))
    # then: nothing is found, each refusal is a clean NOT_FOUND, and nothing moved
    refused = {
        "startReview": {"application": None, "errors": [{"field": ["input", "id"], "code": "NOT_FOUND"}]}
    }
    assert answers == [({"node": None}, refused)] * len(HOSTILE_KEYS)
    assert (await ok('{ application(reference: "KIP-2026-0001") { status } }', actor=reviewer)) == {
        "application": {"status": "SUBMITTED"}
    }


SCORE = """
mutation ($input: SubmitReviewInput!) {
  submitReview(input: $input) { review { scores { criterion { code } score } } errors { field message code } }
}
"""


async def test_criterion_codes_are_the_same_however_they_are_typed(seeded_db):
    # given: a call whose criteria were typed in lower case, and an application in review under it
    admin = await factories.user(Role.ADMIN)
    made = await ok(
        CREATE_CALL, {"input": CALL | {"opensAt": "2026-03-01T00:00:00Z"}}, actor=admin, now=MARCH
    )
    assert made["createFundingCall"]["call"]["criteria"] == [{"code": "NEED"}, {"code": "QUALITY"}]
    funding_call = await FundingCall.get(reference="CALL-2026-01")
    await factories.organisation("verein-a")
    lead = await factories.user(Role.APPLICANT, email="a@example.org", organisation="verein-a")
    reviewer = await factories.user(Role.REVIEWER)
    values = application_values(funding_call, funding_area="kip3_early_childhood")
    draft = await create_application(actor=lead, values=values, now=MARCH)
    await submit_application(
        actor=lead, application_id=draft.id, message=None, now=MARCH, public_url=PUBLIC_URL
    )
    await start_review(
        actor=reviewer, application_id=draft.id, message=None, now=MARCH, public_url=PUBLIC_URL
    )
    # when: a reviewer scores with the codes as the call's author typed them
    scores = [{"criterion": "need", "score": 4}, {"criterion": " Quality", "score": 3}]
    reference = global_id(f"Application:{draft.id}")
    scored = await ok(
        SCORE,
        {"input": {"application": reference, "scores": scores, "recommendation": "APPROVE"}},
        actor=reviewer,
    )
    # then
    assert scored["submitReview"] == {
        "review": {
            "scores": [
                {"criterion": {"code": "NEED"}, "score": 4},
                {"criterion": {"code": "QUALITY"}, "score": 3},
            ]
        },
        "errors": [],
    }
    assert await Review.all().count() == 1


LONG = "a" * 700


async def test_keys_longer_than_any_record_name_nothing_instead_of_failing(seeded_db):
    # given: an administrator and a cursor whose key is longer than any name, after every name
    admin = await factories.user(Role.ADMIN)
    after = base64.urlsafe_b64encode(
        json.dumps(["Organisation", "sort_name:asc", "z" * 700, 1]).encode()
    ).decode()
    # when: records are looked up by keys longer than their columns
    looked_up = await ok(
        "query ($slug: String!, $ref: String!) { organisation(slug: $slug) { id } application(reference: $ref) { id } }",
        {"slug": LONG, "ref": LONG},
        actor=admin,
    )
    created = await ok(
        'mutation ($p: String!) { createService(input: {provider: $p, name: {de: "Kurs"}}) { errors { field code } } }',
        {"p": LONG},
        actor=admin,
    )
    logged_in = await ok(
        'mutation ($e: String!) { login(input: {email: $e, password: "x"}) { token errors { code } } }',
        {"e": f"{LONG}@example.org"},
    )
    paged = await ok(
        "query ($a: String!) { organisations(after: $a, first: 2) { edges { cursor } } }", {"a": after}
    )
    # then: nothing is found, clean refusals
    assert looked_up == {"organisation": None, "application": None}
    assert created == {"createService": {"errors": [{"field": ["input", "provider"], "code": "NOT_FOUND"}]}}
    assert logged_in == {"login": {"token": None, "errors": [{"code": "UNAUTHENTICATED"}]}}
    assert paged == {"organisations": {"edges": []}}
