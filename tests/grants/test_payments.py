"""Paying tranches on a database: handed to the finance office, taken back, marked paid; the due list."""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from grants.errors import DomainError, ErrorCode
from grants.models import AuditRecord, OutboxMessage, PaymentTranche, Role
from grants.payment_list import DueTranche, due_tranches, payment_rows
from grants.payments import cancel_tranche_payment, mark_tranche_paid, start_tranche_payment
from tests import factories
from tests.factories import IBAN_CH, PUBLIC_URL
from tests.factories_payments import approved, people

HANDED_OVER = datetime(2026, 8, 1, 8, 0, tzinfo=UTC)


async def refused(action: Awaitable[object]) -> list[tuple[ErrorCode, str]]:
    with pytest.raises(DomainError) as caught:
        await action
    return [(p.code, p.message) for p in caught.value.problems]


async def tranches() -> list[tuple[object, ...]]:
    return [
        tuple(row)
        for row in await PaymentTranche.all()
        .order_by("position")
        .values_list("position", "paid_on", "payment_started_at", "payee_iban", "payee_holder")
    ]


async def test_handing_over_copies_the_account_and_taking_back_forgets_it(seeded_db):
    who = await people()
    application = await approved(who)
    await factories.bank_account("verein-a", holder="Verein A, Liestal")
    await start_tranche_payment(
        actor=who["approver"], application_id=application.id, position=0, now=HANDED_OVER
    )
    assert await tranches() == [
        (0, None, HANDED_OVER, IBAN_CH, "Verein A, Liestal"),
        (1, None, None, None, None),
    ]
    record = await AuditRecord.filter(action="tranche.start_payment").get()
    assert record.changes == {
        "amount": "28000.00",
        "iban": "CH•• •••• •••• •••• •295 7",
        "holder": "Verein A, Liestal",
    }
    # twice is refused, and so is the last tranche before the final report
    assert await refused(
        start_tranche_payment(actor=who["admin"], application_id=application.id, position=0, now=HANDED_OVER)
    ) == [(ErrorCode.CONFLICT, "Tranche 0 is with the finance office already")]
    assert await refused(
        start_tranche_payment(actor=who["admin"], application_id=application.id, position=1, now=HANDED_OVER)
    ) == [(ErrorCode.INVALID_TRANSITION, "The last tranche is released by an accepted final report")]
    # taking it back makes it unpaid again; a second time is refused
    await cancel_tranche_payment(
        actor=who["admin"], application_id=application.id, position=0, now=HANDED_OVER
    )
    assert await tranches() == [(0, None, None, None, None), (1, None, None, None, None)]
    assert await refused(
        cancel_tranche_payment(actor=who["admin"], application_id=application.id, position=0, now=HANDED_OVER)
    ) == [(ErrorCode.INVALID_TRANSITION, "Tranche 0 is not with the finance office")]
    assert await AuditRecord.filter(action="tranche.cancel_payment").count() == 1


async def test_only_approvers_and_admins_hand_over_and_only_to_an_account(seeded_db):
    who = await people()
    application = await approved(who)
    before = await tranches()
    no_account = "The organisation has no bank account yet; its members or staff enter one first"
    assert await refused(
        start_tranche_payment(
            actor=who["approver"], application_id=application.id, position=0, now=HANDED_OVER
        )
    ) == [(ErrorCode.INVALID_TRANSITION, no_account)]
    assert await refused(
        start_tranche_payment(
            actor=who["reviewer"], application_id=application.id, position=0, now=HANDED_OVER
        )
    ) == [(ErrorCode.FORBIDDEN, "You are not allowed to do this")]
    assert await refused(
        start_tranche_payment(actor=who["a"], application_id=application.id, position=0, now=HANDED_OVER)
    ) == [(ErrorCode.FORBIDDEN, "You are not allowed to do this")]
    assert await tranches() == before


async def test_marking_paid_needs_an_account_and_records_the_one_paid_to(seeded_db):
    who = await people()
    application = await approved(who)
    step: dict[str, Any] = {
        "application_id": application.id,
        "position": 0,
        "now": HANDED_OVER,
        "public_url": PUBLIC_URL,
    }
    # without an account: refused, nothing changed, no mail
    before = (await tranches(), await OutboxMessage.all().count(), await AuditRecord.all().count())
    assert await refused(mark_tranche_paid(actor=who["approver"], paid_on=date(2026, 8, 3), **step)) == [
        (
            ErrorCode.INVALID_TRANSITION,
            "The organisation has no bank account yet; its members or staff enter one first",
        )
    ]
    assert (await tranches(), await OutboxMessage.all().count(), await AuditRecord.all().count()) == before
    # with one, directly (without handing over): the account at that moment is recorded
    await factories.bank_account("verein-a")
    await mark_tranche_paid(actor=who["approver"], paid_on=date(2026, 8, 3), **step)
    assert (await tranches())[0] == (0, date(2026, 8, 3), None, IBAN_CH, "Verein A")
    record = await AuditRecord.filter(action="tranche.pay").get()
    assert record.changes == {
        "paid_on": "2026-08-03",
        "amount": "28000.00",
        "iban": "CH•• •••• •••• •••• •295 7",
        "holder": "Verein A",
    }


