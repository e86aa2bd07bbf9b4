"""A change of account and a hand-over at the same moment, many rounds, on SQLite and PostgreSQL:
the account copied onto a tranche being paid is always the organisation's account."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from grants.banking import update_bank_account
from grants.models import BankAccount, PaymentTranche
from grants.payments import cancel_tranche_payment, start_tranche_payment
from tests import factories
from tests.factories import IBAN_CH, PUBLIC_URL
from tests.factories_payments import approved, people
from tests.grants.test_races import later

ROUNDS = 12
ACCOUNTS = (IBAN_CH, "CH5604835012345678009")
NOW = datetime(2026, 8, 1, 8, 0, tzinfo=UTC)


async def test_a_change_and_a_hand_over_at_once_never_pay_to_a_stale_account(seeded_db):
    who = await people()
    application = await approved(who)
    account = await factories.bank_account("verein-a")
    outcomes: set[tuple[str, str]] = set()
    for round_ in range(ROUNDS):
        change = update_bank_account(
            actor=who["a"],
            organisation="verein-a",
            iban=ACCOUNTS[(round_ + 1) % 2],
            holder="Verein A",
            now=NOW,
            public_url=PUBLIC_URL,
        )
        hand_over = start_tranche_payment(
            actor=who["approver"], application_id=application.id, position=0, now=NOW
        )
        changed, handed = await asyncio.gather(
            later((round_ % 4) * 8, change), later((round_ // 4) * 8, hand_over)
        )
        outcomes.add((changed, handed))
        tranche = await PaymentTranche.get(award__application_id=application.id, position=0)
        current = await BankAccount.get(id=account.id)
        assert handed == "OK"
        assert changed in {"OK", "CONFLICT"}
        assert tranche.payee_iban == current.iban
        await cancel_tranche_payment(actor=who["admin"], application_id=application.id, position=0, now=NOW)
    assert outcomes <= {("OK", "OK"), ("CONFLICT", "OK")}
