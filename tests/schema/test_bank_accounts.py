"""Bank accounts and tranche payments through the schema: who sees the account, the refusals' field
paths, and that no public (cached) answer ever carries an account."""

from __future__ import annotations

from datetime import UTC, datetime

from grants.models import BankAccount, Organisation, Role
from schema.base.node import to_global_id
from tests import factories
from tests.factories import IBAN_CH
from tests.factories_payments import approved, people
from tests.schema.graphql import ok, run
from tests.schema.test_public_cache import Harness

ACCOUNT = "query ($slug: String!) { organisation(slug: $slug) { slug bankAccount { iban holder } } }"
UPDATE = """
mutation ($input: UpdateBankAccountInput!) {
  updateBankAccount(input: $input) { organisation { slug bankAccount { iban holder } } errors { field code message } }
}
"""
START = """
mutation ($input: TranchePaymentInput!) {
  startTranchePayment(input: $input) {
    application { award { tranches { position paymentStartedAt paidTo { iban holder } } } }
    errors { field code message }
  }
}
"""
CANCEL = """
mutation ($input: TranchePaymentInput!) {
  cancelTranchePayment(input: $input) { application { award { tranches { paymentStartedAt paidTo { iban } } } }
    errors { field code message } }
}
"""
DUE = """
query ($day: Date!) {
  duePayments(dueBefore: $day) {
    totalCount items { reference tranche amount { amount } dueOn status bankAccount { iban holder } }
  }
}
"""
NOW = datetime(2026, 8, 1, 8, 0, tzinfo=UTC)
SHOWN = {"iban": IBAN_CH, "holder": "Verein A"}


async def test_the_account_is_shown_to_its_members_and_staff_and_null_to_everyone_else(seeded_db):
    # given an organisation with an account, and another organisation's member
    who = await people()
    await factories.bank_account("verein-a")
    await factories.organisation("verein-b")
    foreign = await factories.user(Role.APPLICANT, email="x@verein-b.example", organisation="verein-b")
    # then members and every staff role see it; anonymous callers and foreign applicants get null
    for actor in (who["a"], who["reviewer"], who["approver"], who["admin"]):
        assert (await ok(ACCOUNT, {"slug": "verein-a"}, actor=actor))["organisation"]["bankAccount"] == SHOWN
    for outsider in (None, foreign):
        assert await ok(ACCOUNT, {"slug": "verein-a"}, actor=outsider) == {
            "organisation": {"slug": "verein-a", "bankAccount": None}
        }


async def test_no_cached_public_answer_carries_the_account(seeded_db):
    who = await people()
    await factories.bank_account("verein-a")
    harness = Harness()
    # an anonymous answer is kept, then a member asks the same, then anonymous again
    (anonymous, _), _ = await harness.run(ACCOUNT, {"slug": "verein-a"})
    (member, _), _ = await harness.run(ACCOUNT, {"slug": "verein-a"}, actor=who["a"], token="t")
    (again, _), _ = await harness.run(ACCOUNT, {"slug": "verein-a"})
    assert anonymous == again == {"organisation": {"slug": "verein-a", "bankAccount": None}}
    assert member["organisation"]["bankAccount"] == SHOWN
    kept = [value for value, _ in harness.results.cache._entries.values()]
    assert kept
    assert [IBAN_CH.encode() in value for value in kept] == [False] * len(kept)
    harness.freshness.close()


async def test_update_answers_the_account_and_refusals_name_their_fields(seeded_db):
    who = await people()
    given = {"organisation": "verein-a", "iban": "ch93 0076 2011 6238 5295 7", "holder": "  Verein A "}
    answer = (await ok(UPDATE, {"input": given}, actor=who["b"]))["updateBankAccount"]
    assert answer == {"organisation": {"slug": "verein-a", "bankAccount": SHOWN}, "errors": []}
    # a German IBAN and no holder, in French
    data, _ = await run(
        UPDATE,
        {"input": {**given, "iban": "DE89 3704 0044 0532 0130 00", "holder": " "}},
        actor=who["a"],
        languages=("fr",),
    )
    assert data == {
        "updateBankAccount": {
            "organisation": None,
            "errors": [
                {
                    "field": ["input", "iban"],
                    "code": "INVALID",
                    "message": "Seuls des IBAN suisses (CH) ou liechtensteinois (LI) peuvent être payés ; "
                    "celui-ci est de DE",
                },
                {
                    "field": ["input", "holder"],
                    "code": "INVALID",
                    "message": "Saisissez le nom du titulaire du compte",
                },
            ],
        }
    }
    data, _ = await run(UPDATE, {"input": given}, actor=who["reviewer"])
    assert data == {
        "updateBankAccount": {
            "organisation": None,
            "errors": [{"field": [], "code": "FORBIDDEN", "message": "You are not allowed to do this"}],
        }
    }
    organisation = await Organisation.get(slug="verein-a")
    assert await BankAccount.filter(organisation_id=organisation.id).values_list("iban", "holder") == [
        (IBAN_CH, "Verein A")
    ]


async def test_staff_hand_a_tranche_over_list_it_and_take_it_back(seeded_db):
    who = await people()
    application = await approved(who)
    tranche = {"application": to_global_id("Application", application.id), "tranche": 0}
    # without an account: refused at the tranche
    data, _ = await run(START, {"input": tranche}, actor=who["approver"], now=NOW)
    assert data == {
        "startTranchePayment": {
            "application": None,
            "errors": [
                {
                    "field": ["input", "tranche"],
                    "code": "INVALID_TRANSITION",
                    "message": "The organisation has no bank account yet; its members or staff enter one first",
                }
            ],
        }
    }
    await factories.bank_account("verein-a")
    started = (await ok(START, {"input": tranche}, actor=who["approver"], now=NOW))["startTranchePayment"]
    assert started["application"]["award"]["tranches"] == [
        {"position": 0, "paymentStartedAt": "2026-08-01T08:00:00+00:00", "paidTo": SHOWN},
        {"position": 1, "paymentStartedAt": None, "paidTo": None},
    ]
    # the account is frozen meanwhile
    data, _ = await run(
        UPDATE,
        {"input": {"organisation": "verein-a", "iban": "CH5604835012345678009", "holder": "X"}},
        actor=who["a"],
    )
    assert data is not None
    assert [e["code"] for e in data["updateBankAccount"]["errors"]] == ["CONFLICT"]
    due = (await ok(DUE, {"day": "2027-12-31"}, actor=who["reviewer"]))["duePayments"]
    assert due == {
        "totalCount": 2,
        "items": [
            {
                "reference": application.reference,
                "tranche": 0,
                "amount": {"amount": "28000.00"},
                "dueOn": "2026-08-01",
                "status": "BEING_PAID",
                "bankAccount": SHOWN,
            },
            {
                "reference": application.reference,
                "tranche": 1,
                "amount": {"amount": "7000.00"},
                "dueOn": "2027-07-31",
                "status": "AWAITING_FINAL_REPORT",
                "bankAccount": SHOWN,
            },
        ],
    }
    cancelled = (await ok(CANCEL, {"input": tranche}, actor=who["admin"], now=NOW))["cancelTranchePayment"]
    assert cancelled == {
        "application": {"award": {"tranches": [{"paymentStartedAt": None, "paidTo": None}] * 2}},
        "errors": [],
    }
    # applicants get no due list
    data, errors = await run(DUE, {"day": "2027-12-31"}, actor=who["a"])
    assert data is None
    assert [e["message"] for e in errors] == ["You are not allowed to do this"]