async def test_a_tranche_handed_over_is_paid_to_the_account_copied_then(seeded_db):
    who = await people()
    application = await approved(who)
    account = await factories.bank_account("verein-a")
    await start_tranche_payment(
        actor=who["approver"], application_id=application.id, position=0, now=HANDED_OVER
    )
    # the account row changes behind the rules' back (an operator): the payment still goes where handed over
    account.iban = "CH5604835012345678009"
    await account.save()
    await mark_tranche_paid(
        actor=who["admin"],
        application_id=application.id,
        position=0,
        paid_on=date(2026, 8, 3),
        now=HANDED_OVER,
        public_url=PUBLIC_URL,
    )
    assert (await tranches())[0] == (0, date(2026, 8, 3), HANDED_OVER, IBAN_CH, "Verein A")
    # once paid it cannot be taken back
    assert await refused(
        cancel_tranche_payment(actor=who["admin"], application_id=application.id, position=0, now=HANDED_OVER)
    ) == [(ErrorCode.CONFLICT, "Tranche 0 is paid already")]


async def test_the_due_list_holds_unpaid_tranches_due_by_the_day_with_their_status(seeded_db):
    who = await people()
    application = await approved(who)
    # due 2026-08-01 and 2027-07-31: by the end of July 2026 nothing is due
    assert await due_tranches(actor=who["reviewer"], due_on_or_before=date(2026, 7, 31)) == []
    first = DueTranche(
        organisation_slug="verein-a",
        organisation="Verein A",
        holder=None,
        iban=None,
        amount=Decimal("28000.00"),
        reference=application.reference,
        application_id=application.id,
        position=0,
        due_on=date(2026, 8, 1),
        status="NO_ACCOUNT",
        payment_started_at=None,
    )
    assert await due_tranches(actor=who["reviewer"], due_on_or_before=date(2026, 8, 1)) == [first]
    await factories.bank_account("verein-a", holder='=HYPERLINK("http://evil")')
    await start_tranche_payment(
        actor=who["approver"], application_id=application.id, position=0, now=HANDED_OVER
    )
    listed = await due_tranches(actor=who["admin"], due_on_or_before=date(2027, 7, 31))
    holder = '=HYPERLINK("http://evil")'
    assert listed == [
        replace(first, holder=holder, iban=IBAN_CH, status="BEING_PAID", payment_started_at=HANDED_OVER),
        replace(
            first,
            holder=holder,
            iban=IBAN_CH,
            amount=Decimal("7000.00"),
            position=1,
            due_on=date(2027, 7, 31),
            status="AWAITING_FINAL_REPORT",
        ),
    ]
    rows = await payment_rows(actor=who["admin"], due_on_or_before=date(2026, 12, 31))
    assert rows == [
        [
            "organisation",
            "holder",
            "iban",
            "amount",
            "currency",
            "reference",
            "tranche",
            "due_on",
            "status",
            "payment_started_at",
        ],
        [
            "Verein A",
            "'" + holder,
            IBAN_CH,
            Decimal("28000.00"),
            "CHF",
            application.reference,
            0,
            date(2026, 8, 1),
            "BEING_PAID",
            HANDED_OVER,
        ],
    ]
    # paid tranches leave the list; applicants and anonymous callers get none of it
    await mark_tranche_paid(
        actor=who["admin"],
        application_id=application.id,
        position=0,
        paid_on=date(2026, 8, 3),
        now=HANDED_OVER,
        public_url=PUBLIC_URL,
    )
    assert await due_tranches(actor=who["admin"], due_on_or_before=date(2026, 12, 31)) == []
    assert await refused(due_tranches(actor=who["a"], due_on_or_before=date(2026, 12, 31))) == [
        (ErrorCode.FORBIDDEN, "You are not allowed to do this")
    ]
    assert await refused(due_tranches(actor=None, due_on_or_before=date(2026, 12, 31))) == [
        (ErrorCode.UNAUTHENTICATED, "You must be logged in to do this")
    ]


async def test_the_due_list_reads_a_fixed_number_of_queries_however_many_tranches(seeded_db, sql_statements):
    # given one approved project, then a second one of another organisation
    who = await people()
    await approved(who)
    await factories.bank_account("verein-a")
    sql_statements.statements.clear()
    await due_tranches(actor=who["admin"], due_on_or_before=date(2027, 12, 31))
    one = len(sql_statements.statements)
    await factories.organisation("verein-b")
    lead = await factories.user(Role.APPLICANT, email="lead@verein-b.example", organisation="verein-b")
    await approved({**who, "a": lead})
    sql_statements.statements.clear()
    listed = await due_tranches(actor=who["admin"], due_on_or_before=date(2027, 12, 31))
    # then four tranches, read with as many statements as two were
    assert len(listed) == 4
    assert len(sql_statements.statements) == one
