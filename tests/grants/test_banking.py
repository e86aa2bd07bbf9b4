"""Bank accounts: the IBAN and holder rules with plain values, then the audited, mailed change on a database."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import UTC, datetime

import pytest

from grants.banking import check_holder, check_iban, grouped, masked, update_bank_account
from grants.errors import DomainError, ErrorCode, Problem
from grants.models import AuditRecord, BankAccount, Organisation, OutboxMessage, PaymentTranche, Role
from grants.payments import start_tranche_payment
from tests import factories
from tests.factories import IBAN_CH, IBAN_LI, PUBLIC_URL
from tests.factories_payments import approved, people

CHANGED_AT = datetime(2026, 11, 27, 14, 5, tzinfo=UTC)
OTHER_CH = "CH5604835012345678009"
NOT_CH_OR_LI = "Only Swiss (CH) or Liechtenstein (LI) IBANs can be paid to; this one is from {country}"


def test_a_swiss_iban_is_kept_in_its_electronic_form():
    assert check_iban("CH93 0076 2011 6238 5295 7") == IBAN_CH


def test_a_liechtenstein_iban_is_accepted():
    assert check_iban("LI21 0881 0000 2324 013A A") == IBAN_LI


def test_spaces_and_lower_case_are_normalised():
    assert check_iban("  ch93 0076\t2011 6238 5295 7 ") == IBAN_CH
    assert check_iban("li2108810000232401 3aa") == IBAN_LI


def test_a_valid_german_iban_is_refused_as_not_swiss_or_liechtenstein():
    assert check_iban("DE89 3704 0044 0532 0130 00") == Problem(
        ErrorCode.INVALID, NOT_CH_OR_LI, ("iban",), country="DE"
    )


def test_a_wrong_check_digit_is_refused():
    assert check_iban("CH93 0076 2011 6238 5295 8") == Problem(
        ErrorCode.INVALID, "This IBAN is mistyped: its check digits do not match", ("iban",)
    )


@pytest.mark.parametrize("text", ["CH93 0076 2011 6238 5295", "CH93 0076 2011 6238 5295 7!", "1234", "CH"])
def test_what_is_no_iban_at_all_is_refused_with_an_example(text):
    assert check_iban(text) == Problem(
        ErrorCode.INVALID,
        "Enter an IBAN as printed on a bank statement, e.g. CH93 0076 2011 6238 5295 7",
        ("iban",),
    )


def test_an_empty_iban_is_asked_for():
    assert check_iban("   ") == Problem(ErrorCode.INVALID, "Enter the IBAN", ("iban",))


def test_a_qr_iban_is_refused():
    # IID 30808 lies in the QR range 30000–31999 (the example of the Swiss QR bill standard)
    assert check_iban("CH44 3199 9123 0008 8901 2") == Problem(
        ErrorCode.INVALID, "This is a QR-IBAN, for QR bills only; enter the account's IBAN", ("iban",)
    )


def test_the_holder_is_trimmed_and_bounded():
    assert check_holder("  Verein   Brückenbauer\n Liestal ") == "Verein Brückenbauer Liestal"
    assert check_holder("x" * 70) == "x" * 70
    assert check_holder("x" * 71) == Problem(
        ErrorCode.INVALID, "The account holder's name is at most {limit} characters", ("holder",), limit=70
    )
    assert check_holder(" \t") == Problem(ErrorCode.INVALID, "Enter the account holder's name", ("holder",))


def test_an_iban_is_shown_in_groups_of_four_and_masked_but_for_its_last_four():
    assert grouped(IBAN_CH) == "CH93 0076 2011 6238 5295 7"
    assert masked(IBAN_CH) == "CH•• •••• •••• •••• •295 7"
    assert masked(None) is None


async def refused(action: Awaitable[object]) -> list[tuple[ErrorCode, tuple[str, ...]]]:
    with pytest.raises(DomainError) as caught:
        await action
    return [(p.code, p.field) for p in caught.value.problems]


async def state() -> tuple[object, ...]:
    """Everything a change of account writes: the accounts, the audit, the outbox."""
    return (
        await BankAccount.all().order_by("id").values_list("organisation_id", "iban", "holder"),
        await AuditRecord.all().count(),
        await OutboxMessage.all().count(),
    )


def change(
    actor, iban: str = "ch93 0076 2011 6238 5295 7", holder: str = " Verein A ", slug: str = "verein-a"
):
    return update_bank_account(
        actor=actor, organisation=slug, iban=iban, holder=holder, now=CHANGED_AT, public_url=PUBLIC_URL
    )


async def test_a_member_sets_the_account_audited_masked_and_mailed_to_every_active_member(seeded_db):
    # given an organisation with two active members (de, fr) and a former one
    who = await people()
    # when a member enters the account
    await change(who["a"])
    # then it is stored in its electronic form, the holder trimmed
    organisation = await Organisation.get(slug="verein-a")
    account = await BankAccount.get(organisation_id=organisation.id)
    assert (account.iban, account.holder, account.updated_at, account.updated_by_id) == (
        IBAN_CH,
        "Verein A",
        CHANGED_AT,
        who["a"].id,
    )
    # and audited with the IBANs masked
    record = await AuditRecord.filter(action="bank_account.update").get()
    assert (record.actor_id, record.entity_type, record.entity_id, record.changes) == (
        who["a"].id,
        "Organisation",
        organisation.id,
        {"iban": [None, "CH•• •••• •••• •••• •295 7"], "holder": [None, "Verein A"]},
    )
    # and every active member is told in their language, the former member not
    mails = await OutboxMessage.filter(kind="BANK_ACCOUNT_CHANGED").order_by("recipient")
    assert [(m.recipient, m.language, m.subject) for m in mails] == [
        ("a@verein-a.example", "de", "Bankverbindung von Verein A geändert"),
        ("b@verein-a.example", "fr", "Coordonnées bancaires de Verein A modifiées"),
    ]
    assert (
        f"am 27.11.2026 14:05 UTC von {who['a'].display_name} (a@verein-a.example) geändert" in mails[0].body
    )
    assert "CH•• •••• •••• •••• •295 7" in mails[0].body
    assert IBAN_CH not in mails[0].body
    assert IBAN_CH not in mails[0].html_body
    assert f"{PUBLIC_URL}/account/organisation/bank-account" in mails[0].body


async def test_a_second_change_audits_old_and_new_and_the_same_account_again_changes_nothing(seeded_db):
    who = await people()
    await change(who["a"])
    await change(who["approver"], iban=IBAN_LI, holder="Verein A, Vaduz")
    record = await AuditRecord.filter(action="bank_account.update").order_by("-id").first()
    assert record is not None
    assert (record.actor_id, record.changes) == (
        who["approver"].id,
        {
            "iban": ["CH•• •••• •••• •••• •295 7", "LI•• •••• •••• •••• •13A A"],
            "holder": ["Verein A", "Verein A, Vaduz"],
        },
    )
    before = await state()
    await change(who["admin"], iban="LI21 0881 0000 2324 013A A", holder="Verein A, Vaduz")
    assert await state() == before


async def test_reviewers_foreign_applicants_and_bad_input_are_refused_and_nothing_changes(seeded_db):
    who = await people()
    await factories.organisation("verein-b")
    foreign = await factories.user(Role.APPLICANT, email="x@verein-b.example", organisation="verein-b")
    await change(who["a"])
    before = await state()
    assert await refused(change(who["reviewer"], iban=OTHER_CH)) == [(ErrorCode.FORBIDDEN, ())]
    assert await refused(change(foreign, iban=OTHER_CH)) == [(ErrorCode.NOT_FOUND, ("organisation",))]
    assert await refused(change(None, iban=OTHER_CH)) == [(ErrorCode.UNAUTHENTICATED, ())]
    assert await refused(change(who["a"], iban=OTHER_CH, slug="no-such")) == [
        (ErrorCode.NOT_FOUND, ("organisation",))
    ]
    assert await refused(change(who["a"], iban="DE89370400440532013000", holder="")) == [
        (ErrorCode.INVALID, ("iban",)),
        (ErrorCode.INVALID, ("holder",)),
    ]
    assert await state() == before


async def test_the_account_cannot_change_while_a_tranche_is_being_paid(seeded_db):
    # given a tranche of the organisation handed to the finance office
    who = await people()
    application = await approved(who)
    await change(who["a"])
    await start_tranche_payment(
        actor=who["approver"], application_id=application.id, position=0, now=CHANGED_AT
    )
    before = await state()
    # when anyone tries to change the account, then it is refused and nothing changed
    for actor in (who["a"], who["admin"]):
        with pytest.raises(DomainError) as caught:
            await change(actor, iban=OTHER_CH)
        assert [(p.code, p.field, p.message) for p in caught.value.problems] == [
            (
                ErrorCode.CONFLICT,
                ("organisation",),
                "A tranche of this organisation is being paid; the bank account can change once the "
                "finance office has paid it or the payment was cancelled",
            )
        ]
    assert await state() == before
    tranche = await PaymentTranche.get(award__application_id=application.id, position=0)
    assert (tranche.payee_iban, tranche.payee_holder) == (IBAN_CH, "Verein A")
